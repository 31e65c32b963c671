"""Gender-coded wording: the Gaucher et al. stems count real trait words, not the job content
their stems over-match ("analy*" in "analyst", "respon*" in "responsibilities")."""

from __future__ import annotations

import pytest

from postingstudio.core.analyse import analyse


def coded(rulebook, text):
    metrics = analyse(text, rulebook).metrics
    return metrics["masculine_words"], metrics["feminine_words"]


@pytest.mark.parametrize(
    "text",
    [
        "Responsibilities: you will be responsible for the analysis of sales data.",
        "The analyst reports to the senior analyst on analytics projects.",
        "Competitive salary and benefits; competencies in Excel.",
        "We are an equal opportunity employer; employment decisions are based on merit.",
        "You will determine the root cause of incidents.",
    ],
)
def test_stem_over_matches_are_not_coded(rulebook, text):
    masculine, _feminine = coded(rulebook, text)
    assert masculine == [], masculine


def test_real_trait_words_are_coded(rulebook):
    masculine, feminine = coded(
        rulebook, "You are analytical, competitive and assertive, yet supportive and warm."
    )
    assert {"analytical", "competitive", "assertive"} <= set(masculine)
    assert {"supportive", "warm"} <= set(feminine)


def test_verdict_reflects_the_balance(rulebook):
    strong = analyse(
        "Aggressive, competitive, dominant, decisive, assertive, ambitious self-starter.", rulebook
    ).metrics
    assert strong["gender_verdict"] == "strongly masculine-coded"
    warm = analyse("We are a warm, supportive, caring and collaborative team.", rulebook).metrics
    assert warm["gender_verdict"].endswith("feminine-coded")
    assert analyse("You will answer the phone.", rulebook).metrics["gender_verdict"] == "neutral"


def test_masculine_findings_offer_alternatives(rulebook):
    report = analyse(
        "You are an aggressive, competitive, decisive, dominant and assertive leader.", rulebook
    )
    hits = [f for f in report.findings if f.rule_id == "inclusive.masculine_coded"]
    assert hits
    assert all(f.replacements and "<" not in f.replacements[0] for f in hits[:3])
