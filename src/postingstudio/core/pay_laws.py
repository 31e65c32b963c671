"""Pay-transparency laws: a posting for a job where the law asks for pay must show pay.

Colorado, California, New York, British Columbia, the EU and others require a pay range in a
job posting (or before the interview). A posting for such a place that gives no pay, or only
"competitive salary", is not merely less attractive: it is likely unlawful. The laws are data
(``resources/locale/pay_laws.toml``), each with its source, start date and the places that put
a posting under it; this module finds the law that applies and turns the checklist's salary
finding into an error that names it.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path

from .cache import file_stamp, read_toml
from .currency import count_literal_hits, edged
from .findings import Finding, Severity

PAY_LAWS_FILE = Path("locale") / "pay_laws.toml"


@dataclass(frozen=True)
class PayLaw:
    """One law, the places it covers and the day it began to apply to postings."""

    id: str
    name: str
    region: str
    since: dt.date
    requires: str
    source: str
    places: tuple[str, ...]
    within: str = ""  # the id of a broader law this one refines (New York City in New York)
    flags: tuple[str, ...] = ()
    passes: tuple[str, ...] = ()

    @property
    def patterns(self) -> tuple[re.Pattern[str], ...]:
        return _patterns(self.places)

    def hits(self, text: str) -> int:
        """How many times ``text`` names one of this law's places."""
        return count_literal_hits(self.places, self.patterns, text)


@lru_cache(maxsize=64)
def _patterns(places: tuple[str, ...]) -> tuple[re.Pattern[str], ...]:
    # Whole words where a place starts or ends with a letter: ", CA" must not match ", CAD"
    # and "Paris" not "Parisian"; case-sensitive, so "polish" is not a place.
    return tuple(re.compile(edged(place)) for place in places)


def load_pay_laws(resources: Path | None) -> tuple[PayLaw, ...]:
    """The laws from ``resources``; empty when the file is absent."""
    if resources is None:
        return ()
    stamped = file_stamp(resources, PAY_LAWS_FILE)
    return () if stamped is None else _load(*stamped)


@dataclass(frozen=True)
class LocationScope:
    """Which parts of a posting say where the job is: the title, sentences that open with a
    location cue ("Location: Denver", "Based in", "This role is based in"), and the line under a
    bare "Location" heading."""

    cues: tuple[re.Pattern[str], ...]
    heading_words: int = 3
    title_words: int = 12
    flags: tuple[str, ...] = ()
    passes: tuple[str, ...] = ()
    # The cues as one alternation (``any_cue``), where they combine: one search a sentence
    # instead of one per cue (asked of every sentence of most postings).
    any_cue: re.Pattern[str] | None = None

    def says_where(self, sentence: str) -> bool:
        """Whether ``sentence`` states where the job is."""
        if self.any_cue is not None:
            return self.any_cue.search(sentence) is not None
        return any(cue.search(sentence) for cue in self.cues)

    def text(self, text: str, sentences: Sequence[tuple[int, int]]) -> str:
        """The parts of ``text`` that say where the job is, joined by new lines."""
        lines = _lines(text)  # one at a time: a 200,000-line list's lines were 16 MB at once
        first = next(lines)
        # The first line is a title only when it is short: some postings open with the blurb.
        parts = [first] if len(first.split()) <= self.title_words else []
        line: str | None = first
        following = [next(lines, None), next(lines, None)]
        while line is not None:
            # A heading ("Location", "Work location:") says where only through the line under it.
            if len(line.split()) <= self.heading_words and self.says_where(line.strip()):
                parts += [nxt for nxt in following if nxt is not None and nxt.strip()][:1]
            line = following.pop(0)
            following.append(next(lines, None))
        parts += [text[a:b] for a, b in sentences if self.says_where(text[a:b].strip())]
        return "\n".join(parts)


def _lines(text: str) -> Iterator[str]:
    """The lines of ``text`` as splitting it at every line break gives them, one at a time."""
    start = 0
    while (end := text.find("\n", start)) >= 0:
        yield text[start:end]
        start = end + 1
    yield text[start:]


def load_scope(resources: Path | None) -> LocationScope:
    """The location cues from ``resources``; no cues when the file is absent."""
    stamped = None if resources is None else file_stamp(resources, PAY_LAWS_FILE)
    return LocationScope(()) if stamped is None else _load_scope(*stamped)


@lru_cache(maxsize=4)
def _load_scope(path: Path, _mtime: int) -> LocationScope:
    data = read_toml(path).get("scope", {})
    examples = data.get("examples", {})
    sources = tuple(data.get("cues", ()))
    return LocationScope(
        tuple(re.compile(cue, re.IGNORECASE) for cue in sources),
        int(data.get("heading_words", 3)),
        int(data.get("title_words", 12)),
        tuple(examples.get("flags", ())),
        tuple(examples.get("passes", ())),
        _alternation(sources),
    )


def _alternation(sources: tuple[str, ...]) -> re.Pattern[str] | None:
    """One regex that finds something exactly where one of ``sources`` does; None where they
    do not combine (a back-reference would point at another cue's group, global flags must
    open a regex)."""
    if not sources or any(re.search(r"\\\d|\(\?P=|\(\?[a-zA-Z]+\)", cue) for cue in sources):
        return None
    try:
        return re.compile("|".join(f"(?:{cue})" for cue in sources), re.IGNORECASE)
    except re.error:
        return None


@lru_cache(maxsize=4)
def _load(path: Path, _mtime: int) -> tuple[PayLaw, ...]:
    data = read_toml(path)
    laws = []
    for entry in data.get("law", ()):
        examples = entry.get("examples", {})
        laws.append(
            PayLaw(
                id=entry["id"],
                name=entry["name"],
                region=entry["region"],
                since=entry["since"],
                requires=entry["requires"],
                source=entry["source"],
                places=tuple(entry["places"]),
                within=entry.get("within", ""),
                flags=tuple(examples.get("flags", ())),
                passes=tuple(examples.get("passes", ())),
            )
        )
    return tuple(laws)


def governing_law(text: str, laws: Sequence[PayLaw], on: dt.date) -> PayLaw | None:
    """The law in force on ``on`` whose places ``text`` names most (a tie: the first listed).

    A law that refines another (New York City within New York State) wins over it when both
    are named, since "New York, NY" names the state too.
    """
    hits = {law.id: law.hits(text) for law in laws if law.since <= on}
    named = [law for law in laws if hits.get(law.id, 0) > 0]
    refined = {law.within for law in named if law.within}
    candidates = [law for law in named if law.id not in refined]
    if not candidates:
        return None
    return max(candidates, key=lambda law: (hits[law.id], -named.index(law)))


def apply_pay_laws(
    findings: Sequence[Finding],
    where: str,
    laws: Sequence[PayLaw],
    on: dt.date | None = None,
) -> list[Finding]:
    """``findings`` with a missing or vague salary made an error that names the governing law.

    ``where`` is what the posting says of where the job is (``LocationScope.text``): a posting
    that says "Location: Denver, CO" is judged by that, not by the other offices its company
    blurb lists, and a posting that says nothing of its place is judged by no law.
    """
    salary = [f for f in findings if f.extra.get("section") == "salary"]
    if not laws or not salary:
        return list(findings)
    law = governing_law(where, laws, on or dt.date.today())
    if law is None:
        return list(findings)
    return [_under_law(f, law) if f in salary else f for f in findings]


def _under_law(finding: Finding, law: PayLaw) -> Finding:
    gives = "gives no pay" if finding.extra.get("state") == "missing" else "gives only vague pay"
    message = (
        f"This job is in {law.region}, and the posting {gives}: {law.name} likely requires "
        f"{law.requires}. {finding.message}"
    )
    why = (
        f"Since {law.since:%-d %B %Y}, {law.name} has asked job postings for {law.region} to "
        f"show {law.requires}. Leaving it out risks a complaint or a fine, and candidates skip "
        f"postings without pay. {finding.why}"
    )
    extra = {**finding.extra, "law": law.id}
    return replace(
        finding, severity=Severity.ERROR, message=message, why=why, source=law.source, extra=extra
    )
