"""Words of a sentence with their offsets, and the sentence around an offset of a posting."""

from __future__ import annotations

import re
from dataclasses import dataclass

_WORD = re.compile(r"[A-Za-z0-9]+(?:['’][A-Za-z]+)*|[^\sA-Za-z0-9]")
_SENTENCE_END = re.compile(r"[.!?]['\"”’)]*\s+|\n")


@dataclass(frozen=True, slots=True)
class Token:
    """A word or punctuation mark of the rewriter, by offsets into the text it was cut from."""

    text: str
    start: int
    end: int

    @property
    def lower(self) -> str:
        return self.text.lower().replace("’", "'")

    @property
    def is_word(self) -> bool:
        return self.text[:1].isalnum()


def tokenize(text: str, offset: int = 0) -> list[Token]:
    """The tokens of ``text``, their offsets shifted by ``offset`` into the surrounding text."""
    return [Token(m.group(), m.start() + offset, m.end() + offset) for m in _WORD.finditer(text)]


def sentence_bounds(text: str, start: int, end: int | None = None) -> tuple[int, int]:
    """The sentence (or line, for headings and bullets) holding ``text[start:end]``."""
    end = start if end is None else end
    begin = 0
    for match in _SENTENCE_END.finditer(text, 0, start):
        begin = match.end()
    stop = _SENTENCE_END.search(text, max(end, begin))
    finish = (
        stop.start() + (1 if stop and text[stop.start()] in ".!?" else 0) if stop else len(text)
    )
    return begin, max(finish, end)


def line_bounds(text: str, start: int) -> tuple[int, int]:
    """Start and end offsets of the line holding ``start`` (the end excludes the newline)."""
    begin = text.rfind("\n", 0, start) + 1
    stop = text.find("\n", start)
    return begin, len(text) if stop < 0 else stop


def starts_sentence(text: str, start: int) -> bool:
    """True when ``start`` is the first word of a sentence, a line or a bullet."""
    before = text[:start].rstrip(' \t"“‘(')
    if not before:
        return True
    last = before[-1]
    if last in "•–—-*":  # a bullet mark at the start of a line
        line = before[:-1].rstrip(" \t")
        return not line or line.endswith("\n")
    closed = before.rstrip(")]\"”’'")  # "... a specialist!) The candidate": a new sentence
    last = closed[-1:] or last
    return last in ".!?\n" and not closed.endswith(("e.g.", "i.e.", "etc."))


def sentences(text: str) -> list[tuple[int, int]]:
    """Every sentence (or line) of ``text`` as (begin, end), in order, covering all of it."""
    out: list[tuple[int, int]] = []
    begin = 0
    for match in _SENTENCE_END.finditer(text):
        end = match.start() + (1 if text[match.start()] in ".!?" else 0)
        if end > begin:
            out.append((begin, end))
        begin = match.end()
    if begin < len(text) or not out:
        out.append((begin, len(text)))
    return out
