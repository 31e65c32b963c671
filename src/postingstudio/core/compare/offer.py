"""What the competitors state that mine does not (sections, benefits, facts), and the clichés
mine shares with them; each item points at the sentence that shows it.

A posting is prepared once (:func:`prepare`): its text index, the benefits and facts it states
with their first spans, and the spans of boilerplate (equal-opportunity lines, page headers and
footers) that the distinctive-terms pass should not quote.
"""

from __future__ import annotations

import threading
import weakref
from dataclasses import dataclass, field

from ..findings import Category, Finding
from ..model import BlockOrigin, Posting
from ..report import Report, SalaryKind, SectionState
from ..rules.rulebook import RuleBook
from ..structure import benefits_mentioned
from ..text import TextIndex, normalise_phrase
from .config import CompareConfig, FactSpec
from .types import Evidence, Offer, OfferKind, SharedCliche, evidence_at


@dataclass(frozen=True)
class Prepared:
    """One posting, measured once for every part of the comparison."""

    report: Report
    index: TextIndex
    posting: Posting | None
    company: str | None
    benefits: dict[str, tuple[int, int]]
    facts: dict[str, tuple[int, int]]
    boilerplate: tuple[tuple[int, int], ...]
    # Derived values other passes compute once per posting (e.g. its stemmed vocabulary).
    memo: dict[str, object] = field(default_factory=dict, compare=False, repr=False)


def find_facts(
    index: TextIndex,
    report: Report,
    facts: tuple[FactSpec, ...],
    benefits: dict[str, tuple[int, int]],
) -> dict[str, tuple[int, int]]:
    """Fact id -> span of its first cue. The engine's salary reading wins when it found pay."""
    found: dict[str, tuple[int, int]] = {}
    salary = report.salary
    lowered = index.text.lower()
    if len(lowered) != len(index.text):  # a rare character that lower-cases to two: keep offsets
        lowered = "".join(ch.lower() if len(ch.lower()) == 1 else ch for ch in index.text)
    for spec in facts:
        if (
            spec.id == "salary"
            and salary.kind in (SalaryKind.RANGE, SalaryKind.FIGURE)
            and salary.start is not None
            and salary.end is not None
        ):
            found[spec.id] = (salary.start, salary.end)
            continue
        match = spec.pattern.search(lowered)
        if match is not None and match.end() > match.start():
            found[spec.id] = match.span()
        elif spec.benefit and spec.benefit in benefits:
            found[spec.id] = benefits[spec.benefit]
    return found


def _boilerplate(
    posting: Posting | None, index: TextIndex, book: RuleBook
) -> tuple[tuple[int, int], ...]:
    """Equal-opportunity sentences and page header/footer blocks: true, but the same everywhere."""
    spans: list[tuple[int, int]] = []
    tokens = index.tokens
    for first, _end, _cue in book.eeo_cues.find(tokens):
        spans.append(index.sentence_of(tokens[first].start))
    if posting is not None and posting.text == index.text:
        for block, start in zip(posting.blocks, posting.block_starts, strict=True):
            if block.origin is not BlockOrigin.BODY:
                spans.append((start, start + len(block.text)))
    return tuple(sorted(set(spans)))


# Prepared postings by report identity: when the writer edits their posting, the UI compares
# again and only the new report is measured; competitors' reports are reused as they are.
_CACHE: dict[int, tuple[weakref.ref[Report], tuple[int, int, int, str | None], Prepared]] = {}
_CACHE_LOCK = threading.Lock()
_CACHE_MAX = 64


def prepare(
    report: Report,
    posting: Posting | None,
    company: str | None,
    book: RuleBook,
    config: CompareConfig,
) -> Prepared:
    """What one posting offers and says, measured once per report and reused while it is current."""
    key = (id(book), id(config), id(posting), company)
    with _CACHE_LOCK:
        cached = _CACHE.get(id(report))
        if cached is not None and cached[0]() is report and cached[1] == key:
            return cached[2]
    prepared = _prepare(report, posting, company, book, config)
    with _CACHE_LOCK:
        if len(_CACHE) >= _CACHE_MAX:
            for stale in [k for k, v in _CACHE.items() if v[0]() is None] or list(_CACHE)[:8]:
                _CACHE.pop(stale, None)
        _CACHE[id(report)] = (weakref.ref(report), key, prepared)
    return prepared


def _prepare(
    report: Report,
    posting: Posting | None,
    company: str | None,
    book: RuleBook,
    config: CompareConfig,
) -> Prepared:
    index = TextIndex(report.text)
    benefits = benefits_mentioned(index, book.benefits)
    return Prepared(
        report=report,
        index=index,
        posting=posting,
        company=company,
        benefits=benefits,
        facts=find_facts(index, report, config.facts, benefits),
        boilerplate=_boilerplate(posting, index, book),
    )


def _has_section(report: Report, section_id: str) -> bool:
    section = report.section(section_id)
    return section is not None and section.state is not SectionState.MISSING


def _section_offers(mine: Prepared, theirs: Prepared, number: int) -> list[Offer]:
    # Without a checklist on both sides we cannot tell "absent" from "not checked".
    if not mine.report.sections or not theirs.report.sections:
        return []
    offers = []
    for section in theirs.report.sections:
        if section.state is SectionState.MISSING or _has_section(mine.report, section.id):
            continue
        evidence = None
        if section.start is not None:
            s_start, s_end = theirs.index.sentence_of(section.start)
            end = s_end if section.end is None else max(s_start, min(s_end, section.end))
            evidence = evidence_at(theirs.index, s_start, max(end, s_start))
        offers.append(Offer(number, OfferKind.SECTION, section.id, section.label, evidence))
    return offers


def they_offer(prepared: list[Prepared], book: RuleBook, config: CompareConfig) -> list[Offer]:
    """For each competitor (index ≥ 1 in ``prepared``): sections, benefits, then facts it states
    and mine does not, each in the order they appear in the competitor's text."""
    mine = prepared[0]
    offers: list[Offer] = []
    for number, theirs in enumerate(prepared[1:], start=1):
        offers.extend(_section_offers(mine, theirs, number))
        benefit_offers = [
            Offer(
                number,
                OfferKind.BENEFIT,
                benefit_id,
                book.benefit_labels.get(benefit_id, benefit_id),
                evidence_at(theirs.index, *span),
            )
            for benefit_id, span in theirs.benefits.items()
            if benefit_id not in mine.benefits
        ]
        offered_benefits = {offer.id for offer in benefit_offers}
        fact_offers = [
            Offer(number, OfferKind.FACT, spec.id, spec.label, evidence_at(theirs.index, *span))
            for spec in config.facts
            if (span := theirs.facts.get(spec.id)) is not None
            and spec.id not in mine.facts
            and not (spec.benefit and spec.benefit in offered_benefits)
        ]
        for group in (benefit_offers, fact_offers):
            group.sort(key=lambda o: o.evidence.match_start if o.evidence else 0)
            offers.extend(group)
    return offers


def _generic_findings(report: Report) -> dict[str, Finding]:
    """Normalised phrase -> first generic finding, over every origin (before deduplication,
    so a cliché hidden under a more severe overlapping finding still counts)."""
    found: dict[str, Finding] = {}
    every = (f for group in report.findings_by_origin.values() for f in group)
    for finding in sorted(every, key=lambda f: (f.start, f.end)):
        if finding.category is not Category.GENERIC or not finding.is_span:
            continue
        key = " ".join(normalise_phrase(finding.text))
        if key:
            found.setdefault(key, finding)
    return found


def shared_cliches(prepared: list[Prepared]) -> list[SharedCliche]:
    """Generic phrases in mine that at least one competitor uses too, most widely shared first."""
    mine = _generic_findings(prepared[0].report)
    if not mine:
        return []
    theirs = [_generic_findings(p.report) for p in prepared[1:]]
    shared: list[SharedCliche] = []
    for key, finding in mine.items():
        hits: list[tuple[int, Evidence]] = []
        for number, found in enumerate(theirs, start=1):
            other = found.get(key)
            if other is not None:
                hits.append((number, evidence_at(prepared[number].index, other.start, other.end)))
        if hits:
            shared.append(
                SharedCliche(
                    phrase=key,
                    rule_id=finding.rule_id,
                    message=finding.message,
                    competitors=tuple(number for number, _ in hits),
                    mine=evidence_at(prepared[0].index, finding.start, finding.end),
                    theirs=tuple(hits),
                )
            )
    shared.sort(key=lambda c: (-len(c.competitors), c.mine.match_start))
    return shared
