"""Code-point ↔ UTF-16 offset conversion: the one place where the two units meet.

``core`` offsets are Python code-point indices into the analysed text. Qt (``QTextCursor``
positions) and LanguageTool (match ``offset``/``length``) count UTF-16 code units, where every
character outside the Basic Multilingual Plane (emoji such as 😀, mathematical letters such as
𝒳) takes two units, a surrogate pair. Everything else is one unit in both counts, so the two
offsets differ by the number of astral characters before the position.

Use :func:`utf16_to_codepoint` / :func:`codepoint_to_utf16` for one-off conversions and
:class:`Utf16Index` when converting many offsets into the same text (a check result with
hundreds of matches, the visible range of the editor): it scans the text once and then answers
each conversion with a binary search.

A UTF-16 offset can land *inside* a surrogate pair (a buggy server, a cursor in a broken
document). Such offsets are rounded to a character boundary: down (``floor``) by default,
which suits span starts, or up (``ceil``), which suits span ends, so a span never loses the
character it half covers.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from typing import Literal

__all__ = [
    "Rounding",
    "Utf16Index",
    "codepoint_to_utf16",
    "utf16_length",
    "utf16_to_codepoint",
]

Rounding = Literal["floor", "ceil"]

# Astral characters: everything above U+FFFF is a surrogate pair in UTF-16. A lone surrogate in
# a Python str (possible with surrogateescape data) is one code point and one UTF-16 unit, so
# it needs no special treatment.
_ASTRAL = re.compile("[\U00010000-\U0010ffff]")


class Utf16Index:
    """Converts offsets between code points and UTF-16 units for one immutable text.

    Build it once per text (O(n) scan); each conversion is O(log k) for k astral characters and
    O(1) when the text has none, which is the common case. Instances are immutable and safe to
    share between threads.
    """

    __slots__ = ("_astral_cp", "_astral_u16", "_cp_length", "_u16_length")

    def __init__(self, text: str) -> None:
        # Code-point index of each astral character, and its UTF-16 start (index + earlier
        # astral characters). Both lists are sorted, so bisect answers "how many before".
        self._astral_cp: tuple[int, ...] = tuple(m.start() for m in _ASTRAL.finditer(text))
        self._astral_u16: tuple[int, ...] = tuple(cp + i for i, cp in enumerate(self._astral_cp))
        self._cp_length = len(text)
        self._u16_length = len(text) + len(self._astral_cp)

    @property
    def codepoint_length(self) -> int:
        return self._cp_length

    @property
    def utf16_length(self) -> int:
        return self._u16_length

    @property
    def is_identity(self) -> bool:
        """True when both units agree everywhere (no astral characters in the text)."""
        return not self._astral_cp

    def to_utf16(self, offset: int) -> int:
        """The UTF-16 offset of code-point ``offset`` (0 ≤ offset ≤ len(text))."""
        if not 0 <= offset <= self._cp_length:
            raise ValueError(f"code-point offset {offset} outside 0..{self._cp_length}")
        if not self._astral_cp:
            return offset
        return offset + bisect_left(self._astral_cp, offset)

    def to_codepoint(self, offset: int, rounding: Rounding = "floor") -> int:
        """The code-point offset of UTF-16 ``offset`` (0 ≤ offset ≤ UTF-16 length).

        An offset between the two halves of a surrogate pair is rounded down to the start of
        that character (``floor``) or up to its end (``ceil``).
        """
        if not 0 <= offset <= self._u16_length:
            raise ValueError(f"UTF-16 offset {offset} outside 0..{self._u16_length}")
        if not self._astral_cp:
            return offset
        # Astral characters starting strictly before ``offset`` each contributed one extra
        # unit, except a pair that ``offset`` splits, which contributed only its first half.
        before = bisect_left(self._astral_u16, offset)
        if before and self._astral_u16[before - 1] + 1 == offset:
            # Inside a pair: the character starts at code point astral_cp[before - 1].
            start = self._astral_cp[before - 1]
            return start if rounding == "floor" else start + 1
        return offset - before

    def span_to_codepoint(self, start: int, length: int) -> tuple[int, int]:
        """A UTF-16 (start, length) span, as LanguageTool reports it, in code points
        (start, end). The start rounds down and the end rounds up, and both are clamped into
        the text, so a slightly-off span from a server still quotes real characters."""
        start = min(max(start, 0), self._u16_length)
        end = min(max(start + max(length, 0), start), self._u16_length)
        return self.to_codepoint(start, "floor"), self.to_codepoint(end, "ceil")

    def span_to_utf16(self, start: int, end: int) -> tuple[int, int]:
        """A code-point (start, end) span in UTF-16 units (start, end), e.g. for a QTextCursor."""
        return self.to_utf16(start), self.to_utf16(end)


def utf16_length(text: str) -> int:
    """Length of ``text`` in UTF-16 code units (what Qt and LanguageTool count)."""
    return len(text) + len(_ASTRAL.findall(text))


def codepoint_to_utf16(text: str, offset: int) -> int:
    """The UTF-16 offset of code-point ``offset`` in ``text``."""
    if not 0 <= offset <= len(text):
        raise ValueError(f"code-point offset {offset} outside 0..{len(text)}")
    return offset + len(_ASTRAL.findall(text, 0, offset))


def utf16_to_codepoint(text: str, offset: int, rounding: Rounding = "floor") -> int:
    """The code-point offset of UTF-16 ``offset`` in ``text`` (see :class:`Utf16Index`)."""
    return Utf16Index(text).to_codepoint(offset, rounding)
