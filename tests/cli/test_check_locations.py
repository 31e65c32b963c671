"""Findings a tool can place: ``check --format json`` says where each finding is in the INPUT
FILE (line/column for text formats, python-docx paragraph and offset for .docx), which differs
from the analysed text (blank lines, Markdown marks, HTML tags, tables between paragraphs)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import docx
import pytest

from postingstudio.cli import build_parser
from postingstudio.cli.check_batch import check_file
from postingstudio.cli.options import rulebook_from, settings_from
from postingstudio.core.placement import Aligned
from postingstudio.core.report import SCHEMA_VERSION
from postingstudio.docio.load import load_posting
from postingstudio.docio.locations import python_docx_text
from postingstudio.paths import resources_dir

TEXT = (
    "Sales Rockstar\n"
    "\n"
    "\n"
    "We are a fast-paced company looking for a ninja.\n"
    "\n"
    "Responsibilities:\n"
    "  -\tWork hard, play hard with our rockstar team\n"
    "  - Utilize Excel in order to win deals\n"
)
MARKDOWN = (
    "# Sales *Rockstar*\n"
    "\n"
    "We are a **fast-paced** company: [apply](https://example.com/jobs?id=1) if you are a ninja.\n"
    "\r\n"
    "## What you'll do\r\n"
    "\r\n"
    "* Work hard, play hard with our _rockstar_ team\n"
    "1. Utilize Excel in order to win deals\n"
)
HTML = (
    "<!doctype html>\n<html><head><title>Rockstar</title></head><body>\n"
    "<h1>Sales Rockstar</h1>\n"
    "<p>We are a <b>fast-paced</b>\n   company &amp; we want a ninja.</p>\n"
    "<ul><li>Work hard, play hard&nbsp;with our rockstar team</li>\n"
    "<li><a href='https://example.com'>Apply</a> to utilize Excel in order to win deals</li>"
    "</ul></body></html>\n"
)


def _json_entry(path: Path, *extra: str) -> dict:
    out = subprocess.run(
        [sys.executable, "-m", "postingstudio", "check", "--format", "json", *extra, str(path)],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    assert data["schema"] == SCHEMA_VERSION == 2
    return data["files"][0]


def _entries(path: Path) -> dict:
    """``check_file`` in-process: the same entry the CLI prints, faster than a subprocess."""
    args = build_parser("check").parse_args(["check", "--format", "json", str(path)])
    result = check_file(str(path), rulebook_from(args), settings_from(args), args)
    assert result.entry is not None
    return result.entry


def _file_lines(text: str) -> list[str]:
    return text.replace("\r\n", "\n").replace("\r", "\n").split("\n")


def _at_line_column(lines: list[str], finding: dict) -> str:
    """The file's text from (line, column) to (end_line, end_column), joined by newlines."""
    line, column = finding["line"], finding["column"]
    end_line, end_column = finding["end_line"], finding["end_column"]
    if line == end_line:
        return lines[line - 1][column - 1 : end_column - 1]
    middle = lines[line : end_line - 1]
    return "\n".join(
        [lines[line - 1][column - 1 :], *middle, lines[end_line - 1][: end_column - 1]]
    )


@pytest.mark.parametrize(
    ("name", "content"), [("posting.txt", TEXT), ("posting.md", MARKDOWN), ("page.html", HTML)]
)
def test_text_findings_point_at_their_words_in_the_file(tmp_path, name, content):
    path = tmp_path / name
    path.write_bytes(content.encode("utf-8"))
    entry = _json_entry(path)
    lines = _file_lines(content)
    spans = [f for f in entry["findings"] if f["text"]]
    assert len(spans) >= 4, spans
    for finding in spans:
        assert finding["line"] >= 1 and finding["column"] >= 1
        found = _at_line_column(lines, finding)
        if "\n" not in finding["text"]:
            assert found == finding["text"], (finding["text"], found, finding["line"])
        else:  # a span across paragraphs (and the marks between them): starts and ends alike
            assert found.startswith(finding["text"][:3]) and found[-2:] == finding["text"][-2:]
    texts = {f["text"] for f in spans}
    assert {"fast-paced", "ninja"} <= texts or {"fast-paced company", "ninja"} <= texts


def test_a_title_and_blank_lines_shift_the_offsets_but_not_the_line_and_column(tmp_path):
    path = tmp_path / "posting.txt"
    path.write_text(TEXT, encoding="utf-8")
    entry = _json_entry(path, "--with-text")
    analysed = entry["analysed_text"]
    ninja = next(f for f in entry["findings"] if f["text"] == "ninja")
    assert analysed[ninja["start"] : ninja["end"]] == "ninja"
    assert TEXT.index("ninja") != ninja["start"]  # the blank lines are not in the analysed text
    assert (ninja["line"], ninja["column"]) == (4, TEXT.splitlines()[3].index("ninja") + 1)
    assert ninja["end_column"] - ninja["column"] == len("ninja")
    for finding in entry["findings"]:
        assert analysed[finding["start"] : finding["end"]] == finding["text"]


def test_without_with_text_there_is_no_analysed_text(tmp_path):
    path = tmp_path / "posting.txt"
    path.write_text(TEXT, encoding="utf-8")
    assert "analysed_text" not in _json_entry(path)


def test_every_finding_of_the_sample_is_placed_on_its_line(tmp_path):
    sample = resources_dir() / "samples" / "sample_posting.md"
    content = sample.read_text(encoding="utf-8")
    lines = _file_lines(content)
    entry = _entries(sample)
    assert entry["findings"]
    for finding in entry["findings"]:
        assert {"line", "column", "end_line", "end_column"} <= set(finding)
        if finding["text"] and "\n" not in finding["text"]:
            found = _at_line_column(lines, finding)
            assert found.replace("*", "").replace("_", "") == finding["text"].replace("_", "")


def _docx(path: Path) -> None:
    document = docx.Document()
    document.add_heading("Sales Rockstar", 1)
    para = document.add_paragraph("We are a ")
    para.add_run("fast-paced").bold = True
    para.add_run(" company looking for a ninja.")
    table = document.add_table(rows=2, cols=3)
    table.cell(0, 0).text = "Perks"
    merged = table.cell(1, 0).merge(table.cell(1, 1))  # a gridSpan: the next cell is column 3
    merged.text = "Free snacks"
    table.cell(1, 2).paragraphs[0].text = "First line"
    table.cell(1, 2).add_paragraph("We want a digital native rockstar.")
    breaks = document.add_paragraph("Work hard, play hard\twith a")
    breaks.add_run().add_break()
    breaks.add_run("ninja team that will utilize Excel in order to win.")
    document.sections[0].header.paragraphs[0].text = "A rockstar recruiter"
    document.save(str(path))


def _python_docx_paragraph(document, finding: dict):
    if finding["paragraph"] is not None:
        return document.paragraphs[finding["paragraph"] - 1]
    cell = finding["cell"]
    table = document.tables[cell["table"] - 1]
    return table.cell(cell["row"] - 1, cell["column"] - 1).paragraphs[cell["paragraph"] - 1]


def test_docx_findings_point_at_their_words_in_python_docx_paragraphs(tmp_path):
    path = tmp_path / "posting.docx"
    _docx(path)
    entry = _json_entry(path)
    document = docx.Document(str(path))
    placed = in_cell = in_header = 0
    for finding in entry["findings"]:
        if not finding["text"]:
            continue
        assert "line" not in finding and isinstance(finding["offset"], int)
        if finding.get("story") == "header":
            assert finding["paragraph"] is None
            header = document.sections[0].header.paragraphs[0].text
            assert header[finding["offset"] :].startswith(finding["text"])
            in_header += 1
            continue
        text = _python_docx_paragraph(document, finding).text
        expected = finding["text"].replace("\v", "\n")
        assert text[finding["offset"] : finding["offset"] + len(expected)] == expected
        placed += 1
        in_cell += "cell" in finding
    assert placed >= 4 and in_cell >= 1 and in_header >= 1
    # The paragraph after the table is body paragraph 3: the table's paragraphs do not count.
    ninja = [f for f in entry["findings"] if f["text"] == "ninja"]
    assert {f["paragraph"] for f in ninja} == {2, 3}
    cell = next(f for f in entry["findings"] if "cell" in f and f["text"] == "digital native")
    assert cell["cell"] == {"table": 1, "row": 2, "column": 3, "paragraph": 2}


def test_paragraph_text_is_python_docxs_own(tmp_path):
    path = tmp_path / "posting.docx"
    _docx(path)
    document = docx.Document(str(path))
    for paragraph in document.paragraphs:
        assert python_docx_text(paragraph._p) == paragraph.text
    for row in document.tables[0].rows:
        for cell in row.cells:
            for paragraph in cell.paragraphs:
                assert python_docx_text(paragraph._p) == paragraph.text
    assert load_posting(path).blocks  # and the reader reads the same file


def test_aligned_maps_through_removed_marks():
    line = "We are a **fast-paced** company: [apply](https://x.io) now"
    block = "We are a fast-paced company: apply now"
    aligned = Aligned(block, line)
    for word in ("fast-paced", "company", "apply", "now"):
        at = block.index(word)
        assert line[aligned(at) : aligned(at) + len(word)] == word
    assert aligned(len(block)) == len(line)
    assert Aligned("same", "same")(2) == 2
