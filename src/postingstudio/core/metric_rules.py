"""The ``metric`` rule kind: thresholds over computed metrics, underlining the analysers'
marks (hard sentences, passive voice, masculine-coded words) or, without marks, reported as a
document-level finding."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from .findings import Category, Finding, Origin
from .rules.matcher import active, match_case, render
from .rules.schema import Rule
from .settings import AnalysisSettings
from .structure import Mark
from .text import TextIndex

_PROFILE_KEYS = {"above": "above_profile", "below": "below_profile"}
_NUMBER = (int, float)  # a tuple: ``int | float`` would build a union object per rule and call


def _show(number: float, rule: Rule) -> str:
    """A metric as a person reads it: shares as percentages, other numbers as they are."""
    if rule.options.get("unit") == "percent":
        return f"{number:.0%}"
    return f"{number:g}"


def _limit(rule: Rule, side: str, limits: Mapping[str, Any]) -> float | None:
    fixed = rule.options.get(side)
    if fixed is not None:
        return float(fixed)
    key = rule.options.get(_PROFILE_KEYS[side])
    if key is None:
        return None
    value = limits.get(str(key))
    return None if value is None else float(value)


def run_metric_rules(
    rules: Sequence[Rule],
    metrics: Mapping[str, Any],
    marks: Mapping[str, list[Mark]],
    limits: Mapping[str, Any],
    index: TextIndex,
    settings: AnalysisSettings,
) -> list[Finding]:
    findings: list[Finding] = []
    text = index.text
    for rule in rules:
        if not active(rule, settings):
            continue
        value = metrics.get(str(rule.options["metric"]))
        if not isinstance(value, _NUMBER):
            continue
        above, below = _limit(rule, "above", limits), _limit(rule, "below", limits)
        limit = above if above is not None and value > above else None
        if limit is None and below is not None and value < below:
            limit = below
        if limit is None:
            continue
        origin = Origin.READABILITY if rule.category is Category.READABILITY else Origin.RULES
        values = {"value": _show(value, rule), "limit": _show(limit, rule)}
        mark_name = rule.options.get("mark")
        if not mark_name:
            findings.append(_finding(rule, 0, 0, "", rule.replacements, "", origin, values))
            continue
        for mark in marks.get(str(mark_name), [])[: int(rule.options.get("max_marks", 50))]:
            matched = text[mark.start : mark.end]
            if settings.allows(matched) or settings.is_ignored(rule.id, matched):
                continue
            fixes = tuple(match_case(r, matched) for r in (mark.replacements or rule.replacements))
            findings.append(
                _finding(rule, mark.start, mark.end, matched, fixes, mark.note, origin, values)
            )
    return findings


def _finding(
    rule: Rule,
    start: int,
    end: int,
    matched: str,
    replacements: tuple[str, ...],
    note: str,
    origin: Origin,
    values: dict[str, str],
) -> Finding:
    first = replacements[0] if replacements else ""
    return Finding(
        rule_id=rule.id,
        category=rule.category,
        severity=rule.severity,
        start=start,
        end=end,
        text=matched,
        message=render(rule.message, match=matched, replacement=first, note=note, **values),
        why=rule.why,
        source=rule.source,
        replacements=replacements,
        origin=origin,
    )
