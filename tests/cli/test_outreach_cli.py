"""``postingstudio outreach``: the JSON contract, merges with bad contacts files, atomic output."""

from __future__ import annotations

import csv
import email
import json
from email import policy

import pytest

from postingstudio.__main__ import main
from postingstudio.paths import resources_dir
from tests.conftest import corpus_path

SAMPLE = str(resources_dir() / "samples" / "sample_posting.md")
FINDING_KEYS = {
    "rule_id",
    "category",
    "severity",
    "start",
    "end",
    "text",
    "message",
    "why",
    "source",
    "replacements",
}


def _json(capsys, *argv):
    code = main(["outreach", *argv, "--format", "json"])
    return code, json.loads(capsys.readouterr().out)


def test_json_contract_and_finding_offsets(capsys):
    code, payload = _json(capsys, SAMPLE)
    assert code == 0 and payload["schema"] == 1
    assert payload["posting"]["role"] == "Customer Success Manager"
    channels = [m["channel"] for m in payload["messages"]]
    assert {
        "email",
        "sms",
        "linkedin_note",
        "inmail",
        "voicemail",
        "voicemail_email",
        "follow_up",
        "applicant_next_steps",
        "feedback_request",
    } == set(channels)
    for message in payload["messages"]:
        assert {"channel", "body", "length", "limit", "placeholders", "findings"} <= set(message)
        assert ("segments" in message) == (message["channel"] == "sms")
        for finding in message["findings"]:
            assert FINDING_KEYS <= set(finding)
            text = message["subject"] if finding["field"] == "subject" else message["body"]
            assert text[finding["start"] : finding["end"]] == finding["text"]


def test_channel_selection_and_writer_values(capsys):
    code, payload = _json(
        capsys, SAMPLE, "--channel", "sms", "--channel", "linkedin_note", "--first-name", "Ana"
    )
    assert [m["channel"] for m in payload["messages"]] == ["sms", "linkedin_note"]
    assert all(m["body"].startswith("Hi Ana") for m in payload["messages"])
    assert "first_name" not in payload["messages"][0]["placeholders"]


def test_real_docx_text_output(capsys):
    path = corpus_path("docx", "jd_real", "jzf21__resume-analyser__job_description.docx")
    assert main(["outreach", str(path), "--channel", "email"]) in (0, 1)
    out = capsys.readouterr().out
    assert "== email ==" in out and "Subject:" in out and "Send-time advice" in out


def _contacts(path, rows, header=("first_name", "their_skill", "where_we_found_you", "email")):
    with path.open("w", encoding="utf-8", newline="") as stream:
        sheet = csv.writer(stream)
        sheet.writerow(header)
        sheet.writerows(rows)
    return path


def test_merge_writes_one_draft_per_row_and_reports_missing_and_overflowing(tmp_path, capsys):
    contacts = _contacts(
        tmp_path / "c.csv",
        [
            ("Ana", "SQL", "GitHub", "a@x.org"),
            ("", "Python", "LinkedIn", "b@x.org"),
            ("Bo", "x" * 400, "LinkedIn", "c@x.org"),
        ],
    )
    out = tmp_path / "out"
    code = main(
        [
            "outreach",
            SAMPLE,
            "--channel",
            "linkedin_note",
            "--contacts",
            str(contacts),
            "--out",
            str(out),
            "--company",
            "Acme",
            "--sender-name",
            "Sam",
        ]
    )
    assert code == 0
    with (out / "linkedin_note-merge.csv").open(encoding="utf-8") as stream:
        rows = list(csv.DictReader(stream))
    assert [r["ok"] for r in rows] == ["yes", "no", "no"]
    assert rows[0]["body"].startswith("Hi Ana, your SQL work") and "Acme" in rows[0]["body"]
    assert "missing first_name" in rows[1]["problem"]
    assert "characters of 200" in rows[2]["problem"]
    report = (out / "linkedin_note-merge-report.txt").read_text(encoding="utf-8")
    assert "1 of 3 rows merged" in report and "row 2: missing first_name" in report


def test_missing_column_is_a_clear_error_and_nothing_is_written(tmp_path, capsys):
    contacts = _contacts(tmp_path / "c.csv", [("Ana", "a@x.org")], header=("first_name", "email"))
    out = tmp_path / "out"
    assert (
        main(
            [
                "outreach",
                SAMPLE,
                "--channel",
                "email",
                "--contacts",
                str(contacts),
                "--out",
                str(out),
            ]
        )
        == 2
    )
    err = capsys.readouterr().err
    assert "no column for their_skill, where_we_found_you" in err
    assert not any(out.glob("*merge*"))


def test_bad_encoding_anywhere_aborts_without_a_partial_file(tmp_path, capsys):
    contacts = tmp_path / "c.csv"
    good = "first_name,their_skill,where_we_found_you\n" + "Ana,SQL,GitHub\n" * 5000
    contacts.write_bytes(good.encode() + "Jos\xe9,SQL,GitHub\n".encode("latin-1"))
    out = tmp_path / "out"
    assert (
        main(
            ["outreach", SAMPLE, "--channel", "sms", "--contacts", str(contacts), "--out", str(out)]
        )
        == 2
    )
    assert "not UTF-8" in capsys.readouterr().err
    assert list(out.iterdir()) == []  # no merge file, no temporary left behind


def test_a_hundred_thousand_rows_merge_with_progress(tmp_path, capsys):
    contacts = tmp_path / "big.csv"
    contacts.write_text(
        "first_name,their_skill,where_we_found_you\n"
        + "".join(f"N{i},SQL,GitHub\n" for i in range(100_000)),
        encoding="utf-8",
    )
    out = tmp_path / "out"
    assert (
        main(
            ["outreach", SAMPLE, "--channel", "sms", "--contacts", str(contacts), "--out", str(out)]
        )
        == 0
    )
    captured = capsys.readouterr()
    assert "100,000 of 100,000 rows" in captured.err
    with (out / "sms-merge.csv").open(encoding="utf-8") as stream:
        assert sum(1 for _ in csv.reader(stream)) == 100_001


def test_eml_export_is_a_parseable_draft(tmp_path, capsys):
    out = tmp_path / "out"
    assert (
        main(
            [
                "outreach",
                SAMPLE,
                "--channel",
                "email",
                "--out",
                str(out),
                "--eml",
                "--format",
                "json",
            ]
        )
        == 0
    )
    capsys.readouterr()
    mail = email.message_from_bytes((out / "email.eml").read_bytes(), policy=policy.default)
    assert mail["Subject"].startswith("Customer Success Manager")
    assert "Customer Success Manager" in mail.get_content()


@pytest.mark.parametrize("argv", [["missing.docx"], [SAMPLE, "--contacts", "x.csv"]])
def test_unreadable_input_exits_2(argv, capsys):
    assert main(["outreach", *argv]) == 2
    assert "postingstudio outreach" in capsys.readouterr().err
