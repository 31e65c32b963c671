"""The source .docx of an editing session, kept from the moment it is opened.

``open_source(path)`` reads the file once and keeps its bytes, its parsed package and the
posting read from it (every block carries the ``source_id`` of the paragraph it came from).
Saving writes the editor's blocks back into *this* package (:mod:`.lossless`), never into
whatever is on disk at save time; :meth:`SourceDocument.disk_state` tells whether another
program changed, moved or deleted the file since it was opened (or last saved by us).
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

from postingstudio.core.model import Posting

from .docx_reader import DocxReading, read_docx
from .errors import TooLargeError
from .package import read_bytes


@dataclass(frozen=True)
class Fingerprint:
    """Size, mtime and hash of the source as read, to tell whether
    another program saved it since."""

    size: int
    mtime_ns: int
    sha256: str

    @staticmethod
    def of_bytes(data: bytes, path: str) -> Fingerprint:
        stat = os.stat(path)
        return Fingerprint(len(data), stat.st_mtime_ns, hashlib.sha256(data).hexdigest())


class SourceDocument:
    """A .docx as it was opened: the package every save writes the edits into."""

    def __init__(self, path: str, data: bytes, reading: DocxReading) -> None:
        self.path = path  # the file that is "ours" on disk: as opened, or as last saved
        self.opened_path = path
        self.data = data
        self.reading = reading
        self.fingerprint = Fingerprint.of_bytes(data, path)

    @property
    def posting(self) -> Posting:
        return self.reading.posting

    def cannot_write_back(self, target: str) -> str | None:
        """Why ``target`` (the opened file) must not be overwritten in place; None if it may."""
        if os.path.abspath(target) != os.path.abspath(self.opened_path):
            return None
        if self.reading.package.macro_enabled or Path(target).suffix.lower() == ".docm":
            return "it contains macros, which a .docx cannot hold"
        if self.reading.package.strict:
            return "it is a Strict Open XML document, which is saved as a standard .docx"
        if Path(target).suffix.lower() in (".dotx", ".dotm"):
            return "it is a Word template"
        return None

    def disk_state(self, path: str | None = None) -> str:
        """The file on disk against what was read: "same", "changed" (another program saved it)
        or "missing" (moved or deleted)."""
        target = path or self.path
        try:
            stat = os.stat(target)
        except FileNotFoundError:
            return "missing"
        except OSError:
            return "missing"
        known = self.fingerprint
        if stat.st_size == known.size and stat.st_mtime_ns == known.mtime_ns:
            return "same"
        try:
            digest = hashlib.sha256(Path(target).read_bytes()).hexdigest()
        except OSError:
            return "missing"
        return "same" if digest == known.sha256 and stat.st_size == known.size else "changed"

    def written(self, path: str) -> None:
        """We have just written ``path``: that file is now what "unchanged on disk" means."""
        data = Path(path).read_bytes()
        self.path = path
        self.fingerprint = Fingerprint.of_bytes(data, path)


def open_source(path: str | os.PathLike[str]) -> SourceDocument:
    """Read a .docx/.docm once; raises :class:`DocumentError` subclasses like ``load_posting``."""
    name = os.fspath(path)
    data = read_bytes(name)
    try:
        return SourceDocument(name, data, read_docx(name, data))
    except RecursionError:
        raise TooLargeError(name, "the document is nested too deeply to read") from None
    except MemoryError:
        raise TooLargeError(
            name, "the document is too large to read in the memory available"
        ) from None


def beside_as_docx(path: str) -> str:
    """A new .docx next to ``path`` that does not overwrite anything ("name (edited).docx")."""
    original = Path(path)
    candidate = original.with_suffix(".docx")
    number = 1
    while candidate.exists() or candidate == original:
        suffix = " (edited)" if number == 1 else f" (edited {number})"
        candidate = original.with_name(f"{original.stem}{suffix}.docx")
        number += 1
    return str(candidate)
