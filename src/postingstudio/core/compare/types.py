"""The comparison's result: frozen dataclasses and their versioned JSON form (schema 1).

Every item that points into a posting carries :class:`Evidence`: the sentence (code-point offsets
into that posting's ``Report.text``, and its text) plus the span of the cue inside it, so the UI
can scroll a competitor's ad to the sentence and the writer can read it in context.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from ..report import Report
from ..text import TextIndex

COMPARE_SCHEMA_VERSION = 1


class Verdict(StrEnum):
    """How my posting stands against another on one metric."""

    BETTER = "better"
    WORSE = "worse"
    SAME = "same"
    UNKNOWN = "unknown"  # a value is missing on either side (e.g. no section checklist yet)


class Role(StrEnum):
    """Whose posting a compared entry is: the writer's own or a competitor's."""

    MINE = "mine"
    COMPETITOR = "competitor"


class OfferKind(StrEnum):
    """What an offer is: a checklist section, a named benefit or a stated fact."""

    SECTION = "section"
    BENEFIT = "benefit"
    FACT = "fact"


@dataclass(frozen=True, slots=True)
class Evidence:
    """A sentence of one posting (``start``/``end``/``text``) and the cue inside it."""

    start: int
    end: int
    text: str
    match_start: int
    match_end: int

    def parts(self) -> tuple[str, str, str] | None:
        """(before, cue, after) of the sentence, or None when the cue is empty or the whole
        sentence (then there is nothing to mark inside it)."""
        text = self.text
        lo = max(0, min(len(text), self.match_start - self.start))
        hi = max(lo, min(len(text), self.match_end - self.start))
        if hi == lo or (lo == 0 and hi == len(text)):
            return None
        return text[:lo], text[lo:hi], text[hi:]

    def to_json(self) -> dict[str, Any]:
        return {
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "match_start": self.match_start,
            "match_end": self.match_end,
        }


def evidence_at(index: TextIndex, start: int, end: int) -> Evidence:
    """The sentence around ``[start, end)`` in ``index``, with that span as the cue."""
    s_start, s_end = index.sentence_of(start)
    if s_end < end:  # a cue that runs over a sentence end: quote up to the cue's own end
        s_end = end
    s_start = min(s_start, start)
    return Evidence(s_start, s_end, index.text[s_start:s_end], start, end)


@dataclass(frozen=True)
class ComparedPosting:
    """One posting in the comparison. Index 0 of :attr:`Comparison.postings` is always mine."""

    name: str
    path: str | None
    role: Role
    report: Report

    def to_json(self) -> dict[str, Any]:
        data = self.report.to_json(self.path)
        data.pop("findings", None)  # `check` has them; the comparison is about standing
        return {"name": self.name, "role": str(self.role), **data}


@dataclass(frozen=True, slots=True)
class MetricRow:
    """One metric across all postings (``values[0]`` is mine) and my standing.

    ``versus``: my verdict against each competitor, in competitor order (``len(postings) - 1``).
    ``versus_best``: my verdict against the best competitor on this metric (``best_competitor``,
    an index into ``postings``, or ``None`` when no competitor has a value).
    ``best``: index of the best posting overall on this metric (ties go to mine).
    """

    key: str
    label: str
    direction: str
    values: tuple[Any, ...]
    display: tuple[str, ...]
    versus: tuple[Verdict, ...]
    versus_best: Verdict
    best_competitor: int | None
    best: int | None
    source: str

    def to_json(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "label": self.label,
            "direction": self.direction,
            "values": list(self.values),
            "display": list(self.display),
            "versus": [str(v) for v in self.versus],
            "versus_best": str(self.versus_best),
            "best_competitor": self.best_competitor,
            "best": self.best,
            "source": self.source,
        }


@dataclass(frozen=True, slots=True)
class Offer:
    """Something a competitor states that mine does not. ``competitor`` indexes ``postings``."""

    competitor: int
    kind: OfferKind
    id: str
    label: str
    evidence: Evidence | None

    def to_json(self) -> dict[str, Any]:
        return {
            "competitor": self.competitor,
            "kind": str(self.kind),
            "id": self.id,
            "label": self.label,
            "evidence": self.evidence.to_json() if self.evidence else None,
        }


@dataclass(frozen=True, slots=True)
class SharedCliche:
    """A generic phrase in mine that competitors use too."""

    phrase: str
    rule_id: str
    message: str
    competitors: tuple[int, ...]
    mine: Evidence
    theirs: tuple[tuple[int, Evidence], ...]

    def to_json(self) -> dict[str, Any]:
        return {
            "phrase": self.phrase,
            "rule_id": self.rule_id,
            "message": self.message,
            "competitors": list(self.competitors),
            "evidence": self.mine.to_json(),
            "theirs": [{"competitor": i, "evidence": e.to_json()} for i, e in self.theirs],
        }


@dataclass(frozen=True, slots=True)
class DistinctiveTerm:
    """A word or two-word phrase that sets mine apart, with the sentence that first uses it."""

    term: str
    weight: float
    count: int
    competitors_using: int
    evidence: Evidence

    def to_json(self) -> dict[str, Any]:
        return {
            "term": self.term,
            "weight": round(self.weight, 3),
            "count": self.count,
            "competitors_using": self.competitors_using,
            "evidence": self.evidence.to_json(),
        }


@dataclass(frozen=True, slots=True)
class DistinctiveSentence:
    """A sentence that sets the posting apart: its place, weight and
    the distinctive terms it holds."""

    evidence: Evidence
    weight: float
    terms: tuple[str, ...]

    def to_json(self) -> dict[str, Any]:
        return {
            "weight": round(self.weight, 3),
            "terms": list(self.terms),
            "evidence": self.evidence.to_json(),
        }


@dataclass(frozen=True)
class Comparison:
    """The whole comparison. ``postings[0]`` is mine; the rest are competitors in input order."""

    postings: tuple[ComparedPosting, ...]
    metrics: tuple[MetricRow, ...]
    they_offer: tuple[Offer, ...]
    shared_cliches: tuple[SharedCliche, ...]
    distinctive: tuple[DistinctiveTerm, ...]
    distinctive_sentences: tuple[DistinctiveSentence, ...]

    @property
    def mine(self) -> ComparedPosting:
        return self.postings[0]

    @property
    def competitors(self) -> tuple[ComparedPosting, ...]:
        return self.postings[1:]

    def metric(self, key: str) -> MetricRow | None:
        return next((row for row in self.metrics if row.key == key), None)

    def offers_from(self, competitor: int) -> tuple[Offer, ...]:
        return tuple(offer for offer in self.they_offer if offer.competitor == competitor)

    def to_json(self) -> dict[str, Any]:
        """The ``postingstudio compare --format json`` document (see docs/compare.md)."""
        return {
            "schema": COMPARE_SCHEMA_VERSION,
            "postings": [p.to_json() for p in self.postings],
            "metrics_table": [row.to_json() for row in self.metrics],
            "they_offer": [offer.to_json() for offer in self.they_offer],
            "shared_cliches": [c.to_json() for c in self.shared_cliches],
            "distinctive": [t.to_json() for t in self.distinctive],
            "distinctive_sentences": [s.to_json() for s in self.distinctive_sentences],
        }
