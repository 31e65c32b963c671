"""The immutable result of analysing one posting, and its versioned JSON form (docs/json.md)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from enum import StrEnum
from types import MappingProxyType
from typing import Any

from .findings import Finding, FindingSource, deduplicate

# The ``schema`` of ``postingstudio check --format json``; raise it when a field is removed,
# renamed or changes meaning (docs/json.md keeps the changelog). 2: findings carry where they
# are in the input file (line/column, or paragraph/offset).
SCHEMA_VERSION = 2


class SectionState(StrEnum):
    """A checklist section's state in the posting."""

    PRESENT = "present"
    THIN = "thin"
    MISSING = "missing"


@dataclass(frozen=True, slots=True)
class SectionResult:
    """One checklist line. ``start``/``end`` span the section (heading and body) or the cue
    that revealed it; ``insert_at`` is where its template would go when it is missing, or where
    a thin one's ``additions`` go."""

    id: str
    label: str
    state: SectionState
    reason: str
    start: int | None = None
    end: int | None = None
    insert_at: int = 0
    template: str = ""
    # What a thin section lacks, as lines to add at ``insert_at`` ("Strengthen"); "" for none.
    additions: str = ""

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "label": self.label, "state": str(self.state), "reason": self.reason}


class SalaryKind(StrEnum):
    """How specific the stated pay is."""

    RANGE = "range"  # "£30,000–£35,000 a year", "$25–30/hour", "£**** - £**** per annum"
    FIGURE = "figure"  # one number with currency (and ideally a period)
    VAGUE = "vague"  # "competitive salary", "DOE", "commensurate with experience"
    NONE = "none"


@dataclass(frozen=True, slots=True)
class SalaryInfo:
    """The pay a posting states: kind, span in the analysed text, currency, period and figures."""

    kind: SalaryKind = SalaryKind.NONE
    text: str = ""
    start: int | None = None
    end: int | None = None
    currency: str | None = None
    period: str | None = None  # "year", "month", "week", "day", "hour"
    low: float | None = None
    high: float | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "kind": str(self.kind),
            "text": self.text,
            "currency": self.currency,
            "period": self.period,
            "low": self.low,
            "high": self.high,
        }


@dataclass(frozen=True, slots=True)
class Scores:
    """The four scores and their overall, 0–100; ``scored`` is False when the text is too short."""

    overall: int
    clarity: int
    vibrancy: int
    completeness: int
    inclusivity: int
    # False for an empty or near-empty posting: the numbers are placeholders, not a verdict.
    scored: bool = True

    def to_json(self) -> dict[str, int]:
        unscored = {} if self.scored else {"scored": False}
        return {
            **unscored,
            "overall": self.overall,
            "clarity": self.clarity,
            "vibrancy": self.vibrancy,
            "completeness": self.completeness,
            "inclusivity": self.inclusivity,
        }


@dataclass(frozen=True)
class Report:
    """Everything the UI and the CLI show about one posting.

    ``findings_by_origin`` keeps each source's findings apart so a slow source (grammar) can be
    replaced without erasing the fast ones; ``findings`` is their merged, deduplicated union.
    """

    text: str
    findings_by_origin: MappingProxyType[FindingSource, tuple[Finding, ...]]
    metrics: MappingProxyType[str, Any]
    scores: Scores
    sections: tuple[SectionResult, ...]
    salary: SalaryInfo
    profile: str = "balanced"
    findings: tuple[Finding, ...] = field(init=False)

    def __post_init__(self) -> None:
        merged = deduplicate(f for group in self.findings_by_origin.values() for f in group)
        object.__setattr__(self, "findings", tuple(merged))

    def with_origin(self, origin: FindingSource, findings: tuple[Finding, ...]) -> Report:
        """A copy with one origin's findings replaced (e.g. fresh grammar results)."""
        groups = dict(self.findings_by_origin)
        groups[origin] = tuple(findings)
        return replace(self, findings_by_origin=MappingProxyType(groups))

    def section(self, section_id: str) -> SectionResult | None:
        return next((s for s in self.sections if s.id == section_id), None)

    @staticmethod
    def json_head(tool_version: str) -> dict[str, Any]:
        """What comes before ``files`` in ``postingstudio check --format json``: the schema
        version (this module is its one source) and the tool that wrote it."""
        tool = {"name": "postingstudio", "version": tool_version}
        return {"schema": SCHEMA_VERSION, "tool": tool}

    def to_json(
        self,
        path: str | None = None,
        place: Callable[[int, int], dict[str, object]] | None = None,
        with_text: bool = False,
    ) -> dict[str, Any]:
        """One entry of the ``files`` list of ``postingstudio check --format json``.

        ``place`` adds to each finding where it is in the input file (``line``/``column`` or
        ``paragraph``/``offset``, from :mod:`postingstudio.docio.locations`); ``with_text``
        adds the analysed text that ``start``/``end`` index.
        """
        findings = [f.to_json() for f in self.findings]
        if place is not None:  # (update() keeps the order {**data, **place(…)} would give)
            for f, data in zip(self.findings, findings, strict=True):
                data.update(place(f.start, f.end))
        entry: dict[str, Any] = {
            "path": path,
            "profile": self.profile,
            "scores": self.scores.to_json(),
            "sections": [s.to_json() for s in self.sections],
            "salary": self.salary.to_json(),
            "metrics": dict(self.metrics),
            "findings": findings,
        }
        if with_text:
            entry["analysed_text"] = self.text
        return entry
