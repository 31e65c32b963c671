"""Rich-text tooltips for findings, shared by the editor and the compare view's competitor pane."""

from __future__ import annotations

import html

from postingstudio.core.findings import Finding
from postingstudio.ui.common.theme import SEVERITY_SYMBOL, is_dark, legend_colour, style_for


def findings_tooltip(findings: list[Finding], labels: list[str]) -> str:
    """Every finding under the cursor: the first (most specific) in full, the rest briefly."""
    if len(findings) == 1:
        return finding_tooltip(findings[0], labels[0])
    dark = is_dark()
    rest = "".join(
        f"<p><b style='color:{legend_colour(f.category, dark)}'>{style_for(f.category).symbol} "
        f"{html.escape(label)}</b> · {html.escape(f.message)}</p>"
        for f, label in zip(findings[1:], labels[1:], strict=True)
    )
    also = f"<hr><p>Also here ({len(findings) - 1}):</p>{rest}"
    return finding_tooltip(findings[0], labels[0]).replace("</div>", also + "</div>")


def finding_tooltip(finding: Finding, category_label: str) -> str:
    """Rich text for hovering a finding: message, why, source and suggestions."""
    style = style_for(finding.category)
    parts = [
        f"<p><b style='color:{legend_colour(finding.category, is_dark())}'>{style.symbol} "
        f"{html.escape(category_label)}</b>"
        f" · {SEVERITY_SYMBOL[finding.severity]} {html.escape(str(finding.severity))}</p>",
        f"<p><b>{html.escape(finding.message)}</b></p>",
    ]
    if finding.why:
        parts.append(f"<p>{html.escape(finding.why)}</p>")
    if finding.replacements:
        items = "".join(f"<li>{html.escape(r)}</li>" for r in finding.replacements[:6])
        parts.append(f"<p>Try:</p><ul style='margin:0'>{items}</ul>")
    if finding.source:
        parts.append(f"<p><i>Source: {html.escape(finding.source)}</i></p>")
    return f"<div style='max-width:420px'>{''.join(parts)}</div>"
