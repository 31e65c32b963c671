"""Where in the input file each finding is: ``placer_for(path, posting)`` for ``check --json``.

Text formats (.txt, .md, .markdown, .html) get a 1-based ``line``/``column`` (and the
``end_line``/``end_column`` just after the finding's last character), counted in code points of
the decoded file (a byte-order mark and NUL characters, which the reader drops, are not
counted). The reader's own steps are retraced: a text or Markdown posting has one block per
non-blank line, so each block is aligned with its line (Markdown marks and list markers are in
the line, not in the block); an HTML block is found in the page's text outside tags.

A .docx gets the ``paragraph`` and the 0-based ``offset`` into its text as python-docx lists
them: ``Document.paragraphs[paragraph - 1].text[offset:]`` starts with the finding's text.
python-docx lists only the body's own paragraphs, so a table cell's paragraph has
``paragraph: null`` and a ``cell``: ``{"table", "row", "column", "paragraph"}``, all 1-based,
meaning ``Document.tables[table - 1].cell(row - 1, column - 1).paragraphs[paragraph - 1]``.
Headers, footers and text boxes have ``paragraph: null`` and a ``story`` naming them.
"""

from __future__ import annotations

import os
import re
from bisect import bisect_right

from postingstudio.core.model import Posting
from postingstudio.core.placement import Aligned, Placer, block_offset, last_character

from . import safety, text_reader
from .package import read_bytes, w

_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_SPACES = re.compile(r"[ \t\r\n\f]+")


def placer_for(
    path: str | os.PathLike[str], posting: Posting, text: str | None = None
) -> Placer | None:
    """A placer for findings on ``posting`` as read from ``path``; None if it cannot be placed.
    ``text`` is the text file's decoded text where the caller has it (``load_posting_and_text``),
    so the file is not read and decoded again."""
    name = os.fspath(path)
    if not posting.blocks:
        return None
    if any(block.source_id for block in posting.blocks):
        return _docx_placer(name, posting)
    if text is None:
        data = read_bytes(name)
        if safety.sniff(data[:64]) in ("zip", "ole"):
            return None
        text = text_reader.decode_text(name, data).text
    from .formats import looks_like_html

    if looks_like_html(name, text):
        return _LinePlacer(text, posting, _html_spots(text, posting))
    return _LinePlacer(text, posting, _text_spots(text, posting))


# A block's place in a text file: the source offset of each of its characters (and one more, for
# the position just after it).
_Spots = list["_BlockSpots"]


class _LinePlacer:
    def __init__(self, text: str, posting: Posting, spots: _Spots) -> None:
        self.posting = posting
        self.spots = spots
        self.line_starts = [0] + [m.end() for m in _LINE_BREAK.finditer(text)]

    def line_column(self, source_offset: int) -> tuple[int, int]:
        line = bisect_right(self.line_starts, source_offset)
        return line, source_offset - self.line_starts[line - 1] + 1

    def source(self, offset: int) -> int:
        index, inside = block_offset(self.posting, offset)
        spots = self.spots[index]
        return spots[min(inside, len(spots) - 1)]

    def __call__(self, start: int, end: int) -> dict[str, object]:
        line, column = self.line_column(self.source(start))
        if end > start:
            end_line, end_column = self.line_column(self.source(last_character(start, end)) + 1)
        else:
            end_line, end_column = line, column
        return {"line": line, "column": column, "end_line": end_line, "end_column": end_column}


def _spots(
    block_text: str, source: str, base: int, positions: list[int] | None = None
) -> _BlockSpots:
    """Source offsets of each character of ``block_text`` (and of the end), aligned on
    ``source``, which starts at ``base`` (or whose characters sit at ``positions``)."""
    return _BlockSpots(block_text, source, base, positions)


class _BlockSpots:
    """``_spots`` as a sequence computed when read: a posting has a few dozen findings, and
    working out every character's offset up front was a fifth of ``check --format json``."""

    __slots__ = ("_text", "_source", "_aligned", "_base", "_positions", "_size")

    def __init__(self, text: str, source: str, base: int, positions: list[int] | None) -> None:
        self._text, self._source = text, source
        self._aligned: Aligned | None = None  # difflib only for a block that is asked about
        self._base, self._positions = base, positions
        self._size = len(text) + 1

    def __len__(self) -> int:
        return self._size

    def __getitem__(self, k: int) -> int:
        if k < 0:
            k += self._size
        if not 0 <= k < self._size:
            raise IndexError(k)
        if self._aligned is None:
            self._aligned = Aligned(self._text, self._source)
        at = self._aligned(k)
        positions = self._positions
        if positions is None:
            return self._base + at
        if at < len(positions):
            return positions[at]
        return positions[-1] + 1 if positions else self._base


def _text_spots(text: str, posting: Posting) -> _Spots:
    """Each block on its line: the reader (core/plaintext.py) makes one block of every line
    that is not blank, after turning tabs into spaces."""
    starts = [0] + [m.end() for m in _LINE_BREAK.finditer(text)]
    ends = [m.start() for m in _LINE_BREAK.finditer(text)] + [len(text)]
    lines = [(s, text[s:e].replace("\t", " ")) for s, e in zip(starts, ends, strict=True)]
    filled = [(s, line) for s, line in lines if line.rstrip().strip()]
    if len(filled) != len(posting.blocks):  # not the reader's lines: align on the whole file
        whole = text.replace("\t", " ")
        return [_spots(b.text, whole, 0) for b in posting.blocks]
    return [_spots(b.text, line, s) for b, (s, line) in zip(posting.blocks, filled, strict=True)]


def _html_spots(text: str, posting: Posting) -> _Spots:
    """Each block found, in order, in the page's visible text (the reader drops the tags)."""
    from .html_reader import VisibleText  # html.parser only for a page (5 ms of start-up)

    visible = VisibleText(text)
    visible.feed(text)
    visible.close()
    page, positions = "".join(visible.chars), visible.positions
    spots: _Spots = []
    cursor = 0
    for block in posting.blocks:
        plain = block.text.replace("\v", " ")
        found = page.find(plain[:40], cursor)
        at = found if found >= 0 else cursor
        exact = page.startswith(plain, at)
        window = page[at : at + len(plain) + (0 if exact else 64)]
        spots.append(_spots(plain, window, 0, positions[at : at + len(window)] or [len(text)]))
        cursor = at + Aligned(plain, window)(len(plain))
    return spots


def _docx_placer(name: str, posting: Posting) -> Placer | None:
    from .lossless import Story
    from .package import open_package

    package = open_package(name, read_bytes(name))
    places: list[tuple[dict[str, object], Aligned]] = []
    # Each part's children indexed once: ``root.find("{ns}body/{ns}p[5001]")`` and a list
    # ``index`` per block walk all the siblings every time, which made 100,000 empty paragraphs
    # take twenty minutes.
    stories: dict[str, Story] = {}
    numbers: dict[object, dict[object, int]] = {}
    for block in posting.blocks:
        where: dict[str, object] = {"paragraph": None}
        own_text = block.text
        part, _, path = (block.source_id or "").partition(":")[2].partition("#")
        element = None
        if part and package.has(part):
            if part not in stories:
                stories[part] = Story(package.xml(part))
            element = stories[part].find(path)
        if element is not None:
            where = _address(element, part == package.main, numbers)
            own_text = python_docx_text(element)
        if block.origin.value != "body":
            where["story"] = block.origin.value
        places.append((where, Aligned(block.text.replace("\v", "\n"), own_text)))

    def place(start: int, end: int) -> dict[str, object]:
        index, inside = block_offset(posting, start)
        where, aligned = places[index]
        return {**where, "offset": aligned(inside)}

    return place


def _address(
    para: object, in_main: bool, numbers: dict[object, dict[object, int]]
) -> dict[str, object]:
    """python-docx's address of a paragraph: its place in ``Document.paragraphs`` or in a
    top-level table's cell; ``paragraph: None`` for what python-docx does not list."""
    parent = para.getparent()  # type: ignore[attr-defined]
    if not in_main or parent is None:
        return {"paragraph": None}
    if parent.tag == w("body"):
        if parent not in numbers:  # paragraph → its place among the body's, once per body
            numbers[parent] = {p: n for n, p in enumerate(parent.findall(w("p")), 1)}
        return {"paragraph": numbers[parent][para]}
    row = parent.getparent() if parent.tag == w("tc") else None
    table = row.getparent() if row is not None and row.tag == w("tr") else None
    body = table.getparent() if table is not None and table.tag == w("tbl") else None
    if body is None or body.tag != w("body") or row is None or table is None:
        return {"paragraph": None}
    column = 1
    for cell in row.findall(w("tc")):  # python-docx's grid: a cell spans gridSpan columns
        if cell is parent:
            break
        span = cell.find(f"{w('tcPr')}/{w('gridSpan')}")
        column += int(span.get(w("val"), "1")) if span is not None else 1
    return {
        "paragraph": None,
        "cell": {
            "table": body.findall(w("tbl")).index(table) + 1,
            "row": table.findall(w("tr")).index(row) + 1,
            "column": column,
            "paragraph": parent.findall(w("p")).index(para) + 1,
        },
    }


def python_docx_text(para: object) -> str:
    r"""``Paragraph.text`` as python-docx 1.x computes it: the runs directly in the paragraph and
    in its hyperlinks; tabs ``\t``, line breaks ``\n``, no-break hyphens ``-``."""
    parts: list[str] = []
    for child in para:  # type: ignore[attr-defined]
        runs = [child] if child.tag == w("r") else []
        if child.tag == w("hyperlink"):
            runs = child.findall(w("r"))
        for run in runs:
            for item in run:
                tag = item.tag
                if tag == w("t"):
                    parts.append(item.text or "")
                elif tag in (w("tab"), w("ptab")):
                    parts.append("\t")
                elif tag == w("cr") or (
                    tag == w("br") and item.get(w("type"), "textWrapping") == "textWrapping"
                ):
                    parts.append("\n")
                elif tag == w("noBreakHyphen"):
                    parts.append("-")
    return "".join(parts)
