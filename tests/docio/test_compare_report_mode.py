"""A comparison report is shared like any other export: written 0644 (under umask 022), not the
0600 that ``mkstemp`` leaves on its temporary file."""

from __future__ import annotations

import os
import stat
import sys

import pytest

from postingstudio.core.analyse import analyse
from postingstudio.core.compare import CompareInput, compare
from postingstudio.core.plaintext import parse_text
from postingstudio.docio.compare_report import write_comparison_report


def _input(text: str, name: str, book) -> CompareInput:
    posting = parse_text(text)
    return CompareInput(analyse(posting, book), name=name, posting=posting)


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX permission bits")
def test_html_report_is_written_0644(tmp_path, rulebook):
    mine = _input("Data Analyst\nYou will build dashboards in Leeds.", "mine", rulebook)
    theirs = _input("Data Engineer\nYou will build pipelines. Salary £40,000.", "theirs", rulebook)
    old = os.umask(0o022)
    try:
        path = write_comparison_report(compare(mine, [theirs], rulebook), tmp_path / "r.html")
    finally:
        os.umask(old)
    assert stat.S_IMODE(path.stat().st_mode) == 0o644
    assert "<html" in path.read_text(encoding="utf-8").lower()
    assert not list(tmp_path.glob(".compare-*"))
