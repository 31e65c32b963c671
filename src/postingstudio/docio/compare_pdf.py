"""Write a comparison (``core.compare.Comparison``) as a PDF report, with ReportLab.

The same sections as the HTML report (``compare_report``): the metrics side by side with
verdicts from the writer's side, what competitors offer that mine does not (with their sentence,
cue in bold), shared clichés and what makes mine different. ReportLab is always installed and
needs no other program, so the PDF looks the same everywhere; LibreOffice is not used here
because converting the HTML through Writer loses the table layout and takes seconds to start.

Characters the font cannot draw are replaced by "?" (see ``pdf_export._register_fonts``).
"""

from __future__ import annotations

from html import escape
from typing import Any

from .pdf_export import _FAMILY, _register_fonts, page_numbers

# Said from the writer's side: an arrow beside their number read as if they were ahead.
_ARROWS = {
    "better": "yours better",  # words only: the PDF fonts may lack ✓ and ✗
    "worse": "yours worse",
    "same": "= same",
    "unknown": "?",
}
_VERDICT_COLOUR = {"better": "#116329", "worse": "#B42318", "same": "#555555", "unknown": "#555555"}


def _clean(text: str, coverage: set[int]) -> str:
    drawable = "".join(ch if ord(ch) in coverage or ch in "\n\t" else "?" for ch in text)
    return escape(drawable, quote=False).replace("\n", " ")


def _quote(evidence: Any, coverage: set[int]) -> str:
    """The evidence sentence as ReportLab markup, its cue in bold."""
    if evidence is None:
        return ""
    parts = evidence.parts()
    if parts is None:
        return f"“{_clean(evidence.text, coverage)}”"
    before, cue, after = parts
    return f"“{_clean(before, coverage)}<b>{_clean(cue, coverage)}</b>{_clean(after, coverage)}”"


def _verdict(verdict: object) -> str:
    key = str(verdict)
    return f'<font color="{_VERDICT_COLOUR.get(key, "#555555")}">{_ARROWS.get(key, key)}</font>'


def write_comparison_pdf(comparison: Any, path: str, title: str = "Posting comparison") -> None:
    """Lay the comparison out on A4 pages at ``path`` (the caller makes the write atomic)."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import cm
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table

    coverage = _register_fonts()
    base = ParagraphStyle("body", fontName=_FAMILY, fontSize=9, leading=12, textColor="#262626")
    small = ParagraphStyle("small", parent=base, fontSize=8, leading=10, textColor="#666666")
    h1 = ParagraphStyle("h1", parent=base, fontName=f"{_FAMILY}-Bold", fontSize=18, leading=22)
    h2 = ParagraphStyle(
        "h2",
        parent=base,
        fontName=f"{_FAMILY}-Bold",
        fontSize=13,
        leading=16,
        spaceBefore=12,
        spaceAfter=4,
        textColor="#1F4E79",
        keepWithNext=True,
    )
    page = landscape(A4)
    width = page[0] - 3 * cm
    grid = [
        ("GRID", (0, 0), (-1, -1), 0.4, colors.HexColor("#BFBFBF")),
        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#F3F4F6")),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
    ]

    def p(text: str, style: ParagraphStyle = base) -> Paragraph:
        return Paragraph(text or "&nbsp;", style)

    def table(rows: list[list[Any]], widths: list[float]) -> Table:
        result = Table(rows, colWidths=widths, repeatRows=1)
        result.setStyle(grid)
        return result

    names = [_clean(posting.name, coverage) for posting in comparison.postings]
    story: list[Any] = [
        p(_clean(title, coverage), h1),
        p(
            f"Your posting: {names[0]}; compared with {len(names) - 1} competitor posting(s).",
            small,
        ),
        p("How your posting stands", h2),
    ]
    columns = len(names) + 2
    header = [p("<b>Metric</b>"), p(f"<b>{names[0]} (yours)</b>")]
    header += [p(f"<b>[{n}] {name}</b>") for n, name in enumerate(names[1:], start=1)]
    header.append(p("<b>You vs the best of them</b>"))
    rows = [header]
    for row in comparison.metrics:
        cells = [p(_clean(row.label, coverage)), p(_clean(row.display[0], coverage))]
        for value, verdict in zip(row.display[1:], row.versus, strict=True):
            cells.append(p(f"{_clean(value, coverage)} {_verdict(verdict)}"))
        cells.append(p(_verdict(row.versus_best)))
        rows.append(cells)
    story.append(table(rows, [width / columns] * columns))
    story.append(
        p(
            'In a competitor\'s column, "yours better" means yours beats theirs on that line.',
            small,
        )
    )

    story.append(p("What they offer that you don't", h2))
    if comparison.they_offer:
        rows = [[p("<b>Competitor</b>"), p("<b>Kind</b>"), p("<b>What</b>"), p("<b>Where</b>")]]
        for offer in comparison.they_offer:
            rows.append(
                [
                    p(f"[{offer.competitor}] {names[offer.competitor]}"),
                    p(str(offer.kind)),
                    p(_clean(offer.label, coverage)),
                    p(_quote(offer.evidence, coverage)),
                ]
            )
        story.append(table(rows, [width * 0.2, width * 0.08, width * 0.17, width * 0.55]))
    else:
        story.append(p("Nothing: every benefit, section and fact they state, you state too."))

    story.append(p("Shared clichés", h2))
    if comparison.shared_cliches:
        rows = [[p("<b>Phrase</b>"), p("<b>Also in</b>"), p("<b>Your sentence</b>")]]
        for cliche in comparison.shared_cliches:
            also = ", ".join(f"[{n}] {names[n]}" for n in cliche.competitors)
            rows.append(
                [p(_clean(cliche.phrase, coverage)), p(also), p(_quote(cliche.mine, coverage))]
            )
        story.append(table(rows, [width * 0.2, width * 0.25, width * 0.55]))
    else:
        story.append(p("None found."))

    story.append(p("What makes you different", h2))
    if comparison.distinctive:
        rows = [[p("<b>Term</b>"), p("<b>Times</b>"), p("<b>First used in</b>")]]
        for term in comparison.distinctive:
            rows.append(
                [
                    p(_clean(term.term, coverage)),
                    p(str(term.count)),
                    p(_quote(term.evidence, coverage)),
                ]
            )
        story.append(table(rows, [width * 0.2, width * 0.08, width * 0.72]))
    else:
        story.append(p("Nothing stands out against these competitors."))
    story += [Spacer(1, 10), p("Made offline by Posting Studio.", small)]

    number_pages = page_numbers(page[0], 0.8 * cm, 8)
    document = SimpleDocTemplate(
        path,
        pagesize=page,
        leftMargin=1.5 * cm,
        rightMargin=1.5 * cm,
        topMargin=1.5 * cm,
        bottomMargin=1.5 * cm,
        title=title,
        author="",
        creator="Posting Studio",
    )
    document.build(story, onFirstPage=number_pages, onLaterPages=number_pages)
