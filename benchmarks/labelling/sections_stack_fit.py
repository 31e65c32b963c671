"""Fit and cross-validate the posting-level weights of the learned model's ``stacked`` mode
(``postingstudio.core.sections_stack``), for ``sections_train.py``.

The inputs of each posting are the rules' state and a summary of its sentence probabilities
*out of fold* (from a sentence model that never saw the posting), so the weights learn how far
to trust the sentence model on postings it was not trained on. The fit is a three-class
logistic regression (missing, thin, present) by plain gradient descent with a little L2: seven
inputs, a few hundred postings, no training dependency. Cross-validation runs on the same
folds as the sentence model's out-of-fold probabilities.
"""

from __future__ import annotations

import math

from postingstudio.core.sections_stack import (
    FEATURES,
    STATES,
    ScoreSummary,
    stack_features,
    stack_rows,
    stack_state_of_features,
)

STEPS, RATE, L2 = 300, 0.5, 1e-3


def posting_features(rules_state: str, probabilities: list[float], units) -> list[float]:
    """The stacked inputs of one posting: its rules' state and its (non-empty) sentences'
    probabilities, as the product gathers them."""
    summary = ScoreSummary(p for p, u in zip(probabilities, units, strict=True) if u.end > u.start)
    return stack_features(rules_state, summary)


def fit_stack(rows: list[list[float]], states: list[str]) -> dict[str, dict[str, float]]:
    """Weights per state, ``missing`` taken as 0 (the softmax is unchanged by the shift)."""
    width = len(FEATURES)
    w = [[0.0] * width for _ in STATES]
    targets = [STATES.index(s) for s in states]
    for _ in range(STEPS):
        grad = [[0.0] * width for _ in STATES]
        for x, y in zip(rows, targets, strict=True):
            scores = [math.fsum(a * b for a, b in zip(row, x, strict=True)) for row in w]
            top = max(scores)
            exps = [math.exp(v - top) for v in scores]
            total = sum(exps)
            for c, e in enumerate(exps):
                g = e / total - (c == y)
                for j in range(width):
                    grad[c][j] += g * x[j]
        for c in range(len(STATES)):
            for j in range(width):
                w[c][j] -= RATE * (grad[c][j] / len(rows) + L2 * w[c][j])
    base = w[STATES.index("missing")]
    return {
        state: {name: round(w[c][j] - base[j], 4) for j, name in enumerate(FEATURES)}
        for c, state in enumerate(STATES)
        if state != "missing"
    }


def stacked_states(
    rows: dict[str, list[float]], gold: dict[str, str], ids: list[str], folds: int
) -> dict[str, str]:
    """Each posting's stacked state from weights fitted on the other folds (``k % folds``, the
    sentence model's out-of-fold split)."""
    fold = {i: k % folds for k, i in enumerate(ids)}
    out: dict[str, str] = {}
    for held in range(folds):
        train_ids = [i for i in ids if fold[i] != held]
        weights = stack_rows(fit_stack([rows[i] for i in train_ids], [gold[i] for i in train_ids]))
        for i in ids:
            if fold[i] == held:
                out[i] = stack_state_of_features(weights, rows[i])
    return out
