"""Shorter debounces for tests, patched in where the product reads them.

The product has no knob for its timings: the analysis debounce (300 ms) is a constant of
:mod:`postingstudio.ui.common.analysis` that a controller reads when it is made. A test that
types and waits for the report patches it first, so a workspace made afterwards answers fast.
"""

from __future__ import annotations

import pytest

QUICK_ANALYSIS_DELAY_MS = 30


def quick_debounce(monkeypatch: pytest.MonkeyPatch) -> None:
    """Analysis controllers made from now on debounce for 30 ms instead of 300 ms."""
    from postingstudio.ui.common import analysis

    monkeypatch.setattr(analysis, "DEFAULT_DELAY_MS", QUICK_ANALYSIS_DELAY_MS)
