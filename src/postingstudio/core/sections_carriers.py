"""The sentences that carry a section in the learned model's verdict: how many, the two most
probable (the verdict quotes them) and where they are; gathered as the sentences are scored."""

from __future__ import annotations

from collections.abc import Iterable

from .report import SectionState
from .sections_stack import ScoreSummary
from .sections_units import SentenceUnit

Verdict = tuple[SectionState, str, "tuple[int, int] | None"]


class Carriers:
    """What a verdict reads of a section's carrier sentences (the units at or above its
    threshold), gathered as they are scored: how many, how many are not headings, the two most
    probable (ties: the earlier), and the span from the first to the last. A 200,000-line list
    had 160,000 carriers of some section, held as (probability, unit) pairs and sorted."""

    __slots__ = ("count", "sentences", "top", "first", "last", "summary")

    def __init__(
        self,
        carriers: Iterable[tuple[float, SentenceUnit]] = (),
        summary: ScoreSummary | None = None,
    ) -> None:
        self.summary = summary  # every sentence's score, where the stacked verdict needs it
        self.count = self.sentences = 0
        self.top: list[tuple[float, SentenceUnit]] = []
        self.first: int | None = None
        self.last: int | None = None
        for p, unit in carriers:
            self.add(p, unit)

    def add(self, p: float, unit: SentenceUnit) -> None:
        self.count += 1
        self.sentences += not unit.heading
        self.first = unit.start if self.first is None else min(self.first, unit.start)
        self.last = unit.end if self.last is None else max(self.last, unit.end)
        top = self.top
        if len(top) < 2 or (-p, unit.start) < (-top[-1][0], top[-1][1].start):
            top.append((p, unit))
            top.sort(key=lambda pair: (-pair[0], pair[1].start))
            del top[2:]

    def __bool__(self) -> bool:
        return self.count > 0


def quote_unit(text: str, unit: SentenceUnit) -> str:
    """A unit's text on one line, cut at a word to at most 60 characters."""
    snippet = " ".join(text[unit.start : unit.end].split())
    return snippet if len(snippet) <= 60 else snippet[:57].rsplit(" ", 1)[0] + "…"


def carrier_reason(text: str, label: str, carriers: Carriers, rules_found: bool) -> str:
    """The verdict's reason: the two most probable carriers quoted."""
    if not carriers:
        return f"Only a mention; no sentence reads as {label.lower()}"
    quoted = "; ".join(f"‘{quote_unit(text, unit)}’" for _, unit in carriers.top)
    more = f" and {carriers.count - 2} more" if carriers.count > 2 else ""
    lead = "Read as" if rules_found else "No heading; read as"
    return f"{lead} {label.lower()}: {quoted}{more}"


def carrier_span(carriers: Carriers, verdict: Verdict) -> tuple[int, int] | None:
    """Where the section is: the rules' span where they found one (a heading and its body, which
    the compare view and the template placement rely on), else the sentences that carry it."""
    if verdict[2] is not None:
        return verdict[2]
    if carriers.first is None or carriers.last is None:
        return None
    return (carriers.first, carriers.last)
