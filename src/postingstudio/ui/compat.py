"""Work-arounds for defects in the Qt binding we run on. Each says which versions need it.

``protect_none``: PySide6 6.12 built for the stable ABI returns ``None`` from every method that
returns nothing (``QTextCursor.setPosition``, ``QLabel.setText``, ``QTimer.start`` …) without
taking a reference to it. On Python 3.12+ ``None`` is immortal (PEP 683) and this is harmless;
on Python 3.11 each call lowers ``None``'s reference count by one, and after a few thousand calls
(a minute of typing) the interpreter aborts with "Fatal Python error: none_dealloc". Measured
here with ``sys.getrefcount(None)`` around 200 calls of ``QLabel.setText``: −200.

The cure mirrors what 3.12 does: make ``None``'s count so large that it can never reach zero.
``None`` is never legitimately deallocated, so a higher count changes nothing else. The fix is
applied once, only where it is needed (CPython < 3.12), and never on debug builds with
``Py_TRACE_REFS`` where the count is not the object's first field.
"""

from __future__ import annotations

import ctypes
import logging
import sys

log = logging.getLogger(__name__)

_HEADROOM = 1 << 40  # ~10^12 leaked references before trouble: far beyond any session
_applied = False


def _affected_binding() -> bool:
    """Only PySide6 6.12.x has the defect; pyproject.toml already excludes it below 3.12, so
    this guard matters only for an environment installed by other means."""
    try:
        import PySide6
    except ImportError:
        return False
    return str(getattr(PySide6, "__version__", "")).startswith("6.12.")


def needs_protection() -> bool:
    """Whether ``protect_none`` is needed: CPython below 3.12 on an affected PySide6 6.12 build."""
    return (
        sys.implementation.name == "cpython"
        and sys.version_info < (3, 12)
        and not hasattr(sys, "getobjects")  # Py_TRACE_REFS builds have a different layout
        and _affected_binding()
    )


def protect_none() -> bool:
    """Raise ``None``'s reference count out of reach; True when it was applied (once)."""
    global _applied
    if _applied or not needs_protection():
        return _applied
    count = ctypes.c_ssize_t.from_address(id(None))
    # Sanity check the layout before writing: the field must hold None's real count
    # (getrefcount reports one more for its own argument).
    if abs(count.value - (sys.getrefcount(None) - 1)) > 8:
        log.warning("cannot protect None: unexpected object layout")
        return False
    count.value += _HEADROOM
    _applied = True
    return True
