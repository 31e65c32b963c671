"""Bad input gets a typed error with a reason a person understands, and nothing is lost.

Every case reads a real file built for it (see ``bad_files.py``)."""

from __future__ import annotations

import io
import zipfile

import pytest

from postingstudio.core.model import BlockKind
from postingstudio.docio import (
    CorruptArchiveError,
    CorruptDocumentError,
    DocumentError,
    EncryptedError,
    FileUnreadableError,
    LegacyDocError,
    NotADocxError,
    TooLargeError,
    UnsafeXmlError,
    UnsupportedFormatError,
    ZipBombError,
    load_posting,
    save_posting,
)

from . import bad_files
from .conftest import make_docx, para

CASES = [
    (
        "text_renamed",
        lambda: b"We are hiring a rockstar.\nApply now!\n",
        NotADocxError,
        "plain text",
    ),
    ("pdf_renamed", bad_files.pdf, NotADocxError, "PDF"),
    ("image_renamed", bad_files.png, NotADocxError, "PNG image"),
    ("empty_file", lambda: b"", NotADocxError, "empty"),
    ("truncated", bad_files.truncated, CorruptArchiveError, "damaged"),
    ("corrupt_member", bad_files.corrupted_member, CorruptArchiveError, "damaged"),
    ("lying_sizes", bad_files.lying_sizes, CorruptArchiveError, "damaged"),
    ("encrypted", bad_files.encrypted_docx, EncryptedError, "password"),
    ("legacy_doc", bad_files.legacy_doc, LegacyDocError, "save it as .docx"),
    ("zip_bomb", bad_files.zip_bomb, ZipBombError, "unpack to far more"),
    ("too_many_members", bad_files.many_members, ZipBombError, "6,000 pieces"),
    (
        "billion_laughs",
        lambda: bad_files.unsafe(bad_files.BILLION_LAUGHS),
        UnsafeXmlError,
        "Word never writes",
    ),
    (
        "external_entity",
        lambda: bad_files.unsafe(bad_files.EXTERNAL_ENTITY),
        UnsafeXmlError,
        "Word never writes",
    ),
    (
        "utf16_doctype",
        lambda: bad_files.unsafe(bad_files.EXTERNAL_ENTITY, "utf-16"),
        UnsafeXmlError,
        "Word never writes",
    ),
    ("huge_document", bad_files.huge_document, TooLargeError, "the limit is 32.0 MB"),
    ("spreadsheet_zip", bad_files.not_word_zip, NotADocxError, "Excel"),
    (
        "malformed_xml",
        lambda: make_docx(document="<w:document><w:body><w:p>"),
        CorruptDocumentError,
        "damaged: part of its text",
    ),
]


@pytest.mark.parametrize(("name", "build", "error", "words"), CASES, ids=[c[0] for c in CASES])
def test_bad_file_gets_a_typed_human_error(write_docx, name, build, error, words):
    path = write_docx(build(), f"{name}.docx")
    with pytest.raises(error) as caught:
        load_posting(path)
    assert isinstance(caught.value, DocumentError)
    assert caught.value.path == str(path)
    assert words in caught.value.reason
    assert str(caught.value).startswith(str(path))
    assert "Traceback" not in caught.value.reason and "\n" not in caught.value.reason


def test_entities_are_never_expanded_or_fetched(write_docx):
    # If the parser resolved the entity, /etc/passwd's "root:" would appear somewhere; the socket
    # guard in tests/conftest.py would fail any attempt to reach 203.0.113.7.
    with pytest.raises(UnsafeXmlError) as caught:
        load_posting(write_docx(bad_files.unsafe(bad_files.EXTERNAL_ENTITY)))
    assert "root:" not in str(caught.value)


def test_hardened_parser_expands_nothing_even_without_the_byte_check():
    """Defence in depth: if a DTD ever slipped past the byte scan, the parser itself neither
    expands entities nor reads files, and parse_xml still refuses the document."""
    from lxml import etree

    from postingstudio.docio import safety

    for document in (bad_files.BILLION_LAUGHS, bad_files.EXTERNAL_ENTITY):
        try:
            root = etree.fromstring(document.encode(), safety._parser())
        except etree.XMLSyntaxError as error:  # libxml2's own amplification guard
            assert "amplification" in str(error)
            continue
        text = "".join(root.itertext())
        assert "lol" not in text and "root:" not in text
        assert root.getroottree().docinfo.internalDTD is not None
    with pytest.raises(UnsafeXmlError):
        safety.parse_xml("x.docx", "word/document.xml", bad_files.BILLION_LAUGHS.encode())


def test_file_larger_than_the_limit_is_refused_before_reading(tmp_path):
    big = tmp_path / "big.docx"
    with open(big, "wb") as handle:
        handle.truncate(101 * 1024 * 1024)  # sparse: costs no disk
    with pytest.raises(TooLargeError, match="100 MB a posting"):
        load_posting(big)


def test_missing_file_folder_and_unsupported_type(tmp_path):
    with pytest.raises(FileUnreadableError, match="does not exist"):
        load_posting(tmp_path / "nope.docx")
    with pytest.raises(FileUnreadableError, match="folder"):
        load_posting(tmp_path)
    rtf = tmp_path / "posting.rtf"
    rtf.write_bytes(b"{\\rtf1\\ansi Hello}")
    with pytest.raises(UnsupportedFormatError, match="RTF"):
        load_posting(rtf)


def test_macro_enabled_document_is_read_and_macros_left_out_of_a_docx_export(write_docx, tmp_path):
    path = write_docx(bad_files.docm(), "posting.docm")
    posting = load_posting(path)
    assert [b.text for b in posting.blocks] == ["Senior Engineer", "Macros must never run."]
    assert any("macros" in note for note in posting.notes)
    out = tmp_path / "clean.docx"
    save_posting(posting, out)
    archive = zipfile.ZipFile(out)
    assert not any("vba" in name.lower() for name in archive.namelist())
    types = archive.read("[Content_Types].xml").decode()
    assert "macroEnabled" not in types
    assert "vbaProject" not in archive.read("word/_rels/document.xml.rels").decode()
    assert load_posting(out).text == posting.text


def test_empty_document_is_a_posting_with_no_blocks_and_a_note(write_docx):
    posting = load_posting(write_docx(make_docx(para())))
    assert posting.blocks == () and posting.text == ""
    assert any("empty" in note for note in posting.notes)


def test_images_only_document_explains_there_is_no_text(write_docx):
    posting = load_posting(write_docx(bad_files.images_only()))
    assert posting.blocks == ()
    assert any("only pictures" in note for note in posting.notes)


def test_tables_only_document_loads_with_a_note(write_docx):
    posting = load_posting(write_docx(bad_files.tables_only()))
    assert [(b.kind, b.text) for b in posting.blocks] == [
        (BlockKind.TABLE_CELL, "Salary"),
        (BlockKind.TABLE_CELL, "£40,000"),
    ]
    assert any("table" in note.lower() for note in posting.notes)


def test_a_large_but_reasonable_document_reads(write_docx):
    body = "".join(para(f"Paragraph {i} of a long posting about the role.") for i in range(5000))
    posting = load_posting(write_docx(make_docx(body)))
    assert len(posting.blocks) == 5000


def test_encrypted_zip_member_flag_is_reported_as_encrypted(write_docx):
    data = bytearray(make_docx(para("Secret")))
    position = data.find(b"PK\x01\x02")
    while position != -1:  # set the "encrypted" bit on every central directory entry
        flags = int.from_bytes(data[position + 8 : position + 10], "little") | 1
        data[position + 8 : position + 10] = flags.to_bytes(2, "little")
        position = data.find(b"PK\x01\x02", position + 4)
    with pytest.raises(EncryptedError):
        load_posting(write_docx(bytes(data)))


def test_cfb_builder_makes_a_wellformed_container():
    data = bad_files.legacy_doc()
    assert data[:8] == bytes.fromhex("D0CF11E0A1B11AE1") and len(data) % 512 == 0
    assert "WordDocument".encode("utf-16-le") in data
    assert zipfile.is_zipfile(io.BytesIO(data)) is False
