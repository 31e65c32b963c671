"""Compare reports, outreach exports and preferences all go through docio.atomic.write_atomic:
each file ends up 0644 under umask 022, no temporary file is left, and a failure keeps the
caller's own error type."""

from __future__ import annotations

import os
import stat
import sys
from pathlib import Path

import pytest

from postingstudio.core.outreach import Message
from postingstudio.core.preferences import Preferences
from postingstudio.core.settings import AnalysisSettings
from postingstudio.docio import atomic, compare_report, outreach_export, settings_file
from postingstudio.docio.compare_report import ReportWriteError
from postingstudio.docio.errors import ExportError
from postingstudio.docio.settings_file import load_preferences, save_preferences

posix_only = pytest.mark.skipif(sys.platform == "win32", reason="POSIX file modes")


@pytest.fixture
def umask_022():
    old = os.umask(0o022)
    yield
    os.umask(old)


def _only(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def _counting(monkeypatch, module) -> list[str]:
    calls: list[str] = []
    real = atomic.write_atomic

    def spy(path, data):
        calls.append(os.fspath(path))
        real(path, data)

    monkeypatch.setattr(module, "write_atomic", spy)
    return calls


@posix_only
def test_compare_report_is_written_atomically(tmp_path, monkeypatch, umask_022) -> None:
    monkeypatch.setattr(compare_report, "comparison_html", lambda comparison: "<p>r</p>")
    calls = _counting(monkeypatch, compare_report)
    target = compare_report.write_comparison_report(object(), tmp_path / "r.html")
    assert calls == [str(target)]
    assert stat.S_IMODE(target.stat().st_mode) == 0o644
    assert _only(tmp_path) == ["r.html"]


def test_compare_report_failure_is_a_report_write_error(tmp_path, monkeypatch) -> None:
    monkeypatch.setattr(compare_report, "comparison_html", lambda comparison: "<p>r</p>")
    with pytest.raises(ReportWriteError, match="does not exist"):
        compare_report.write_comparison_report(object(), tmp_path / "missing" / "r.html")

    def broken(comparison, path):
        Path(path).write_bytes(b"%PDF half")
        raise RuntimeError("no room on the page")

    monkeypatch.setattr(compare_report, "_pdf", broken)
    with pytest.raises(ReportWriteError, match="could not be laid out"):
        compare_report.write_comparison_report(object(), tmp_path / "r.pdf")
    assert _only(tmp_path) == []


@posix_only
def test_outreach_txt_is_written_atomically(tmp_path, monkeypatch, umask_022) -> None:
    calls = _counting(monkeypatch, outreach_export)
    message = Message(channel="linkedin", subject=None, body="Hello there")
    target = tmp_path / "drafts.txt"
    outreach_export.export_txt([message], target)
    assert calls == [str(target)]
    assert stat.S_IMODE(target.stat().st_mode) == 0o644
    assert _only(tmp_path) == ["drafts.txt"]
    with pytest.raises(ExportError):
        outreach_export.export_txt([message], tmp_path / "missing" / "drafts.txt")


@posix_only
def test_preferences_are_written_atomically(tmp_path, monkeypatch, umask_022) -> None:
    calls = _counting(monkeypatch, settings_file)
    target = tmp_path / "preferences.toml"
    save_preferences(Preferences(analysis=AnalysisSettings(show_all_hard_sentences=True)), target)
    assert calls == [str(target)]
    assert stat.S_IMODE(target.stat().st_mode) == 0o644
    assert _only(tmp_path) == ["preferences.toml"]
    assert load_preferences(target).analysis.show_all_hard_sentences is True


def test_preferences_failure_stays_an_oserror(tmp_path, monkeypatch) -> None:
    def refuse(source, target):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(atomic.os, "replace", refuse)
    with pytest.raises(OSError, match="(?i)permission denied"):
        save_preferences(Preferences(), tmp_path / "preferences.toml")
    assert _only(tmp_path) == []
