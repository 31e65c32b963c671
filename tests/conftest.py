"""Shared test set-up: no network beyond loopback, offscreen Qt, and the shared corpus."""

from __future__ import annotations

import json
import os
import socket
import tempfile
from functools import lru_cache
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# LanguageTool jars that scripts/languagetool-server keeps in the user's cache would make every
# test in automatic grammar mode start a real 1 GB Java server. Tests see an empty cache; the
# real-LanguageTool tests read the original location from here.
REAL_LT_CACHE = os.environ.get("POSTINGSTUDIO_LT_CACHE")
os.environ["POSTINGSTUDIO_LT_CACHE"] = tempfile.mkdtemp(prefix="postingstudio-test-lt-cache-")

REPO = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("POSTINGSTUDIO_SHARED", REPO.parent / "shared"))
CORPUS = SHARED / "corpus"

_LOOPBACK_NAMES = {"localhost", "127.0.0.1", "::1", "0.0.0.0", ""}


def _is_loopback(address: object) -> bool:
    if isinstance(address, tuple) and address:
        host = str(address[0])
    elif isinstance(address, str | bytes):
        return True  # AF_UNIX socket path
    else:
        return False
    return host in _LOOPBACK_NAMES or host.startswith("127.")


_real_connect = socket.socket.connect
_real_connect_ex = socket.socket.connect_ex
_real_getaddrinfo = socket.getaddrinfo


def _guarded_connect(self: socket.socket, address: object) -> None:
    if not _is_loopback(address):
        raise OSError(f"network access blocked in tests (tried {address!r}); loopback only")
    return _real_connect(self, address)


def _guarded_connect_ex(self: socket.socket, address: object) -> int:
    if not _is_loopback(address):
        raise OSError(f"network access blocked in tests (tried {address!r}); loopback only")
    return _real_connect_ex(self, address)


def _guarded_getaddrinfo(host: object, *args: object, **kwargs: object) -> object:
    name = host.decode() if isinstance(host, bytes) else str(host or "")
    if name not in _LOOPBACK_NAMES and not name.startswith("127."):
        raise OSError(f"name lookup blocked in tests ({name!r}); loopback only")
    return _real_getaddrinfo(host, *args, **kwargs)  # type: ignore[arg-type]


socket.socket.connect = _guarded_connect  # type: ignore[method-assign]
socket.socket.connect_ex = _guarded_connect_ex  # type: ignore[method-assign]
socket.getaddrinfo = _guarded_getaddrinfo  # type: ignore[assignment]


def corpus_path(*parts: str) -> Path:
    """A path under the shared corpus, or skip the test saying why."""
    path = CORPUS.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"shared corpus not found at {path} (set POSTINGSTUDIO_SHARED to ../shared)")
    return path


@pytest.fixture(scope="session")
def rulebook():
    from postingstudio.core.rules.rulebook import default_rulebook

    return default_rulebook()


@lru_cache(maxsize=16)
def dev_postings(source: str) -> tuple[dict, ...]:
    """Records of the corpus's dev split from one source (never the holdout split)."""
    path = corpus_path("postings", "postings.jsonl")
    with path.open(encoding="utf-8") as lines:
        records = (json.loads(line) for line in lines)
        return tuple(r for r in records if r["split"] == "dev" and r["source"] == source)


def dev_pair(source: str, mine_ok, theirs_ok, limit: int = 200) -> tuple[dict, dict]:
    """Two different dev postings of one source meeting the two conditions, or skip."""
    rows = dev_postings(source)[:limit]
    for mine in rows:
        if not mine_ok(mine["text"]):
            continue
        for theirs in rows:
            if theirs is not mine and theirs_ok(theirs["text"]):
                return mine, theirs
    pytest.skip(f"no {source} pair in the corpus meets the condition")
