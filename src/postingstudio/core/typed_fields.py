"""Checking a frozen dataclass's fields against their own annotations, in one place.

The preferences model (:mod:`.settings`, :mod:`.preferences`) is built from values that come
from a hand-editable file, a dialog and the command line. Rather than one reader per field kept
by hand, each dataclass calls :func:`normalise_fields` from ``__post_init__``: every field is
checked against its annotation and put in its one canonical form (any iterable of strings
becomes a tuple without repeats, in the order given; an int becomes a float where a float is
declared; a string becomes the declared enum; a blank string where ``str | None`` is declared
becomes ``None``). A value that does not fit raises ``TypeError``
or ``ValueError`` naming the field, which the file reader turns into "use the default".

Only the shapes the model uses are understood: ``bool``, ``str``, ``float``, ``int``, string
enums, ``X | None``, ``tuple[X, ...]`` and fixed tuples such as ``tuple[str, str]``.
"""

from __future__ import annotations

import types
import typing
from dataclasses import fields
from enum import Enum
from functools import cache
from typing import Any


@cache
def _hints(cls: type) -> dict[str, Any]:
    # Resolved once per class: the annotations are strings (``from __future__ import annotations``).
    return typing.get_type_hints(cls)


def field_types(cls: type) -> dict[str, Any]:
    """``{field name: resolved annotation}`` for a dataclass, in declaration order."""
    hints = _hints(cls)
    return {item.name: hints[item.name] for item in fields(cls)}


def normalise_fields(instance: Any) -> None:
    """Check and normalise every field of a frozen dataclass instance in place."""
    for name, hint in field_types(type(instance)).items():
        value = getattr(instance, name)
        try:
            normal = coerce(value, hint)
        except (TypeError, ValueError) as error:
            raise type(error)(f"{name}: {error}") from None
        if normal is not value:
            object.__setattr__(instance, name, normal)


def coerce(value: Any, hint: Any) -> Any:
    """``value`` in the canonical form of ``hint``; ``TypeError`` if it is the wrong kind."""
    origin = typing.get_origin(hint)
    if origin in (types.UnionType, typing.Union):
        options = typing.get_args(hint)
        if value is None and type(None) in options:
            return None
        (inner,) = (option for option in options if option is not type(None))
        if inner is str and isinstance(value, str) and not value.strip():
            return None  # an emptied text field means "not set", as None does
        return coerce(value, inner)
    if origin is tuple:
        return _tuple(value, typing.get_args(hint))
    if hint is bool:
        if not isinstance(value, bool):
            raise TypeError("expected true or false")
        return value
    if hint is float or hint is int:
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise TypeError("expected a number")
        return hint(value) if type(value) is not hint else value
    if hint is str:
        if not isinstance(value, str):
            raise TypeError("expected a string")
        return value
    if isinstance(hint, type) and issubclass(hint, Enum):
        if isinstance(value, hint):
            return value
        choices = ", ".join(str(member.value) for member in hint)
        try:
            return hint(value)
        except ValueError:
            raise ValueError(f"expected one of {choices}") from None
    raise TypeError(f"no rule for fields of type {hint!r}")


def _tuple(value: Any, args: tuple[Any, ...]) -> tuple[Any, ...]:
    if isinstance(value, str | bytes) or not hasattr(value, "__iter__"):
        raise TypeError("expected a list")
    items = list(value)
    if len(args) == 2 and args[1] is Ellipsis:
        # A list the user builds up (allow-list, disabled rules): keep order, drop repeats.
        return tuple(dict.fromkeys(coerce(item, args[0]) for item in items))
    if len(items) != len(args):
        raise TypeError(f"expected a list of {len(args)} items")
    return tuple(coerce(item, arg) for item, arg in zip(items, args, strict=True))
