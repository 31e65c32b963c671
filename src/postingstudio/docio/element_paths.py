"""Element paths ("{ns}body/{ns}tbl[2]/{ns}tr/...") computed once per parent, not per element.

A paragraph's source id carries its lxml element path, so the lossless save can find it again.
``ElementTree.getelementpath`` counts the element's same-tag siblings from the start of its
parent every time: asked for every paragraph of a body it is quadratic, and a .docx of 30,000
list items took seconds to read (100,000: 45 s). ``ElementPaths`` gives the same strings, but
numbers each parent's children in one pass the first time one of them is asked for.

The rules are lxml's: only elements count (comments and processing instructions do not); a
step carries ``[n]`` (1-based, among siblings with the same tag) only where its parent has more
than one child with that tag; the root itself is ``"."``.
"""

from __future__ import annotations

from lxml import etree


class ElementPaths:
    """Paths of elements of one tree; keep one per tree read, and drop it after reading."""

    def __init__(self) -> None:
        self._numbers: dict[etree._Element, dict[etree._Element, int]] = {}
        self._paths: dict[etree._Element, str] = {}

    def path(self, element: etree._Element) -> str:
        """The path of ``element`` from its tree's root, exactly as ``getelementpath`` gives it."""
        parent = element.getparent()
        if parent is None:
            return "."
        number = self._numbers_of(parent)[element]
        step = f"{element.tag}[{number}]" if number else element.tag
        if parent.getparent() is None:
            return step
        above = self._paths.get(parent)
        if above is None:
            above = self._paths[parent] = self.path(parent)
        return f"{above}/{step}"

    def _numbers_of(self, parent: etree._Element) -> dict[etree._Element, int]:
        """Each element child's 1-based number among its same-tag siblings, 0 where it is the
        only one (its step has no ``[n]``)."""
        numbers = self._numbers.get(parent)
        if numbers is not None:
            return numbers
        totals: dict[str, int] = {}
        children = [child for child in parent if isinstance(child.tag, str)]
        for child in children:
            totals[child.tag] = totals.get(child.tag, 0) + 1
        seen: dict[str, int] = {}
        numbers = {}
        for child in children:
            tag = child.tag
            if totals[tag] == 1:
                numbers[child] = 0
            else:
                seen[tag] = numbers[child] = seen.get(tag, 0) + 1
        self._numbers[parent] = numbers
        return numbers
