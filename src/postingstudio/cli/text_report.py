"""The human-readable form of a report for ``postingstudio check``: scores, checklist and
findings grouped by category with LINE:COL, each with its why, source and fixes."""

from __future__ import annotations

import os
import sys
from collections import defaultdict
from typing import Any

from postingstudio.core.findings import Category, Finding
from postingstudio.core.model import Posting
from postingstudio.core.report import Report

_STATE_MARK = {"present": "✓", "thin": "~", "missing": "✗"}
_CATEGORY_ORDER = [c.value for c in Category]


def _colour(code: str, text: str) -> str:
    if os.environ.get("NO_COLOR") or not sys.stdout.isatty():
        return text
    return f"\033[{code}m{text}\033[0m"


def _one_line(text: str, limit: int = 70) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def _finding_lines(posting: Posting, finding: Finding) -> list[str]:
    if finding.is_span:
        line, column = posting.line_column(finding.start)
        where = f"{line}:{column}"
    else:
        where = "doc"
    severity = _colour({"error": "31", "warning": "33"}.get(str(finding.severity), "36"),
                       f"{finding.severity:<10}")  # fmt: skip
    lines = [f"    {where:>7}  {severity} {finding.message}  [{finding.rule_id}]"]
    if finding.replacements:
        fixes = " | ".join(_one_line(r, 50) or "(delete)" for r in finding.replacements[:3])
        lines.append(f"             fix: {fixes}")
    lines.append(f"             why: {_one_line(finding.why, 110)}")
    lines.append(f"             source: {_one_line(finding.source, 107)}")
    return lines


def render_text(name: str, posting: Posting, report: Report, book: Any) -> str:
    """The human-readable report for one file: scores, metrics, sections, then each finding."""
    m, s = report.metrics, report.scores
    low, high = m.get("length_band", [0, 0])
    if not s.scored:  # near-empty: no score, no sections; phrases found are still listed
        out = [_colour("1", f"{name} — not scored yet"), f"  {m.get('empty_state', '')}"]
        return _findings_text(out, posting, report)
    out = [
        _colour("1", f"{name} — overall {s.overall}/100")
        + f"  (clarity {s.clarity} · vibrancy {s.vibrancy} · completeness {s.completeness}"
        f" · inclusivity {s.inclusivity})",
        f"  {m['words']} words (band {low}–{high}, {m['length_profile']}) · grade "
        f"{m['reading_grade']} (target ≤ {m['target_grade']:g}) · reading ease "
        f"{m['reading_ease']} · bullets {m['bullet_share']:.0%} · you/we {m['you_we_ratio'] or '–'}"
        f" · benefits {m['benefits_count']} · gender: {m['gender_verdict']}",
    ]
    salary = report.salary
    quoted = f" — “{_one_line(salary.text, 60)}”" if salary.text else ""
    out.append(f"  salary: {salary.kind}{quoted}")
    for note in posting.notes:
        out.append(f"  note: {note}")
    if report.sections:
        out.append("")
        out.append("  Sections")
        for section in report.sections:
            mark = _STATE_MARK.get(str(section.state), "?")
            out.append(f"    {mark} {section.id:<17} {section.state!s:<8} {section.reason}")
    return _findings_text(out, posting, report)


def _findings_text(out: list[str], posting: Posting, report: Report) -> str:
    groups: dict[str, list[Finding]] = defaultdict(list)
    for finding in report.findings:
        groups[str(finding.category)].append(finding)
    out.append("")
    out.append(f"  Findings ({len(report.findings)})")
    for category in sorted(groups, key=_CATEGORY_ORDER.index):
        out.append(f"  {category} ({len(groups[category])})")
        for finding in groups[category]:
            out.extend(_finding_lines(posting, finding))
    out.append("")
    return "\n".join(out) + "\n"
