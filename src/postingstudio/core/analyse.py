"""``analyse``: one posting in, one immutable :class:`Report` out. Pure, thread-safe, fast.

The rule book and the settings are arguments (no globals), so a worker thread can run this
on a frozen snapshot while the user keeps typing.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import replace
from types import MappingProxyType
from typing import Any

from .currency import NEUTRAL, load_currencies, posting_currency, prefer_currency
from .findings import Finding, FindingSource
from .fixes import placeholder_findings, unfilled_sections
from .gender import analyse_gender
from .model import BlockKind, Posting
from .pay_laws import apply_pay_laws, load_pay_laws, load_scope
from .plaintext import parse_text
from .readability import measure
from .repair import on_shown_text, repair_posting, shown_salary, shown_sections
from .report import Report, SalaryInfo, Scores
from .rules.matcher import SpanSet
from .rules.metrics import run_metric_rules
from .rules.rulebook import RuleBook
from .salary import classify_salary
from .scoring import finding_metrics, score
from .sections import detect_sections, section_findings
from .sections_spec import salary_vague_terms
from .sentence_advice import SentenceLimits, sentence_marks
from .settings import AnalysisSettings
from .structure import (
    Mark,
    benefits_mentioned,
    bullet_share,
    voice_counts,
    years_demanded,
)
from .text import TextIndex

_SHORT_PARAGRAPH_SENTENCES = 3
_DEFAULT_SETTINGS = AnalysisSettings()  # immutable, so one instance serves every call


def equal_opportunity_spans(posting: Posting, index: TextIndex, book: RuleBook) -> SpanSet:
    """Where bias rules stay silent: equal-opportunity and positive-action statements
    (Joblint #99: a positive-action statement was flagged as sexist).

    A short paragraph with a cue is exempt as a whole (such statements run over two or three
    sentences, only one of which names the cue). In a long paragraph, as in postings pasted as
    one block, only the cue's sentence and the one after it are exempt, so one EEO sentence
    cannot silence the whole posting.
    """
    spans: list[tuple[int, int]] = []
    token_starts = index.starts
    sentences = index.sentences
    sentence_starts = index.sentence_starts
    starts = posting.block_starts
    for first, _end, _cue in book.eeo_cues.find_in(index):
        offset = token_starts[first]
        block = posting.block_at(offset)
        block_start = starts[block]
        block_end = block_start + len(posting.blocks[block].text)
        inside = sentences[
            bisect_left(sentence_starts, block_start) : bisect_left(sentence_starts, block_end)
        ]
        if len(inside) <= _SHORT_PARAGRAPH_SENTENCES:
            spans.append((block_start, block_end))
            continue
        position = next((i for i, s in enumerate(inside) if s[0] <= offset < s[1] + 1), 0)
        last = inside[min(position + 1, len(inside) - 1)]
        spans.append((inside[position][0], last[1]))
    return SpanSet(_merge(spans))


def _merge(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def _sections(posting: Posting, index: TextIndex, book: RuleBook, salary: SalaryInfo) -> Any:
    if not book.sections:
        return (), []

    detected = detect_sections(posting, index, book.sections, salary, book.section_model)
    results = tuple(unfilled_sections(detected, index.text))
    findings = section_findings(results, index.text, book.sections)
    # A missing or vague salary where a pay-transparency law applies is an error naming the law.
    laws = load_pay_laws(book.resources)
    if laws and any(f.extra.get("section") == "salary" for f in findings):
        where = load_scope(book.resources).text(index.text, index.sentences)
        findings = apply_pay_laws(findings, where, laws)
    return results, [*findings, *placeholder_findings(index.text)]


def _salary(index: TextIndex, book: RuleBook) -> SalaryInfo:
    return classify_salary(index, salary_vague_terms(book.sections) if book.sections else None)


def analyse(
    posting: Posting | str,
    book: RuleBook,
    settings: AnalysisSettings | None = None,
) -> Report:
    """Analyse a posting (or plain text) against ``book``:
    findings, metrics, sections and scores."""
    settings = settings or _DEFAULT_SETTINGS
    if isinstance(posting, str):
        posting = parse_text(posting)
    repair = repair_posting(posting)  # analysis reads the repaired text; findings go back
    if repair:
        posting = repair.repaired
    index = TextIndex(posting.text)
    book.term_scan.run(index)  # one walk over the tokens for every term table below
    exempt = equal_opportunity_spans(posting, index, book)
    rule_findings = book.text_rules.run(index, settings, exempt)

    length_name, length = book.profile("length", settings.length_profile)
    gender_name, gender_profile = book.profile("gender", settings.gender_profile)
    reading = book.profiles.get("reading", {})
    names = reading.get("names", {})  # a run of names or fields is not judged as a sentence
    readability = measure(index)
    words = index.word_count
    sentence_limits = SentenceLimits(
        float(reading.get("hard_grade", 12)),
        float(reading.get("very_hard_grade", 16)),
        int(reading.get("min_sentence_words", 35)),
        int(reading.get("max_sentence_words", 35)),
        int(reading.get("shown_sentences", 3)),
        settings.show_all_hard_sentences,
        float(names.get("capitalised_share", 1.1)),
        float(names.get("function_share", 0.0)),
        frozenset(str(word).lower() for word in names.get("function_words", ())),
    )
    marks, sentence_counts = sentence_marks(readability, index.text, sentence_limits)
    # Only the whole text's figures are read from here on: the per-sentence table (4 MB on a
    # 200,000-line list) need not be held through the sections.
    reading_metrics = readability.metrics()
    grade, sentence_total = readability.flesch_kincaid_grade, readability.sentences
    del readability
    marks["passive"] = book.passive.find(index)
    marks["garbled"] = repair.offsets.garbled_marks() if repair else []
    allowed = frozenset(t.lower() for t in settings.allow_terms)
    gender = analyse_gender(index, book.gender, exempt, allowed)
    marks["gender_masculine"] = list(gender.masculine)
    years = years_demanded(index)
    max_years = max((y for _s, _e, y in years), default=0)
    # Only the demands above the profile's limit are underlined: "3 years" is not the problem
    # in a posting that also asks for 10.
    years_limit = int(book.profiles.get("requirements", {}).get("max_years", 8))
    marks["years_demanded"] = [Mark(s, e, (), f"{y} years") for s, e, y in years if y > years_limit]
    benefits = benefits_mentioned(index, book.benefits)
    salary = _salary(index, book)
    sections, section_found = _sections(posting, index, book, salary)

    you, we = voice_counts(index)
    share = bullet_share(posting)
    bullets = book.profiles.get("bullets", {})
    requirements = book.profiles.get("requirements", {})
    target_grade = settings.reading_grade_target or float(reading.get("target_grade", 9))
    requirement_count = _requirement_count(posting, sections)
    min_words, max_words = int(length.get("min_words", 0)), int(length.get("max_words", 10**9))
    metrics: dict[str, Any] = {
        "words": words,
        **reading_metrics,
        "target_grade": target_grade,
        "length_profile": length_name,
        "length_band": [min_words, max_words],
        "bullet_share": round(share, 3),
        "you_count": you,
        "we_count": we,
        # No ratio until there is some "you" or "we" to compare (0 against 0 is not a lean).
        "you_we_ratio": (round(you / we, 2) if we else float(you)) if you + we >= 3 else None,
        "requirement_count": requirement_count,
        "max_years_required": max_years,
        "benefits_count": len(benefits),
        "benefits": sorted(benefits),
        "passive_count": len(marks["passive"]),
        "garbled_chunks": len(marks["garbled"]),
        **sentence_counts,  # every hard sentence counts, shown or not
        "gender_profile": gender_name,
        "gender_masculine": len(gender.masculine),
        "gender_feminine": len(gender.feminine),
        "gender_masculine_excess": gender.excess,
        "gender_verdict": gender.verdict(int(gender_profile.get("strong", 4))),
        "masculine_words": list(gender.masculine_words),
        "feminine_words": list(gender.feminine_words),
        # Derived values the scoring penalties and metric rules read.
        "grade_over_target": round(max(0.0, grade - target_grade), 2),
        "hard_sentence_share": round(
            (sentence_counts["hard_sentences"] + sentence_counts["very_hard_sentences"])
            / max(1, sentence_total),
            3,
        ),
        "length_off_band": round(
            (max(0, min_words - words) / max(1, min_words))
            + (max(0, words - max_words) / max(1, max_words)),
            3,
        ),
        "passive_per_100_words": round(len(marks["passive"]) * 100 / max(1, words), 3),
        "low_you_share": round(max(0.0, 0.5 - you / max(1, you + we)) * 2, 3) if you + we else 0.5,
        "bullet_off_band": round(
            max(0.0, float(bullets.get("low", 0.15)) - share)
            + max(0.0, share - float(bullets.get("high", 0.65))),
            3,
        ),
        "gender_excess_over": max(0, gender.excess - int(gender_profile.get("flag_excess", 3)) + 1),
        "requirements_over_max": max(0, requirement_count - int(requirements.get("max_count", 10))),
        "years_over_max": max(0, max_years - int(requirements.get("max_years", 8))),
        "salary_kind": str(salary.kind),
    }
    metrics["gender_excess_weighted"] = round(
        max(0, gender.excess) * float(gender_profile.get("score_weight", 1.0)), 2
    )
    limits = {**_flatten("length", length), **_flatten("gender", gender_profile)}
    limits.update(_flatten("reading", reading))
    limits.update(_flatten("bullets", bullets))
    limits.update(_flatten("requirements", requirements))
    limits["reading.target_grade"] = target_grade
    metric_findings = run_metric_rules(book.metric_rules, metrics, marks, limits, index, settings)
    text = index.text
    del index  # its tokens (31 MB on the 200,000-line list) go before the currency's look
    empty = book.scoring.get("empty_state", {})
    if words < int(empty.get("min_words", 0)):
        # Too little text to judge: no score, and no document-level verdicts (missing sections,
        # "talks about we", too short) on what is not written yet; phrases found still show.
        metric_findings = [f for f in metric_findings if f.is_span]
        section_found = [f for f in section_found if f.is_span]
        metrics["empty_state"] = str(empty.get("message", ""))
    all_rule_findings = [*rule_findings, *metric_findings]
    if book.resources is not None:  # pay fixes in the posting's own currency first
        currency = posting_currency(text, load_currencies(book.resources))
        all_rule_findings = prefer_currency(all_rule_findings, currency)
        section_found = prefer_currency(section_found, currency)
        if currency is not None:  # "Strengthen" writes the posting's currency too
            sections = tuple(
                replace(r, additions=r.additions.replace(NEUTRAL, currency.symbol))
                if NEUTRAL in r.additions  # (most have none: a copy each cost ~4 µs)
                else r
                for r in sections
            )
    metrics.update(finding_metrics(all_rule_findings, words, book.scoring))
    scores = score(book.scoring, metrics, sections)
    if "empty_state" in metrics:
        scores = Scores(0, 0, 0, 0, 0, scored=False)
    by_origin: dict[FindingSource, tuple[Finding, ...]] = {
        FindingSource.RULES: tuple(f for f in all_rule_findings if f.origin is FindingSource.RULES),
        FindingSource.READABILITY: tuple(
            f for f in all_rule_findings if f.origin is FindingSource.READABILITY
        ),
        FindingSource.SECTIONS: tuple(_not_disabled(section_found, settings)),
    }
    if repair:
        by_origin = {
            origin: tuple(on_shown_text(f, repair.offsets, repair.shown.text) for f in found)
            for origin, found in by_origin.items()
        }
        sections = list(shown_sections(sections, repair.offsets))
        salary = shown_salary(salary, repair.offsets, repair.shown.text)
    return Report(
        text=repair.shown.text if repair else text,
        findings_by_origin=MappingProxyType(by_origin),
        metrics=MappingProxyType(metrics),
        scores=scores,
        sections=tuple(sections),
        salary=salary,
        profile=f"length={length_name}, gender={gender_name}",
    )


def _not_disabled(findings: list[Finding], settings: AnalysisSettings) -> list[Finding]:
    return [
        f
        for f in findings
        if f.rule_id not in settings.disabled_rules
        and f.category.value not in settings.disabled_categories
    ]


def _flatten(prefix: str, table: dict[str, Any]) -> dict[str, Any]:
    return {f"{prefix}.{key}": value for key, value in table.items()}


_REQUIREMENT_HEADING = re.compile(
    r"requirement|qualification|skills|experience|who you are|what you (?:bring|need|have)|"
    r"you have|you bring|about you|what we(?:'re| are) looking for",
    re.IGNORECASE,
)


def _requirement_count(posting: Posting, sections: Any) -> int:
    """Lines under requirement-like headings: one requirement per bullet or line.

    Uses the section checklist's span when it found one; otherwise every block under a heading
    that reads like a requirements heading counts.
    """
    for section in sections:
        if section.id == "requirements" and section.start is not None and section.end is not None:
            first = posting.block_at(section.start)
            last = posting.block_at(max(section.start, section.end - 1))
            blocks = posting.blocks[first : last + 1]
            return sum(1 for b in blocks if b.kind is not BlockKind.HEADING and b.text.strip())
    count, inside = 0, False
    for block in posting.blocks:
        if block.kind is BlockKind.HEADING:
            inside = bool(_REQUIREMENT_HEADING.search(block.text))
        elif inside and block.text.strip():
            count += 1
    return count
