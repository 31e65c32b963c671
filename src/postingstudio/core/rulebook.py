"""Everything the engine knows, loaded once from ``resources/``: rules, lexicons, section specs,
evidence profiles and scoring. Immutable afterwards, so worker threads can share it.

A user's rule folder is merged after the shipped rules (same id replaces). A broken user file
never stops the app: it is skipped and reported in ``problems``. A broken shipped file is a bug
and raises :class:`RuleFileError`.
"""

from __future__ import annotations

import logging
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from .gender import GenderLexicon
from .rules.matcher import TextRules
from .rules.schema import Entry, Rule, RuleFileError, load_rule_file
from .rules.terms import TermScan, TermTable
from .sections_spec import load_section_specs
from .structure import PassiveDetector

log = logging.getLogger(__name__)


def _word_list(path: Path) -> list[str]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return [
        line.strip() for line in lines if line.strip() and not line.lstrip().startswith(("#", "%"))
    ]


def _toml(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except (OSError, tomllib.TOMLDecodeError) as error:
        raise RuleFileError(path, None, f"cannot be loaded: {error}") from None


@dataclass(frozen=True)
class RuleBook:
    rules: tuple[Rule, ...]
    text_rules: TextRules
    metric_rules: tuple[Rule, ...]
    profiles: dict[str, Any]
    scoring: dict[str, Any]
    gender: GenderLexicon
    eeo_cues: TermTable[bool]
    benefits: TermTable[str]
    benefit_labels: dict[str, str]
    passive: PassiveDetector
    sections: tuple[Any, ...] = ()
    problems: tuple[str, ...] = field(default_factory=tuple)
    resources: Path | None = None
    # Built from the fields above (so ``dataclasses.replace`` rebuilds it): all term tables in
    # one walk per posting.
    term_scan: TermScan = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        from .sections import section_cue_table

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


def _resolve_lexicons(rule: Rule, resources: Path) -> Rule:
    """Density rules may list their terms in a text file; read it into an entry."""
    lexicon = rule.options.get("lexicon")
    if rule.kind != "density" or not lexicon or rule.entries:
        return rule
    path = resources / str(lexicon)
    if not path.is_file():
        raise RuleFileError(rule.path, rule.id, f"lexicon file '{lexicon}' not found")
    entry = Entry(tuple(_word_list(path)), rule.message, rule.replacements)
    return replace(rule, entries=(entry,))


def load_rules(
    folders: Iterable[Path], resources: Path, strict: bool
) -> tuple[list[Rule], list[str]]:
    by_id: dict[str, Rule] = {}
    problems: list[str] = []
    for folder in folders:
        seen_here: dict[str, str] = {}
        for path in sorted(folder.glob("*.toml")):
            try:
                rules = [_resolve_lexicons(rule, resources) for rule in load_rule_file(path)]
                for rule in rules:
                    if rule.id in seen_here:
                        raise RuleFileError(
                            path, rule.id, f"duplicate id (also in {seen_here[rule.id]})"
                        )
                    seen_here[rule.id] = path.name
            except RuleFileError as error:
                if strict:
                    raise
                problems.append(str(error))
                log.warning("skipping rule file: %s", error)
                continue
            for rule in rules:
                by_id[rule.id] = rule
        strict = False  # only the first (shipped) folder is strict
    return list(by_id.values()), problems


def load_rulebook(
    resources: Path, user_rule_dirs: Iterable[Path] = (), language: str = "en"
) -> RuleBook:
    folders = [resources / "rules" / language, *[Path(p) for p in user_rule_dirs]]
    rules, problems = load_rules(folders, resources, strict=True)
    lexicons = resources / "lexicons"
    gender_path = lexicons / "gender_coded.toml"
    gender = GenderLexicon.load(gender_path) if gender_path.is_file() else GenderLexicon.empty()
    eeo: TermTable[bool] = TermTable()
    eeo_path = lexicons / "eeo_cues.txt"
    for cue in _word_list(eeo_path) if eeo_path.is_file() else []:
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
        frozenset(_word_list(lexicons / "irregular_participles.txt")),
        frozenset(_word_list(lexicons / "passive_exceptions.txt")),
    )
    sections: tuple[Any, ...] = ()
    sections_dir = resources / "sections" / language
    if sections_dir.is_dir():
        try:
            sections = tuple(load_section_specs(sections_dir))
        except ValueError as error:
            raise RuleFileError(sections_dir, None, str(error)) from None
    return RuleBook(
        rules=tuple(rules),
        text_rules=TextRules([r for r in rules if r.kind != "metric"]),
        metric_rules=tuple(r for r in rules if r.kind == "metric"),
        profiles=_toml(resources / "profiles.toml"),
        scoring=_toml(resources / "scoring.toml"),
        gender=gender,
        eeo_cues=eeo,
        benefits=benefits,
        benefit_labels=labels,
        passive=passive,
        sections=sections,
        problems=tuple(problems),
        resources=resources,
    )


_default: RuleBook | None = None


def default_rulebook() -> RuleBook:
    """The shipped rule book, loaded once per process (for the CLI and tests)."""
    global _default
    if _default is None:
        from ..paths import resources_dir

        _default = cached_rulebook(resources_dir())
    return _default


def cached_rulebook(resources: Path) -> RuleBook:
    """The shipped rule book through the start-up cache (``core/cache.py``): keyed by the
    stamps of the rule, lexicon and section files and of the engine's own sources, so an edit
    to either rebuilds it."""
    from .cache import cached, fingerprint, tree_files

    sources = tree_files(
        resources, ("rules/en/*.toml", "lexicons/**/*", "sections/en/**/*", "*.toml")
    ) + tree_files(Path(__file__).parent, ("**/*.py",))
    book = cached("rulebook-en", fingerprint(sources), lambda: load_rulebook(resources), "pickle")
    if book.resources != resources:  # built elsewhere (a bundle's packaging-time cache)
        object.__setattr__(book, "resources", resources)
    return book
