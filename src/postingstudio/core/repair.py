"""Garbled characters (mojibake) repaired before analysis, with one offset map back to the text
the writer sees.

Postings pasted through the wrong encoding arrive as "you.¬†Job" or "Excel‚Ä¢ Word" (UTF-8
read as Mac Roman or cp1252). Counted as they are, "‚Ä¢" is a word, a bullet glued between two
items hides a sentence end, and the grade explodes. ``ftfy`` (imported only when a text looks
garbled) repairs each suspicious chunk; the analysis runs on the repaired text, and
:class:`OffsetMap` is the single place that turns repaired offsets back into offsets in the
shown text, so every finding still quotes the shown text exactly. The writer's text is never
changed silently: the repair is offered as a "fix the garbled characters" finding.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Any

from .findings import Finding
from .model import Posting
from .report import SalaryInfo, SectionResult
from .structure import Mark

# A chunk between white space (a no-break space may sit inside mojibake: "Â\xa0") with at
# least one character that typical mojibake starts with. Clean English text has none, so
# ftfy is neither imported nor run for it.
_SUSPECT = re.compile(r"[ÃÂâ€¬†‚ÄÔ¢Å∑ß≠ÇÄ]")
_CHUNK = re.compile(r"(?:[^\s]|\xa0)*[ÃÂâ€¬†‚ÄÔ¢Å∑ß≠ÇÄ](?:[^\s]|\xa0)*")
_RUN = re.compile(r"(?:[^\s]|\xa0)*")  # the rest of a chunk from a suspect character


def _chunks(text: str) -> list[tuple[int, int]]:
    """The spans ``_CHUNK.finditer`` finds: each run of non-space characters (or no-break
    spaces) holding a suspect character, from the suspect characters out. (_CHUNK opens
    with the run, so re read every word from each of its letters on to look for one.)"""
    spans: list[tuple[int, int]] = []
    position = 0
    search, run = _SUSPECT.search, _RUN.match
    while (suspect := search(text, position)) is not None:
        start = suspect.start()
        while start > position and (text[start - 1] == "\xa0" or not text[start - 1].isspace()):
            start -= 1
        end = run(text, start).end()  # type: ignore[union-attr]
        spans.append((start, end))
        position = end
    return spans


# Word's Symbol-font bullets land in the Private Use Area once repaired ("ÔÇ∑" -> U+F0B7).
_PRIVATE_BULLETS = str.maketrans({0xF0B7: "•", 0xF0A7: "•", 0xF076: "•", 0xF0D8: "•", 0xF0FC: "•"})


@lru_cache(maxsize=1)
def _fixer() -> Any:
    import ftfy  # lazily: only postings that look garbled pay for the import

    config = ftfy.TextFixerConfig(
        unescape_html=False,
        remove_terminal_escapes=False,
        fix_latin_ligatures=False,
        fix_character_width=False,
        uncurl_quotes=False,
        fix_line_breaks=False,
        fix_surrogates=False,
        remove_control_chars=False,
        normalization=None,
        explain=False,
    )
    return lambda text: ftfy.fix_text(text, config)


@dataclass(frozen=True, slots=True)
class Replacement:
    """Shown text ``[start, end)`` reads ``repaired`` once repaired."""

    start: int
    end: int
    garbled: str
    repaired: str


def _describe(item: Replacement) -> str:
    shown = item.repaired if item.repaired.strip() else "a space"
    return (
        f"“{item.garbled}” should read “{shown}”"
        if item.repaired.strip()
        else (f"“{item.garbled}” should be a space")
    )


class OffsetMap:
    """Repaired-text offsets to shown-text offsets (and back), from the list of replacements.

    Outside a replacement an offset moves by the length change of the replacements before
    it; inside one, a start goes to the replacement's start and an end to its end, so a
    finding never cuts a garbled chunk in half.
    """

    def __init__(self, replacements: list[Replacement]) -> None:
        self.replacements = replacements
        self._repaired_starts: list[int] = []
        self._repaired_ends: list[int] = []
        shift = 0
        for item in replacements:
            self._repaired_starts.append(item.start + shift)
            shift += len(item.repaired) - (item.end - item.start)
            self._repaired_ends.append(item.end + shift)

    def to_shown(self, offset: int, *, is_end: bool = False) -> int:
        position = bisect_right(self._repaired_starts, offset) - 1
        if position < 0:
            return offset
        item = self.replacements[position]
        repaired_start, repaired_end = (
            self._repaired_starts[position],
            self._repaired_ends[position],
        )
        if offset >= repaired_end:
            return item.end + (offset - repaired_end)
        if offset == repaired_start:
            return item.start
        return item.end if is_end else item.start

    def garbled_marks(self) -> list[Mark]:
        """Each repaired chunk as a mark on the repaired text, its fix the repair itself."""
        return [
            Mark(start, end, (item.repaired,), _describe(item))
            for start, end, item in zip(
                self._repaired_starts, self._repaired_ends, self.replacements, strict=True
            )
        ]

    def span_to_shown(self, start: int, end: int) -> tuple[int, int]:
        shown_start = self.to_shown(start)
        if end <= start:
            return shown_start, shown_start
        return shown_start, max(shown_start, self.to_shown(end, is_end=True))


@dataclass(frozen=True)
class Repair:
    """A posting as shown and as repaired for analysis, with the map between their offsets."""

    shown: Posting
    repaired: Posting
    offsets: OffsetMap


def find_replacements(text: str) -> list[Replacement]:
    """Garbled chunks of ``text`` and their repaired form (none for clean text)."""
    if not _SUSPECT.search(text):
        return []
    fix = _fixer()
    found: list[Replacement] = []
    for chunk_start, chunk_end in _chunks(text):
        # A repaired no-break space becomes a plain space: the writer meant a gap, not a glyph.
        garbled = text[chunk_start:chunk_end]
        repaired = fix(garbled).replace("\xa0", " ").translate(_PRIVATE_BULLETS)
        if repaired == garbled:
            continue
        # Only the characters that change: "¬†Requirements:‚Ä¢" -> "¬†" and "‚Ä¢" (a chunk
        # is a few dozen characters, so comparing it character by character is cheap).
        from difflib import SequenceMatcher  # only for a text that needed repair

        matcher = SequenceMatcher(None, garbled, repaired, autojunk=False)
        for tag, low, high, new_low, new_high in matcher.get_opcodes():
            if tag != "equal":
                found.append(
                    Replacement(
                        chunk_start + low,
                        chunk_start + high,
                        garbled[low:high],
                        repaired[new_low:new_high],
                    )
                )
    return found


def repair_posting(posting: Posting) -> Repair | None:
    """The posting with its garbled chunks repaired, or None when there are none."""
    replacements = find_replacements(posting.text)
    if not replacements:
        return None
    blocks = []
    starts = posting.block_starts
    position = 0
    for number, block in enumerate(posting.blocks):
        start, text = starts[number], block.text
        end = start + len(text)
        pieces, cursor = [], start
        while position < len(replacements) and replacements[position].start < end:
            item = replacements[position]
            pieces.append(posting.text[cursor : item.start])
            pieces.append(item.repaired.replace("\n", " "))  # a block never gains a line
            cursor = item.end
            position += 1
        pieces.append(posting.text[cursor:end])
        repaired_text = "".join(pieces)
        blocks.append(block if repaired_text == text else block.with_text(repaired_text))
    return Repair(posting, posting.with_blocks(tuple(blocks)), OffsetMap(replacements))


def on_shown_text(finding: Finding, offsets: OffsetMap, shown: str) -> Finding:
    """A finding made on the repaired text, moved onto the shown text."""
    start, end = offsets.span_to_shown(finding.start, finding.end)
    return replace(finding, start=start, end=end, text=shown[start:end])


def shown_sections(sections: Any, offsets: OffsetMap) -> tuple[SectionResult, ...]:
    """Section results moved from repaired-text offsets onto the shown text (None stays None)."""
    moved = []
    for section in sections:
        start = None if section.start is None else offsets.to_shown(section.start)
        end = None if section.end is None else offsets.to_shown(section.end, is_end=True)
        moved.append(
            replace(section, start=start, end=end, insert_at=offsets.to_shown(section.insert_at))
        )
    return tuple(moved)


def shown_salary(salary: SalaryInfo, offsets: OffsetMap, shown: str) -> SalaryInfo:
    """The salary reading moved onto the shown text, its ``text`` re-read there."""
    if salary.start is None or salary.end is None:
        return salary
    start, end = offsets.span_to_shown(salary.start, salary.end)
    return replace(salary, start=start, end=end, text=shown[start:end])
