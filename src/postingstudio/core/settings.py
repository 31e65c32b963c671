"""Analysis settings: the user's choices that change what is flagged. Frozen, passed in.

This is the ``analysis`` part of the one preferences model (:mod:`.preferences`); the defaults
and the checks live here, so the file reader, the dialog and the command line all get the same.
"""

from __future__ import annotations

from dataclasses import dataclass

from .typed_fields import normalise_fields

# A reading grade target outside this range is a typo, not a choice (US school grades).
GRADE_RANGE = (1.0, 20.0)


@dataclass(frozen=True)
class AnalysisSettings:
    """What the user chose. Core functions take this as an argument and read no globals.

    ``allow_terms``: words and phrases never flagged (case-insensitive), e.g. a product name.
    ``disabled_rules``: rule ids switched off ("ignore this rule").
    ``disabled_categories``: whole categories switched off.
    ``ignored``: single findings dismissed ("ignore this"), as (rule_id, matched text lower-cased).
    ``length_profile`` / ``gender_profile``: named evidence profiles (resources/profiles.toml)
    for where studies disagree; ``None`` uses the file's defaults.
    ``reading_grade_target``: overrides the profile's target grade when set.
    ``picky``: also report suggestion-level rules that are off by default (quiet defaults).
    ``show_all_hard_sentences``: mark every hard sentence, not only the few hardest.

    The lists are tuples in the order the user built them (the dialog shows them so, and the
    file keeps them so); any iterable is accepted and repeats are dropped. An empty profile name
    means the default. A value of the wrong kind raises ``TypeError``, a grade outside
    :data:`GRADE_RANGE` ``ValueError``.
    """

    allow_terms: tuple[str, ...] = ()
    disabled_rules: tuple[str, ...] = ()
    disabled_categories: tuple[str, ...] = ()
    ignored: tuple[tuple[str, str], ...] = ()
    length_profile: str | None = None
    gender_profile: str | None = None
    reading_grade_target: float | None = None
    picky: bool = False
    show_all_hard_sentences: bool = False

    def __post_init__(self) -> None:
        normalise_fields(self)  # types, list forms, and a blank profile name as None
        low, high = GRADE_RANGE
        grade = self.reading_grade_target
        if grade is not None and not low <= grade <= high:
            raise ValueError(f"reading_grade_target: expected a grade between {low:g} and {high:g}")
        lowered = frozenset(term.strip().lower() for term in self.allow_terms if term.strip())
        object.__setattr__(self, "_allow_lower", lowered)

    def allows(self, text: str) -> bool:
        """True when ``text`` is on the allow-list (whole phrase, case-insensitive)."""
        allowed = self._allow_lower  # type: ignore[attr-defined]
        # Asked for every finding, often about a whole sentence: skip the copies when empty.
        return bool(allowed) and text.strip().lower() in allowed

    def is_ignored(self, rule_id: str, text: str) -> bool:
        return bool(self.ignored) and (rule_id, text.strip().lower()) in self.ignored
