"""core.compare: metric directions, what competitors offer, shared clichés, distinctive terms.

Real-data tests read ``dev`` postings from ../shared/corpus (never copied here) and choose their
pairs by a plain-text condition, so they keep meaning something if the corpus grows.
"""

from __future__ import annotations

import json
import re
import shutil
from dataclasses import replace
from pathlib import Path

import pytest

from postingstudio.core.analyse import analyse
from postingstudio.core.compare import (
    CompareInput,
    Comparison,
    OfferKind,
    Role,
    Verdict,
    compare,
    compare_postings,
    load_compare_config,
)
from postingstudio.core.compare import offer as compare_offer
from postingstudio.core.plaintext import parse_text
from postingstudio.core.report import SalaryKind, SectionResult, SectionState
from postingstudio.core.rules.schema import RuleFileError
from postingstudio.paths import resources_dir
from tests.conftest import corpus_path, dev_pair, dev_postings


def _input(record: dict, book, name: str | None = None) -> CompareInput:
    posting = parse_text(record["text"])
    report = analyse(posting, book)
    return CompareInput(report, name=name or record["id"], posting=posting,
                        company=record.get("company"))  # fmt: skip


def _check_evidence(comparison: Comparison) -> None:
    """Every quoted sentence is exactly the posting's text there, and holds its cue."""

    def check(number: int, evidence) -> None:
        text = comparison.postings[number].report.text
        assert text[evidence.start : evidence.end] == evidence.text
        assert evidence.start <= evidence.match_start <= evidence.match_end <= evidence.end

    for offer in comparison.they_offer:
        if offer.evidence is not None:
            check(offer.competitor, offer.evidence)
    for cliche in comparison.shared_cliches:
        check(0, cliche.mine)
        for number, evidence in cliche.theirs:
            check(number, evidence)
    for term in comparison.distinctive:
        check(0, term.evidence)
    for sentence in comparison.distinctive_sentences:
        check(0, sentence.evidence)


# ---- real postings --------------------------------------------------------------------


def test_dental_in_theirs_only_is_a_benefit_pointing_at_their_sentence(rulebook):
    mine, theirs = dev_pair(
        "glassdoor_ds",
        lambda t: "dental" not in t.lower(),
        lambda t: "dental insurance" in t.lower(),
    )
    result = compare(_input(mine, rulebook), [_input(theirs, rulebook)], rulebook)
    dental = [o for o in result.they_offer if o.kind is OfferKind.BENEFIT and o.id == "dental"]
    assert len(dental) == 1
    offer = dental[0]
    assert offer.competitor == 1 and offer.label == "Dental cover"
    assert "dental" in offer.evidence.text.lower()
    cue = offer.evidence
    assert theirs["text"].count(cue.text) >= 1  # quoted from their ad, not rewritten
    assert result.metric("benefits_count").values[1] >= 1
    _check_evidence(result)


_RANGE = re.compile(r"\$\d[\d,.]*k?\s*(?:-|–|to)\s*\$?\d")


def test_salary_range_in_theirs_and_none_in_mine_is_a_fact(rulebook):
    mine, theirs = dev_pair(
        "linkedin_edu",
        lambda t: "$" not in t and "salary" not in t.lower() and "pay" not in t.lower(),
        lambda t: bool(_RANGE.search(t)),
    )
    result = compare(_input(mine, rulebook), [_input(theirs, rulebook)], rulebook)
    facts = [o for o in result.they_offer if o.kind is OfferKind.FACT and o.id == "salary"]
    assert len(facts) == 1
    assert "$" in facts[0].evidence.text
    salary = result.metric("salary")
    assert salary.values[0] == "none"
    if salary.values[1] in ("range", "figure"):  # the engine read their pay too
        assert salary.versus == (Verdict.WORSE,) and salary.best == 1
    _check_evidence(result)


def test_a_cliche_in_both_is_shared_with_both_sentences(rulebook):
    def fast(text: str) -> bool:
        return bool(re.search(r"fast[- ]paced", text, re.IGNORECASE))

    mine, theirs = dev_pair("glassdoor_ds", fast, fast)
    third = next(r for r in dev_postings("glassdoor_ds") if not fast(r["text"]))
    result = compare(
        _input(mine, rulebook),
        [_input(third, rulebook), _input(theirs, rulebook)],
        rulebook,
    )
    shared = {c.phrase: c for c in result.shared_cliches}
    assert "fast paced" in shared
    cliche = shared["fast paced"]
    assert cliche.competitors == (2,)  # the competitor without it is not named
    assert re.search(r"fast[- ]paced", cliche.mine.text, re.IGNORECASE)
    assert re.search(r"fast[- ]paced", cliche.theirs[0][1].text, re.IGNORECASE)
    assert result.metric("cliche_density").values[0] > 0
    _check_evidence(result)


def test_distinctive_terms_are_mine_and_rare_among_competitors(rulebook):
    rows = dev_postings("linkedin_edu")[:6]
    inputs = [_input(r, rulebook) for r in rows]
    result = compare(inputs[0], inputs[1:], rulebook)
    config = load_compare_config(resources_dir())
    allowed = int(config.distinctive.max_competitor_share * 5)
    assert result.distinctive, "a real posting always has something of its own"
    weights = [t.weight for t in result.distinctive]
    assert weights == sorted(weights, reverse=True)
    mine_text = rows[0]["text"].lower()
    for term in result.distinctive:
        assert term.competitors_using <= allowed
        assert term.term.lower() not in config.distinctive.stop_words
        assert term.term.split()[0].lower()[:4] in mine_text
    company = (rows[0].get("company") or "").lower().split()
    assert not {t.term.lower() for t in result.distinctive} & set(company)
    assert 1 <= len(result.distinctive_sentences) <= config.distinctive.top_sentences
    _check_evidence(result)


def test_real_word_documents_compare(rulebook):
    folder = corpus_path("docx", "jd_real")
    from postingstudio.docio import load_posting

    names = [
        "sahasransu-sahu__rightFit__job_description.docx",  # data scientist (Google style)
        "A01258386__Resume-Scanner__job_description.docx",  # data analytics co-op
        "Mansh1397__Resume_Parser__Job_Description.docx",  # ML engineer requirements
    ]
    items = []
    for name in names:
        posting = load_posting(folder / name)
        items.append((posting, analyse(posting, rulebook)))
    result = compare(items[0], items[1:], rulebook)
    assert [p.role for p in result.postings] == [Role.MINE, Role.COMPETITOR, Role.COMPETITOR]
    assert result.mine.name == names[0]
    assert all(len(row.versus) == 2 for row in result.metrics)
    json.dumps(result.to_json())
    _check_evidence(result)


def test_evidence_is_exact_across_sources(rulebook):
    for source in ("glassdoor_ds", "linkedin_edu", "adzuna_uk", "monster_us", "electionline"):
        rows = dev_postings(source)[12:18]
        inputs = [_input(r, rulebook) for r in rows]
        _check_evidence(compare(inputs[0], inputs[1:], rulebook))


# ---- directions and shapes (written postings) -----------------------------------------

PLAIN = "You will fix bikes. You will talk to riders. We pay weekly. You get lunch."
HARD = (
    "The incumbent will be responsible for the comprehensive administration of multidimensional "
    "organisational infrastructure, notwithstanding considerable interdepartmental complexity."
)


def test_reading_grade_lower_is_better(rulebook):
    result = compare_postings(PLAIN, [HARD], rulebook)
    grade = result.metric("reading_grade")
    assert grade.values[0] < grade.values[1]
    assert grade.versus == (Verdict.BETTER,) and grade.versus_best is Verdict.BETTER
    assert grade.best == 0
    ease = result.metric("reading_ease")
    assert ease.versus == (Verdict.BETTER,)


def _words(n: int) -> str:
    sentence = "You will help riders choose and fix their bikes every day. "
    return (sentence * (n // 11 + 1)).strip()


def test_length_is_judged_by_distance_to_the_band_not_by_more_words(rulebook):
    result = compare_postings(_words(450), [_words(1200), _words(330), _words(120)], rulebook)
    words = result.metric("words")
    assert words.versus == (Verdict.BETTER, Verdict.SAME, Verdict.BETTER)
    assert words.versus_best is Verdict.SAME and words.best == 0


def test_salary_range_beats_vague_beats_none(rulebook):
    ranged = "Salary: $50,000 - $60,000 per year. You will fix bikes."
    vague = "Competitive salary. You will fix bikes."
    reports = [analyse(t, rulebook) for t in (ranged, vague, "You will fix bikes.")]
    assert reports[0].salary.kind is SalaryKind.RANGE
    result = compare(reports[0], reports[1:], rulebook)
    salary = result.metric("salary")
    assert salary.versus == (Verdict.BETTER, Verdict.BETTER)
    reverse = compare(reports[2], reports[:2], rulebook).metric("salary")
    assert reverse.versus == (Verdict.WORSE, Verdict.WORSE) and reverse.best_competitor == 1


def test_sections_they_have_and_mine_lacks(rulebook):
    mine = analyse("About us\nWe fix bikes.\nWhat you'll do\nFix bikes all day.", rulebook)
    theirs = analyse("Benefits\nWe offer 25 days holiday.\nWhat you'll do\nRide.", rulebook)
    state = SectionState
    mine = replace(mine, sections=(
        SectionResult("benefits", "Benefits", state.MISSING, "none"),
        SectionResult("responsibilities", "Responsibilities", state.PRESENT, "ok", 21, 50),
    ))  # fmt: skip
    theirs = replace(theirs, sections=(
        SectionResult("benefits", "Benefits", state.PRESENT, "ok", 0, 34),
        SectionResult("responsibilities", "Responsibilities", state.THIN, "short", 35, 55),
    ))  # fmt: skip
    result = compare(mine, [theirs], rulebook)
    sections = [o for o in result.they_offer if o.kind is OfferKind.SECTION]
    assert [(o.id, o.competitor) for o in sections] == [("benefits", 1)]
    assert sections[0].evidence.start == 0
    row = result.metric("sections_present")
    assert row.values == (1.0, 1.5) and row.versus == (Verdict.WORSE,)


def test_no_section_offers_without_a_checklist_on_both_sides(rulebook):
    mine = replace(analyse("We fix bikes.", rulebook), sections=())
    theirs = analyse("Benefits\nWe offer 25 days holiday and a pension.", rulebook)
    result = compare(mine, [theirs], rulebook)
    assert not [o for o in result.they_offer if o.kind is OfferKind.SECTION]
    assert result.metric("sections_present").versus == (Verdict.UNKNOWN,)


@pytest.mark.parametrize(
    ("fact", "flag", "quiet"),
    [
        ("salary", "The pay is £28,000–£32,000 a year.", "We pay a competitive salary."),
        ("remote_policy", "This is a hybrid role, two days in the office.", "You fix bikes."),
        ("team_size", "You will join a team of 6 engineers.", "You will join our team."),
        ("team_size", "You will report to the Head of Data.", "You will write reports."),
        ("growth_path", "There is a clear career path to senior.", "You will grow tomatoes."),
        ("hours", "37.5 hours per week, Monday to Friday.", "You fix bikes for hours."),
        ("visa", "We are unable to sponsor visas.", "Visit our shop."),
        ("training", "You get a mentor and paid training.", "You will train models."),
        ("start_date", "Start date: 1 September.", "Start each day with coffee."),
        ("interview_process", "Our interview process has two stages.", "You will interview users."),
        ("contract", "This is a permanent position.", "You will draft contracts."),
    ],
)
def test_fact_cues(rulebook, fact, flag, quiet):
    mine = analyse(quiet, rulebook)
    theirs = analyse(flag, rulebook)
    offers = compare(mine, [theirs], rulebook).they_offer
    spec = next(f for f in load_compare_config(resources_dir()).facts if f.id == fact)
    # A fact that is also a benefit (remote work, training) is offered as the benefit.
    assert {fact, spec.benefit} & {o.id for o in offers}
    assert fact not in {o.id for o in compare(theirs, [mine], rulebook).they_offer}


def test_remote_fact_defers_to_the_remote_benefit(rulebook):
    result = compare_postings("You fix bikes.", ["You can work from home."], rulebook)
    ids = [(o.kind, o.id) for o in result.they_offer]
    assert (OfferKind.BENEFIT, "remote_work") in ids
    assert (OfferKind.FACT, "remote_policy") not in ids


def test_json_contract_shapes(rulebook):
    result = compare_postings(PLAIN, [HARD, "Benefits: dental insurance."], rulebook)
    data = json.loads(json.dumps(result.to_json()))
    assert data["schema"] == 1
    assert [p["role"] for p in data["postings"]] == ["mine", "competitor", "competitor"]
    for posting in data["postings"]:
        assert {"path", "name", "role", "scores", "metrics", "sections", "salary"} <= set(posting)
        assert "findings" not in posting
    check_shape = analyse(PLAIN, rulebook).to_json("x")
    assert set(data["postings"][0]["scores"]) == set(check_shape["scores"])
    assert set(data["postings"][0]["salary"]) == set(check_shape["salary"])
    for row in data["metrics_table"]:
        assert len(row["values"]) == 3 and len(row["versus"]) == 2
        assert row["versus_best"] in {"better", "worse", "same", "unknown"}
    offer = next(o for o in data["they_offer"] if o["id"] == "dental")
    assert offer == {**offer, "competitor": 2, "kind": "benefit", "label": "Dental cover"}
    assert set(offer["evidence"]) == {"start", "end", "text", "match_start", "match_end"}
    assert set(data) >= {"they_offer", "shared_cliches", "distinctive", "distinctive_sentences"}


def test_no_competitors_and_determinism(rulebook):
    alone = compare_postings(PLAIN, [], rulebook)
    assert alone.they_offer == () and alone.distinctive == ()
    assert all(row.versus == () and row.versus_best is Verdict.UNKNOWN for row in alone.metrics)
    reports = [analyse(t, rulebook) for t in (_words(300), PLAIN, HARD)]
    first = compare(reports[0], reports[1:], rulebook).to_json()
    compare_offer._CACHE.clear()
    assert compare(reports[0], reports[1:], rulebook).to_json() == first


def test_company_name_is_not_distinctive(rulebook):
    mine = "Velocycle repairs bikes. At Velocycle you tune wheels. Velocycle pays weekly."
    result = compare_postings(mine, ["We repair bikes and pay monthly."], rulebook,
                              companies=["Velocycle"])  # fmt: skip
    assert "velocycle" not in {t.term.lower() for t in result.distinctive}
    assert result.distinctive  # "tune wheels" and friends remain


# ---- configuration errors -------------------------------------------------------------


def _resources_copy(tmp_path: Path) -> Path:
    shutil.copy(resources_dir() / "compare.toml", tmp_path / "compare.toml")
    (tmp_path / "lexicons").mkdir()
    shutil.copy(resources_dir() / "lexicons" / "facts.toml", tmp_path / "lexicons" / "facts.toml")
    return tmp_path


@pytest.mark.parametrize(
    ("file", "old", "new", "problem"),
    [
        ("compare.toml", 'direction = "lower"', 'direction = "down"', "direction must be"),
        ("compare.toml", "tolerance = 0.5", "tolerance = 0.5\ncolour = 1", "unknown keys"),
        ("compare.toml", 'key = "words"', 'key = "overall_score"', "duplicate key"),
        ("compare.toml", "top_terms = 12", "top_terms = 12\ntop_words = 3", "unknown keys"),
        ("lexicons/facts.toml", r"'\bhybrid\b'", r"'\bHybrid\b'", "lower case"),
        ("lexicons/facts.toml", r"'\bhybrid\b'", r"'\bhybrid(\b'", "bad pattern"),
    ],
)
def test_config_errors_name_the_file_and_problem(tmp_path, file, old, new, problem):
    root = _resources_copy(tmp_path)
    path = root / file
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(RuleFileError, match=problem) as error:
        load_compare_config(root)
    assert error.value.path.endswith(Path(file).name)


def test_every_metric_source_is_cited():
    config = load_compare_config(resources_dir())
    assert {m.key for m in config.metrics} >= {
        "words", "reading_grade", "reading_ease", "you_we_ratio", "bullet_share",
        "cliche_density", "gender_balance", "salary", "benefits_count", "sections_present",
    }  # fmt: skip
    assert all(len(m.source) > 20 for m in config.metrics)
    assert all(f.source for f in config.facts)
