"""Shared structure for the exporters: tables regrouped from cell blocks, lists and segments.

Cell blocks carry (table, row, column); exporters want whole tables, with a nested table inside
the cell it interrupts. :func:`segments` walks a posting's blocks and yields either one block or
one table, so the .docx, HTML, Markdown, text and PDF writers share one reading of the layout.
Pure Python: no XML, no Qt.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from postingstudio.core.model import Block, BlockKind, BlockOrigin, Run


@dataclass
class TableSpec:
    """One table to rebuild: its cells' blocks in order, nested tables in the cell they follow."""

    index: int
    cells: dict[tuple[int, int], list[Block | TableSpec]] = field(default_factory=dict)

    @property
    def rows(self) -> int:
        return 1 + max((r for r, _ in self.cells), default=0)

    @property
    def cols(self) -> int:
        return 1 + max((c for _, c in self.cells), default=0)

    def blocks(self) -> list[Block]:
        found: list[Block] = []
        for items in self.cells.values():
            for item in items:
                found.extend(item.blocks() if isinstance(item, TableSpec) else [item])
        return found


def table_tree(cells: list[Block]) -> list[TableSpec]:
    """Group table-cell blocks into tables; a table whose blocks interrupt another's is nested."""
    last: dict[int, int] = {}
    for position, block in enumerate(cells):
        assert block.cell is not None
        last[block.cell[0]] = position

    def parse(position: int, depth: int) -> tuple[TableSpec, int]:
        index = cells[position].cell[0]  # type: ignore[index]
        spec = TableSpec(index)
        current: tuple[int, int] | None = None
        while position < len(cells):
            cell = cells[position].cell
            assert cell is not None
            if cell[0] == index:
                current = (cell[1], cell[2])
                spec.cells.setdefault(current, []).append(cells[position])
                position += 1
            elif last[index] > position and current is not None and depth < 8:
                nested, position = parse(position, depth + 1)
                spec.cells[current].append(nested)
            else:
                break
        return spec, position

    specs: list[TableSpec] = []
    position = 0
    while position < len(cells):
        spec, position = parse(position, 0)
        specs.append(spec)
    return specs


def segments(blocks: Iterable[Block]) -> Iterator[Block | TableSpec]:
    """Blocks in order, with each run of table-cell blocks replaced by its table(s)."""
    pending: list[Block] = []
    for block in blocks:
        if block.kind is BlockKind.TABLE_CELL and block.cell is not None:
            pending.append(block)
            continue
        if pending:
            yield from table_tree(pending)
            pending = []
        yield block
    if pending:
        yield from table_tree(pending)


def split_origins(blocks: Iterable[Block]) -> tuple[list[Block], list[Block], list[Block]]:
    """(header blocks, body blocks incl. text boxes, footer blocks)."""
    header: list[Block] = []
    body: list[Block] = []
    footer: list[Block] = []
    for block in blocks:
        if block.origin is BlockOrigin.HEADER:
            header.append(block)
        elif block.origin is BlockOrigin.FOOTER:
            footer.append(block)
        else:
            body.append(block)
    return header, body, footer


class ListCounter:
    """Numbers for numbered list items: 1, 2, 3 per level, restarting under a new parent."""

    def __init__(self) -> None:
        self.counts: list[int] = []

    def reset(self) -> None:
        self.counts = []

    def next(self, level: int) -> int:
        level = max(0, min(level, 8))
        del self.counts[level + 1 :]
        while len(self.counts) <= level:
            self.counts.append(0)
        self.counts[level] += 1
        return self.counts[level]


def spaced_runs(runs: tuple[Run, ...]) -> list[tuple[str, Run, str]]:
    """Each run as (leading spaces, run with trimmed text, trailing spaces), for markup that
    must hug the text (Markdown emphasis is not recognised as ``** bold**``)."""
    result = []
    for run in runs:
        text = run.text
        stripped = text.strip(" ")
        if not stripped:
            result.append((text, Run(""), ""))
            continue
        lead = text[: len(text) - len(text.lstrip(" "))]
        trail = text[len(text.rstrip(" ")) :]
        result.append((lead, Run(stripped, run.bold, run.italic, run.underline, run.link), trail))
    return result


def heading_runs(block: Block) -> tuple[Run, ...]:
    """A heading's runs without bold: headings are bold anyway, and ``**`` in a ``#`` line or
    ``<strong>`` in an ``<h2>`` is noise."""
    if block.kind is not BlockKind.HEADING:
        return block.runs
    return tuple(Run(r.text, False, r.italic, r.underline, r.link) for r in block.runs)


def link_groups(runs: tuple[Run, ...]) -> Iterator[tuple[str | None, tuple[Run, ...]]]:
    """Consecutive runs that share one link target (or none), so a link split across
    formatting ("<b>apply</b> here") becomes one anchor in HTML and Markdown."""
    index = 0
    while index < len(runs):
        link = runs[index].link
        end = index + 1
        while end < len(runs) and runs[end].link == link:
            end += 1
        yield link, runs[index:end]
        index = end
