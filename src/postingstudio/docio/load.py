"""Read any supported file into a :class:`Posting`: ``load_posting(path)``.

What a file *is* is decided from its first bytes, and only then from its extension: a .docx
renamed to .txt still opens as a Word document, and a PDF renamed to .docx gets a clear "this is
a PDF" instead of a zip error. Text is decoded by :mod:`.text_reader` (byte-order marks, UTF-8,
then ``charset-normalizer``), the same reader the CLI uses, so both accept and refuse alike.
"""

from __future__ import annotations

import logging
import os

from postingstudio.core.model import Posting

from . import formats, safety, text_reader
from .errors import TooLargeError, UnsupportedFormatError
from .package import read_bytes

log = logging.getLogger(__name__)

READ_FORMATS = formats.read_suffixes()
MAX_TEXT_BYTES = 20 * 1024 * 1024  # a posting is a few KB; 20 MB of text is not a posting


KEEP_TEXT_CHARS = 1 << 18  # what load_posting_and_text hands back (a posting is a few KB)


def load_posting(path: str | os.PathLike[str]) -> Posting:
    """Read ``path`` into a posting, or raise a :class:`DocumentError` subclass saying why not."""
    return load_posting_and_text(path)[0]


def load_posting_and_text(path: str | os.PathLike[str]) -> tuple[Posting, str | None]:
    """:func:`load_posting`, and the file's decoded text where it is a text file of at most
    ``KEEP_TEXT_CHARS`` characters (None otherwise): ``check --format json`` places findings on
    it instead of reading and decoding the file a second time; a large text is not kept."""
    name = os.fspath(path)
    data = read_bytes(name)
    kind = safety.sniff(data[:64])
    extension = formats.suffix_of(name)
    fmt = formats.for_suffix(extension, reading=True)
    if kind in ("zip", "ole"):
        fmt = formats.formats_by_key()["docx"]  # a .docx renamed to .txt is still a Word document
    if fmt is not None and fmt.binary:  # (raises NotADocxError/LegacyDocError as fits)
        return formats.resolve(fmt.reader)(name, data), None
    if kind not in ("text", safety.UNKNOWN_BINARY):  # a PDF, an image: said by name
        raise UnsupportedFormatError(name, f"this is {kind}, which Posting Studio cannot read")
    if fmt is None:
        raise UnsupportedFormatError(
            name, f"Posting Studio reads {', '.join(READ_FORMATS)} files, not {extension} files"
        )
    if len(data) > MAX_TEXT_BYTES:
        raise TooLargeError(
            name, f"the text is {len(data) / 1048576:,.1f} MB, more than the 20 MB a posting may be"
        )
    decoded = text_reader.decode_text(name, data)
    del data  # a large file's bytes need not live on beside its text
    text = decoded.text
    if formats.looks_like_html(name, text):
        fmt = formats.formats_by_key()["html"]  # a web page saved without an extension
    posting = formats.resolve(fmt.reader)(name, text)
    kept = text if len(text) <= KEEP_TEXT_CHARS else None
    if not posting.blocks:
        notes = ("The file is empty: there is no text to analyse.",)
        return Posting((), None, name, decoded.notes + notes), kept
    if decoded.notes:
        posting = Posting(posting.blocks, posting.title, name, decoded.notes + posting.notes)
    return posting, kept
