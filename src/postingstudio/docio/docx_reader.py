r"""Read a .docx (or .docm; macros are never run) into a :class:`Posting`.

Walks the main document part with lxml rather than python-docx's object model: it is faster, it
copes with Strict OOXML and renamed main parts, and it lets us see tracked changes, fields, text
boxes and content controls. What becomes what:

* headings: heading styles, ``Title``, outline levels; short all-bold paragraphs are headings
  with ``inferred=True``;
* list items: ``numPr`` on the paragraph or its style (numbered vs bulleted from the level's
  number format) and list styles by name; typed bullets and numbers ("•\tText", "1) Text")
  stay paragraphs whose text keeps the marker;
* runs: effective bold/italic/underline (direct, character style, paragraph style, defaults),
  hyperlinks (relationship targets, anchors as ``#name``, ``HYPERLINK`` fields);
* tables: one ``TABLE_CELL`` block per non-empty cell paragraph, with (table, row, column);
* line breaks are ``\v``, tabs ``\t``; insertions are kept, deletions dropped (changes read
  as accepted); comments, field codes and deleted text are ignored;
* headers and footers become blocks with ``BlockOrigin.HEADER``/``FOOTER`` (first and last), text
  boxes blocks with ``BlockOrigin.TEXTBOX`` right after their anchor paragraph.

Besides the posting, :func:`read_docx` returns the body "units" (each top-level body element with
the blocks it produced) so the writer can reuse untouched source XML verbatim.
"""

from __future__ import annotations

import hashlib
import logging
import sys
from dataclasses import dataclass, field, replace

from lxml import etree

from postingstudio.core.model import Block, BlockKind, BlockOrigin, Posting, Run

from . import package as pkg
from .docx_classify import (
    content_children,
    int_attr,
    looks_like_heading,
    natural_key,
    row_cells,
    table_rows,
    typed_marker,
)
from .element_paths import ElementPaths
from .package import MC_NS, Package, w
from .runs import RunCollector
from .styles import Numbering, StyleTable

log = logging.getLogger(__name__)

_P, _TBL, _SDT = w("p"), w("tbl"), w("sdt")
_CONTAINERS = (w("sdtContent"), w("customXml"), w("ins"), w("moveTo"))
_MC_ALT = f"{{{MC_NS}}}AlternateContent"


@dataclass
class Unit:
    """One top-level body element, the blocks it produced and the empty elements after it."""

    element: etree._Element
    blocks: list[Block]
    fillers: list[etree._Element] = field(default_factory=list)


@dataclass
class DocxReading:
    """A read .docx: the posting and what a lossless save needs (package, styles, units)."""

    posting: Posting
    package: Package
    styles: StyleTable
    numbering: Numbering
    units: list[Unit]
    leading: list[etree._Element]


class _Reader:
    def __init__(self, package: Package) -> None:
        self.package = package
        main = package.main
        rels = package.rels(main)
        styles_parts = [
            r.target
            for r in rels.values()
            if r.rel_type == pkg.REL_STYLES and package.has(r.target)
        ]
        numbering_parts = [
            r.target
            for r in rels.values()
            if r.rel_type == pkg.REL_NUMBERING and package.has(r.target)
        ]
        self.styles = StyleTable(package.xml(styles_parts[0]) if styles_parts else None)
        self.numbering = Numbering(
            package.xml(numbering_parts[0]) if numbering_parts else None, self.styles
        )
        self.table_count = 0
        self.found: set[str] = set()
        self.collector = RunCollector(self.styles, {})
        self.paths = ElementPaths()  # source ids' element paths, each parent numbered once
        self.part = package.main  # the part whose paragraphs are being read (for source ids)
        # Source ids start with a digest of the file, so a block pasted from another document
        # (the compare view) never passes for a paragraph of this one.
        self.document_key = hashlib.sha256(package.data).hexdigest()[:12]

    # ---- stories -------------------------------------------------------------------------

    def body_units(self) -> tuple[list[Unit], list[etree._Element]]:
        root = self.package.xml(self.package.main)
        body = root.find(w("body"))
        if body is None:
            raise _missing(self.package, "the document has no body")
        self.collector = RunCollector(self.styles, self.package.rels(self.package.main))
        self.part = self.package.main
        units: list[Unit] = []
        leading: list[etree._Element] = []
        for child in body:
            if child.tag == w("sectPr"):
                continue
            blocks = self.block_level(child, BlockOrigin.BODY, in_cell=None)
            if blocks:
                units.append(Unit(child, blocks))
            elif units:
                units[-1].fillers.append(child)
            else:
                leading.append(child)
        return units, leading

    def header_footer_blocks(self) -> tuple[list[Block], list[Block]]:
        main = self.package.main
        rels = self.package.rels(main)
        found: dict[BlockOrigin, list[Block]] = {BlockOrigin.HEADER: [], BlockOrigin.FOOTER: []}
        seen: set[tuple[str, ...]] = set()
        # Part-name order (header1, header2, ...), not section order: it does not depend on the
        # body, so a rebuilt body reads back the same header and footer blocks.
        candidates = sorted(
            (
                r
                for r in rels.values()
                if r.rel_type in (pkg.REL_HEADER, pkg.REL_FOOTER) and not r.external
            ),
            key=lambda r: natural_key(r.target),
        )
        for rel in candidates:
            if not self.package.has(rel.target):
                continue
            origin = BlockOrigin.HEADER if rel.rel_type == pkg.REL_HEADER else BlockOrigin.FOOTER
            self.collector = RunCollector(self.styles, self.package.rels(rel.target))
            self.part = rel.target
            blocks: list[Block] = []
            for child in self.package.xml(rel.target):
                blocks.extend(self.block_level(child, origin, in_cell=None))
            key = (origin.value, *(block.text for block in blocks))
            if blocks and key not in seen:
                seen.add(key)
                found[origin].extend(blocks)
        return found[BlockOrigin.HEADER], found[BlockOrigin.FOOTER]

    # ---- block-level content ---------------------------------------------------------------

    def block_level(
        self, element: etree._Element, origin: BlockOrigin, in_cell: tuple[int, int, int] | None
    ) -> list[Block]:
        tag = element.tag
        if tag == _P:
            return self.paragraph(element, origin, in_cell)
        if tag == _TBL:
            return self.table(element, origin)
        if tag == _SDT or tag in _CONTAINERS or tag == _MC_ALT:
            blocks: list[Block] = []
            for child in content_children(element):
                blocks.extend(self.block_level(child, origin, in_cell))
            return blocks
        return []

    def table(self, table: etree._Element, origin: BlockOrigin) -> list[Block]:
        index = self.table_count
        self.table_count += 1
        self.found.add("table")
        blocks: list[Block] = []
        for row_index, row in enumerate(table_rows(table)):
            column = 0
            trpr = row.find(w("trPr"))
            if trpr is not None:
                before = trpr.find(w("gridBefore"))
                column = int_attr(before, 0) or 0
            for cell in row_cells(row):
                tcpr = cell.find(w("tcPr"))
                span = int_attr(tcpr.find(w("gridSpan")) if tcpr is not None else None, 1) or 1
                vmerge = tcpr.find(w("vMerge")) if tcpr is not None else None
                continued = vmerge is not None and vmerge.get(w("val"), "continue") == "continue"
                if not continued:
                    where = (index, row_index, column)
                    for child in cell:
                        if child.tag == w("tcPr"):
                            continue
                        blocks.extend(self.block_level(child, origin, where))
                column += min(span, 64)
        return blocks

    def paragraph(
        self, para: etree._Element, origin: BlockOrigin, in_cell: tuple[int, int, int] | None
    ) -> list[Block]:
        pstyle = para.find(f"{w('pPr')}/{w('pStyle')}")
        style_id = pstyle.get(w("val")) if pstyle is not None else None
        collected = self.collector.collect(para, style_id)
        runs, textboxes = collected.runs, collected.textboxes
        if collected.images:
            self.found.add("image")
        if collected.revisions:
            self.found.add("revisions")
        extra: list[Block] = []
        for box in textboxes:
            self.found.add("textbox")
            saved = self.collector
            for child in box:
                extra.extend(
                    self.block_level(
                        child, BlockOrigin.TEXTBOX if origin is BlockOrigin.BODY else origin, None
                    )
                )
            self.collector = saved
        text = "".join(run.text for run in runs)
        if not text.strip():
            return extra
        style_name = self.styles.name(style_id)
        path = self.paths.path(para)
        # Interned: a save reads the file again, and its ids then share the posting's strings.
        source_id = sys.intern(f"{self.document_key}:{self.part}#{path}")
        block = self._classify(para, runs, text, style_id, origin, in_cell)
        return [replace(block, style=style_name, source_id=source_id), *extra]

    def _classify(
        self,
        para: etree._Element,
        runs: tuple[Run, ...],
        text: str,
        style_id: str | None,
        origin: BlockOrigin,
        in_cell: tuple[int, int, int] | None,
    ) -> Block:
        ppr = para.find(w("pPr"))
        direct_num = direct_ilvl = direct_outline = None
        if ppr is not None:
            num_pr = ppr.find(w("numPr"))
            if num_pr is not None:
                num_element, ilvl_element = num_pr.find(w("numId")), num_pr.find(w("ilvl"))
                direct_num = num_element.get(w("val")) if num_element is not None else None
                direct_ilvl = int_attr(ilvl_element, None)
            direct_outline = int_attr(ppr.find(w("outlineLvl")), None)
        if in_cell is not None:
            kind = BlockKind.TABLE_CELL if origin is BlockOrigin.BODY else BlockKind.PARAGRAPH
            return Block(
                kind, runs, cell=in_cell if origin is BlockOrigin.BODY else None, origin=origin
            )
        heading = None
        if direct_outline is not None and direct_outline < 9:
            heading = direct_outline + 1
        elif direct_outline is None:
            heading = self.styles.heading_level(style_id)
        if heading is not None:
            return Block(BlockKind.HEADING, runs, level=heading, origin=origin)
        listed = self._list_kind(style_id, direct_num, direct_ilvl)
        if listed is not None:
            numbered, level = listed
            return Block(BlockKind.LIST_ITEM, runs, level=level, numbered=numbered, origin=origin)
        # Typed numbering ("1) ", "a. ", a typed "•") is the writer's own text: it stays a
        # paragraph with its marker, so no exporter turns it into a Word list that says "1.".
        if not typed_marker(text) and looks_like_heading(runs, text):
            return Block(BlockKind.HEADING, runs, level=2, inferred=True, origin=origin)
        return Block(BlockKind.PARAGRAPH, runs, origin=origin)

    def _list_kind(
        self, style_id: str | None, direct_num: str | None, direct_ilvl: int | None
    ) -> tuple[bool, int] | None:
        style_num, style_ilvl = self.styles.numbering(style_id)
        num_id = direct_num if direct_num is not None else style_num
        if num_id is None:
            return self.styles.list_hint(style_id)
        level = direct_ilvl
        if level is None and direct_num is None:
            level = style_ilvl
            if level is None and style_id:
                level = self.numbering.level_for_style(num_id, style_id)
        level = min(max(level or 0, 0), 8)
        fmt = self.numbering.format(num_id, level)
        if fmt is None or fmt == "none":
            return None
        return fmt != "bullet", level


def _renumber_tables(units: list[Unit]) -> None:
    """Number tables by the order their first text appears, so empty tables take no number."""
    mapping: dict[int, int] = {}
    for unit in units:
        for block in unit.blocks:
            if block.cell is not None and block.cell[0] not in mapping:
                mapping[block.cell[0]] = len(mapping)
    if all(old == new for old, new in mapping.items()):
        return
    for unit in units:
        unit.blocks = [
            replace(b, cell=(mapping[b.cell[0]], b.cell[1], b.cell[2])) if b.cell is not None else b
            for b in unit.blocks
        ]


def _missing(package: Package, reason: str) -> Exception:
    from .errors import CorruptDocumentError

    return CorruptDocumentError(package.path, reason)


_NOTES = {
    "table": "Tables were flattened into their cells' text; the table layout was simplified.",
    "textbox": "Text in text boxes was read and placed after the paragraph it is anchored to.",
    "revisions": "Tracked changes were read as if accepted.",
}


def read_docx(path: str, data: bytes) -> DocxReading:
    """Read the bytes of a .docx/.docm into a posting plus what the writer needs to reuse it."""
    package = pkg.open_package(path, data)
    reader = _Reader(package)
    units, leading = reader.body_units()
    _renumber_tables(units)
    headers, footers = reader.header_footer_blocks()
    body = [block for unit in units for block in unit.blocks]
    blocks = tuple(headers + body + footers)
    notes: list[str] = [note for key, note in _NOTES.items() if key in reader.found]
    if headers or footers:
        notes.append(
            "Header and footer text is analysed; on export it stays in the header and footer."
        )
    if any(name.endswith("comments.xml") for name in package.names):
        notes.append("Comments were ignored.")
    if package.macro_enabled:
        notes.append(
            "This document contains macros; they were not run, and a .docx export leaves them out."
        )
    if not body:
        if "image" in reader.found:
            notes.append(
                "The document contains only pictures or drawings: there is no text to analyse."
            )
        else:
            notes.append("The document is empty: there is no text to analyse.")
    title = next(
        (b.text.strip() for b in body if b.kind is BlockKind.HEADING and b.text.strip()), None
    )
    posting = Posting(blocks, title=title, source_path=path, notes=tuple(notes))
    return DocxReading(posting, package, reader.styles, reader.numbering, units, leading)
