"""Typed errors for reading and writing documents, each naming the file and a human reason.

Every failure that a person can meet with a real file (wrong format, damaged archive, password,
legacy Word, zip bomb, unsafe XML, a file that cannot be written) is one of these classes, so the
UI and the CLI can show ``str(error)`` as one line instead of a traceback.

Three parts, kept apart: ``problem`` says what is wrong in a writer's words (never a parser's:
no "CRC", "zlib" or "tag mismatch"); ``advice`` says what to do (each class has a default);
``detail`` is the technical cause, shown only under ``--debug`` (CLI, where it is logged) and
behind the "Details…" button (app). ``reason`` is problem plus advice, what every caller shows.
"""

from __future__ import annotations

import logging
import os

log = logging.getLogger(__name__)


class DocumentError(Exception):
    """Base class: ``path`` is the file concerned, ``reason`` says what is wrong in plain words."""

    advice = ""

    def __init__(
        self,
        path: str | os.PathLike[str] | None,
        problem: str,
        *,
        advice: str | None = None,
        detail: str = "",
    ) -> None:
        self.path = os.fspath(path) if path is not None else ""
        self.problem = problem
        self.advice = type(self).advice if advice is None else advice
        self.detail = detail
        self.reason = _sentence(problem) + (f" {_sentence(self.advice)}" if self.advice else "")
        super().__init__(f"{self.path}: {self.reason}" if self.path else self.reason)
        if detail:
            log.debug("%s: %s (detail: %s)", self.path, problem, detail)


def _sentence(text: str) -> str:
    text = text.strip()
    if not text:
        return text
    text = text[0].upper() + text[1:]
    return text if text.endswith((".", "?", "!")) else text + "."


class FileUnreadableError(DocumentError):
    """The file is missing, is a folder, or the system refused to let us read it."""

    advice = "Check the name and that you may open it, then try again."


class UnsupportedFormatError(DocumentError):
    """A file type Posting Studio does not read or write (for example .rtf or .odt)."""

    advice = "Save it as .docx, .txt, .md or .html and open that."


class NotADocxError(DocumentError):
    """Not a Word document at all: plain text renamed to .docx, a PDF, an image, another zip."""

    advice = "Open it in the program that made it and save it as a Word .docx document."


class CorruptArchiveError(DocumentError):
    """The .docx zip archive is truncated or damaged."""

    advice = "Word may repair it: open it in Word and save a copy, then open the copy."


class CorruptDocumentError(DocumentError):
    """The archive opens but a part Word needs is missing or its XML is damaged."""

    advice = "Word may repair it: open it in Word and save a copy, then open the copy."


class EncryptedError(DocumentError):
    """A password-protected (encrypted) Word document; it must be saved without a password."""

    advice = (
        "Open it in Word, remove the password (File › Info › Protect Document) and save it again."
    )


class LegacyDocError(DocumentError):
    """A Word 97–2003 binary .doc; it must be re-saved as .docx first."""

    advice = "Open it in Word or LibreOffice and save it as .docx."


class TooLargeError(DocumentError):
    """The file or its text is bigger than Posting Studio is willing to read."""

    advice = "Split it into smaller files, or save just the posting on its own."


class ZipBombError(TooLargeError):
    """The archive would expand to far more than it holds (a zip bomb or a damaged size field)."""

    advice = "Ask the sender for the document again, or copy its text into a new file."


class UnsafeXmlError(DocumentError):
    """The XML declares a DTD or entities; refused, so no entity is expanded or fetched."""

    advice = "Open it in Word and save a copy; Word writes a safe file."


class ExportError(DocumentError):
    """Writing an export failed; the previous file at that path, if any, is left intact."""

    advice = "Choose another folder or name; the file that was there is unchanged."


class TargetExistsError(ExportError):
    """The export would replace an existing file (possibly the source) without ``overwrite``."""

    advice = ""
