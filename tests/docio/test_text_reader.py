"""The one text reader: encodings, byte-order marks, NUL damage, binary refused — and the app's
reader (``load_posting``) and the CLI's (``read_posting``) agree on every file."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from postingstudio.cli.inputs import InputError, read_posting
from postingstudio.docio import load_posting
from postingstudio.docio.text_reader import NotTextError, decode_text

from .conftest import make_docx, para

TEXT = "Pâtissier wanted — crème brûlée, 30 hours a week, café in Zürich."


@pytest.mark.parametrize(
    "encoding", ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "utf-32", "cp1252"]
)
def test_encodings_and_byte_order_marks(encoding):
    data = TEXT.encode(encoding)
    decoded = decode_text("x.txt", data)
    assert decoded.text == TEXT
    assert decoded.notes == ()


def test_cyrillic_in_a_windows_code_page_is_detected():
    text = "Требуется программист на полный рабочий день, опыт работы от трёх лет. " * 3
    assert decode_text("x.txt", text.encode("cp1251")).text == text


def test_a_few_nul_bytes_are_damage_to_report_not_binary():
    data = ("We are hiring a baker.\n" * 50).encode() + b"\x00" + b"Apply today.\n"
    decoded = decode_text("x.txt", data)
    assert "Apply today." in decoded.text and "\x00" not in decoded.text
    assert any("damaged" in note for note in decoded.notes)


def test_many_nul_bytes_are_a_binary_file():
    with pytest.raises(NotTextError):
        decode_text("x.bin", b"ab\x00\x00\x00cd\x00\x00\x00" * 100)


def test_binary_garbage_without_nuls_is_refused():
    noise = bytes(b for b in random.Random(3).randbytes(30_000) if b)
    with pytest.raises(NotTextError) as caught:
        decode_text("noise.txt", noise)
    assert caught.value.detail and "binary data" in caught.value.reason


def _both(path: Path):
    """What the app and the CLI make of ``path``: ("text", ...) or ("refused", reason)."""
    results = []
    for reader, failure in ((load_posting, Exception), (read_posting, InputError)):
        try:
            results.append(("text", reader(path).text))
        except failure as error:
            results.append(("refused", getattr(error, "reason", str(error))))
    return results


@pytest.mark.parametrize(
    "name",
    ["renamed_docx", "garbage", "nul_damage", "utf16_bom", "cp1252", "empty"],
)
def test_app_and_cli_read_every_file_alike(tmp_path, name):
    content = {
        "renamed_docx": make_docx(para("Hello from Word")),
        "garbage": bytes(b for b in random.Random(5).randbytes(20_000) if b),
        "nul_damage": b"Line one of the job.\n\x00Line two of the job.\n",
        "utf16_bom": TEXT.encode("utf-16"),
        "cp1252": TEXT.encode("cp1252"),
        "empty": b"",
    }[name]
    path = tmp_path / f"{name}.txt"
    path.write_bytes(content)
    app, cli = _both(path)
    assert app == cli
    if name == "renamed_docx":
        assert app == ("text", "Hello from Word")
    if name == "garbage":
        assert app[0] == "refused"
    if name in ("nul_damage", "utf16_bom", "cp1252"):
        assert app[0] == "text"


def test_the_damage_note_reaches_the_posting(tmp_path):
    path = tmp_path / "job.txt"
    path.write_bytes(b"Barista wanted.\n\x00\x00Apply now.\n")
    posting = load_posting(path)
    assert posting.text == "Barista wanted.\nApply now."
    assert any("2 invisible null characters were removed" in note for note in posting.notes)
