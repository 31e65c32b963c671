"""The learned section model: its sentence cut, its data checks, how its verdict combines with the
rules', and that the shipped weights take part in the real analysis."""

from __future__ import annotations

import pytest

from postingstudio.core.analyse import analyse
from postingstudio.core.plaintext import parse_text
from postingstudio.core.report import SectionState
from postingstudio.core.rules.rulebook import default_rulebook
from postingstudio.core.sections import load_section_specs, rule_marks
from postingstudio.core.sections_learned import (
    SectionModel,
    combine,
    sentence_units,
    unit_features,
)
from postingstudio.core.text import TextIndex

LABELS = [("mission", "Mission"), ("culture", "Culture")]
MISSING = (SectionState.MISSING, "No heading and no purpose found", None)


def model(**sections: dict) -> SectionModel:
    return SectionModel({"format": 1, "sections": sections})


MISSION = {"w:purpose": 4.0, "w:exist": 3.0, "bias": -3.0}


def test_units_keep_the_raters_ids_and_spans() -> None:
    text = "About us\n\nWe exist to help. We hire well.\nApply now"
    units = sentence_units(text)
    assert [(u.block, u.number) for u in units] == [(0, 0), (1, 0), (2, 0), (2, 1), (3, 0)]
    assert [text[u.start : u.end].strip() for u in units] == [
        "About us", "", "We exist to help.", "We hire well.", "Apply now",
    ]  # fmt: skip
    assert [u.heading for u in units] == [True, False, False, False, True]


def test_units_from_the_index_sentences_are_the_units_of_the_text() -> None:
    text = "About us\n\nWe exist to help. We hire well.\n¬†\nApply now\nİstanbul office. Σ"
    assert sentence_units(text, TextIndex(text).sentences) == sentence_units(text)
    units = sentence_units(text)
    assert [text[u.start : u.end] for u in units][-3:] == ["Apply now", "İstanbul office.", "Σ"]
    # A character that grows when lower-cased ("İ") does not shift the words of later units.
    assert "w:office" in unit_features(text, units)[-2]


def test_features_carry_the_heading_above_and_word_pairs() -> None:
    text = "Our purpose\nWe exist to help people."
    feats = unit_features(text, sentence_units(text))
    assert "is_heading" in feats[0] and "is_heading" not in feats[1]
    assert {"h:our", "h:purpose", "w:exist", "b:exist_to"} <= feats[1]


def test_bad_data_is_refused() -> None:
    with pytest.raises(ValueError, match="format"):
        SectionModel({"format": 99, "sections": {}})
    with pytest.raises(ValueError, match="unknown mode"):
        model(mission={"mode": "sometimes", "threshold": 0.5})


def test_either_mode_finds_what_the_rules_missed_and_names_the_sentence() -> None:
    text = "We build bridges.\nOur purpose is to exist for our town."
    got = combine(
        model(mission={"mode": "either", "threshold": 0.9, "weights": MISSION}),
        text, LABELS, [MISSING, MISSING],
    )  # fmt: skip
    state, reason, span = got[0]
    assert state is SectionState.PRESENT
    assert "Our purpose is to exist" in reason
    assert text[span[0] : span[1]] == "Our purpose is to exist for our town."
    assert got[1] == MISSING  # no weights for culture: the rules' verdict stands


def test_too_few_carriers_make_the_section_thin_and_rules_mode_is_untouched() -> None:
    text = "Our purpose is to exist."
    thin = combine(
        model(mission={"mode": "either", "threshold": 0.9, "present_min": 2, "weights": MISSION}),
        text, LABELS, [MISSING, MISSING],
    )  # fmt: skip
    assert thin[0][0] is SectionState.THIN
    untouched = combine(
        model(mission={"mode": "rules", "threshold": 0.9, "weights": MISSION}),
        text, LABELS, [MISSING, MISSING],
    )  # fmt: skip
    assert untouched[0] == MISSING


def test_model_mode_overrules_a_cue_no_sentence_bears_out() -> None:
    found = (SectionState.THIN, "Only ‘mission-critical’", (0, 10))
    got = combine(
        model(mission={"mode": "model", "threshold": 0.9, "weights": MISSION}),
        "Mission-critical systems need care.", LABELS, [found, MISSING],
    )  # fmt: skip
    assert got[0][0] is SectionState.MISSING
    assert "No sentence reads as mission" in got[0][1]


def test_rules_mode_with_a_model_state_grades_only_what_the_rules_found() -> None:
    weights = {"mode": "rules", "threshold": 0.9, "state": "model", "weights": MISSION}
    rules_thin = (SectionState.THIN, "Only ‘purpose’", (0, 3))
    text = "Our purpose is to exist."
    got = combine(model(mission=weights), text, LABELS, [rules_thin, MISSING])
    assert got[0][0] is SectionState.PRESENT
    assert combine(model(mission=weights), text, LABELS, [MISSING, MISSING])[0] == MISSING


def test_model_judges_present_or_thin_when_its_data_says_so() -> None:
    rules_thin = (SectionState.THIN, "Only ‘purpose’", (0, 3))
    text = "Our purpose is to exist. We exist for purpose."
    got = combine(
        model(mission={"mode": "either", "threshold": 0.9, "state": "model", "weights": MISSION}),
        text, LABELS, [rules_thin, MISSING],
    )  # fmt: skip
    assert got[0][0] is SectionState.PRESENT
    assert got[0][1].startswith("Read as mission")


def test_the_shipped_model_takes_part_in_the_analysis() -> None:
    book = default_rulebook()
    assert book.section_model is not None and book.section_model.asked()
    # A company paragraph with no heading and none of the rules' cue phrases.
    text = (
        "Northwind Logistics is a family-owned freight company founded in 1962, with 400 "
        "employees across six depots in the Midlands.\n"
        "You will plan routes for our drivers and keep the depots supplied."
    )
    sections = {s.id: s for s in analyse(text, book).sections}
    about = sections["about_company"]
    assert about.state is not SectionState.MISSING
    assert about.start is not None and about.start < text.index("employees")
    assert "Northwind Logistics is a family-owned" in about.reason  # it names the sentence


def test_the_scorer_gives_the_probabilities_of_the_named_features() -> None:
    """The per-word weight rows (no feature strings) score each sentence as the feature names
    and weights do, for every scored section of the shipped model, sentence by sentence."""
    from postingstudio.core.sections_learned import load_section_model
    from postingstudio.paths import resources_dir

    shipped = load_section_model(resources_dir() / "sections" / "en")
    assert shipped is not None
    text = (
        "About us\nWe exist to make clean water a right, not a privilege.\n\n"
        "Our culture\nWe work in small, kind teams that share what they learn.\n"
        "You will lead the field team and report to the director. Apply by 30 June."
    )
    # With and without the rules' marks (cue hits, headings), which the shipped model reads.
    posting = parse_text(text)
    text = posting.text  # (the parsed text: no blank line)
    units = sentence_units(text)
    rows = shipped._rows
    specs = load_section_specs(resources_dir() / "sections" / "en")
    marks = rule_marks(posting, TextIndex(text), specs)
    assert len(marks) > 0
    for given in (None, marks):
        feats = unit_features(text, units, given)
        scored = list(rows.iter_scores(text, units, len(units), given))
        assert [unit for unit, _ in scored] == units
        for column, section in enumerate(rows.sections):
            expected = shipped.probabilities(section, feats)
            assert [probabilities[column] for _, probabilities in scored] == expected


def test_packed_rows_add_up_to_the_exact_sums() -> None:
    """A sum of packed rows reads back, per section, as math.fsum of the weights: negative,
    tiny and large weights, and many rows, without a field borrowing from its neighbour."""
    import math
    import random

    from postingstudio.core.sections_scorer import FeatureRows

    chance = random.Random(17)
    weights = [
        {f"w:f{n}": chance.choice([-1, 1]) * chance.uniform(0, 4) for n in range(60)}
        for _ in range(4)
    ]
    weights[1]["w:f3"] = 1e-9
    weights[2]["w:f4"] = -2.5e-7
    weights[3]["w:f5"] = 0.0
    rows = FeatureRows(["a", "b", "c", "d"], weights)
    features = [f"f{n}" for n in range(60)]
    for _ in range(200):
        chosen = chance.sample(features, chance.randint(0, 60))
        packed = sum(rows.words[name] for name in chosen)
        expected = [math.fsum(table[f"w:{name}"] for name in chosen) for table in weights]
        assert rows.unpack(packed) == expected
