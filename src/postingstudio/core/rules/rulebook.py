"""Everything the engine knows, loaded once from ``resources/``: rules, lexicons, section specs,
evidence profiles and scoring. Immutable afterwards, so worker threads can share it.

A user's rule folder is merged after the shipped rules (same id replaces). A broken user file
never stops the app: it is skipped and reported in ``problems``. A broken shipped file is a bug
and raises :class:`RuleFileError`.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..gender import GenderLexicon
from ..sections_learned import load_section_model
from ..sections_spec import load_section_specs
from ..structure import PassiveDetector
from .loader import load_rules, word_list
from .matcher import TextRules
from .schema import MetricRule, Rule, RuleFileError
from .terms import TermScan, TermTable


def _toml(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except (OSError, tomllib.TOMLDecodeError) as error:
        raise RuleFileError(path, None, f"cannot be loaded: {error}") from None


@dataclass(frozen=True)
class RuleBook:
    """Every rule and lexicon an analysis needs, loaded once and
    shared read-only between threads."""

    rules: tuple[Rule, ...]
    text_rules: TextRules
    metric_rules: tuple[MetricRule, ...]
    profiles: dict[str, Any]
    scoring: dict[str, Any]
    gender: GenderLexicon
    eeo_cues: TermTable[bool]
    benefits: TermTable[str]
    benefit_labels: dict[str, str]
    passive: PassiveDetector
    sections: tuple[Any, ...] = ()
    section_model: Any = None  # sections_learned.SectionModel, where the folder ships one
    problems: tuple[str, ...] = field(default_factory=tuple)
    resources: Path | None = None
    # Built from the fields above (so ``dataclasses.replace`` rebuilds it): all term tables in
    # one walk per posting.
    term_scan: TermScan = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        from ..sections import section_cue_table

        tables: list[TermTable[Any]] = [
            self.text_rules.table,
            self.eeo_cues,
            self.gender.table,
            self.benefits,
        ]
        if self.sections:
            tables.append(section_cue_table(self.sections))
        object.__setattr__(self, "term_scan", TermScan(tables))

    def rule(self, rule_id: str) -> Rule | None:
        return next((rule for rule in self.rules if rule.id == rule_id), None)

    def profile(self, kind: str, name: str | None) -> tuple[str, dict[str, Any]]:
        """The named profile of a kind ("length", "gender"), or the file's default."""
        choices = self.profiles.get(kind, {})
        chosen = name or self.profiles.get(f"default_{kind}", "")
        if chosen not in choices:
            chosen = self.profiles.get(f"default_{kind}", next(iter(choices), ""))
        return chosen, choices.get(chosen, {})


def load_rulebook(
    resources: Path, user_rule_dirs: Iterable[Path] = (), language: str = "en"
) -> RuleBook:
    """Load the shipped rules for ``language``, then the user's folders; a fault in a shipped
    rule raises, a user rule's lands in ``problems``."""
    folders = [resources / "rules" / language, *[Path(p) for p in user_rule_dirs]]
    rules, problems = load_rules(folders, resources, strict=True)
    lexicons = resources / "lexicons"
    gender_path = lexicons / "gender_coded.toml"
    gender = GenderLexicon.load(gender_path) if gender_path.is_file() else GenderLexicon.empty()
    eeo: TermTable[bool] = TermTable()
    eeo_path = lexicons / "eeo_cues.txt"
    for cue in word_list(eeo_path) if eeo_path.is_file() else []:
        eeo.add(cue, True)
    eeo.freeze()
    benefits: TermTable[str] = TermTable()
    labels: dict[str, str] = {}
    for benefit_id, spec in _toml(lexicons / "benefits.toml").get("benefit", {}).items():
        labels[benefit_id] = spec.get("label", benefit_id)
        for term in spec.get("terms", []):
            benefits.add(term, benefit_id)
    benefits.freeze()
    passive = PassiveDetector(
        frozenset(word_list(lexicons / "irregular_participles.txt")),
        frozenset(word_list(lexicons / "passive_exceptions.txt")),
    )
    sections: tuple[Any, ...] = ()
    section_model = None
    sections_dir = resources / "sections" / language
    if sections_dir.is_dir():
        try:
            sections = tuple(load_section_specs(sections_dir))
            section_model = load_section_model(sections_dir)
        except ValueError as error:
            raise RuleFileError(sections_dir, None, str(error)) from None
    return RuleBook(
        rules=tuple(rules),
        text_rules=TextRules([r for r in rules if not isinstance(r, MetricRule)]),
        metric_rules=tuple(r for r in rules if isinstance(r, MetricRule)),
        profiles=_toml(resources / "profiles.toml"),
        scoring=_toml(resources / "scoring.toml"),
        gender=gender,
        eeo_cues=eeo,
        benefits=benefits,
        benefit_labels=labels,
        passive=passive,
        sections=sections,
        section_model=section_model,
        problems=tuple(problems),
        resources=resources,
    )


_default: RuleBook | None = None


def default_rulebook() -> RuleBook:
    """The shipped rule book, loaded once per process (for the CLI and tests)."""
    global _default
    if _default is None:
        from ...paths import resources_dir

        _default = cached_rulebook(resources_dir())
    return _default


def cached_rulebook(resources: Path) -> RuleBook:
    """The shipped rule book through the start-up cache (``core/cache.py``): keyed by the
    stamps of the rule, lexicon and section files and of the engine's own sources, so an edit
    to either rebuilds it."""
    from ..cache import cached, fingerprint, tree_files

    sources = tree_files(
        resources, ("rules/en/*.toml", "lexicons/**/*", "sections/en/**/*", "*.toml")
    ) + tree_files(Path(__file__).parent.parent, ("**/*.py",))
    from ..sections import keep_matcher
    from ..sections_spec import CueMatcher

    def build() -> tuple[RuleBook, CueMatcher]:
        book = load_rulebook(resources)
        return book, CueMatcher(book.sections)  # the section cue table, built once with it

    book, matcher = cached("rulebook-en", fingerprint(sources), build, "pickle")
    keep_matcher(book.sections, matcher)
    if book.resources != resources:  # built elsewhere (a bundle's packaging-time cache)
        object.__setattr__(book, "resources", resources)
    return book
