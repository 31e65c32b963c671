"""Mojibake repaired before analysis, findings on the shown text, the repair offered as a fix."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from postingstudio.core.analyse import analyse
from postingstudio.core.plaintext import parse_text
from postingstudio.core.repair import find_replacements, repair_posting

GARBLED = (
    "We are a friendly team.¬†Great benefits for the right person.‚Ä¢ Excel‚Ä¢ Word‚Ä¢ "
    "Outlook. Our cafÃ© serves synergy and we think outside the box every day."
)


def test_clean_text_is_left_alone() -> None:
    assert find_replacements("Our café opens at eight. Salary €30,000. Ärger? Straße.") == []
    assert repair_posting(parse_text("Plain text only.")) is None


def test_every_finding_quotes_the_shown_text(rulebook) -> None:
    report = analyse(GARBLED, rulebook)
    assert report.text == GARBLED
    for finding in report.findings:
        assert finding.text == GARBLED[finding.start : finding.end]
    cliche = next(f for f in report.findings if "outside the box" in f.text.lower())
    assert (
        cliche.text.lower().startswith("think outside the box") or cliche.text == "outside the box"
    )


def test_the_repair_is_offered_chunk_by_chunk(rulebook) -> None:
    report = analyse(GARBLED, rulebook)
    repairs = [f for f in report.findings if f.rule_id == "readability.garbled_characters"]
    # Only the garbled characters are marked, not the words around them.
    assert {f.text for f in repairs} == {"¬†", "‚Ä¢", "Ã©"}
    assert all("Fix the garbled characters" in f.message for f in repairs)
    accent = next(f for f in repairs if f.text == "Ã©")
    assert accent.replacements == ("é",)
    assert next(f for f in repairs if f.text == "‚Ä¢").replacements == ("•",)


def test_analysis_reads_the_repaired_text(rulebook) -> None:
    # Garbled bullets no longer glue the list into one sentence, nor count as words.
    report = analyse(GARBLED, rulebook)
    clean = analyse(GARBLED.replace("¬†", " ").replace("‚Ä¢", "•").replace("Ã©", "é"), rulebook)
    assert report.metrics["sentences"] == clean.metrics["sentences"]
    assert report.metrics["words"] == clean.metrics["words"]


@settings(max_examples=60, deadline=None)
@given(
    pieces=st.lists(
        st.sampled_from(["Join us.", "¬†", "‚Ä¢", " cafÃ©", " team", "\n", " it‚Äôs", " OK."]),
        max_size=20,
    )
)
def test_offsets_always_land_inside_the_shown_text(pieces, rulebook) -> None:
    posting = parse_text("".join(pieces))
    report = analyse(posting, rulebook)
    text = posting.text
    assert report.text == text
    for finding in report.findings:
        assert 0 <= finding.start <= finding.end <= len(text)
        assert finding.text == text[finding.start : finding.end]
