"""``postingstudio check`` and ``rules`` as a user and a tool see them: output, JSON contract,
exit codes, and one clear line (never a traceback) for a file that cannot be read."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

POSTING = """Sales Rockstar
We are a fast-paced company. The successful candidate will utilize Excel in order to win deals.
Competitive salary.
"""


def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "postingstudio", *args],
        capture_output=True, text=True, timeout=120, cwd=cwd,
    )  # fmt: skip


@pytest.fixture
def posting(tmp_path: Path) -> Path:
    path = tmp_path / "posting.txt"
    path.write_text(POSTING, encoding="utf-8")
    return path


def test_text_output_groups_findings_with_positions(posting):
    out = run("check", str(posting))
    assert out.returncode == 0, out.stderr
    assert "overall" in out.stdout and "Findings" in out.stdout
    assert "  dry (" in out.stdout
    assert "2:" in out.stdout  # LINE:COL of a finding on the second line
    assert "fix:" in out.stdout and "why:" in out.stdout


def test_json_contract(posting):
    out = run("check", "--format", "json", str(posting))
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    assert data["schema"] == 2  # 2: findings carry line/column or paragraph/offset
    (entry,) = data["files"]
    assert entry["path"] == str(posting)
    assert set(entry["scores"]) == {"overall", "clarity", "vibrancy", "completeness", "inclusivity"}
    assert entry["salary"]["kind"] in {"range", "figure", "vague", "none"}
    for key in ("words", "reading_grade", "reading_ease", "bullet_share", "you_we_ratio"):
        assert key in entry["metrics"]
    for section in entry["sections"]:
        assert section["state"] in {"present", "thin", "missing"} and section["reason"]
    text = POSTING
    assert entry["findings"]
    for finding in entry["findings"]:
        assert {"rule_id", "category", "severity", "start", "end", "text", "message", "why",
                "source", "replacements"} <= set(finding)  # fmt: skip
        assert text[finding["start"] : finding["end"]] == finding["text"]


def test_unreadable_file_is_one_line_and_others_still_checked(tmp_path, posting):
    broken = tmp_path / "broken.docx"
    broken.write_bytes(b"this is not a zip file at all")
    missing = tmp_path / "missing.txt"
    out = run("check", "--format", "json", str(broken), str(missing), str(posting))
    assert out.returncode == 2
    assert "Traceback" not in out.stderr
    lines = [line for line in out.stderr.splitlines() if line.strip()]
    assert any(str(broken) in line for line in lines)
    assert any(str(missing) in line and "does not exist" in line for line in lines)
    files = json.loads(out.stdout)["files"]
    assert "error" in files[0] and "error" in files[1]
    assert "scores" in files[2]


def test_fail_under_gates(posting):
    assert run("check", "--fail-under", "99", str(posting)).returncode == 1
    assert run("check", "--fail-under", "1", str(posting)).returncode == 0


def test_allow_and_disable_flags(posting):
    def ids(*extra: str) -> set[str]:
        data = json.loads(run("check", "--format", "json", *extra, str(posting)).stdout)
        return {(f["rule_id"], f["text"].lower()) for f in data["files"][0]["findings"]}

    plain = ids()
    utilize = next(item for item in plain if item[1] == "utilize")
    assert utilize not in ids("--allow", "utilize")
    assert not any(rule == utilize[0] for rule, _ in ids("--disable", utilize[0]))


def test_rules_listing():
    out = run("rules")
    assert out.returncode == 0
    assert "readability.too_long" in out.stdout and "lexicon entries" in out.stdout
    data = json.loads(run("rules", "--format", "json").stdout)
    assert data["schema"] == 1 and len(data["rules"]) > 10
    assert "overall =" in run("rules", "--scoring").stdout
    assert "length:linkedin" in run("rules", "--profiles").stdout


def test_bad_user_rule_folder_warns_but_checks(tmp_path, posting):
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "bad.toml").write_text("[[rule]]\nid = 'x'\n")
    out = run("check", "--rules", str(rules), str(posting))
    assert out.returncode == 0
    assert "bad.toml" in out.stderr and "Traceback" not in out.stderr
