"""Write a :class:`Posting` into a copy of a .docx: the source document, or the shipped template.

A posting read from its own .docx (its blocks carry ``source_id``) is saved by identity into
the source package (:mod:`.docx_save`): that is the path of Save, Save As .docx and the CLI.
What follows describes the other path: a posting without ids (text, HTML, another template).

Everything outside the body (styles, fonts, theme, headers and footers, page setup, images that
live there, settings) is copied byte for byte. The body is rebuilt from the blocks:

* the posting's body blocks are aligned with the source's (``difflib`` over whole blocks); a
  source element whose blocks all come back unchanged and in one piece is copied verbatim, so
  an untouched document exports with its exact formatting, bookmarks and pictures;
* every other block is built fresh with the document's own style names and numbering, taking
  the paragraph it replaces (if any, and of the same kind) as a prototype for spacing and fonts;
* header and footer blocks are never written into the body of their own source (they are
  still in their parts); exported into another document they open and close its body instead,
  so no text is lost;
* a macro-enabled source exported to .docx loses its macros (Word refuses a .docx with them).
"""

from __future__ import annotations

import copy
import difflib
import logging
import os
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import overload

from lxml import etree

from postingstudio.core.model import Block, BlockKind, BlockOrigin, Posting

from . import package as pkg
from .docx_build import Builder
from .docx_package_out import BodySpill, assemble, default_template, template_styles
from .docx_parts import OutputParts
from .docx_reader import DocxReading, read_docx
from .empty_paragraphs import is_paragraph
from .layout import table_tree
from .package import w

log = logging.getLogger(__name__)

_TXBX = w("txbxContent")
_PRECIOUS = (w("drawing"), w("pict"), w("object"), w("sectPr"))
_DEFAULT_WIDTH = 9360  # twips: 6.5 inches of text width


def choose_base(posting: Posting, template: str | os.PathLike[str] | None) -> tuple[str, bool]:
    """(path of the .docx to copy, whether it is the posting's own source)."""
    if template is not None:
        base = os.fspath(template)
        return base, _same_file(base, posting.source_path)
    source = posting.source_path
    if (
        source
        and Path(source).suffix.lower() in (".docx", ".docm", ".dotx", ".dotm")
        and os.path.isfile(source)
    ):
        return source, True
    return os.fspath(default_template()), False


def _same_file(a: str, b: str | None) -> bool:
    if not b:
        return False
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


@dataclass(slots=True)
class _Step:
    kind: str  # "unit", "fresh", "fillers"
    unit: int = -1
    block: Block | None = None
    proto: int = -1  # unit index whose element is the prototype
    precious_only: bool = False


class _FreshSteps(Sequence[_Step]):
    """Every block built fresh without a prototype, the plan when there is nothing to reuse
    (text, HTML, a template), made step by step as it is read: a 200,000-line list held
    200,000 steps, and aligning it with nothing in difflib built a dict of every block."""

    def __init__(self, blocks: list[Block]) -> None:
        self._blocks = blocks

    def __len__(self) -> int:
        return len(self._blocks)

    @overload
    def __getitem__(self, index: int) -> _Step: ...
    @overload
    def __getitem__(self, index: slice) -> list[_Step]: ...
    def __getitem__(self, index: int | slice) -> _Step | list[_Step]:
        if isinstance(index, slice):
            return [_Step("fresh", block=block) for block in self._blocks[index]]
        return _Step("fresh", block=self._blocks[index])


def build_docx(
    posting: Posting,
    *,
    template: str | os.PathLike[str] | None = None,
    reuse: bool = True,
    source: DocxReading | None = None,
) -> bytes:
    """The bytes of a .docx holding ``posting``; ``reuse=False`` rebuilds every block (tests).

    ``source``: the reading of the posting's own .docx, kept since it was opened; the posting's
    blocks are then saved into it by identity (:mod:`.docx_save`) and nothing is re-read. A
    posting whose blocks carry source ids but comes without one (the CLI) reads its source now.
    """
    if source is not None and (
        template is None or _same_file(os.fspath(template), source.package.path)
    ):
        from .docx_save import save_into_source

        return save_into_source(posting, source)
    base_path, is_source = choose_base(posting, template)
    reading = read_docx(base_path, pkg.read_bytes(base_path))
    if reuse and is_source and any(b.source_id for b in posting.blocks):
        from .docx_save import save_into_source

        return save_into_source(posting, reading, owned=True)  # read for this save alone
    parts = OutputParts(reading.package, template_styles(base_path))
    root = copy.deepcopy(reading.package.xml(reading.package.main))
    body = root.find(w("body"))
    if body is None:  # read_docx has already refused such a file
        raise AssertionError("document without body")
    section = body[-1] if len(body) and body[-1].tag == w("sectPr") else None
    for child in list(body):
        body.remove(child)
    if is_source:  # header and footer text is still in its own parts: never copy it into the body
        blocks = [b for b in posting.blocks if b.origin in (BlockOrigin.BODY, BlockOrigin.TEXTBOX)]
    else:  # another document's header/footer has nowhere else to go; keep the words
        blocks = [
            b if b.origin is BlockOrigin.BODY else replace(b, origin=BlockOrigin.BODY)
            for b in posting.blocks
        ]
    steps = _plan(reading, blocks, reuse=reuse and is_source)
    if reuse and is_source:
        for element in reading.leading:
            body.append(copy.deepcopy(element))
    spill = BodySpill(body)
    _emit(body, steps, reading, Builder(parts, exact=is_source), _text_width(section), spill)
    if len(body) == 0 or not is_paragraph(body[-1]):
        etree.SubElement(body, w("p"))
    if section is not None:
        body.append(section)
    return assemble(reading, parts, root, spill=spill)


def _plan(reading: DocxReading, blocks: list[Block], reuse: bool) -> Sequence[_Step]:
    units = reading.units
    flat = (
        [(index, block) for index, unit in enumerate(units) for block in unit.blocks]
        if reuse
        else []
    )
    if not flat:  # nothing to align with: difflib would say "insert everything"
        return _FreshSteps(blocks)
    owners = [index for index, _ in flat]
    first = {u: owners.index(u) for u in set(owners)}
    last = {u: len(owners) - 1 - owners[::-1].index(u) for u in set(owners)}
    matcher = difflib.SequenceMatcher(None, [b for _, b in flat], blocks, autojunk=False)
    steps: list[_Step] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            i, j = i1, j1
            while i < i2:
                unit = owners[i]
                if first[unit] == i and last[unit] < i2:
                    steps.append(_Step("unit", unit))
                    span = last[unit] - i + 1
                    i, j = i + span, j + span
                    continue
                steps.append(_Step("fresh", block=blocks[j], proto=unit))
                if last[unit] == i:
                    steps.append(_Step("fillers", unit))
                i, j = i + 1, j + 1
            continue
        paired = min(i2 - i1, j2 - j1) if tag == "replace" else 0
        for k in range(j2 - j1):
            proto = -1
            if k < paired and _same_kind(flat[i1 + k][1], blocks[j1 + k]):
                proto = owners[i1 + k]
            steps.append(_Step("fresh", block=blocks[j1 + k], proto=proto))
        for i in range(i1, i2):
            if last[owners[i]] == i:
                steps.append(_Step("fillers", owners[i], precious_only=i - i1 >= paired))
    return steps


def _same_kind(a: Block, b: Block) -> bool:
    return a.kind is b.kind and a.numbered == b.numbered and a.origin is b.origin


def _emit(
    body: etree._Element,
    steps: Sequence[_Step],
    reading: DocxReading,
    builder: Builder,
    width: int,
    spill: BodySpill,
) -> None:
    units = reading.units
    used_protos: set[int] = set()
    previous: Block | None = None
    last_num: dict[tuple[bool, int], str] = {}
    carried = False  # did the last paragraph written carry its text boxes along?
    index = 0
    while index < len(steps):
        spill.maybe_take()
        step = steps[index]
        if step.kind == "unit":
            unit = units[step.unit]
            carried = True
            body.append(copy.deepcopy(unit.element))
            for filler in unit.fillers:
                body.append(copy.deepcopy(filler))
            previous = unit.blocks[-1]
            last_num = _list_state(unit.element, reading, previous) or last_num
        elif step.kind == "fillers":
            for filler in units[step.unit].fillers:
                if not step.precious_only or any(True for _ in filler.iter(*_PRECIOUS)):
                    body.append(copy.deepcopy(filler))
        else:
            block = step.block
            assert block is not None
            if block.origin is BlockOrigin.TEXTBOX:
                if not carried:  # the box went with its anchor: keep its text as a paragraph
                    builder.paragraph(body, replace(block, origin=BlockOrigin.BODY))
                index += 1
                continue
            if block.kind is BlockKind.TABLE_CELL and block.cell is not None:
                end = index
                while (
                    end < len(steps)
                    and steps[end].kind == "fresh"
                    and steps[end].block is not None
                    and steps[end].block.kind is BlockKind.TABLE_CELL  # type: ignore[union-attr]
                    and steps[end].block.cell is not None  # type: ignore[union-attr]
                ):
                    end += 1
                _tables(body, steps[index:end], units, builder, width)
                previous = block
                index = end
                continue
            proto = None
            if step.proto >= 0 and step.proto not in used_protos:
                candidate = units[step.proto].element
                if candidate.tag == w("p"):
                    proto = candidate
                    used_protos.add(step.proto)
            num_id = None
            if block.kind is BlockKind.LIST_ITEM:
                restart = previous is None or previous.kind is not BlockKind.LIST_ITEM
                if restart:
                    last_num = {}
                key = (block.numbered, block.level)
                num_id = last_num.get(key) or builder.parts.list_num(
                    block.numbered, block.level, restart=restart or not last_num
                )
                last_num[key] = num_id
            builder.paragraph(body, block, proto, num_id)
            carried = proto is not None and any(True for _ in proto.iter(_TXBX))
            previous = block
        index += 1


def _list_state(
    element: etree._Element, reading: DocxReading, block: Block
) -> dict[tuple[bool, int], str] | None:
    """After a copied list paragraph, let new items join its list (same numId)."""
    if block.kind is not BlockKind.LIST_ITEM or element.tag != w("p"):
        return {} if block.kind is not BlockKind.LIST_ITEM else None
    num = element.find(f"{w('pPr')}/{w('numPr')}/{w('numId')}")
    if num is None:
        return None
    return {(block.numbered, block.level): num.get(w("val"), "")}


def _tables(
    body: etree._Element, steps: Sequence[_Step], units: list, builder: Builder, width: int
) -> None:
    sources: dict[int, etree._Element] = {}
    cells: list[Block] = []
    for step in steps:
        block = step.block
        assert block is not None and block.cell is not None
        cells.append(block)
        if step.proto >= 0 and units[step.proto].element.tag == w("tbl"):
            sources.setdefault(block.cell[0], units[step.proto].element)
    for spec in table_tree(cells):
        if spec.rows * spec.cols > 200_000 or spec.cols > 63:
            for cell in spec.blocks():  # absurd shapes: keep the text, drop the grid
                builder.paragraph(body, Block(BlockKind.PARAGRAPH, cell.runs, style=cell.style))
            continue
        builder.table(body, spec, sources, width)


def _text_width(section: etree._Element | None) -> int:
    if section is None:
        return _DEFAULT_WIDTH
    size, margins = section.find(w("pgSz")), section.find(w("pgMar"))
    try:
        width = int(size.get(w("w"))) if size is not None else 12240
        left = int(margins.get(w("left"), "1440")) if margins is not None else 1440
        right = int(margins.get(w("right"), "1440")) if margins is not None else 1440
    except (TypeError, ValueError):
        return _DEFAULT_WIDTH
    return max(width - left - right, 1440)
