"""Rule definitions as loaded from TOML, and the loader's validation with clear errors."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..findings import Category, Severity

KINDS = ("phrase", "substitution", "density", "pattern", "metric")
_RULE_CATEGORIES = {c.value for c in Category} - {"grammar", "spelling"}
_COMMON_KEYS = {
    "id", "kind", "category", "severity", "message", "why", "source", "replacements",
    "unless", "unless_pattern", "default", "bias", "case_sensitive", "evidence", "examples",
    "meaning", "scope", "pos",
}  # fmt: skip
# Where a match counts: anywhere, only as a heading line of its own, or only inside a sentence.
SCOPES = ("any", "heading", "sentence")
# The part of speech the matched words must have in context ("lead" the verb, not the noun).
PARTS_OF_SPEECH = ("any", "verb", "noun")
# "kept": every replacement says the same thing in plainer words (a safe fix, once fitted);
# "judgement": a replacement may change what the posting says, so the writer must choose.
MEANINGS = ("kept", "judgement")
_KIND_KEYS = {
    "phrase": {"terms"},
    "substitution": {"entries"},
    "density": {"terms", "lexicon", "per_words", "max", "max_marks"},
    "pattern": {"pattern", "requires"},
    "metric": {
        "metric",
        "above",
        "below",
        "above_profile",
        "below_profile",
        "mark",
        "max_marks",
        "unit",
    },  # fmt: skip
}
_ENTRY_KEYS = {
    "terms", "term", "explain", "replacements", "unless", "severity", "scope", "pos", "judgement",
}  # fmt: skip


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
    """One lexicon entry of a substitution rule (or the single implicit entry of a phrase rule)."""

    terms: tuple[str, ...]
    explain: str
    replacements: tuple[str, ...]
    unless: tuple[str, ...] = ()
    severity: Severity | None = None
    scope: str | None = None  # overrides the rule's scope
    pos: str | None = None  # overrides the rule's part of speech
    judgement: str = ""  # why this entry's replacements need the writer's judgement


@dataclass(frozen=True)
class Rule:
    id: str
    kind: str
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
    entries: tuple[Entry, ...] = ()
    pattern: re.Pattern[str] | None = None
    options: dict[str, Any] = field(default_factory=dict)
    meaning: str = "judgement"
    scope: str = "any"
    pos: str = "any"

    @property
    def terms(self) -> tuple[str, ...]:
        return tuple(term for entry in self.entries for term in entry.terms)


def _strings(
    value: Any, path: Path, rule_id: str | None, key: str, allow_empty: bool = False
) -> tuple[str, ...]:
    """A list of strings; ``allow_empty`` lets a replacement be "" (the fix deletes the words)."""
    if isinstance(value, str):
        value = [value]
    if (
        not isinstance(value, list)
        or not value
        or not all(isinstance(v, str) and (allow_empty or v.strip()) for v in value)
    ):
        raise RuleFileError(path, rule_id, f"'{key}' must be a list of non-empty strings")
    return tuple(value)


def _regex(source: str, flags: int, path: Path, rule_id: str, key: str) -> re.Pattern[str]:
    try:
        return re.compile(source, flags)
    except re.error as error:
        raise RuleFileError(path, rule_id, f"bad regular expression in '{key}': {error}") from None


def _requires(value: Any, path: Path, rule_id: str) -> tuple[frozenset[str], ...]:
    """``requires``: alternatives, each a word or a list of words that must all occur."""
    if not isinstance(value, list) or not value:
        raise RuleFileError(path, rule_id, "'requires' must be a non-empty list")
    groups = []
    for item in value:
        words = [item] if isinstance(item, str) else item
        if not isinstance(words, list) or not all(
            isinstance(w, str) and w and w == w.lower() and " " not in w for w in words
        ):
            raise RuleFileError(
                path, rule_id, "'requires' items are lower-case words or lists of them"
            )
        groups.append(frozenset(words))
    return tuple(groups)


def _choice(
    raw: dict[str, Any], key: str, allowed: tuple[str, ...], path: Path, rule_id: str
) -> str | None:
    value = raw.get(key)
    if value is not None and value not in allowed:
        raise RuleFileError(path, rule_id, f"'{key}' must be one of {', '.join(allowed)}")
    return value


def _entries(raw: dict[str, Any], path: Path, rule_id: str) -> tuple[Entry, ...]:
    kind = raw["kind"]
    if kind == "phrase" or (kind == "density" and "terms" in raw):
        terms = _strings(raw.get("terms"), path, rule_id, "terms")
        return (Entry(terms, raw.get("message", ""), tuple(raw.get("replacements", ()))),)
    if kind != "substitution":
        return ()
    items = raw.get("entries")
    if not isinstance(items, list) or not items:
        raise RuleFileError(path, rule_id, "a substitution rule needs a non-empty 'entries' list")
    entries = []
    for number, item in enumerate(items, 1):
        label = f"{rule_id} entry {number}"
        if not isinstance(item, dict):
            raise RuleFileError(path, label, "each entry must be a table")
        unknown = set(item) - _ENTRY_KEYS
        if unknown:
            raise RuleFileError(path, label, f"unknown keys {sorted(unknown)}")
        terms = _strings(item.get("terms", item.get("term")), path, label, "terms")
        replacements = _strings(
            item.get("replacements"), path, label, "replacements", allow_empty=True
        )
        if not isinstance(item.get("explain"), str) or not item["explain"].strip():
            raise RuleFileError(path, label, "each entry needs an 'explain' sentence")
        severity = item.get("severity")
        if severity is not None and severity not in Severity.__members__.values():
            raise RuleFileError(path, label, f"unknown severity '{severity}'")
        unless = _strings(item["unless"], path, label, "unless") if "unless" in item else ()
        scope = _choice(item, "scope", SCOPES, path, label)
        pos = _choice(item, "pos", PARTS_OF_SPEECH, path, label)
        judgement = item.get("judgement", "")
        if not isinstance(judgement, str):
            raise RuleFileError(path, label, "'judgement' must be a sentence")
        entries.append(
            Entry(
                terms,
                item["explain"],
                replacements,
                unless,
                Severity(severity) if severity else None,
                scope,
                pos,
                judgement,
            )
        )
    return tuple(entries)


def parse_rule(raw: Any, path: Path) -> Rule:
    if not isinstance(raw, dict):
        raise RuleFileError(path, None, "each [[rule]] must be a table")
    rule_id = raw.get("id")
    if not isinstance(rule_id, str) or not re.fullmatch(r"[a-z][a-z0-9_]*(\.[a-z0-9_]+)+", rule_id):
        raise RuleFileError(path, str(rule_id), "'id' must look like 'category.name'")
    kind = raw.get("kind")
    if kind not in KINDS:
        raise RuleFileError(path, rule_id, f"'kind' must be one of {', '.join(KINDS)}")
    unknown = set(raw) - _COMMON_KEYS - _KIND_KEYS[kind]
    if unknown:
        raise RuleFileError(path, rule_id, f"unknown keys {sorted(unknown)} for kind '{kind}'")
    for key in ("category", "severity", "message", "why", "source"):
        if not isinstance(raw.get(key), str) or not raw[key].strip():
            raise RuleFileError(path, rule_id, f"missing or empty '{key}'")
    if raw["category"] not in _RULE_CATEGORIES:
        raise RuleFileError(path, rule_id, f"unknown category '{raw['category']}'")
    if raw["severity"] not in Severity.__members__.values():
        raise RuleFileError(path, rule_id, f"unknown severity '{raw['severity']}'")
    examples = raw.get("examples", {})
    if not isinstance(examples, dict) or set(examples) - {"flag", "pass"}:
        raise RuleFileError(path, rule_id, "'examples' may only have 'flag' and 'pass'")
    if not examples.get("flag") or not examples.get("pass"):
        raise RuleFileError(path, rule_id, "needs examples.flag and examples.pass (one or more)")
    flag = _strings(examples["flag"], path, rule_id, "examples.flag")
    passing = _strings(examples["pass"], path, rule_id, "examples.pass")
    case_sensitive = bool(raw.get("case_sensitive", False))
    flags = 0 if case_sensitive else re.IGNORECASE
    pattern = None
    if kind == "pattern":
        if not isinstance(raw.get("pattern"), str):
            raise RuleFileError(path, rule_id, "a pattern rule needs 'pattern'")
        pattern = _regex(raw["pattern"], flags, path, rule_id, "pattern")
    replacements = list(raw.get("replacements", []))
    if kind in ("phrase", "pattern") and not replacements:
        raise RuleFileError(path, rule_id, "needs at least one replacement or rewrite")
    if kind == "density" and "terms" not in raw and "lexicon" not in raw:
        raise RuleFileError(path, rule_id, "a density rule needs 'terms' or 'lexicon'")
    if kind == "metric" and not isinstance(raw.get("metric"), str):
        raise RuleFileError(path, rule_id, "a metric rule needs 'metric'")
    unless_patterns: tuple[re.Pattern[str], ...] = ()
    if raw.get("unless_pattern"):
        sources = _strings(raw["unless_pattern"], path, rule_id, "unless_pattern")
        unless_patterns = tuple(
            _regex(p, re.IGNORECASE, path, rule_id, "unless_pattern") for p in sources
        )
    options = {k: raw[k] for k in _KIND_KEYS[kind] - {"terms", "entries", "pattern"} if k in raw}
    if "requires" in raw:
        options["requires"] = _requires(raw["requires"], path, rule_id)
    return Rule(
        id=rule_id,
        kind=kind,
        category=Category(raw["category"]),
        severity=Severity(raw["severity"]),
        message=raw["message"],
        why=raw["why"],
        source=raw["source"],
        path=str(path),
        replacements=(
            _strings(replacements, path, rule_id, "replacements", allow_empty=True)
            if replacements
            else ()
        ),
        unless=_strings(raw["unless"], path, rule_id, "unless") if raw.get("unless") else (),
        unless_pattern=unless_patterns,
        default=bool(raw.get("default", True)),
        bias=bool(raw.get("bias", raw["category"] == "inclusive")),
        case_sensitive=case_sensitive,
        evidence=raw.get("evidence"),
        examples_flag=flag,
        examples_pass=passing,
        entries=_entries(raw, path, rule_id),
        pattern=pattern,
        options=options,
        meaning=_choice(raw, "meaning", MEANINGS, path, rule_id) or "judgement",
        scope=_choice(raw, "scope", SCOPES, path, rule_id) or "any",
        pos=_choice(raw, "pos", PARTS_OF_SPEECH, path, rule_id) or "any",
    )


def load_rule_file(path: Path) -> list[Rule]:
    try:
        with path.open("rb") as handle:
            data = tomllib.load(handle)
    except tomllib.TOMLDecodeError as error:
        raise RuleFileError(path, None, f"not valid TOML: {error}") from None
    except OSError as error:
        raise RuleFileError(path, None, f"cannot be read: {error.strerror or error}") from None
    unknown = set(data) - {"rule"}
    if unknown:
        raise RuleFileError(path, None, f"unknown top-level keys {sorted(unknown)}")
    raw_rules = data.get("rule", [])
    if not isinstance(raw_rules, list):
        raise RuleFileError(path, None, "rules must be written as [[rule]] tables")
    return [parse_rule(raw, path) for raw in raw_rules]
