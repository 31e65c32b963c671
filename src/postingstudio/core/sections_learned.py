"""The learned half of the section checklist: a linear model per section over each sentence's
words, word pairs, the heading above it and its place in the posting.

The weights are data (``resources/sections/<lang>/learned.json``), trained on two raters' labels
by ``benchmarks/labelling/sections_train.py``; this module only reads them and scores sentences,
with no dependency beyond the standard library. The sentence cut and the features are
:mod:`.sections_units`'s.

How a section's verdict combines the model with the heading and cue rules is data too: each
section names a ``mode``:

- ``rules``: the model is not asked (the rules were better on held-out postings);
- ``either``: the section is there when the rules or the model find it;
- ``model``: the model decides whether the section is there; the rules still say how (thin or
  present) when they found it too;
- ``stacked``: a posting-level model weighs the rules' state against the sentence scores and
  says missing, thin or present (:mod:`.sections_stack`).
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import repeat
from pathlib import Path
from typing import Any

from .report import SectionState
from .sections_carriers import Carriers, Verdict, carrier_reason, carrier_span
from .sections_marks import RuleMarks, reads_marks
from .sections_scorer import FeatureRows, sigmoid
from .sections_stack import LEVELS, ScoreSummary, check_stack, stack_rows, stack_state
from .sections_units import (
    SentenceUnit,
    UnitTable,
    iter_unit_features,
    sentence_units,
    unit_features,
    unit_table,
)

__all__ = [
    "SectionModel",
    "SentenceUnit",
    "iter_unit_features",
    "load_section_model",
    "sentence_units",
    "unit_features",
]

MODEL_FILE = "learned.json"
FORMAT = 1
_MODES = frozenset({"rules", "either", "model", "stacked"})


@dataclass(frozen=True)
class _SectionWeights:
    mode: str
    threshold: float  # the posting has the section where a sentence's probability reaches this
    weights: dict[str, float]
    present_min: int = 1  # carrier sentences (headings aside) that make the section present
    state: str = "rules"  # who says present or thin once the section is found: rules or model
    stack: dict[str, dict[str, float]] | None = None  # the stacked mode's posting-level weights
    stack_rows: dict[str, tuple[float, ...]] | None = None  # ... as rows in FEATURES order


class SectionModel:
    """The shipped weights: per section a mode, a threshold and a feature → weight table."""

    def __init__(self, data: dict[str, Any]) -> None:
        if data.get("format") != FORMAT:
            raise ValueError(f"section model format {data.get('format')!r}, expected {FORMAT}")
        self.trained_on: str = str(data.get("trained_on", ""))
        self._sections: dict[str, _SectionWeights] = {}
        for section, spec in data.get("sections", {}).items():
            mode = spec.get("mode", "rules")
            if mode not in _MODES:
                raise ValueError(f"section model: {section} has unknown mode {mode!r}")
            weights = {str(k): float(v) for k, v in spec.get("weights", {}).items()}
            stack = check_stack(spec["stack"]) if "stack" in spec else None
            if (mode == "stacked") != (stack is not None):
                raise ValueError(f"section model: {section} has a stack table only if stacked")
            self._sections[section] = _SectionWeights(
                mode,
                float(spec["threshold"]),
                weights,
                int(spec.get("present_min", 1)),
                str(spec.get("state", "rules")),
                stack,
                stack_rows(stack) if stack is not None else None,
            )
        scored = [s for s, e in self._sections.items() if e.weights]
        self._rows = FeatureRows(scored, [self._sections[s].weights for s in scored])
        # Whether scoring needs the rules' cue hits and headings (:mod:`.sections_marks`).
        self.reads_marks = any(reads_marks(self._sections[s].weights) for s in scored)
        self.asked_set = frozenset(self.asked())

    def mode(self, section: str) -> str:
        """How this section's verdict uses the model (``rules`` where it has no weights)."""
        entry = self._sections.get(section)
        return entry.mode if entry else "rules"

    def present_min(self, section: str) -> int:
        """How many carrier sentences make the section present when only the model found it."""
        entry = self._sections.get(section)
        return entry.present_min if entry else 1

    def stack(self, section: str) -> dict[str, tuple[float, ...]] | None:
        """The posting-level weight rows of a ``stacked`` section (None for the other modes)."""
        entry = self._sections.get(section)
        return entry.stack_rows if entry else None

    def judges(self, section: str) -> bool:
        """Does the model, not the rules, say whether a found section is present or thin?"""
        entry = self._sections.get(section)
        return entry is not None and entry.state == "model"

    def asked(self) -> tuple[str, ...]:
        """The sections whose verdict the model takes part in."""
        return tuple(
            s for s, e in self._sections.items() if e.mode != "rules" or e.state == "model"
        )

    def probabilities(self, section: str, feats: list[frozenset[str]]) -> list[float]:
        """Each unit's probability of carrying ``section`` (empty when the section has none)."""
        entry = self._sections.get(section)
        if entry is None:
            return []
        if not entry.weights:  # every sentence scores 0: no need to look its features up
            return [sigmoid(0.0)] * len(feats)
        get = entry.weights.get
        return [sigmoid(math.fsum(map(get, fs, repeat(0.0)))) for fs in feats]

    def carriers(
        self,
        section: str,
        units: list[SentenceUnit],
        feats: list[frozenset[str]],
        probabilities: Iterable[float] | None = None,
    ) -> list[tuple[float, SentenceUnit]]:
        """The units at or above the section's threshold, most probable first (from
        ``probabilities`` where they are known already, else from ``feats``)."""
        entry = self._sections.get(section)
        if entry is None:
            return []
        if probabilities is None:
            probabilities = self.probabilities(section, feats)
        scored = [
            (p, unit)
            for p, unit in zip(probabilities, units, strict=True)
            if p >= entry.threshold and unit.end > unit.start
        ]
        return sorted(scored, key=lambda pair: (-pair[0], pair[1].start))

    def carriers_of(
        self, sections: list[str], text: str, units: UnitTable, marks: RuleMarks | None = None
    ) -> dict[str, Carriers]:
        """:meth:`carriers` of several sections, each unit scored as it is read (the
        :class:`sections_scorer.FeatureRows` sums, without building feature strings) and kept
        only when it carries a section: the same probabilities as :meth:`probabilities` of the
        units' features with the rules' ``marks``."""
        found = {
            s: Carriers(summary=ScoreSummary() if self._sections[s].stack else None)
            for s in sections
            if s in self._sections
        }
        rows = self._rows
        column_of = {section: k for k, section in enumerate(rows.sections)}
        half = sigmoid(0.0)
        # A section without weights scores 0 for every sentence: no look-ups for it.
        columns = [
            (carriers.add, column_of.get(section), self._sections[section].threshold)
            for section, carriers in found.items()
        ]
        summaries = [
            (carriers.summary, column_of.get(section))
            for section, carriers in found.items()
            if carriers.summary is not None
        ]
        low, middle, high = LEVELS
        scored: Iterable[tuple[SentenceUnit, list[float]]]
        if all(column is None for _, column, _ in columns):
            scored = ((unit, []) for unit in units)
        else:
            scored = rows.iter_scores(text, units, len(units), marks)
        for unit, probabilities in scored:
            if unit.end <= unit.start:
                continue
            for add, column, threshold in columns:
                p = half if column is None else probabilities[column]
                if p >= threshold:
                    add(p, unit)
            for summary, column in summaries:  # ScoreSummary.add, written out (per sentence)
                p = half if column is None else probabilities[column]
                if p >= low:
                    counts = summary.counts
                    counts[0] += 1
                    if p >= middle:
                        counts[1] += 1
                        if p >= high:
                            counts[2] += 1
                if p > summary.top:
                    summary.top = p
        return found

    def to_json(self) -> dict[str, Any]:
        """The data form :func:`load_section_model` reads (the trainer writes it)."""
        return {
            "format": FORMAT,
            "trained_on": self.trained_on,
            "sections": {
                s: {
                    "mode": e.mode,
                    "threshold": e.threshold,
                    "present_min": e.present_min,
                    "state": e.state,
                    "weights": e.weights,
                    **({"stack": e.stack} if e.stack else {}),
                }
                for s, e in self._sections.items()
            },
        }


def combine(
    model: SectionModel,
    text: str,
    sections: list[tuple[str, str]],
    verdicts: list[Verdict],
    units: list[SentenceUnit] | None = None,
    feats: list[frozenset[str]] | None = None,
    sentences: Sequence[tuple[int, int]] | None = None,
    marks: RuleMarks | None = None,
) -> list[Verdict]:
    """The rules' verdicts (one per ``(id, label)`` in ``sections``) with the model's say added
    where its mode asks for it. A verdict the model makes names the sentences that carry it.
    ``units`` and ``feats`` (or just ``sentences``) are the text's, where the caller has them
    already; ``marks`` are the rules' cue hits and headings, which ``feats`` already hold."""
    if model.asked_set.isdisjoint(section for section, _ in sections):
        return verdicts
    asks = [
        _model_asked(model, section, verdict)
        for (section, _), verdict in zip(sections, verdicts, strict=True)
    ]
    needed = [section for (section, _), ask in zip(sections, asks, strict=True) if ask]
    if units is None or feats is None:
        gathered = model.carriers_of(needed, text, unit_table(text, sentences), marks)
    else:
        gathered = {}
        for s in needed:
            probabilities = model.probabilities(s, feats)
            summary = None
            if model.stack(s):
                summary = ScoreSummary(
                    p for p, u in zip(probabilities, units, strict=True) if u.end > u.start
                )
            gathered[s] = Carriers(model.carriers(s, units, feats, probabilities), summary)
    out = []
    for (section, label), verdict, ask in zip(sections, verdicts, asks, strict=True):
        if not ask:
            out.append(verdict)
            continue
        mode, state = model.mode(section), verdict[0]
        rules_found = state is not SectionState.MISSING
        judges = model.judges(section)
        carriers = gathered.get(section)
        if carriers is None:
            carriers = Carriers()
        stack = model.stack(section)
        if stack is not None and carriers.summary is not None:
            out.append(_stacked(stack, text, label, verdict, carriers))
            continue
        found = {"model": bool(carriers), "either": rules_found or bool(carriers)}.get(
            mode, rules_found
        )
        if not found:
            if rules_found:  # only in "model" mode: the rules' cue alone does not make it
                reason = f"No sentence reads as {label.lower()} (the rules saw: {verdict[1]})"
                verdict = (SectionState.MISSING, reason, None)
            out.append(verdict)
            continue
        if rules_found and not judges:
            out.append(verdict)  # both found it: the rules say how well
            continue
        # A heading shows where the section is, not that it says enough: only sentences count.
        enough = carriers.sentences >= model.present_min(section)
        new_state = SectionState.PRESENT if enough else SectionState.THIN
        if new_state is state and carriers:  # the rules' reason stands, with the sentences
            quoted = carrier_reason(text, label, carriers, True).replace("Read as", "read as", 1)
            out.append((state, f"{verdict[1]}; {quoted}", carrier_span(carriers, verdict)))
            continue
        if new_state is state:
            out.append(verdict)
            continue
        reason = carrier_reason(text, label, carriers, rules_found)
        out.append((new_state, reason, carrier_span(carriers, verdict)))
    return out


def _stacked(
    stack: dict[str, tuple[float, ...]], text: str, label: str, verdict: Verdict, carriers: Carriers
) -> Verdict:
    """The stacked mode's verdict: its state, with the rules' reason and span where they found
    the section, else the sentences that carry it."""
    assert carriers.summary is not None
    state = SectionState(stack_state(stack, str(verdict[0]), carriers.summary))
    rules_found = verdict[0] is not SectionState.MISSING
    if state is SectionState.MISSING:
        if not rules_found:
            return verdict
        reason = f"No sentence reads as {label.lower()} (the rules saw: {verdict[1]})"
        return (state, reason, None)
    if not carriers:  # the rules found it; no sentence reaches the quoting threshold
        return (state, verdict[1], verdict[2])
    if rules_found:
        quoted = carrier_reason(text, label, carriers, True).replace("Read as", "read as", 1)
        return (state, f"{verdict[1]}; {quoted}", carrier_span(carriers, verdict))
    return (state, carrier_reason(text, label, carriers, False), carrier_span(carriers, verdict))


def _model_asked(model: SectionModel, section: str, verdict: Verdict) -> bool:
    """Does this section's verdict need the model's sentences (its mode, or who judges)?"""
    mode, judges = model.mode(section), model.judges(section)
    rules_found = verdict[0] is not SectionState.MISSING
    return not (
        (mode == "rules" and not judges) or (mode == "either" and rules_found and not judges)
    )


def load_section_model(folder: Path) -> SectionModel | None:
    """The model in a sections folder, or None where the folder ships none (rules only)."""
    path = folder / MODEL_FILE
    if not path.is_file():
        return None
    try:
        return SectionModel(json.loads(path.read_text(encoding="utf-8")))
    except (OSError, ValueError, KeyError, TypeError) as error:
        raise ValueError(f"{path.name}: {error}") from None
