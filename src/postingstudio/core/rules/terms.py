"""Fast term lookup over word tokens: thousands of lexicon phrases matched in one pass.

Terms are compiled once into a word trie, so matching a posting costs about one dictionary
lookup per token instead of one regular expression per term. A trailing ``*`` makes the last
word a prefix stem ("compet*"); stems are kept per trie node in a table keyed by their first
three letters.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator, Sequence
from typing import Generic, TypeVar

from ..text import Token, normalise_phrase

T = TypeVar("T")
_BREAK = re.compile(r"[.!?;:\n]")
_STEM_KEY = 3


def compile_term(term: str) -> tuple[tuple[str, ...], bool]:
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

    def add(self, term: str, payload: T) -> None:
        words, stem = compile_term(term)
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

    def matches_at(self, tokens: Sequence[Token], index: int) -> list[tuple[int, T]]:
        """(end token, payload) of every term matching at ``index``, longest first."""
        found: list[tuple[int, T]] = []
        node = self._root
        position = index
        count = len(tokens)
        while position < count:
            norm = tokens[position].norm
            if node.stems or node.short_stems:
                found.extend((position + 1, p) for p in node.stem_matches(norm))
            child = node.children.get(norm)
            if child is None:
                break
            node = child
            position += 1
            if node.ends:
                found.extend((position, p) for p in node.ends)
        if len(found) > 1:
            found.sort(key=lambda item: -item[0])
        return found

    def find(self, tokens: Sequence[Token], text: str | None = None) -> Iterator[tuple[int, int, T]]:
        """Yield (first token, end token, payload); for one payload, matches never overlap.

        With ``text``, a phrase never spans a sentence end or a line break: "this job. Duties"
        is not "job duties", and a heading never runs into the next line.
        """
        root = self._root
        children, root_stems, short_stems = root.children, root.stems, bool(root.short_stems)
        busy_until: dict[int, int] = {}
        for index, token in enumerate(tokens):
            norm = token.norm
            child = children.get(norm)
            stem_here = short_stems or norm[:_STEM_KEY] in root_stems
            if child is None and not stem_here:
                continue
            if child is not None and not (stem_here or child.children or child.stems):
                # A one-word term with nothing longer behind it: the common case, no walk.
                found = [(index + 1, payload) for payload in child.ends]
            else:
                found = self.matches_at(tokens, index)
            for end, payload in found:
                key = id(payload)
                if busy_until.get(key, -1) > index:
                    continue
                if text is not None and end - index > 1 and _BREAK.search(
                    text, tokens[index].end, tokens[end - 1].start
                ):
                    continue
                busy_until[key] = end
                yield index, end, payload

    def occurs_overlapping(self, tokens: Sequence[Token], start: int, end: int) -> bool:
        """True when any term occurs at a token span overlapping [start, end)."""
        for index in range(max(0, start - self._longest + 1), min(end, len(tokens))):
            for stop, _payload in self.matches_at(tokens, index):
                if stop > start:
                    return True
        return False
