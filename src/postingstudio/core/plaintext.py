"""Plain text and Markdown into a :class:`Posting`: headings, bullets, numbered items, paragraphs.

Postings pasted from job boards have no markup, so headings are also recognised from shape:
a short line with no closing full stop that ends in a colon, is in capitals, or is followed by a
list or a paragraph ("Responsibilities", "What you'll do:", "ABOUT US"). Such headings are marked
``inferred`` so the editor and the exporter know they were guessed.
"""

from __future__ import annotations

import re

from .model import Block, BlockKind, Posting, Run

_MD_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_BULLET = re.compile(r"^(\s*)(?:[-*+•·▪●◦‣–]|o(?=\s))\s+(.*)$")
_NUMBERED = re.compile(r"^(\s*)(?:\d{1,3}|[a-zA-Z])[.)]\s+(.*)$")
_MD_INLINE = re.compile(
    r"\[(?P<label>[^\]]+)\]\((?P<url>[^)\s]+)\)"
    r"|(?P<strong_mark>\*\*|__)(?P<strong>.+?)(?P=strong_mark)"
    r"|(?<![\w*])(?P<em_mark>[*_])(?!\s)(?P<em>.+?)(?<!\s)(?P=em_mark)(?![\w*])"
)
_SENTENCE_END = (".", "!", "?", ";", ",")
_MAX_HEADING_WORDS = 8


def _runs_from_markdown(text: str, markdown: bool) -> tuple[Run, ...]:
    """Runs with **bold**, *italic* and [links](url) resolved (Markdown only)."""
    if not markdown or not any(ch in text for ch in "*_["):
        return (Run(text),) if text else ()
    runs: list[Run] = []
    position = 0
    for match in _MD_INLINE.finditer(text):
        if match.start() > position:
            runs.append(Run(text[position : match.start()]))
        if match.group("label") is not None:
            runs.append(Run(match.group("label"), link=match.group("url")))
        elif match.group("strong") is not None:
            runs.append(Run(match.group("strong"), bold=True))
        else:
            runs.append(Run(match.group("em"), italic=True))
        position = match.end()
    if position < len(text):
        runs.append(Run(text[position:]))
    return tuple(run for run in runs if run.text)


def _looks_like_heading(line: str, next_line: str | None) -> bool:
    stripped = line.strip()
    if not stripped or len(stripped) > 80:
        return False
    words = stripped.rstrip(":").split()
    if not words or len(words) > _MAX_HEADING_WORDS:
        return False
    if stripped.endswith(":"):
        return True
    if stripped.endswith(_SENTENCE_END) or stripped.startswith(("http", "www.")):
        return False
    letters = [ch for ch in stripped if ch.isalpha()]
    if len(letters) >= 4 and all(ch.isupper() for ch in letters):
        return True
    if next_line is None or not next_line.strip():
        return False
    # Title-like: most words capitalised, or a short phrase followed by a longer line or a list.
    capitalised = sum(1 for word in words if word[:1].isupper() or not word[:1].isalpha())
    following = next_line.strip()
    followed_by_body = bool(_BULLET.match(next_line) or _NUMBERED.match(next_line)) or (
        len(following.split()) > len(words) + 3
    )
    return followed_by_body and (capitalised >= max(1, len(words) - 1) or len(words) <= 4)


def parse_text(text: str, *, markdown: bool = False, source_path: str | None = None) -> Posting:
    """Split text into blocks, one per non-empty line (blank lines separate paragraphs)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\x00", "")
    lines = [line.replace("\t", " ").rstrip() for line in text.split("\n")]
    non_empty = [i for i, line in enumerate(lines) if line.strip()]
    blocks: list[Block] = []
    for position, index in enumerate(non_empty):
        line = lines[index]
        next_index = non_empty[position + 1] if position + 1 < len(non_empty) else None
        next_line = lines[next_index] if next_index is not None else None
        heading = _MD_HEADING.match(line) if markdown else None
        if heading:
            level = len(heading.group(1))
            runs = _runs_from_markdown(heading.group(2), markdown)
            blocks.append(Block(BlockKind.HEADING, runs, level=level))
            continue
        bullet = _BULLET.match(line)
        numbered = None if bullet else _NUMBERED.match(line)
        if bullet or numbered:
            found = bullet or numbered
            assert found is not None
            indent = len(found.group(1).expandtabs(4))
            runs = _runs_from_markdown(found.group(2).strip(), markdown)
            blocks.append(
                Block(BlockKind.LIST_ITEM, runs, level=indent // 2, numbered=numbered is not None)
            )
            continue
        stripped = line.strip()
        if _looks_like_heading(stripped, next_line):
            runs = _runs_from_markdown(stripped, markdown)
            blocks.append(Block(BlockKind.HEADING, runs, level=2, inferred=True))
            continue
        blocks.append(Block(BlockKind.PARAGRAPH, _runs_from_markdown(stripped, markdown)))
    title = None
    if blocks and blocks[0].kind is BlockKind.HEADING:
        title = blocks[0].text
    return Posting(tuple(blocks), title=title, source_path=source_path)
