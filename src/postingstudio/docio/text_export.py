"""Plain text from a :class:`Posting`, for e-mail and plain ATS fields.

Headings stand on their own line (level 1 underlined with ``=``, level 2 with ``-``), paragraphs
are separated by a blank line, list items are indented two spaces per level with "•" or
"1." markers, table rows are their cells joined with " | ", and line breaks inside a paragraph
are real newlines. Header text opens the file and footer text closes it.
"""

from __future__ import annotations

from postingstudio.core.model import Block, BlockKind, Posting

from .layout import ListCounter, TableSpec, segments, split_origins

_BULLETS = ("•", "◦", "▪")


def _plain(block: Block) -> str:
    return block.text.replace("\v", "\n")


def _table(spec: TableSpec) -> list[str]:
    rows = []
    for row in range(spec.rows):
        cells = []
        for col in range(spec.cols):
            texts: list[str] = []
            for item in spec.cells.get((row, col), []):
                blocks = item.blocks() if isinstance(item, TableSpec) else [item]
                texts.extend(b.text.replace("\v", " ").strip() for b in blocks)
            cells.append(" / ".join(t for t in texts if t))
        if any(cells):
            rows.append(" | ".join(cells).rstrip())
    return rows


def _blocks(blocks: list[Block]) -> list[str]:
    lines: list[str] = []
    counter = ListCounter()
    previous_list = False
    for item in segments(blocks):
        if isinstance(item, TableSpec):
            if lines and lines[-1]:
                lines.append("")
            lines += _table(item) + [""]
            previous_list = False
            continue
        block = item
        if block.kind is BlockKind.LIST_ITEM:
            if not previous_list:
                counter.reset()
                if lines and lines[-1]:
                    lines.append("")
            level = max(0, min(block.level, 8))
            number = counter.next(level)
            marker = f"{number}." if block.numbered else _BULLETS[level % 3]
            indent = "  " * level
            hang = indent + " " * (len(marker) + 1)
            lines.append(f"{indent}{marker} " + _plain(block).replace("\n", "\n" + hang))
            previous_list = True
            continue
        previous_list = False
        if lines and lines[-1]:
            lines.append("")
        text = _plain(block)
        lines.append(text)
        if block.kind is BlockKind.HEADING and block.level <= 2:
            width = max((len(line) for line in text.split("\n")), default=0)
            lines.append(("=" if block.level == 1 else "-") * width)
        lines.append("")
    return lines


def to_text(posting: Posting) -> str:
    """The posting as plain text; header and footer blocks are set off by blank lines."""
    header, body, footer = split_origins(posting.blocks)
    lines: list[str] = []
    if header:
        lines += _blocks(header) + [""]
    lines += _blocks(body)
    if footer:
        lines += [""] + _blocks(footer)
    text = "\n".join(line.rstrip() for line in lines)
    while "\n\n\n" in text:
        text = text.replace("\n\n\n", "\n\n")
    text = text.strip("\n")
    return text + "\n" if text else ""
