"""Safety checks on untrusted bytes: what a file really is, zip limits, and hardened XML parsing.

A .docx arrives from e-mail and job boards, so nothing in it is trusted:

* the first bytes decide what a file is, never its extension (a PDF renamed to .docx, a legacy
  .doc, an encrypted OLE container);
* the zip central directory is checked before anything is inflated (member count, total expanded
  size, compression ratio), and every member is read with a hard cap, because the sizes a zip
  declares can lie;
* XML is refused if it declares a DTD or entities, and is parsed with entity resolution, DTD
  loading and network access switched off, so "billion laughs" and external-entity tricks
  neither expand nor read a file nor reach the network.
"""

from __future__ import annotations

import io
import re
import zipfile
from typing import TYPE_CHECKING

from .errors import (
    CorruptArchiveError,
    CorruptDocumentError,
    EncryptedError,
    LegacyDocError,
    NotADocxError,
    TooLargeError,
    UnsafeXmlError,
    ZipBombError,
)

if TYPE_CHECKING:  # lxml is imported only to parse XML: reading a .txt never needs it
    from lxml import etree

MAX_FILE_BYTES = 100 * 1024 * 1024  # a posting with pictures is a few MB; 100 MB is not a posting
MAX_MEMBERS = 5_000  # Word writes a few dozen parts; thousands means something else
MAX_TOTAL_EXPANDED = 400 * 1024 * 1024  # sum of declared uncompressed sizes
MAX_PART_BYTES = 32 * 1024 * 1024  # one XML part we parse (document.xml of ~3,000 pages)
MAX_RATIO = 200  # XML compresses 5-20x; a 1,000x member is a bomb
RATIO_FLOOR = 2 * 1024 * 1024  # small members may compress extremely well (runs of spaces)

ZIP_MAGIC = b"PK\x03\x04"
EMPTY_ZIP_MAGIC = b"PK\x05\x06"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"

_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"%PDF", "a PDF file"),
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"BM", "a BMP image"),
    (b"II*\x00", "a TIFF image"),
    (b"MM\x00*", "a TIFF image"),
    (b"{\\rtf", "an RTF document (save it as .docx in Word)"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"Rar!", "a RAR archive"),
    (b"7z\xbc\xaf", "a 7-Zip archive"),
)

UNKNOWN_BINARY = "binary data of an unknown kind"  # text_reader has the last word on these

_DTD_MARKERS = re.compile(rb"<!DOCTYPE|<!ENTITY", re.IGNORECASE)
_UTF16_DTD_MARKERS = tuple(
    marker.encode(codec)
    for marker in ("<!DOCTYPE", "<!ENTITY")
    for codec in ("utf-16-le", "utf-16-be")
)


def sniff(head: bytes) -> str:
    """Classify a file from its first bytes: ``zip``, ``ole``, ``text`` or a description."""
    if head.startswith(ZIP_MAGIC) or head.startswith(EMPTY_ZIP_MAGIC):
        return "zip"
    if head.startswith(OLE_MAGIC):
        return "ole"
    for signature, description in _SIGNATURES:
        if head.startswith(signature):
            return description
    if head[4:12] in (b"ftypheic", b"ftypavif") or head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "an image"
    return "text" if _looks_like_text(head) else UNKNOWN_BINARY


def _looks_like_text(head: bytes) -> bool:
    if not head:
        return True
    if head.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")):
        return True
    if b"\x00" in head:
        return False
    controls = sum(1 for byte in head if byte < 9 or 13 < byte < 32)
    return controls <= len(head) // 100


def classify_ole(path: str, data: bytes) -> None:
    """Raise the right error for an OLE compound file: encrypted .docx or legacy .doc."""
    # Directory entry names are UTF-16LE; an Office-encrypted .docx keeps its zip inside an
    # "EncryptedPackage" stream next to "EncryptionInfo".
    if (
        "EncryptedPackage".encode("utf-16-le") in data
        or "EncryptionInfo".encode("utf-16-le") in data
    ):
        raise EncryptedError(path, "the document is protected with a password")
    if "WordDocument".encode("utf-16-le") in data:
        raise LegacyDocError(
            path, "this is an old Word 97–2003 .doc file, which Posting Studio cannot read"
        )
    raise NotADocxError(
        path,
        "this is an old-style Office file that is not a Word document",
        advice="Open it in the program that made it and save the text as a .docx document.",
    )


def open_zip(path: str, data: bytes) -> zipfile.ZipFile:
    """Open the archive and check its directory against the limits before inflating anything."""
    if len(data) > MAX_FILE_BYTES:
        raise TooLargeError(
            path,
            f"the file is {_mb(len(data))}, more than the {_mb(MAX_FILE_BYTES)} a posting may be",
        )
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
    except Exception as error:  # noqa: BLE001 - zipfile raises many types on damaged input
        raise CorruptArchiveError(
            path, "the file is damaged: part of it is missing or overwritten", detail=_short(error)
        ) from None
    if len(infos) > MAX_MEMBERS:
        raise ZipBombError(
            path, f"the file is packed with {len(infos):,} pieces; a Word document has far fewer"
        )
    _check_encryption(path, infos)
    total = 0
    for info in infos:
        total += info.file_size
        if info.file_size > RATIO_FLOOR and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            raise ZipBombError(
                path,
                "the file would unpack to far more than it holds, which a real document never "
                "does; it was not opened",
                detail=f"{info.filename} expands {info.file_size // max(info.compress_size, 1):,}x",
            )
    if total > MAX_TOTAL_EXPANDED:
        raise ZipBombError(
            path,
            f"the file would unpack to {_mb(total)}, more than the {_mb(MAX_TOTAL_EXPANDED)} a "
            "posting may take",
        )
    return archive


def read_member(
    path: str, archive: zipfile.ZipFile, name: str, limit: int = MAX_PART_BYTES
) -> bytes:
    """Read one member with a hard cap (declared sizes can lie) and a CRC check."""
    try:
        info = archive.getinfo(name)
    except KeyError:
        raise CorruptDocumentError(
            path, "the file is damaged: part of it is missing", detail=f"no member {name}"
        ) from None
    if info.file_size > limit:
        raise TooLargeError(
            path,
            f"its text is too long to read ({_mb(info.file_size)}; the limit is {_mb(limit)})",
            detail=f"member {name}",
        )
    try:
        with archive.open(info) as stream:
            data = stream.read(limit + 1)
    except (MemoryError, RecursionError):
        raise
    except Exception as error:  # noqa: BLE001 - zlib, struct, EOF, CRC: all mean "damaged"
        # zipfile's RuntimeError for a member flagged encrypted lands here too: a real
        # password-protected .docx is an OLE file (classify_ole), so this is damage.
        raise CorruptArchiveError(
            path,
            "the file is damaged: part of it cannot be unpacked",
            detail=f"{name}: {_short(error)}",
        ) from None
    if len(data) > limit:
        raise ZipBombError(
            path,
            "the file unpacks to more than it says it holds; it was not opened",
            detail=f"{name} expands past {_mb(limit)}",
        )
    return data


_PARSER_OPTIONS = dict(
    resolve_entities=False,
    no_network=True,
    load_dtd=False,
    dtd_validation=False,
    huge_tree=False,
    remove_blank_text=False,
    collect_ids=False,
)


def _parser() -> etree.XMLParser:
    from lxml import etree

    # A parser per call: lxml parsers are not thread-safe and analysis runs on worker threads.
    return etree.XMLParser(**_PARSER_OPTIONS)


def check_no_dtd(path: str, name: str, data: bytes) -> None:
    """Refuse DTDs and entity declarations before the parser sees them."""
    if _DTD_MARKERS.search(data) or any(marker in data for marker in _UTF16_DTD_MARKERS):
        raise UnsafeXmlError(
            path,
            "the file contains instructions that Word never writes and that could make it read "
            "other files or the network, so it was not opened",
            detail=f"{name} declares a DTD or entities",
        )


def parse_xml(path: str, name: str, data: bytes) -> etree._Element:
    """Parse one XML part safely; damaged XML becomes :class:`CorruptDocumentError`."""
    from lxml import etree

    check_no_dtd(path, name, data)
    try:
        root = etree.fromstring(data, _parser())
    except etree.XMLSyntaxError as error:
        raise CorruptDocumentError(
            path, _damaged_xml(error), detail=f"{name}: {_short(error)}"
        ) from None
    except (ValueError, etree.LxmlError) as error:
        raise CorruptDocumentError(
            path, "the file is damaged: part of its text cannot be read", detail=f"{name}: {error}"
        ) from None
    if root is None:
        raise CorruptDocumentError(
            path, "the file is damaged: part of it is empty", detail=f"{name} is empty"
        )
    docinfo = root.getroottree().docinfo
    if docinfo.doctype or docinfo.internalDTD is not None:
        raise UnsafeXmlError(
            path,
            "the file contains instructions that Word never writes, so it was not opened",
            detail=f"{name} declares a DTD",
        )
    return root


def _check_encryption(path: str, infos: list[zipfile.ZipInfo]) -> None:
    """Only a zip whose every file part is flagged encrypted is a password-protected archive.

    Word never writes zip encryption (its passwords make an OLE file), so one or two members
    with the flag bit set are a flipped bit in a damaged file, not a password.
    """
    files = [info for info in infos if not info.is_dir()]
    flagged = [info for info in files if info.flag_bits & 0x1]
    if files and len(flagged) == len(files):
        raise EncryptedError(
            path,
            "the file is locked with a zip password, which Word never uses",
            advice="Unpack it with the tool that locked it, or ask the sender for the .docx.",
        )
    if flagged:
        raise CorruptArchiveError(
            path,
            "the file is damaged: part of it is overwritten",
            detail=f"encryption flag set on {len(flagged)} of {len(files)} members",
        )


def _damaged_xml(error: etree.XMLSyntaxError) -> str:
    message = str(error)
    if "huge" in message.lower() or "too" in message.lower() and "deep" in message.lower():
        return "the file is built in a way too deep or too large to read safely"
    return "the file is damaged: part of its text is cut off or garbled"


def _mb(size: int) -> str:
    return f"{size / (1024 * 1024):,.1f} MB"


def _short(error: BaseException) -> str:
    text = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
    return text[:160]
