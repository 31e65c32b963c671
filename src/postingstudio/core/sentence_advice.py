"""Which hard sentences to show, and concrete advice for each: its long words and a place to
split it.

A writer acts on a handful of specific hints, not on forty tinted paragraphs that all say
"split this sentence". So each hard sentence gets one mark (the hardest reason wins), the
marks are ranked by how far above the target they are, and only the few worst are shown
unless the writer asks for all of them.

Two kinds of "sentence" are not judged as prose (issue 13 round 2 raters called every such
finding wrong): a run of names or form fields ("Posting Number ADJ_1847P Recruitment Type
General Public ...", a list of brands), told by its capitalised words and missing function
words; and e-mail or web addresses, which are not words a reader sounds out, so they count
neither towards a sentence's grade nor as its long words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .readability import Readability, SentenceStats, pieces_words, sentence_words
from .structure import Mark
from .syllables import cmu_syllables, fallback_syllables

# Where a long sentence splits naturally: a semicolon or dash, or a comma or space before a
# word that starts a new clause. The split nearest the middle (by words) is suggested.
_SPLIT_POINTS = re.compile(
    r"[;–—]\s+|,\s+(?=(?:and|but|so|which|while|where|as well as|including|who|because|"
    r"ensuring|providing|with)\b)|\s+(?=(?:and then|so that|in order to|as well as)\b)",
    re.IGNORECASE,
)
_EDGE_PUNCTUATION = ".,;:!?()[]{}\"'“”‘’*•"
_ADDRESS = re.compile(r"\S*(?:@|://|www\.)\S*", re.IGNORECASE)
# _ADDRESS finds something exactly where one of its three markers occurs (\S* may be empty);
# asked of every sentence, it read every word again from each of its letters (~50 us a posting).
_WWW = re.compile(r"www\.", re.IGNORECASE)
_LONG_WORD_SYLLABLES = 4
_SHORTEST_LONG_WORD = 7
_MOST_LONG_WORDS = 3


@dataclass(frozen=True, slots=True)
class SentenceLimits:
    """When a sentence counts as hard and how many hard sentences are marked."""

    hard_grade: float
    very_hard_grade: float
    min_words: int
    max_words: int
    shown: int  # at most this many sentences are marked, the hardest first
    show_all: bool = False
    # A run of names or fields: at least this share of capitalised words (after the first) ...
    names_share: float = 1.1
    # ... and at most this share of function words ("the", "of", "you").
    function_share: float = 0.0
    function_words: frozenset[str] = frozenset()


def _syllables(word: str) -> int:
    known = cmu_syllables().get(word)
    return known if known is not None else fallback_syllables(word)


def reads_as_names(sentence: str, limits: SentenceLimits) -> bool:
    """A line of names or form fields rather than prose (see the module docstring)."""
    words = [w for w in (chunk.strip(_EDGE_PUNCTUATION) for chunk in sentence.split()) if w]
    if len(words) < 2:
        return False
    capitalised = sum(1 for word in words[1:] if word[:1].isupper()) / (len(words) - 1)
    function = sum(1 for word in words if word.lower() in limits.function_words) / len(words)
    return capitalised >= limits.names_share and function <= limits.function_share


def without_addresses(sentence: str, stats: SentenceStats) -> SentenceStats:
    """The sentence's counts with its e-mail and web addresses left out."""
    if not ("@" in sentence or "://" in sentence or _WWW.search(sentence)):
        return stats
    words = sentence_words(_ADDRESS.sub(" ", sentence))
    syllables = [_syllables(word) for word in words]
    return SentenceStats(
        stats.start, stats.end, len(words), sum(syllables), sum(1 for n in syllables if n >= 3)
    )


def long_words(sentence: str) -> list[str]:
    """The sentence's longest words (by syllables, then letters), as written, at most three."""
    seen: dict[str, tuple[int, str]] = {}
    # Four syllables take at least seven letters: the shorter chunks are skipped cheaply, the
    # others cleaned in one go (each one word, or a few, as the formulas count them).
    chunks = [
        chunk
        for chunk in sentence.split()
        if len(chunk) >= _SHORTEST_LONG_WORD and not _ADDRESS.fullmatch(chunk)
    ]
    for chunk, words in zip(chunks, pieces_words(chunks), strict=True):
        shown = chunk.strip(_EDGE_PUNCTUATION)
        for word in words:
            if word not in seen and shown and (count := _syllables(word)) >= _LONG_WORD_SYLLABLES:
                seen[word] = (count, shown)
    ranked = sorted(seen, key=lambda w: (-seen[w][0], -len(w)))[:_MOST_LONG_WORDS]
    return [seen[word][1] for word in ranked]


def split_point(sentence: str) -> str:
    """The words just before the split nearest the sentence's middle ("" when none)."""
    total = len(sentence.split())
    best: tuple[float, str] | None = None
    for match in _SPLIT_POINTS.finditer(sentence):
        before = sentence[: match.start()].split()
        if len(before) < 4 or total - len(before) < 4:
            continue  # splitting off two words helps nobody
        distance = abs(len(before) - total / 2)
        if best is None or distance < best[0]:
            best = (distance, " ".join(before[-3:]))
    return best[1] if best else ""


def advice(text: str, stats: SentenceStats) -> tuple[str, tuple[str, ...]]:
    """(note for the message, replacement hints) for one hard sentence."""
    sentence = text[stats.start : stats.end]
    parts = [f"grade {stats.grade:.0f}, {stats.words} words"]
    hints: list[str] = []
    where = split_point(sentence)
    if where:
        parts.append(f"split after “{where}”")
        hints.append(f"<end the sentence after “{where}” and start a new one>")
    words = long_words(sentence)
    if words:
        parts.append("long words: " + ", ".join(f"“{w}”" for w in words))
        hints.append(f"<a shorter word for “{words[0]}”>")
    return "; ".join(parts), tuple(hints)


def sentence_marks(
    readability: Readability, text: str, limits: SentenceLimits
) -> tuple[dict[str, list[Mark]], dict[str, int]]:
    """Marks per kind (only the sentences to show) and counts per kind (all of them)."""
    kinds: list[tuple[float, str, SentenceStats]] = []
    table = readability.per_sentence
    # A short sentence has nothing to judge (most stop here): only the others are read from
    # the table as SentenceStats, picked out by their word counts.
    shortest = min(limits.min_words, limits.max_words + 1)
    for number, words in enumerate(table.word_counts):
        if words < shortest:
            continue
        counted = table[number]
        sentence = text[counted.start : counted.end]
        if reads_as_names(sentence, limits):
            continue
        stats = without_addresses(sentence, counted)
        grade = stats.grade
        if stats.words >= limits.min_words and grade >= limits.very_hard_grade:
            kinds.append((grade, "very_hard_sentences", stats))
        elif stats.words >= limits.min_words and grade >= limits.hard_grade:
            kinds.append((grade, "hard_sentences", stats))
        elif stats.words > limits.max_words:
            kinds.append((grade, "long_sentences", stats))
    counts = {"very_hard_sentences": 0, "hard_sentences": 0, "long_sentences": 0}
    for _grade, kind, _stats in kinds:
        counts[kind] += 1
    ranked = sorted(kinds, key=lambda item: (-item[0], -item[2].words))
    chosen = ranked if limits.show_all else ranked[: limits.shown]
    marks: dict[str, list[Mark]] = {kind: [] for kind in counts}
    for _grade, kind, stats in sorted(chosen, key=lambda item: item[2].start):
        note, hints = advice(text, stats)
        marks[kind].append(Mark(stats.start, stats.end, hints, note))
    return marks, counts
