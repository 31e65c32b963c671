"""Text primitives shared by every analyser: word tokens and sentence spans, with true offsets.

Nothing here deletes characters: every token and sentence carries code-point offsets into the
original text, so findings built from them always quote the text exactly.
"""

from __future__ import annotations

import re
from array import array
from bisect import bisect_right
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cached_property
from itertools import accumulate
from typing import overload

from .sentences import sentence_columns
from .sentences import sentence_spans as sentence_spans  # re-exported: tests and benchmarks

# A word: letters/digits, with inner apostrophes ("you'll", "o'clock"). Hyphens split words, so
# "fast-paced" and "fast paced" are the same two tokens. "****" (Adzuna's masked numbers) and
# currency-free numbers count as words too.
_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*|\*{2,}")
# Split at words, keeping them. The same pattern with possessive quantifiers (Python 3.11+): a
# word never needs to give characters back, and not recording backtrack points is 10% faster.
_WORD_SPLIT = re.compile(r"([^\W_]++(?:['’][^\W_]++)*+|\*{2,}+)")
_APOSTROPHES = str.maketrans({"’": "'", "‘": "'"})
# Characters tokenised at a time: big enough that the per-piece overhead is nothing, small
# enough that one piece's words and gaps as strings take a few megabytes, not hundreds.
_PIECE = 1 << 16
# Offsets as 4-byte ints where they fit (a file is at most 20 MB of text, docio refuses more):
# 1.2 million words then take 10 MB less than with 8-byte ones.
_SHORT_TEXT = 2**31 - 1
# Distinct norms remembered for sharing before the memo starts afresh: a posting has a few
# thousand; a vocabulary larger than this (numbers, codes) is mostly words met once.
_SHARED_LIMIT = 20_000


@dataclass(slots=True, eq=False)
class Token:
    """A word. Not frozen only because frozen dataclasses are twice as slow to build, and a
    posting has thousands of tokens; treat it as immutable."""

    start: int
    end: int
    norm: str  # lower-cased, curly apostrophes straightened


def token_columns(text: str) -> tuple[array[int], array[int], list[str]]:
    """The words of ``text`` as three parallel columns: start offsets, end offsets and norms.

    Offsets are ``array`` columns (4 bytes a word instead of a list slot and an int object,
    40), and equal norms are one shared string: a 200,000-line list has 1.2 million words but
    a few hundred thousand distinct ones. The text is split a piece at a time, so the pieces
    (words and the gaps between them) never all exist at once.
    """
    code = "i" if len(text) < _SHORT_TEXT else "q"
    starts: array[int] = array(code)
    ends: array[int] = array(code)
    norms: list[str] = []
    shared: dict[str, str] = {}
    position = 0
    while position < len(text):
        stop = _piece_end(text, position)
        _columns_of(text, position, stop, starts, ends, norms, shared)
        position = stop
        if len(shared) > _SHARED_LIMIT:
            shared.clear()  # (a list of 200,000 numbers would keep them all in it: 10 MB)
    return starts, ends, norms


def _piece_end(text: str, position: int) -> int:
    """Where the piece of text from ``position`` ends: at a line break (never inside a word,
    as a line break is not a word character), or at the end of the text."""
    if len(text) - position <= _PIECE:
        return len(text)
    cut = text.find("\n", position + _PIECE)
    return len(text) if cut < 0 else cut + 1


def _columns_of(
    text: str,
    begin: int,
    stop: int,
    starts: array[int],
    ends: array[int],
    norms: list[str],
    shared: dict[str, str],
) -> None:
    piece = text[begin:stop]
    # (str.replace, not str.translate(_APOSTROPHES): translate looks every character of a
    # text with any non-ASCII one up in the table, several times slower than two scans.)
    lowered = piece.replace("’", "'").replace("‘", "'").lower()
    share = shared.setdefault
    if len(lowered) == len(piece):
        # No character grew when lower-cased (the usual case), so offsets in the lowered text
        # are offsets in the original. Splitting at the words gives gap, word, gap, ..., gap;
        # the running total of the pieces' lengths then holds every start and end. All of it
        # runs in C, where a match object per word cost a third of the tokenising time.
        pieces = _WORD_SPLIT.split(lowered)
        offsets = array(starts.typecode, accumulate(map(len, pieces), initial=begin))
        starts.extend(offsets[1:-1:2])
        ends.extend(offsets[2::2])
        words = pieces[1::2]
        norms.extend(map(share, words, words))
        return
    for match in _WORD.finditer(piece):
        starts.append(begin + match.start())
        ends.append(begin + match.end())
        norm = match.group().lower().translate(_APOSTROPHES)
        norms.append(share(norm, norm))


def tokenize(text: str) -> list[Token]:
    """The words of ``text`` as tokens with offsets and norms."""
    return list(map(Token, *token_columns(text)))


def normalise_phrase(phrase: str) -> tuple[str, ...]:
    """The token sequence a lexicon phrase matches ("Work hard, play hard" -> 4 tokens)."""
    return tuple(token.norm for token in tokenize(phrase))


class Spans(Sequence[tuple[int, int]]):
    """(start, end) pairs kept as two int columns and made into tuples as they are read: a
    200,000-line list has 200,000 sentences, as a list of pairs ~25 MB, as columns under 2."""

    __slots__ = ("starts", "ends")

    def __init__(self, starts: array[int], ends: array[int]) -> None:
        self.starts = starts
        self.ends = ends

    def __len__(self) -> int:
        return len(self.starts)

    @overload
    def __getitem__(self, index: int) -> tuple[int, int]: ...
    @overload
    def __getitem__(self, index: slice) -> list[tuple[int, int]]: ...
    def __getitem__(self, index: int | slice) -> tuple[int, int] | list[tuple[int, int]]:
        if isinstance(index, slice):
            return list(zip(self.starts[index], self.ends[index], strict=True))
        return (self.starts[index], self.ends[index])

    def __iter__(self) -> Iterator[tuple[int, int]]:
        return zip(self.starts, self.ends, strict=True)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Spans):
            return self.starts == other.starts and self.ends == other.ends
        return isinstance(other, Sequence) and list(self) == list(other)

    def __hash__(self) -> int:
        return hash((self.starts.tobytes(), self.ends.tobytes()))

    def __repr__(self) -> str:
        return f"Spans({list(self)!r})"


class TextIndex:
    """The analysed text with its tokens and sentences computed once, shared by all analysers."""

    def __init__(self, text: str) -> None:
        self.text = text
        # Per term table, the token positions where one of its terms may start, when a
        # ``rules.terms.TermScan`` walked the tokens for several tables at once.
        self.term_starts: dict[object, list[int]] = {}

    @cached_property
    def _columns(self) -> tuple[array[int], array[int], list[str]]:
        return token_columns(self.text)

    @cached_property
    def tokens(self) -> list[Token]:
        return list(map(Token, *self._columns))

    # The tokens' fields as plain lists, for loops that read one field of every token
    # (cheaper than an attribute lookup per token) and for bisecting by offset.
    @property
    def starts(self) -> array[int]:
        return self._columns[0]

    @property
    def ends(self) -> array[int]:
        return self._columns[1]

    @property
    def norms(self) -> list[str]:
        return self._columns[2]

    @cached_property
    def sentences(self) -> Spans:
        """The sentences as (start, end) pairs (a read-only sequence)."""
        return Spans(*sentence_columns(self.text))

    @property
    def sentence_starts(self) -> array[int]:
        """Where each sentence starts (for bisecting); shared, so do not modify."""
        return self.sentences.starts

    def sentence_of(self, offset: int) -> tuple[int, int]:
        """The sentence containing ``offset`` (or the nearest one before it)."""
        index = bisect_right(self.sentence_starts, offset) - 1
        if index < 0:
            return (0, 0) if not self.sentences else self.sentences[0]
        return self.sentences[index]

    @cached_property
    def word_count(self) -> int:
        """Words, not counting Adzuna's masked numbers ("****")."""
        norms = self.norms
        if "**" not in self.text:  # a masked number is a token of two or more "*", nothing else
            return len(norms)
        return len(norms) - sum(1 for norm in norms if norm[0] == "*")
