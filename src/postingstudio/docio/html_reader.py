r"""HTML (a saved job-board page or an ATS export) into a :class:`Posting`.

Uses the standard library's tolerant ``html.parser``: ``h1``–``h6`` become headings, ``p`` and
``div`` paragraphs, ``li`` list items (numbered inside ``ol``, nested level from ``ul``/``ol``
depth), ``td``/``th`` table cells; ``b``/``strong``, ``i``/``em``, ``u`` and ``a href`` become run
formatting; ``br`` is a line break (``\v``). Scripts, styles and other non-content elements are
skipped, and nothing is ever fetched.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

from postingstudio.core.model import Block, BlockKind, Posting, Run, merge_runs

_BLOCKS = {
    "p",
    "div",
    "section",
    "article",
    "header",
    "footer",
    "main",
    "blockquote",
    "pre",
    "dd",
    "dt",
}
_HEADINGS = {f"h{n}": n for n in range(1, 7)}
_SKIP = {
    "script",
    "style",
    "head",
    "template",
    "noscript",
    "svg",
    "math",
    "iframe",
    "object",
    "title",
}
_VOID = {
    "br",
    "img",
    "hr",
    "meta",
    "link",
    "input",
    "area",
    "base",
    "col",
    "embed",
    "source",
    "wbr",
}
_SPACES = re.compile(r"[ \t\r\n\f]+")
_MAX_NESTING = 200


class _Builder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[Block] = []
        self.runs: list[Run] = []
        self.kind = BlockKind.PARAGRAPH
        self.level = 0
        self.numbered = False
        self.cell: tuple[int, int, int] | None = None
        self.bold = self.italic = self.underline = 0
        self.links: list[str | None] = []
        self.lists: list[bool] = []  # True for <ol>
        self.skip = 0
        self.tables: list[list[int]] = []  # per open table: [index, row, column]
        self.table_count = 0
        self.title: str | None = None
        self._in_title = False

    # -- helpers ------------------------------------------------------------------------

    def flush(self) -> None:
        text = "".join(run.text for run in self.runs)
        if text.strip():
            runs = _tidy(self.runs)
            level = self.level if self.kind is not BlockKind.PARAGRAPH else 0
            self.blocks.append(
                Block(self.kind, runs, level=level, numbered=self.numbered, cell=self.cell)
            )
        self.runs = []

    def start_block(self, kind: BlockKind, level: int = 0, numbered: bool = False) -> None:
        self.flush()
        self.kind, self.level, self.numbered = kind, level, numbered

    # -- parser callbacks -----------------------------------------------------------------

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "title":
            self._in_title = True
        if tag in _SKIP:
            if tag not in _VOID:
                self.skip += 1
            return
        if self.skip:
            return
        if tag in _HEADINGS:
            self.start_block(BlockKind.HEADING, _HEADINGS[tag])
        elif tag in ("ul", "ol"):
            self.flush()
            if len(self.lists) < _MAX_NESTING:
                self.lists.append(tag == "ol")
        elif tag == "li":
            numbered = self.lists[-1] if self.lists else False
            self.start_block(BlockKind.LIST_ITEM, max(0, len(self.lists) - 1), numbered)
        elif tag == "table":
            self.flush()
            if len(self.tables) < _MAX_NESTING:
                self.tables.append([self.table_count, -1, -1])
                self.table_count += 1
        elif tag == "tr" and self.tables:
            self.flush()
            self.tables[-1][1] += 1
            self.tables[-1][2] = -1
        elif tag in ("td", "th") and self.tables:
            self.flush()
            table = self.tables[-1]
            table[2] += 1
            self.kind, self.level, self.numbered = BlockKind.TABLE_CELL, 0, False
            self.cell = (table[0], max(table[1], 0), table[2])
        elif tag in _BLOCKS:
            if self.cell is None:
                self.start_block(BlockKind.PARAGRAPH)
            else:
                self.flush()
        elif tag == "br":
            self.runs.append(self._run("\v"))
        elif tag in ("b", "strong"):
            self.bold += 1
        elif tag in ("i", "em", "cite"):
            self.italic += 1
        elif tag in ("u", "ins"):
            self.underline += 1
        elif tag == "a":
            href = dict(attrs).get("href")
            self.links.append(
                href.strip() if href and not href.lower().startswith("javascript:") else None
            )

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self._in_title = False
        if tag in _SKIP:
            self.skip = max(0, self.skip - 1)
            return
        if self.skip:
            return
        if tag in _HEADINGS or tag in _BLOCKS or tag == "li":
            self.flush()
            if self.cell is None:
                self.kind = BlockKind.LIST_ITEM if self.lists else BlockKind.PARAGRAPH
                self.level = max(0, len(self.lists) - 1)
                if self.kind is BlockKind.PARAGRAPH:
                    self.numbered = False
        elif tag in ("ul", "ol"):
            self.flush()
            if self.lists:
                self.lists.pop()
            self.kind = BlockKind.LIST_ITEM if self.lists else BlockKind.PARAGRAPH
        elif tag in ("td", "th"):
            self.flush()
            self.cell, self.kind = None, BlockKind.PARAGRAPH
        elif tag == "table":
            self.flush()
            if self.tables:
                self.tables.pop()
            self.cell, self.kind = None, BlockKind.PARAGRAPH
        elif tag in ("b", "strong"):
            self.bold = max(0, self.bold - 1)
        elif tag in ("i", "em", "cite"):
            self.italic = max(0, self.italic - 1)
        elif tag in ("u", "ins"):
            self.underline = max(0, self.underline - 1)
        elif tag == "a" and self.links:
            self.links.pop()

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title = (self.title or "") + data
            return
        if self.skip:
            return
        text = _SPACES.sub(" ", data.replace("\xa0", " "))
        if text:
            self.runs.append(self._run(text))

    def _run(self, text: str) -> Run:
        link = next((href for href in reversed(self.links) if href), None)
        return Run(text, self.bold > 0, self.italic > 0, self.underline > 0, link)


def _tidy(runs: list[Run]) -> tuple[Run, ...]:
    """Merge same-format runs and trim the whitespace HTML leaves at a block's edges."""
    merged = list(merge_runs(runs))
    if merged:
        first = merged[0]
        merged[0] = Run(
            first.text.lstrip(" "), first.bold, first.italic, first.underline, first.link
        )
        last = merged[-1]
        merged[-1] = Run(last.text.rstrip(" "), last.bold, last.italic, last.underline, last.link)
    cleaned = []
    for run in merged:
        text = run.text.replace(" \v", "\v").replace("\v ", "\v")
        if text:
            cleaned.append(Run(text, run.bold, run.italic, run.underline, run.link))
    return tuple(cleaned)


def parse_html(html: str, *, source_path: str | None = None) -> Posting:
    """An HTML posting as blocks; tables are flattened into their
    cells' text, with a note saying so."""
    builder = _Builder()
    builder.feed(html)
    builder.close()
    builder.flush()
    blocks = tuple(builder.blocks)
    notes: tuple[str, ...] = ()
    if builder.table_count:
        notes = ("Tables were flattened into their cells' text; the table layout was simplified.",)
    heading = next((b.text.strip() for b in blocks if b.kind is BlockKind.HEADING), None)
    title = heading or (builder.title.strip() if builder.title and builder.title.strip() else None)
    return Posting(blocks, title=title, source_path=source_path, notes=notes)


class VisibleText(HTMLParser):
    """The page's text outside tags (entities decoded), with each character's source offset:
    what :mod:`.locations` places a finding on a page with."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=False)
        self.line_starts = [0] + [m.end() for m in re.finditer(r"\r\n|\r|\n", text)]
        self.chars: list[str] = []
        self.positions: list[int] = []
        self.skip = 0

    def _here(self) -> int:
        line, column = self.getpos()
        return self.line_starts[line - 1] + column

    def handle_starttag(self, tag: str, attrs: object) -> None:
        self.skip += tag in ("script", "style", "title", "head")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style", "title", "head"):
            self.skip = max(0, self.skip - 1)

    def handle_data(self, data: str) -> None:
        if self.skip:
            return
        at = self._here()
        for match in re.finditer(r"[ \t\r\n\f\xa0]+|[^ \t\r\n\f\xa0]", data):
            self.chars.append(" " if match.group().isspace() else match.group())
            self.positions.append(at + match.start())

    def handle_entityref(self, name: str) -> None:
        self._reference(f"&{name};")

    def handle_charref(self, name: str) -> None:
        self._reference(f"&#{name};")

    def _reference(self, reference: str) -> None:
        if self.skip:
            return
        import html

        at = self._here()
        for char in html.unescape(reference).replace("\xa0", " "):
            self.chars.append(char)
            self.positions.append(at)
