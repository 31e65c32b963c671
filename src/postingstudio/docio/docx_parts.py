"""The parts an export changes besides the body: styles, numbering, relationships, content types.

:class:`OutputParts` holds editable copies of those parts of the output package and answers the
builder's needs: "the id of a heading-2 style" (copied in from the shipped template when the
document lacks it), "a relationship id for this URL", "a numId for a new numbered list at level
1" (reusing the document's own bullet and number definitions where they fit, adding a clean
definition where none does, and restarting each new numbered list at 1).
"""

from __future__ import annotations

import copy
import logging
import posixpath

from lxml import etree

from . import package as pkg
from .package import CT_NS, PR_NS, Package, w
from .styles import Numbering, StyleTable

log = logging.getLogger(__name__)

_BULLETS = ("•", "◦", "▪")


def _fmt_kind(fmt: str | None) -> str | None:
    if fmt is None or fmt == "none":
        return None
    return "bullet" if fmt == "bullet" else "number"


class OutputParts:
    """The relationships, styles and numbering of the package being
    written, which new blocks add to."""

    def __init__(self, package: Package, template_styles: etree._Element | None) -> None:
        self.package = package
        self.main = package.main
        self.rels_root = _copy_or_new(
            package, pkg.rels_name_for(package.main), f"{{{PR_NS}}}Relationships"
        )
        rels = package.rels(package.main)
        styles_part = next(
            (
                r.target
                for r in rels.values()
                if r.rel_type == pkg.REL_STYLES and package.has(r.target)
            ),
            None,
        )
        numbering_part = next(
            (
                r.target
                for r in rels.values()
                if r.rel_type == pkg.REL_NUMBERING and package.has(r.target)
            ),
            None,
        )
        self.styles_part = styles_part
        self.styles_root = copy.deepcopy(package.xml(styles_part)) if styles_part else None
        self.numbering_part = numbering_part
        self.numbering_root = copy.deepcopy(package.xml(numbering_part)) if numbering_part else None
        self.template_styles = template_styles
        self.changed: set[str] = set()
        self.new_numbering = False
        self._refresh()
        self._links: dict[str, str] = {}
        for rel in self.rels_root.iter(f"{{{PR_NS}}}Relationship"):
            if rel.get("Type") == pkg.REL_HYPERLINK and rel.get("TargetMode") == "External":
                self._links.setdefault(rel.get("Target", ""), rel.get("Id", ""))
        self._abstract_cache: dict[tuple[str, int], str] = {}
        self._bullet_num: dict[str, str] = {}

    def _refresh(self) -> None:
        self.styles = StyleTable(self.styles_root)
        self.numbering = Numbering(self.numbering_root, self.styles)

    # ---- styles ----------------------------------------------------------------------------

    def style_id(self, name: str | None, kind: str = "paragraph") -> str | None:
        """Id of the named style, copied from the shipped template if the document lacks it."""
        found = self.styles.id_for(name, kind)
        if (
            found is not None
            or not name
            or self.styles_root is None
            or self.template_styles is None
        ):
            return found
        template = StyleTable(self.template_styles)
        template_id = template.id_for(name, kind)
        if template_id is None:
            return None
        self._copy_style(template_id, depth=0)
        self.changed.add("styles")
        self._refresh()
        return self.styles.id_for(name, kind)

    def _copy_style(self, style_id: str, depth: int) -> None:
        if depth > 8 or style_id in self.styles.styles:
            return
        assert self.template_styles is not None and self.styles_root is not None
        for style in self.template_styles.iter(w("style")):
            if style.get(w("styleId")) != style_id:
                continue
            clone = copy.deepcopy(style)
            for flag in (w("default"), w("customStyle")):
                clone.attrib.pop(flag, None)  # the document keeps its own defaults
            for drop in (w("link"), w("next")):
                for element in clone.findall(drop):
                    clone.remove(element)
            ppr = clone.find(w("pPr"))
            if ppr is not None:
                for element in ppr.findall(w("numPr")):
                    ppr.remove(element)  # the template's numbering ids mean nothing here
            self.styles_root.append(clone)
            self.styles = StyleTable(self.styles_root)
            based = clone.find(w("basedOn"))
            if based is not None:
                self._copy_style(based.get(w("val"), ""), depth + 1)
            return

    # ---- hyperlinks --------------------------------------------------------------------------

    def link_rel(self, url: str) -> str:
        existing = self._links.get(url)
        if existing:
            return existing
        used = {rel.get("Id") for rel in self.rels_root.iter(f"{{{PR_NS}}}Relationship")}
        number = len(used) + 1
        while f"rIdPs{number}" in used:
            number += 1
        rel_id = f"rIdPs{number}"
        etree.SubElement(
            self.rels_root,
            f"{{{PR_NS}}}Relationship",
            Id=rel_id,
            Type=pkg.REL_HYPERLINK,
            Target=url,
            TargetMode="External",
        )
        self._links[url] = rel_id
        self.changed.add("rels")
        return rel_id

    # ---- numbering ---------------------------------------------------------------------------

    def list_num(self, numbered: bool, level: int, restart: bool) -> str:
        """A numId whose ``level`` shows a number (or a bullet); a fresh one per numbered list."""
        kind = "number" if numbered else "bullet"
        abstract_id = self._abstract_for(kind, level)
        if kind == "bullet" or not restart:
            cached = self._bullet_num.get(f"{kind}:{abstract_id}")
            if cached:
                return cached
        num_id = self._add_num(abstract_id, restart=kind == "number")
        self._bullet_num[f"{kind}:{abstract_id}"] = num_id
        return num_id

    def _ensure_numbering(self) -> etree._Element:
        if self.numbering_root is None:
            self.numbering_root = etree.Element(w("numbering"), nsmap={"w": pkg.W_NS})
            directory = posixpath.dirname(self.main)
            self.numbering_part = _free_name(
                self.package, posixpath.join(directory, "numbering.xml")
            )
            self.new_numbering = True
            etree.SubElement(
                self.rels_root,
                f"{{{PR_NS}}}Relationship",
                Id=self._free_rel_id(),
                Type=pkg.REL_NUMBERING,
                Target=posixpath.relpath(self.numbering_part, directory or "."),
            )
            self.changed.add("rels")
        self.changed.add("numbering")
        return self.numbering_root

    def _free_rel_id(self) -> str:
        used = {rel.get("Id") for rel in self.rels_root.iter(f"{{{PR_NS}}}Relationship")}
        number = len(used) + 1
        while f"rId{number}" in used:
            number += 1
        return f"rId{number}"

    def _abstract_for(self, kind: str, level: int) -> str:
        key = (kind, level)
        if key in self._abstract_cache:
            return self._abstract_cache[key]
        found = None
        if self.numbering_root is not None:
            used = [entry[0] for entry in self.numbering.nums.values()]
            candidates = list(dict.fromkeys(used)) + [
                a for a in self.numbering.abstracts if a not in used
            ]
            for abstract_id in candidates:
                abstract = self.numbering.abstracts.get(abstract_id)
                if abstract is None or abstract.find(w("numStyleLink")) is not None:
                    continue
                if (
                    _fmt_kind(_level_fmt(abstract, level)) == kind
                    and _fmt_kind(_level_fmt(abstract, 0)) == kind
                ):
                    found = abstract_id
                    break
        if found is None:
            found = self._add_abstract(kind)
        self._abstract_cache[key] = found
        return found

    def _add_abstract(self, kind: str) -> str:
        root = self._ensure_numbering()
        ids = [int(a) for a in self.numbering.abstracts if a.isdigit()]
        abstract_id = str(max(ids, default=-1) + 1)
        abstract = etree.Element(
            w("abstractNum"), {w("abstractNumId"): abstract_id}, nsmap=root.nsmap
        )
        etree.SubElement(abstract, w("multiLevelType"), {w("val"): "hybridMultilevel"})
        for level in range(9):
            lvl = etree.SubElement(abstract, w("lvl"), {w("ilvl"): str(level)})
            etree.SubElement(lvl, w("start"), {w("val"): "1"})
            if kind == "bullet":
                etree.SubElement(lvl, w("numFmt"), {w("val"): "bullet"})
                etree.SubElement(lvl, w("lvlText"), {w("val"): _BULLETS[level % 3]})
            else:
                fmt = ("decimal", "lowerLetter", "lowerRoman")[level % 3]
                etree.SubElement(lvl, w("numFmt"), {w("val"): fmt})
                etree.SubElement(lvl, w("lvlText"), {w("val"): f"%{level + 1}."})
            etree.SubElement(lvl, w("lvlJc"), {w("val"): "left"})
            ppr = etree.SubElement(lvl, w("pPr"))
            etree.SubElement(
                ppr, w("ind"), {w("left"): str(720 * (level + 1)), w("hanging"): "360"}
            )
        existing = root.findall(w("abstractNum"))
        if existing:
            existing[-1].addnext(abstract)
        else:
            root.insert(0, abstract)
        self._refresh()
        return abstract_id

    def _add_num(self, abstract_id: str, restart: bool) -> str:
        root = self._ensure_numbering()
        ids = [int(n) for n in self.numbering.nums if n.isdigit()]
        num_id = str(max(ids, default=0) + 1)
        num = etree.Element(w("num"), {w("numId"): num_id}, nsmap=root.nsmap)
        etree.SubElement(num, w("abstractNumId"), {w("val"): abstract_id})
        if restart:
            override = etree.SubElement(num, w("lvlOverride"), {w("ilvl"): "0"})
            etree.SubElement(override, w("startOverride"), {w("val"): "1"})
        nums = root.findall(w("num"))
        if nums:
            nums[-1].addnext(num)
        else:
            cleanup = root.find(w("numIdMacAtCleanup"))
            if cleanup is not None:
                cleanup.addprevious(num)
            else:
                root.append(num)
        self._refresh()
        return num_id

    # ---- content types -------------------------------------------------------------------------

    def content_types(self, root: etree._Element) -> etree._Element:
        """[Content_Types].xml with the numbering part declared if we added one."""
        if self.new_numbering and self.numbering_part:
            etree.SubElement(
                root,
                f"{{{CT_NS}}}Override",
                PartName="/" + self.numbering_part,
                ContentType=pkg.CT_NUMBERING,
            )
        return root


def _level_fmt(abstract: etree._Element, level: int) -> str | None:
    for lvl in abstract.iter(w("lvl")):
        if lvl.get(w("ilvl")) == str(level):
            fmt = lvl.find(f".//{w('numFmt')}")
            return fmt.get(w("val"), "decimal") if fmt is not None else "decimal"
    return None


def _copy_or_new(package: Package, name: str, tag: str) -> etree._Element:
    if package.has(name):
        return copy.deepcopy(package.xml(name))
    return etree.Element(tag, nsmap={None: PR_NS})


def _free_name(package: Package, name: str) -> str:
    if not package.has(name):
        return name
    stem, dot, extension = name.rpartition(".")
    number = 2
    while package.has(f"{stem}{number}{dot}{extension}"):
        number += 1
    return f"{stem}{number}{dot}{extension}"
