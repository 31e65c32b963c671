"""The ``metric`` rule kind: thresholds over computed metrics, underlining the analysers'
marks (hard sentences, passive voice, masculine-coded words) or, without marks, reported as a
document-level finding.

``METRICS`` and ``MARKS`` name what a metric rule may test and underline. The loader refuses a
rule naming anything else, and a test holds the registries to what ``analyse`` computes.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from ..findings import Category, Finding, FindingSource
from ..settings import AnalysisSettings
from ..structure import Mark
from ..text import TextIndex
from .matcher import active, match_case, render
from .schema import MetricRule

# The numbers ``analyse`` computes before the metric rules run, which a rule's ``metric`` names.
METRICS: dict[str, str] = {
    "words": "words in the posting",
    "reading_ease": "Flesch reading ease (higher is easier)",
    "reading_grade": "Flesch-Kincaid grade",
    "gunning_fog": "Gunning fog index",
    "smog": "SMOG index",
    "dale_chall": "Dale-Chall score",
    "reading_time_s": "reading time in seconds",
    "sentences": "sentences",
    "words_per_sentence": "average words per sentence",
    "longest_sentence_words": "words in the longest sentence",
    "target_grade": "the reading grade aimed at",
    "bullet_share": "share of lines that are list items (0 to 1)",
    "you_count": "times the posting says 'you'",
    "we_count": "times the posting says 'we'",
    "you_we_ratio": "'you' per 'we' (none until there are three of them)",
    "requirement_count": "lines under requirement headings",
    "max_years_required": "the most years of experience asked for",
    "benefits_count": "kinds of benefit named",
    "passive_count": "passive-voice clauses",
    "garbled_chunks": "stretches of garbled (mojibake) text",
    "very_hard_sentences": "sentences far above the hard grade",
    "hard_sentences": "sentences above the hard grade",
    "long_sentences": "sentences over the word limit",
    "gender_masculine": "masculine-coded words",
    "gender_feminine": "feminine-coded words",
    "gender_masculine_excess": "masculine-coded words beyond the feminine-coded ones",
    "grade_over_target": "reading grades above the target",
    "hard_sentence_share": "share of sentences that are hard or very hard",
    "length_off_band": "how far the length is outside the profile's band",
    "passive_per_100_words": "passive clauses per 100 words",
    "low_you_share": "how far 'you' falls short of half of 'you' and 'we'",
    "bullet_off_band": "how far the list share is outside the profile's band",
    "gender_excess_over": "masculine excess above the profile's limit",
    "requirements_over_max": "requirements above the profile's limit",
    "years_over_max": "years asked for above the profile's limit",
    "gender_excess_weighted": "masculine excess times the profile's weight",
}
# The spans the analysers mark, which a rule's ``mark`` underlines.
MARKS: dict[str, str] = {
    "very_hard_sentences": "the hardest sentences shown",
    "hard_sentences": "the hard sentences shown",
    "long_sentences": "the long sentences shown",
    "passive": "passive-voice clauses",
    "garbled": "garbled (mojibake) text",
    "gender_masculine": "masculine-coded words",
    "years_demanded": "demands for more years than the profile allows",
}
_NUMBER = (int, float)  # a tuple: ``int | float`` would build a union object per rule and call


def _show(number: float, rule: MetricRule) -> str:
    """A metric as a person reads it: shares as percentages, other numbers as they are."""
    if rule.unit == "percent":
        return f"{number:.0%}"
    return f"{number:g}"


def _limit(fixed: float | None, profile_key: str | None, limits: Mapping[str, Any]) -> float | None:
    if fixed is not None:
        return fixed
    if profile_key is None:
        return None
    value = limits.get(profile_key)
    return None if value is None else float(value)


def run_metric_rules(
    rules: Sequence[MetricRule],
    metrics: Mapping[str, Any],
    marks: Mapping[str, list[Mark]],
    limits: Mapping[str, Any],
    index: TextIndex,
    settings: AnalysisSettings,
) -> list[Finding]:
    """Findings of the metric rules whose metric is beyond its above/below limit: on the rule's
    marks, or document-level when it has none."""
    findings: list[Finding] = []
    text = index.text
    for rule in rules:
        if not active(rule, settings):
            continue
        value = metrics.get(rule.metric)
        if not isinstance(value, _NUMBER):
            continue
        above = _limit(rule.above, rule.above_profile, limits)
        below = _limit(rule.below, rule.below_profile, limits)
        limit = above if above is not None and value > above else None
        if limit is None and below is not None and value < below:
            limit = below
        if limit is None:
            continue
        origin = (
            FindingSource.READABILITY
            if rule.category is Category.READABILITY
            else FindingSource.RULES
        )
        values = {"value": _show(value, rule), "limit": _show(limit, rule)}
        if not rule.mark:
            findings.append(_finding(rule, 0, 0, "", rule.replacements, "", origin, values))
            continue
        for mark in marks.get(rule.mark, [])[: rule.max_marks]:
            matched = text[mark.start : mark.end]
            if settings.allows(matched) or settings.is_ignored(rule.id, matched):
                continue
            fixes = tuple(match_case(r, matched) for r in (mark.replacements or rule.replacements))
            findings.append(
                _finding(rule, mark.start, mark.end, matched, fixes, mark.note, origin, values)
            )
    return findings


def _finding(
    rule: MetricRule,
    start: int,
    end: int,
    matched: str,
    replacements: tuple[str, ...],
    note: str,
    origin: FindingSource,
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
