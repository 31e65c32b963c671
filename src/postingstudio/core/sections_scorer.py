"""The learned section model's sentence scores without building feature strings.

:func:`sections_units.iter_unit_features` names each sentence's features as strings
(``w:office``, ``b:our_office``, ``h:about``, ``p:we``, ``pos:2``, ``bias``, ``is_heading``) so
the trainer and the tests can read them. Scoring a posting does not need the names: a
:class:`FeatureRows` table, built once per model, maps each word (per prefix) straight to its
weights in every scored section, so a sentence costs a few dictionary look-ups done in C and
one exact sum per section.

The sums are :func:`math.fsum`, exact and so independent of the order the features come in.
A plain ``sum`` over a ``frozenset`` of strings depended on the set's iteration order, which
changes with ``PYTHONHASHSEED``: two runs over the same posting could order two near-equal
sentences differently and quote different ones.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Iterator, Mapping
from typing import TYPE_CHECKING

from .sections_units import _WORD  # the features' words, read the same way

if TYPE_CHECKING:
    from .sections_marks import RuleMarks
    from .sections_units import SentenceUnit

_POSITIONS = 5  # which fifth of the posting holds the sentence: pos:0 .. pos:4

Row = tuple[float, ...]


def sigmoid(z: float) -> float:
    """The logistic function, its argument clamped to ±30 (as the trainer's)."""
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


class FeatureRows:
    """Per feature, its weight in each of ``sections`` (0.0 where a section lacks it)."""

    def __init__(self, sections: list[str], weights: list[Mapping[str, float]]) -> None:
        self.sections = tuple(sections)
        width = len(sections)
        rows: dict[str, list[float]] = {}
        for column, table in enumerate(weights):
            for feature, weight in table.items():
                rows.setdefault(feature, [0.0] * width)[column] = weight
        by_prefix: dict[str, dict[str, Row]] = {"w": {}, "b": {}, "h": {}, "p": {}}
        self.constants: dict[str, Row] = {}
        for feature, row in rows.items():
            prefix, colon, rest = feature.partition(":")
            if colon and prefix in by_prefix:
                by_prefix[prefix][rest] = tuple(row)
            else:
                self.constants[feature] = tuple(row)
        self.words = by_prefix["w"]
        # Word pairs keyed by the two words (what ``zip`` yields), not by "x_y": no string is
        # joined per pair. A word has no "_", so a trained pair has exactly one; others never
        # match and are dropped.
        self.pairs: dict[tuple[str, ...], Row] = {
            tuple(rest.split("_")): row
            for rest, row in by_prefix["b"].items()
            if rest.count("_") == 1
        }
        self.headings = by_prefix["h"]
        self.previous = by_prefix["p"]

    def iter_scores(
        self,
        text: str,
        units: Iterable[SentenceUnit],
        count: int,
        marks: RuleMarks | None = None,
    ) -> Iterator[tuple[SentenceUnit, list[float]]]:
        """Each of the ``count`` units with its probability in every section (in order), one
        unit at a time: a caller that keeps only the carriers holds nothing per sentence.
        ``marks`` are the rules' findings (:mod:`.sections_marks`), where the model reads them."""
        read = marks.reader() if marks is not None and len(marks) else None
        width = len(self.sections)
        constant = self.constants.get
        bias = constant("bias")
        heading_row = constant("is_heading")
        positions = [constant(f"pos:{k}") for k in range(_POSITIONS)]
        word_get, pair_get = self.words.get, self.pairs.get
        heading_get, previous_get = self.headings.get, self.previous.get
        fsum, exp = math.fsum, math.exp
        zeros = (0.0,) * width
        heading_rows: list[Row] = []
        previous_rows: list[Row] = []
        count = max(1, count)
        # Each unit lower-cased on its own, as sections_units.units_with_features does: the
        # whole text lower-cased at once was 6 MB more at the analysis peak of a 6 MB list.
        findall = _WORD.findall
        for k, unit in enumerate(units):
            start, end = unit.start, unit.end
            piece = text[start:end]
            words = findall(piece.lower())
            distinct = set(words)
            # (The sums are exact, so the rows may come in any order.)
            rows = list(filter(None, map(word_get, distinct)))
            if len(words) > 1:
                rows.extend(filter(None, map(pair_get, set(zip(words, words[1:], strict=False)))))
            if unit.heading:
                heading_rows = list(filter(None, map(heading_get, distinct)))
                if heading_row:
                    rows.append(heading_row)
            rows.extend(heading_rows)
            rows.extend(previous_rows)
            if bias:
                rows.append(bias)
            position = positions[min(4, _POSITIONS * k // count)]
            if position:
                rows.append(position)
            if read is not None:
                rows.extend(filter(None, map(constant, read(start, end))))
            sums = map(fsum, zip(*rows, strict=True)) if rows else zeros
            # sigmoid() written out: the same expression, without a call per number.
            yield (
                unit,
                [
                    1.0 / (1.0 + exp(-(30.0 if z > 30.0 else -30.0 if z < -30.0 else z)))
                    for z in sums
                ],
            )
            if words or piece.strip():  # (a unit with words is not blank)
                previous_rows = list(filter(None, map(previous_get, distinct)))
