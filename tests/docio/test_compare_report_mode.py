"""A compare report is an export like any other: readable by others (0644 under umask 022)."""

from __future__ import annotations

import os
import stat
import sys
from pathlib import Path

import pytest

from postingstudio.docio import compare_report


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX file modes")
def test_html_report_gets_the_umask_mode_not_mkstemps_0600(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(compare_report, "comparison_html", lambda comparison: "<html></html>")
    old = os.umask(0o022)
    try:
        target = compare_report.write_comparison_report(object(), tmp_path / "report.html")
    finally:
        os.umask(old)
    assert stat.S_IMODE(target.stat().st_mode) == 0o644
    assert target.read_text(encoding="utf-8") == "<html></html>"
