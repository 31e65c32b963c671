"""Atomic file writes: write a temporary file beside the target, flush it to disk, then replace.

A crash, a full disk or a permission error part-way leaves the old file exactly as it was and no
half-written export behind. The target's permission bits are kept when it is replaced, and a
target that exists is only replaced when the caller says so (``overwrite=True``).

A ``kill -9`` between creating the temporary file and the replace cannot be caught, so the
temporary file's name carries the writer's pid (``.target.<pid>.<random>.tmp``) and, when the
app has set a ledger folder (:func:`use_ledger`), each write in flight is listed there. Orphans
are removed on the next start (:func:`clean_orphans`) and by the next write into the same
folder (temporary files of the same target whose writer is gone).
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import stat
import tempfile
import time
import uuid
from collections.abc import Callable
from pathlib import Path

from .errors import ExportError, TargetExistsError


def check_target(
    path: str | os.PathLike[str], *, overwrite: bool, source: str | None = None
) -> None:
    """Refuse to replace an existing file (above all the source) unless ``overwrite`` is set."""
    target = Path(path)
    if target.is_dir():
        raise ExportError(target, "this is a folder; give a file name to export to")
    if not target.exists() or overwrite:
        return
    if source and _same(target, source):
        raise TargetExistsError(
            target,
            "this is the document being exported; choose another name, or pass --overwrite to "
            "replace it",
        )
    raise TargetExistsError(
        target, "the file already exists; choose another name or pass --overwrite"
    )


def write_blocker(path: str | os.PathLike[str]) -> str | None:
    """Why ``path`` must not be replaced although it is there: the file, or its folder, is
    read-only (locked). Checked before writing, since replacing a read-only file works on POSIX
    (the folder allows it) and root may write anywhere, yet the writer marked it not to be
    changed. A Windows folder's read-only flag means nothing for writes, so only its access
    counts there."""
    target = Path(path)
    try:
        mode = target.stat().st_mode
    except OSError:
        mode = None
    if mode is not None and (not mode & 0o222 or not os.access(target, os.W_OK)):
        return "the file is read-only"
    folder = target.parent if str(target.parent) else Path(".")
    try:
        folder_mode = folder.stat().st_mode
    except OSError:
        return None
    if not os.access(folder, os.W_OK) or (os.name != "nt" and not folder_mode & 0o222):
        return "its folder is read-only"
    return None


def _same(a: Path, b: str) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


def write_atomic(path: str | os.PathLike[str], data: bytes | Callable[[str], None]) -> None:
    """Write ``data`` (bytes, or a function that writes a given temporary path) atomically."""
    target = Path(path)
    directory = target.parent if str(target.parent) else Path(".")
    if not directory.is_dir():
        raise ExportError(target, f"the folder {directory} does not exist")
    mode = None
    with contextlib.suppress(OSError):
        mode = stat.S_IMODE(target.stat().st_mode)
    _remove_stale_siblings(directory, target.name)
    try:
        handle, temporary = tempfile.mkstemp(
            prefix=f".{target.name}.{os.getpid()}.", suffix=".tmp", dir=directory
        )
    except OSError as error:
        raise ExportError(target, _reason(error, "cannot create a file in this folder")) from None
    entry = _note_in_flight(temporary)
    try:
        if callable(data):
            os.close(handle)
            data(temporary)
            with open(temporary, "rb+") as stream:
                os.fsync(stream.fileno())
        else:
            with os.fdopen(handle, "wb") as stream:
                stream.write(data)
                stream.flush()
                os.fsync(stream.fileno())
        if mode is not None:
            os.chmod(temporary, mode)
        else:
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(temporary, 0o666 & ~umask)
        os.replace(temporary, target)
    except OSError as error:
        _discard(temporary)
        raise ExportError(target, _reason(error, "the file could not be written")) from None
    except BaseException:
        _discard(temporary)
        raise
    finally:
        if entry is not None:
            _discard(str(entry))


_ledger: Path | None = None
STALE_UNKNOWN_SECONDS = 24 * 3600  # a temp file without a pid (older versions): a day old is stale


def use_ledger(folder: str | os.PathLike[str] | None) -> None:
    """List each write in flight in ``folder``: :func:`clean_orphans` finds what a crash left."""
    global _ledger
    _ledger = Path(folder) if folder is not None else None


def _note_in_flight(temporary: str) -> Path | None:
    if _ledger is None:
        return None
    entry = _ledger / f"{os.getpid()}-{uuid.uuid4().hex}.json"
    try:
        _ledger.mkdir(parents=True, exist_ok=True)
        entry.write_text(json.dumps({"pid": os.getpid(), "temporary": temporary}), "utf-8")
    except OSError:
        return None  # the ledger is a help, never a reason to refuse a save
    return entry


def clean_orphans(folder: str | os.PathLike[str]) -> list[str]:
    """Remove temporary files that writers which are gone left behind; returns what went."""
    removed: list[str] = []
    ledger = Path(folder)
    if not ledger.is_dir():
        return removed
    for entry in ledger.glob("*.json"):
        try:
            record = json.loads(entry.read_text("utf-8"))
            pid, temporary = int(record["pid"]), str(record["temporary"])
        except (OSError, ValueError, KeyError, TypeError):
            _discard(str(entry))
            continue
        if _alive(pid):
            continue
        if os.path.exists(temporary):
            _discard(temporary)
            removed.append(temporary)
        _discard(str(entry))
    return removed


def _remove_stale_siblings(directory: Path, name: str) -> None:
    with contextlib.suppress(OSError):
        for candidate in directory.glob(f".{name}.*.tmp"):
            owner = candidate.name[len(name) + 2 :].split(".", 1)[0]
            if owner.isdigit():
                stale = not _alive(int(owner))
            else:
                stale = time.time() - candidate.stat().st_mtime > STALE_UNKNOWN_SECONDS
            if stale:
                _discard(str(candidate))


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # exists, but not ours to signal
    return True


def _discard(temporary: str) -> None:
    with contextlib.suppress(OSError):
        os.unlink(temporary)


def _reason(error: OSError, fallback: str) -> str:
    if error.errno in (errno.EACCES, errno.EPERM):
        return "permission denied; the file or its folder is read-only"
    if error.errno == errno.ENOSPC:
        return "the disk is full; nothing was changed"
    if error.errno == errno.EROFS:
        return "the disk is read-only"
    detail = error.strerror or str(error)
    return f"{fallback} ({detail})"
