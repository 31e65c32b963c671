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
