"""Fast term lookup over word tokens: thousands of lexicon phrases matched in one pass.

Terms are compiled once into a word trie, so matching a posting costs about one dictionary
lookup per token instead of one regular expression per term. A trailing ``*`` makes the last
word a prefix stem ("compet*"); stems are kept per trie node in a table keyed by their first
three letters. Several tables (rules, gender, benefits, EEO and section cues) are walked together
by a :class:`TermScan`, so a posting costs one lookup per token for all of them.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from itertools import compress
from typing import Any, Generic, TypeVar

from ..text import TextIndex, Token, normalise_phrase

T = TypeVar("T")
_BREAK = re.compile(r"[.!?;:\n]")
_STEM_KEY = 3
_CACHE_LIMIT = 20_000  # distinct words remembered per table before the memo starts afresh;
# a posting has a few thousand, and a long list of numbered lines must not grow it by megabytes
_NOTHING: tuple[tuple[()], None] = ((), None)  # a word that starts no term (shared, tested by `is`)


def compile_term(term: str) -> tuple[tuple[str, ...], bool]:
    """A rule term as normalised words and whether it ends in ``*`` (a stem); empty terms raise."""
    stripped = term.strip()
    stem = stripped.endswith("*")
    words = normalise_phrase(stripped.rstrip("*"))
    if not words:
        raise ValueError(f"term '{term}' has no words")
    return words, stem


class _Node(Generic[T]):
    __slots__ = ("children", "ends", "stems", "short_stems")

    def __init__(self) -> None:
        self.children: dict[str, _Node[T]] = {}
        self.ends: list[T] = []  # payloads of terms that end at this node
        self.stems: dict[str, list[tuple[str, T]]] = defaultdict(list)  # key -> (prefix, payload)
        self.short_stems: list[tuple[str, T]] = []  # prefixes shorter than the key

    def stem_matches(self, norm: str) -> Iterator[T]:
        for prefix, payload in self.stems.get(norm[:_STEM_KEY], ()):
            if norm.startswith(prefix):
                yield payload
        for prefix, payload in self.short_stems:
            if norm.startswith(prefix):
                yield payload


class TermTable(Generic[T]):
    """Many terms, each with a payload; finds every (longest per payload) match in a text."""

    def __init__(self) -> None:
        self._root: _Node[T] = _Node()
        self._longest = 1
        self._cache: dict[str, tuple[tuple[T, ...], _Node[T] | None]] = {}
        self.version = 0  # bumped by every add, so a TermScan knows its memo is stale

    def add(self, term: str, payload: T) -> None:
        words, stem = compile_term(term)
        self._cache.clear()
        self.version += 1
        self._longest = max(self._longest, len(words))
        node = self._root
        for word in words[:-1] if stem else words:
            node = node.children.setdefault(word, _Node())
        if not stem:
            node.ends.append(payload)
        elif len(words[-1]) >= _STEM_KEY:
            node.stems[words[-1][:_STEM_KEY]].append((words[-1], payload))
        else:
            node.short_stems.append((words[-1], payload))

    def freeze(self) -> None:
        """Kept for callers that build tables in two steps; the trie needs no finishing."""

    def _first_word(self, norm: str) -> tuple[tuple[T, ...], _Node[T] | None]:
        """What one word starts: the one-word terms it completes (exact or stem) and the trie
        node to walk on from for longer terms. Remembered per distinct word, so a posting costs
        one dictionary lookup per token."""
        entry = self._cache.get(norm)
        if entry is None:
            root = self._root
            child = root.children.get(norm)
            # root.stem_matches(norm) written out: a generator per new word cost more than
            # the look-ups it makes.
            stems = root.stems.get(norm[:_STEM_KEY])
            singles = [p for prefix, p in stems if norm.startswith(prefix)] if stems else []
            if root.short_stems:
                singles += [p for prefix, p in root.short_stems if norm.startswith(prefix)]
            if child is not None:
                singles.extend(child.ends)
                if not (child.children or child.stems or child.short_stems):
                    child = None
            if len(self._cache) > _CACHE_LIMIT:
                self._cache.clear()
            entry = (tuple(singles), child) if singles or child is not None else _NOTHING
            self._cache[norm] = entry
        return entry

    def starts_something(self, norm: str) -> bool:
        """True when a term (of one word or more) may start with this word."""
        return self._first_word(norm) is not _NOTHING

    def next_words(self, norm: str) -> dict[str, Any] | None:
        """For a word that starts only longer terms, and no stem on their second word: the
        words that may follow it (a term can start here only if the next word is one of them).
        None when a term may start here whatever follows (or none can: ask starts_something).
        """
        singles, node = self._first_word(norm)
        if singles or node is None or node.stems or node.short_stems:
            return None
        return node.children

    def matches_at(self, norms: Sequence[str], index: int) -> list[tuple[int, T]]:
        """(end token, payload) of every term matching at token ``index`` of the word list
        ``norms`` (``TextIndex.norms``), longest first."""
        singles, node = self._first_word(norms[index])
        return self._walk(norms, index, singles, node)

    @staticmethod
    def _walk(
        norms: Sequence[str], index: int, singles: tuple[T, ...], node: _Node[T] | None
    ) -> list[tuple[int, T]]:
        found: list[tuple[int, T]] = [(index + 1, payload) for payload in singles]
        position = index + 1
        count = len(norms)
        while node is not None and position < count:
            norm = norms[position]
            if node.stems or node.short_stems:
                found.extend((position + 1, p) for p in node.stem_matches(norm))
            node = node.children.get(norm)
            if node is None:
                break
            position += 1
            if node.ends:
                found.extend((position, p) for p in node.ends)
        if len(found) > 1:
            found.sort(key=lambda item: -item[0])
        return found

    def find(self, tokens: Sequence[Token], text: str | None = None) -> list[tuple[int, int, T]]:
        """:meth:`find_in` over a list of tokens."""
        starts = [token.start for token in tokens]
        ends = [token.end for token in tokens]
        return self._find([token.norm for token in tokens], starts, ends, text, None)

    def find_in(self, index: TextIndex, within_sentences: bool = True) -> list[tuple[int, int, T]]:
        """Yield (first token, end token, payload) of the terms in a text; for one payload,
        matches never overlap.

        ``within_sentences``: a phrase never spans a sentence end or a line break ("this job.
        Duties" is not "job duties", and a heading never runs into the next line). Only the
        token positions a :class:`TermScan` left on the index for this table are visited (all
        tokens when no scan covered it); words that start nothing would be skipped anyway.
        """
        return self._find(
            index.norms,
            index.starts,
            index.ends,
            index.text if within_sentences else None,
            index.term_starts.get(self),
        )

    def _find(
        self,
        norms: Sequence[str],
        starts: Sequence[int],
        ends: Sequence[int],
        text: str | None,
        positions: Iterable[int] | None,
    ) -> list[tuple[int, int, T]]:
        # A list built in one loop, not a generator: every caller takes all the matches, and
        # resuming a generator per match was a tenth of the section cue look-up.
        get, first_word, walk = self._cache.get, self._first_word, self._walk
        busy_until: dict[int, int] = {}
        busy = busy_until.get
        out: list[tuple[int, int, T]] = []
        add = out.append
        search = _BREAK.search
        last = len(norms) - 1
        for index in range(len(norms)) if positions is None else positions:
            norm = norms[index]
            entry = get(norm)
            if entry is None:
                entry = first_word(norm)
            if entry is _NOTHING:
                continue
            singles, node = entry
            # Most phrases start with a common word ("and", "the", "to") that the next word
            # does not continue: test that here, and walk the trie only when it may go on.
            if (
                node is None
                or index >= last
                or not (node.stems or node.short_stems or norms[index + 1] in node.children)
            ):
                for payload in singles:  # one-word terms: nothing to cross
                    key = id(payload)
                    if busy(key, -1) <= index:
                        busy_until[key] = index + 1
                        add((index, index + 1, payload))
                continue
            for end, payload in walk(norms, index, singles, node):
                key = id(payload)
                if busy(key, -1) > index:
                    continue
                if (
                    text is not None
                    and end - index > 1
                    and search(text, ends[index], starts[end - 1])
                ):
                    continue
                busy_until[key] = end
                add((index, end, payload))
        return out

    def occurs_overlapping(self, norms: Sequence[str], start: int, end: int) -> bool:
        """True when any term occurs at a token span overlapping [start, end) (token positions
        in the word list ``norms``)."""
        for index in range(max(0, start - self._longest + 1), min(end, len(norms))):
            for stop, _payload in self.matches_at(norms, index):
                if stop > start:
                    return True
        return False


_SCAN_CHUNK = 1 << 15  # tokens TermScan.run looks up at once
# What terms can open with: first words, keys of one-word stems, one-word stems below a key.
_Openers = tuple[frozenset[str], frozenset[str], tuple[str, ...]]


class TermScan:
    """One walk over a posting's tokens for several term tables.

    Each table's :meth:`TermTable.find` would otherwise visit every token just to learn that most
    words start nothing. The scan remembers, per distinct word, which tables a term may start
    with it, and leaves on the :class:`TextIndex` the token positions worth visiting per table.
    Common words ("and", "the", "to") start many phrases, almost never followed by their second
    word: for those the scan also checks the next word before recording the position.
    """

    def __init__(self, tables: Iterable[TermTable[Any]]) -> None:
        self.tables = tuple(tables)
        # word -> (table, the words that must follow it there, or None for any) for each table
        # in which a term may start with the word
        self._which: dict[str, tuple[tuple[int, dict[str, Any] | None], ...]] = {}
        self._versions = self._current_versions()
        self._openers, self._table_openers = self._first_words()

    def _current_versions(self) -> tuple[int, ...]:
        return tuple(table.version for table in self.tables)

    def _first_words(self) -> tuple[_Openers, list[tuple[int, TermTable[Any], _Openers]]]:
        """What a term of any table can open with: its first words, the keys of one-word stems
        and the one-word stems shorter than a key; and the same for each table."""
        per_table = []
        for n, table in enumerate(self.tables):
            root = table._root
            short = tuple(prefix for prefix, _payload in root.short_stems)
            per_table.append((n, table, (frozenset(root.children), frozenset(root.stems), short)))
        words = frozenset().union(*(opens[0] for _n, _t, opens in per_table))
        keys = frozenset().union(*(opens[1] for _n, _t, opens in per_table))
        short = tuple(prefix for _n, _t, opens in per_table for prefix in opens[2])
        return (words, keys, short), per_table

    def _learn(self, norm: str) -> tuple[tuple[int, dict[str, Any] | None], ...]:
        # Most new words open no term anywhere: three tests tell, without asking every table.
        words, keys, short = self._openers
        key = norm[:_STEM_KEY]
        if norm not in words and key not in keys and not norm.startswith(short):
            if len(self._which) > _CACHE_LIMIT:
                self._which.clear()
            self._which[norm] = ()
            return ()
        # starts_something and next_words, asking each table's memo once instead of twice, and
        # only the tables where the same three tests say a term may open with the word
        found: list[tuple[int, dict[str, Any] | None]] = []
        for n, table, (words, keys, short) in self._table_openers:
            if norm not in words and key not in keys and not norm.startswith(short):
                continue
            entry = table._first_word(norm)
            if entry is _NOTHING:
                continue
            singles, node = entry
            stemmed = node is None or node.stems or node.short_stems
            found.append((n, None if singles or stemmed else node.children))  # type: ignore[union-attr]
        which = tuple(found)
        if len(self._which) > _CACHE_LIMIT:
            self._which.clear()
        self._which[norm] = which
        return which

    def run(self, index: TextIndex) -> None:
        """Record on ``index`` (``term_starts``) the start positions for every table."""
        versions = self._current_versions()
        if versions != self._versions:  # a table gained terms since: forget what was learnt
            self._which.clear()
            self._versions = versions
            self._openers, self._table_openers = self._first_words()
        per_table: list[list[int]] = [[] for _ in self.tables]
        appends = [positions.append for positions in per_table]
        norms = index.norms
        # Every token's entry looked up in C; words not seen before are learnt, then looked up.
        # A chunk of tokens at a time: a 200,000-line list's entries and next words at once
        # were two more lists as long as the text's tokens.
        get, learn, total = self._which.get, self._learn, len(norms)
        for begin in range(0, total, _SCAN_CHUNK):
            chunk = norms[begin : begin + _SCAN_CHUNK]
            whiches = list(map(get, chunk))
            if None in whiches:
                whiches = [which if which is not None else learn(norm)
                           for which, norm in zip(whiches, chunk, strict=True)]  # fmt: skip
            following = norms[begin + 1 : begin + _SCAN_CHUNK + 1]
            if len(following) < len(chunk):
                following.append("")  # no word is empty: nothing follows the last token
            # Only tokens that start a term in some table are visited (compress skips the rest).
            for offset in compress(range(len(chunk)), whiches):
                after = following[offset]
                for n, follow in whiches[offset] or ():
                    if follow is None or after in follow:
                        appends[n](begin + offset)
        index.term_starts.update(zip(self.tables, per_table, strict=True))
