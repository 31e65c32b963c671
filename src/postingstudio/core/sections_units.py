"""The sentence cut of the learned section model, and each sentence's features.

:func:`sentence_units` is the one cut both training and scoring use, so the sentence ids a rater
saw are the ones the model scores. Scoring reads the units from a :class:`UnitTable` (five int
columns, made into :class:`SentenceUnit` objects one at a time) and their features as they are
made: a 200,000-line list has 200,000 units, and as objects with every line's text split off
they held ~30 MB while the rest of the analysis was held too.
"""

from __future__ import annotations

import re
from array import array
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .sentences import sentence_columns
from .text import Spans

if TYPE_CHECKING:
    from .sections_marks import RuleMarks

_WORD = re.compile(r"[a-z][a-z'&-]*")
# A line of at most this many words, not ending in a full stop, heads what follows.
_HEADING_WORDS = 8


@dataclass(frozen=True, slots=True)
class SentenceUnit:
    """One sentence of a posting: ``block.number`` as the raters' ids name it, and its span in the
    whole text (a blank line is one empty unit so that later ids do not shift)."""

    block: int
    number: int
    start: int
    end: int
    heading: bool


class UnitTable:
    """Every unit of a text as int columns (block, number, start, end, heading), in order."""

    __slots__ = ("_columns",)

    def __init__(self, offsets: str = "q") -> None:
        self._columns = (array("i"), array("i"), array(offsets), array(offsets), array("b"))

    def append(self, block: int, number: int, start: int, end: int, heading: bool) -> None:
        for column, value in zip(self._columns, (block, number, start, end, heading), strict=True):
            column.append(value)

    def __len__(self) -> int:
        return len(self._columns[0])

    def __iter__(self) -> Iterator[SentenceUnit]:
        blocks, numbers, starts, ends, headings = self._columns
        return map(SentenceUnit, blocks, numbers, starts, ends, map(bool, headings))


def unit_table(text: str, sentences: Sequence[tuple[int, int]] | None = None) -> UnitTable:
    """Every line's sentences (the product's own sentence splitter), in order. ``sentences`` is
    the text's cut where the caller has it (``TextIndex.sentences``): the splitter never joins
    lines, so the whole text's sentences are each line's, and cutting twice cost a tenth of the
    analysis."""
    if sentences is None:
        sentences = Spans(*sentence_columns(text))
    if isinstance(sentences, Spans):
        starts, ends = sentences.starts, sentences.ends
    else:
        starts, ends = array("q", (s for s, _ in sentences)), array("q", (e for _, e in sentences))
    length = len(text)
    table = UnitTable("i" if length < 2**31 - 1 else "q")
    offset, k, count, block = 0, 0, len(starts), 0
    while True:  # line by line, as text.split("\n") would cut it, without the lines as strings
        end = text.find("\n", offset)
        last = end < 0
        if last:
            end = length
        spans: list[tuple[int, int]] = []
        while k < count and starts[k] < end:
            start, stop = starts[k], ends[k]
            if text[start:stop].strip():
                spans.append((start, stop))
            k += 1
        for number, (start, stop) in enumerate(spans or [(offset, end)]):
            piece = text[start:stop].strip()
            short = len(piece.split()) <= _HEADING_WORDS
            heading = bool(piece) and short and not piece.endswith(".")
            table.append(block, number, start, stop, heading)
        if last:
            return table
        offset, block = end + 1, block + 1


def sentence_units(
    text: str, sentences: Sequence[tuple[int, int]] | None = None
) -> list[SentenceUnit]:
    """:func:`unit_table` as a list of :class:`SentenceUnit` (training and tests)."""
    return list(unit_table(text, sentences))


def unit_features(
    text: str, units: list[SentenceUnit], marks: RuleMarks | None = None
) -> list[frozenset[str]]:
    """The features of each unit: its words (``w:``), word pairs (``b:``), the words of the
    latest heading-like line (``h:``) and of the sentence before (``p:``), whether it is a
    heading, which fifth of the posting holds it, and the rules' ``marks`` on it (cue hits
    ``c:``, section headings ``hs:``; see :mod:`.sections_marks`)."""
    return list(iter_unit_features(text, units, marks))


def iter_unit_features(
    text: str, units: list[SentenceUnit], marks: RuleMarks | None = None
) -> Iterator[frozenset[str]]:
    """:func:`unit_features` one unit at a time: scoring keeps only each unit's probabilities,
    not its few dozen feature strings (~2 KB a sentence, 400 MB for a 200,000-line list)."""
    return (feats for _unit, feats in units_with_features(text, units, len(units), marks))


def units_with_features(
    text: str, units: Iterable[SentenceUnit], count: int, marks: RuleMarks | None = None
) -> Iterator[tuple[SentenceUnit, frozenset[str]]]:
    """Each of ``count`` units with its features, one at a time."""
    read = marks.reader() if marks is not None else None
    heading_words: frozenset[str] = frozenset()
    # A mission or culture paragraph goes on past its cue sentence: the sentence before tells
    # (cross-validated F1 on the tuning postings +0.025 for culture and mission).
    previous: frozenset[str] = frozenset()
    count = max(1, count)
    # Each unit lower-cased on its own: offsets into a lower-cased whole would shift where a
    # character changes length, and the whole text lower-cased was 6 MB more at the analysis
    # peak of a 6 MB list. The words are the same either way: lower-casing depends on the
    # neighbouring characters only for a Greek capital sigma, which no word pattern matches.
    findall = _WORD.findall
    for k, unit in enumerate(units):
        words = findall(text[unit.start : unit.end].lower())
        feats = {"bias", f"pos:{min(4, 5 * k // count)}"}
        feats.update(["w:" + w for w in words])
        feats.update([f"b:{x}_{y}" for x, y in zip(words, words[1:], strict=False)])
        if unit.heading:
            feats.add("is_heading")
            heading_words = frozenset(["h:" + w for w in words])
        feats |= heading_words
        feats |= previous
        if read is not None:
            feats.update(read(unit.start, unit.end))
        yield unit, frozenset(feats)
        if text[unit.start : unit.end].strip():
            previous = frozenset("p:" + w for w in words)
