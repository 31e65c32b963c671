"""The English a posting is checked in: the examples shipped with the cue list, and unseen ones."""

from __future__ import annotations

import tomllib

import pytest

from postingstudio.grammar.variant import english_variant, language_for
from postingstudio.paths import resources_dir

EXAMPLES = tomllib.loads(
    (resources_dir() / "languagetool" / "english_variant.toml").read_text(encoding="utf-8")
)["examples"]


@pytest.mark.parametrize("text", EXAMPLES["gb"])
def test_shipped_british_examples_are_en_gb(text: str) -> None:
    assert english_variant(text) == "en-GB"


@pytest.mark.parametrize("text", EXAMPLES["us"])
def test_shipped_american_examples_are_en_us(text: str) -> None:
    assert english_variant(text) == "en-US"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Nurse, Leeds. We recognise experience; £32k per annum.", "en-GB"),
        ("Warehouse lead in Glasgow, great holiday allowance.", "en-GB"),
        ("Analyst in Austin, Texas. We prioritize color-coded dashboards.", "en-US"),
        ("Engineer in London, Ontario? Pay $120k, 401(k), organization-wide PTO.", "en-US"),
        ("We build software.", "en-US"),  # no cue: the wider default
        ("Unterminated sentence about colourful teams", "en-GB"),
    ],
)
def test_unseen_postings(text: str, expected: str) -> None:
    assert english_variant(text) == expected


def test_a_chosen_language_always_wins() -> None:
    assert language_for("Salary £40,000 in London", "en-US") == "en-US"
    assert language_for("Salary £40,000 in London", "auto") == "en-GB"


def test_words_match_whole_words_only() -> None:
    # "UK" inside "UKG" (a payroll product) or "centre" inside "epicentres" is no cue.
    assert english_variant("Experience with UKG payroll and epicentres") == "en-US"
