"""Save the editor's blocks into the source package they were read from, losing nothing.

Every block read from a .docx carries the ``source_id`` of its paragraph (``part#path``). The
save works on a copy of the source package kept since the file was opened:

* a paragraph whose block comes back with the same text and kind is left exactly as it was
  (its XML is the source's, byte for byte once serialised); body elements that produced no
  block (empty spacer paragraphs, section breaks, pictures) stay where they were;
* a paragraph whose text changed is patched in place (:mod:`.run_patch`): only the runs the
  edit touched change, and new words take the formatting of the text around them;
* a paragraph whose text is the same but whose bold, italic or underline changed has its runs
  split where the look changes and only those toggles set (:mod:`.format_patch`), so fonts,
  colours and sizes stay; a changed link still rebuilds it;
* a block that changed kind (a paragraph made a heading) is rebuilt with its old paragraph as
  prototype; a block without identity (typed, pasted, inserted) is a new paragraph, shaped like
  the block before it when that one is of the same kind (so a new list item continues its
  list), else built with the document's own styles;
* a source paragraph whose block is gone was deleted by the writer: it is removed (emptied when
  it also holds a section break or a picture, or sits in a table cell);
* header and footer paragraphs are patched in their own parts the same way.
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass, field

from lxml import etree

from postingstudio.core.model import Block, BlockKind, BlockOrigin, Posting

from .docx_build import Builder
from .docx_parts import OutputParts
from .docx_reader import DocxReading
from .format_patch import patch_formatting
from .package import MC_NS, w
from .run_patch import patch_paragraph, text_elements

_P, _BODY, _SECT = w("p"), w("body"), w("sectPr")
_PRECIOUS = (w("drawing"), w("pict"), w("object"), _SECT)
_MC_ALT, _MC_FALLBACK, _MC_CHOICE = (
    f"{{{MC_NS}}}{n}" for n in ("AlternateContent", "Fallback", "Choice")
)
_STEP = re.compile(r"(\{[^}]*\}[^/\[]+|[^/\[{]+)(?:\[(\d+)\])?")
_NOT_COPIED = (_SECT, w("pPrChange"))
_REVISION_MARKS = (w("ins"), w("del"), w("rPrChange"), w("moveFrom"), w("moveTo"))


@dataclass
class _Story:
    """An editable copy of one part (the main document, a header, a footer)."""

    root: etree._Element
    changed: bool = False
    _children: dict[etree._Element, dict[tuple[str, int], etree._Element]] = field(
        default_factory=dict
    )

    def find(self, path: str) -> etree._Element | None:
        """The element at an lxml element path ("{ns}body/{ns}tbl[2]/..."), walked step by
        step with each parent's children indexed once (``root.find`` is far slower here)."""
        element = self.root
        for tag, number in _STEP.findall(path):
            children = self._children.get(element)
            if children is None:
                children = {}
                counts: dict[str, int] = {}
                for child in element:
                    counts[child.tag] = counts.get(child.tag, 0) + 1
                    children[(child.tag, counts[child.tag])] = child
                self._children[element] = children
            found = children.get((tag, int(number or 1)))
            if found is None:
                return None
            element = found
        return element


class LosslessWriter:
    """Writes edited blocks back into the source's stories (body, headers, footers, text boxes)."""

    def __init__(self, reading: DocxReading, parts: OutputParts) -> None:
        self.reading = reading
        self.parts = parts
        self.builder = Builder(parts, exact=True)
        self.stories: dict[str, _Story] = {}
        self.originals = {b.source_id: b for b in reading.posting.blocks if b.source_id}
        self._list_nums: dict[tuple[bool, int], str] = {}

    def story(self, part: str) -> _Story:
        if part not in self.stories:
            self.stories[part] = _Story(copy.deepcopy(self.reading.package.xml(part)))
        return self.stories[part]

    def locate(self, source_id: str | None) -> tuple[_Story, etree._Element] | None:
        if not source_id or source_id not in self.originals or "#" not in source_id:
            return None
        part, path = source_id.split(":", 1)[1].split("#", 1)
        if not self.reading.package.has(part):
            return None
        story = self.story(part)
        element = story.find(path)
        return (story, element) if element is not None and element.tag == _P else None

    # ---- one paragraph ---------------------------------------------------------------------

    def update(self, story: _Story, para: etree._Element, block: Block) -> etree._Element:
        """Bring a source paragraph in line with its block; the (possibly new) element."""
        original = self.originals[block.source_id or ""]
        if _shape(original) != _shape(block):
            story.changed = True
            return self._replace(para, self.rebuilt(block, para))
        if original.text == block.text:
            if _looks(original) == _looks(block):
                return para
            # The writer changed only formatting: patched onto the paragraph's own runs, so
            # the properties the editor cannot show (fonts, colours) stay; a link is rebuilt.
            story.changed = True
            old, new = _looks(original), _looks(block)
            if patch_formatting(para, block.text, old, new):
                twin = _twin(para)
                if twin is not None:
                    patch_formatting(twin, block.text, old, new)
                return para
            return self._replace(para, self.rebuilt(block, para))
        story.changed = True
        if patch_paragraph(para, original.text, block.text):
            twin = _twin(para)
            if twin is not None:
                patch_paragraph(twin, original.text, block.text)
            return para
        return self._replace(para, self.rebuilt(block, para))

    def erase(self, story: _Story, para: etree._Element) -> None:
        """A source paragraph the writer deleted, where it has to stay (cell, section break)."""
        story.changed = True
        for child in list(para):
            if child.tag != w("pPr") and not any(True for _ in child.iter(*_PRECIOUS)):
                para.remove(child)

    def rebuilt(self, block: Block, prototype: etree._Element | None) -> etree._Element:
        holder = etree.Element("holder")
        num_id = None
        if block.kind is BlockKind.LIST_ITEM:
            key = (block.numbered, block.level)
            num_id = self._list_nums.get(key)
            if num_id is None:
                num_id = self.parts.list_num(block.numbered, block.level, restart=True)
                self._list_nums[key] = num_id
        self.builder.paragraph(holder, block, prototype, num_id)
        return holder[0]

    def new_paragraph(
        self, block: Block, previous: Block | None, previous_para: etree._Element | None
    ) -> etree._Element:
        """A block typed or inserted in the editor: shaped like its neighbour when it can be."""
        if block.kind is not BlockKind.LIST_ITEM:
            self._list_nums.clear()
        if previous is None or previous_para is None or _shape(previous) != _shape(block):
            return self.rebuilt(block, None)
        para = etree.Element(_P)
        ppr = previous_para.find(w("pPr"))
        if ppr is not None:
            ppr = copy.deepcopy(ppr)
            for child in list(ppr):
                if child.tag in _NOT_COPIED:
                    ppr.remove(child)
            para.append(ppr)
        if block.text:
            run = etree.SubElement(para, w("r"))
            rpr = _last_text_rpr(previous_para)
            if rpr is not None and len(rpr):
                run.append(rpr)
            run.extend(text_elements(block.text))
        return para

    @staticmethod
    def _replace(old: etree._Element, new: etree._Element) -> etree._Element:
        parent = old.getparent()
        if parent is not None:
            parent.replace(old, new)
        return new


def _shape(block: Block) -> tuple[object, ...]:
    level = min(block.level, 6) if block.kind is BlockKind.HEADING else block.level
    numbered = block.numbered if block.kind is BlockKind.LIST_ITEM else False
    return (block.kind, level, numbered, block.origin is BlockOrigin.TEXTBOX)


def _looks(block: Block) -> list[tuple[object, ...]]:
    """Per-character formatting as the editor can change it. A heading's bold is its look in
    the editor (not kept per run), and a link's underline is the link's, so neither counts."""
    heading = block.kind is BlockKind.HEADING
    return [
        (run.bold and not heading, run.italic, run.underline and not run.link, run.link)
        for run in block.runs
        for _ in run.text
    ]


def _twin(para: etree._Element) -> etree._Element | None:
    """The same text-box paragraph in the other branch of an ``mc:AlternateContent``."""
    fallback = next((a for a in para.iterancestors(_MC_FALLBACK)), None)
    if fallback is None:
        return None
    alternate = fallback.getparent()
    choice = alternate.find(_MC_CHOICE) if alternate is not None else None
    if choice is None:
        return None
    index = list(fallback.iter(_P)).index(para)
    mirrored = list(choice.iter(_P))
    return mirrored[index] if index < len(mirrored) else None


def _last_text_rpr(para: etree._Element) -> etree._Element | None:
    runs = [r for r in para.iter(w("r")) if r.find(w("t")) is not None]
    if not runs or runs[-1].find(w("rPr")) is None:
        return None
    rpr = copy.deepcopy(runs[-1].find(w("rPr")))
    for child in list(rpr):
        if child.tag in _REVISION_MARKS or child.tag == w("vanish"):
            rpr.remove(child)
    return rpr


def body_blocks(posting: Posting) -> list[Block]:
    """The blocks that belong in the main story: body paragraphs and text boxes."""
    return [b for b in posting.blocks if b.origin in (BlockOrigin.BODY, BlockOrigin.TEXTBOX)]
