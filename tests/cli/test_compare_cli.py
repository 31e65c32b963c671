"""``postingstudio compare``: the JSON contract, the text table, the HTML report and errors.

Postings come from the corpus ``dev`` split and are written to pytest's temporary folder only.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from postingstudio.cli import run_cli
from tests.conftest import corpus_path


def _dev_texts(source: str, count: int) -> list[str]:
    texts = []
    with corpus_path("postings", "postings.jsonl").open(encoding="utf-8") as lines:
        for line in lines:
            record = json.loads(line)
            if record["split"] == "dev" and record["source"] == source:
                texts.append(record["text"])
                if len(texts) == count:
                    break
    return texts


@pytest.fixture
def teaching_files(tmp_path: Path) -> list[Path]:
    paths = []
    for number, text in enumerate(_dev_texts("linkedin_edu", 3)):
        path = tmp_path / f"posting{number}.txt"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def test_json_contract(teaching_files, capsys):
    code = run_cli(["compare", *map(str, teaching_files), "--format", "json"])
    assert code == 0
    data = json.loads(capsys.readouterr().out)
    assert data["schema"] == 1
    assert data["tool"]["name"] == "postingstudio"
    postings = data["postings"]
    assert [p["path"] for p in postings] == [str(p) for p in teaching_files]
    assert [p["role"] for p in postings] == ["mine", "competitor", "competitor"]
    for posting in postings:
        assert set(posting["scores"]) == {
            "overall", "clarity", "vibrancy", "completeness", "inclusivity",
        }  # fmt: skip
        assert {"words", "reading_grade", "benefits"} <= set(posting["metrics"])
        assert set(posting["salary"]) >= {"kind", "text", "low", "high"}
        assert isinstance(posting["sections"], list)
    for offer in data["they_offer"]:
        assert offer["competitor"] in (1, 2)
        assert offer["kind"] in ("section", "benefit", "fact")
        evidence = offer["evidence"]
        if evidence is not None:  # offsets index into that competitor's analysed text
            assert evidence["start"] <= evidence["match_start"] <= evidence["match_end"]
    for cliche in data["shared_cliches"]:
        assert cliche["competitors"] and "phrase" in cliche
    assert data["distinctive"], "a real posting has terms of its own"
    for term in data["distinctive"]:
        assert term["term"] and term["evidence"]["text"]


def test_text_table(teaching_files, capsys):
    assert run_cli(["compare", *map(str, teaching_files[:2])]) == 0
    out = capsys.readouterr().out
    assert "Reading grade" in out and "Salary shown" in out
    assert "What they offer that you don't:" in out
    assert "What makes you different" in out
    assert re.search(r"\[1\] posting1\.txt", out)


def test_html_report_is_escaped_and_self_contained(tmp_path, capsys):
    mine = tmp_path / "mine.txt"
    mine.write_text(
        "Our bike mechanic <script>alert(1)</script>\nYou will fix bikes & wheels.",
        encoding="utf-8",
    )
    theirs = tmp_path / "theirs.txt"
    theirs.write_text("We offer dental insurance & a <b>pension</b>.", encoding="utf-8")
    report = tmp_path / "out" / "report.html"
    report.parent.mkdir()
    assert run_cli(["compare", str(mine), str(theirs), "--report", str(report)]) == 0
    html = report.read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>")
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "&lt;b&gt;pension&lt;/b&gt;" in html
    assert "<mark>dental</mark>" in html
    assert '<th scope="col">' in html and "<caption>" in html
    assert not re.search(r"""(?:src|href)=["']?https?:""", html)  # nothing fetched
    assert "wrote" in capsys.readouterr().err


def test_pdf_report_is_written(tmp_path, capsys):
    mine = tmp_path / "a.txt"
    mine.write_text("You will fix bikes. Dental cover and a pension.", encoding="utf-8")
    code = run_cli(["compare", str(mine), str(mine), "--report", str(tmp_path / "r.pdf")])
    assert code == 0
    assert (tmp_path / "r.pdf").read_bytes().startswith(b"%PDF")
    assert not list(tmp_path.glob(".compare-*"))  # the temporary file was moved into place


def test_other_report_formats_are_refused(tmp_path, capsys):
    mine = tmp_path / "a.txt"
    mine.write_text("You will fix bikes.", encoding="utf-8")
    code = run_cli(["compare", str(mine), str(mine), "--report", str(tmp_path / "r.docx")])
    assert code == 2
    assert ".pdf" in capsys.readouterr().err
    assert not (tmp_path / "r.docx").exists()


def test_unreadable_file_fails_without_a_partial_comparison(tmp_path, capsys):
    mine = tmp_path / "a.txt"
    mine.write_text("You will fix bikes.", encoding="utf-8")
    code = run_cli(["compare", str(mine), str(tmp_path / "missing.txt"), "--format", "json"])
    assert code == 2
    captured = capsys.readouterr()
    assert "missing.txt: The file does not exist" in captured.err
    assert captured.out == ""


def test_real_word_document_as_mine(tmp_path, capsys):
    docx = corpus_path("docx", "jd_real", "sahasransu-sahu__rightFit__job_description.docx")
    theirs = tmp_path / "theirs.txt"
    theirs.write_text(_dev_texts("glassdoor_ds", 1)[0], encoding="utf-8")
    code = run_cli(["compare", str(docx), str(theirs), "--format", "json"])
    assert code == 0
    data = json.loads(capsys.readouterr().out)
    assert data["postings"][0]["metrics"]["words"] > 100


def test_needs_a_competitor(capsys):
    with pytest.raises(SystemExit):
        run_cli(["compare", "only-mine.txt"])
    assert "THEIRS" in capsys.readouterr().err
