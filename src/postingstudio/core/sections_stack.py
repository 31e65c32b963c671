"""The posting-level verdict of the learned model's ``stacked`` mode.

In the other modes a section is found when one sentence reaches a threshold, and present when
enough do (or when the rules say so). ``stacked`` asks one small linear model per section,
trained on the raters' states, to weigh what the rules concluded against how the sentence
scores fall: a heading with a short body that the sentence model reads as a full company
description is present, a cue the sentence model does not bear out is missing.

Its inputs are seven numbers (:data:`FEATURES`): a constant, the rules' state (present, thin;
missing is neither), the highest sentence probability as a log-odds scaled to -1..1, and how
many sentences reach 0.2, 0.5 and 0.8 (log-scaled). Its weights are data (``learned.json``: per
section, ``stack`` maps ``thin`` and ``present`` to a weight per feature; ``missing`` scores 0),
written by ``benchmarks/labelling/sections_train.py`` from out-of-fold sentence probabilities,
so it learns how the sentence model fares on postings it was not trained on.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence

FEATURES = ("bias", "rules_present", "rules_thin", "top", "n20", "n50", "n80")
LEVELS = (0.2, 0.5, 0.8)  # ascending (the scorer counts them nested)
STATES = ("missing", "thin", "present")
_LOGIT_CAP = 6.0  # the top probability's log-odds, clipped to ±6 and scaled to ±1


class ScoreSummary:
    """What the stacked verdict reads of one section's sentence probabilities, gathered as the
    sentences are scored: the highest, and how many reach each of :data:`LEVELS`."""

    __slots__ = ("top", "counts")

    def __init__(self, probabilities: Iterable[float] = ()) -> None:
        self.top = 0.0
        self.counts = [0] * len(LEVELS)
        for p in probabilities:
            self.add(p)

    def add(self, p: float) -> None:
        if p > self.top:
            self.top = p
        counts = self.counts
        for k, level in enumerate(LEVELS):
            if p >= level:
                counts[k] += 1


def stack_features(rules_state: str, summary: ScoreSummary) -> list[float]:
    """The :data:`FEATURES` of one posting and section, in order."""
    top = min(max(summary.top, 1e-6), 1 - 1e-6)
    logit = math.log(top / (1 - top))
    return [
        1.0,
        float(rules_state == "present"),
        float(rules_state == "thin"),
        max(-_LOGIT_CAP, min(_LOGIT_CAP, logit)) / _LOGIT_CAP,
        *(math.log1p(count) / 2 for count in summary.counts),
    ]


def stack_state(
    weights: Mapping[str, Sequence[float]], rules_state: str, summary: ScoreSummary
) -> str:
    """``missing``, ``thin`` or ``present``: the highest-scoring state (missing scores 0; ties
    go to the weaker state). ``weights`` are :func:`check_stack`'s rows."""
    return stack_state_of_features(weights, stack_features(rules_state, summary))


def stack_state_of_features(weights: Mapping[str, Sequence[float]], features: list[float]) -> str:
    """:func:`stack_state` of inputs already made (the trainer's cross-validation)."""
    best, best_score = "missing", 0.0
    for state in ("thin", "present"):
        row = weights.get(state)
        if row is None:
            continue
        score = sum([w * x for w, x in zip(row, features, strict=True)])  # fixed order
        if score > best_score:
            best, best_score = state, score
    return best


def stack_rows(table: Mapping[str, Mapping[str, float]]) -> dict[str, tuple[float, ...]]:
    """A ``stack`` table (state → feature → weight) as rows in :data:`FEATURES` order."""
    return {
        state: tuple(float(weights.get(name, 0.0)) for name in FEATURES)
        for state, weights in table.items()
    }


def check_stack(weights: object) -> dict[str, dict[str, float]]:
    """The ``stack`` table of a section's data, checked: ``thin`` and ``present`` each map known
    feature names to numbers."""
    if not isinstance(weights, dict) or set(weights) - {"thin", "present"}:
        raise ValueError("stack needs 'thin' and 'present' weight tables")
    out: dict[str, dict[str, float]] = {}
    for state, table in weights.items():
        unknown = set(table) - set(FEATURES)
        if unknown:
            raise ValueError(f"stack {state}: unknown features {sorted(unknown)}")
        out[state] = {str(k): float(v) for k, v in table.items()}
    return out
