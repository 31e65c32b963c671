"""Scroll sync by section, either side leading: on two real Word job descriptions from
../shared/corpus/docx/jd_real and on two long postings from the corpus's dev split."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QAbstractSlider

from postingstudio.core.analyse import analyse
from postingstudio.core.plaintext import parse_text
from postingstudio.core.rules.rulebook import default_rulebook
from postingstudio.docio import load_posting
from postingstudio.ui.compare.sync import section_at_top, y_of
from tests.conftest import corpus_path

from .compare_support import MINE_DOCX, THEIRS_DOCX, dev_postings, wait_comparison
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


def _lone_sections(text: str) -> frozenset[str]:
    """The sections of a long posting that each start on a line no other section starts on,
    away from its first and last lines, so that each can be scrolled to the top of a view."""
    if len(text) <= 4000:
        return frozenset()
    report = analyse(parse_text(text), default_rulebook())
    last = report.text.count("\n") - 10
    lines = {s.id: report.text.count("\n", 0, s.start) for s in report.sections if s.start}
    taken = list(lines.values())
    return frozenset(s for s, line in lines.items() if 3 <= line <= last and taken.count(line) == 1)


def _spread_pair() -> tuple[dict, dict]:
    """Two long education postings from the dev split sharing at least three such sections."""
    rows = [(row, _lone_sections(row["text"])) for row in dev_postings("linkedin_edu")[:200]]
    for mine, my_sections in rows:
        for theirs, their_sections in rows:
            if theirs is not mine and len(my_sections & their_sections) >= 3:
                return mine, theirs
    pytest.skip("no two linkedin_edu dev postings share three sections on lines of their own")


@pytest.fixture
def dev_side_by_side(qtbot, workspace):
    """Two long education postings from the dev split, each with most of the usual sections
    on lines of their own."""
    mine, theirs = _spread_pair()
    workspace.window.resize(1400, 900)
    workspace.window.show()
    qtbot.waitExposed(workspace.window)
    workspace.start()
    workspace.session.load(parse_text(mine["text"]))
    wait_report(qtbot, workspace)
    workspace.compare.add_competitor_text(theirs["text"], name="Their education ad")
    wait_comparison(qtbot, workspace)
    view = workspace.compare.pane.current()
    editor = workspace.window.editor
    qtbot.waitUntil(
        lambda: view.verticalScrollBar().maximum() > 0 and editor.verticalScrollBar().maximum() > 0
    )
    return workspace, editor, view


def _reachable(ws, editor, view) -> list[tuple[str, int, int]]:
    """(section, my y, their y) for shared sections that can reach the top on both sides and
    start on a line of their own there (two sections starting on one line are ambiguous)."""
    left_max, right_max = editor.verticalScrollBar().maximum(), view.verticalScrollBar().maximum()
    my_ys = [round(y_of(editor, p)) for p in ws.compare._my_section_starts().values()]
    their_ys = [round(y_of(view, p)) for p in view.section_starts().values()]
    found = []
    for section, my_position, their_position in _shared_sections(ws, view):
        my_y, their_y = round(y_of(editor, my_position)), round(y_of(view, their_position))
        if my_ys.count(my_y) > 1 or their_ys.count(their_y) > 1:
            continue
        if 0 < my_y <= left_max and 0 < their_y <= right_max:
            found.append((section, my_y, their_y))
    return found


def _changes(bar) -> list[int]:
    seen: list[int] = []
    bar.valueChanged.connect(seen.append)
    return seen


def test_dev_postings_scrolling_mine_brings_theirs_to_the_same_section(qtbot, dev_side_by_side):
    ws, editor, view = dev_side_by_side
    reachable = _reachable(ws, editor, view)
    assert len(reachable) >= 2, "two long dev-split postings should share scrollable sections"
    left_bar, right_bar = editor.verticalScrollBar(), view.verticalScrollBar()
    for section, my_y, their_y in reachable:
        left_bar.setValue(my_y)
        qtbot.waitUntil(lambda y=their_y: abs(right_bar.value() - y) <= 2)
        assert section_at_top(view, view.section_starts()) == section
        assert left_bar.value() == my_y  # the follower did not push mine back


def test_dev_postings_scrolling_theirs_brings_mine_to_the_same_section(qtbot, dev_side_by_side):
    ws, editor, view = dev_side_by_side
    reachable = _reachable(ws, editor, view)
    assert len(reachable) >= 2, "two long dev-split postings should share scrollable sections"
    left_bar, right_bar = editor.verticalScrollBar(), view.verticalScrollBar()
    cursor_before = editor.textCursor().position()
    left_moves, right_moves = _changes(left_bar), _changes(right_bar)
    for section, my_y, their_y in reversed(reachable):  # upwards too, not only down
        left_moves.clear()
        right_moves.clear()
        right_bar.setValue(their_y)
        qtbot.waitUntil(lambda y=my_y: abs(left_bar.value() - y) <= 2)
        assert section_at_top(editor, ws.compare._my_section_starts()) == section
        # No feedback loop: each bar moved once, and theirs stays where the writer put it.
        assert right_bar.value() == their_y and right_moves == [their_y]
        assert len(left_moves) == 1
    assert editor.textCursor().position() == cursor_before  # only my view moved, not my text


def test_paging_through_theirs_moves_mine_and_switching_off_stops_both_ways(
    qtbot, dev_side_by_side
):
    ws, editor, view = dev_side_by_side
    left_bar, right_bar = editor.verticalScrollBar(), view.verticalScrollBar()
    left_bar.setValue(0)
    assert right_bar.value() == 0
    right_bar.triggerAction(QAbstractSlider.SliderAction.SliderPageStepAdd)  # Page Down
    assert right_bar.value() > 0
    qtbot.waitUntil(lambda: left_bar.value() > 0)
    ws.compare.pane.sync_box.setChecked(False)
    mine_now, theirs_now = left_bar.value(), right_bar.value()
    right_bar.setValue(right_bar.maximum())
    assert left_bar.value() == mine_now
    left_bar.setValue(0)
    assert right_bar.value() == right_bar.maximum() != theirs_now
