"""The None-reference work-around keeps a long editing session alive on PySide6 6.12 + 3.11."""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QLabel

from postingstudio.ui import compat


def test_many_void_qt_calls_do_not_exhaust_none(qapp):
    label = QLabel()
    for number in range(50_000):  # far more than the ~5,000 references None starts with
        label.setText("x" if number % 2 else "y")
    assert sys.getrefcount(None) > 0


def test_protection_is_applied_where_needed():
    assert compat.protect_none() == compat.needs_protection()
    if compat.needs_protection():
        assert sys.getrefcount(None) > 1 << 39
