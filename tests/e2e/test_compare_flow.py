"""Comparing with a competitor on the real main window: open a real .docx, open the compare view
from the menu, add a second real .docx as the competitor, wait for the comparison, keep a
screenshot. ``POSTINGSTUDIO_DOCS_SCREENSHOT=1`` also refreshes docs/compare-screenshot.png."""

from __future__ import annotations

import os
import shutil

import pytest
from PySide6.QtCore import Qt

from postingstudio.docio import load_posting
from tests.conftest import corpus_path
from tests.ui.compare_support import MINE_DOCX, THEIRS_DOCX, wait_comparison
from tests.ui.conftest import wait_report

from .conftest import REPO, assert_not_blank, running_workspace, screenshot

pytestmark = pytest.mark.e2e


@pytest.fixture
def live(qtbot, tmp_path):
    with running_workspace(qtbot, tmp_path, (1440, 960)) as started:
        yield started


def test_open_compare_with_a_real_competitor_and_screenshot(qtbot, live, artifacts):
    ws, prompts = live
    mine = corpus_path("docx", "jd_real", MINE_DOCX)
    theirs = corpus_path("docx", "jd_real", THEIRS_DOCX)

    prompts.open_answer = str(mine)
    ws.window.actions.open.trigger()
    wait_report(qtbot, ws)

    # View > Compare with Competitors…, then the pane's own "Add from file…" button.
    compare = next(a for a in ws.window.menus["view"].actions() if a.objectName() == "compare")
    compare.trigger()
    assert ws.compare.active and ws.compare.pane.isVisible() and ws.compare.dock.isVisible()
    prompts.open_competitors = lambda start: [str(theirs)]
    qtbot.mouseClick(ws.compare.pane.add_button, Qt.MouseButton.LeftButton)
    latest = wait_comparison(qtbot, ws)

    comparison = latest.comparison
    assert comparison.mine.report.text == load_posting(mine).text
    assert comparison.postings[1].name == THEIRS_DOCX
    view = ws.compare.pane.current()
    assert view.report.text == load_posting(theirs).text
    assert len(view.extraSelections()) > 0 and len(ws.window.editor.extraSelections()) > 0
    assert ws.compare.view.table.model_.rowCount() == len(comparison.metrics)

    # Show an offer the way a writer would, so the screenshot has their sentence selected.
    lists = ws.compare.view.lists
    if lists.offers.topLevelItemCount():
        item = lists.offers.topLevelItem(0)
        rect = lists.offers.visualItemRect(item)
        qtbot.mouseClick(lists.offers.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.waitUntil(lambda: ws.compare.view.chart.data is not None)

    shot = screenshot(ws.window, artifacts / "compare-flow.png")
    assert_not_blank(shot)
    if os.environ.get("POSTINGSTUDIO_DOCS_SCREENSHOT"):
        shutil.copyfile(shot, REPO / "docs" / "compare-screenshot.png")
