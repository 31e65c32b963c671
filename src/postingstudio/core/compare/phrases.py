"""Noun phrases for "what makes you different": a small rule-based chunker over a stop-word list,
word shapes and lemminflect's word classes (no tagger), yielding the candidate items of a
sentence.

A chunk is a run of words that can stand in a noun phrase (nouns, adjectives, terms of art the
dictionary does not know, acronyms), broken by stop and generic words, place codes, numbers,
punctuation other than a hyphen or slash, adverbs and words that can only be verbs. Every
stretch of a chunk of up to ``max_phrase_words`` words that ends in a word able to be a noun is a
candidate ("campaign finance", "finance"); whether a candidate is shown is ``terms``' business.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from enum import Enum
from functools import lru_cache

from ..rewrite.lexicon import classes
from ..text import Token

# Text allowed between two tokens for them to stay in one chunk ("fast-paced", "CI/CD").
JOINERS = frozenset(("", "-", "/", "–"))


class Shape(Enum):
    """What a word can be inside a noun phrase."""

    BREAK = 0  # ends the chunk
    MODIFIER = 1  # may stand before a noun, never be the head ("thorough", "electronic")
    NOUN = 2  # may be the head ("finance", "Kubernetes", "SolidWorks")


@dataclass(frozen=True, slots=True)
class Chunker:
    """The word lists a chunk is cut with (all lower-case)."""

    stop: frozenset[str]
    generic: frozenset[str]
    places: frozenset[str]
    skip: frozenset[str]  # names of this posting (the company, places): never part of an item
    max_words: int
    known: frozenset[str] | None = None  # stems the corpus uses; None: trust every word


@lru_cache(maxsize=8192)
def stem(word: str) -> str:
    """A deliberately crude suffix strip, enough to meet "analytics"/"analytic" and
    "managing"/"manage"; it only groups words, the shown term keeps the writer's spelling."""
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 5 and word.endswith("ing"):
        word = word[:-3]
    elif len(word) > 4 and word.endswith("ed"):
        word = word[:-2]
    elif len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        word = word[:-1]
    if len(word) > 4 and word.endswith("e"):
        word = word[:-1]
    return word


@lru_cache(maxsize=16384)
def _dictionary_shape(norm: str) -> Shape | None:
    """The shape lemminflect's word classes give; None for a word it does not know."""
    found = classes(norm)
    if not found:
        return None
    if "NOUN" in found or "PROPN" in found:
        return Shape.NOUN
    if "ADJ" in found:
        return Shape.MODIFIER
    return Shape.BREAK  # only a verb, adverb, pronoun...: "governing", "creatively"


def noun_only(norm: str) -> bool:
    """A word that can be a noun and not an adjective, or a term of art: a lone item must be
    one ("legacy", "kubernetes"; not "functional", "long")."""
    found = classes(norm)
    return not found or (("NOUN" in found or "PROPN" in found) and "ADJ" not in found)


def shape(chunker: Chunker, norm: str, surface: str, sentence_start: bool) -> Shape:
    """The word's role in a chunk; ``sentence_start`` for the first word of a sentence or bullet,
    where a word that can be a verb is an imperative ("Measure metrics", "Shape the plan")."""
    if norm in chunker.stop or norm in chunker.generic or norm in chunker.skip:
        return Shape.BREAK
    if not any(ch.isalpha() for ch in norm) or norm[0] == "*":
        return Shape.BREAK
    acronym = len(surface) >= 2 and surface.isupper()
    if norm in chunker.places and (acronym or len(norm) <= 2):
        return Shape.BREAK  # "CA", "NY", "UK": where the job is, not what it is
    if acronym:
        return Shape.NOUN
    if len(norm) < 3:
        return Shape.BREAK
    if sentence_start and "VERB" in classes(norm):
        return Shape.BREAK
    found = _dictionary_shape(norm)
    if found is not None:
        return found
    if not norm.isalpha() or (chunker.known is not None and stem(norm) not in chunker.known):
        return Shape.BREAK  # a typo or run-together text ("ofelectric"), not a term of art
    return Shape.NOUN


@dataclass(frozen=True, slots=True)
class Word:
    """A word of a chunk; ``glued`` when a hyphen or slash ties it to the word before."""

    token: Token
    role: Shape
    glued: bool


def chunks(
    chunker: Chunker, text: str, tokens: Sequence[Token], starts: frozenset[int]
) -> Iterator[list[Word]]:
    """The maximal runs of phrase words among ``tokens`` (one sentence's, in order)."""
    run: list[Word] = []
    previous: Shape | None = None
    previous_end: int | None = None
    for position, token in enumerate(tokens):
        surface = text[token.start : token.end]
        after = tokens[position + 1] if position + 1 < len(tokens) else None
        # "Design Engineer" is a title, "Design circuits" an imperative.
        titled = after is not None and text[after.start : after.start + 1].isupper()
        role = shape(chunker, token.norm, surface, token.start in starts and not titled)
        between = text[previous_end : token.start] if previous_end is not None else None
        # A spaced dash ("Data Scientist - Mountain View") ends a chunk; a hyphen does not.
        joined = between is not None and (between.isspace() or between in JOINERS)
        glued = between is not None and between in JOINERS and between != ""
        if glued and previous is Shape.BREAK:
            role = Shape.BREAK  # the rest of a compound that cannot be one ("top-notch")
        if run and (role is Shape.BREAK or not joined):
            yield run
            run = []
        if role is not Shape.BREAK:
            run.append(Word(token, role, glued))
        previous, previous_end = role, token.end
    if run:
        yield run


def candidates(run: list[Word], max_words: int) -> Iterator[tuple[int, int]]:
    """(first, last) indices into ``run`` of every stretch of at most ``max_words`` words that
    ends in a word able to be a noun and does not start inside a compound ("world-class")."""
    for last, word in enumerate(run):
        if word.role is not Shape.NOUN or (last + 1 < len(run) and run[last + 1].glued):
            continue
        for first in range(max(0, last - max_words + 1), last + 1):
            if not run[first].glued or first == 0:
                yield first, last
