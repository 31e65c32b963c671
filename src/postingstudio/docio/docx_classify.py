r"""How a .docx paragraph's shape decides its kind, and small helpers for walking tables.

A short all-bold paragraph that acts as a heading is a guess, so its block is marked
``inferred``; a paragraph that starts with a typed bullet ("•\tText") or number ("2) Text",
"a. Text") is never such a heading (its marker is the writer's text and stays text). The
table helpers see through content controls and custom XML wrapping rows and cells, and read
integer attributes defensively (damaged files carry anything).
"""

from __future__ import annotations

import re

from lxml import etree

from postingstudio.core.model import Run

from .package import MC_NS, w

_SDT, _TR, _TC = w("sdt"), w("tr"), w("tc")
_MC_ALT = f"{{{MC_NS}}}AlternateContent"
_BULLET_START = re.compile(
    r"^[\s]*([•·▪●◦‣○■□➢➤►✓✔\-–—*\uf0b7\uf0a7\uf0d8\uf076\uf0fc])[\s\t]+(?=\S)"
)
_NUMBER_START = re.compile(r"^\s*(\d{1,2}|[a-zA-Z]|[ivxIVX]{1,4})[.)][\s\t]+(?=\S)")
_SENTENCE_END = (".", "!", "?", ";", ",")
_MAX_INFERRED_WORDS = 10


def typed_marker(text: str) -> bool:
    r"""Does the paragraph start with a typed bullet or number ("•\tText", "2) Text", "a. Text")?"""
    return bool(_BULLET_START.match(text) or _NUMBER_START.match(text))


def looks_like_heading(runs: tuple[Run, ...], text: str) -> bool:
    """Whether a short, all-bold paragraph without sentence
    punctuation or links reads as a heading."""
    stripped = text.strip()
    if not stripped or len(stripped) > 80 or "\t" in stripped or "\v" in stripped:
        return False
    if stripped.endswith(_SENTENCE_END) or not any(ch.isalpha() for ch in stripped):
        return False
    if len(stripped.rstrip(":").split()) > _MAX_INFERRED_WORDS:
        return False
    return all(run.bold for run in runs if run.text.strip()) and not any(run.link for run in runs)


def content_children(element: etree._Element) -> list[etree._Element]:
    """The children that hold content: a content control's ``sdtContent``, a compatibility
    block's Fallback (else Choice), or the element's own."""
    if element.tag == _SDT:
        content = element.find(w("sdtContent"))
        return list(content) if content is not None else []
    if element.tag == _MC_ALT:
        fallback = element.find(f"{{{MC_NS}}}Fallback")
        chosen = fallback if fallback is not None else element.find(f"{{{MC_NS}}}Choice")
        return list(chosen) if chosen is not None else []
    return list(element)


def table_rows(table: etree._Element) -> list[etree._Element]:
    """The table's rows, including rows wrapped in content controls or custom XML."""
    rows: list[etree._Element] = []
    for child in table:
        if child.tag == _TR:
            rows.append(child)
        elif child.tag in (_SDT, w("customXml")):
            rows.extend(r for r in child.iter(_TR))
    return rows


def row_cells(row: etree._Element) -> list[etree._Element]:
    """The row's cells, including cells wrapped in content controls or custom XML."""
    cells: list[etree._Element] = []
    for child in row:
        if child.tag == _TC:
            cells.append(child)
        elif child.tag in (_SDT, w("customXml")):
            cells.extend(c for c in content_children(child) if c.tag == _TC)
    return cells


def natural_key(name: str) -> tuple[object, ...]:
    """A sort key that orders ``header10.xml`` after ``header2.xml``."""
    return tuple(int(part) if part.isdigit() else part for part in re.split(r"(\d+)", name))


def int_attr(element: etree._Element | None, default: int | None) -> int | None:
    """The element's ``w:val`` as an int clamped to 0–10,000;
    ``default`` when absent or not a number."""
    if element is None:
        return default
    try:
        return max(0, min(int(element.get(w("val"), "")), 10_000))
    except ValueError:
        return default
