"""The comparison's entry points (issue 6): ``compare(mine, competitors, book)``.

Pure and thread-safe like ``analyse``: it takes already-analysed reports (so the UI can reuse
the report it has) and returns a frozen :class:`Comparison`. ``compare_postings`` analyses raw
postings first, for the CLI and for callers that have nothing analysed yet.

Which way a metric is better lives in ``resources/compare.toml``; the facts a competitor can
state in ``resources/lexicons/facts.toml``. The result's JSON is documented in docs/compare.md.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from ..analyse import analyse
from ..model import Posting
from ..report import Report, SectionState
from ..rules.rulebook import RuleBook
from ..settings import AnalysisSettings
from .config import CompareConfig, MetricSpec, compare_config_for, load_compare_config
from .offer import prepare, shared_cliches, they_offer
from .terms import distinctive
from .types import (
    COMPARE_SCHEMA_VERSION,
    ComparedPosting,
    Comparison,
    DistinctiveSentence,
    DistinctiveTerm,
    Evidence,
    MetricRow,
    Offer,
    OfferKind,
    Role,
    SharedCliche,
    Verdict,
)

__all__ = [
    "COMPARE_SCHEMA_VERSION",
    "CompareConfig",
    "CompareInput",
    "ComparedPosting",
    "Comparison",
    "DistinctiveSentence",
    "DistinctiveTerm",
    "Evidence",
    "MetricRow",
    "Offer",
    "OfferKind",
    "Role",
    "SharedCliche",
    "Verdict",
    "compare",
    "compare_postings",
    "load_compare_config",
]


@dataclass(frozen=True)
class CompareInput:
    """One posting to compare: its report, plus what the report alone cannot tell.

    ``posting`` lets the comparison skip page headers/footers; ``company`` keeps the company's
    own name out of "what makes you different"; ``name``/``path`` label it in the result.
    """

    report: Report
    name: str | None = None
    path: str | None = None
    posting: Posting | None = None
    company: str | None = None


PostingLike = Report | tuple[Posting, Report] | CompareInput


def _as_input(item: PostingLike) -> CompareInput:
    if isinstance(item, CompareInput):
        return item
    if isinstance(item, Report):
        return CompareInput(item)
    posting, report = item
    return CompareInput(report, path=posting.source_path, posting=posting)


def _name(item: CompareInput, role: Role, number: int) -> str:
    if item.name:
        return item.name
    if item.path:
        return os.path.basename(item.path)
    if item.posting is not None and item.posting.title:
        return item.posting.title
    return "Your posting" if role is Role.MINE else f"Competitor {number}"


# ---- the side-by-side table -------------------------------------------------------------


def metric_value(spec: MetricSpec, report: Report) -> Any:
    """The raw value of one metric for one report, or ``None`` when it is not known."""
    if spec.value == "salary.kind":
        return str(report.salary.kind)
    if spec.value == "sections.present":
        if not report.sections:
            return None
        worth = {SectionState.PRESENT: 1.0, SectionState.THIN: 0.5}
        return sum(worth.get(s.state, 0.0) for s in report.sections)
    source, _, name = spec.value.partition(".")
    if source == "scores":
        return getattr(report.scores, name, None)
    return report.metrics.get(name)


def goodness(spec: MetricSpec, value: Any, report: Report) -> float | None:
    """One number where higher is always better, so every direction compares the same way."""
    if value is None:
        return None
    if spec.direction == "rank":
        ranks = dict(spec.ranks)
        return ranks.get(str(value))
    number = float(value)
    if spec.direction == "higher":
        return min(number, spec.cap) if spec.cap is not None else number
    if spec.direction == "lower":
        return -number
    if spec.direction == "target":
        return -abs(number - float(spec.target or 0.0))
    band = report.metrics.get(spec.band_metric or "")
    if not band:
        return None
    low, high = float(band[0]), float(band[1])
    if number < low:
        return -(low - number) / max(low, 1.0)
    if number > high:
        return -(number - high) / max(high, 1.0)
    return 0.0


def _verdict(mine: float | None, theirs: float | None, tolerance: float) -> Verdict:
    if mine is None or theirs is None:
        return Verdict.UNKNOWN
    if abs(mine - theirs) <= tolerance + 1e-9:
        return Verdict.SAME
    return Verdict.BETTER if mine > theirs else Verdict.WORSE


def _display(spec: MetricSpec, value: Any) -> str:
    if value is None:
        return "–"
    try:
        return format(value, spec.format)
    except (TypeError, ValueError):
        return str(value)


def metric_rows(reports: Sequence[Report], config: CompareConfig) -> tuple[MetricRow, ...]:
    rows = []
    for spec in config.metrics:
        values = [metric_value(spec, r) for r in reports]
        good = [goodness(spec, v, r) for v, r in zip(values, reports, strict=True)]
        versus = tuple(_verdict(good[0], g, spec.tolerance) for g in good[1:])
        known = [i for i in range(1, len(good)) if good[i] is not None]
        best_competitor = max(known, key=lambda i: (good[i], -i)) if known else None
        versus_best = (
            _verdict(good[0], good[best_competitor], spec.tolerance)
            if best_competitor is not None
            else Verdict.UNKNOWN
        )
        candidates = [i for i in range(len(good)) if good[i] is not None]
        best = max(candidates, key=lambda i: (good[i], -i)) if candidates else None
        if best is not None and best != 0 and versus_best is Verdict.SAME:
            best = 0  # within tolerance of the best: mine is as good
        rows.append(
            MetricRow(
                key=spec.key,
                label=spec.label,
                direction=spec.direction,
                values=tuple(values),
                display=tuple(_display(spec, v) for v in values),
                versus=versus,
                versus_best=versus_best,
                best_competitor=best_competitor,
                best=best,
                source=spec.source,
            )
        )
    return tuple(rows)


# ---- entry points ---------------------------------------------------------------------


def compare(
    mine: PostingLike,
    competitors: Sequence[PostingLike],
    book: RuleBook,
    config: CompareConfig | None = None,
) -> Comparison:
    """Compare ``mine`` with ``competitors`` (reports from ``analyse`` with the same settings).

    ``config`` defaults to the one in ``book.resources``. No analysis happens here, so this is
    cheap enough to rerun whenever the writer edits their posting.
    """
    if config is None:
        if book.resources is None:
            raise ValueError("compare() needs a config when the rule book has no resources folder")
        config = compare_config_for(book.resources)
    inputs = [_as_input(mine), *(_as_input(c) for c in competitors)]
    postings = tuple(
        ComparedPosting(
            name=_name(item, Role.MINE if i == 0 else Role.COMPETITOR, i),
            path=item.path,
            role=Role.MINE if i == 0 else Role.COMPETITOR,
            report=item.report,
        )
        for i, item in enumerate(inputs)
    )
    prepared = [prepare(i.report, i.posting, i.company, book, config) for i in inputs]
    terms, sentences = distinctive(prepared, config.distinctive)
    return Comparison(
        postings=postings,
        metrics=metric_rows([i.report for i in inputs], config),
        they_offer=tuple(they_offer(prepared, book, config)),
        shared_cliches=tuple(shared_cliches(prepared)),
        distinctive=tuple(terms),
        distinctive_sentences=tuple(sentences),
    )


def compare_postings(
    mine: Posting | str,
    competitors: Sequence[Posting | str],
    book: RuleBook,
    settings: AnalysisSettings | None = None,
    *,
    companies: Sequence[str | None] = (),
    config: CompareConfig | None = None,
) -> Comparison:
    """Analyse every posting with the same ``settings``, then :func:`compare` them.

    ``companies``: optional company names, mine first, kept out of the distinctive terms.
    """
    items: list[CompareInput] = []
    for number, raw in enumerate([mine, *competitors]):
        report = analyse(raw, book, settings)
        posting = raw if isinstance(raw, Posting) else None
        company = companies[number] if number < len(companies) else None
        path = posting.source_path if posting is not None else None
        items.append(CompareInput(report, path=path, posting=posting, company=company))
    return compare(items[0], items[1:], book, config)
