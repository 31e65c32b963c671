"""Sentence splitting: the English Golden Rules, plus what real postings do to full stops."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from postingstudio.core.sentences import sentence_spans

GOLDEN = json.loads(
    (Path(__file__).resolve().parent.parent / "data" / "golden_rules_en.json").read_text("utf-8")
)


def split(text: str) -> list[str]:
    return [text[start:end] for start, end in sentence_spans(text)]


def test_golden_rules_at_least_ninety_percent() -> None:
    cases = GOLDEN["cases"]
    passed = [case["id"] for case in cases if split(case["text"]) == case["sentences"]]
    assert len(passed) >= 0.9 * len(cases), sorted(set(c["id"] for c in cases) - set(passed))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A lost space after the full stop still ends the sentence.
        (
            "Great pay for the right person.Benefits Include a pension.",
            ["Great pay for the right person.", "Benefits Include a pension."],
        ),
        # Mojibake for a no-break space or a bullet is a gap, never part of either sentence.
        (
            "Join a friendly team.¬†¬†Hours Monday to Friday.",
            ["Join a friendly team.", "Hours Monday to Friday."],
        ),
        (
            "You will need:‚Ä¢ Photoshop‚Ä¢ Illustrator",
            ["You will need:", "Photoshop", "Illustrator"],
        ),
        (
            "Tasks include:• filing • answering calls",
            ["Tasks include:", "• filing", "• answering calls"],
        ),
        # Abbreviations and decimals stay inside.
        (
            "Use a CRM, e.g. Salesforce or HubSpot, daily.",
            ["Use a CRM, e.g. Salesforce or HubSpot, daily."],
        ),
        (
            "Salary rises 2.5% a year. Ask Dr. Patel for details.",
            ["Salary rises 2.5% a year.", "Ask Dr. Patel for details."],
        ),
        ("Offices across the U.S. and Europe.", ["Offices across the U.S. and Europe."]),
        (
            "Email jobs.team@acme.com or see acme.com/Careers today.",
            ["Email jobs.team@acme.com or see acme.com/Careers today."],
        ),
        ("We use ASP.NET and Node.js daily.", ["We use ASP.NET and Node.js daily."]),
        # A list flattened into one line by its plain-text markers is still a list.
        (
            "Skills * Good Excel * Clear writing -Drives a van",
            ["Skills", "* Good Excel", "* Clear writing", "-Drives a van"],
        ),
        (
            "Tasks: payroll for small firms  Audit of accounts  VAT returns",
            ["Tasks: payroll for small firms", "Audit of accounts", "VAT returns"],
        ),
        # Items whose line break was lost after a number, or before a short sentence start.
        (
            "Certified for ISO 9001Manage the audits of our sites",
            ["Certified for ISO 9001", "Manage the audits of our sites"],
        ),
        (
            "Send us your portfolioIf shortlisted we call you",
            ["Send us your portfolio", "If shortlisted we call you"],
        ),
        ("Apply on LinkedIn and Office 365 today.", ["Apply on LinkedIn and Office 365 today."]),
        # ... but a dash, a hyphenated name or a single space is not a marker.
        (
            "Work for Rolls-Royce - a great firm - in Derby.",
            ["Work for Rolls-Royce - a great firm - in Derby."],
        ),
    ],
)
def test_posting_boundaries(text: str, expected: list[str]) -> None:
    assert split(text) == expected


def test_lines_never_join() -> None:
    assert split("Requirements\nPython, SQL\nThree years.") == [
        "Requirements",
        "Python, SQL",
        "Three years.",
    ]


def test_long_runs_of_question_marks_stay_one_cut() -> None:
    text = "Why" + "?" * 20000 + " Because."
    assert split(text) == ["Why" + "?" * 20000, "Because."]


def test_month_and_number_abbreviations_before_a_number() -> None:
    assert split("Deadline: Jan. 31. Salary: $40,000.") == [
        "Deadline: Jan. 31.",
        "Salary: $40,000.",
    ]
    assert split("Start in Aug. We will call you.") == ["Start in Aug.", "We will call you."]


def test_the_whole_text_is_cut_as_its_lines_are() -> None:
    # The section model takes each line's sentences from the whole text's cut (TextIndex), which
    # holds only while no rule looks across a line break: markers, glued items and bullets at a
    # line's edges included.
    sample = Path(__file__).resolve().parents[2] / "resources" / "samples" / "sample_posting.md"
    text = sample.read_text("utf-8") + "\n* Item one *\n -Applies TDD  Next item\n1. First\n"
    text += "drawingsSoldering\nyou.Job Description\n\n¬†Pay¬†\n"
    per_line, offset = [], 0
    for line in text.split("\n"):
        per_line += [(offset + start, offset + end) for start, end in sentence_spans(line)]
        offset += len(line) + 1
    assert sentence_spans(text) == per_line
    assert len(per_line) > 20
