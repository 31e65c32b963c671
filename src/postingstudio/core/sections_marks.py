"""What the heading and cue rules saw, as features of the learned section model (stacking).

The model reads a sentence's words; the rules read phrase families written by hand ("health
insurance", "send your CV to", "our mission is"). Given the rules' own findings sentence by
sentence, the model weighs each family by how well it predicted the raters on the training
postings, and its words add what no family names. Two kinds of mark:

- ``c:<section>.<group>`` on the sentence that holds a hit of that cue group (after the rules'
  own checks: action verbs that open a line, ``unless_patterns``, sentences an EEO statement
  claims);
- ``hs:<section>`` on every sentence from a heading of that section to the next heading.

A :class:`RuleMarks` holds them as offsets into the text, so a posting's marks cost a few ints a
hit, not a feature string a sentence; :meth:`RuleMarks.per_unit` hands each sentence its marks as
the sentences are read, in order.
"""

from __future__ import annotations

from array import array
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Protocol

from .sections_spec import PerSpecSet

if TYPE_CHECKING:
    from .sections_spec import SectionSpec


class _Unit(Protocol):
    """A sentence's span (``sections_units.SentenceUnit``)."""

    @property
    def start(self) -> int: ...

    @property
    def end(self) -> int: ...


_GROUPS = 64  # cue groups a section may have: a hit is coded spec * _GROUPS + group

MARK_PREFIXES = ("c:", "hs:")


def reads_marks(features: Iterable[str]) -> bool:
    """Do these feature names include rule marks (so scoring needs the rules' findings)?"""
    return any(feature.startswith(MARK_PREFIXES) for feature in features)


def _build_names(specs: tuple[SectionSpec, ...]) -> dict[int, str]:
    """Each hit code's and heading code's feature name."""
    names: dict[int, str] = {}
    for s, spec in enumerate(specs):
        if len(spec.cues) > _GROUPS:
            raise ValueError(f"{spec.id}: more than {_GROUPS} cue groups")
        for g, group in enumerate(spec.cues):
            names[s * _GROUPS + g] = f"c:{spec.id}.{group.name}"
        names[-1 - s] = f"hs:{spec.id}"
    return names


# Built once per spec set: a posting's marks are made on every analysis.
_NAMES: PerSpecSet[dict[int, str]] = PerSpecSet(_build_names)


class RuleMarks:
    """The rules' cue hits (offset, code) and section headings (start, body end, section)."""

    __slots__ = ("_names", "_hits", "_codes", "_headings")

    def __init__(
        self,
        specs: Sequence[SectionSpec],
        hits: Iterable[tuple[int, int, int]] = (),
        headings: Iterable[tuple[int, int, int]] = (),
    ) -> None:
        """``hits`` are (offset, spec index, group index); ``headings`` (start, body end, spec
        index), both in any order."""
        self._names = _NAMES.get(tuple(specs))
        ordered = sorted([(offset, s * _GROUPS + g) for offset, s, g in hits])
        self._hits = array("q", [offset for offset, _ in ordered])
        self._codes = array("i", [code for _, code in ordered])
        self._headings = sorted((start, end, -1 - s) for start, end, s in headings)

    def __len__(self) -> int:
        return len(self._hits) + len(self._headings)

    def per_unit(self, units: Iterable[_Unit]) -> Iterator[tuple[str, ...]]:
        """Each unit's mark names, in the order of ``units`` (text order)."""
        read = self.reader()
        return (read(unit.start, unit.end) for unit in units)

    def reader(self) -> Callable[[int, int], tuple[str, ...]]:
        """A function giving the mark names (sorted, no repeats) of the unit at ``start:end``,
        to be called unit after unit in text order: a hit marks the unit it starts in, a heading
        every unit that starts in its body."""
        names, hits, codes, headings = self._names, self._hits, self._codes, self._headings
        count, heading_count = len(hits), len(headings)
        # The next hit, the next heading, the earliest end of an open heading, and the open
        # headings' names: most units hold no hit and sit under the same headings as the one
        # before, so they get the same names back without a set or a sort.
        state: list = [0, 0, -1, ()]
        open_headings: list[tuple[int, int, int]] = []

        def read(start: int, end: int) -> tuple[str, ...]:
            h, k, closes, under = state
            while h < count and hits[h] < start:  # hits between units (blank lines) mark none
                h += 1
            first = h
            while h < count and hits[h] < end:
                h += 1
            changed = False
            while k < heading_count and headings[k][0] <= start:
                open_headings.append(headings[k])
                k += 1
                changed = True
            if open_headings and (changed or closes <= start):
                open_headings[:] = [heading for heading in open_headings if heading[1] > start]
                under = tuple(sorted({names[code] for _, _, code in open_headings}))
                closes = min((heading[1] for heading in open_headings), default=-1)
            state[:] = (h, k, closes, under)
            if h == first:
                return under
            return tuple(sorted({*under, *(names[codes[j]] for j in range(first, h))}))

        return read
