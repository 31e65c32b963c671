"""Read any supported file into a :class:`Posting`: ``load_posting(path)``.

What a file *is* is decided from its first bytes, and only then from its extension: a .docx
renamed to .txt still opens as a Word document, and a PDF renamed to .docx gets a clear "this is
a PDF" instead of a zip error. Text is decoded by :mod:`.text_reader` (byte-order marks, UTF-8,
then ``charset-normalizer``), the same reader the CLI uses, so both accept and refuse alike.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

from postingstudio.core.model import Posting
from postingstudio.core.plaintext import parse_text

from . import formats, safety, text_reader
from .errors import DocumentError, TooLarge, UnsupportedFormat
from .package import read_bytes
from .styles import MAX_CHAIN

log = logging.getLogger(__name__)

DOCX_EXTENSIONS = (".docx", ".docm", ".dotx", ".dotm", ".doc")
TEXT_EXTENSIONS = (".txt", ".text", "")
MARKDOWN_EXTENSIONS = (".md", ".markdown")
HTML_EXTENSIONS = (".html", ".htm", ".xhtml")
READ_FORMATS = formats.read_suffixes()
MAX_TEXT_BYTES = 20 * 1024 * 1024  # a posting is a few KB; 20 MB of text is not a posting
STYLE_CHAIN_LIMIT = MAX_CHAIN  # how far a basedOn chain is followed


def load_posting(path: str | os.PathLike[str]) -> Posting:
    """Read ``path`` into a posting, or raise a :class:`DocumentError` subclass saying why not."""
    name = os.fspath(path)
    data = read_bytes(name)
    kind = safety.sniff(data[:64])
    extension = Path(name).suffix.lower()
    if kind in ("zip", "ole"):
        return _read_docx(name, data)
    if extension in DOCX_EXTENSIONS:
        return _read_docx(name, data)  # raises NotADocx/LegacyDoc with the right words
    if kind not in ("text", safety.UNKNOWN_BINARY):  # a PDF, an image: said by name
        raise UnsupportedFormat(name, f"this is {kind}, which Posting Studio cannot read")
    if extension not in TEXT_EXTENSIONS + MARKDOWN_EXTENSIONS + HTML_EXTENSIONS:
        raise UnsupportedFormat(
            name, f"Posting Studio reads {', '.join(READ_FORMATS)} files, not {extension} files"
        )
    if len(data) > MAX_TEXT_BYTES:
        raise TooLarge(
            name, f"the text is {len(data) / 1048576:,.1f} MB, more than the 20 MB a posting may be"
        )
    decoded = text_reader.decode_text(name, data)
    del data  # a large file's bytes need not live on beside its text
    text = decoded.text
    if extension in HTML_EXTENSIONS or (
        not extension and text.lstrip()[:15].lower().startswith(("<!doctype html", "<html"))
    ):
        from .html_reader import parse_html

        posting = parse_html(text, source_path=name)
    else:
        posting = parse_text(text, markdown=extension in MARKDOWN_EXTENSIONS, source_path=name)
    if not posting.blocks:
        notes = ("The file is empty: there is no text to analyse.",)
        return Posting((), None, name, decoded.notes + notes)
    if decoded.notes:
        posting = Posting(posting.blocks, posting.title, name, decoded.notes + posting.notes)
    return posting


def _read_docx(name: str, data: bytes) -> Posting:
    from .docx_reader import read_docx

    try:
        reading = read_docx(name, data)
    except DocumentError:
        raise
    except RecursionError:
        raise TooLarge(name, "the document is nested too deeply to read") from None
    except MemoryError:
        raise TooLarge(name, "the document is too large to read in the memory available") from None
    posting = reading.posting
    if reading.styles.chain_cut:
        note = (
            "Some styles inherit from a chain of more than "
            f"{STYLE_CHAIN_LIMIT} other styles; only the nearest {STYLE_CHAIN_LIMIT} were used."
        )
        posting = Posting(
            posting.blocks, posting.title, posting.source_path, (*posting.notes, note)
        )
    return posting
