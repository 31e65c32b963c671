"""The writer's preferences as a small TOML file: typed, validated on read, written atomically.

The file lives in the user's config directory, which ``app.py`` finds with ``QStandardPaths``
and passes in (this module never imports Qt). Reading is forgiving: an unknown key is ignored,
a value of the wrong type falls back to its default and is logged, and an unreadable file gives
the defaults, so a hand-edited file never stops the app. Writing goes to a temporary file in
the same folder followed by ``os.replace``, so a crash mid-write leaves the old file intact.
"""

from __future__ import annotations

import logging
import os
import tomllib
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Any

from postingstudio.core.settings import AnalysisSettings

from .atomic import write_atomic
from .errors import ExportError

log = logging.getLogger(__name__)

FILE_NAME = "preferences.toml"
SCHEMA = 1
THEMES = ("system", "light", "dark")
GRAMMAR_MODES = ("off", "local", "server", "public")  # postingstudio.grammar.GrammarMode values


@dataclass(frozen=True)
class Preferences:
    """Everything the Preferences dialog sets; a ``None`` profile uses the rule book default."""

    disabled_categories: tuple[str, ...] = ()
    disabled_rules: tuple[str, ...] = ()
    allow_terms: tuple[str, ...] = ()
    ignored: tuple[tuple[str, str], ...] = ()  # (rule_id, matched text lower-cased)
    length_profile: str | None = None
    gender_profile: str | None = None
    reading_grade_target: float | None = None
    picky: bool = False
    show_all_hard_sentences: bool = False
    theme: str = "system"
    sample_offered: bool = False  # the first-start offer of the sample posting was shown
    # Grammar (LanguageTool). No mode means automatic: local when Java and LanguageTool are
    # installed, else off. Nothing is downloaded or sent anywhere without the user's action.
    grammar_mode: str | None = None
    grammar_server_url: str | None = None
    grammar_local_path: str | None = None  # a LanguageTool folder the user already has
    grammar_public_consent: bool = False  # read the "text leaves the machine" notice, said yes
    grammar_disabled_rules: tuple[str, ...] = ()  # LanguageTool rule ids, e.g. "EN_A_VS_AN"

    def analysis_settings(self) -> AnalysisSettings:
        return AnalysisSettings(
            allow_terms=frozenset(self.allow_terms),
            disabled_rules=frozenset(self.disabled_rules),
            disabled_categories=frozenset(self.disabled_categories),
            ignored=frozenset(self.ignored),
            length_profile=self.length_profile,
            gender_profile=self.gender_profile,
            reading_grade_target=self.reading_grade_target,
            picky=self.picky,
            show_all_hard_sentences=self.show_all_hard_sentences,
        )

    def with_changes(self, **changes: Any) -> Preferences:
        return replace(self, **changes)


def _string_tuple(value: Any) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise TypeError("expected a list of strings")
    return tuple(dict.fromkeys(value))  # keep order, drop repeats


def _pairs(value: Any) -> tuple[tuple[str, str], ...]:
    if not isinstance(value, list):
        raise TypeError("expected a list of [rule, text] pairs")
    pairs = []
    for item in value:
        if not (
            isinstance(item, list) and len(item) == 2 and all(isinstance(v, str) for v in item)
        ):
            raise TypeError("expected a list of [rule, text] pairs")
        pairs.append((item[0], item[1]))
    return tuple(dict.fromkeys(pairs))


def _optional_str(value: Any) -> str | None:
    if not isinstance(value, str):
        raise TypeError("expected a string")
    return value or None


def _optional_float(value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise TypeError("expected a number")
    if not 1 <= value <= 20:
        raise ValueError("expected a grade between 1 and 20")
    return float(value)


def _bool(value: Any) -> bool:
    if not isinstance(value, bool):
        raise TypeError("expected true or false")
    return value


def _grammar_mode(value: Any) -> str | None:
    if value not in GRAMMAR_MODES:
        raise ValueError(f"expected one of {', '.join(GRAMMAR_MODES)}")
    return str(value)


def _theme(value: Any) -> str:
    if value not in THEMES:
        raise ValueError(f"expected one of {', '.join(THEMES)}")
    return str(value)


_READERS = {
    "disabled_categories": _string_tuple,
    "disabled_rules": _string_tuple,
    "allow_terms": _string_tuple,
    "ignored": _pairs,
    "length_profile": _optional_str,
    "gender_profile": _optional_str,
    "reading_grade_target": _optional_float,
    "picky": _bool,
    "show_all_hard_sentences": _bool,
    "theme": _theme,
    "sample_offered": _bool,
    "grammar_mode": _grammar_mode,
    "grammar_server_url": _optional_str,
    "grammar_local_path": _optional_str,
    "grammar_public_consent": _bool,
    "grammar_disabled_rules": _string_tuple,
}


def load_preferences(path: str | os.PathLike[str]) -> Preferences:
    """Read preferences; a missing or broken file gives the defaults (and a log line)."""
    path = Path(path)
    try:
        with path.open("rb") as handle:
            data = tomllib.load(handle)
    except FileNotFoundError:
        return Preferences()
    except (OSError, tomllib.TOMLDecodeError) as error:
        log.warning("ignoring unreadable preferences %s: %s", path, error)
        return Preferences()
    values: dict[str, Any] = {}
    for key, raw in data.get("preferences", {}).items():
        reader = _READERS.get(key)
        if reader is None:
            log.info("preferences %s: unknown key %r ignored", path, key)
            continue
        try:
            values[key] = reader(raw)
        except (TypeError, ValueError) as error:
            log.warning("preferences %s: %s: %s; using the default", path, key, error)
    return Preferences(**values)


def _toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, str):
        escaped = (
            value.replace("\\", "\\\\")
            .replace('"', '\\"')
            .replace("\n", "\\n")
            .replace("\t", "\\t")
            .replace("\r", "\\r")
        )
        escaped = "".join(
            c if ord(c) >= 0x20 and c != "\x7f" else f"\\u{ord(c):04x}" for c in escaped
        )
        return f'"{escaped}"'
    if isinstance(value, tuple | list):
        return "[" + ", ".join(_toml_value(item) for item in value) + "]"
    raise TypeError(f"cannot write {type(value).__name__} to TOML")


def dumps(preferences: Preferences) -> str:
    lines = [
        "# Posting Studio preferences. Edit in Preferences; hand edits are read on next start.",
        f"schema = {SCHEMA}",
        "",
        "[preferences]",
    ]
    for item in fields(preferences):
        value = getattr(preferences, item.name)
        if value is None:
            continue  # TOML has no null: an absent key means "use the default"
        lines.append(f"{item.name} = {_toml_value(value)}")
    return "\n".join(lines) + "\n"


def save_preferences(preferences: Preferences, path: str | os.PathLike[str]) -> None:
    """Write atomically (:func:`.atomic.write_atomic`); a failure is an ``OSError`` as before."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    data = dumps(preferences).encode("utf-8")
    try:
        write_atomic(path, data)
    except ExportError as error:  # callers (the shell) report an OSError in the status bar
        raise OSError(f"{path}: {error.reason}") from error


__all__ = ["FILE_NAME", "THEMES", "Preferences", "load_preferences", "save_preferences"]
