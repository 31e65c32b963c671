"""Gender-coded wording (Gaucher, Friesen & Kay 2011): counts, a balance verdict, and the
masculine-coded words with neutral alternatives.

Stem lists over-match ("analy*" hits "analyst", "commit*" hits "committee"), so the lexicon
carries word exceptions and phrase exceptions ("competitive salary"), and words inside
equal-opportunity statements are not counted. A word counts only where it describes the person
sought or the workplace (gender_context): "a competitive leader", not "lead projects". The
balance verdict counts the same words the editor underlines.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path

from .gender_context import GenderContext
from .rules.matcher import SpanSet
from .rules.terms import TermTable
from .structure import Mark
from .syllables import cmu_syllables
from .text import TextIndex

_GLUE_LONGEST = 4  # "for", "to", "of": the short words a missing space glues on
_GLUE_REST = 3  # letters left after the glued word ("for|mining")


def _glued_exception(index: TextIndex, lexicon: GenderLexicon, first: int, end: int) -> bool:
    """A two-word exception whose second word is glued to the next one ("responsible formining"):
    the next token starts with it and is no dictionary word itself."""
    tails = lexicon.glued.get(index.norms[first]) if end - first == 1 else None
    if not tails or end >= len(index.norms):
        return False
    following = index.norms[end]
    if index.text[index.ends[first] : index.starts[end]].strip():
        return False  # punctuation between: not one phrase
    return any(
        following.startswith(tail)
        and len(following) >= len(tail) + _GLUE_REST
        and following not in cmu_syllables()
        for tail in tails
    )


def _glued_head(index: TextIndex, first: int, end: int) -> str | None:
    """The first word of a token two words were glued into ("analysisExperience": a lost line
    break), lower-cased; None for an ordinary word."""
    if end - first != 1:
        return None
    shown = index.text[index.starts[first] : index.ends[first]]
    for position in range(1, len(shown) - 1):
        if shown[position - 1].islower() and shown[position].isupper():
            return shown[:position].lower()
    return None


@dataclass(frozen=True, slots=True)
class _Coded:
    side: str  # "masculine" | "feminine"
    stem: str


class GenderLexicon:
    """Masculine- and feminine-coded word stems, their exceptions and neutral alternatives."""

    def __init__(
        self,
        masculine: list[str],
        feminine: list[str],
        exceptions: frozenset[str],
        phrase_exceptions: list[str],
        alternatives: dict[str, tuple[str, ...]],
        source: str,
        context: GenderContext | None = None,
    ) -> None:
        self.table: TermTable[_Coded] = TermTable()
        for side, stems in (("masculine", masculine), ("feminine", feminine)):
            for stem in stems:
                self.table.add(stem, _Coded(side, stem))
        self.table.freeze()
        self.phrases: TermTable[bool] = TermTable()
        for phrase in phrase_exceptions:
            self.phrases.add(phrase, True)
        self.phrases.freeze()
        # "responsible for" also when the corpus glued it to the next word ("responsible
        # formining data"): two-word exceptions that end in a short word.
        self.glued: dict[str, frozenset[str]] = {}
        for phrase in phrase_exceptions:
            head, _, tail = phrase.lower().partition(" ")
            if tail.isalpha() and 2 <= len(tail) <= _GLUE_LONGEST:
                self.glued[head] = self.glued.get(head, frozenset()) | {tail}
        self.exceptions = exceptions
        self.alternatives = alternatives
        self.source = source
        self.context = context or GenderContext.from_table({})
        self.size = (len(masculine), len(feminine))

    @classmethod
    def load(cls, path: Path) -> GenderLexicon:
        with path.open("rb") as handle:
            data = tomllib.load(handle)
        try:
            alternatives = {
                stem: tuple(values) for stem, values in data.get("alternatives", {}).items()
            }
            return cls(
                list(data["masculine"]["stems"]),
                list(data["feminine"]["stems"]),
                frozenset(w.lower() for w in data.get("exceptions", {}).get("words", [])),
                list(data.get("phrase_exceptions", {}).get("phrases", [])),
                alternatives,
                str(data.get("source", "Gaucher, Friesen & Kay (2011)")),
                GenderContext.from_table(data.get("context", {})),
            )
        except (KeyError, TypeError) as error:
            raise ValueError(f"{path}: gender lexicon is missing {error}") from None

    @classmethod
    def empty(cls) -> GenderLexicon:
        return cls([], [], frozenset(), [], {}, "")


@dataclass(frozen=True)
class GenderResult:
    """The coded words a posting uses, as marks and as words, for each side."""

    masculine: tuple[Mark, ...]
    feminine: tuple[Mark, ...]
    masculine_words: tuple[str, ...]
    feminine_words: tuple[str, ...]

    @property
    def excess(self) -> int:
        """Masculine-coded minus feminine-coded words (positive = masculine lean)."""
        return len(self.masculine) - len(self.feminine)

    def verdict(self, strong: int) -> str:
        difference = self.excess
        if not self.masculine and not self.feminine:
            return "neutral"
        if difference == 0:
            return "balanced"
        side = "masculine" if difference > 0 else "feminine"
        return f"strongly {side}-coded" if abs(difference) >= strong else f"{side}-coded"


def analyse_gender(
    index: TextIndex, lexicon: GenderLexicon, exempt: SpanSet, allowed: frozenset[str]
) -> GenderResult:
    """Find the coded words outside ``exempt`` spans, skipping
    ``allowed`` terms; one mark per word."""
    norms, starts, ends = index.norms, index.starts, index.ends
    found: dict[str, list[Mark]] = {"masculine": [], "feminine": []}
    words: dict[str, list[str]] = {"masculine": [], "feminine": []}
    seen: set[int] = set()
    for first, end, coded in lexicon.table.find_in(index):
        # Two stems hit one word ("domina*" and "dominant"; "self-confiden*" and "confident").
        if any(position in seen for position in range(first, end)):
            continue
        seen.update(range(first, end))
        norm, start = norms[first], starts[first]
        head = _glued_head(index, first, end)
        if end - first == 1 and (head or norm) in lexicon.exceptions:
            continue  # "analysisExperience" is "analysis" glued to the next word
        if norm in allowed or exempt.covers(start):
            continue
        if lexicon.phrases.occurs_overlapping(norms, first, end):
            continue
        if _glued_exception(index, lexicon, first, end):
            continue
        context = lexicon.context
        if context.enabled and not context.describes_person_or_workplace(index, first, end):
            continue
        stop = ends[end - 1]
        found[coded.side].append(
            Mark(start, stop, lexicon.alternatives.get(coded.stem, ()), coded.stem)
        )
        words[coded.side].append(index.text[start:stop].lower())
    return GenderResult(
        tuple(found["masculine"]),
        tuple(found["feminine"]),
        tuple(words["masculine"]),
        tuple(words["feminine"]),
    )
