"""Markdown (CommonMark, with GitHub-style pipe tables) from a :class:`Posting`.

Headings become ``#`` lines, list items ``-`` or ``1.`` with four spaces per nesting level,
bold/italic ``**``/``*`` hugging the text (spaces moved outside the markers, or CommonMark would
not see them), links ``[text](url)``, line breaks a backslash at the end of the line. Characters
that Markdown would read as markup are escaped, so the text reads back as it was written.
Underline has no Markdown form and is dropped. Header and footer text opens and closes the file.
"""

from __future__ import annotations

import re

from postingstudio.core.model import Block, BlockKind, Posting, Run

from .layout import (
    ListCounter,
    TableSpec,
    heading_runs,
    link_groups,
    segments,
    spaced_runs,
    split_origins,
)

_ESCAPE = re.compile(r"([\\`*_\[\]<>])")
_LINE_START = re.compile(r"^(\s*)([#>+\-=]|\d+[.)])(?=\s|$)")


def escape_md(text: str) -> str:
    """``text`` with Markdown's special characters escaped, so it reads back as the same text."""
    text = _ESCAPE.sub(r"\\\1", text)
    return _LINE_START.sub(lambda m: m.group(1) + "\\" + m.group(2), text)


def _link_target(url: str) -> str:
    if re.search(r"[\s()<>]", url):
        return "<" + url.replace("<", "%3C").replace(">", "%3E") + ">"
    return url


def inline(runs: tuple[Run, ...]) -> str:
    """Runs as inline Markdown (emphasis, links); a line break becomes a backslash-newline."""
    parts: list[str] = []
    for link, group in link_groups(runs):
        inner = "".join(_run(run) for run in group)
        if link and inner.strip():
            parts.append(f"[{inner}]({_link_target(link)})")
        else:
            parts.append(inner)
    text = "".join(parts).replace("\t", " ")
    return text.replace("\v", "\\\n")


def _run(run: Run) -> str:
    pieces = []
    for lead, trimmed, trail in spaced_runs((run,)):
        if not trimmed.text:
            pieces.append(lead)
            continue
        body = "\\\n".join(escape_md(line) for line in trimmed.text.split("\v"))
        marker = (
            "***" if run.bold and run.italic else "**" if run.bold else "*" if run.italic else ""
        )
        pieces.append(f"{lead}{marker}{body}{marker}{trail}")
    return "".join(pieces)


def _table(spec: TableSpec) -> list[str]:
    rows = []
    for row in range(spec.rows):
        cells = []
        for col in range(spec.cols):
            texts: list[str] = []
            for item in spec.cells.get((row, col), []):
                blocks = item.blocks() if isinstance(item, TableSpec) else [item]
                texts.extend(
                    inline(b.runs).replace("\\\n", "<br>").replace("|", "\\|") for b in blocks
                )
            cells.append(" <br> ".join(texts) or " ")
        rows.append("| " + " | ".join(cells) + " |")
    separator = "| " + " | ".join("---" for _ in range(spec.cols)) + " |"
    return [rows[0], separator, *rows[1:]]


def _blocks(blocks: list[Block]) -> list[str]:
    lines: list[str] = []
    counter = ListCounter()
    previous_list = False
    for item in segments(blocks):
        if isinstance(item, TableSpec):
            lines += ["", *_table(item), ""]
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
            marker = f"{number}." if block.numbered else "-"
            text = inline(block.runs).replace("\n", "\n" + "    " * (level + 1))
            lines.append(f"{'    ' * level}{marker} {text}")
            previous_list = True
            continue
        if lines and lines[-1]:
            lines.append("")
        previous_list = False
        text = inline(heading_runs(block))
        if block.kind is BlockKind.HEADING:
            text = text.replace("\\\n", " ")
            lines.append(f"{'#' * min(max(block.level, 1), 6)} {text}")
        else:
            lines.append(text)
        lines.append("")
    return lines


def to_markdown(posting: Posting) -> str:
    """The posting as Markdown; header and footer blocks are set off by ``---`` rules."""
    header, body, footer = split_origins(posting.blocks)
    lines: list[str] = []
    if header:
        lines += _blocks(header) + ["---", ""]
    lines += _blocks(body)
    if footer:
        lines += ["", "---", ""] + _blocks(footer)
    text = "\n".join(lines)
    text = re.sub(r"\n{3,}", "\n\n", text).strip("\n")
    return text + "\n" if text else ""
