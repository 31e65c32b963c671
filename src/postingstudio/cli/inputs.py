"""Reading a posting file for the CLI, turning every failure into one line a person understands.

The CLI reads through the same :func:`postingstudio.docio.load.load_posting` as the app, so a
.docx renamed to .txt opens in both and binary garbage is refused by both; python-docx is only
imported when a Word file is read. The one line names what is wrong and what to do; the
technical cause is logged at debug level (``postingstudio --debug check …``).
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

from postingstudio.core.model import Posting

log = logging.getLogger(__name__)


class InputError(Exception):
    """A posting the CLI cannot read: ``reason`` is shown to the user, ``detail`` only logged."""

    def __init__(self, reason: str, detail: str = "") -> None:
        super().__init__(reason)
        self.reason = reason
        self.detail = detail


def read_posting(path: Path) -> Posting:
    """A Posting from a .txt/.md/.docx/.html file, or :class:`InputError` with the reason."""
    return read_posting_and_text(path)[0]


def read_posting_and_text(path: str | os.PathLike[str]) -> tuple[Posting, str | None]:
    """:func:`read_posting`, and the file's decoded text where ``load_posting_and_text`` keeps
    it (a text file, not a large one)."""
    from postingstudio.docio.errors import DocumentError
    from postingstudio.docio.load import load_posting_and_text

    try:
        return load_posting_and_text(path)
    except DocumentError as error:
        if error.detail:
            log.debug("%s: %s", path, error.detail)
        raise InputError(error.reason, error.detail) from None
    except PermissionError:
        raise InputError(
            "You do not have permission to open this file. Ask whoever owns it for access."
        ) from None
    except OSError as error:
        log.debug("%s: %s", path, error)
        raise InputError(
            "The file cannot be read from the disk. Check that it is still there and try again.",
            str(error),
        ) from None
