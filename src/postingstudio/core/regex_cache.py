"""Compiled regular expressions kept between command-line runs, through ``re``'s own cache.

Compiling a pattern is pure Python (``re._parser`` then ``re._compiler``), 0.1-0.3 ms each, and a
one-file ``check`` compiles about 400: the rule book's patterns as it is unpickled, the section
terms, the salary, currency and pay-law grammars, and the standard library's own. That was a
fifth of the run. What the compiler produces is a list of integers for the C matcher, and it
depends only on the pattern text, its flags and the Python build, never on our sources.

So a ``check`` that found no snapshot records, at its end, the compiled form of every pattern
in ``re``'s cache (:func:`save`), and the next one hands those forms straight to
``_sre.compile`` and puts the patterns into ``re``'s cache before anything asks for them
(:func:`seed`). Every
``re.compile``/``re.match`` of the same text and flags then finds it there: the very object
``re`` would have built (``Pattern.__eq__`` compares the code, and the tests check it).

- The snapshot is a start-up cache file (``core/cache.py``): keyed by the app version and the
  exact Python build and matcher format (``sys.version``, ``_sre.MAGIC``), checked for damage by
  its hash; ``_sre.compile`` validates the code too, so a bad entry raises, never misbehaves.
- Anything unexpected (another Python whose ``re`` internals differ, a damaged entry) makes
  :func:`seed` do nothing: the patterns are compiled as usual, only the speed-up is lost.
"""

from __future__ import annotations

import os
import re
import sys
from typing import Any


def _log() -> Any:
    # logging is imported only to report a problem: the start-up seeds re's cache before the
    # standard library's own patterns (logging's, textwrap's) are compiled.
    import logging

    return logging.getLogger(__name__)


NAME = "regex"
# re keeps 512 patterns, dropping the oldest for each new one beyond that; a check uses about
# 1,000, so the snapshot missed the first ones, and each of those, compiled anew, evicted a
# seeded pattern that was then compiled too (285 compiles in a one-file check with a snapshot).
# So a seeded run lets re keep up to LIMIT, and records them all.
LIMIT = 4096
FORMAT = 2  # in the file's name: a snapshot of the 512 last patterns is not reused

_MODULES = ("_sre", "re._parser", "re._compiler")  # re's own workings, private to it
_missing = False  # seed() looked for a snapshot and found none sound: save() writes one


def _internals() -> tuple[Any, Any, Any, dict[Any, Any]] | None:
    """(_sre, re._parser, re._compiler, re._cache), or None where ``re`` is built otherwise."""
    from importlib import import_module

    try:
        _sre, _parser, _compiler = (import_module(name) for name in _MODULES)
        cache = vars(re).get("_cache")
        _sre.compile, _sre.MAGIC, _sre.CODESIZE, _parser.parse, _compiler._code  # noqa: B018
    except (ImportError, AttributeError):
        return None
    if not isinstance(cache, dict):
        return None
    return _sre, _parser, _compiler, cache


def _file_name() -> str | None:
    from .cache import cache_file_name

    parts = _internals()
    if parts is None:
        return None
    stamp = f"{sys.version}|{parts[0].MAGIC}|{parts[0].CODESIZE}|{FORMAT}"
    return cache_file_name(NAME, stamp)


def compiled_form(pattern: str | bytes, flags: int) -> tuple[Any, ...]:
    """What ``re._compiler.compile`` hands to ``_sre.compile`` for ``pattern`` (marshal-able)."""
    parts = _internals()
    assert parts is not None, "re's internals are not the ones this module knows"
    _sre, parser, compiler, _cache = parts
    parsed = parser.parse(pattern, flags)
    code = compiler._code(parsed, flags)
    groupindex = dict(parsed.state.groupdict)
    indexgroup: list[str | None] = [None] * parsed.state.groups
    for group_name, index in groupindex.items():
        indexgroup[index] = group_name
    final_flags = flags | parsed.state.flags
    return (pattern, int(flags), int(final_flags), [int(op) for op in code],
            parsed.state.groups - 1, groupindex,
            tuple(indexgroup))  # fmt: skip


def rebuild(form: tuple[Any, ...]) -> re.Pattern[Any]:
    """The pattern object of a :func:`compiled_form`, without parsing or compiling again."""
    parts = _internals()
    assert parts is not None, "re's internals are not the ones this module knows"
    pattern, _flags, final_flags, code, groups, groupindex, indexgroup = form
    compiled: re.Pattern[Any] = parts[0].compile(
        pattern, final_flags, code, groups, groupindex, indexgroup
    )
    return compiled


def seed() -> int:
    """Put the snapshot's patterns into ``re``'s cache; how many (0 without a sound snapshot)."""
    global _missing
    from .cache import NO_CACHE_ENV, find_cache_file

    parts = _internals()
    file_name = _file_name()
    if parts is None or file_name is None or os.environ.get(NO_CACHE_ENV):
        return 0
    if isinstance(getattr(re, "_MAXCACHE", None), int):
        re._MAXCACHE = max(re._MAXCACHE, LIMIT)  # type: ignore[attr-defined]
    forms = find_cache_file(file_name, "marshal")
    _missing = True
    if forms is None:
        return 0
    try:
        rebuilt = {(type(form[0]), form[0], form[1]): rebuild(tuple(form)) for form in forms}
    except Exception as error:  # a damaged entry (RuntimeError: invalid code, TypeError, …)
        _log().warning("ignoring the regular-expression cache: %s", error)
        return 0
    cache = parts[3]
    for key, compiled in rebuilt.items():
        cache.setdefault(key, compiled)
    _missing = False
    return len(rebuilt)


def save() -> bool:
    """After a run that :func:`seed` found no sound snapshot for: record the patterns in
    ``re``'s cache. True if a file was written.

    Only then: a snapshot is never rewritten, so a bundle's (read-only, built at packaging
    time) is used as it is and nothing is written to the user's folder beside it. Each pattern
    is also recorded under the flags ``re`` reports for it (``IGNORECASE`` becomes
    ``IGNORECASE | UNICODE``), the key under which unpickling the rule book asks for it.
    """
    from .cache import store_cache_file

    parts = _internals()
    file_name = _file_name()
    if parts is None or file_name is None or not _missing:
        return False
    forms: dict[tuple[Any, ...], tuple[Any, ...]] = {}
    for kind, pattern, flags in [key for key in list(parts[3]) if _recordable(key)][-LIMIT:]:
        try:
            form = compiled_form(pattern, flags)
            forms[(kind, pattern, flags)] = form
            final_flags = form[2]
            if final_flags != flags and (kind, pattern, final_flags) not in forms:
                forms[(kind, pattern, final_flags)] = compiled_form(pattern, final_flags)
        except Exception as error:  # noqa: BLE001  a pattern re itself compiled: never expected
            _log().info("pattern %r not recorded: %s", pattern, error)
    return store_cache_file(file_name, list(forms.values()), "marshal")


def _recordable(key: Any) -> bool:
    if not (isinstance(key, tuple) and len(key) == 3):
        return False
    kind, pattern, flags = key
    return kind in (str, bytes) and isinstance(flags, int) and not flags & re.DEBUG
