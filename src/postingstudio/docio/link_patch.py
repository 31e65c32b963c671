"""Move a paragraph's runs into and out of hyperlinks, as the editor's links say.

After :mod:`.format_patch` has split the runs where the look changes, every run whose link
changed is moved: out of its ``w:hyperlink`` (split in two when the run sat in its middle, so
the rest of the link keeps its relationship), into the link next to it when that one points at
the same place, or into a new ``w:hyperlink``. A run leaving a link takes the run properties
of the nearest text outside links (so the word typed after a link looks like the text around
it, not like the link); a run entering one gets the document's "Hyperlink" character style.
A link that lost all its text is removed; :func:`drop_unused_links` then removes the
relationships nothing refers to any more, so no deleted link leaves one behind. A header or
footer names its links from its own relationships (:class:`PartRels`).
"""

from __future__ import annotations

import copy
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Protocol

from lxml import etree

from .docx_build import _RPR_ORDER, insert_ordered, restyle
from .package import PR_NS, R_NS, REL_HYPERLINK, Package, rels_name_for, w
from .run_patch import text_atoms, unwrap

_R, _RPR, _HYPERLINK = w("r"), w("rPr"), w("hyperlink")
_REVISION_MARKS = {w(t) for t in ("ins", "del", "rPrChange", "moveFrom", "moveTo")}

Look = tuple[object, ...]  # (bold, italic, underline, link) of one character


class Links(Protocol):
    """What the patch needs to know about one part's hyperlinks."""

    @property
    def run_style(self) -> str | None:
        """The "Hyperlink" character style's id, if the document has one."""

    def target(self, hyperlink: etree._Element) -> str | None: ...

    def attributes(self, link: str) -> dict[str, str] | None:
        """The attributes of a new ``w:hyperlink`` to ``link``; None if this part cannot."""


@dataclass
class _Move:
    run: etree._Element
    start: int
    old: object
    new: object
    atoms: list[int] = field(default_factory=list)


def can_move(para: etree._Element, old: list[Look], new: list[Look], links: Links | None) -> bool:
    """Can every changed link be moved by :func:`move_links`? (Checked before any change.)"""
    atoms = [a for a in text_atoms(para) if a.text]
    start = 0
    for atom in atoms:
        end = start + len(atom.text)
        for before, after in zip(old[start:end], new[start:end], strict=True):
            if before[3] == after[3]:
                continue
            run = atom.element.getparent()
            if links is None or run is None or run.tag != _R:
                return False
            if before[3] is not None and _hyperlink_of(run, para) is None:
                return False  # a HYPERLINK field: its runs are not inside a w:hyperlink
            if after[3] is not None and links.attributes(str(after[3])) is None:
                return False
        start = end
    return True


def move_links(para: etree._Element, old: list[Look], new: list[Look], links: Links) -> None:
    """Runs whose link changed go where ``new`` says; each such run has one look throughout."""
    atoms = [a for a in text_atoms(para) if a.text]
    position: dict[etree._Element, int] = {}
    moves: list[_Move] = []
    start = 0
    for atom in atoms:
        run = atom.element.getparent()
        if run is not None:
            position.setdefault(run, start)
            if old[start][3] != new[start][3] and (not moves or moves[-1].run is not run):
                moves.append(_Move(run, start, old[start][3], new[start][3]))
        start += len(atom.text)
    for move in moves:
        if move.old is not None:
            _leave(move.run, para, position, new, links)
        if move.new is not None:
            _enter(move.run, str(move.new), links)


def _hyperlink_of(run: etree._Element, para: etree._Element) -> etree._Element | None:
    parent = run.getparent()
    return (
        parent if parent is not None and parent.tag == _HYPERLINK and parent is not para else None
    )


def _leave(
    run: etree._Element,
    para: etree._Element,
    position: dict[etree._Element, int],
    new: list[Look],
    links: Links,
) -> None:
    hyperlink = _hyperlink_of(run, para)
    if hyperlink is None:
        return
    after = list(hyperlink)[list(hyperlink).index(run) + 1 :]
    hyperlink.addnext(run)
    if after:
        rest = hyperlink.makeelement(_HYPERLINK, dict(hyperlink.attrib))
        rest.extend(after)
        run.addnext(rest)
    if not any(True for _ in hyperlink.iter(_R)):
        unwrap(hyperlink)
    neighbour = _plain_neighbour(run, para, position)
    rpr = run.find(_RPR)
    if rpr is not None:
        run.remove(rpr)
    if neighbour is not None:
        source = neighbour.find(_RPR)
        if source is not None:
            copied = copy.deepcopy(source)
            for mark in list(copied):
                if mark.tag in _REVISION_MARKS:
                    copied.remove(mark)
            run.insert(0, copied)
        restyle(run, new[position[neighbour]], new[position[run]])
    elif rpr is not None:
        for style in rpr.findall(w("rStyle")):
            if style.get(w("val")) == links.run_style:
                rpr.remove(style)
        if len(rpr):
            run.insert(0, rpr)


def _plain_neighbour(
    run: etree._Element, para: etree._Element, position: dict[etree._Element, int]
) -> etree._Element | None:
    """The nearest run with text outside any link: before ``run`` if there is one, else after."""
    runs = [r for r in para.iter(_R) if r in position]
    index = runs.index(run) if run in runs else -1
    if index < 0:
        return None
    for candidate in (*reversed(runs[:index]), *runs[index + 1 :]):
        if not any(a.tag == _HYPERLINK for a in candidate.iterancestors()):
            return candidate
    return None


def _enter(run: etree._Element, link: str, links: Links) -> None:
    attributes = links.attributes(link)
    if attributes is None:  # can_move said it could: never happens
        return

    def same(element: etree._Element | None) -> bool:
        return (
            element is not None
            and element.tag == _HYPERLINK
            and (links.target(element) == link or dict(element.attrib) == attributes)
        )

    previous, following = run.getprevious(), run.getnext()
    if same(previous):
        previous.append(run)
    elif same(following):
        following.insert(0, run)
    else:
        hyperlink = run.makeelement(_HYPERLINK, attributes)
        run.addprevious(hyperlink)
        hyperlink.append(run)
    style = links.run_style
    if style:
        rpr = run.find(_RPR)
        if rpr is None:
            rpr = run.makeelement(_RPR, {})
            run.insert(0, rpr)
        for style in rpr.findall(w("rStyle")):
            rpr.remove(style)
        insert_ordered(rpr, rpr.makeelement(w("rStyle"), {w("val"): style}), _RPR_ORDER)


def relationship_ids(root: etree._Element) -> set[str]:
    """Every relationship id a part's XML refers to (links, pictures, headers, ...)."""
    found: set[str] = set()
    for element in root.iter():
        for name, value in element.attrib.items():
            if name.startswith(f"{{{R_NS}}}"):
                found.add(value)
    return found


def drop_unused_links(rels_root: etree._Element, before: Iterable[str], now: set[str]) -> bool:
    """Remove the hyperlink relationships the part used ``before`` and no longer uses ``now``
    (a link the writer deleted); True if any went. Others, even unused ones, stay as they were."""
    gone = set(before) - now
    removed = False
    for rel in list(rels_root.iter(f"{{{PR_NS}}}Relationship")):
        if rel.get("Type") == REL_HYPERLINK and rel.get("Id") in gone:
            rels_root.remove(rel)
            removed = True
    return removed


class PartRels:
    """The relationships of a header or footer part, copied once a link there needs one: a
    header's ``w:hyperlink`` must name an id from the header's own ``.rels``, not the body's."""

    def __init__(self, package: Package, part: str) -> None:
        self.name = rels_name_for(part)
        self.source = package.xml(self.name) if package.has(self.name) else None
        self.root = (
            copy.deepcopy(self.source)
            if self.source is not None
            else etree.Element(f"{{{PR_NS}}}Relationships", nsmap={None: PR_NS})
        )
        self.changed = False

    def link_rel(self, url: str) -> str:
        rels = list(self.root.iter(f"{{{PR_NS}}}Relationship"))
        for rel in rels:
            if (
                rel.get("Type") == REL_HYPERLINK
                and rel.get("TargetMode") == "External"
                and rel.get("Target") == url
            ):
                return rel.get("Id", "")
        used = {rel.get("Id") for rel in rels}
        number = len(used) + 1
        while f"rIdPs{number}" in used:
            number += 1
        etree.SubElement(
            self.root,
            f"{{{PR_NS}}}Relationship",
            Id=f"rIdPs{number}",
            Type=REL_HYPERLINK,
            Target=url,
            TargetMode="External",
        )
        self.changed = True
        return f"rIdPs{number}"


def relink(para: etree._Element, main_rels: etree._Element, rels: PartRels) -> None:
    """A header paragraph rebuilt by the builder names the body's link ids: give each link the
    header's own relationship to the same address."""
    known = {rel.get("Id") for rel in rels.root.iter(f"{{{PR_NS}}}Relationship")}
    targets = {
        rel.get("Id"): rel.get("Target", "")
        for rel in main_rels.iter(f"{{{PR_NS}}}Relationship")
        if rel.get("Type") == REL_HYPERLINK
    }
    for hyperlink in para.iter(_HYPERLINK):
        rel_id = hyperlink.get(f"{{{R_NS}}}id")
        if rel_id and rel_id not in known and rel_id in targets:
            hyperlink.set(f"{{{R_NS}}}id", rels.link_rel(targets[rel_id]))
