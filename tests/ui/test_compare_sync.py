"""Scroll sync by section, on two real Word job descriptions from ../shared/corpus/docx/jd_real."""

from __future__ import annotations

import pytest

from postingstudio.docio import load_posting
from postingstudio.ui.compare_sync import section_at_top, y_of
from tests.conftest import corpus_path

from .compare_support import MINE_DOCX, THEIRS_DOCX, wait_comparison
from .conftest import wait_report


@pytest.fixture
def side_by_side(qtbot, workspace):
    mine = corpus_path("docx", "jd_real", MINE_DOCX)
    theirs = corpus_path("docx", "jd_real", THEIRS_DOCX)
    workspace.window.resize(1400, 900)
    workspace.window.show()
    qtbot.waitExposed(workspace.window)
    workspace.start()
    workspace.session.load(load_posting(mine))
    wait_report(qtbot, workspace)
    workspace.compare.add_competitor_file(str(theirs))
    wait_comparison(qtbot, workspace)
    view = workspace.compare.pane.current()
    qtbot.waitUntil(lambda: view.verticalScrollBar().maximum() > 0)
    return workspace, workspace.window.editor, view


def _shared_sections(ws, view) -> list[tuple[str, int, int]]:
    """(section id, my position, their position) for sections both ads have, top to bottom."""
    mine = ws.compare._my_section_starts()
    theirs = view.section_starts()
    return sorted(
        ((s, mine[s], theirs[s]) for s in mine.keys() & theirs.keys()), key=lambda t: t[1]
    )


def test_scrolling_mine_into_a_section_brings_theirs_to_the_same_section(qtbot, side_by_side):
    ws, editor, view = side_by_side
    shared = _shared_sections(ws, view)
    assert shared, "two real job descriptions should share a section"
    left_bar, right_bar = editor.verticalScrollBar(), view.verticalScrollBar()
    checked = 0
    for section, my_position, their_position in shared:
        my_y = round(y_of(editor, my_position))
        their_y = round(y_of(view, their_position))
        if my_y > left_bar.maximum() or their_y > right_bar.maximum():
            continue  # the end of a document cannot reach the top of its view
        left_bar.setValue(my_y)
        assert section_at_top(editor, ws.compare._my_section_starts()) == section
        qtbot.waitUntil(lambda y=their_y: abs(right_bar.value() - y) <= 2)
        assert section_at_top(view, view.section_starts()) == section
        checked += 1
    assert checked, "no shared section could be scrolled to the top on both sides"


def test_scroll_sync_can_be_switched_off_and_falls_back_to_proportion(qtbot, side_by_side):
    ws, editor, view = side_by_side
    left_bar, right_bar = editor.verticalScrollBar(), view.verticalScrollBar()
    ws.compare.pane.sync_box.setChecked(False)
    right_bar.setValue(0)
    left_bar.setValue(left_bar.maximum())
    assert right_bar.value() == 0
    ws.compare.pane.sync_box.setChecked(True)
    # At the very end, whatever section mine ends in, theirs is scrolled well down too.
    assert right_bar.value() > 0
    # A section the competitor lacks: the proportional fall-back keeps the two in step.
    mine = ws.compare._my_section_starts()
    missing = [s for s in mine if s not in view.section_starts()]
    if missing:
        left_bar.setValue(round(y_of(editor, mine[missing[0]])))
        expected = left_bar.value() / max(1, left_bar.maximum()) * right_bar.maximum()
        assert abs(right_bar.value() - expected) <= 2
