"""``may_repeat`` (the repeated-phrase rule's prefilter) reads long texts a piece at a time: a
repeat that crosses a piece's cut is still seen, and a text without one is still passed."""

from __future__ import annotations

import re

from postingstudio.core.rules.matcher import _PIECE, may_repeat

_REPEAT = re.compile(r"\b((?:\w+\W+){1,5}\w+)\W+\1\b", re.IGNORECASE)


def _words(count: int) -> list[str]:
    return [f"w{n}" for n in range(count)]  # all different: no phrase comes twice


def test_a_text_of_different_words_has_no_repeat_however_long() -> None:
    text = " ".join(_words(40_000))
    assert len(text) > 3 * _PIECE
    assert not may_repeat(text)
    assert not _REPEAT.search(text)


def test_a_repeat_across_each_cut_of_a_long_text_is_seen() -> None:
    words = _words(40_000)
    text = " ".join(words)
    for cut in range(_PIECE - 30, _PIECE + 30, 7):
        at = len(text[:cut].split())  # the word the cut falls in or after
        phrase = words[at - 2 : at + 1]
        doubled = " ".join(words[: at + 1] + phrase + words[at + 1 :])
        assert _REPEAT.search(doubled)
        assert may_repeat(doubled), cut


def test_non_ascii_words_always_may_repeat() -> None:
    assert may_repeat(" ".join(_words(100)) + " ſtraße")
