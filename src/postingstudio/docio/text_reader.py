"""The one reader of plain-text bytes, for the app and the CLI alike: bytes to text, or a refusal.

* A byte-order mark decides the encoding (UTF-8, UTF-16 and UTF-32, either byte order).
* UTF-16 without a mark is recognised from its pattern of zero bytes (English text in UTF-16
  has a zero in every other byte).
* Otherwise strict UTF-8 is tried first (most files), then ``charset-normalizer`` guesses the
  encoding from the bytes (Windows-1252, Latin-1, Cyrillic, CJK code pages …).
* A few NUL bytes in otherwise good text are *damage* (a bad copy, a failing disk): they are
  removed and a note says so, rather than the whole posting being refused as binary.
* Binary data is refused the same way wherever it comes from: many NUL bytes, many control
  characters, or bytes no text encoding explains.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass

from .errors import UnsupportedFormatError

_BOMS = (  # longest first: the UTF-32 LE mark starts with the UTF-16 LE one
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
MAX_NUL_SHARE = 0.01  # up to 1 % NUL bytes is damage to report; more is a binary file
MAX_CONTROL_SHARE = 0.02  # text has tabs and newlines, hardly ever other control characters
SAMPLE_BYTES = 64 * 1024  # enough to judge a file; the whole of a 5 MB file is not needed
_TEXT_CONTROLS = frozenset(b"\t\n\r\x0b\x0c\x1a\x1b")  # tab, newlines, form feed, DOS EOF, ESC
# Every byte but the suspicious controls: deleting these (``bytes.translate``, in C) leaves the
# controls to count, where a Python loop over a 64 KB sample took a tenth of a millisecond a file.
_NOT_SUSPICIOUS = bytes(b for b in range(256) if b >= 32 or b in _TEXT_CONTROLS)


@dataclass(frozen=True)
class DecodedText:
    """Decoded file text, the encoding it was read in, and notes on repairs made."""

    text: str
    encoding: str
    notes: tuple[str, ...] = ()


class NotTextError(UnsupportedFormatError):
    """Bytes that are no text in any encoding (an executable, an image without a known header)."""

    advice = "Open the posting in the program that made it and save it as .docx or .txt."


def decode_text(path: str, data: bytes) -> DecodedText:
    """Decode ``data`` (the whole file) or raise :class:`NotTextError`."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return _finish(data[len(bom) :].decode(encoding, errors="replace"), encoding)
    utf16 = _utf16_without_bom(data)
    if utf16:
        return _finish(data.decode(utf16, errors="replace"), utf16)
    notes: list[str] = []
    nuls = data.count(0)
    if nuls:
        if nuls > max(4, len(data) * MAX_NUL_SHARE):
            raise _binary(path, f"{nuls:,} NUL bytes in {len(data):,}")
        data = data.replace(b"\x00", b"")
        notes.append(
            f"The file was slightly damaged: {nuls:,} invisible null character"
            f"{'s were' if nuls > 1 else ' was'} removed. Check the text around any gaps."
        )
    sample = data[:SAMPLE_BYTES]
    controls = len(sample.translate(None, _NOT_SUSPICIOUS))
    if controls > max(2, len(sample) * MAX_CONTROL_SHARE):
        raise _binary(path, f"{controls:,} control bytes in the first {len(sample):,}")
    try:
        return _finish(data.decode("utf-8"), "utf-8", notes)
    except UnicodeDecodeError:
        pass
    guessed = _guess(data)
    if guessed is None:
        raise _binary(path, "charset-normalizer found no text encoding")
    return _finish(data.decode(guessed, errors="replace"), guessed, notes)


def _utf16_without_bom(data: bytes) -> str | None:
    sample = data[: SAMPLE_BYTES & ~1]
    if len(sample) < 4:
        return None
    even, odd = sample[0::2], sample[1::2]
    half = len(sample) // 2
    if odd.count(0) > half * 0.4 and even.count(0) < half * 0.05:
        return "utf-16-le"
    if even.count(0) > half * 0.4 and odd.count(0) < half * 0.05:
        return "utf-16-be"
    return None


def _guess(data: bytes) -> str | None:
    """Windows-1252 when it reads as Western text, else what charset-normalizer finds.

    Detectors are unsure on short texts ("Café role" comes back as an Urdu code page), and
    most postings that are not UTF-8 are Western: if Windows-1252 gives text whose letters
    are mostly ASCII with an accented one here and there, it is taken. Text in another script
    (Cyrillic, Greek, CJK code pages) decoded that way is mostly accented gibberish.
    """
    sample = data[:SAMPLE_BYTES]
    try:
        western = sample.decode("cp1252")
    except UnicodeDecodeError:
        western = ""
    letters = [char for char in western if char.isalpha()]
    if letters and sum(1 for char in letters if ord(char) > 127) <= len(letters) * 0.3:
        return "cp1252"
    from charset_normalizer import from_bytes

    best = from_bytes(data[:SAMPLE_BYTES] if len(data) > SAMPLE_BYTES else data).best()
    if best is None or best.percent_chaos > 20:
        return None
    return str(best.encoding)


def _finish(text: str, encoding: str, notes: list[str] | None = None) -> DecodedText:
    found = list(notes or [])
    if "\x00" in text:  # NULs inside a UTF-16/32 file: the same damage, the same note
        count = text.count("\x00")
        text = text.replace("\x00", "")
        found.append(f"The file was slightly damaged: {count:,} null character(s) were removed.")
    replaced = text.count("\ufffd")
    if replaced:
        found.append(
            f"{replaced:,} character(s) could not be read in this file's encoding ({encoding}) "
            "and show as �."
        )
    return DecodedText(text, encoding, tuple(found))


def _binary(path: str, detail: str) -> NotTextError:
    return NotTextError(path, "this is not a text file: it holds binary data", detail=detail)
