"""The writer's preferences (core's one model) as a small TOML file: read forgivingly, written
atomically. Both directions walk the model's ``dataclasses.fields()``: no list of names here.

The file lives in the user's config directory, which ``app.py`` finds with ``QStandardPaths``
and passes in (this module never imports Qt). Reading is forgiving: an unknown key is ignored
(and logged), a value the model rejects (its types and checks are core's) falls back to its
default and is logged, and an unreadable file gives the defaults, so a hand-edited file never
stops the app. Files written before the model was split into parts (schema 1) are still read.
Writing goes to a temporary file in the same folder followed by ``os.replace``, so a crash
mid-write leaves the old file intact.
"""

from __future__ import annotations

import logging
import os
import tomllib
from dataclasses import fields, replace
from pathlib import Path
from typing import Any

from postingstudio.core.preferences import THEMES, Preferences, parts

from .atomic import write_atomic
from .errors import ExportError

log = logging.getLogger(__name__)

FILE_NAME = "preferences.toml"
# 2: one table per part of the model ([analysis], [grammar], [ui]). 1 (read, never written): one
# flat [preferences] table, where a grammar field was prefixed ("grammar_mode" is grammar.mode).
SCHEMA = 2
_LEGACY_TABLE = "preferences"


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
    tables = _legacy_tables(data, path) if _LEGACY_TABLE in data else data
    built: dict[str, Any] = {}
    for name, part in parts().items():
        table = tables.get(name, {})
        if not isinstance(table, dict):
            log.warning("preferences %s: [%s] is not a table; using the defaults", path, name)
            table = {}
        built[name] = _read_part(part, table, f"{path}: {name}")
    for key in tables.keys() - built.keys() - {"schema"}:
        log.info("preferences %s: unknown key %r ignored", path, key)
    return Preferences(**built)


def _read_part(part: type, table: dict[str, Any], where: str) -> Any:
    """One part, one key at a time: the model checks each value and a bad one keeps its
    default, so one typo in a hand-edited file costs only that setting."""
    value = part()
    known = {item.name for item in fields(part)}
    for key, raw in table.items():
        if key not in known:
            log.info("preferences %s: unknown key %r ignored", where, key)
            continue
        try:
            value = replace(value, **{key: _from_toml(raw)})
        except (TypeError, ValueError) as error:
            log.warning("preferences %s: %s; using the default", where, error)
    return value


def _legacy_tables(data: dict[str, Any], path: Path) -> dict[str, dict[str, Any]]:
    """A schema-1 file's flat table split into the parts, by the model's own field names: a
    key is ``<part>_<field>`` or, failing that, a field of the first part that has it."""
    flat = data[_LEGACY_TABLE]
    tables: dict[str, dict[str, Any]] = {name: {} for name in parts()}
    if not isinstance(flat, dict):
        log.warning("preferences %s: [%s] is not a table; using the defaults", path, _LEGACY_TABLE)
        return tables
    owners: dict[str, tuple[str, str]] = {}
    for name, part in reversed(parts().items()):  # the first part to have a name wins
        for item in fields(part):
            owners[item.name] = (name, item.name)
    for name, part in parts().items():
        for item in fields(part):
            owners[f"{name}_{item.name}"] = (name, item.name)
    for key, raw in flat.items():
        if key not in owners:
            log.info("preferences %s: unknown key %r ignored", path, key)
            continue
        part_name, field_name = owners[key]
        tables[part_name][field_name] = raw
    return tables


def _from_toml(raw: Any) -> Any:
    # TOML arrays arrive as lists; the model takes any iterable and keeps tuples, so only
    # nested arrays (the ignored [rule, text] pairs) need turning into tuples here.
    if isinstance(raw, list):
        return tuple(_from_toml(item) for item in raw)
    return raw


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
    ]
    for name in parts():
        part = getattr(preferences, name)
        lines += ["", f"[{name}]"]
        for item in fields(part):
            value = getattr(part, item.name)
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


# Preferences and THEMES are core's; re-exported because callers have always found them here.
__all__ = ["FILE_NAME", "SCHEMA", "THEMES", "Preferences", "load_preferences", "save_preferences"]
