r"""Inline content of one paragraph → formatted :class:`Run` objects.

Handles what sits between ``<w:p>`` and the text: runs and their effective formatting,
hyperlinks (relationship targets, ``w:anchor``, ``HYPERLINK`` fields), tracked insertions (kept)
and deletions (dropped), content controls, smart tags, field codes (skipped, their results
kept), symbols, tabs (``\t``) and line breaks (``\v``). Text boxes found inside drawings are
handed back to the caller, which reads them as separate blocks; pictures are only counted.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from lxml import etree

from postingstudio.core.model import Run, merge_runs

from .package import MC_NS, R_NS, Relationship, w
from .styles import RunFormat, StyleTable, on_off, underline_of

_R, _T, _TAB, _BR, _CR = w("r"), w("t"), w("tab"), w("br"), w("cr")
_PTAB, _NBH, _SYM, _RPR = w("ptab"), w("noBreakHyphen"), w("sym"), w("rPr")
_RSTYLE, _B, _I, _U, _VANISH = w("rStyle"), w("b"), w("i"), w("u"), w("vanish")
_HYPERLINK, _FLDSIMPLE, _FLDCHAR, _INSTR = (
    w("hyperlink"),
    w("fldSimple"),
    w("fldChar"),
    w("instrText"),
)
_SKIP = frozenset({w("del"), w("moveFrom"), w("pPr"), w("rPr"), w("proofErr"), w("bookmarkStart")})
_RECURSE = frozenset(
    {w("ins"), w("moveTo"), w("smartTag"), w("customXml"), w("dir"), w("bdo"), w("sdtContent")}
)
_DRAWINGS = frozenset({w("drawing"), w("pict"), w("object")})
_TXBX = w("txbxContent")
_MC_ALT, _MC_FALLBACK, _MC_CHOICE = (
    f"{{{MC_NS}}}AlternateContent",
    f"{{{MC_NS}}}Fallback",
    f"{{{MC_NS}}}Choice",
)
_HYPERLINK_FIELD = re.compile(
    r'^\s*HYPERLINK\s+(?:"([^"]*)"|(\S+))?(.*)$', re.IGNORECASE | re.DOTALL
)
_ANCHOR_SWITCH = re.compile(r'\\l\s+"?([^"\s]+)"?')
_MAX_FIELD_DEPTH = 16
_MAX_DEPTH = 64


@dataclass
class Collected:
    """What one paragraph's inline content held: its runs, text boxes to read separately, and
    whether it had pictures or tracked changes."""

    runs: tuple[Run, ...]
    textboxes: list[etree._Element] = field(default_factory=list)
    images: bool = False
    revisions: bool = False


@dataclass
class _Field:
    instruction: list[str] = field(default_factory=list)
    separated: bool = False
    link: str | None = None


class RunCollector:
    """Collects runs for the paragraphs of one story (body, a header, ...); fields may span them."""

    def __init__(self, styles: StyleTable, rels: dict[str, Relationship]) -> None:
        self.styles = styles
        self.rels = rels
        self.fields: list[_Field] = []
        self._out: list[Run] = []
        self._boxes: list[etree._Element] = []
        self._images = False
        self._revisions = False
        self._para_style: str | None = None

    def collect(self, para: etree._Element, style_id: str | None) -> Collected:
        self._out, self._boxes, self._images, self._revisions = [], [], False, False
        self._para_style = style_id
        self._walk(para, None, 0)
        return Collected(merge_runs(self._out), self._boxes, self._images, self._revisions)

    def _walk(self, element: etree._Element, link: str | None, depth: int) -> None:
        if depth > _MAX_DEPTH:
            return
        for child in element:
            tag = child.tag
            if tag == _R:
                self._run(child, link)
            elif tag == _HYPERLINK:
                self._walk(child, self._link_target(child) or link, depth + 1)
            elif tag in _RECURSE:
                if tag in (w("ins"), w("moveTo")):
                    self._revisions = True
                self._walk(child, link, depth + 1)
            elif tag == w("sdt"):
                content = child.find(w("sdtContent"))
                if content is not None:
                    self._walk(content, link, depth + 1)
            elif tag == _FLDSIMPLE:
                self._walk(child, _field_link(child.get(w("instr"), "")) or link, depth + 1)
            elif tag == _MC_ALT:
                chosen = child.find(_MC_FALLBACK)
                if chosen is None:
                    chosen = child.find(_MC_CHOICE)
                if chosen is not None:
                    self._walk(chosen, link, depth + 1)
            elif tag in (w("del"), w("moveFrom")):
                self._revisions = True

    def _link_target(self, hyperlink: etree._Element) -> str | None:
        return hyperlink_target(hyperlink, self.rels)

    def _run(self, run: etree._Element, link: str | None) -> None:
        rpr = run.find(_RPR)
        char_style = None
        direct = RunFormat()
        if rpr is not None:
            rstyle = rpr.find(_RSTYLE)
            char_style = rstyle.get(w("val")) if rstyle is not None else None
            direct = RunFormat(
                on_off(rpr.find(_B)), on_off(rpr.find(_I)), underline_of(rpr.find(_U))
            )
            vanish = rpr.find(_VANISH)
            if vanish is not None and on_off(vanish):
                return  # hidden text is not part of what a candidate reads
        fmt = direct.over(self.styles.run_format(self._para_style, char_style))
        parts: list[str] = []
        for child in run:
            tag = child.tag
            if tag == _FLDCHAR:
                self._field_char(child, parts, fmt, link)
                continue
            if tag == _INSTR:
                if self.fields and not self.fields[-1].separated:
                    self.fields[-1].instruction.append(child.text or "")
                continue
            if self.fields and not self.fields[-1].separated:
                continue  # inside a field's instruction: not displayed text
            if tag == _T:
                parts.append(_clean(child.text or ""))
            elif tag == _TAB or tag == _PTAB:
                parts.append("\t")
            elif tag == _BR or tag == _CR:
                parts.append("\v")
            elif tag == _NBH:
                parts.append("\u2011")
            elif tag == _SYM:
                parts.append(_symbol(child.get(w("char"), "")))
            elif tag in _DRAWINGS or tag == _MC_ALT:
                self._drawing(child)
        self._emit(parts, fmt, link)

    def _emit(self, parts: list[str], fmt: RunFormat, link: str | None) -> None:
        text = "".join(parts)
        if not text:
            return
        parts.clear()
        field_link = next((f.link for f in reversed(self.fields) if f.separated and f.link), None)
        self._out.append(
            Run(text, bool(fmt.bold), bool(fmt.italic), bool(fmt.underline), link or field_link)
        )

    def _field_char(
        self, element: etree._Element, parts: list[str], fmt: RunFormat, link: str | None
    ) -> None:
        kind = element.get(w("fldCharType"))
        if kind == "begin":
            self._emit(parts, fmt, link)
            if len(self.fields) < _MAX_FIELD_DEPTH:
                self.fields.append(_Field())
        elif kind == "separate" and self.fields:
            current = self.fields[-1]
            current.separated = True
            current.link = _field_link("".join(current.instruction))
        elif kind == "end" and self.fields:
            self._emit(parts, fmt, link)
            self.fields.pop()

    def _drawing(self, element: etree._Element) -> None:
        self._images = True
        if element.tag == _MC_ALT:
            chosen = element.find(_MC_FALLBACK)
            if chosen is None:
                chosen = element.find(_MC_CHOICE)
            if chosen is None:
                return
            element = chosen
        for box in element.iter(_TXBX):
            if not any(True for _ in box.iterancestors(_TXBX)):
                self._boxes.append(box)


def _field_link(instruction: str) -> str | None:
    match = _HYPERLINK_FIELD.match(instruction or "")
    if match is None:
        return None
    target = match.group(1) or match.group(2)
    anchor = _ANCHOR_SWITCH.search(match.group(3) or "")
    if target and not target.startswith("\\"):
        return target
    if anchor:
        return f"#{anchor.group(1)}"
    return None


def hyperlink_target(hyperlink: etree._Element, rels: dict[str, Relationship]) -> str | None:
    """The link a ``w:hyperlink`` points at, as a block's run carries it ("#name" for a
    bookmark in the document)."""
    rel_id = hyperlink.get(f"{{{R_NS}}}id")
    anchor = hyperlink.get(w("anchor"))
    if rel_id and rel_id in rels:
        target = rels[rel_id].target
        return f"{target}#{anchor}" if anchor and "#" not in target else target
    if anchor:
        return f"#{anchor}"
    return None


def _clean(text: str) -> str:
    # Word shows a newline inside w:t as a space; our block text must never contain one.
    if "\n" in text or "\r" in text:
        text = text.replace("\r\n", " ").replace("\n", " ").replace("\r", " ")
    return text


def _symbol(code: str) -> str:
    try:
        value = int(code, 16)
    except ValueError:
        return ""
    if 0xF000 <= value <= 0xF0FF and 0x20 <= value - 0xF000 <= 0x7E:
        return chr(value)  # symbol-font private-use character; kept so nothing shifts
    return chr(value) if 0x20 <= value <= 0x10FFFF and not 0xD800 <= value <= 0xDFFF else ""
