"""Builders for the bad-input cases: each returns the bytes of a real file made for that case.

Built in code rather than committed, so each case is reproducible and its construction can be
read: an OLE compound file (the container of legacy .doc files and of password-protected
.docx files) is written by :func:`cfb` following [MS-CFB] version 3 with 512-byte sectors.
"""

from __future__ import annotations

import io
import random
import struct
import zipfile

from .conftest import CT_MACRO, make_docx, para

END, FREE, FATSECT, NOSTREAM = 0xFFFFFFFE, 0xFFFFFFFF, 0xFFFFFFFD, 0xFFFFFFFF
SECTOR = 512
VBA_REL = "http://schemas.microsoft.com/office/2006/relationships/vbaProject"


def cfb(streams: dict[str, bytes]) -> bytes:
    """A minimal OLE compound file holding ``streams`` (each padded past the 4 KB mini-stream
    cut-off so only regular sectors are needed)."""
    names = list(streams)
    data_sectors: list[bytes] = []
    starts: list[int] = []
    sizes: list[int] = []
    fat: list[int] = [FATSECT, END]  # sector 0: the FAT itself; sector 1: the directory
    for name in names:
        content = streams[name].ljust(4096, b"\0")
        count = -(-len(content) // SECTOR)
        start = 2 + len(data_sectors)
        starts.append(start)
        sizes.append(len(content))
        for index in range(count):
            data_sectors.append(content[index * SECTOR : (index + 1) * SECTOR].ljust(SECTOR, b"\0"))
            fat.append(start + index + 1 if index < count - 1 else END)
    assert len(fat) <= SECTOR // 4, "keep test streams small: one FAT sector"
    fat_sector = b"".join(struct.pack("<I", v) for v in fat + [FREE] * (SECTOR // 4 - len(fat)))

    def entry(name: str, kind: int, child: int, right: int, start: int, size: int) -> bytes:
        encoded = (name + "\0").encode("utf-16-le")
        return (
            encoded.ljust(64, b"\0")
            + struct.pack("<HBB", len(encoded), kind, 1)
            + struct.pack("<III", NOSTREAM, right, child)
            + b"\0" * 16
            + struct.pack("<I", 0)
            + b"\0" * 16
            + struct.pack("<IQ", start, size)
        )

    entries = [entry("Root Entry", 5, 1 if names else NOSTREAM, NOSTREAM, END, 0)]
    for index, name in enumerate(names):
        right = index + 2 if index + 1 < len(names) else NOSTREAM
        entries.append(entry(name, 2, NOSTREAM, right, starts[index], sizes[index]))
    assert len(entries) <= 4, "one directory sector holds four entries"
    empty = (
        b"\0" * 64
        + struct.pack("<HBB", 0, 0, 0)
        + struct.pack("<III", NOSTREAM, NOSTREAM, NOSTREAM)
    )
    empty = empty.ljust(128, b"\0")
    directory = b"".join(entries) + empty * (4 - len(entries))
    header = (
        bytes.fromhex("D0CF11E0A1B11AE1")
        + b"\0" * 16
        + struct.pack("<HHHHH", 0x3E, 3, 0xFFFE, 9, 6)
        + b"\0" * 6
        + struct.pack("<IIIIIIIII", 0, 1, 1, 0, 4096, END, 0, END, 0)
        + struct.pack("<I", 0)
        + struct.pack("<I", FREE) * 108
    )
    assert len(header) == SECTOR
    return header + fat_sector + directory + b"".join(data_sectors)


def legacy_doc() -> bytes:
    """A Word 97-2003 .doc container: WordDocument and 1Table streams."""
    word = b"\xec\xa5\xc1\x00" + bytes(range(256)) * 4  # the FIB starts with wIdent 0xA5EC
    return cfb(
        {"WordDocument": word, "1Table": b"\x00" * 512, "\x05SummaryInformation": b"\0" * 64}
    )


def encrypted_docx() -> bytes:
    """What Word writes for a password-protected .docx: an OLE file whose EncryptedPackage
    stream holds the encrypted zip and EncryptionInfo the key data."""
    rng = random.Random(7)
    info = struct.pack("<HHI", 4, 4, 0x40) + b"<?xml version='1.0'?><encryption/>"
    return cfb({"EncryptionInfo": info, "EncryptedPackage": rng.randbytes(6000)})


def pdf() -> bytes:
    return (
        b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj "
        b"2 0 obj<</Type/Pages/Kids[]/Count 0>>"
        b"endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
    )


def png() -> bytes:
    import zlib

    raw = b"\x00\xff\x00\x00"
    chunks = [
        (b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)),
        (b"IDAT", zlib.compress(raw)),
        (b"IEND", b""),
    ]
    body = b"".join(
        struct.pack(">I", len(data)) + tag + data + struct.pack(">I", zlib.crc32(tag + data))
        for tag, data in chunks
    )
    return b"\x89PNG\r\n\x1a\n" + body


def truncated() -> bytes:
    data = make_docx(para("We are hiring") * 50)
    return data[: len(data) // 2]


def corrupted_member() -> bytes:
    """Flip bytes inside the compressed document part: the CRC (or inflate) fails."""
    data = bytearray(make_docx(para("We are hiring a data engineer for our team.") * 80))
    archive = zipfile.ZipFile(io.BytesIO(bytes(data)))
    info = archive.getinfo("word/document.xml")
    offset = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra) + 20
    for index in range(offset, offset + 40):
        data[index] ^= 0x5A
    return bytes(data)


def zip_bomb(expanded_mb: int = 60) -> bytes:
    """A document part of ``expanded_mb`` MB of spaces: about 1,000x compression."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        with archive.open("word/document.xml", "w", force_zip64=True) as stream:
            stream.write(b'<?xml version="1.0"?><w:document xmlns:w="x"><w:body>')
            chunk = b" " * (1024 * 1024)
            for _ in range(expanded_mb):
                stream.write(chunk)
            stream.write(b"</w:body></w:document>")
    return buffer.getvalue()


def many_members(count: int = 6000) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as archive:
        for index in range(count):
            archive.writestr(f"word/media/x{index}.bin", b"")
    return buffer.getvalue()


def lying_sizes() -> bytes:
    """The central directory claims a tiny size for a part that inflates to much more."""
    data = bytearray(make_docx(para("word " * 4000)))
    archive = zipfile.ZipFile(io.BytesIO(bytes(data)))
    info = archive.getinfo("word/document.xml")
    # patch "uncompressed size" in the local header and in every central entry for the part
    local = info.header_offset
    struct.pack_into("<I", data, local + 22, 100)
    position = data.find(b"PK\x01\x02")
    while position != -1:
        name_length = struct.unpack_from("<H", data, position + 28)[0]
        if data[position + 46 : position + 46 + name_length] == b"word/document.xml":
            struct.pack_into("<I", data, position + 24, 100)
        position = data.find(b"PK\x01\x02", position + 4)
    return bytes(data)


BILLION_LAUGHS = (
    '<?xml version="1.0"?>\n<!DOCTYPE lolz [<!ENTITY lol "lol">'
    + "".join(
        f'<!ENTITY lol{i} "{("&lol" + str(i - 1) + ";") * 10 if i > 1 else "&lol;" * 10}">'
        for i in range(1, 10)
    )
    + ']>\n<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
    "<w:body><w:p><w:r><w:t>&lol9;</w:t></w:r></w:p></w:body></w:document>"
)

EXTERNAL_ENTITY = (
    '<?xml version="1.0"?>\n<!DOCTYPE w [<!ENTITY xxe SYSTEM "file:///etc/passwd">'
    '<!ENTITY net SYSTEM "http://203.0.113.7/x">]>\n'
    '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
    "<w:body><w:p><w:r><w:t>&xxe;&net;</w:t></w:r></w:p></w:body></w:document>"
)


def unsafe(document: str, encoding: str = "utf-8") -> bytes:
    data = make_docx(document="")
    archive = zipfile.ZipFile(io.BytesIO(data))
    files = {name: archive.read(name) for name in archive.namelist()}
    text = (
        document
        if encoding == "utf-8"
        else document.replace('version="1.0"', f'version="1.0" encoding="{encoding}"')
    )
    files["word/document.xml"] = text.encode(encoding)
    from .conftest import zip_parts

    return zip_parts(files)


def huge_document(megabytes: int = 34) -> bytes:
    """A well-formed document part past the 32 MB parse limit (random hex, so ~2x compression)."""
    rng = random.Random(3)
    paragraphs = []
    size = 0
    while size < megabytes * 1024 * 1024:
        text = rng.randbytes(4000).hex()
        paragraphs.append(f"<w:p><w:r><w:t>{text}</w:t></w:r></w:p>")
        size += len(text) + 40
    return make_docx("".join(paragraphs), numbering=None)


def docm() -> bytes:
    vba = (
        b"\xd0\xcf\x11\xe0"
        + b'Attribute VB_Name = "Module1"\nSub AutoOpen()\nShell "calc"\nEnd Sub\n'
    )
    return make_docx(
        para("Senior Engineer", style="Heading1") + para("Macros must never run."),
        content_type=CT_MACRO,
        parts={"word/vbaProject.bin": vba},
        rels=[("rIdVba", VBA_REL, "vbaProject.bin", False)],
    )


def images_only() -> bytes:
    drawing = (
        '<w:p><w:r><w:drawing><wp:inline xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/'
        'wordprocessingDrawing"><wp:extent cx="100" cy="100"/><wp:docPr id="1" name="Logo"/>'
        "</wp:inline></w:drawing></w:r></w:p>"
    )
    return make_docx(drawing * 3)


def tables_only() -> bytes:
    cell = "<w:tc>{}</w:tc>"
    row = "<w:tr>" + cell.format(para("Salary")) + cell.format(para("£40,000")) + "</w:tr>"
    return make_docx(f"<w:tbl><w:tblPr/><w:tblGrid/>{row}</w:tbl>")


def not_word_zip() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
        archive.writestr("[Content_Types].xml", "<Types/>")
    return buffer.getvalue()
