"""``postingstudio polish``: what it applies, its JSON, its diff, its outputs and exit codes."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

from postingstudio.__main__ import main

POSTING = (
    "About the role\n"
    "The ideal candidate demonstrates a proven record and will be responsible for managing "
    "his or her team.\n"
    "We offer <perk> and utilize modern tools.\n"
)


def _posting(tmp_path: Path) -> Path:
    path = tmp_path / "in.txt"
    path.write_text(POSTING, encoding="utf-8")
    return path


def test_json_lists_each_edit_with_offsets_into_the_input(tmp_path: Path, capsys) -> None:
    source = _posting(tmp_path)
    code = main(["polish", str(source), "--to", str(tmp_path / "out.md"), "--format", "json"])
    assert code == 0
    payload = json.loads(capsys.readouterr().out)
    assert payload["changes"]
    for change in payload["changes"]:
        assert POSTING[change["start"] : change["end"]] == change["before"]
    rules = {c["rule_id"] for c in payload["changes"]}
    assert {"rewrite.you", "rewrite.responsible_for"} <= rules
    assert payload["score_after"] >= payload["score_before"]
    written = (tmp_path / "out.md").read_text(encoding="utf-8")
    assert "You demonstrate a proven record and will manage your team." in written
    assert "<perk>" in written.replace("\\", "")  # polish never fills in a placeholder


def test_diff_is_word_level_and_placeholders_warn(tmp_path: Path, capsys) -> None:
    source = _posting(tmp_path)
    assert main(["polish", str(source), "--to", str(tmp_path / "o.txt"), "--diff"]) == 0
    captured = capsys.readouterr()
    assert "[-utilize-]{+use+}" in captured.out
    assert "unfilled placeholder" in captured.err


def test_exit_codes_follow_check(tmp_path: Path, capsys) -> None:
    source = _posting(tmp_path)
    assert main(["polish", str(tmp_path / "none.txt"), "--to", str(tmp_path / "o.txt")]) == 2
    assert main(["polish", str(source), "--to", str(tmp_path / "o.xyz")]) == 4
    out = str(tmp_path / "o2.txt")
    assert main(["polish", str(source), "--to", out, "--fail-under", "101"]) == 1


def test_track_changes_writes_word_revisions(tmp_path: Path) -> None:
    source = _posting(tmp_path)
    out = tmp_path / "out.docx"
    assert main(["polish", str(source), "--to", str(out), "--track-changes"]) == 0
    xml = zipfile.ZipFile(out).read("word/document.xml").decode("utf-8")
    assert xml.count("<w:ins ") >= 3 and xml.count("<w:del ") >= 3
    assert 'w:author="Posting Studio"' in xml
    assert '<w:delText xml:space="preserve">demonstrates</w:delText>' in xml


def test_polish_into_a_docx_keeps_every_paragraph_it_did_not_change(tmp_path: Path) -> None:
    """``polish --to x.docx`` goes the app's way (into the source package, by paragraph
    identity): untouched paragraphs, spacers and the bold heading come back byte for byte, and
    the rewritten paragraph keeps its font."""
    from lxml import etree

    from tests.docio.conftest import W, make_docx, para

    arial = '<w:rFonts w:ascii="Arial" w:hAnsi="Arial"/>'
    spacer = "<w:p><w:pPr><w:spacing w:after='240'/></w:pPr></w:p>"
    body = (
        spacer
        + para(
            "About the role", rpr="<w:b/><w:color w:val='FF0000'/>", ppr="<w:jc w:val='center'/>"
        )
        + spacer
        + para(POSTING.splitlines()[1], rpr=arial)
        + para("Apply by Friday.", rpr="<w:i/>")
    )
    source = tmp_path / "in.docx"
    source.write_bytes(make_docx(body))
    out = tmp_path / "out.docx"
    assert main(["polish", str(source), "--to", str(out)]) == 0

    def paragraphs(path: Path) -> list[bytes]:
        root = etree.fromstring(zipfile.ZipFile(path).read("word/document.xml"))
        return [etree.tostring(p, method="c14n") for p in root.iter(f"{{{W}}}p")]

    before, after = paragraphs(source), paragraphs(out)
    assert len(after) == len(before)
    changed = [i for i, (a, b) in enumerate(zip(before, after, strict=True)) if a != b]
    assert changed == [3]  # only the rewritten sentence
    assert b"You demonstrate a proven record" in after[3] and after[3].count(b"Arial") == 2
