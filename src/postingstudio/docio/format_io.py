"""The readers and writers :data:`.formats.FORMATS` names, one pair per format.

Each adapter gives its format's module the one call shape ``load_posting`` and ``save_posting``
use, and imports that module only when called. Writers return the file's bytes or a function
that writes a temporary path; :func:`.export.save_posting` writes either atomically.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from postingstudio.core.model import Posting
from postingstudio.core.plaintext import parse_text

from .errors import DocumentError, TooLargeError

if TYPE_CHECKING:  # the .docx modules (and lxml) are imported only when a Word file is read
    from .source import SourceDocument


def read_docx(name: str, data: bytes) -> Posting:
    """A Word document's posting, with a note when a style chain was cut."""
    from .docx_reader import read_docx as read
    from .styles import MAX_CHAIN  # how far a basedOn chain is followed

    try:
        reading = read(name, data)
    except DocumentError:
        raise
    except RecursionError:
        raise TooLargeError(name, "the document is nested too deeply to read") from None
    except MemoryError:
        raise TooLargeError(
            name, "the document is too large to read in the memory available"
        ) from None
    posting = reading.posting
    if reading.styles.chain_cut:
        note = (
            "Some styles inherit from a chain of more than "
            f"{MAX_CHAIN} other styles; only the nearest {MAX_CHAIN} were used."
        )
        posting = Posting(
            posting.blocks, posting.title, posting.source_path, (*posting.notes, note)
        )
    return posting


def read_html(name: str, text: str) -> Posting:
    """The formats registry's reader for .html: ``text`` (already decoded) as a posting."""
    from .html_reader import parse_html

    return parse_html(text, source_path=name)


def read_markdown(name: str, text: str) -> Posting:
    """The formats registry's reader for .md: ``text`` (already decoded) as a posting."""
    return parse_text(text, markdown=True, source_path=name)


def read_text(name: str, text: str) -> Posting:
    """The formats registry's reader for .txt: ``text`` (already decoded) as a posting."""
    return parse_text(text, source_path=name)


def write_docx(
    posting: Posting, *, template: Any = None, source: SourceDocument | None = None
) -> bytes:
    """The formats registry's writer for .docx: into ``source`` when the posting
    came from one, else the template."""
    from .docx_writer import build_docx

    reading = source.reading if source is not None else None
    return build_docx(posting, template=template, source=reading)


def write_html(posting: Posting, **_options: Any) -> bytes:
    """The formats registry's writer for .html: UTF-8 bytes of clean, semantic HTML."""
    from .html_export import to_html

    return to_html(posting).encode("utf-8")


def write_markdown(posting: Posting, **_options: Any) -> bytes:
    """The formats registry's writer for .md: UTF-8 bytes."""
    from .markdown_export import to_markdown

    return to_markdown(posting).encode("utf-8")


def write_text(posting: Posting, **_options: Any) -> bytes:
    """The formats registry's writer for .txt: UTF-8 bytes."""
    from .text_export import to_text

    return to_text(posting).encode("utf-8")


def write_pdf(posting: Posting, *, template: Any = None, **_options: Any) -> Callable[[str], None]:
    """The formats registry's writer for .pdf: a callable that writes the PDF to a temporary
    path, which the atomic writer then moves into place."""
    from .pdf_export import write_pdf as write

    return lambda temporary: write(posting, temporary, template=template)
