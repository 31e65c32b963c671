"""Does a gender-coded word describe the person sought or the workplace, here, in this sentence?

Gaucher et al. coded *traits*: "a dominant, competitive leader", "a driven individual",
"a supportive team". Stem lists also hit duties and things ("lead projects", "Lead data
engineering", "analytic input", "modern analytical equipment"), which say nothing about who
should apply. Without a tagger model, the word's shape and its neighbours decide:

- adverbs ("work independently") describe how the person works: coded;
- verbs ("lead", "support", "decide"): duties, never coded;
- person nouns ("leader"): coded when they name the person sought ("a natural leader",
  "you are a leader"), not others ("report to senior leaders");
- abstract nouns ("leadership", "honesty"): coded in a quality frame ("strong leadership",
  "leadership skills", "we value honesty", "your independence");
- adjectives and participles ("competitive", "challenging", "committed"): coded when they
  qualify a person or workplace noun (skipping other adjectives: "a dominant, competitive
  leader"), stand after a copula ("you are analytical", "must be decisive"), or stand alone as a
  list item; not before a thing ("analytical equipment") or after a copula whose subject is
  a thing ("pay is competitive", "this is dependent on", "the noise level in the office is
  quiet");
- "analytic(al)" before a workplace noun names a kind of role or team ("an analytical role"),
  and a coded word before "that" states a belief ("we're confident that travel will return");
- a person noun in a job title or name ("Team Leader academy") is nobody's trait, and an abstract
  noun someone else owns ("their leadership style") or that names a duty ("provide exceptional
  leadership in the development of …") says nothing about who should apply;
- never a passive verb ("can be supported by data"), the tail of a hyphenated compound
  ("non-analytical partners", "get-togethers"), or a trait of the people the job serves rather
  than of the person sought ("help every child become a confident learner", "we help them build
  leadership skills").

The word lists are data (resources/lexicons/gender_coded.toml, ``[context]``).
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property

from .text import TextIndex

_ADJECTIVE_ENDINGS = (
    "ive", "ous", "ant", "ent", "ic", "al", "ful", "ed", "ing", "ate", "ile", "le", "y", "ish",
    "ible", "able", "ine", "ior", "ong", "oken", "est",
)  # fmt: skip
_ABSTRACT_ENDINGS = (
    "ship",
    "ion",
    "ions",
    "ence",
    "ance",
    "ness",
    "ity",
    "ism",
    "ment",
    "ty",
    "thy",
)
# How far back the person a trait describes is looked for: the phrase around the word ("every
# child to develop into a joyful and confident learner"), not an earlier clause's object.
_OTHERS_WALK = 8
_START, _BOUNDARY, _NONE = -1, -2, -3  # where a backward walk stopped without its word
_WALK = 10  # tokens looked at on each side (a list of traits: "analytical, competitive and …")


@dataclass(frozen=True)
class GenderContext:
    """Word lists that tell a coded word describing the person
    sought from one about the workplace."""

    person_nouns: frozenset[str]  # the person sought or a quality of theirs ("candidate", "skills")
    workplace_nouns: frozenset[str]  # "team", "environment", "culture", "company"
    coded_person_nouns: frozenset[str]  # coded words that are people ("leader")
    verbs: frozenset[str]  # coded words used as duty verbs ("lead", "support")
    copulas: frozenset[str]  # "are", "be", "is", "you're", "remain"
    determiners: frozenset[str]  # "a", "an" before a person noun
    modifiers: frozenset[str]  # "highly", "very", "and", "or", "self": skipped while walking
    quality_before: frozenset[str]  # "strong", "proven", "your", "value", "demonstrate"
    quality_after: frozenset[str]  # "skills", "qualities", "potential", "style"
    subjects: frozenset[str]  # "you", "we", "they": who a trait after "is/are" may describe
    possessives: frozenset[str]  # "the", "our", "your", "this": before an -ing adjective
    others: frozenset[str]  # people the job serves ("children", "students", "them")
    prepositions: frozenset[str]  # "in", "of": "the noise level in the office is …"
    unclear: frozenset[str]  # "they", "who": may be the reader or the people served
    negations: frozenset[str]  # "non", "un": "non-analytical"
    classifiers: frozenset[str]  # "analytical": a kind of role before a workplace noun
    beliefs: frozenset[str]  # "that" after an adjective: "confident that …" is a belief
    duty_verbs: frozenset[str]  # "provide", "deliver": "provide leadership" is a duty
    owners: frozenset[str]  # "their", "his": whose quality, when no reader is named before

    @classmethod
    def from_table(cls, table: Mapping[str, Sequence[str]]) -> GenderContext:
        def words(key: str) -> frozenset[str]:
            return frozenset(str(w).lower() for w in table.get(key, ()))

        return cls(
            words("person_nouns"),
            words("workplace_nouns"),
            words("coded_person_nouns"),
            words("verbs"),
            words("copulas"),
            words("determiners"),
            words("modifiers"),
            words("quality_before"),
            words("quality_after"),
            words("subjects"),
            words("possessives"),
            words("others"),
            words("prepositions"),
            words("unclear"),
            words("negations"),
            words("classifiers"),
            words("beliefs"),
            words("duty_verbs"),
            words("owners"),
        )

    @cached_property
    def _person_stops(self) -> frozenset[str]:
        return self.determiners | self.copulas  # "a decisive leader", "is a natural leader"

    @cached_property
    def _adjective_stops(self) -> frozenset[str]:
        return self.determiners | self.copulas | self.possessives  # "a leading provider"

    @cached_property
    def _deciders(self) -> frozenset[str]:
        # People only: "skills", "ability" are qualities of whoever is named before them.
        return (self.subjects | self.person_nouns) - self.unclear - self.quality_after

    @property
    def enabled(self) -> bool:
        return bool(self.person_nouns or self.workplace_nouns)

    def describes_person_or_workplace(self, index: TextIndex, first: int, end: int) -> bool:
        """True when the coded word at tokens [first, end) is a trait in this context."""
        word = index.norms[end - 1]
        if word in self.verbs or word.endswith("'s"):
            return False  # a duty, or someone else's ("your competitor's products")
        if self._compound_tail(index, first) or self._passive(index, end):
            return False
        if self._about_others(index, first):
            return False
        if word.endswith("ly") and len(word) > 4:
            return True
        if word in self.coded_person_nouns:
            return not self._in_title(index, first) and self._names_person_sought(index, first)
        if word.endswith(_ABSTRACT_ENDINGS):
            if self._duty_object(index, first) or self._owned_by_others(index, first):
                return False
            return self._quality_frame(index, first, end)
        if self._belief(index, end):
            return False
        if word.endswith("ing") and not self._after_determiner(index, first):
            return False  # a gerund: "experience leading teams", "solve challenging problems"
        if self._qualifies(index, first, end):
            return True
        # Suffix-less words ("warm", "kind", "courage") may also be nouns in a quality frame.
        return not word.endswith(_ADJECTIVE_ENDINGS) and self._quality_frame(index, first, end)

    # -- neighbours -------------------------------------------------------------------------

    def _same_clause(self, index: TextIndex, left: int, right: int) -> bool:
        """No sentence or clause break (. ; : or a line end) between two adjacent tokens."""
        gap = index.text[index.ends[left] : index.starts[right]]
        return not any(mark in gap for mark in ".;:!?\n()•")

    def _compound_tail(self, index: TextIndex, first: int) -> bool:
        """The word ends a hyphenated compound that is not a trait: a negation ("non-analytical
        partners") or a noun ("get-togethers"). "industry-leading", "self-confident" stay coded."""
        if first == 0 or index.text[index.ends[first - 1] : index.starts[first]] != "-":
            return False
        if index.norms[first - 1] in self.negations:
            return True
        word = index.norms[first]
        return (
            not word.endswith(_ADJECTIVE_ENDINGS) and index.norms[first - 1] not in self.modifiers
        )

    def _passive(self, index: TextIndex, end: int) -> bool:
        """A participle before "by" is a passive verb ("can be supported by data science")."""
        word = index.norms[end - 1]
        return (
            word.endswith("ed")
            and end < len(index.norms)
            and index.norms[end] == "by"
            and self._same_clause(index, end - 1, end)
        )

    def _about_others(self, index: TextIndex, first: int) -> bool:
        """The nearest person named before the word, in its clause, is someone the job serves
        ("allow every child to develop into a confident learner"), not the reader."""
        norms = index.norms
        position = first - 1
        for _step in range(_OTHERS_WALK):
            if position < 0 or not self._same_clause(index, position, position + 1):
                return False
            word = norms[position].removesuffix("'s").removesuffix("’s")  # "children's ability"
            if word in self.others:
                return True
            if word in self._deciders:
                return False  # "you", "the candidate": the reader is the one described
            position -= 1
        return False

    def _adjective_like(self, word: str) -> bool:
        # Short words are function words ("by", "any", "only"), whatever their ending.
        return word in self.modifiers or (
            len(word) >= 5 and word.endswith(_ADJECTIVE_ENDINGS) and word not in self.person_nouns
        )

    def _qualifies(self, index: TextIndex, first: int, end: int) -> bool:
        norms = index.norms
        classifier = norms[end - 1] in self.classifiers
        position = end
        for _step in range(_WALK):
            if position >= len(norms) or not self._same_clause(index, position - 1, position):
                break
            following = norms[position]
            if following in self.workplace_nouns:
                return not classifier  # "an analytical role" is a kind of role, not a trait
            if following in self.person_nouns:
                return True
            if following in self.coded_person_nouns:
                return True
            if not self._adjective_like(following):
                break
            position += 1
        if self._after_copula(index, first, classifier):
            return True
        return self._alone_in_item(index, first, end)

    def _stop_before(self, index: TextIndex, first: int, stops: frozenset[str]) -> int:
        """Walk back from ``first`` over adjective-like words to the first word in ``stops``:
        its position, or START (the text begins), BOUNDARY (the clause begins) or NONE (another
        word, or the walk ran out). The trait tests below differ only in what stops them."""
        norms = index.norms
        position = first - 1
        for _step in range(_WALK):
            if position < 0:
                return _START
            if not self._same_clause(index, position, position + 1):
                return _BOUNDARY
            if norms[position] in stops:
                return position
            if not self._adjective_like(norms[position]):
                return _NONE
            position -= 1
        return _NONE

    def _after_copula(self, index: TextIndex, first: int, classifier: bool = False) -> bool:
        position = self._stop_before(index, first, self.copulas)
        if position < 0:
            return False
        if classifier and position > 0 and index.norms[position - 1] in self.workplace_nouns:
            return False  # "the role is analytical": what kind of role, not who should apply
        comma = (
            position > 0 and "," in index.text[index.ends[position - 1] : index.starts[position]]
        )
        return self._subject_is_person_or_workplace(index.norms, position, comma)

    def _subject_is_person_or_workplace(
        self, norms: Sequence[str], copula: int, gap_has_comma: bool = False
    ) -> bool:
        """Whether the copula's subject is a person or the workplace: "you are …", "our team is
        …", "must be …"; not "this is …", "pay is …" or "the brand, is …"."""
        word = norms[copula]
        if word in ("be", "being", "been") or "'" in word or "’" in word:
            return True  # "must be decisive", "you're confident": the reader is the subject
        subject = norms[copula - 1] if copula > 0 else ""
        if gap_has_comma:
            return False  # "ensure everything matches the brand, is responsive": not the subject
        if subject in self.person_nouns or subject in self.workplace_nouns:
            return self._head_of_subject(norms, copula - 1)
        return subject in self.subjects

    def _head_of_subject(self, norms: Sequence[str], noun: int) -> bool:
        """Whether the noun before a copula heads its subject: in "the noise level in the work
        environment is quiet" the noun after the preposition is not the subject, "level" is."""
        for position in range(noun - 1, max(noun - 4, 0) - 1, -1):
            after = norms[position + 1]
            if norms[position] in self.prepositions and after in self._adjective_stops:
                head = norms[position - 1] if position > 0 else ""
                return head in self.person_nouns or head in self.workplace_nouns
        return True

    def _after_determiner(self, index: TextIndex, first: int) -> bool:
        """An -ing word used as an adjective: after "a", "our", "is" ("a leading provider",
        "the work is challenging"), skipping other adjectives, or alone as a list item."""
        position = self._stop_before(index, first, self._adjective_stops)
        if position == _BOUNDARY:
            return self._alone_in_item(index, first, first + 1)
        return position >= 0 or position == _START

    def _alone_in_item(self, index: TextIndex, first: int, end: int) -> bool:
        """A list item or line of only trait words ("Competitive", "- Highly analytical")."""
        start, stop = index.sentence_of(index.starts[first])
        if index.ends[end - 1] > stop:
            return False
        low = bisect_left(index.starts, start)
        high = bisect_left(index.starts, stop)
        others = [index.norms[i] for i in range(low, high) if not first <= i < end]
        return len(others) <= 2 and all(self._adjective_like(word) for word in others)

    def _names_person_sought(self, index: TextIndex, first: int) -> bool:
        return self._stop_before(index, first, self._person_stops) >= 0

    def _quality_frame(self, index: TextIndex, first: int, end: int) -> bool:
        norms = index.norms
        if end < len(norms) and self._same_clause(index, end - 1, end):
            if norms[end] in self.quality_after:
                return True
        position = first - 1
        for _step in range(3):
            if position < 0 or not self._same_clause(index, position, position + 1):
                return False
            if norms[position] in self.quality_before:
                return True
            if norms[position] not in self.modifiers:
                return False
            position -= 1
        return False

    # -- whose word, and what for --------------------------------------------------------------

    def _belief(self, index: TextIndex, end: int) -> bool:
        """A coded adjective followed by "that" states a belief ("we're confident that travel
        will return"), not a trait of the person sought."""
        return (
            end < len(index.norms)
            and index.norms[end] in self.beliefs
            and self._same_clause(index, end - 1, end)
        )

    def _in_title(self, index: TextIndex, first: int) -> bool:
        """A capitalised person noun after another capitalised noun inside a sentence is a job
        title or a name ("our Team Leader academy", "Shift Leader"), nobody's trait."""
        if first == 0 or not index.text[index.starts[first]].isupper():
            return False
        before = first - 1
        shown = index.text[index.starts[before] : index.ends[before]]
        return (
            shown[:1].isupper()
            and self._same_clause(index, before, first)
            and index.norms[before] not in self._person_stops
            and index.norms[before] not in self.quality_before
        )

    def _walk_back(self, index: TextIndex, first: int, steps: int) -> list[str]:
        """Up to ``steps`` words before ``first`` in its clause, nearest first."""
        found: list[str] = []
        position = first - 1
        while position >= 0 and len(found) < steps:
            if not self._same_clause(index, position, position + 1):
                break
            found.append(index.norms[position])
            position -= 1
        return found

    def _duty_object(self, index: TextIndex, first: int) -> bool:
        """The abstract noun is what a duty verb provides ("provide exceptional leadership in the
        development of …"): something the job does, not a quality asked for."""
        for word in self._walk_back(index, first, 3):
            if word in self.duty_verbs:
                return True
            if word not in self.modifiers and word not in self.quality_before:
                return False
        return False

    def _owned_by_others(self, index: TextIndex, first: int) -> bool:
        """The abstract noun belongs to someone else ("an understanding of their business and
        leadership style"): "their" with no reader named before it in the sentence,
        or "his", "her", "its"."""
        before = self._walk_back(index, first, 4)
        for distance, word in enumerate(before):
            if word in self.owners:
                start, _end = index.sentence_of(index.starts[first])
                low = bisect_left(index.starts, start)
                earlier = index.norms[low : first - distance - 1]
                readers = self.subjects | (self.person_nouns - self.quality_after)
                return word not in self.unclear or not any(w in readers for w in earlier)
            if word in self._adjective_stops or word in self.copulas or word in self.subjects:
                return False
        return False
