"""The editor stays readable at ordinary window sizes, and a saved window that no longer fits
the screen comes back at a sane size (issue 17, layout)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRect
from PySide6.QtGui import QFontMetricsF, QGuiApplication
from PySide6.QtWidgets import QApplication

from tests.conftest import corpus_path
from tests.ui.conftest import wait_report

from .conftest import running_workspace

pytestmark = pytest.mark.e2e

REAL_POSTING = "A01258386__Resume-Scanner__job_description.docx"
PROSE = (
    "We are looking for a data analyst who enjoys turning messy sales figures into clear stories"
)


def _settle(qtbot, window) -> None:
    for _ in range(5):
        QApplication.processEvents()
        qtbot.wait(30)


def _characters_a_line(editor) -> float:
    """Average characters of the editor's font on one line of its visible page."""
    metrics = QFontMetricsF(editor.document().defaultFont())
    usable = editor.viewport().width() - 2 * editor.document().documentMargin()
    return usable / metrics.averageCharWidth()


@pytest.mark.parametrize("size", [(1024, 700), (1280, 820), (1920, 1080)])
def test_editor_shows_sixty_characters_a_line(qtbot, tmp_path, size):
    with running_workspace(qtbot, tmp_path, size) as (ws, prompts):
        prompts.open_answer = str(corpus_path("docx", "jd_real", REAL_POSTING))
        ws.window.actions.open.trigger()
        wait_report(qtbot, ws)
        ws.window.resize(*size)
        _settle(qtbot, ws.window)
        assert ws.window.size().toTuple() == size
        editor = ws.window.editor
        assert _characters_a_line(editor) >= 60
        # Real prose, not only the font's average: sixty characters of it fit on a line.
        metrics = QFontMetricsF(editor.document().defaultFont())
        usable = editor.viewport().width() - 2 * editor.document().documentMargin()
        assert metrics.horizontalAdvance(PROSE[:60]) <= usable
        # The panels are still there, beside the editor rather than over it.
        for dock in (ws.window.findings_dock, ws.window.checklist_dock, ws.window.scores_dock):
            assert not dock.isFloating()
        assert ws.window.findings_dock.isVisible()


def test_narrow_window_stacks_the_panels_and_a_wide_one_spreads_them(qtbot, tmp_path):
    with running_workspace(qtbot, tmp_path, (1024, 700)) as (ws, _prompts):
        w = ws.window
        _settle(qtbot, w)
        assert w.layout_manager.mode == "narrow"
        assert set(w.tabifiedDockWidgets(w.findings_dock)) == {w.checklist_dock, w.scores_dock}
        w.resize(1920, 1080)
        _settle(qtbot, w)
        assert w.layout_manager.mode == "wide"
        assert w.tabifiedDockWidgets(w.findings_dock) == []
        assert w.scores_dock.x() < w.editor.mapTo(w, w.editor.rect().topLeft()).x()


def test_zoomed_in_editor_still_keeps_its_line(qtbot, tmp_path):
    with running_workspace(qtbot, tmp_path, (1280, 820)) as (ws, _prompts):
        before = ws.window.editor.minimumWidth()
        ws.window.actions.zoom_in.trigger()
        ws.window.actions.zoom_in.trigger()
        _settle(qtbot, ws.window)
        assert ws.window.editor.minimumWidth() > before
        assert _characters_a_line(ws.window.editor) >= 60


def test_saved_geometry_off_the_screen_is_replaced_by_a_default(qtbot, tmp_path):
    with running_workspace(qtbot, tmp_path) as (ws, _prompts):
        ws.window.setGeometry(QRect(6000, 4000, 3800, 2400))  # a monitor since unplugged
        ws.save_window()
    with running_workspace(qtbot, tmp_path) as (ws, _prompts):
        frame = ws.window.frameGeometry()
        screens = [
            s.availableGeometry().adjusted(-16, -16, 16, 16) for s in QGuiApplication.screens()
        ]
        assert any(area.contains(frame) for area in screens), (frame, screens)
        assert ws.window.width() >= 640 and ws.window.height() >= 480


def test_saved_geometry_that_fits_is_kept(qtbot, tmp_path):
    with running_workspace(qtbot, tmp_path) as (ws, _prompts):
        ws.window.resize(1100, 720)
        _settle(qtbot, ws.window)
        ws.save_window()
    with running_workspace(qtbot, tmp_path) as (ws, _prompts):
        assert ws.window.size().toTuple() == (1100, 720)


def test_saved_geometry_larger_than_the_screen_gets_the_default_size(qtbot, tmp_path):
    """On the screen, but saved on a bigger monitor: it comes back at the default size (1280×820
    where it fits, else 92% of the screen), not as a window running off the edges."""
    with running_workspace(qtbot, tmp_path) as (ws, _prompts):
        area = ws.window.screen().availableGeometry()
        ws.window.setGeometry(QRect(area.x(), area.y(), area.width() + 800, area.height() + 600))
        _settle(qtbot, ws.window)
        assert ws.window.width() > area.width()  # what was saved really was too big
        ws.save_window()
    with running_workspace(qtbot, tmp_path) as (ws, _prompts):
        area = ws.window.screen().availableGeometry()
        assert area.adjusted(-16, -16, 16, 16).contains(ws.window.frameGeometry())
        expected = (min(1280, int(area.width() * 0.92)), min(820, int(area.height() * 0.92)))
        got = ws.window.size().toTuple()
        assert abs(got[0] - expected[0]) <= 2 and abs(got[1] - expected[1]) <= 2, (got, expected)
