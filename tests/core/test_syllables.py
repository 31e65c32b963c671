"""The pruned hyphenation search counts exactly the break points Pyphen finds (textstat's
syllable fallback for words the CMU dictionary lacks)."""

from __future__ import annotations

import random

from postingstudio.core.syllables import _hyphenation, _pyphen, cmu_syllables, count_syllables

ODD_WORDS = [
    "", "a", "kubernetes", "fintech", "onboarding", "upskilling", "devops", "saas", "İstanbul",
    "STRASSE", "ﬁnance", "o'clock", "you're", "naïve", "café", "x" * 40, "co-ordinator",
]  # fmt: skip


def test_counts_equal_pyphen_positions():
    pyphen, hyphenation = _pyphen(), _hyphenation()
    rng = random.Random(11)
    words = ODD_WORDS + rng.sample(sorted(cmu_syllables()), 3000)
    letters = "abcdefghijklmnopqrstuvwxyzéßİ'."
    words += ["".join(rng.choice(letters) for _ in range(rng.randint(1, 25))) for _ in range(3000)]
    for word in words:
        assert hyphenation.count(word) == len(pyphen.positions(word)), word


def test_words_missing_from_cmu_fall_back_to_hyphenation():
    assert "kubernetes" not in cmu_syllables()
    assert count_syllables("kubernetes") == len(_pyphen().positions("kubernetes")) + 1
