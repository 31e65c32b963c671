r"""The posting model: an ordered list of blocks with formatted runs, and its plain text.

Everything downstream (analysis, editor, export) shares this shape. The plain text that the
analysis sees is the blocks' text joined with ``\n``; offsets everywhere in ``core`` are Python
code-point offsets into that text.
"""

from __future__ import annotations

from array import array
from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from enum import StrEnum
from functools import cached_property


class BlockKind(StrEnum):
    """What a block of a posting is; lists and table cells keep their kind through load and save."""

    HEADING = "heading"
    PARAGRAPH = "paragraph"
    LIST_ITEM = "list_item"
    TABLE_CELL = "table_cell"


class BlockOrigin(StrEnum):
    """Where in a document a block lives; header/footer text is analysed but exported in place."""

    BODY = "body"
    HEADER = "header"
    FOOTER = "footer"
    TEXTBOX = "textbox"


@dataclass(frozen=True, slots=True)
class Run:
    """A stretch of text with one formatting. ``link`` is a hyperlink target, if any."""

    text: str
    bold: bool = False
    italic: bool = False
    underline: bool = False
    link: str | None = None

    def same_format(self, other: Run) -> bool:
        return (self.bold, self.italic, self.underline, self.link) == (
            other.bold,
            other.italic,
            other.underline,
            other.link,
        )


def merge_runs(runs: Iterable[Run]) -> tuple[Run, ...]:
    """Adjacent runs with the same formatting joined into one (readers emit many small runs)."""
    merged: list[Run] = []
    for run in runs:
        if merged and merged[-1].same_format(run):
            merged[-1] = replace(merged[-1], text=merged[-1].text + run.text)
        else:
            merged.append(run)
    return tuple(merged)


@dataclass(frozen=True, slots=True)
class Block:
    r"""One paragraph-like unit.

    ``level``: heading level (1..9) for headings, nesting level (0-based) for list items.
    ``numbered``: list items only, numbered rather than bulleted.
    ``style``: the source document's style name, kept so export can reuse it.
    ``inferred``: a heading recognised from formatting (short bold-only paragraph), not a style.
    ``cell``: (table, row, column) for table cells.
    ``source_id``: which paragraph of the source document this block was read from (for a .docx,
    ``part#element-path``), so a save can write untouched paragraphs back as they were; ``None``
    for blocks typed or inserted since.
    ``text`` must not contain ``\n``; line breaks inside a paragraph are ``\v`` (vertical tab),
    which keeps one block per line of analysis text.
    """

    kind: BlockKind
    runs: tuple[Run, ...] = ()
    level: int = 0
    numbered: bool = False
    style: str | None = None
    inferred: bool = False
    cell: tuple[int, int, int] | None = None
    origin: BlockOrigin = BlockOrigin.BODY
    # Not part of equality: the same content read from two files (or from a saved copy) is the
    # same block; the id only says where it came from.
    source_id: str | None = field(default=None, compare=False)

    @property
    def text(self) -> str:
        runs = self.runs
        if len(runs) == 1:  # plain-text blocks: no join (this is read for every block, often)
            return runs[0].text
        return "".join(run.text for run in runs)

    @staticmethod
    def of(kind: BlockKind, text: str, **kwargs: object) -> Block:
        """A block with one plain run; convenient for plain-text input and tests."""
        runs = (Run(text),) if text else ()
        return Block(kind, runs, **kwargs)  # type: ignore[arg-type]

    def with_text(self, text: str) -> Block:
        """The same block with its text replaced by one run in the first run's format."""
        first = self.runs[0] if self.runs else Run("")
        return replace(self, runs=(replace(first, text=text),) if text else ())


@dataclass(frozen=True)
class Posting:
    """An immutable posting: blocks plus where it came from and notes about the reading."""

    blocks: tuple[Block, ...]
    title: str | None = None
    source_path: str | None = None
    notes: tuple[str, ...] = field(default_factory=tuple)

    @cached_property
    def text(self) -> str:
        return "\n".join(block.text for block in self.blocks)

    @cached_property
    def block_starts(self) -> array[int]:
        """Code-point offset of each block's first character in :attr:`text` (an int column,
        8 bytes a block where a tuple of ints took 40; shared, so do not modify)."""
        starts = array("q")
        position = 0
        for block in self.blocks:
            starts.append(position)
            position += len(block.text) + 1
        return starts

    def block_at(self, offset: int) -> int:
        """Index of the block containing ``offset`` (a newline belongs to the block before it)."""
        if not self.blocks:
            return -1
        return max(0, bisect_right(self.block_starts, offset) - 1)

    def line_column(self, offset: int) -> tuple[int, int]:
        """1-based line (block) and column of ``offset``, for messages to people."""
        index = self.block_at(offset)
        if index < 0:
            return (1, offset + 1)
        return (index + 1, offset - self.block_starts[index] + 1)

    def with_blocks(self, blocks: tuple[Block, ...]) -> Posting:
        return Posting(blocks, self.title, self.source_path, self.notes)
