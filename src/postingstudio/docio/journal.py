"""The recovery journal: an append-only, checksummed record of unsaved work, one per window.

Layout: ``<recovery root>/<session id>/`` per running window (instance), holding

* ``owner.lock`` — held with an exclusive ``flock`` for as long as the window lives, so another
  instance can tell a live window's journal (lock taken) from an orphan (lock free) without
  trusting a pid, which the system may reuse;
* ``owner.json`` — pid and start time, for people reading the folder;
* ``journal`` — one record per line: ``<crc32 hex> <json>``. A record is ``{"seq", "at",
  "slot", "entry"}``; ``slot`` is ``document`` or ``competitor:<key>``, ``entry`` the slot's
  whole current state or ``null`` (the slot was saved, closed or removed). Reading keeps the
  last valid record of each slot, so a line torn by ``kill -9`` or a power cut costs at most that
  one change, never the earlier ones. Appends are one ``write`` of the whole line; when the file
  has grown to many times its live content it is rewritten compactly with an atomic replace.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
import threading
import time
import uuid
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from postingstudio.core.model import Posting

from .atomic import write_atomic
from .serial import posting_from_data, posting_to_data

try:  # POSIX; elsewhere a live pid stands in for the lock
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]

SCHEMA = 2
JOURNAL = "journal"
LOCK = "owner.lock"
OWNER = "owner.json"
DOCUMENT = "document"
COMPACT_FACTOR = 8  # rewrite when the file is this many times the live records
COMPACT_FLOOR = 256 * 1024


@dataclass(frozen=True)
class Entry:
    """What one slot needs to come back: the posting, a name, and the file it belongs to.

    ``source_sha256`` is the hash of the source package when it was opened, so a restored
    posting is saved losslessly into that package only if it is still the same file.
    """

    posting: Posting
    name: str = ""
    source_path: str | None = None
    source_sha256: str | None = None
    saved_at: float = 0.0

    def to_data(self) -> dict[str, Any]:
        return {
            "posting": posting_to_data(self.posting),
            "name": self.name,
            "source_path": self.source_path,
            "source_sha256": self.source_sha256,
        }

    @staticmethod
    def from_data(data: dict[str, Any], saved_at: float) -> Entry:
        return Entry(
            posting_from_data(data["posting"]),
            str(data.get("name") or ""),
            data.get("source_path"),
            data.get("source_sha256"),
            saved_at,
        )


def sha256_of(path: str | os.PathLike[str]) -> str | None:
    """The file's SHA-256 in hex, read in 1 MiB chunks; None when it cannot be read."""
    digest = hashlib.sha256()
    try:
        with open(path, "rb") as stream:
            for chunk in iter(lambda: stream.read(1 << 20), b""):
                digest.update(chunk)
    except OSError:
        return None
    return digest.hexdigest()


def _line(record: dict[str, Any]) -> bytes:
    body = json.dumps(record, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    return b"%08x %s\n" % (zlib.crc32(body), body)


def read_slots(path: Path) -> dict[str, Entry]:
    """The last valid state of every slot in a journal file (torn or damaged lines skipped)."""
    latest: dict[str, tuple[float, dict[str, Any] | None]] = {}
    try:
        data = path.read_bytes()
    except OSError:
        return {}
    for raw in data.split(b"\n"):
        if len(raw) < 10 or raw[8:9] != b" ":
            continue
        body = raw[9:]
        try:
            if int(raw[:8], 16) != zlib.crc32(body):
                continue
            record = json.loads(body)
            if record.get("schema") != SCHEMA:
                continue
            latest[str(record["slot"])] = (float(record.get("at", 0)), record.get("entry"))
        except (ValueError, KeyError, TypeError):
            continue
    slots: dict[str, Entry] = {}
    for slot, (at, entry) in latest.items():
        if entry is None:
            continue
        try:
            slots[slot] = Entry.from_data(entry, at)
        except (ValueError, KeyError, TypeError):
            continue  # a record from an incompatible version: skip it, keep the others
    return slots


class Journal:
    """Appends slot states to one journal file; compacts it now and then."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._live: dict[str, bytes] = {}
        self._size = path.stat().st_size if path.exists() else 0
        self._seq = 0
        self._syncer = _Syncer(path)

    def write(self, slot: str, entry: Entry | None) -> None:
        self._seq += 1
        record = {
            "schema": SCHEMA,
            "seq": self._seq,
            "at": time.time(),
            "slot": slot,
            "entry": entry.to_data() if entry is not None else None,
        }
        line = _line(record)
        if entry is None:
            self._live.pop(slot, None)
        else:
            self._live[slot] = line
        live = sum(len(item) for item in self._live.values())
        if self._size + len(line) > max(COMPACT_FLOOR, COMPACT_FACTOR * live):
            self.compact()
            return
        fd = os.open(self.path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
        try:
            os.write(fd, line)  # one write: another reader never sees half our earlier lines
        finally:
            os.close(fd)
        self._size += len(line)
        self._syncer.request()

    def compact(self) -> None:
        content = b"".join(self._live.values())
        write_atomic(self.path, content)
        self._size = len(content)

    @property
    def empty(self) -> bool:
        return not self._live


class _Syncer:
    """Flushes the journal to the disk on a thread of its own.

    Once ``write`` returns, the record is in the system's cache and survives the app being
    killed; ``fsync`` is for a power cut, and can take a busy disk tens of milliseconds, which
    the typing thread must not wait for.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self._wanted = threading.Event()
        self._thread: threading.Thread | None = None

    def request(self) -> None:
        self._wanted.set()
        if self._thread is None:
            self._thread = threading.Thread(target=self._run, name="journal-fsync", daemon=True)
            self._thread.start()

    def _run(self) -> None:
        while True:
            self._wanted.wait()
            self._wanted.clear()
            with contextlib.suppress(OSError):
                fd = os.open(self.path, os.O_RDONLY)
                try:
                    os.fsync(fd)
                finally:
                    os.close(fd)


class SessionDir:
    """One instance's folder in the recovery root, locked while the instance lives."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._lock_fd: int | None = None

    @staticmethod
    def create(root: Path) -> SessionDir:
        name = f"{time.strftime('%Y%m%d-%H%M%S')}-{os.getpid()}-{uuid.uuid4().hex[:8]}"
        session = SessionDir(root / name)
        session.path.mkdir(parents=True, exist_ok=True)
        if not session.claim():
            raise OSError(f"cannot lock the new recovery folder {session.path}")
        owner = {"pid": os.getpid(), "started": time.time()}
        (session.path / OWNER).write_text(json.dumps(owner), encoding="utf-8")
        return session

    @property
    def journal_path(self) -> Path:
        return self.path / JOURNAL

    def claim(self) -> bool:
        """Take the lock; False if a live instance holds it."""
        if self._lock_fd is not None:
            return True
        try:
            fd = os.open(self.path / LOCK, os.O_RDWR | os.O_CREAT, 0o600)
        except OSError:
            return False
        if fcntl is not None:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError:
                os.close(fd)
                return False
        elif _owner_alive(self.path):  # pragma: no cover - Windows
            os.close(fd)
            return False
        self._lock_fd = fd
        return True

    def release(self) -> None:
        if self._lock_fd is not None:
            with contextlib.suppress(OSError):
                os.close(self._lock_fd)  # closing the descriptor drops the flock
            self._lock_fd = None

    def slots(self) -> dict[str, Entry]:
        return read_slots(self.journal_path)

    def remove(self) -> None:
        """Delete the folder (after its work was restored, discarded, or saved)."""
        shutil.rmtree(self.path, ignore_errors=True)
        self.release()


def _owner_alive(path: Path) -> bool:  # pragma: no cover - used where flock is missing
    try:
        pid = int(json.loads((path / OWNER).read_text(encoding="utf-8"))["pid"])
        os.kill(pid, 0)
    except (OSError, ValueError, KeyError):
        return False
    return pid != os.getpid()


def claim_orphans(root: Path, exclude: Path | None = None) -> list[SessionDir]:
    """Lock every session folder whose instance is gone; empty ones are deleted on the way.

    The claimed folders stay locked by this process until it restores or discards them (or
    dies, which frees them for the next start): two instances never offer the same work.
    """
    if not root.is_dir():
        return []
    found: list[tuple[float, SessionDir]] = []
    for path in sorted(root.iterdir()):
        if not path.is_dir() or path == exclude:
            continue
        session = SessionDir(path)
        if not session.claim():
            continue  # a live window's journal
        slots = session.slots()
        if not slots:
            session.remove()
            continue
        found.append((max(entry.saved_at for entry in slots.values()), session))
    found.sort(key=lambda item: item[0])
    return [session for _at, session in found]
