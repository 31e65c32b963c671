"""Comparison report formats are rows of the formats registry, like posting formats.

A new report format is one row of ``formats.REPORT_FORMATS``: the writer dispatch, the CLI's
``compare --report`` help and refusal and the compare view's save filter all follow from it
(the view's side is in tests/ui/test_compare_view.py).
"""

from __future__ import annotations

import pytest

from postingstudio.cli import run_cli
from postingstudio.docio import compare_report, formats
from postingstudio.docio.compare_report import ReportWriteError, write_comparison_report
from postingstudio.docio.formats import FileFormat


def _plain(comparison) -> bytes:  # noqa: ANN001 - any comparison
    return f"postings compared: {len(comparison.postings)}\n".encode()


PLAIN_ROW = FileFormat("txt", "Plain text", (".txt",), writer=_plain)


@pytest.fixture
def with_plain_reports(monkeypatch):
    monkeypatch.setattr(formats, "REPORT_FORMATS", (*formats.REPORT_FORMATS, PLAIN_ROW))


def test_the_shipped_rows_are_what_the_writers_and_filters_offer():
    assert formats.report_save_formats() == (("html", "Web page (*.html)"), ("pdf", "PDF (*.pdf)"))
    assert formats.report_suffixes_text() == ".html or .pdf"
    for suffix in (".html", ".HTM", ".pdf"):
        assert formats.report_format_for(suffix) is not None
    assert formats.report_format_for(".docx") is None
    # Posting exports and reports are separate tables: a posting cannot be saved as a report.
    assert all(row not in formats.FORMATS for row in formats.REPORT_FORMATS)


def test_a_new_report_format_is_one_row(with_plain_reports, tmp_path, capsys):
    assert formats.report_save_formats()[-1] == ("txt", "Plain text (*.txt)")
    assert formats.report_suffixes_text() == ".html, .pdf or .txt"
    with pytest.raises(SystemExit):
        run_cli(["compare", "--help"])
    assert "(.html, .pdf or .txt)" in " ".join(capsys.readouterr().out.split())
    mine = tmp_path / "a.txt"
    mine.write_text("You will fix bikes. Dental cover and a pension.", encoding="utf-8")
    code = run_cli(["compare", str(mine), str(mine), "--report", str(tmp_path / "r.txt")])
    assert code == 0, capsys.readouterr().err
    assert (tmp_path / "r.txt").read_text(encoding="utf-8") == "postings compared: 2\n"


def test_a_suffix_without_a_row_is_refused_naming_the_rows(with_plain_reports, tmp_path):
    with pytest.raises(ReportWriteError, match=r"\.html, \.pdf or \.txt, not '\.docx'"):
        write_comparison_report(object(), tmp_path / "r.docx")
    assert not (tmp_path / "r.docx").exists()


def test_each_row_names_a_writer_that_exists():
    for row in formats.REPORT_FORMATS:
        writer = formats.resolve(row.writer)
        assert writer.__module__ == compare_report.__name__
