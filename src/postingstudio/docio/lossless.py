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
  list), else built with the document's own styles, and then given the editor's bold, italic,
  underline and links; the other half of a paragraph split with Enter is a copy of that
  paragraph (without its bookmarks, comment anchors, notes and pictures) patched to its text;
* a source paragraph whose block is gone was deleted by the writer: it is removed (emptied when
  it also holds a section break or a picture, or sits in a table cell);
* header and footer paragraphs are patched in their own parts the same way, their links
  named from their own relationships; a hyperlink relationship no paragraph uses any more
  (the writer deleted the link) is dropped.
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
from .link_patch import PartRels, drop_unused_links, relationship_ids, relink
from .package import MC_NS, R_NS, Relationship, w
from .run_patch import patch_paragraph, text_elements
from .runs import hyperlink_target

_P, _BODY, _SECT = w("p"), w("body"), w("sectPr")
_PRECIOUS = (w("drawing"), w("pict"), w("object"), _SECT)
_MC_ALT, _MC_FALLBACK, _MC_CHOICE = (
    f"{{{MC_NS}}}{n}" for n in ("AlternateContent", "Fallback", "Choice")
)
_STEP = re.compile(r"(\{[^}]*\}[^/\[]+|[^/\[{]+)(?:\[(\d+)\])?")
_NOT_COPIED = (_SECT, w("pPrChange"))
_UNIQUE = tuple(
    w(t)
    for t in (
        "sectPr pPrChange bookmarkStart bookmarkEnd commentRangeStart commentRangeEnd "
        "commentReference footnoteReference endnoteReference permStart permEnd drawing pict object"
    ).split()
)
_REVISION_MARKS = (w("ins"), w("del"), w("rPrChange"), w("moveFrom"), w("moveTo"))


@dataclass
class Story:
    """An editable copy of one part (the main document, a header, a footer)."""

    root: etree._Element
    changed: bool = False
    # Each parent's children by tag, in order: one list per tag, not a key per child (a
    # 100,000-paragraph body took 10 MB of (tag, number) keys).
    _children: dict[etree._Element, dict[str, list[etree._Element]]] = field(default_factory=dict)

    def find(self, path: str) -> etree._Element | None:
        """The element at an lxml element path ("{ns}body/{ns}tbl[2]/..."), walked step by
        step with each parent's children indexed once (``root.find`` is far slower here)."""
        element = self.root
        for tag, number in _STEP.findall(path):
            children = self._children.get(element)
            if children is None:
                children = {}
                for child in element:
                    same = children.get(child.tag)
                    if same is None:
                        children[child.tag] = [child]
                    else:
                        same.append(child)
                self._children[element] = children
            same = children.get(tag)
            index = int(number or 1) - 1
            if same is None or not 0 <= index < len(same):
                return None
            element = same[index]
        return element


class LosslessWriter:
    """Writes edited blocks back into the source's stories (body, headers, footers, text boxes)."""

    def __init__(self, reading: DocxReading, parts: OutputParts, owned: bool = False) -> None:
        self.reading = reading
        self.parts = parts
        # ``owned``: the reading was made for this one save, so its parsed parts are edited in
        # place rather than copied (a copy of a million-paragraph body is another 400 MB); what
        # must be read as it was opened (links, split paragraphs) is taken before or re-parsed.
        self.owned = owned
        self._links_before: dict[str, set[str]] = {}
        self.builder = Builder(parts, exact=True)
        self.stories: dict[str, Story] = {}
        self.originals = {b.source_id: b for b in reading.posting.blocks if b.source_id}
        self._list_nums: dict[tuple[bool, int], str] = {}
        self.part_rels: dict[str, PartRels] = {}
        self._sources: dict[str, Story] = {}  # the parts as opened, for split paragraphs

    def story(self, part: str) -> Story:
        if part not in self.stories:
            source = self.reading.package.xml(part)
            if self.owned:
                self._links_before[part] = relationship_ids(source)
            self.stories[part] = Story(source if self.owned else copy.deepcopy(source))
        return self.stories[part]

    def locate(self, source_id: str | None) -> tuple[Story, etree._Element] | None:
        if not source_id or source_id not in self.originals or "#" not in source_id:
            return None
        part, path = source_id.split(":", 1)[1].split("#", 1)
        if not self.reading.package.has(part):
            return None
        story = self.story(part)
        element = story.find(path)
        return (story, element) if element is not None and element.tag == _P else None

    # ---- one paragraph ---------------------------------------------------------------------

    def update(self, story: Story, para: etree._Element, block: Block) -> etree._Element:
        """Bring a source paragraph in line with its block; the (possibly new) element."""
        original = self.originals[block.source_id or ""]
        if _shape(original) != _shape(block):
            story.changed = True
            return self._replace(para, self.rebuilt(block, para, story))
        if original.text == block.text and _spans(original) == _spans(block):
            return para  # untouched: decided span by span (per character is slow on 50 pages)
        old, new = _looks(original), _looks(block)
        story.changed = True
        # Patched onto the paragraph's own runs, so the properties the editor cannot show
        # (fonts, colours) stay: first the text, then the editor's formatting of it.
        links = self.links(story)
        if _patch(para, original.text, block.text, old, new, links):
            twin = _twin(para)
            if twin is not None:
                _patch(twin, original.text, block.text, old, new, links)
            return para
        return self._replace(para, self.rebuilt(block, para, story))

    def part_of(self, story: Story) -> str:
        return next(name for name, known in self.stories.items() if known is story)

    def links(self, story: Story) -> _PartLinks:
        part = self.part_of(story)
        maker: OutputParts | PartRels = self.parts
        if part != self.reading.package.main:
            maker = self.part_rels.setdefault(part, PartRels(self.reading.package, part))
        return _PartLinks(self.reading.package.rels(part), maker, self.parts)

    def drop_unused_links(self) -> dict[str, etree._Element]:
        """A link the writer deleted takes its relationship with it; the header and footer
        relationship parts that changed, by name."""
        package = self.reading.package
        for part, story in self.stories.items():
            if not story.changed:
                continue
            rels = self.parts.rels_root if part == package.main else None
            if rels is None and part in self.part_rels:
                rels = self.part_rels[part].root
            if rels is None:
                continue
            # Links of the source, and any the builder added meanwhile (those rIdPs ids).
            opened = self._links_before.get(part)
            before = (opened if opened is not None else relationship_ids(package.xml(part))) | {
                rel.get("Id", "") for rel in rels if rel.get("Id", "").startswith("rIdPs")
            }
            if drop_unused_links(rels, before, relationship_ids(story.root)):
                if part == package.main:
                    self.parts.changed.add("rels")
                else:
                    self.part_rels[part].changed = True
        return {rels.name: rels.root for rels in self.part_rels.values() if rels.changed}

    def erase(self, story: Story, para: etree._Element) -> None:
        """A source paragraph the writer deleted, where it has to stay (cell, section break)."""
        story.changed = True
        for child in list(para):
            if child.tag != w("pPr") and not any(True for _ in child.iter(*_PRECIOUS)):
                para.remove(child)

    def rebuilt(
        self, block: Block, prototype: etree._Element | None, story: Story | None = None
    ) -> etree._Element:
        holder = etree.Element("holder")
        num_id = None
        if block.kind is BlockKind.LIST_ITEM:
            key = (block.numbered, block.level)
            num_id = self._list_nums.get(key)
            if num_id is None:
                num_id = self.parts.list_num(block.numbered, block.level, restart=True)
                self._list_nums[key] = num_id
        self.builder.paragraph(holder, block, prototype, num_id)
        part = self.part_of(story) if story is not None else self.reading.package.main
        if part != self.reading.package.main and any(True for _ in holder.iter(w("hyperlink"))):
            rels = self.part_rels.setdefault(part, PartRels(self.reading.package, part))
            relink(holder[0], self.parts.rels_root, rels)
        return holder[0]

    def new_paragraph(
        self,
        block: Block,
        previous: Block | None,
        previous_para: etree._Element | None,
        story: Story,
    ) -> etree._Element:
        """A block typed or inserted in the editor: shaped like its neighbour when it can be,
        then given the editor's bold, italic, underline and links."""
        if block.kind is not BlockKind.LIST_ITEM:
            self._list_nums.clear()
        split = self.split_off(block, story)
        if split is not None:
            return split
        if previous is None or previous_para is None or _shape(previous) != _shape(block):
            return self.rebuilt(block, None, story)
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
            # The run looks like the end of the paragraph before it, outside its links.
            plain = [look for look in _looks(previous) if look[3] is None]
            was = [plain[-1] if plain else _PLAIN] * len(block.text)
            if not patch_formatting(para, block.text, was, _looks(block), self.links(story)):
                return self.rebuilt(block, previous_para, story)
        return para

    def split_off(self, block: Block, story: Story) -> etree._Element | None:
        """A new block that carries a source paragraph's id (the other half of a paragraph split
        with Enter, or a copy): that paragraph as it was opened, without what must stay unique
        (bookmarks, comment anchors, notes, pictures), patched to the block's text and looks."""
        original = self.originals.get(block.source_id or "")
        if (
            original is None
            or _shape(original) != _shape(block)
            or "#" not in (block.source_id or "")
        ):
            return None
        part, path = (block.source_id or "").split(":", 1)[1].split("#", 1)
        if part not in self._sources:
            package = self.reading.package
            self._sources[part] = Story(package.parse(part) if self.owned else package.xml(part))
        found = self._sources[part].find(path)
        if found is None or found.tag != _P:
            return None
        para = copy.deepcopy(found)
        for name in list(para.attrib):
            if name.startswith("{http://schemas.microsoft.com/office/word/"):
                del para.attrib[name]  # w14:paraId and w14:textId name one paragraph only
        for element in list(para.iter(*_UNIQUE)):
            parent = element.getparent()
            if parent is not None:
                parent.remove(element)
        if _patch(
            para, original.text, block.text, _looks(original), _looks(block), self.links(story)
        ):
            return para
        return None

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


def _spans(block: Block) -> list[tuple[tuple[object, ...], int]]:
    """:func:`_looks` as (look, length) spans, neighbours of the same look merged."""
    heading = block.kind is BlockKind.HEADING
    spans: list[tuple[tuple[object, ...], int]] = []
    for run in block.runs:
        if not run.text:
            continue
        look = (run.bold and not heading, run.italic, run.underline and not run.link, run.link)
        if spans and spans[-1][0] == look:
            spans[-1] = (look, spans[-1][1] + len(run.text))
        else:
            spans.append((look, len(run.text)))
    return spans


def _patch(
    para: etree._Element,
    old_text: str,
    new_text: str,
    old: list[tuple[object, ...]],
    new: list[tuple[object, ...]],
    links: _PartLinks,
) -> bool:
    """Text edit, then formatting edit, on the paragraph's own runs; False if either cannot."""
    if old_text != new_text:
        placed = patch_paragraph(para, old_text, new_text)
        if placed is None:
            return False
        old = [old[k] if k >= 0 else _PLAIN for k in placed]  # how the new text looks now
    return old == new or patch_formatting(para, new_text, old, new, links)


_PLAIN: tuple[object, ...] = (False, False, False, None)


class _PartLinks:
    """Hyperlinks of one part: where an existing one points, and how to make a new one (in
    that part's own relationships)."""

    def __init__(
        self, rels: dict[str, Relationship], maker: OutputParts | PartRels, parts: OutputParts
    ) -> None:
        self.rels, self.maker, self.parts = rels, maker, parts

    @property
    def run_style(self) -> str | None:
        # Asked only when a run enters a link: asking may copy the style in from the template.
        return self.parts.style_id("Hyperlink", "character")

    def target(self, hyperlink: etree._Element) -> str | None:
        return hyperlink_target(hyperlink, self.rels)

    def attributes(self, link: str) -> dict[str, str] | None:
        if link.startswith("#"):
            return {w("anchor"): link[1:]}
        return {f"{{{R_NS}}}id": self.maker.link_rel(link)}


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
    """The properties of the paragraph's last run of text outside a link."""
    runs = [
        r
        for r in para.iter(w("r"))
        if r.find(w("t")) is not None
        and not any(a.tag == w("hyperlink") for a in r.iterancestors())
    ]
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
