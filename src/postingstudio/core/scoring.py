"""Scores from metrics, findings and the section checklist, by the formula in scoring.toml.

Each sub-score starts at 100 and loses ``min(cap, per_unit × metric)`` per penalty; completeness
is the weighted share of sections present (thin counts half). The overall score is the weighted
mean of the four sub-scores.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from .findings import Category, Finding
from .report import Scores, SectionResult

SUB_SCORES = ("clarity", "vibrancy", "completeness", "inclusivity")


def _clamp(value: float) -> int:
    return int(round(max(0.0, min(100.0, value))))


def penalty_score(penalties: Sequence[Mapping[str, Any]], metrics: Mapping[str, Any]) -> int:
    """100 minus each metric's penalty (per unit, capped), clamped to 0–100."""
    lost = 0.0
    for penalty in penalties:
        value = float(metrics.get(penalty["metric"], 0.0) or 0.0)
        lost += min(float(penalty["cap"]), float(penalty["per_unit"]) * max(0.0, value))
    return _clamp(100.0 - lost)


def completeness_score(sections: Sequence[SectionResult], config: Mapping[str, Any]) -> int:
    """The share of weighted section value earned, 0–100; 0 when no section carries weight."""
    weights: Mapping[str, float] = config.get("weights", {})
    values: Mapping[str, float] = config.get("state_value", {})
    total = sum(weights.get(section.id, 0) for section in sections)
    if not total:
        return 0
    earned = sum(
        weights.get(section.id, 0) * values.get(str(section.state), 0.0) for section in sections
    )
    return _clamp(100.0 * earned / total)


def finding_metrics(
    findings: Sequence[Finding], words: int, scoring: Mapping[str, Any]
) -> dict[str, float]:
    """Densities of findings per category, for the penalties.

    Findings of rules named in ``[inclusivity] counted_elsewhere`` don't add to
    ``inclusive_weighted``: their metric already has its own penalty (masculine-coded words are
    ``gender_excess_weighted``), and counting both would punish one problem twice.
    """
    severity_points: Mapping[str, float] = scoring.get("severity_points", {})
    elsewhere = frozenset(scoring.get("inclusivity", {}).get("counted_elsewhere", ()))
    per_100 = 100.0 / max(words, 1)
    counts = {category: 0 for category in Category}
    inclusive_points = 0.0
    for finding in findings:
        counts[finding.category] += 1
        if finding.category is Category.INCLUSIVE and finding.rule_id not in elsewhere:
            inclusive_points += float(severity_points.get(str(finding.severity), 6))
    return {
        "generic_per_100_words": round(counts[Category.GENERIC] * per_100, 3),
        "dry_per_100_words": round(counts[Category.DRY] * per_100, 3),
        "inclusive_weighted": inclusive_points,
    }


def score(
    scoring: Mapping[str, Any],
    metrics: Mapping[str, Any],
    sections: Sequence[SectionResult],
) -> Scores:
    """The four scores and the overall one, computed as resources/scoring.toml defines them."""
    parts = {
        "clarity": penalty_score(scoring.get("clarity", {}).get("penalty", []), metrics),
        "vibrancy": penalty_score(scoring.get("vibrancy", {}).get("penalty", []), metrics),
        "completeness": completeness_score(sections, scoring.get("completeness", {})),
        "inclusivity": penalty_score(scoring.get("inclusivity", {}).get("penalty", []), metrics),
    }
    weights = scoring.get("overall", {})
    total_weight = sum(float(weights.get(name, 0)) for name in SUB_SCORES) or 1.0
    overall = sum(parts[name] * float(weights.get(name, 0)) for name in SUB_SCORES) / total_weight
    return Scores(
        overall=_clamp(overall),
        clarity=parts["clarity"],
        vibrancy=parts["vibrancy"],
        completeness=parts["completeness"],
        inclusivity=parts["inclusivity"],
    )


def explain_score(scoring: Mapping[str, Any]) -> list[str]:
    """The formula in words, for ``postingstudio rules --scoring`` and the README."""
    lines = []
    weights = scoring.get("overall", {})
    lines.append(
        "overall = "
        + " + ".join(f"{float(weights.get(n, 0)):.2f}×{n}" for n in SUB_SCORES)
        + f"  ({weights.get('source', '')})"
    )
    for name in ("clarity", "vibrancy", "inclusivity"):
        for penalty in scoring.get(name, {}).get("penalty", []):
            lines.append(
                f"{name}: −{penalty['per_unit']} per unit of {penalty['metric']} "
                f"(at most −{penalty['cap']}): {penalty.get('why', '')}"
            )
    for section, weight in scoring.get("completeness", {}).get("weights", {}).items():
        lines.append(f"completeness: {section} weighs {weight}")
    return lines
