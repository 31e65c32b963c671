"""Reading rule files: TOML in, one typed rule per ``[[rule]]`` out, or a clear error.

Every key is checked against the rule's kind, and a metric rule's ``metric`` and ``mark``
against the registries in :mod:`.metrics`: a user rule naming a metric that does not exist
would otherwise load and silently never fire.
"""

from __future__ import annotations

import logging
import re
import tomllib
from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path
from typing import Any

from ..findings import Category, Severity
from .metrics import MARKS, METRICS
from .schema import (
    KINDS,
    MEANINGS,
    PARTS_OF_SPEECH,
    RULE_CLASSES,
    SCOPES,
    DensityRule,
    Entry,
    Rule,
    RuleFileError,
)

log = logging.getLogger(__name__)

_RULE_CATEGORIES = {c.value for c in Category} - {"grammar", "spelling"}
_COMMON_KEYS = {
    "id", "kind", "category", "severity", "message", "why", "source", "replacements",
    "unless", "unless_pattern", "default", "bias", "case_sensitive", "evidence", "examples",
    "meaning", "scope", "pos",
}  # fmt: skip
_KIND_KEYS = {
    "phrase": {"terms"},
    "substitution": {"entries"},
    "density": {"terms", "lexicon", "per_words", "max", "max_marks"},
    "pattern": {"pattern", "requires", "requires_repeat"},
    "metric": {
        "metric", "above", "below", "above_profile", "below_profile", "mark", "max_marks", "unit",
    },
}  # fmt: skip
_ENTRY_KEYS = {
    "terms", "term", "explain", "replacements", "unless", "severity", "scope", "pos", "judgement",
    "unless_after",
}  # fmt: skip


def word_list(path: Path) -> list[str]:
    """The words of a lexicon text file, one a line; ``#`` and ``%`` lines are comments."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return [
        line.strip() for line in lines if line.strip() and not line.lstrip().startswith(("#", "%"))
    ]


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


def _number(raw: dict[str, Any], key: str, path: Path, rule_id: str) -> float | None:
    value = raw.get(key)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise RuleFileError(path, rule_id, f"'{key}' must be a number")
    return float(value)


def _entry(item: Any, path: Path, label: str) -> Entry:
    if not isinstance(item, dict):
        raise RuleFileError(path, label, "each entry must be a table")
    unknown = set(item) - _ENTRY_KEYS
    if unknown:
        raise RuleFileError(path, label, f"unknown keys {sorted(unknown)}")
    terms = _strings(item.get("terms", item.get("term")), path, label, "terms")
    replacements = _strings(item.get("replacements"), path, label, "replacements", allow_empty=True)
    if not isinstance(item.get("explain"), str) or not item["explain"].strip():
        raise RuleFileError(path, label, "each entry needs an 'explain' sentence")
    severity = item.get("severity")
    if severity is not None and severity not in Severity.__members__.values():
        raise RuleFileError(path, label, f"unknown severity '{severity}'")
    judgement = item.get("judgement", "")
    if not isinstance(judgement, str):
        raise RuleFileError(path, label, "'judgement' must be a sentence")
    after = item.get("unless_after")
    if after is not None and not isinstance(after, str):
        raise RuleFileError(path, label, "'unless_after' must be a regular expression")
    return Entry(
        terms,
        item["explain"],
        replacements,
        _strings(item["unless"], path, label, "unless") if "unless" in item else (),
        Severity(severity) if severity else None,
        _choice(item, "scope", SCOPES, path, label),
        _choice(item, "pos", PARTS_OF_SPEECH, path, label),
        judgement,
        _regex(after, re.IGNORECASE, path, label, "unless_after") if after else None,
    )


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
    return tuple(_entry(item, path, f"{rule_id} entry {n}") for n, item in enumerate(items, 1))


def _metric_fields(raw: dict[str, Any], path: Path, rule_id: str) -> dict[str, Any]:
    metric = raw.get("metric")
    if not isinstance(metric, str):
        raise RuleFileError(path, rule_id, "a metric rule needs 'metric'")
    if metric not in METRICS:
        raise RuleFileError(
            path, rule_id, f"unknown metric '{metric}' (known: {', '.join(sorted(METRICS))})"
        )
    mark = raw.get("mark")
    if mark is not None and mark not in MARKS:
        raise RuleFileError(
            path, rule_id, f"unknown mark '{mark}' (known: {', '.join(sorted(MARKS))})"
        )
    limits = [k for k in ("above", "below", "above_profile", "below_profile") if k in raw]
    if not limits:
        raise RuleFileError(path, rule_id, "a metric rule needs 'above' or 'below' (or a profile)")
    for key in ("above_profile", "below_profile", "unit"):
        if key in raw and not isinstance(raw[key], str):
            raise RuleFileError(path, rule_id, f"'{key}' must be a string")
    fields: dict[str, Any] = {
        "metric": metric,
        "above": _number(raw, "above", path, rule_id),
        "below": _number(raw, "below", path, rule_id),
        "above_profile": raw.get("above_profile"),
        "below_profile": raw.get("below_profile"),
        "mark": mark,
        "unit": raw.get("unit"),
    }
    if "max_marks" in raw:
        fields["max_marks"] = int(_number(raw, "max_marks", path, rule_id) or 0)
    return fields


def _kind_fields(raw: dict[str, Any], path: Path, rule_id: str, flags: int) -> dict[str, Any]:
    """The fields only this rule's kind has."""
    kind = raw["kind"]
    if kind == "pattern":
        if not isinstance(raw.get("pattern"), str):
            raise RuleFileError(path, rule_id, "a pattern rule needs 'pattern'")
        fields: dict[str, Any] = {
            "pattern": _regex(raw["pattern"], flags, path, rule_id, "pattern")
        }
        if "requires" in raw:
            fields["requires"] = _requires(raw["requires"], path, rule_id)
        if "requires_repeat" in raw:
            if not isinstance(raw["requires_repeat"], bool):
                raise RuleFileError(path, rule_id, "'requires_repeat' must be true or false")
            fields["requires_repeat"] = raw["requires_repeat"]
        return fields
    if kind == "metric":
        return _metric_fields(raw, path, rule_id)
    fields = {"entries": _entries(raw, path, rule_id)}
    if kind == "density":
        if "terms" not in raw and "lexicon" not in raw:
            raise RuleFileError(path, rule_id, "a density rule needs 'terms' or 'lexicon'")
        for key in ("per_words", "max"):
            if key in raw:
                fields[key] = _number(raw, key, path, rule_id)
        if "max_marks" in raw:
            fields["max_marks"] = int(_number(raw, "max_marks", path, rule_id) or 0)
        if "lexicon" in raw:
            fields["lexicon"] = str(raw["lexicon"])
    return fields


def parse_rule(raw: Any, path: Path) -> Rule:
    """One ``[[rule]]`` table as the dataclass of its kind; :class:`RuleFileError` if unusable."""
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
    case_sensitive = bool(raw.get("case_sensitive", False))
    replacements = list(raw.get("replacements", []))
    if kind in ("phrase", "pattern") and not replacements:
        raise RuleFileError(path, rule_id, "needs at least one replacement or rewrite")
    unless_patterns: tuple[re.Pattern[str], ...] = ()
    if raw.get("unless_pattern"):
        sources = _strings(raw["unless_pattern"], path, rule_id, "unless_pattern")
        unless_patterns = tuple(
            _regex(p, re.IGNORECASE, path, rule_id, "unless_pattern") for p in sources
        )
    kind_fields = _kind_fields(raw, path, rule_id, 0 if case_sensitive else re.IGNORECASE)
    rule = RULE_CLASSES[kind](
        id=rule_id,
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
        examples_flag=_strings(examples["flag"], path, rule_id, "examples.flag"),
        examples_pass=_strings(examples["pass"], path, rule_id, "examples.pass"),
        meaning=_choice(raw, "meaning", MEANINGS, path, rule_id) or "judgement",
        scope=_choice(raw, "scope", SCOPES, path, rule_id) or "any",
        pos=_choice(raw, "pos", PARTS_OF_SPEECH, path, rule_id) or "any",
        **kind_fields,
    )
    return rule  # type: ignore[return-value]


def load_rule_file(path: Path) -> list[Rule]:
    """Every rule of one TOML file, or :class:`RuleFileError` naming the first problem."""
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


def _resolve_lexicon(rule: Rule, resources: Path) -> Rule:
    """Density rules may list their terms in a text file; read it into an entry."""
    if not isinstance(rule, DensityRule) or not rule.lexicon or rule.entries:
        return rule
    path = resources / rule.lexicon
    if not path.is_file():
        raise RuleFileError(rule.path, rule.id, f"lexicon file '{rule.lexicon}' not found")
    entry = Entry(tuple(word_list(path)), rule.message, rule.replacements)
    return replace(rule, entries=(entry,))


def load_rules(
    folders: Iterable[Path], resources: Path, strict: bool
) -> tuple[list[Rule], list[str]]:
    """The rules of every folder, later folders replacing earlier ones by id.

    With ``strict`` the first folder (the shipped rules) raises on a problem; every other
    folder's broken file is skipped and its problem returned, so a user's typo never stops
    the app but is shown, not swallowed.
    """
    by_id: dict[str, Rule] = {}
    problems: list[str] = []
    for folder in folders:
        seen_here: dict[str, str] = {}
        for path in sorted(folder.glob("*.toml")):
            try:
                rules = [_resolve_lexicon(rule, resources) for rule in load_rule_file(path)]
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
