"""Readability of the whole posting and of each sentence, with textstat's formulas and word lists.

textstat treats a text as one stream and splits sentences only at ``.!?``, so a bullet list
without full stops becomes one 200-word "sentence" and the grade explodes. A posting is read
line by line, so here every block (bullet, heading, paragraph line) ends a sentence. Words,
syllables (CMU dictionary, then Pyphen, exactly as textstat counts them) and Dale–Chall easy
words are counted once, in one pass, and the published formulas are applied to those counts
(textstat re-tokenises the text for every metric; this is ~20× faster). For punctuated prose
the results equal textstat's own (tests/core/test_readability.py checks this).
"""

from __future__ import annotations

import re
from array import array
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate, chain
from typing import overload

from .syllables import cmu_lookup, cmu_syllables, fallback_syllables, import_textstat
from .text import TextIndex

# Flesch (1948) constants as textstat configures them for English.
_FRE_BASE, _FRE_SENTENCE, _FRE_SYLLABLE = 206.835, 1.015, 84.6
_MS_PER_CHAR = 14.69  # textstat's reading_time default (≈ 230 words per minute)


@lru_cache(maxsize=1)
def easy_words() -> frozenset[str]:
    """The Dale–Chall list of 3,000 familiar words, from textstat's resources (read directly
    when found: importing textstat, for this list alone, was ~25 ms of a one-file check)."""
    from .cache import package_file

    path = package_file("textstat", "resources/en/easy_words.txt")
    if path is not None:  # the same set textstat builds: every line, stripped
        return frozenset(line.strip() for line in path.read_text(encoding="utf-8").splitlines())
    import_textstat()
    from textstat.backend.utils._get_lang_easy_words import get_lang_easy_words

    return frozenset(get_lang_easy_words("en"))


@dataclass(frozen=True, slots=True)
class SentenceStats:
    """Counts for one sentence, located by offsets into the analysed text."""

    start: int
    end: int
    words: int
    syllables: int
    polysyllables: int

    @property
    def grade(self) -> float:
        """Flesch–Kincaid grade of this sentence alone."""
        if not self.words:
            return 0.0
        return 0.39 * self.words + 11.8 * self.syllables / self.words - 15.59


class SentenceTable(Sequence[SentenceStats]):
    """Every sentence's :class:`SentenceStats` as five int columns, made into objects as they
    are read: 20 bytes a sentence (4-byte ints, where the text is shorter than 2**31) instead
    of ~130 held as objects (a 200,000-line list has 200,000 sentences, counted while the rest
    of the analysis is held too)."""

    __slots__ = ("_columns",)

    def __init__(self, code: str = "q") -> None:
        self._columns = tuple(array(code) for _ in range(5))

    def append(self, start: int, end: int, words: int, syllables: int, poly: int) -> None:
        starts, ends, word_counts, syllable_counts, polys = self._columns
        starts.append(start)
        ends.append(end)
        word_counts.append(words)
        syllable_counts.append(syllables)
        polys.append(poly)

    def __len__(self) -> int:
        return len(self._columns[0])

    @property
    def word_counts(self) -> array[int]:
        """Each sentence's words: the column itself, to read without making every sentence's
        :class:`SentenceStats` (most are only asked how long they are). Do not modify it."""
        return self._columns[2]

    @overload
    def __getitem__(self, index: int) -> SentenceStats: ...
    @overload
    def __getitem__(self, index: slice) -> tuple[SentenceStats, ...]: ...
    def __getitem__(self, index: int | slice) -> SentenceStats | tuple[SentenceStats, ...]:
        if isinstance(index, slice):
            return tuple(map(SentenceStats, *(column[index] for column in self._columns)))
        return SentenceStats(*(column[index] for column in self._columns))

    def __iter__(self) -> Iterator[SentenceStats]:
        return map(SentenceStats, *self._columns)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, SentenceTable):
            return self._columns == other._columns
        return isinstance(other, Sequence) and tuple(self) == tuple(other)

    def __hash__(self) -> int:
        return hash(tuple(column.tobytes() for column in self._columns))

    def __repr__(self) -> str:
        return f"SentenceTable({list(self)!r})"


@dataclass(frozen=True, slots=True)
class Readability:
    """Counts the readability formulas need, over the whole text and per sentence."""

    words: int
    sentences: int
    syllables: int
    polysyllables: int  # ≥ 3 syllables (SMOG)
    complex_words: int  # ≥ 3 syllables and not a familiar word (Gunning fog, as textstat)
    difficult_words: int  # not on the Dale–Chall list (Dale–Chall, as textstat)
    letters: int
    per_sentence: SentenceTable

    @property
    def words_per_sentence(self) -> float:
        return self.words / self.sentences if self.sentences else 0.0

    @property
    def syllables_per_word(self) -> float:
        return self.syllables / self.words if self.words else 0.0

    @property
    def flesch_reading_ease(self) -> float:
        if not self.words or not self.sentences:
            return 0.0
        return (
            _FRE_BASE
            - _FRE_SENTENCE * self.words_per_sentence
            - _FRE_SYLLABLE * self.syllables_per_word
        )

    @property
    def flesch_kincaid_grade(self) -> float:
        if not self.words or not self.sentences:
            return 0.0
        return 0.39 * self.words_per_sentence + 11.8 * self.syllables_per_word - 15.59

    @property
    def gunning_fog(self) -> float:
        if not self.words:
            return 0.0
        return 0.4 * (self.words_per_sentence + 100 * self.complex_words / self.words)

    @property
    def smog_index(self) -> float:
        if not self.sentences:
            return 0.0
        return 1.043 * (30 * self.polysyllables / self.sentences) ** 0.5 + 3.1291

    @property
    def dale_chall(self) -> float:
        if not self.words:
            return 0.0
        percent = 100 * self.difficult_words / self.words
        score = 0.1579 * percent + 0.0496 * self.words_per_sentence
        return score + 3.6365 if percent > 5 else score

    @property
    def reading_time_s(self) -> float:
        return _MS_PER_CHAR * self.letters / 1000

    def metrics(self) -> dict[str, float]:
        return {
            "reading_ease": round(self.flesch_reading_ease, 1),
            "reading_grade": round(self.flesch_kincaid_grade, 1),
            "gunning_fog": round(self.gunning_fog, 1),
            "smog": round(self.smog_index, 1),
            "dale_chall": round(self.dale_chall, 2),
            "reading_time_s": round(self.reading_time_s, 1),
            "sentences": self.sentences,
            "words_per_sentence": round(self.words_per_sentence, 1),
            "longest_sentence_words": max(self.per_sentence.word_counts, default=0),
        }


# What the formulas count about one token: (words, syllables, polysyllabic, unfamiliar,
# complex), the last three as counts of words. A token always counts the same, so one memo
# serves every posting, and each token costs one lookup instead of a syllable lookup, a
# word-list test and three comparisons.
_WORD_COUNTS: dict[str, tuple[int, int, int, int, int]] = {}
_PIECE = 1 << 16  # characters counted at a time by _non_space
_MEMO_LIMIT = 20_000  # distinct words remembered before the memo starts afresh (a posting
# has a few thousand; 200,000 numbered lines would otherwise keep 30 MB of counts for good)
# Postings that lost the spaces between their words ("improveexistingprocessesandequipment")
# would read as one word of 14 syllables and a grade of 80. A token this long that is no word
# of the CMU dictionary is read as the dictionary words it is made of, when it splits wholly
# into them. Real words this long are in the dictionary, and clean prose has no such tokens.
_GLUED_LETTERS = 18
_LONGEST_PIECE = 20


def _one_word(norm: str) -> tuple[int, int, int, int, int]:
    syllables = cmu_syllables().get(norm)
    if syllables is None:
        syllables = fallback_syllables(norm)
    poly = int(syllables >= 3)
    unfamiliar = int(norm not in easy_words())
    return 1, syllables, poly, unfamiliar, poly & unfamiliar


def glued_pieces(norm: str) -> list[str] | None:
    """The fewest dictionary words that make up ``norm`` exactly, or None."""
    known = cmu_lookup()
    best: list[list[str] | None] = [[]] + [None] * len(norm)
    # Only a prefix that splits into words can come before a piece: those ends, in order
    # (trying all twenty begins at every end was a twentieth of the analysis).
    reachable = [0]
    first = 0
    for end in range(1, len(norm) + 1):
        while reachable[first] < end - _LONGEST_PIECE:
            first += 1
            if first == len(reachable):
                return None  # no piece can reach past a gap this long
        current: list[str] | None = None
        for begin in reachable[first:]:
            piece = norm[begin:end]
            if (len(piece) == 1 and piece not in "ai") or known(piece) is None:
                continue  # (a letter alone is no word but "a" and "i": not looked up)
            head = best[begin]
            if current is None or len(head) + 1 < len(current):  # type: ignore[arg-type]
                current = [*head, piece]  # type: ignore[misc]
        if current is not None:
            best[end] = current
            reachable.append(end)
    return best[-1]


def _word_counts(norm: str) -> tuple[int, int, int, int, int]:
    pieces = None
    if len(norm) >= _GLUED_LETTERS and norm.isalpha() and norm not in cmu_syllables():
        pieces = glued_pieces(norm)
    counts = _one_word(norm)
    if pieces:
        parts = [_one_word(piece) for piece in pieces]
        counts = (
            len(parts),
            sum(part[1] for part in parts),
            sum(part[2] for part in parts),
            sum(part[3] for part in parts),
            sum(part[4] for part in parts),
        )
    if norm.isdigit() and norm.isascii():
        return counts  # cheap to count again; a list of 200,000 numbers kept refilling the memo
    if len(_WORD_COUNTS) > _MEMO_LIMIT:
        _WORD_COUNTS.clear()
    _WORD_COUNTS[norm] = counts
    return counts


# Words as textstat 0.7 reads them: split at white space after removing punctuation, so
# "fast-paced" is one word ("fastpaced"), "£30,000" one ("30000") and "****" none. Curly
# apostrophes are straightened first so "you’ll" is the dictionary's "you'll".
_PUNCTUATION = re.compile(r"[^\w\s']|'(?![tsd]|ve|ll|re)")
# The same clean-up in two steps that run faster: the apostrophes first (their test reads the
# character after, which must still be there), then every other character the pattern drops,
# deleted by str.translate through a table that learns each character once.
_LONE_APOSTROPHE = re.compile(r"'(?![tsd]|ve|ll|re)")
_DROPPED = re.compile(r"[^\w\s']")


class _Deletions(dict[int, int | None]):
    def __missing__(self, code: int) -> int | None:
        kept = None if _DROPPED.fullmatch(chr(code)) else code
        if len(self) < 100_000:  # (a text of every code point must not keep them all)
            self[code] = kept
        return kept


_DELETE = _Deletions()


def _clean(text: str) -> str:
    """``text`` without what the formulas drop (``_PUNCTUATION``), lower-cased."""
    # (Two str.replace calls, not str.translate: on a text with any non-ASCII
    # character translate looks every character up in the table, three times slower.)
    cleaned = text.replace("’", "'").replace("‘", "'")
    if "'" in cleaned:
        cleaned = _LONE_APOSTROPHE.sub("", cleaned)
    return cleaned.translate(_DELETE).lower()


def sentence_words(text: str) -> list[str]:
    """The words of one sentence as the formulas count them (lower-cased)."""
    return _clean(text).split()


def pieces_words(pieces: Sequence[str]) -> list[list[str]]:
    """:func:`sentence_words` of each of ``pieces`` (none holding a line break), cleaned in one
    go as :func:`sentence_words_of` cleans sentences."""
    if not pieces:
        return []
    return [cleaned.split() for cleaned in _clean("\n".join(pieces)).split("\n")]


def sentence_words_of(text: str, sentences: Sequence[tuple[int, int]]) -> list[str]:
    """:func:`sentence_words` of each sentence before the split, cleaned in one go: joined by
    line breaks, which no sentence holds and where the apostrophe test stops as at an end."""
    if not sentences:
        return []
    joined = "\n".join([text[start:end] for start, end in sentences])
    return _clean(joined).split("\n")


_CHUNK = 512  # sentences counted at once by measure() (a few hundred KB of lists)


def _non_space(text: str) -> int:
    r"""Characters of ``text`` that are not white space.

    str.split() and the regex ``\s`` agree on what is white space (Py_UNICODE_ISSPACE), and
    dropping it by splitting is several times faster than a regex substitution. A piece at a
    time, as the words of a whole 6 MB text are a million strings (70 MB) at once; a run of
    white space cut in two is still all dropped.
    """
    return sum(
        len("".join(text[start : start + _PIECE].split())) for start in range(0, len(text), _PIECE)
    )


def measure(index: TextIndex) -> Readability:
    """Count once, over the shared sentences of the posting.

    The sentences are cleaned as one string, joined by line breaks (no sentence holds one, and
    a line break stops what the clean-up looks at, so each sentence reads as on its own), and
    every word's counts are looked up in one pass; each sentence's sums are differences of
    running totals. Per sentence, a regex substitution and a loop over its words cost twice as
    much.
    """
    text = index.text
    sentences = index.sentences
    stats = SentenceTable("i" if len(text) < 2**31 - 1 else "q")
    words = syllables = poly = complex_words = difficult = 0
    # A chunk of sentences at a time: the words of a 200,000-line list, their counts and running
    # totals at once were tens of MB (a sentence never holds a line break, so cleaning a chunk
    # joined by line breaks reads each sentence as on its own, as cleaning all at once does).
    for first in range(0, len(sentences), _CHUNK):
        chunk = sentences[first : first + _CHUNK]
        words_of = [piece.split() for piece in sentence_words_of(text, chunk)]
        norms = list(chain.from_iterable(words_of))
        found = list(map(_WORD_COUNTS.get, norms))  # one look-up per word, in C
        if None in found:
            found = [c or _word_counts(n) for c, n in zip(found, norms, strict=True)]
        if not found:
            continue
        words_col, syllables_col, poly_col, unfamiliar_col, complex_col = zip(*found, strict=True)
        word_sums = list(accumulate(words_col, initial=0))
        syllable_sums = list(accumulate(syllables_col, initial=0))
        poly_sums = list(accumulate(poly_col, initial=0))
        at = 0
        for (start, end), in_sentence in zip(chunk, words_of, strict=True):
            if not in_sentence:
                continue
            last = at + len(in_sentence)
            stats.append(
                start,
                end,
                word_sums[last] - word_sums[at],
                syllable_sums[last] - syllable_sums[at],
                poly_sums[last] - poly_sums[at],
            )
            at = last
        words += word_sums[-1]
        syllables += syllable_sums[-1]
        poly += poly_sums[-1]
        complex_words += sum(complex_col)
        difficult += sum(unfamiliar_col)
        del words_of, norms, found, word_sums, syllable_sums, poly_sums  # before the next chunk
    return Readability(
        words=words,
        sentences=len(stats),
        syllables=syllables,
        polysyllables=poly,
        complex_words=complex_words,
        difficult_words=difficult,
        letters=_non_space(text),
        per_sentence=stats,
    )
