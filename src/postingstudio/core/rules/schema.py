"""Rule definitions as loaded from TOML: one frozen dataclass per rule kind, as Vale has.

The kinds share what every rule says about itself (:class:`RuleBase`: id, category, message,
why, source, examples, context limits) and add only the fields their matcher reads, so a
pattern rule has a compiled ``pattern`` and a metric rule its ``metric`` and thresholds, never
an ``options`` bag that a misspelt key disappears into. The TOML format is unchanged; the
loader (:mod:`.loader`) builds these from it and validates every key.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

from ..findings import Category, Severity

# The ``schema`` of ``postingstudio rules --format json``, the rule list with these fields;
# raise it when a field is removed, renamed or changes meaning.
RULES_SCHEMA_VERSION = 1
KINDS = ("phrase", "substitution", "density", "pattern", "metric")
# Where a match counts: anywhere, only as a heading line of its own, or only inside a sentence.
SCOPES = ("any", "heading", "sentence")
# The part of speech the matched words must have in context ("lead" the verb, not the noun).
PARTS_OF_SPEECH = ("any", "verb", "noun")
# "kept": every replacement says the same thing in plainer words (a safe fix, once fitted);
# "judgement": a replacement may change what the posting says, so the writer must choose.
MEANINGS = ("kept", "judgement")


class RuleFileError(ValueError):
    """A rule file that cannot be used, naming the file, the rule and the problem."""

    def __init__(self, path: Path | str, rule_id: str | None, problem: str) -> None:
        self.path = str(path)
        self.rule_id = rule_id
        self.problem = problem
        where = f"{self.path}: rule '{rule_id}'" if rule_id else self.path
        super().__init__(f"{where}: {problem}")


@dataclass(frozen=True, slots=True)
class Entry:
    """One lexicon entry of a term rule (a phrase or density rule has one implicit entry)."""

    terms: tuple[str, ...]
    explain: str
    replacements: tuple[str, ...]
    unless: tuple[str, ...] = ()
    severity: Severity | None = None
    scope: str | None = None  # overrides the rule's scope
    pos: str | None = None  # overrides the rule's part of speech
    judgement: str = ""  # why this entry's replacements need the writer's judgement
    # Silent when the words right after the match match this ("key stakeholders, in particular
    # Finance, Audit and Risk"): the sentence already gives the specifics the message asks for.
    unless_after: re.Pattern[str] | None = None


@dataclass(frozen=True, kw_only=True)
class RuleBase:
    """What every rule kind has: who it is, what it says, and where it stays silent."""

    kind: ClassVar[str]
    id: str
    category: Category
    severity: Severity
    message: str
    why: str
    source: str
    path: str
    replacements: tuple[str, ...] = ()
    unless: tuple[str, ...] = ()
    unless_pattern: tuple[re.Pattern[str], ...] = ()
    default: bool = True
    bias: bool = False
    case_sensitive: bool = False
    evidence: str | None = None
    examples_flag: tuple[str, ...] = ()
    examples_pass: tuple[str, ...] = ()
    meaning: str = "judgement"
    scope: str = "any"
    pos: str = "any"


@dataclass(frozen=True, kw_only=True)
class TermRule(RuleBase):
    """A rule that looks up words in the posting's tokens: phrase, substitution or density."""

    entries: tuple[Entry, ...] = ()

    @property
    def terms(self) -> tuple[str, ...]:
        return tuple(term for entry in self.entries for term in entry.terms)


@dataclass(frozen=True, kw_only=True)
class PhraseRule(TermRule):
    """``kind = "phrase"``: a list of ``terms`` with one message and one set of replacements."""

    kind: ClassVar[str] = "phrase"


@dataclass(frozen=True, kw_only=True)
class SubstitutionRule(TermRule):
    """``kind = "substitution"``: a lexicon of ``entries``, each with its own explanation and
    replacements."""

    kind: ClassVar[str] = "substitution"


@dataclass(frozen=True, kw_only=True)
class DensityRule(TermRule):
    """``kind = "density"``: terms that are fine once but a problem above ``max`` per
    ``per_words`` words; the terms come inline or from a ``lexicon`` file."""

    kind: ClassVar[str] = "density"
    per_words: float = 100.0
    max: float = 0.0
    max_marks: int = 20
    lexicon: str | None = None


@dataclass(frozen=True, kw_only=True)
class PatternRule(RuleBase):
    """``kind = "pattern"``: a regular expression; ``requires`` lists words that must occur
    before the (slower) regex scan is worth running; ``requires_repeat``: the regex matches only
    words written twice in a row, so it runs only where two words come again right after
    themselves or up to four words later."""

    kind: ClassVar[str] = "pattern"
    pattern: re.Pattern[str]
    requires: tuple[frozenset[str], ...] = ()
    requires_repeat: bool = False


@dataclass(frozen=True, kw_only=True)
class MetricRule(RuleBase):
    """``kind = "metric"``: a threshold over one computed metric (``METRICS``), underlining an
    analyser's ``mark`` (``MARKS``) or, without one, a finding about the whole posting."""

    kind: ClassVar[str] = "metric"
    metric: str
    above: float | None = None
    below: float | None = None
    above_profile: str | None = None
    below_profile: str | None = None
    mark: str | None = None
    max_marks: int = 50
    unit: str | None = None


Rule = PhraseRule | SubstitutionRule | DensityRule | PatternRule | MetricRule
RULE_CLASSES: dict[str, type[RuleBase]] = {
    cls.kind: cls for cls in (PhraseRule, SubstitutionRule, DensityRule, PatternRule, MetricRule)
}
