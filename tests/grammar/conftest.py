"""Fixtures for grammar tests: a fake LanguageTool on loopback, and guards that keep these
tests away from the network and from a real LanguageTool download."""

from __future__ import annotations

import os
import shutil
import socket
from collections.abc import Iterator
from pathlib import Path

import pytest

from postingstudio.grammar import GrammarChecker, GrammarConfig, GrammarMode, GrammarState

from .fake_languagetool import FakeLanguageTool

_LOOPBACK = ("127.0.0.1", "::1", "localhost")
# The user's own setting, before the autouse fixture below hides it (for the real-LT test).
ORIGINAL_LTP_PATH = os.environ.get("LTP_PATH")
ORIGINAL_LTP_JAR_DIR_PATH = os.environ.get("LTP_JAR_DIR_PATH")


def _real_languagetool_missing(what: str) -> None:
    """Skip where Java is absent; elsewhere fail in CI (where scripts/test starts the server, so a
    missing one is a broken pipeline) and skip with the fix on a developer's machine."""
    if shutil.which("java") is None:
        pytest.skip("Java is not installed: the real-LanguageTool tests need Java 17+")
    if os.environ.get("CI") == "true":
        pytest.fail(f"CI has Java but {what}; scripts/test should have started it")
    pytest.skip(what)


@pytest.fixture(scope="session")
def real_lt_url() -> str:
    """The URL of a real LanguageTool server, from $POSTINGSTUDIO_LT_URL."""
    from postingstudio.grammar.judge import judge_url

    url = judge_url()
    if url is None:
        _real_languagetool_missing(
            "no LanguageTool server: run `scripts/languagetool-server start` and export "
            "POSTINGSTUDIO_LT_URL=<the URL it prints>"
        )
    assert url is not None
    return url


@pytest.fixture(autouse=True)
def _loopback_only(monkeypatch: pytest.MonkeyPatch) -> None:
    """Fail any connection beyond loopback (the project-wide guard lives in tests/conftest.py;
    this keeps grammar tests honest even when run alone)."""
    real_connect = socket.socket.connect

    def guarded(self: socket.socket, address: object) -> object:
        host = address[0] if isinstance(address, tuple) else address
        if self.family in (socket.AF_INET, socket.AF_INET6) and host not in _LOOPBACK:
            raise AssertionError(f"grammar test tried to reach {address!r}")
        return real_connect(self, address)  # type: ignore[arg-type]

    monkeypatch.setattr(socket.socket, "connect", guarded)


@pytest.fixture(autouse=True)
def _no_languagetool_install(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """Point language-tool-python's download folder at an empty temporary folder, so no test
    sees (or could create) a real install unless it says so."""
    folder = tmp_path / "ltp-downloads"
    monkeypatch.setenv("LTP_PATH", str(folder))
    monkeypatch.delenv("LTP_JAR_DIR_PATH", raising=False)
    # ... nor the Maven jars that scripts/languagetool-server keeps in the user's cache.
    monkeypatch.setenv("POSTINGSTUDIO_LT_CACHE", str(tmp_path / "lt-cache"))
    return folder


@pytest.fixture
def fake_lt() -> Iterator[FakeLanguageTool]:
    server = FakeLanguageTool()
    yield server
    server.stop()


@pytest.fixture
def server_config(fake_lt: FakeLanguageTool, tmp_path: Path) -> GrammarConfig:
    return GrammarConfig(
        mode=GrammarMode.SERVER,
        server_url=fake_lt.url,
        timeout_s=5.0,
        personal_words_path=tmp_path / "words.txt",
    )


@pytest.fixture
def states() -> list[GrammarState]:
    return []


@pytest.fixture
def checker(server_config: GrammarConfig, states: list[GrammarState]) -> Iterator[GrammarChecker]:
    made = GrammarChecker(server_config, on_state=states.append)
    yield made
    made.close()
