"""Findings (one problem at one span, with why, source and fixes) and how they are merged."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum


class Severity(StrEnum):
    SUGGESTION = "suggestion"
    WARNING = "warning"
    ERROR = "error"

    @property
    def rank(self) -> int:
        return _SEVERITY_RANK[self]


_SEVERITY_RANK = {Severity.SUGGESTION: 0, Severity.WARNING: 1, Severity.ERROR: 2}


class Category(StrEnum):
    """What kind of problem. One colour and underline style each in the editor."""

    GENERIC = "generic"  # clichés, hype, vague pay, hollow perks
    DRY = "dry"  # bureaucratic, third-person, nominalised phrasing
    MISSING = "missing"  # absent or thin sections, missing facts
    READABILITY = "readability"  # hard sentences, passive voice, length
    INCLUSIVE = "inclusive"  # gender-coded, age, ability, nationality, culture-fit wording
    GRAMMAR = "grammar"
    SPELLING = "spelling"


class Origin(StrEnum):
    """Which analysis produced a finding; a slow origin never erases a fast one's findings."""

    RULES = "rules"
    SECTIONS = "sections"
    READABILITY = "readability"
    GRAMMAR = "grammar"


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem. ``start``/``end`` are code-point offsets into the analysed text and
    ``text`` is exactly ``analysed_text[start:end]``. Document-level findings (a missing
    section, a posting that is too long) have an empty span at the place a fix would go."""

    rule_id: str
    category: Category
    severity: Severity
    start: int
    end: int
    text: str
    message: str
    why: str
    source: str
    replacements: tuple[str, ...] = ()
    origin: Origin = Origin.RULES
    extra: dict[str, object] = field(default_factory=dict, compare=False, hash=False)

    @property
    def is_span(self) -> bool:
        return self.end > self.start

    def to_json(self) -> dict[str, object]:
        return {
            "rule_id": self.rule_id,
            "category": str(self.category),
            "severity": str(self.severity),
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "message": self.message,
            "why": self.why,
            "source": self.source,
            "replacements": list(self.replacements),
            "origin": str(self.origin),
        }


def _conflict(start: int, end: int, other_start: int, other_end: int) -> bool:
    """Two spans describe the same place when they share at least half of the longer one.

    A phrase inside a flagged sentence is a different problem at a different scale (a cliché
    inside a hard sentence), so both are kept; the same words flagged twice are not.
    """
    overlap = min(end, other_end) - max(start, other_start)
    return overlap > 0 and overlap * 2 >= max(end - start, other_end - other_start)


def deduplicate(findings: Iterable[Finding]) -> list[Finding]:
    """Drop findings that cover the same words as a more severe (or, on a tie, longer or
    earlier) one. Empty-span (document-level) findings never conflict and are all kept.
    """
    ordered = sorted(
        findings, key=lambda f: (-f.severity.rank, -(f.end - f.start), f.start, f.rule_id)
    )
    kept: list[Finding] = []
    taken: list[tuple[int, int]] = []
    for finding in ordered:
        if finding.is_span and any(
            _conflict(finding.start, finding.end, start, end) for start, end in taken
        ):
            continue
        kept.append(finding)
        if finding.is_span:
            taken.append((finding.start, finding.end))
    kept.sort(key=lambda f: (f.start, f.end, f.rule_id))
    return kept
