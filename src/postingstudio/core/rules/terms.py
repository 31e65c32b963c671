"""Fast term lookup over word tokens: thousands of lexicon phrases matched in one pass.

Terms are compiled once into a table keyed by their first word, so matching a posting costs a
dictionary lookup per token instead of one regular expression per term. A trailing ``*`` makes
the last word a prefix stem ("compet*"); stems as first word are kept in a table keyed by their
first three letters.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

from ..text import Token, normalise_phrase

T = TypeVar("T")
_STEM_KEY = 3


@dataclass(frozen=True, slots=True)
class CompiledTerm(Generic[T]):
    words: tuple[str, ...]
    stem: bool  # last word is a prefix
    payload: T

    def matches_at(self, tokens: Sequence[Token], index: int) -> bool:
        end = index + len(self.words)
        if end > len(tokens):
            return False
        last = len(self.words) - 1
        for offset, word in enumerate(self.words):
            norm = tokens[index + offset].norm
            if offset == last and self.stem:
                if not norm.startswith(word):
                    return False
            elif norm != word:
                return False
        return True


def compile_term(term: str) -> tuple[tuple[str, ...], bool]:
    stripped = term.strip()
    stem = stripped.endswith("*")
    words = normalise_phrase(stripped.rstrip("*"))
    if not words:
        raise ValueError(f"term '{term}' has no words")
    return words, stem


class TermTable(Generic[T]):
    """Many terms, each with a payload; finds every (longest per payload) match in a text."""

    def __init__(self) -> None:
        self._by_first: dict[str, list[CompiledTerm[T]]] = defaultdict(list)
        self._stems_by_key: dict[str, list[CompiledTerm[T]]] = defaultdict(list)
        self._short_stems: list[CompiledTerm[T]] = []
        self._longest = 1

    def add(self, term: str, payload: T) -> None:
        words, stem = compile_term(term)
        compiled = CompiledTerm(words, stem, payload)
        self._longest = max(self._longest, len(words))
        if stem and len(words) == 1:
            key = words[0][:_STEM_KEY]
            if len(key) < _STEM_KEY:
                self._short_stems.append(compiled)
            else:
                self._stems_by_key[key].append(compiled)
        else:
            self._by_first[words[0]].append(compiled)

    def freeze(self) -> None:
        """Sort candidates longest first, so the longest term wins at a position."""
        for candidates in self._by_first.values():
            candidates.sort(key=lambda c: -len(c.words))

    def candidates(self, tokens: Sequence[Token], index: int) -> Iterator[CompiledTerm[T]]:
        norm = tokens[index].norm
        for compiled in self._by_first.get(norm, ()):
            if compiled.matches_at(tokens, index):
                yield compiled
        for compiled in self._stems_by_key.get(norm[:_STEM_KEY], ()):
            if norm.startswith(compiled.words[0]):
                yield compiled
        for compiled in self._short_stems:
            if norm.startswith(compiled.words[0]):
                yield compiled

    def find(self, tokens: Sequence[Token]) -> Iterator[tuple[int, int, T]]:
        """Yield (first token, end token, payload); for one payload, matches never overlap."""
        busy_until: dict[int, int] = {}
        for index in range(len(tokens)):
            for compiled in self.candidates(tokens, index):
                key = id(compiled.payload)
                if busy_until.get(key, -1) > index:
                    continue
                end = index + len(compiled.words)
                busy_until[key] = end
                yield index, end, compiled.payload

    def occurs_overlapping(self, tokens: Sequence[Token], start: int, end: int) -> bool:
        """True when any term occurs at a token span overlapping [start, end)."""
        for index in range(max(0, start - self._longest + 1), min(end, len(tokens))):
            for compiled in self.candidates(tokens, index):
                if index + len(compiled.words) > start:
                    return True
        return False
