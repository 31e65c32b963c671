"""Every refusal, by error type: names the file, says what is wrong in a writer's words, says
what to do, and keeps parser jargon out (it is in ``detail``, for --debug and "Details…").

The table must have a row for every :class:`DocumentError` subclass: a new error type without
a message here fails :func:`test_every_error_type_has_a_row`.
"""

from __future__ import annotations

import io
import os
import re
import zipfile

import pytest

from postingstudio.docio import errors, load_posting
from postingstudio.docio.atomic import check_target, write_atomic
from postingstudio.docio.compare_report import ReportWriteError
from postingstudio.docio.outreach_export import ContactsError, check_contacts
from postingstudio.docio.text_reader import NotTextError

from . import bad_files
from .conftest import make_docx, para

JARGON = re.compile(
    r"CRC|zlib|lxml|XML_PARSE|tag mismatch|line \d+|column \d+|Error -\d|<string>|"
    r"Bad magic|central directory|XMLSyntaxError|namespace|DTD|member",
    re.IGNORECASE,
)


def flipped_encryption_flag() -> bytes:
    """One member's general-purpose flag bit 0 flipped, as a random byte error would."""
    data = bytearray(make_docx(para("We are hiring") * 20))
    archive = zipfile.ZipFile(io.BytesIO(bytes(data)))
    info = archive.getinfo("word/document.xml")
    data[info.header_offset + 6] |= 0x01  # local header flag
    name = info.filename.encode()
    position = data.find(b"PK\x01\x02")
    while data[position + 46 : position + 46 + len(name)] != name:
        position = data.find(b"PK\x01\x02", position + 4)
    data[position + 8] |= 0x01  # central directory flag
    return bytes(data)


def unknown_root() -> bytes:
    return make_docx(document='<x:doc xmlns:x="urn:example:not-word"><x:p>Hi</x:p></x:doc>')


def _load(tmp_path, data: bytes, name: str):
    path = tmp_path / name
    path.write_bytes(data)
    return lambda: load_posting(path)


def _export_to_missing_folder(tmp_path):
    return lambda: write_atomic(tmp_path / "no-such-folder" / "out.docx", b"x")


def _report_as_txt(tmp_path):
    from postingstudio.docio.compare_report import write_comparison_report

    return lambda: write_comparison_report(None, tmp_path / "report.txt")


def _overwrite(tmp_path):
    (tmp_path / "there.docx").write_bytes(b"x")
    return lambda: check_target(tmp_path / "there.docx", overwrite=False)


def _contacts_without_columns(tmp_path):
    from postingstudio.core.analyse import analyse
    from postingstudio.core.outreach import draft_outreach, kit_for
    from postingstudio.core.plaintext import parse_text
    from postingstudio.core.rules.rulebook import default_rulebook
    from postingstudio.paths import resources_dir

    posting = parse_text("Data Analyst\nYou will build dashboards in Leeds. Apply by email.")
    book = default_rulebook()
    drafts = draft_outreach(
        posting, analyse(posting, book), book, kit_for(resources_dir()), channels=("email",)
    )
    (tmp_path / "contacts.csv").write_text("name,email\nAda,ada@example.invalid\n")
    return lambda: check_contacts(tmp_path / "contacts.csv", drafts.messages[0])


# (error type, case name, how to trigger it, words of the problem, words of the advice)
TABLE = [
    (
        errors.FileUnreadableError,
        "missing",
        lambda t: lambda: load_posting(t / "gone.docx"),
        "does not exist",
        "Check the name",
    ),
    (
        errors.UnsupportedFormatError,
        "pdf_as_txt",
        lambda t: _load(t, bad_files.pdf(), "a.txt"),
        "this is a PDF",
        "save it as .docx",
    ),
    (
        NotTextError,
        "binary_garbage",
        lambda t: _load(t, bytes(range(1, 256)) * 40, "a.txt"),
        "not a text file",
        "save it as .docx or .txt",
    ),
    (
        errors.NotADocxError,
        "text_as_docx",
        lambda t: _load(t, b"Just some text", "a.docx"),
        "this is plain text",
        "save it as a Word .docx",
    ),
    (
        errors.CorruptArchiveError,
        "truncated",
        lambda t: _load(t, bad_files.truncated(), "a.docx"),
        "The file is damaged",
        "Word may repair it: open it in Word and save a copy",
    ),
    (
        errors.CorruptArchiveError,
        "bad_crc",
        lambda t: _load(t, bad_files.corrupted_member(), "a.docx"),
        "The file is damaged",
        "Word may repair it",
    ),
    (
        errors.CorruptArchiveError,
        "flipped_flag",
        lambda t: _load(t, flipped_encryption_flag(), "a.docx"),
        "The file is damaged",
        "Word may",
    ),
    (
        errors.CorruptDocumentError,
        "malformed_xml",
        lambda t: _load(t, make_docx(document="<w:document><w:body><w:p>"), "a.docx"),
        "The file is damaged",
        "Word may repair it",
    ),
    (
        errors.CorruptDocumentError,
        "unknown_root",
        lambda t: _load(t, unknown_root(), "a.docx"),
        "not a Word document inside",
        "save it as a .docx",
    ),
    (
        errors.EncryptedError,
        "password",
        lambda t: _load(t, bad_files.encrypted_docx(), "a.docx"),
        "protected with a password",
        "remove the password",
    ),
    (
        errors.LegacyDocError,
        "doc97",
        lambda t: _load(t, bad_files.legacy_doc(), "a.doc"),
        "Word 97–2003",
        "save it as .docx",
    ),
    (
        errors.TooLargeError,
        "huge",
        lambda t: _load(t, bad_files.huge_document(), "a.docx"),
        "too long to read",
        "Split it",
    ),
    (
        errors.ZipBombError,
        "bomb",
        lambda t: _load(t, bad_files.zip_bomb(), "a.docx"),
        "unpack to far more",
        "ask the sender",
    ),
    (
        errors.UnsafeXmlError,
        "entities",
        lambda t: _load(t, bad_files.unsafe(bad_files.BILLION_LAUGHS), "a.docx"),
        "Word never writes",
        "save a copy",
    ),
    (
        errors.ExportError,
        "no_folder",
        _export_to_missing_folder,
        "does not exist",
        "Choose another",
    ),
    (errors.TargetExistsError, "exists", _overwrite, "already exists", "--overwrite"),
    (ReportWriteError, "report_format", _report_as_txt, "written as .html or .pdf", "Choose"),
    (ContactsError, "contacts_columns", _contacts_without_columns, "has no column for", "Add a"),
]


def _all_types(cls: type) -> set[type]:
    found = set()
    for sub in cls.__subclasses__():
        found |= {sub} | _all_types(sub)
    return found


def test_every_error_type_has_a_row():
    assert _all_types(errors.DocumentError) <= {row[0] for row in TABLE}


@pytest.mark.parametrize(
    ("kind", "case", "trigger", "problem", "advice"), TABLE, ids=[row[1] for row in TABLE]
)
def test_refusal_message(tmp_path, kind, case, trigger, problem, advice):
    with pytest.raises(errors.DocumentError) as caught:
        trigger(tmp_path)()
    error = caught.value
    assert type(error) is kind
    assert str(error).startswith(os.fspath(error.path)) and error.path  # names the file
    assert problem.lower() in error.reason.lower()
    assert advice.lower() in error.reason.lower()
    assert not JARGON.search(error.reason), error.reason
    assert "\n" not in error.reason


def test_technical_detail_is_kept_apart(tmp_path):
    with pytest.raises(errors.CorruptArchiveError) as caught:
        _load(tmp_path, bad_files.corrupted_member(), "a.docx")()
    assert caught.value.detail  # what --debug and "Details…" show
    assert caught.value.detail not in caught.value.reason
