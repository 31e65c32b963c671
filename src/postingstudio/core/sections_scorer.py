"""The learned section model's sentence scores without building feature strings.

:func:`sections_units.iter_unit_features` names each sentence's features as strings
(``w:office``, ``b:our_office``, ``h:about``, ``p:we``, ``pos:2``, ``bias``, ``is_heading``) so
the trainer and the tests can read them. Scoring a posting does not need the names: a
:class:`FeatureRows` table, built once per model, maps each word (per prefix) straight to its
weights in every scored section, so a sentence costs a few dictionary look-ups done in C and
one exact sum per section.

The sums are exact and so independent of the order the features come in (a plain float ``sum``
over a ``frozenset`` of strings depended on the set's iteration order, which changes with
``PYTHONHASHSEED``: two runs over the same posting could order two near-equal sentences
differently and quote different ones). Every weight is a whole multiple of ``2**-scale``, so a
row is held as one integer, its sections' weights (times ``2**scale``) side by side in fields of
``field`` bits: adding a sentence's rows is one ``sum`` of integers, exact, and each field
divided by ``2**scale`` is the correctly rounded sum, the same number :func:`math.fsum` gives
(per section, one ``fsum`` over the rows' columns was a tenth of the analysis).
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

Row = int  # a feature's weights in every scored section, packed (see the module's docstring)
_GUARD_BITS = 40  # headroom for the carries of adding up to 2**39 rows: far more than a text has


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
        # The finest power of two any weight needs, and the widest scaled weight, with room for
        # the carries of a sentence's rows.
        ratios = [float(w).as_integer_ratio() for row in rows.values() for w in row]
        self.scale = max((d.bit_length() - 1 for _n, d in ratios), default=0)
        widest = max((abs(n) << (self.scale - d.bit_length() + 1) for n, d in ratios), default=0)
        self.field = widest.bit_length() + _GUARD_BITS
        self.shifts = tuple(column * self.field for column in range(width))
        self.halves = sum(1 << (shift + self.field - 1) for shift in self.shifts)
        by_prefix: dict[str, dict[str, Row]] = {"w": {}, "b": {}, "h": {}, "p": {}}
        self.constants: dict[str, Row] = {}
        for feature, row in rows.items():
            prefix, colon, rest = feature.partition(":")
            if colon and prefix in by_prefix:
                by_prefix[prefix][rest] = self.pack(row)
            else:
                self.constants[feature] = self.pack(row)
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

    def pack(self, weights: Iterable[float]) -> Row:
        """Weights, one per section, as one integer: section k's times ``2**scale`` in field k."""
        packed = 0
        for column, weight in enumerate(weights):
            numerator, denominator = float(weight).as_integer_ratio()
            scaled = numerator << (self.scale - denominator.bit_length() + 1)
            packed += scaled << (column * self.field)
        return packed

    def unpack(self, packed: int) -> list[float]:
        """The exact sums in ``packed`` (a sum of rows), one per section, correctly rounded."""
        mask, half, scale = (1 << self.field) - 1, 1 << (self.field - 1), 1 << self.scale
        # Half a field added to every field makes each one non-negative, so none borrows from
        # the next; it is taken off again as each is read.
        packed += self.halves
        return [(((packed >> shift) & mask) - half) / scale for shift in self.shifts]

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
        constant = self.constants.get
        bias = constant("bias")
        heading_row = constant("is_heading")
        positions = [constant(f"pos:{k}") for k in range(_POSITIONS)]
        word_get, pair_get = self.words.get, self.pairs.get
        heading_get, previous_get = self.headings.get, self.previous.get
        exp = math.exp
        # unpack() written out, as is sigmoid(): the same expressions, without a call per unit.
        mask, half, scale = (1 << self.field) - 1, 1 << (self.field - 1), 1 << self.scale
        halves, shifts = self.halves, self.shifts
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
            packed = sum(rows) + halves
            sums = [(((packed >> shift) & mask) - half) / scale for shift in shifts]
            yield (
                unit,
                [
                    1.0 / (1.0 + exp(-(30.0 if z > 30.0 else -30.0 if z < -30.0 else z)))
                    for z in sums
                ],
            )
            if words or piece.strip():  # (a unit with words is not blank)
                previous_rows = list(filter(None, map(previous_get, distinct)))
