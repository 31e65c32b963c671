"""Styles and numbering of a .docx: heading levels, list kinds and inherited run formatting.

The reader asks "is this paragraph a heading, and at which level?", "is it a list item, numbered
or bulleted, at which level?" and "is this run bold?"; the answers depend on style inheritance
(``basedOn`` chains, document defaults, character styles) and on the numbering definitions
(``num`` → ``abstractNum`` → level, with overrides and list-style links). The writer asks the same
questions of the output package, so that what it writes reads back the same.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lxml import etree

from .package import w

_HEADING_NAME = re.compile(r"^heading\s*([1-9])$", re.IGNORECASE)
_FALSE = ("0", "false", "off", "none")
MAX_CHAIN = 32  # basedOn chains are short; a hostile 10,000-long one is cut off, not walked
_MAX_CHAIN = MAX_CHAIN


def on_off(element: etree._Element | None) -> bool | None:
    """Value of an on/off property element (``<w:b/>``, ``<w:b w:val="0"/>``); None if absent."""
    if element is None:
        return None
    value = element.get(w("val"))
    return value is None or value.lower() not in _FALSE


def underline_of(element: etree._Element | None) -> bool | None:
    """A ``w:u`` element as underline on/off; None when the element is absent (inherit)."""
    if element is None:
        return None
    value = element.get(w("val"))
    return value is None or value.lower() != "none"


@dataclass(slots=True)
class RunFormat:
    """Bold, italic and underline as a run or style sets them; None means inherited."""

    bold: bool | None = None
    italic: bool | None = None
    underline: bool | None = None

    @staticmethod
    def of(rpr: etree._Element | None) -> RunFormat:
        if rpr is None:
            return RunFormat()
        return RunFormat(
            on_off(rpr.find(w("b"))), on_off(rpr.find(w("i"))), underline_of(rpr.find(w("u")))
        )

    def over(self, base: RunFormat) -> RunFormat:
        """This format where it says something, ``base`` elsewhere."""
        return RunFormat(
            base.bold if self.bold is None else self.bold,
            base.italic if self.italic is None else self.italic,
            base.underline if self.underline is None else self.underline,
        )


@dataclass(slots=True)
class StyleDef:
    """One style of styles.xml: its kind, parent, outline level, list numbering and run format."""

    style_id: str
    name: str
    kind: str
    based_on: str | None
    outline: int | None
    num_id: str | None
    ilvl: int | None
    run: RunFormat


def display_name(name: str) -> str:
    """Word stores built-in names in lower case ("heading 1"); show them as Word does."""
    match = _HEADING_NAME.match(name.strip())
    if match:
        return f"Heading {match.group(1)}"
    return name[:1].upper() + name[1:] if name.islower() else name


def _int(value: str | None, low: int = 0, high: int = 9) -> int | None:
    try:
        number = int(value) if value is not None else None
    except ValueError:
        return None
    return number if number is not None and low <= number <= high else None


class StyleTable:
    """Styles by id and by (case-insensitive) name, with inheritance resolved on demand."""

    def __init__(self, root: etree._Element | None) -> None:
        self.styles: dict[str, StyleDef] = {}
        self.by_name: dict[str, str] = {}
        self.default_paragraph: str | None = None
        self.default_character: str | None = None
        self.defaults = RunFormat(False, False, False)
        self._run_cache: dict[tuple[str | None, str | None], RunFormat] = {}
        self.chain_cut = False  # a basedOn chain longer than _MAX_CHAIN was met and cut off
        if root is None:
            return
        rpr_default = root.find(f"{w('docDefaults')}/{w('rPrDefault')}/{w('rPr')}")
        self.defaults = RunFormat.of(rpr_default).over(RunFormat(False, False, False))
        for style in root.iter(w("style")):
            style_id = style.get(w("styleId"))
            if not style_id or style_id in self.styles:
                continue
            name_element = style.find(w("name"))
            name = display_name(
                name_element.get(w("val"), style_id) if name_element is not None else style_id
            )
            kind = style.get(w("type"), "paragraph")
            based = style.find(w("basedOn"))
            ppr = style.find(w("pPr"))
            outline = num_id = ilvl = None
            if ppr is not None:
                outline_element = ppr.find(w("outlineLvl"))
                if outline_element is not None:
                    outline = _int(outline_element.get(w("val")))
                num_pr = ppr.find(w("numPr"))
                if num_pr is not None:
                    num_element = num_pr.find(w("numId"))
                    ilvl_element = num_pr.find(w("ilvl"))
                    num_id = num_element.get(w("val")) if num_element is not None else None
                    ilvl = _int(ilvl_element.get(w("val"))) if ilvl_element is not None else None
            self.styles[style_id] = StyleDef(
                style_id,
                name,
                kind,
                based.get(w("val")) if based is not None else None,
                outline,
                num_id,
                ilvl,
                RunFormat.of(style.find(w("rPr"))),
            )
            self.by_name.setdefault(name.lower(), style_id)
            if style.get(w("default")) in ("1", "true", "on"):
                if kind == "paragraph" and self.default_paragraph is None:
                    self.default_paragraph = style_id
                elif kind == "character" and self.default_character is None:
                    self.default_character = style_id

    def chain(self, style_id: str | None) -> list[StyleDef]:
        """The style and its ancestors, nearest first (the default style if none given)."""
        found: list[StyleDef] = []
        current = style_id if style_id in self.styles else self.default_paragraph
        while current and current in self.styles and len(found) < _MAX_CHAIN:
            style = self.styles[current]
            if style in found:
                break
            found.append(style)
            current = style.based_on
        if current and current in self.styles and len(found) >= _MAX_CHAIN:
            self.chain_cut = True
        return found

    def name(self, style_id: str | None) -> str | None:
        chain = self.chain(style_id)
        return chain[0].name if chain else None

    def id_for(self, name: str | None, kind: str = "paragraph") -> str | None:
        if not name:
            return None
        style_id = self.by_name.get(name.lower())
        if style_id is None and name in self.styles:
            style_id = name
        if style_id is None or self.styles[style_id].kind != kind:
            return None
        return style_id

    def heading_level(self, style_id: str | None) -> int | None:
        """Heading level from the style's name ("Heading 2", "Title") or its outline level."""
        for style in self.chain(style_id):
            match = _HEADING_NAME.match(style.name)
            if match:
                return int(match.group(1))
            if style.name.lower() == "title":
                return 1
            if style.outline is not None:
                return style.outline + 1 if style.outline < 9 else None
        return None

    def numbering(self, style_id: str | None) -> tuple[str | None, int | None]:
        for style in self.chain(style_id):
            if style.num_id is not None:
                return style.num_id, style.ilvl
        return None, None

    def list_hint(self, style_id: str | None) -> tuple[bool, int] | None:
        """(numbered, level) from a list style's name ("List Bullet 2") if numbering is missing."""
        name = self.name(style_id) or ""
        match = re.match(r"^list (bullet|number)(?:\s*(\d))?$", name.lower())
        if not match:
            return None
        return match.group(1) == "number", max(0, int(match.group(2) or 1) - 1)

    def run_format(self, para_style: str | None, char_style: str | None) -> RunFormat:
        """What a run with no direct formatting looks like in this paragraph style."""
        key = (para_style, char_style)
        cached = self._run_cache.get(key)
        if cached is None:
            cached = self._run_cache[key] = self._run_format(para_style, char_style)
        return cached

    def _run_format(self, para_style: str | None, char_style: str | None) -> RunFormat:
        result = self.defaults
        for style in reversed(self.chain(para_style)):
            result = style.run.over(result)
        if char_style and char_style in self.styles:
            chars = [s for s in self.chain(char_style) if s.kind == "character"]
            for style in reversed(chars):
                result = style.run.over(result)
        return result


class Numbering:
    """``numId`` and level → number format ("bullet", "decimal", ...), following links."""

    def __init__(self, root: etree._Element | None, styles: StyleTable) -> None:
        self.styles = styles
        self.nums: dict[str, tuple[str, dict[int, str]]] = {}
        self.abstracts: dict[str, etree._Element] = {}
        if root is None:
            return
        for abstract in root.iter(w("abstractNum")):
            abstract_id = abstract.get(w("abstractNumId"))
            if abstract_id is not None:
                self.abstracts.setdefault(abstract_id, abstract)
        for num in root.iter(w("num")):
            num_id = num.get(w("numId"))
            ref = num.find(w("abstractNumId"))
            if num_id is None or ref is None:
                continue
            overrides: dict[int, str] = {}
            for override in num.iter(w("lvlOverride")):
                level = _int(override.get(w("ilvl")), 0, 8)
                fmt = override.find(f"{w('lvl')}//{w('numFmt')}")
                if level is not None and fmt is not None:
                    overrides[level] = fmt.get(w("val"), "decimal")
            self.nums.setdefault(num_id, (ref.get(w("val"), ""), overrides))

    def abstract_for(self, num_id: str, depth: int = 0) -> etree._Element | None:
        entry = self.nums.get(num_id)
        if entry is None or depth > 4:
            return None
        abstract = self.abstracts.get(entry[0])
        if abstract is None:
            return None
        link = abstract.find(w("numStyleLink"))
        if link is not None:
            style = self.styles.styles.get(link.get(w("val"), ""))
            if style is not None and style.num_id and style.num_id != num_id:
                linked = self.abstract_for(style.num_id, depth + 1)
                return linked if linked is not None else abstract
        return abstract

    def format(self, num_id: str | None, level: int) -> str | None:
        """The level's number format, or None when this numId shows no numbering."""
        if not num_id or num_id == "0" or num_id not in self.nums:
            return None
        override = self.nums[num_id][1].get(level)
        if override:
            return override
        abstract = self.abstract_for(num_id)
        if abstract is None:
            return None
        fallback = None
        for lvl in abstract.iter(w("lvl")):
            fmt = lvl.find(f".//{w('numFmt')}")
            value = fmt.get(w("val"), "decimal") if fmt is not None else "decimal"
            if lvl.get(w("ilvl")) == str(level):
                return value
            if lvl.get(w("ilvl")) == "0":
                fallback = value
        return fallback

    def level_for_style(self, num_id: str, style_id: str) -> int | None:
        """The level whose ``pStyle`` is this style (Word's rule when a style omits ``ilvl``)."""
        abstract = self.abstract_for(num_id)
        if abstract is None:
            return None
        for lvl in abstract.iter(w("lvl")):
            pstyle = lvl.find(w("pStyle"))
            if pstyle is not None and pstyle.get(w("val")) == style_id:
                return _int(lvl.get(w("ilvl")), 0, 8)
        return None
