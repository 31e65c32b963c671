"""Build WordprocessingML for edited blocks: paragraphs, runs, hyperlinks and simple tables.

A block is written with the output document's own style names (its "Heading 2", its list
definitions) so that it looks like the rest of the document. When an edited block replaces a
source paragraph of the same kind, that paragraph is the *prototype*: its paragraph properties
(spacing, indentation, alignment) and its first run's font, size and colour are kept, and any
pictures in it stay. Bold, italic and underline are written only where they differ from what
the style already gives, so the reader reads back exactly the runs we were given.
"""

from __future__ import annotations

import copy
import re

from lxml import etree

from postingstudio.core.model import Block, BlockKind, Run

from .docx_parts import OutputParts
from .layout import TableSpec
from .package import R_NS, w
from .styles import StyleTable

_PPR_ORDER = [
    w(t)
    for t in (
        "pStyle keepNext keepLines pageBreakBefore framePr widowControl numPr suppressLineNumbers "
        "pBdr shd tabs suppressAutoHyphens kinsoku wordWrap overflowPunct topLinePunct "
        "autoSpaceDE autoSpaceDN bidi adjustRightInd snapToGrid spacing ind contextualSpacing "
        "mirrorIndents suppressOverlap jc textDirection textAlignment textboxTightWrap outlineLvl "
        "divId cnfStyle rPr sectPr pPrChange"
    ).split()
]
_RPR_ORDER = [
    w(t)
    for t in (
        "rStyle rFonts b bCs i iCs caps smallCaps strike dstrike outline shadow emboss imprint "
        "noProof snapToGrid vanish webHidden color spacing w kern position sz szCs highlight u "
        "effect bdr shd fitText vertAlign rtl cs em lang eastAsianLayout specVanish oMath"
    ).split()
]
_RUN_DROP = {
    w(t)
    for t in (
        "rStyle b bCs i iCs u vanish specVanish webHidden rPrChange ins del moveFrom moveTo"
    ).split()
}
_PPR_DROP = {w(t) for t in "pStyle numPr outlineLvl pPrChange".split()}
_INVALID_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_DRAWINGS = (w("drawing"), w("pict"), w("object"))
_TXBX = w("txbxContent")
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
RPR_TAG = w("rPr")


def insert_ordered(
    parent: etree._Element, child: etree._Element, order: list[str]
) -> etree._Element:
    """Insert ``child`` where the schema's sequence puts it (Word refuses misordered properties)."""
    rank = order.index(child.tag) if child.tag in order else len(order)
    for index, existing in enumerate(parent):
        if (order.index(existing.tag) if existing.tag in order else len(order)) > rank:
            parent.insert(index, child)
            return child
    parent.append(child)
    return child


def restyle(run: etree._Element, before: tuple[object, ...], after: tuple[object, ...]) -> None:
    """Set only the bold, italic and underline toggles whose look, ``(bold, italic, underline,
    link)``, changed; explicit off values, since a style may be on."""
    rpr = run.find(RPR_TAG)
    if rpr is None:
        rpr = run.makeelement(RPR_TAG, {})
        run.insert(0, rpr)
    for tag, was, now, on, off in (
        ("b", before[0], after[0], {}, {w("val"): "0"}),
        ("i", before[1], after[1], {}, {w("val"): "0"}),
        ("u", before[2], after[2], {w("val"): "single"}, {w("val"): "none"}),
    ):
        if was == now:
            continue
        for existing in rpr.findall(w(tag)):
            rpr.remove(existing)
        insert_ordered(rpr, rpr.makeelement(w(tag), on if now else off), _RPR_ORDER)


def clean_text(text: str) -> str:
    """``text`` without the characters XML 1.0 forbids, which Word would refuse to open."""
    return _INVALID_XML.sub("", text)


class Builder:
    """Appends fresh elements to a parent in the output document."""

    def __init__(self, parts: OutputParts, *, exact: bool = True) -> None:
        self.parts = parts
        # exact: the blocks were read from this very document, so "not bold" means not bold.
        # Otherwise (text, HTML, another template) a heading's plain runs take the style's look.
        self.exact = exact
        self._heading = False

    # ---- paragraphs ------------------------------------------------------------------------

    def paragraph(
        self,
        parent: etree._Element,
        block: Block,
        prototype: etree._Element | None = None,
        num_id: str | None = None,
    ) -> etree._Element:
        styles = self.parts.styles
        para = etree.SubElement(parent, w("p"))
        if prototype is not None and prototype.find(w("pPr")) is not None:
            ppr = copy.deepcopy(prototype.find(w("pPr")))
            for child in list(ppr):
                if child.tag in _PPR_DROP:
                    ppr.remove(child)
            mark = ppr.find(w("rPr"))
            if mark is not None:
                for child in list(mark):
                    if child.tag in (
                        w("ins"),
                        w("del"),
                        w("rPrChange"),
                        w("moveFrom"),
                        w("moveTo"),
                    ):
                        mark.remove(child)
            para.append(ppr)
        else:
            ppr = etree.SubElement(para, w("pPr"))
        style_id, outline = self._paragraph_style(block)
        if style_id is not None and style_id != styles.default_paragraph:
            insert_ordered(ppr, ppr.makeelement(w("pStyle"), {w("val"): style_id}), _PPR_ORDER)
        if outline is not None:
            insert_ordered(
                ppr, ppr.makeelement(w("outlineLvl"), {w("val"): str(outline)}), _PPR_ORDER
            )
        if block.kind is BlockKind.LIST_ITEM and num_id is not None:
            level = str(min(max(block.level, 0), 8))
        elif block.kind is not BlockKind.LIST_ITEM and _style_numbers(styles, style_id):
            level, num_id = "0", "0"  # numId 0: "no numbering", overriding the style's list
        else:
            level = ""
        if level:
            num_pr = ppr.makeelement(w("numPr"), {})
            etree.SubElement(num_pr, w("ilvl"), {w("val"): level})
            etree.SubElement(num_pr, w("numId"), {w("val"): num_id})
            insert_ordered(ppr, num_pr, _PPR_ORDER)
        if len(ppr) == 0:
            para.remove(ppr)
        drawings_first, drawings_last = _drawing_runs(prototype)
        for run in drawings_first:
            para.append(run)
        self._heading = block.kind is BlockKind.HEADING and not self.exact
        self._runs(para, block.runs, style_id, _run_prototype(prototype))
        for run in drawings_last:
            para.append(run)
        return para

    def _paragraph_style(self, block: Block) -> tuple[str | None, int | None]:
        parts, styles = self.parts, self.parts.styles
        wanted = parts.style_id(block.style) if block.style else None
        if block.kind is BlockKind.HEADING:
            level = min(max(block.level, 1), 9)
            if wanted is not None and styles.heading_level(wanted) == level:
                return wanted, None
            if block.style and wanted is not None and styles.heading_level(wanted) is None:
                if block.inferred:
                    return wanted, None  # a bold paragraph that reads as a heading, as before
                return wanted, level - 1  # the source's own style with an outline level
            heading = parts.style_id(f"Heading {level}")
            if heading is not None and parts.styles.heading_level(heading) == level:
                return heading, None
            return None, level - 1
        if block.kind is BlockKind.TABLE_CELL and block.cell is not None:
            return wanted, None
        if wanted is not None and styles.heading_level(wanted) is not None:
            wanted = None
        if block.kind is BlockKind.LIST_ITEM:
            if wanted is None:  # the document's own list style, if it has one; never borrowed
                wanted = styles.id_for("List Paragraph")
            return wanted, None
        return wanted, None  # a list style keeps its look; numId 0 switches its numbering off

    # ---- runs ------------------------------------------------------------------------------

    def _runs(
        self,
        para: etree._Element,
        runs: tuple[Run, ...],
        style_id: str | None,
        prototype: etree._Element | None,
    ) -> None:
        index = 0
        while index < len(runs):
            link = runs[index].link
            end = index + 1
            while end < len(runs) and runs[end].link == link:
                end += 1
            if link:
                attrs = (
                    {w("anchor"): link[1:]}
                    if link.startswith("#")
                    else {f"{{{R_NS}}}id": self.parts.link_rel(link)}
                )
                target = etree.SubElement(para, w("hyperlink"), attrs)
                char_style = self.parts.style_id("Hyperlink", "character")
            else:
                target, char_style = para, None
            for run in runs[index:end]:
                self._run(target, run, style_id, char_style, prototype)
            index = end

    def _run(
        self,
        parent: etree._Element,
        run: Run,
        style_id: str | None,
        char_style: str | None,
        prototype: etree._Element | None,
    ) -> None:
        element = etree.SubElement(parent, w("r"))
        rpr = (
            copy.deepcopy(prototype) if prototype is not None else element.makeelement(w("rPr"), {})
        )
        if run.link:
            for color in rpr.findall(w("color")):
                rpr.remove(color)
        if char_style:
            insert_ordered(rpr, rpr.makeelement(w("rStyle"), {w("val"): char_style}), _RPR_ORDER)
        base = self.parts.styles.run_format(style_id, char_style)
        if bool(base.bold) != run.bold and not (self._heading and base.bold):
            insert_ordered(rpr, _toggle(rpr, "b", run.bold), _RPR_ORDER)
        if bool(base.italic) != run.italic and not (self._heading and base.italic):
            insert_ordered(rpr, _toggle(rpr, "i", run.italic), _RPR_ORDER)
        if run.underline and not base.underline:
            insert_ordered(rpr, rpr.makeelement(w("u"), {w("val"): "single"}), _RPR_ORDER)
        elif not run.underline and base.underline and not run.link:
            insert_ordered(rpr, rpr.makeelement(w("u"), {w("val"): "none"}), _RPR_ORDER)
        if len(rpr):
            element.append(rpr)
        for piece in re.split("([\t\v])", run.text.replace("\n", "\v").replace("\r", "")):
            piece = piece if piece in ("\t", "\v") else clean_text(piece)
            if piece == "\t":
                etree.SubElement(element, w("tab"))
            elif piece == "\v":
                etree.SubElement(element, w("br"))
            elif piece:
                text = etree.SubElement(element, w("t"))
                text.text = piece
                if piece != piece.strip():
                    text.set(XML_SPACE, "preserve")

    # ---- tables ----------------------------------------------------------------------------

    def table(
        self,
        parent: etree._Element,
        spec: TableSpec,
        sources: dict[int, etree._Element],
        width: int,
    ) -> etree._Element:
        table = etree.SubElement(parent, w("tbl"))
        source = sources.get(spec.index)
        source_pr = source.find(w("tblPr")) if source is not None else None
        if source_pr is not None:
            table.append(copy.deepcopy(source_pr))
        else:
            tbl_pr = etree.SubElement(table, w("tblPr"))
            grid_style = self.parts.style_id("Table Grid", "table")
            if grid_style:
                etree.SubElement(tbl_pr, w("tblStyle"), {w("val"): grid_style})
            etree.SubElement(tbl_pr, w("tblW"), {w("w"): "0", w("type"): "auto"})
            if not grid_style:
                borders = etree.SubElement(tbl_pr, w("tblBorders"))
                for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
                    etree.SubElement(
                        borders,
                        w(side),
                        {w("val"): "single", w("sz"): "4", w("space"): "0", w("color"): "auto"},
                    )
        grid = etree.SubElement(table, w("tblGrid"))
        column_width = max(width // spec.cols, 200)
        for _ in range(spec.cols):
            etree.SubElement(grid, w("gridCol"), {w("w"): str(column_width)})
        for row in range(spec.rows):
            tr = etree.SubElement(table, w("tr"))
            for col in range(spec.cols):
                tc = etree.SubElement(tr, w("tc"))
                tc_pr = etree.SubElement(tc, w("tcPr"))
                etree.SubElement(tc_pr, w("tcW"), {w("w"): str(column_width), w("type"): "dxa"})
                for item in spec.cells.get((row, col), []):
                    if isinstance(item, TableSpec):
                        self.table(tc, item, sources, column_width)
                    else:
                        self.paragraph(tc, item)
                if tc[-1].tag != w("p"):
                    etree.SubElement(tc, w("p"))  # a cell must end with a paragraph
        return table


def _style_numbers(styles: StyleTable, style_id: str | None) -> bool:
    return (
        styles.numbering(style_id)[0] not in (None, "0") or styles.list_hint(style_id) is not None
    )


def _toggle(rpr: etree._Element, tag: str, value: bool) -> etree._Element:
    return rpr.makeelement(w(tag), {} if value else {w("val"): "0"})


def _run_prototype(prototype: etree._Element | None) -> etree._Element | None:
    """The first text run's properties minus what we set ourselves (formatting, revisions)."""
    if prototype is None:
        return None
    for run in prototype.iter(w("r")):
        if run.find(w("t")) is None:
            continue
        rpr = run.find(w("rPr"))
        if rpr is None:
            return None
        clone = copy.deepcopy(rpr)
        for child in list(clone):
            if child.tag in _RUN_DROP:
                clone.remove(child)
        return clone
    return None


def _drawing_runs(
    prototype: etree._Element | None,
) -> tuple[list[etree._Element], list[etree._Element]]:
    """Copies of the prototype's picture runs: those before any text, and those after."""
    if prototype is None:
        return [], []
    before: list[etree._Element] = []
    after: list[etree._Element] = []
    seen_text = False
    for run in prototype.iter(w("r")):
        if any(True for _ in run.iterancestors(_TXBX)):
            continue  # runs inside a text box travel with the box's own drawing run
        if run.find(w("t")) is not None:
            seen_text = True
        if any(run.find(f".//{tag}") is not None for tag in _DRAWINGS):
            (after if seen_text else before).append(copy.deepcopy(run))
    return before, after
