"""``postingstudio export``: formats by extension, one-line errors, exit codes, no tracebacks."""

from __future__ import annotations

import subprocess
import sys

import pytest

from postingstudio.cli import run_cli
from postingstudio.docio import load_posting

from . import bad_files
from .conftest import make_docx, para


@pytest.fixture
def source(tmp_path):
    path = tmp_path / "in.docx"
    path.write_bytes(make_docx(para("Engineer", style="Heading1") + para("We build things.")))
    return path


@pytest.mark.parametrize("extension", [".docx", ".html", ".md", ".txt"])
def test_export_each_format(source, tmp_path, capsys, extension):
    out = tmp_path / f"out{extension}"
    assert run_cli(["export", str(source), "--to", str(out)]) == 0
    assert "Engineer" in load_posting(out).text
    assert capsys.readouterr().err.strip() == f"wrote {out}"


def test_existing_output_needs_overwrite(source, tmp_path, capsys):
    out = tmp_path / "out.txt"
    out.write_text("keep me")
    assert run_cli(["export", str(source), "--to", str(out)]) == 3
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and str(out) in err and "--overwrite" in err
    assert out.read_text() == "keep me"
    assert run_cli(["export", str(source), "--to", str(out), "--overwrite"]) == 0
    assert "We build things." in out.read_text()


def test_exporting_over_the_source_is_refused(source, capsys):
    before = source.read_bytes()
    assert run_cli(["export", str(source), "--to", str(source)]) == 3
    assert "being exported" in capsys.readouterr().err
    assert source.read_bytes() == before


@pytest.mark.parametrize(
    ("data", "words"),
    [
        (bad_files.pdf(), "PDF"),
        (bad_files.legacy_doc(), "97–2003"),
        (bad_files.encrypted_docx(), "password"),
        (bad_files.truncated(), "damaged"),
    ],
)
def test_bad_input_is_one_line_naming_the_file(tmp_path, capsys, data, words):
    bad = tmp_path / "bad.docx"
    bad.write_bytes(data)
    assert run_cli(["export", str(bad), "--to", str(tmp_path / "o.html")]) == 2
    err = capsys.readouterr().err
    assert (
        err.count("\n") == 1 and err.startswith(f"postingstudio export: {bad}: ") and words in err
    )
    assert not (tmp_path / "o.html").exists()


def test_unknown_output_format_and_bad_template(source, tmp_path, capsys):
    assert run_cli(["export", str(source), "--to", str(tmp_path / "o.rtf")]) == 4
    assert "unknown export format" in capsys.readouterr().err
    assert (
        run_cli(["export", str(source), "--to", str(tmp_path / "o.docx"), "--template", "t.txt"])
        == 4
    )
    missing = tmp_path / "missing.docx"
    assert (
        run_cli(
            ["export", str(source), "--to", str(tmp_path / "o.docx"), "--template", str(missing)]
        )
        == 2
    )
    assert "does not exist" in capsys.readouterr().err


def test_template_is_used_for_text_input(tmp_path):
    text = tmp_path / "p.md"
    text.write_text("# Engineer\n\n- Python\n")
    template = tmp_path / "company.docx"
    template.write_bytes(make_docx(para()))
    out = tmp_path / "p.docx"
    assert run_cli(["export", str(text), "--to", str(out), "--template", str(template)]) == 0
    blocks = load_posting(out).blocks
    assert [(b.kind.value, b.text) for b in blocks] == [
        ("heading", "Engineer"),
        ("list_item", "Python"),
    ]


def test_no_traceback_in_a_real_process(tmp_path):
    bad = tmp_path / "bad.docx"
    bad.write_bytes(b"\x00\x01garbage")
    result = subprocess.run(
        [sys.executable, "-m", "postingstudio", "export", str(bad), "--to", str(tmp_path / "o.md")],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 2
    assert "Traceback" not in result.stderr and result.stderr.count("\n") == 1
