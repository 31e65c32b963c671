"""Structure and voice metrics of a posting: length, bullets, you/we, requirements, years
demanded, distinct benefits and passive voice (hard sentences: sentence_advice).

Each analyser returns plain numbers for the metrics table and, where a metric is about
particular places in the text, the spans (``Mark``) that metric rules underline.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from itertools import compress

from .model import BlockKind, Posting
from .rules.terms import TermTable
from .text import TextIndex

_YOU = frozenset("you your yours yourself yourselves you're you'll you've you'd".split())
_WE = frozenset("we our ours ourselves us we're we'll we've we'd".split())
_BE = frozenset("am is are was were be been being 're 's".split())
# Within one line ([ \t], not \s: "10\nyears" is two lines), and not an age ("18 years of age").
_YEARS = re.compile(
    r"(?<![\w.])(\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten)"
    r"(?:[ \t]*(?:-|–|to)[ \t]*(\d{1,2}))?[ \t]*\+?[ \t]*(?:years?|yrs?)\b"
    r"(?![ \t]*(?:of[ \t]+age|old|of[ \t]+age or older)\b)"
    r"(?=[^.\n]{0,60}\bexperience)",
    re.IGNORECASE,
)
# The tail of _YEARS alone. Every demand contains it, and it is several times cheaper to look for
# than the full pattern (whose leading look-behind and number alternation are tried at every
# character), so the full pattern runs only on the fifth of postings that have it.
_YEARS_TAIL = re.compile(r"(?:years?|yrs?)\b(?=[^.\n]{0,60}\bexperience)", re.IGNORECASE)
_WORD_NUMBERS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5,
    "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
}  # fmt: skip
_PSEUDO_BULLET_MAX_WORDS = 30
_MOST_YEARS_DEMANDED = 25  # more is never asked of a candidate; it is the company's history


@dataclass(frozen=True, slots=True)
class Mark:
    """A span a metric rule may underline, with optional fixes and a note for its message."""

    start: int
    end: int
    replacements: tuple[str, ...] = ()
    note: str = ""


@dataclass
class StructureResult:
    """Structure metrics (lists, voice, length) and the marks that place them in the text."""

    metrics: dict[str, float | int | str] = field(default_factory=dict)
    marks: dict[str, list[Mark]] = field(default_factory=dict)


def bullet_share(posting: Posting) -> float:
    """Share of the body's words that sit in list items.

    Postings pasted from job boards often lose their bullet characters, so a run of three or
    more short one-line paragraphs in a row also counts as a list.
    """
    total = listed = 0
    run: list[int] = []

    def close_run() -> None:
        nonlocal listed
        if len(run) >= 3:
            listed += sum(run)
        run.clear()

    for block in posting.blocks:
        if block.kind is BlockKind.HEADING:
            close_run()
            continue
        words = len(block.text.split())
        total += words
        if block.kind is BlockKind.LIST_ITEM:
            listed += words
            close_run()
        elif block.kind is BlockKind.PARAGRAPH and 0 < words <= _PSEUDO_BULLET_MAX_WORDS:
            run.append(words)
        else:
            close_run()
    close_run()
    return listed / total if total else 0.0


def voice_counts(index: TextIndex) -> tuple[int, int]:
    """How often the posting says "you" and "we" (with their forms), for the voice metric."""
    norms = index.norms  # (the two sets share no word; each test runs in C, word by word)
    return sum(map(_YOU.__contains__, norms)), sum(map(_WE.__contains__, norms))


def years_demanded(index: TextIndex) -> list[tuple[int, int, int]]:
    """(start, end, years) for each "5+ years of experience"-style demand."""
    found: list[tuple[int, int, int]] = []
    if not _YEARS_TAIL.search(index.text):
        return found
    for match in _YEARS.finditer(index.text):
        low = match.group(1).lower()
        years = _WORD_NUMBERS.get(low) or int(low)
        if years > _MOST_YEARS_DEMANDED:
            continue  # "with over 45 years of experience, we…": the employer's history
        found.append((match.start(), match.end(), years))
    return found


class PassiveDetector:
    """Finds passive voice: "be" + (adverb) + past participle, minus
    participles that describe a state."""

    def __init__(self, irregular: frozenset[str], exceptions: frozenset[str]) -> None:
        self.irregular = irregular
        self.exceptions = exceptions

    def _participle(self, word: str) -> bool:
        if word in self.exceptions:
            return False
        return word in self.irregular or (word.endswith("ed") and len(word) > 4)

    def find(self, index: TextIndex) -> list[Mark]:
        norms, starts, ends = index.norms, index.starts, index.ends
        count = len(norms)
        marks: list[Mark] = []
        # Only the forms of "be" are visited (picked out in C; no copy of the list).
        for i in compress(range(count - 1), map(_BE.__contains__, norms)):
            j = i + 1
            if norms[j].endswith("ly") and j + 1 < count:
                j += 1
            if not self._participle(norms[j]):
                continue
            if "\n" not in index.text[ends[i] : starts[j]]:
                by_agent = j + 1 < count and norms[j + 1] == "by"
                note = "names the actor only after “by”" if by_agent else "hides who does it"
                marks.append(Mark(starts[i], ends[j], (), note))
        return marks


def benefits_mentioned(index: TextIndex, table: TermTable[str]) -> dict[str, tuple[int, int]]:
    """Distinct benefit ids found, each with the span of its first mention."""
    found: dict[str, tuple[int, int]] = {}
    starts, ends = index.starts, index.ends
    for first, end, benefit_id in table.find_in(index):
        found.setdefault(benefit_id, (starts[first], ends[end - 1]))
    return found
