"""Save a posting into the package of the .docx it was read from (identity-based, lossless).

The body is laid out again in the source's own order: the editor's blocks are walked in order,
each source element is placed when the first block that came from it is reached, elements that
produced no block (spacers, section breaks, pictures) are kept where they were, and new blocks
go right after the block before them. A block whose paragraph was already placed earlier in the
walk (the writer moved text upwards) is written as a new paragraph at its new place. See
:mod:`.lossless` for what happens to each paragraph.
"""

from __future__ import annotations

import difflib

from lxml import etree

from postingstudio.core.model import Block, BlockKind, BlockOrigin, Posting

from .docx_package_out import assemble, template_styles
from .docx_parts import OutputParts
from .docx_reader import DocxReading
from .empty_paragraphs import is_paragraph
from .lossless import LosslessWriter, Story, body_blocks
from .package import w

_BODY, _SECT = w("body"), w("sectPr")
_PRECIOUS = (w("drawing"), w("pict"), w("object"), _SECT)


def save_into_source(posting: Posting, reading: DocxReading, owned: bool = False) -> bytes:
    """The source package with the edited posting laid into it, untouched
    paragraphs left byte for byte (``owned``: ``reading`` was made for this save alone and may
    be edited in place; it is no use afterwards)."""
    if owned:  # the body units (an object and a list per paragraph) serve a rebuild, not this
        reading.units, reading.leading = [], []
    parts = OutputParts(reading.package, template_styles(reading.package.path))
    writer = LosslessWriter(reading, parts, owned)
    stray_headers, stray_footers = _headers_and_footers(writer, posting)
    main = writer.story(reading.package.main)
    body = main.root.find(_BODY)
    if body is None:  # read_docx has already refused such a file
        raise AssertionError("document without body")
    _Body(writer, body).lay_out(stray_headers + body_blocks(posting) + stray_footers)
    changed = writer.drop_unused_links()  # the header and footer .rels that changed
    changed.update(
        (part, story.root)
        for part, story in writer.stories.items()
        if story.changed and part != reading.package.main
    )
    return assemble(reading, parts, main.root, changed)


class _Body:
    def __init__(self, writer: LosslessWriter, body: etree._Element) -> None:
        self.writer, self.body = writer, body
        self.children = list(body)
        self.section = (
            self.children.pop() if self.children and self.children[-1].tag == _SECT else None
        )
        self.index_of = {child: number for number, child in enumerate(self.children)}
        # The ids in each top-level element: a lone id as itself, not in a list of its own (a
        # list per paragraph of a long body is 13 MB on 100,000 paragraphs).
        self.ids_in: dict[int, str | list[str]] = {}
        self.order: dict[str, int] = {}
        for block in body_blocks(writer.reading.posting):
            self.order[block.source_id or ""] = len(self.order)
            located = writer.locate(block.source_id)
            if located is not None and block.source_id:
                top = self.index_of[self._top(located[1])]
                held = self.ids_in.get(top)
                if held is None:
                    self.ids_in[top] = block.source_id
                elif isinstance(held, str):
                    self.ids_in[top] = [held, block.source_id]
                else:
                    held.append(block.source_id)
        self.out: list[etree._Element] = []
        self.cursor = 0
        self.seen: set[str] = set()

    def _top(self, element: etree._Element) -> etree._Element:
        while element.getparent() is not self.body:
            parent = element.getparent()
            if parent is None:
                break
            element = parent
        return element

    def lay_out(self, blocks: list[Block]) -> None:
        story = self.writer.story(self.writer.reading.package.main)
        current = -1
        previous: Block | None = None
        previous_para: etree._Element | None = None
        keep = _kept(blocks, self.order, self.writer.originals)
        for number, block in enumerate(blocks):
            located = None
            if number in keep:
                located = self.writer.locate(block.source_id)
            top = self.index_of.get(self._top(located[1])) if located else None
            if located is not None and top is not None and (top >= self.cursor or top == current):
                if top >= self.cursor:
                    self._flush(self.cursor, top)
                    self.out.append(self.children[top])
                    self.cursor, current = top + 1, top
                self.seen.add(block.source_id or "")
                previous_para = self.writer.update(story, located[1], block)
                if previous_para is not located[1] and self.out[-1] is located[1]:
                    self.out[-1] = previous_para  # a rebuilt top-level paragraph
                previous = block
                continue
            story.changed = True
            para = self.writer.new_paragraph(block, previous, previous_para, story)
            nested = previous_para is not None and previous_para.getparent() is not self.body
            if nested and previous is not None and _same_place(previous, block):
                previous_para.addnext(para)  # type: ignore[union-attr]
            else:
                self.out.append(para)
            previous, previous_para = block, para
        self._flush(self.cursor, len(self.children))
        for top, ids in self.ids_in.items():  # paragraphs deleted inside kept tables, boxes
            for source_id in _listed(ids):
                if source_id not in self.seen and top < self.cursor:
                    located = self.writer.locate(source_id)
                    if located is not None:
                        self.writer.erase(story, located[1])
        if self.out != self.children:
            story.changed = True
        for child in list(self.body):
            self.body.remove(child)
        self.body.extend(self.out)
        if not len(self.body) or not is_paragraph(self.body[-1]):
            etree.SubElement(self.body, w("p"))
        if self.section is not None:
            self.body.append(self.section)

    def _flush(self, start: int, end: int) -> None:
        """Place source elements ``start..end-1``: keep those without text, drop deleted ones."""
        story = self.writer.story(self.writer.reading.package.main)
        for number in range(start, end):
            child = self.children[number]
            ids = self.ids_in.get(number)
            if not ids:
                self.out.append(child)
                continue
            story.changed = True
            if any(True for _ in child.iter(*_PRECIOUS)):
                for source_id in _listed(ids):
                    located = self.writer.locate(source_id)
                    if located is not None:
                        self.writer.erase(story, located[1])
                self.out.append(child)
        self.cursor = max(self.cursor, end)


def _listed(ids: str | list[str]) -> list[str]:
    return [ids] if isinstance(ids, str) else ids


def _kept(blocks: list[Block], order: dict[str, int], originals: dict[str, Block]) -> set[int]:
    """Which blocks keep their source identity: the longest run of them still in source order.

    Text moved (cut and pasted elsewhere) or copied (its block format, and so its id, goes
    along) leaves the other blocks where they were; only the moved or copied blocks are new.
    Of the blocks that share an id (Enter splits a block and Qt gives both halves its format),
    the one closest to the paragraph's text keeps it: pressing Enter at the end of a paragraph
    and typing leaves that paragraph as it was, and the typed line is the new one.
    """
    claimant: dict[str, int] = {}
    for number, block in enumerate(blocks):
        source_id = block.source_id
        if source_id not in order or source_id is None:
            continue
        held = claimant.get(source_id)
        original = originals[source_id].text if source_id in originals else ""
        if held is None or _likeness(block.text, original) > _likeness(blocks[held].text, original):
            claimant[source_id] = number
    claimed = set(claimant.values())
    positions = [(n, order[b.source_id or ""]) for n, b in enumerate(blocks) if n in claimed]
    tails: list[int] = []  # index into positions of the smallest tail of each chain length
    before: list[int] = [-1] * len(positions)
    for k, (_number, position) in enumerate(positions):
        low, high = 0, len(tails)
        while low < high:
            middle = (low + high) // 2
            if positions[tails[middle]][1] < position:
                low = middle + 1
            else:
                high = middle
        before[k] = tails[low - 1] if low else -1
        if low == len(tails):
            tails.append(k)
        else:
            tails[low] = k
    kept: set[int] = set()
    k = tails[-1] if tails else -1
    while k >= 0:
        kept.add(positions[k][0])
        k = before[k]
    return kept


def _likeness(text: str, original: str) -> float:
    if text == original:
        return 2.0
    return difflib.SequenceMatcher(None, text, original, autojunk=False).ratio()


def _same_place(previous: Block, block: Block) -> bool:
    """Does a new block belong in the same container (cell, text box) as the one before it?"""
    if previous.origin is BlockOrigin.TEXTBOX:
        return block.origin is BlockOrigin.TEXTBOX
    return previous.kind is BlockKind.TABLE_CELL and block.kind is BlockKind.TABLE_CELL


def _headers_and_footers(
    writer: LosslessWriter, posting: Posting
) -> tuple[list[Block], list[Block]]:
    """Patch header and footer paragraphs in their parts; blocks with no place there come back
    (to open and close the body), so no typed text is lost."""
    stray_headers: list[Block] = []
    stray_footers: list[Block] = []
    seen: set[str] = set()
    previous: tuple[Block, etree._Element, Story] | None = None
    for block in posting.blocks:
        if block.origin not in (BlockOrigin.HEADER, BlockOrigin.FOOTER):
            previous = None
            continue
        located = writer.locate(block.source_id) if block.source_id not in seen else None
        if located is not None and block.source_id:
            seen.add(block.source_id)
            para = writer.update(located[0], located[1], block)
            previous = (block, para, located[0])
            continue
        if previous is not None and previous[0].origin is block.origin:
            para = writer.new_paragraph(block, previous[0], previous[1], previous[2])
            previous[1].addnext(para)
            previous[2].changed = True
            previous = (block, para, previous[2])
            continue
        target = stray_headers if block.origin is BlockOrigin.HEADER else stray_footers
        target.append(Block(BlockKind.PARAGRAPH, block.runs))
    for source_id, original in writer.originals.items():
        if original.origin in (BlockOrigin.HEADER, BlockOrigin.FOOTER) and source_id not in seen:
            located = writer.locate(source_id)
            if located is not None:
                writer.erase(located[0], located[1])
    return stray_headers, stray_footers
