r"""From analysed-text offsets back to the input file: what a finding's ``line``/``column`` or
``paragraph``/``offset`` in ``postingstudio check --format json`` are built on.

The analysed text is the posting's blocks joined with ``\n``; the file is not (blank lines,
Markdown marks, HTML tags, Word's runs). A reader in ``docio`` says where each block came from
and what that place's own text is; :class:`Aligned` maps offsets in the block's text to offsets
in that text, so a finding points at the same characters in the file.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable
from difflib import SequenceMatcher

from .model import Posting

# (start, end) in the analysed text -> the fields that place the finding in the input file.
Placer = Callable[[int, int], dict[str, object]]


class Aligned:
    """Offsets in ``analysed`` mapped to offsets in ``source``, the text it was read from.

    Equal texts map one to one (the usual case). Otherwise the matching stretches of the two
    (difflib, no junk heuristic: a posting line is short) carry the offsets; an offset in text
    the source does not have (a Markdown mark the reader removed is the other way round) goes
    to where the previous matching stretch ended.
    """

    def __init__(self, analysed: str, source: str) -> None:
        self.identity = analysed == source
        self.length = len(source)
        if self.identity:
            return
        matcher = SequenceMatcher(None, analysed, source, autojunk=False)
        blocks = [b for b in matcher.get_matching_blocks() if b.size]  # not the empty sentinel
        self._a = [b.a for b in blocks]
        self._blocks = blocks

    def __call__(self, offset: int) -> int:
        if self.identity:
            return min(offset, self.length)
        index = bisect_right(self._a, offset) - 1
        if index < 0:
            return min(offset, self._blocks[0].b if self._blocks else self.length)
        a, b, size = self._blocks[index]
        if offset < a + size:
            return b + offset - a
        following = self._blocks[index + 1].b if index + 1 < len(self._blocks) else self.length
        return min(b + size + (offset - a - size), following)


def block_offset(posting: Posting, offset: int) -> tuple[int, int]:
    """The block holding analysed-text ``offset`` and the offset inside that block's text.

    A newline between blocks, and the very end of the text, belong to the block before them;
    ``(-1, offset)`` for a posting without blocks.
    """
    index = posting.block_at(offset)
    if index < 0:
        return -1, offset
    inside = offset - posting.block_starts[index]
    return index, min(inside, len(posting.blocks[index].text))


def last_character(start: int, end: int) -> int:
    """The offset of a span's last character (its start for an empty, document-level span)."""
    return end - 1 if end > start else start
