"""The learned section model's sentence scores without building feature strings.

:func:`sections_learned.iter_unit_features` names each sentence's features as strings
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
import re
from array import array
from collections.abc import Mapping
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the units come from sections_learned, which imports this module
    from .sections_learned import SentenceUnit

_WORD = re.compile(r"[a-z][a-z'&-]*")  # as sections_learned._WORD
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
        self.pairs = by_prefix["b"]
        self.headings = by_prefix["h"]
        self.previous = by_prefix["p"]

    def scores(self, text: str, units: list[SentenceUnit]) -> list[array[float]]:
        """Each section's probability for each unit, one array per section (in order)."""
        width = len(self.sections)
        out = [array("d") for _ in range(width)]
        appends = [column.append for column in out]
        if not units:
            return out
        constant = self.constants.get
        bias = constant("bias")
        heading_row = constant("is_heading")
        positions = [constant(f"pos:{k}") for k in range(_POSITIONS)]
        word_get, pair_get = self.words.get, self.pairs.get
        heading_get, previous_get = self.headings.get, self.previous.get
        join = "_".join
        fsum = math.fsum
        heading_rows: list[Row] = []
        previous_rows: list[Row] = []
        count = max(1, len(units))
        lower = text.lower()
        whole = len(lower) == len(text)
        findall = _WORD.findall
        for k, unit in enumerate(units):
            if whole:
                words = findall(lower, unit.start, unit.end)
            else:
                words = findall(text[unit.start : unit.end].lower())
            distinct = set(words)
            rows = [row for row in map(word_get, distinct) if row]
            if len(words) > 1:
                pairs = set(map(join, zip(words, words[1:], strict=False)))
                rows.extend([row for row in map(pair_get, pairs) if row])
            if unit.heading:
                heading_rows = [row for row in map(heading_get, distinct) if row]
                if heading_row:
                    rows.append(heading_row)
            rows.extend(heading_rows)
            rows.extend(previous_rows)
            if bias:
                rows.append(bias)
            position = positions[min(4, _POSITIONS * k // count)]
            if position:
                rows.append(position)
            if rows:
                for append, column in zip(appends, zip(*rows, strict=True), strict=True):
                    append(sigmoid(fsum(column)))
            else:
                for append in appends:
                    append(sigmoid(0.0))
            if text[unit.start : unit.end].strip():
                previous_rows = [row for row in map(previous_get, distinct) if row]
        return out
