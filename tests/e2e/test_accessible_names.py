"""Every control of the main window has a name a screen reader can say (issue 17)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSlider,
    QAbstractSpinBox,
    QComboBox,
    QHeaderView,
    QLineEdit,
    QPlainTextEdit,
    QScrollBar,
    QTabBar,
    QTextEdit,
    QWidget,
)

from tests.ui.conftest import SAMPLE, wait_report

from .conftest import running_workspace

pytestmark = pytest.mark.e2e

INTERACTIVE = (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSlider,
    QAbstractSpinBox,
    QComboBox,
    QHeaderView,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QTabBar,
)


def _labelled(header: QHeaderView) -> bool:
    model = header.model()
    if model is None:
        return False
    count = (
        model.columnCount()
        if header.orientation() == Qt.Orientation.Horizontal
        else model.rowCount()
    )
    return count > 0 and all(
        str(model.headerData(i, header.orientation(), Qt.ItemDataRole.DisplayRole) or "").strip()
        for i in range(count)
    )


def _unnamed(root: QWidget) -> list[str]:
    missing = []
    for widget in root.findChildren(QWidget):
        if not isinstance(widget, INTERACTIVE) or isinstance(widget, QScrollBar):
            continue
        if not widget.isVisibleTo(root):
            continue
        text = widget.text() if isinstance(widget, QAbstractButton | QLineEdit) else ""
        if isinstance(widget, QComboBox):
            text = ""  # the current item is a value, not a name
        if widget.accessibleName().strip() or text.replace("&", "").strip():
            continue
        if isinstance(widget, QTabBar) and all(
            widget.tabText(i).strip() for i in range(widget.count())
        ):
            continue  # tab bars are named by their tabs' text (an empty one has no tab to reach)
        if isinstance(widget, QHeaderView) and _labelled(widget):
            continue  # a header is read as its sections' labels
        parent = widget.parentWidget()
        where = f"{type(parent).__name__} {parent.objectName()!r}" if parent else "-"
        missing.append(f"{type(widget).__name__} {widget.objectName()!r} in {where}")
    return missing


def test_every_control_of_the_main_window_has_an_accessible_name(qtbot, tmp_path):
    with running_workspace(qtbot, tmp_path, (1280, 820)) as (ws, _prompts):
        ws.session.load(SAMPLE)
        wait_report(qtbot, ws)
        # A finding's detail buttons exist once one is chosen.
        panel = ws.window.findings
        panel.tree.setCurrentIndex(panel.index_for(panel.rows()[0][0]))
        qtbot.wait(50)
        assert _unnamed(ws.window) == []


def test_every_control_of_the_narrow_and_compare_layouts_has_a_name(qtbot, tmp_path):
    with running_workspace(qtbot, tmp_path, (1024, 700)) as (ws, _prompts):
        ws.session.load(SAMPLE)
        wait_report(qtbot, ws)
        assert _unnamed(ws.window) == []
        ws.compare.set_mode(True)
        qtbot.wait(50)
        assert _unnamed(ws.window) == []
