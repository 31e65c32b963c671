"""Readability is quiet by default: a verdict, the hardest few sentences with concrete advice,
the rest on request; an empty posting gets no score and no verdicts."""

from __future__ import annotations

from postingstudio.core.analyse import analyse
from postingstudio.core.settings import AnalysisSettings

HARD = (
    "The successful applicant will coordinate the operational administration of departmental "
    "documentation, ensuring regulatory compliance across multidisciplinary organisational "
    "functions and maintaining the institutional records that the accreditation authorities "
    "review every single year and report on to the board of trustees. "
)
MILD = (
    "You will pack the boxes, check the orders, answer the phone, help the drivers load the "
    "vans, keep the stock room tidy and clean, and tell the manager when we run low on tape "
    "or labels or boxes. "
)  # 38 words at grade 13.7: long and dense enough to be hard (35–37 words read fine to raters)
EASY = "You will help our team. "


def sentence_findings(report) -> list:
    return [f for f in report.findings if f.rule_id.endswith("_sentence") and f.is_span]


def test_only_the_hardest_few_sentences_are_marked(rulebook) -> None:
    varied = "".join(MILD.replace("the boxes", "the boxes" + " and parcels" * n) for n in range(12))
    quiet = analyse(varied + EASY * 30, rulebook)
    assert len(sentence_findings(quiet)) == 3
    # All twelve still count for the score and the verdict.
    assert quiet.metrics["very_hard_sentences"] + quiet.metrics["hard_sentences"] == 12
    every = analyse(varied + EASY * 30, rulebook, AnalysisSettings(show_all_hard_sentences=True))
    assert len(sentence_findings(every)) == 12
    # The ones shown are the hardest: the longest variants of the same sentence.
    shown = {f.start for f in sentence_findings(quiet)}
    hardest = sorted(sentence_findings(every), key=lambda f: -(f.end - f.start))[: len(shown)]
    assert shown == {f.start for f in hardest}


def test_advice_names_long_words_and_a_split(rulebook) -> None:
    report = analyse(HARD + EASY * 30, rulebook)
    (finding,) = sentence_findings(report)
    assert "split after “" in finding.message
    assert "multidisciplinary" in finding.message
    assert any("multidisciplinary" in hint or "new one" in hint for hint in finding.replacements)


def test_one_mark_per_sentence_even_when_long_and_hard(rulebook) -> None:
    long_hard = HARD.rstrip(". ") + ", and " + HARD.lower()
    report = analyse(long_hard + EASY * 30, rulebook)
    starts = [f.start for f in sentence_findings(report)]
    assert len(starts) == len(set(starts))


def test_empty_and_near_empty_postings_are_not_scored(rulebook) -> None:
    for text in ("", "  \n ", "Sales assistant"):
        report = analyse(text, rulebook)
        assert not report.scores.scored
        assert report.metrics["empty_state"]
        assert not [f for f in report.findings if not f.is_span]
        assert report.metrics["you_we_ratio"] is None


def test_a_real_posting_is_still_scored(rulebook) -> None:
    report = analyse("We are a bakery in Leeds. " * 3 + EASY * 5, rulebook)
    assert report.scores.scored and report.scores.overall > 0


def test_show_all_hard_sentences_is_a_saved_preference(tmp_path) -> None:
    from postingstudio.core.preferences import Preferences
    from postingstudio.docio.settings_file import load_preferences, save_preferences

    path = tmp_path / "preferences.json"
    save_preferences(Preferences(analysis=AnalysisSettings(show_all_hard_sentences=True)), path)
    loaded = load_preferences(path)
    assert loaded.analysis.show_all_hard_sentences


def test_only_year_demands_above_the_limit_are_underlined(rulebook) -> None:
    text = (
        "Requirements\nYou must be 18 years of age, with six months experience.\n"
        "At least three years of related experience.\n12 years of experience managing teams.\n"
        "10\nyears of experience in sales.\nWith over 45 years of experience, we know retail."
    )
    report = analyse(text, rulebook)
    flagged = [f.text for f in report.findings if f.rule_id == "inclusive.years_of_experience"]
    assert flagged == ["12 years"]
    assert report.metrics["max_years_required"] == 12
