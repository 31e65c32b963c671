"""Atomic file writes: write a temporary file beside the target, flush it to disk, then replace.

A crash, a full disk or a permission error part-way leaves the old file exactly as it was and no
half-written export behind. The target's permission bits are kept when it is replaced, and a
target that exists is only replaced when the caller says so (``overwrite=True``).
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import tempfile
from collections.abc import Callable
from pathlib import Path

from .errors import ExportError, TargetExists


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
        raise TargetExists(
            target,
            "this is the document being exported; choose another name, or pass --overwrite to "
            "replace it",
        )
    raise TargetExists(target, "the file already exists; choose another name or pass --overwrite")


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
    try:
        handle, temporary = tempfile.mkstemp(
            prefix=f".{target.name}.", suffix=".tmp", dir=directory
        )
    except OSError as error:
        raise ExportError(target, _reason(error, "cannot create a file in this folder")) from None
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
