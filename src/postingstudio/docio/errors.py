"""Typed errors for reading and writing documents, each naming the file and a human reason.

Every failure that a person can meet with a real file (wrong format, damaged archive, password,
legacy Word, zip bomb, unsafe XML, a file that cannot be written) is one of these classes, so the
UI and the CLI can show ``str(error)`` as one line instead of a traceback. ``reason`` is written
for the person at the keyboard: what is wrong and, where there is one, what to do about it.
"""

from __future__ import annotations

import os


class DocumentError(Exception):
    """Base class: ``path`` is the file concerned, ``reason`` says what is wrong in plain words."""

    def __init__(self, path: str | os.PathLike[str] | None, reason: str) -> None:
        self.path = os.fspath(path) if path is not None else ""
        self.reason = reason
        super().__init__(f"{self.path}: {reason}" if self.path else reason)


class FileUnreadable(DocumentError):
    """The file is missing, is a folder, or the system refused to let us read it."""


class UnsupportedFormat(DocumentError):
    """A file type Posting Studio does not read or write (for example .rtf or .odt)."""


class NotADocx(DocumentError):
    """Not a Word document at all: plain text renamed to .docx, a PDF, an image, another zip."""


class CorruptArchive(DocumentError):
    """The .docx zip archive is truncated or damaged."""


class CorruptDocument(DocumentError):
    """The archive opens but a part Word needs is missing or its XML is damaged."""


class Encrypted(DocumentError):
    """A password-protected (encrypted) Word document; it must be saved without a password."""


class LegacyDoc(DocumentError):
    """A Word 97–2003 binary .doc; it must be re-saved as .docx first."""


class TooLarge(DocumentError):
    """The file or its text is bigger than Posting Studio is willing to read."""


class ZipBomb(TooLarge):
    """The archive would expand to far more than it holds (a zip bomb or a damaged size field)."""


class UnsafeXml(DocumentError):
    """The XML declares a DTD or entities; refused, so no entity is expanded or fetched."""


class ExportError(DocumentError):
    """Writing an export failed; the previous file at that path, if any, is left intact."""


class TargetExists(ExportError):
    """The export would replace an existing file (possibly the source) without ``overwrite``."""
