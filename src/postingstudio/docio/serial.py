"""A Posting to JSON-ready data and back, derived from the dataclass fields themselves.

The recovery journal must carry *every* field of :class:`~postingstudio.core.model.Block` and
:class:`~postingstudio.core.model.Run` (a field added for lossless save, such as a source
paragraph id, must survive a crash without anyone remembering to list it here). So nothing here
names a field: values are written by walking ``dataclasses.fields`` and read back by following
the fields' type hints (enums, tuples, optionals, nested dataclasses). Fields left at their
default are omitted, which keeps a journal of a long posting small.
"""

from __future__ import annotations

import dataclasses
import enum
import functools
import types
import typing
from typing import Any

from postingstudio.core.model import Block, Posting

_MISSING = dataclasses.MISSING


def to_data(value: Any) -> Any:
    """A dataclass, enum, tuple or plain value as JSON-ready data (dicts, lists, scalars)."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        out: dict[str, Any] = {}
        for spec in dataclasses.fields(value):
            item = getattr(value, spec.name)
            if spec.default is not _MISSING and item == spec.default:
                continue
            if spec.default_factory is not _MISSING and item == spec.default_factory():
                continue
            out[spec.name] = to_data(item)
        return out
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, (tuple, list)):
        return [to_data(item) for item in value]
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    raise TypeError(f"cannot serialise {type(value).__name__}")


@functools.cache
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


def from_data(hint: Any, data: Any) -> Any:
    """Rebuild a ``hint`` value from :func:`to_data` output; ValueError if it does not fit."""
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        options = typing.get_args(hint)
        if data is None and type(None) in options:
            return None
        errors = []
        for option in options:
            if option is type(None):
                continue
            try:
                return from_data(option, data)
            except (ValueError, TypeError) as error:
                errors.append(str(error))
        raise ValueError("; ".join(errors) or f"{data!r} fits no type of {hint}")
    if origin is tuple:
        if not isinstance(data, list):
            raise ValueError(f"expected a list for {hint}, got {type(data).__name__}")
        args = typing.get_args(hint)
        if len(args) == 2 and args[1] is Ellipsis:
            return tuple(from_data(args[0], item) for item in data)
        if len(args) != len(data):
            raise ValueError(f"expected {len(args)} items for {hint}, got {len(data)}")
        return tuple(from_data(arg, item) for arg, item in zip(args, data, strict=True))
    if isinstance(hint, type) and dataclasses.is_dataclass(hint):
        if not isinstance(data, dict):
            raise ValueError(f"expected an object for {hint.__name__}")
        hints = _hints(hint)
        known = {spec.name for spec in dataclasses.fields(hint) if spec.init}
        values = {
            name: from_data(hints[name], item) for name, item in data.items() if name in known
        }
        return hint(**values)
    if isinstance(hint, type) and issubclass(hint, enum.Enum):
        return hint(data)
    if hint is float and isinstance(data, (int, float)) and not isinstance(data, bool):
        return float(data)
    if hint in (str, int, bool) and type(data) is hint:
        return data
    if hint is Any:
        return data
    raise ValueError(f"expected {getattr(hint, '__name__', hint)}, got {data!r:.40}")


def posting_to_data(posting: Posting) -> dict[str, Any]:
    """The posting's blocks, title, source path and notes (everything its dataclass holds)."""
    return typing.cast(dict[str, Any], to_data(posting))


def posting_from_data(data: dict[str, Any]) -> Posting:
    """A posting rebuilt from its serialised data (the recovery journal's form)."""
    return typing.cast(Posting, from_data(Posting, data))


def block_field_names() -> tuple[str, ...]:
    """The Block fields the journal carries (all of them); for tests and diagnostics."""
    return tuple(spec.name for spec in dataclasses.fields(Block))
