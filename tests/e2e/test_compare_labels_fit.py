"""No label of the compare view is cut off (issue 17: "Completenes", "…ocx (yours)",
"Gender-coded balance (masculine − f"), on the real main window at 1024×700 and 1920×1080.

Every visible QLabel, button, tab, header section, table cell and list row of the compare dock
and the competitor pane is measured with its own font: its text fits the room it has
(``horizontalAdvance`` ≤ available width), or it is elided on purpose (an ellipsis shown) with a
tooltip that carries the full text. The chart's painted captions are measured the same way,
from the layout it paints with. ``POSTINGSTUDIO_DOCS_SCREENSHOT=1`` also refreshes
docs/compare-1024x700.png.
"""

from __future__ import annotations

import os
import shutil

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QHeaderView,
    QLabel,
    QStyle,
    QTabBar,
    QTreeWidget,
    QWidget,
)

from tests.conftest import corpus_path
from tests.ui.compare_support import MINE_DOCX, THEIRS_DOCX, wait_comparison
from tests.ui.conftest import wait_report

from .conftest import REPO, running_workspace, screenshot

pytestmark = pytest.mark.e2e

ELLIPSIS = "…"


def _settle(qtbot) -> None:
    for _ in range(6):
        QApplication.processEvents()
        qtbot.wait(30)


def _elided_on_purpose(shown: str, full: str, tooltip: str | None) -> bool:
    return ELLIPSIS in shown and bool(tooltip) and full in (tooltip or "")


def _problems_in_labels(root: QWidget) -> list[str]:
    problems = []
    for label in root.findChildren(QLabel):
        rich = label.textFormat() == Qt.TextFormat.RichText
        if not label.isVisible() or not label.text() or rich:
            continue
        room = label.contentsRect().width() - 2 * label.margin()
        if label.wordWrap():
            # A wrapped label shows everything when it is as tall as its text needs.
            if label.heightForWidth(label.width()) > label.height() + 1:
                problems.append(f"label {label.text()!r} needs more height than it has")
            continue
        advance = label.fontMetrics().horizontalAdvance(label.text())
        if advance > room and not _elided_on_purpose(label.text(), label.text(), label.toolTip()):
            problems.append(f"label {label.text()!r}: {advance} px in {room} px")
    return problems


def _problems_in_buttons(root: QWidget) -> list[str]:
    problems = []
    for button in root.findChildren(QAbstractButton):
        if not button.isVisible() or not button.text() or isinstance(button.parent(), QTabBar):
            continue
        text = button.text().replace("&&", "\0").replace("&", "").replace("\0", "&")
        if button.width() + 1 < button.sizeHint().width():
            if not (ELLIPSIS in text and button.toolTip()):
                problems.append(
                    f"button {text!r}: {button.width()} px, needs {button.sizeHint().width()}"
                )
    return problems


def _problems_in_tabs(root: QWidget) -> list[str]:
    problems = []
    for bar in root.findChildren(QTabBar):
        if not bar.isVisible():
            continue
        metrics = bar.fontMetrics()
        padding = bar.style().pixelMetric(QStyle.PixelMetric.PM_TabBarTabHSpace, None, bar)
        for i in range(bar.count()):
            text = bar.tabText(i).replace("&", "")
            room = bar.tabRect(i).width() - padding
            if bar.tabButton(i, QTabBar.ButtonPosition.RightSide) is not None:
                room -= bar.tabButton(i, QTabBar.ButtonPosition.RightSide).width()
            if bar.tabIcon(i) and not bar.tabIcon(i).isNull():
                room -= bar.iconSize().width() + 4
            if metrics.horizontalAdvance(text) > room and not bar.tabToolTip(i).startswith(text):
                problems.append(f"tab {text!r}: {metrics.horizontalAdvance(text)} px in {room}")
    return problems


def _header_problems(header: QHeaderView) -> list[str]:
    model = header.model()
    if model is None or not header.isVisible():
        return []
    problems = []
    metrics = header.fontMetrics()
    margin = 2 * header.style().pixelMetric(QStyle.PixelMetric.PM_HeaderMargin, None, header)
    horizontal = header.orientation() == Qt.Orientation.Horizontal
    count = model.columnCount() if horizontal else model.rowCount()
    for section in range(count):
        if header.isSectionHidden(section):
            continue
        text = str(model.headerData(section, header.orientation()) or "")
        room = (header.sectionSize(section) if horizontal else header.width()) - margin
        advance = metrics.horizontalAdvance(text)
        tooltip = model.headerData(section, header.orientation(), Qt.ItemDataRole.ToolTipRole)
        elides = header.textElideMode() != Qt.TextElideMode.ElideNone
        if advance > room and not (elides and tooltip and text in str(tooltip)):
            problems.append(f"header {text!r}: {advance} px in {room} px")
    return problems


def _cell_problems(view: QAbstractItemView) -> list[str]:
    model = view.model()
    if model is None or not view.isVisible():
        return []
    problems = []
    metrics = QFontMetrics(view.font())
    margin = 2 * (view.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, view) + 1)
    for row in range(model.rowCount()):
        for column in range(model.columnCount()):
            index = model.index(row, column, QModelIndex())
            text = str(index.data() or "")
            if not text:
                continue
            room = view.visualRect(index).width() - margin
            if isinstance(view, QTreeWidget):
                if not view.itemFromIndex(index).icon(column).isNull():
                    room -= max(view.iconSize().width(), 18) + 4
            advance = metrics.horizontalAdvance(text)
            tooltip = str(index.data(Qt.ItemDataRole.ToolTipRole) or "")
            elides = view.textElideMode() != Qt.TextElideMode.ElideNone
            if advance > room and not (elides and text in tooltip):
                problems.append(f"cell {text!r}: {advance} px in {room} px")
    return problems


def _problems_in_views(root: QWidget) -> list[str]:
    problems = []
    for view in root.findChildren(QAbstractItemView):
        if isinstance(view, QHeaderView):
            problems += _header_problems(view)
        else:
            problems += _cell_problems(view)
    return problems


def _problems_in_chart(chart) -> list[str]:
    problems = []
    for caption in chart.captions():
        if caption.advance > caption.room:
            problems.append(f"chart {caption.shown!r}: {caption.advance} px in {caption.room}")
        if caption.shown != caption.full:
            full = caption.metrics.horizontalAdvance(caption.full)
            if full <= caption.room:
                problems.append(f"chart {caption.shown!r} shortened though {caption.full!r} fits")
            elif not _elided_on_purpose(caption.shown, caption.full, chart.toolTip()):
                problems.append(f"chart {caption.shown!r} elided without its full text")
    return problems


def _problems_in_standing(table) -> list[str]:
    """Yours and how yours stands are never scrolled out of sight (competitors may scroll)."""
    model, viewport = table.model(), table.viewport().rect()
    problems = []
    for row in range(model.rowCount()):
        for column in (0, model.best_column):
            rect = table.visualRect(model.index(row, column))
            if rect.left() < 0 or rect.right() > viewport.right():
                problems.append(f"table column {column} runs out of the view: {rect} in {viewport}")
    return problems


def _all_problems(ws) -> list[str]:
    roots = [ws.compare.dock, ws.compare.pane]
    problems = []
    for root in roots:
        problems += _problems_in_labels(root)
        problems += _problems_in_buttons(root)
        problems += _problems_in_tabs(root)
        problems += _problems_in_views(root)
    problems += _problems_in_chart(ws.compare.view.chart)
    problems += _problems_in_standing(ws.compare.view.table)
    return problems


@pytest.mark.parametrize("size", [(1024, 700), (1920, 1080)])
def test_no_label_of_the_compare_view_is_cut_off(qtbot, tmp_path, size, artifacts):
    mine = corpus_path("docx", "jd_real", MINE_DOCX)
    theirs = corpus_path("docx", "jd_real", THEIRS_DOCX)
    with running_workspace(qtbot, tmp_path, size) as (ws, prompts):
        prompts.open_answer = str(mine)
        ws.window.actions.open.trigger()
        wait_report(qtbot, ws)
        ws.compare.toggle_action.trigger()
        prompts.open_competitors = lambda start: [str(theirs)]
        ws.compare.pane.add_button.click()
        wait_comparison(qtbot, ws)
        ws.window.resize(*size)
        _settle(qtbot)
        assert ws.window.size().toTuple() == size
        assert ws.compare.view.isVisible() and ws.compare.view.table.model_.rowCount() >= 10
        lists = ws.compare.view.lists
        problems = []
        for tab in range(lists.count()):  # each list page is measured while it is shown
            lists.setCurrentIndex(tab)
            _settle(qtbot)
            problems += _all_problems(ws)
        assert not sorted(set(problems)), "\n".join(sorted(set(problems)))
        # The measuring itself can fail: a label squeezed on purpose is caught.
        probe = ws.compare.view.status
        probe.setFixedWidth(60)
        probe.setText("W" * 40)
        _settle(qtbot)
        assert any("WWW" in p for p in _problems_in_labels(ws.compare.view))
        probe.setMinimumWidth(0)
        probe.setMaximumWidth(16_777_215)
        ws.compare.view.show_comparison(ws.compare.view.comparison)
        _settle(qtbot)
        if size == (1024, 700):
            shot = screenshot(ws.window, artifacts / "compare-1024x700.png")
            if os.environ.get("POSTINGSTUDIO_DOCS_SCREENSHOT"):
                shutil.copyfile(shot, REPO / "docs" / "compare-1024x700.png")
