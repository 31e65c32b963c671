"""PDF from a :class:`Posting`, offline.

Two engines, tried in order:

1. **LibreOffice** (``soffice``), when installed: the posting is exported to .docx first (into
   its source or the template, so fonts, headers and footers match) and converted headless,
   with a private profile folder and a time limit. This is the faithful rendering.
2. **ReportLab** (pure PyPI, always there): the same content laid out directly — headings,
   paragraphs, nested lists, tables, bold/italic/underline and live links — in DejaVu Sans when
   the system has it, else the Bitstream Vera fonts that ship inside ReportLab. Characters the
   font cannot draw are replaced by "?" rather than printed as empty boxes.

``engine="auto"`` uses LibreOffice and falls back to ReportLab if it is missing or fails.
"""

from __future__ import annotations

import logging
import os
import shutil
import subprocess
import tempfile
from collections.abc import Callable
from html import escape
from pathlib import Path
from typing import Any

from postingstudio.core.model import Block, BlockKind, Posting, Run

from .errors import ExportError
from .html_export import safe_href
from .layout import TableSpec, heading_runs, segments, split_origins

log = logging.getLogger(__name__)

LIBREOFFICE_TIMEOUT = 120
_SYSTEM_FONTS = Path("/usr/share/fonts/truetype/dejavu")
_FAMILY = "PostingSans"


def libreoffice() -> str | None:
    """The LibreOffice executable on PATH, or None (then reportlab draws the PDF)."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def write_pdf(
    posting: Posting,
    path: str,
    *,
    template: str | os.PathLike[str] | None = None,
    engine: str = "auto",
) -> None:
    """Write ``posting`` as a PDF at ``path`` (a temporary file the caller moves into place)."""
    if engine in ("auto", "libreoffice") and libreoffice():
        try:
            _via_libreoffice(posting, path, template)
            return
        except (OSError, subprocess.SubprocessError, ExportError) as error:
            if engine == "libreoffice":
                raise ExportError(path, f"LibreOffice could not make the PDF ({error})") from None
            log.warning("LibreOffice PDF export failed (%s); using the built-in renderer", error)
    elif engine == "libreoffice":
        raise ExportError(path, "LibreOffice is not installed")
    _via_reportlab(posting, path)


def _via_libreoffice(posting: Posting, path: str, template: str | os.PathLike[str] | None) -> None:
    from .docx_writer import build_docx

    soffice = libreoffice()
    assert soffice is not None
    with tempfile.TemporaryDirectory(prefix="postingstudio-pdf-") as work:
        source = Path(work) / "posting.docx"
        source.write_bytes(build_docx(posting, template=template))
        profile = Path(work) / "profile"
        result = subprocess.run(
            [
                soffice,
                f"-env:UserInstallation={profile.as_uri()}",
                "--headless",
                "--norestore",
                "--convert-to",
                "pdf",
                "--outdir",
                work,
                str(source),
            ],
            capture_output=True,
            timeout=LIBREOFFICE_TIMEOUT,
            check=False,
            stdin=subprocess.DEVNULL,
        )
        produced = Path(work) / "posting.pdf"
        if result.returncode != 0 or not produced.is_file() or produced.stat().st_size == 0:
            detail = (result.stderr or result.stdout).decode("utf-8", "replace").strip()[-200:]
            raise ExportError(path, f"LibreOffice exited with {result.returncode}: {detail}")
        shutil.copyfile(produced, path)


# ---- ReportLab -------------------------------------------------------------------------------


def _register_fonts() -> set[int]:
    """Register the regular/bold/italic family once; return the code points it can draw."""
    from reportlab.lib.fonts import addMapping
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    if _FAMILY in pdfmetrics.getRegisteredFontNames():
        return _register_fonts.coverage  # type: ignore[attr-defined]
    system = [
        _SYSTEM_FONTS / f"DejaVuSans{s}.ttf" for s in ("", "-Bold", "-Oblique", "-BoldOblique")
    ]
    if all(path.is_file() for path in system):
        files = system
    else:
        import reportlab

        fonts = Path(reportlab.__file__).parent / "fonts"
        files = [fonts / name for name in ("Vera.ttf", "VeraBd.ttf", "VeraIt.ttf", "VeraBI.ttf")]
    names = [_FAMILY, f"{_FAMILY}-Bold", f"{_FAMILY}-Italic", f"{_FAMILY}-BoldItalic"]
    regular = None
    for name, file in zip(names, files, strict=True):
        font = TTFont(name, str(file))
        pdfmetrics.registerFont(font)
        regular = regular or font
    addMapping(_FAMILY, 0, 0, names[0])
    addMapping(_FAMILY, 1, 0, names[1])
    addMapping(_FAMILY, 0, 1, names[2])
    addMapping(_FAMILY, 1, 1, names[3])
    coverage = set(regular.face.charWidths) if regular is not None else set()
    _register_fonts.coverage = coverage  # type: ignore[attr-defined]
    return coverage


def _markup(runs: tuple[Run, ...], coverage: set[int]) -> str:
    parts = []
    for run in runs:
        text = "".join(ch if ord(ch) in coverage or ch in "\t\v" else "?" for ch in run.text)
        text = escape(text, quote=False).replace("\v", "<br/>").replace("\t", "    ")
        if run.bold:
            text = f"<b>{text}</b>"
        if run.italic:
            text = f"<i>{text}</i>"
        href = safe_href(run.link) if run.link else None
        if href and not href.startswith("#"):
            text = f'<a href="{escape(href, quote=True)}" color="#0563C1"><u>{text}</u></a>'
        elif run.underline:
            text = f"<u>{text}</u>"
        parts.append(text)
    return "".join(parts) or "&nbsp;"


def _via_reportlab(posting: Posting, path: str) -> None:
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import cm
    from reportlab.platypus import (
        ListFlowable,
        ListItem,
        Paragraph,
        SimpleDocTemplate,
        Spacer,
        Table,
    )

    coverage = _register_fonts()
    base = ParagraphStyle(
        "body", fontName=_FAMILY, fontSize=10.5, leading=14.5, spaceAfter=6, textColor="#262626"
    )
    headings = {
        level: ParagraphStyle(
            f"h{level}",
            parent=base,
            fontName=f"{_FAMILY}-Bold",
            fontSize=size,
            leading=size * 1.25,
            spaceBefore=10 if level > 1 else 4,
            spaceAfter=5,
            textColor="#1F4E79" if level <= 2 else "#262626",
            keepWithNext=True,
        )
        for level, size in ((1, 20), (2, 14), (3, 12), (4, 11), (5, 10.5), (6, 10.5))
    }
    small = ParagraphStyle("small", parent=base, fontSize=8.5, leading=11, textColor="#808080")

    def flow(blocks: list[Block], style: ParagraphStyle) -> list:
        story: list = []
        pending: list[Block] = []

        def flush_list() -> None:
            if pending:
                story.append(_list(pending, 0, style))
                pending.clear()

        for item in segments(blocks):
            if isinstance(item, TableSpec):
                flush_list()
                story.append(table(item))
            elif item.kind is BlockKind.LIST_ITEM:
                pending.append(item)
            else:
                flush_list()
                chosen = (
                    headings[min(max(item.level, 1), 6)]
                    if item.kind is BlockKind.HEADING
                    else style
                )
                story.append(Paragraph(_markup(heading_runs(item), coverage), chosen))
        flush_list()
        return story

    def _list(items: list[Block], level: int, style: ParagraphStyle):
        entries: list = []
        index = 0
        while index < len(items):
            block = items[index]
            end = index + 1
            while end < len(items) and items[end].level > block.level:
                end += 1
            content: list = [Paragraph(_markup(block.runs, coverage), style)]
            if end > index + 1:
                content.append(_list(items[index + 1 : end], level + 1, style))
            entries.append(ListItem(content, leftIndent=14))
            index = end
        numbered = items[0].numbered
        return ListFlowable(
            entries,
            bulletType="1" if numbered else "bullet",
            bulletFormat="%s." if numbered else None,
            start=None if numbered else ("•", "◦", "▪")[level % 3],
            leftIndent=16,
            bulletFontName=_FAMILY,
            bulletFontSize=style.fontSize,
        )

    def table(spec: TableSpec):
        width = (A4[0] - 5 * cm) / max(spec.cols, 1)
        data = []
        for row in range(spec.rows):
            cells = []
            for col in range(spec.cols):
                items = spec.cells.get((row, col), [])
                blocks = [
                    b for i in items for b in (i.blocks() if isinstance(i, TableSpec) else [i])
                ]
                cells.append([Paragraph(_markup(b.runs, coverage), base) for b in blocks] or "")
            data.append(cells)
        result = Table(data, colWidths=[width] * spec.cols, repeatRows=0)
        result.setStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.5, colors.HexColor("#BFBFBF")),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]
        )
        return result

    header, body, footer = split_origins(posting.blocks)
    story = flow(header, small) + ([Spacer(1, 8)] if header else []) + flow(body, base)
    if footer:
        story += [Spacer(1, 12)] + flow(footer, small)
    if not story:
        story = [Paragraph("&nbsp;", base)]

    number_pages = page_numbers(A4[0], 1.2 * cm, 8.5)
    document = SimpleDocTemplate(
        path,
        pagesize=A4,
        leftMargin=2.5 * cm,
        rightMargin=2.5 * cm,
        topMargin=2.2 * cm,
        bottomMargin=2.2 * cm,
        title=posting.title or "Job posting",
        author="",
        creator="Posting Studio",
    )
    document.build(story, onFirstPage=number_pages, onLaterPages=number_pages)


def page_numbers(page_width: float, y: float, size: float) -> Callable[[Any, Any], None]:
    """A ReportLab page callback that prints "Page N" in grey, centred at height ``y``."""
    from reportlab.lib import colors

    def draw(canvas: Any, document: Any) -> None:
        canvas.saveState()
        canvas.setFont(_FAMILY, size)
        canvas.setFillColor(colors.HexColor("#808080"))
        canvas.drawCentredString(page_width / 2, y, f"Page {document.page}")
        canvas.restoreState()

    return draw
