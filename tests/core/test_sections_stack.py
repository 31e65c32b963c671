"""The learned model's ``stacked`` mode: a posting-level model weighs the rules' state against
the sentence scores. Its inputs, its verdicts (and the reasons and spans they give), that both
scoring paths agree, and that bad data is refused."""

from __future__ import annotations

import pytest

from postingstudio.core.report import SectionState
from postingstudio.core.sections_learned import (
    SectionModel,
    combine,
    sentence_units,
    unit_features,
)
from postingstudio.core.sections_stack import ScoreSummary, stack_features, stack_rows, stack_state

LABELS = [("mission", "Mission"), ("culture", "Culture")]
MISSING = (SectionState.MISSING, "No heading and no purpose found", None)
MISSION = {"w:purpose": 4.0, "w:exist": 3.0, "bias": -3.0}
# Present where the sentence model is sure of one sentence; thin where only the rules found it.
STACK = {
    "present": {"bias": -2.0, "top": 4.0, "n80": 2.0},
    "thin": {"bias": -1.0, "rules_present": 2.0, "rules_thin": 2.0},
}


def stacked(stack: dict = STACK) -> SectionModel:
    entry = {"mode": "stacked", "threshold": 0.5, "weights": MISSION, "stack": stack}
    return SectionModel({"format": 1, "sections": {"mission": entry}})


def test_the_inputs_are_the_rules_state_the_top_score_and_the_counts() -> None:
    summary = ScoreSummary([0.1, 0.6, 0.9, 0.0])
    assert summary.top == 0.9 and summary.counts == [2, 2, 1]
    x = stack_features("thin", summary)
    assert x[:3] == [1.0, 0.0, 1.0]
    assert 0.3 < x[3] < 0.4  # log-odds of 0.9 (2.2) over 6
    assert x[4:] == pytest.approx([0.5493, 0.5493, 0.3466], abs=1e-4)  # log1p(count) / 2
    assert stack_features("present", ScoreSummary())[:4] == [1.0, 1.0, 0.0, -1.0]


def test_the_highest_scoring_state_wins_and_missing_scores_zero() -> None:
    rows = stack_rows(STACK)
    assert rows["thin"] == (-1.0, 2.0, 2.0, 0.0, 0.0, 0.0, 0.0)  # in FEATURES order
    sure = ScoreSummary([0.99])
    assert stack_state(rows, "missing", sure) == "present"
    assert stack_state(rows, "thin", ScoreSummary([0.2])) == "thin"
    assert stack_state(rows, "missing", ScoreSummary([0.2])) == "missing"


def test_a_sure_sentence_makes_a_section_the_rules_missed_present_and_is_quoted() -> None:
    text = "We build bridges.\nOur purpose is to exist for our town."
    state, reason, span = combine(stacked(), text, LABELS, [MISSING, MISSING])[0]
    assert state is SectionState.PRESENT
    assert reason.startswith("No heading; read as mission: ‘Our purpose is to exist")
    assert text[span[0] : span[1]] == "Our purpose is to exist for our town."


def test_a_cue_no_sentence_bears_out_stays_thin_or_goes_as_the_weights_say() -> None:
    text = "Mission-critical systems need care."
    cue = (SectionState.PRESENT, "Only ‘mission-critical’", (0, 16))
    state, reason, span = combine(stacked(), text, LABELS, [cue, MISSING])[0]
    # The rules found it, no sentence carries it: thin, with the rules' own reason and span.
    assert (state, reason, span) == (SectionState.THIN, "Only ‘mission-critical’", (0, 16))
    doubting = {"present": STACK["present"], "thin": {"bias": -1.0}}
    state, reason, span = combine(stacked(doubting), text, LABELS, [cue, MISSING])[0]
    assert state is SectionState.MISSING and span is None
    assert reason == "No sentence reads as mission (the rules saw: Only ‘mission-critical’)"


def test_both_scoring_paths_give_the_same_stacked_verdict() -> None:
    text = "About us\nOur purpose is to exist.\nWe hire well.\n\nWe exist for purpose."
    rules = [(SectionState.THIN, "Heading “About us” has only 4 words", (0, 8)), MISSING]
    units = sentence_units(text)
    named = combine(stacked(), text, LABELS, rules, units, unit_features(text, units))
    rows = combine(stacked(), text, LABELS, rules)  # the weight rows, no feature strings
    assert named == rows
    assert named[0][0] is SectionState.PRESENT and "Our purpose is to exist" in named[0][1]


def test_bad_stack_data_is_refused() -> None:
    with pytest.raises(ValueError, match="only if stacked"):
        SectionModel({"format": 1, "sections": {"mission": {"mode": "stacked", "threshold": 0.5}}})
    with pytest.raises(ValueError, match="unknown features"):
        stacked({"present": {"sentences": 1.0}, "thin": {}})
    with pytest.raises(ValueError, match="'thin' and 'present'"):
        stacked({"missing": {}})
    entry = {"mode": "model", "threshold": 0.5, "stack": STACK}
    with pytest.raises(ValueError, match="only if stacked"):
        SectionModel({"format": 1, "sections": {"mission": entry}})
    assert stacked().to_json()["sections"]["mission"]["stack"] == STACK
