"""End-to-end behaviour of ``analyse``: settings, context exceptions, exemptions, profiles."""

from __future__ import annotations

from postingstudio.core.analyse import analyse
from postingstudio.core.findings import Category
from postingstudio.core.model import Block, BlockKind, Posting
from postingstudio.core.settings import AnalysisSettings

CLICHE_POSTING = (
    "The successful candidate will utilize Excel in order to build reports.\nCompetitive salary."
)


def rule_ids(report):
    return {f.rule_id for f in report.findings}


def test_findings_carry_everything_a_writer_needs(rulebook):
    report = analyse(CLICHE_POSTING, rulebook)
    spans = [f for f in report.findings if f.is_span]
    assert spans
    for finding in spans:
        assert report.text[finding.start : finding.end] == finding.text
        assert finding.message and finding.why and finding.source
        assert finding.category in Category
        assert finding.replacements, finding.rule_id


def test_allow_list_silences_a_term(rulebook):
    plain = analyse(CLICHE_POSTING, rulebook)
    assert any(f.text.lower() == "utilize" for f in plain.findings)
    allowed = analyse(
        CLICHE_POSTING, rulebook, AnalysisSettings(allow_terms=frozenset({"Utilize"}))
    )
    assert not any(f.text.lower() == "utilize" for f in allowed.findings)


def test_disabled_rule_and_category_are_silent(rulebook):
    plain = analyse(CLICHE_POSTING, rulebook)
    some = next(f for f in plain.findings if f.is_span)
    off = analyse(
        CLICHE_POSTING, rulebook, AnalysisSettings(disabled_rules=frozenset({some.rule_id}))
    )
    assert some.rule_id not in rule_ids(off)
    no_dry = analyse(
        CLICHE_POSTING, rulebook, AnalysisSettings(disabled_categories=frozenset({"dry"}))
    )
    assert not [f for f in no_dry.findings if f.category is Category.DRY]


def test_ignore_one_finding_keeps_the_rule_elsewhere(rulebook):
    text = "You will utilize Excel.\nYou will utilize Word."
    plain = analyse(text, rulebook)
    hits = [f for f in plain.findings if f.text.lower() == "utilize"]
    assert len(hits) == 2
    ignored = AnalysisSettings(ignored=frozenset({(hits[0].rule_id, "utilize")}))
    assert not [f for f in analyse(text, rulebook, ignored).findings if f.text.lower() == "utilize"]


def test_bias_rules_are_silent_in_equal_opportunity_statements(rulebook):
    masculine = "You are an aggressive, competitive, decisive, dominant and assertive leader."
    flagged = analyse(masculine, rulebook)
    assert "inclusive.masculine_coded" in rule_ids(flagged)
    eeo = (
        "We are an equal opportunity employer and welcome aggressive, competitive, decisive, "
        "dominant and assertive applicants regardless of gender."
    )
    assert "inclusive.masculine_coded" not in rule_ids(analyse(eeo, rulebook))


def test_gender_profiles_disagree_as_the_studies_do(rulebook):
    text = "You are an aggressive, competitive, decisive, dominant and assertive leader."
    gaucher = analyse(text, rulebook, AnalysisSettings(gender_profile="gaucher"))
    castilla = analyse(text, rulebook, AnalysisSettings(gender_profile="castilla_rho"))
    assert "inclusive.masculine_coded" in rule_ids(gaucher)
    assert "inclusive.masculine_coded" not in rule_ids(castilla)
    assert castilla.metrics["gender_verdict"] == gaucher.metrics["gender_verdict"]
    assert "masculine" in gaucher.metrics["gender_verdict"]
    assert castilla.scores.inclusivity > gaucher.scores.inclusivity


def test_length_profiles_change_the_band(rulebook):
    text = "You will help our customers. " * 100  # 500 words
    textio = analyse(text, rulebook, AnalysisSettings(length_profile="textio"))
    linkedin = analyse(text, rulebook, AnalysisSettings(length_profile="linkedin"))
    assert "readability.too_long" not in rule_ids(textio)
    assert "readability.too_long" in rule_ids(linkedin)
    assert linkedin.metrics["length_band"] == [100, 300]


def test_picky_mode_adds_quiet_rules(rulebook):
    text = "Reports are prepared by the analyst every week."
    assert "readability.passive_voice" not in rule_ids(analyse(text, rulebook))
    picky = analyse(text, rulebook, AnalysisSettings(picky=True))
    assert "readability.passive_voice" in rule_ids(picky)


def test_metrics_count_structure(rulebook):
    posting = Posting(
        (
            Block.of(BlockKind.HEADING, "What you'll do", level=2),
            Block.of(BlockKind.PARAGRAPH, "You will run our stores and we will train you."),
            Block.of(BlockKind.LIST_ITEM, "Open the shop"),
            Block.of(BlockKind.LIST_ITEM, "Count the till"),
            Block.of(
                BlockKind.PARAGRAPH, "You need 3 years of experience in retail. Dental cover."
            ),
        )
    )
    metrics = analyse(posting, rulebook).metrics
    # you: "you'll", "You", "you", "You"; we: "our", "we".
    assert metrics["you_count"] == 4 and metrics["we_count"] == 2
    assert metrics["you_we_ratio"] == 2.0
    assert metrics["max_years_required"] == 3
    assert "dental" in metrics["benefits"]
    assert 0.1 < metrics["bullet_share"] < 0.4


def test_emoji_do_not_shift_spans(rulebook):
    text = "🚀🚀 We want a 👩‍💻 rockstar who will utilize 𝒳 tools."
    report = analyse(text, rulebook)
    for finding in report.findings:
        assert text[finding.start : finding.end] == finding.text
    assert any(f.text == "utilize" for f in report.findings)


def test_empty_posting_is_fine(rulebook):
    report = analyse("", rulebook)
    assert report.metrics["words"] == 0
    assert 0 <= report.scores.overall <= 100


def test_phrases_never_span_a_sentence_end_or_line_break(rulebook):
    crossing = analyse("You will own this job. Duties are listed below.", rulebook)
    assert not [f for f in crossing.findings if "job. duties" in f.text.lower()]
    # "job duties" is a heading rule (scope = "heading"): a line label, here before a colon.
    joined = analyse("Job duties: answer phones and book visits.", rulebook)
    assert [f for f in joined.findings if f.text.lower() == "job duties"]


def test_one_eeo_sentence_does_not_silence_a_long_paragraph(rulebook):
    long_paragraph = (
        "We want a digital native for this role. You will run our social channels. "
        "You will report to the head of marketing. You will plan campaigns each month. "
        "We are an equal opportunity employer and welcome applicants of every age."
    )
    report = analyse(long_paragraph, rulebook)
    assert any(f.text.lower() == "digital native" for f in report.findings)
    short_statement = (
        "We are an equal opportunity employer. We especially welcome recent graduates."
    )
    quiet = analyse(short_statement, rulebook)
    assert not [f for f in quiet.findings if f.category.value == "inclusive"]


def test_masculine_wording_is_penalised_once(rulebook):
    """Masculine-coded words lower inclusivity through the gender penalty only; their
    underlines are not counted a second time as exclusionary wording."""
    text = "You are a competitive, decisive, dominant, assertive and ambitious leader."
    report = analyse(text, rulebook)
    assert "inclusive.masculine_coded" in rule_ids(report)
    assert report.metrics["inclusive_weighted"] == 0
    assert report.metrics["gender_excess_weighted"] > 0
    assert report.scores.inclusivity >= 100 - 25  # the gender penalty is capped at 25
