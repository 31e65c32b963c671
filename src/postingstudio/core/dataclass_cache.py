"""The methods ``dataclasses`` writes for each class, compiled once and kept between CLI runs.

``@dataclass`` writes ``__init__``, ``__eq__``, ``__repr__``, ``__hash__`` and, for frozen
classes, ``__setattr__``/``__delattr__`` as source text and compiles each with ``exec``: about
0.5 ms a class, and a one-file ``check`` creates some fifty, so compiling them was a tenth of
its time. The text depends only on the class's fields and options, and compiling the same text
always gives the same code object for a given Python build.

:func:`install` (called by the command line before anything is imported) points the
``dataclasses`` module's ``exec`` at :func:`_exec`, which compiles a text the way ``exec``
would (no inherited ``__future__`` flags, file name ``"<string>"``) once and reuses the code;
:func:`save`, at the end of a run that found no snapshot, records them. The
snapshot is a start-up cache file (``core/cache.py``: keyed by the app version and the exact
Python build and bytecode format, checked for damage by its hash). Where ``dataclasses`` is
built otherwise, nothing is installed and classes are made as usual.
"""

from __future__ import annotations

import dataclasses
import os
import sys
from types import CodeType
from typing import Any

NAME = "dataclass-code"
_code: dict[str, CodeType] = {}
_new: set[str] = set()
_installed = False
_missing = False  # install() found no sound snapshot: save() writes one


def _exec(source: Any, globals: Any = None, locals: Any = None, /) -> None:  # noqa: A002
    """``exec`` for ``dataclasses``: a text's code is compiled once and then reused."""
    if isinstance(source, str):
        code = _code.get(source)
        if code is None:
            # What exec(text) compiles inside dataclasses: its module has no __future__ imports,
            # so none are inherited (ours would turn the methods' annotations into strings).
            code = compile(source, "<string>", "exec", dont_inherit=True)
            _code[source] = code
            _new.add(source)
        source = code
    exec(source, globals, locals)  # noqa: S102  the text dataclasses itself wrote


def _known_layout() -> bool:
    """``dataclasses`` as written for 3.10-3.13: it compiles its methods with a bare ``exec``."""
    generators = ("_create_fn", "_FuncBuilder")
    return "exec" not in vars(dataclasses) and any(hasattr(dataclasses, g) for g in generators)


def _file_name() -> str:
    from importlib.util import MAGIC_NUMBER

    from .cache import cache_file_name

    return cache_file_name(NAME, f"{sys.version}|{MAGIC_NUMBER.hex()}")


def install() -> bool:
    """Compile dataclass methods through the snapshot from now on; False if not installed."""
    global _installed, _missing
    from .cache import NO_CACHE_ENV, find_cache_file

    if _installed:
        return True
    if os.environ.get(NO_CACHE_ENV) or not _known_layout():
        return False
    known = find_cache_file(_file_name(), "marshal")
    _missing = not isinstance(known, dict)
    if isinstance(known, dict):
        _code.update(
            (text, code)
            for text, code in known.items()
            if isinstance(text, str) and isinstance(code, CodeType)
        )
    dataclasses.exec = _exec  # type: ignore[attr-defined]
    _installed = True
    return True


def uninstall() -> None:
    """Back to the plain ``exec`` (for tests)."""
    global _installed
    if _installed:
        del dataclasses.exec  # type: ignore[attr-defined]
        _installed = False


def save() -> bool:
    """After a run :func:`install` found no sound snapshot for: record the compiled texts.
    True if written. A snapshot is never rewritten (a bundle's, read-only, stays in use)."""
    global _missing
    from .cache import store_cache_file

    if not _installed or not _missing or not _new:
        return False
    written = store_cache_file(_file_name(), dict(_code), "marshal")
    if written:
        _new.clear()
        _missing = False
    return written
