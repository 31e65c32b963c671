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


def test_the_tokens_shortcut_agrees_with_reading_the_text() -> None:
    """``may_repeat_in`` reads the words from the index's tokens where they are the same: it
    answers as ``may_repeat`` does on apostrophes, curly quotes, case, non-ASCII words and
    punctuation, underscores and masked numbers."""
    import random

    from postingstudio.core.rules.matcher import may_repeat_in
    from postingstudio.core.text import TextIndex

    chance = random.Random(11)
    vocab = ["you'll", "we", "team", "don’t", "rock'n'roll", "x1", "9", "ll", "you", "s", "it"]
    rare = ["café", "İstanbul", "Ⅷ", "ǅ", "straße", "ſ", "\u212a", "a_b", "****", "ﬁ"]
    gaps = [" ", ", ", ". ", "\n", " - ", "'", " '", "’", " ‘", " • ", " – ", "“", "\u00a0", "Ⓐ"]
    for _ in range(5000):
        words = [chance.choice(vocab if chance.random() < 0.8 else rare) for _ in range(12)]
        text = "".join(word + chance.choice(gaps) for word in words)
        if chance.random() < 0.3:
            text += text[: len(text) // 2]
        if chance.random() < 0.2:
            text = text.upper()
        assert may_repeat_in(TextIndex(text)) == may_repeat(text), text
