"""The app from the keyboard alone (issue 17): key events only, never the mouse."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QContextMenuEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMenu

from postingstudio.docio import load_posting
from postingstudio.ui.common.apply_fixes import applicable_replacements
from tests.conftest import corpus_path
from tests.ui.conftest import SAMPLE, wait_report

from .conftest import assert_not_blank, running_workspace, screenshot

pytestmark = pytest.mark.e2e

REAL_POSTING = "A01258386__Resume-Scanner__job_description.docx"
Key = Qt.Key
CTRL = Qt.KeyboardModifier.ControlModifier


def _focused():
    return QApplication.focusWidget()


def _press(widget, key, modifiers=Qt.KeyboardModifier.NoModifier) -> None:
    QTest.keyClick(widget, key, modifiers)
    QApplication.processEvents()


@pytest.fixture
def live(qtbot, tmp_path):
    with running_workspace(qtbot, tmp_path, (1280, 820)) as started:
        ws = started[0]
        ws.window.activateWindow()
        ws.window.editor.setFocus()
        qtbot.waitUntil(lambda: _focused() is ws.window.editor, timeout=3_000)
        yield started


def test_f6_cycles_editor_findings_sections_scores_and_esc_returns(qtbot, live):
    ws, _prompts = live
    w = ws.window
    ws.session.load(SAMPLE)
    wait_report(qtbot, ws)
    qtbot.waitUntil(lambda: bool(w.checklist.rows), timeout=5_000)
    seen = []
    for _ in range(4):
        _press(_focused(), Key.Key_F6)
        seen.append(_focused())
    assert seen[0] is w.findings.tree
    assert w.checklist.isAncestorOf(seen[1])
    assert seen[2] is w.scores
    assert seen[3] is w.editor
    _press(_focused(), Key.Key_F6, Qt.KeyboardModifier.ShiftModifier)  # back: scores
    assert _focused() is w.scores
    _press(_focused(), Key.Key_Escape)
    assert _focused() is w.editor
    _press(w.editor, Key.Key_Tab, CTRL)
    assert _focused() is w.findings.tree
    _press(_focused(), Key.Key_Escape)
    assert _focused() is w.editor


def test_tab_is_text_in_the_editor(qtbot, live):
    ws, _prompts = live
    editor = ws.window.editor
    QTest.keyClicks(editor, "Pay")
    _press(editor, Key.Key_Tab)
    assert _focused() is editor
    assert "Pay\t" in editor.toPlainText()


def test_panels_reach_from_the_keyboard_when_stacked(qtbot, tmp_path):
    with running_workspace(qtbot, tmp_path, (1024, 700)) as (ws, _prompts):
        w = ws.window
        ws.session.load(SAMPLE)
        wait_report(qtbot, ws)
        w.activateWindow()
        w.editor.setFocus()
        qtbot.waitUntil(lambda: _focused() is w.editor, timeout=3_000)
        assert w.layout_manager.mode == "narrow"
        _press(w.editor, Key.Key_F6)
        _press(_focused(), Key.Key_F6)
        _press(_focused(), Key.Key_F6)
        assert _focused() is w.scores and w.scores.isVisible()  # its tab came to the front


def test_findings_keys_enter_applies_delete_ignores_menu_opens(qtbot, live):
    ws, _prompts = live
    w, panel = ws.window, ws.window.findings
    ws.session.load(SAMPLE)
    wait_report(qtbot, ws)
    _press(w.editor, Key.Key_F6)
    tree = panel.tree
    assert _focused() is tree
    # Down through the list: each finding's words are selected in the text, focus stays here.
    for _ in range(2):
        _press(tree, Key.Key_Down)
    assert _focused() is tree
    number = panel.current_index()
    assert number is not None
    assert w.editor.textCursor().selectedText() == panel.findings[number].text
    # Move to a finding with a fix; Enter applies it and leaves the focus in the list.
    fixable = next(i for i, fix in panel.rows() if fix == "Apply")
    while panel.current_index() != fixable:
        _press(tree, Key.Key_Down)
    replacement = applicable_replacements(panel.findings[fixable])[0]
    before = ws.session.snapshot().text
    _press(tree, Key.Key_Return)
    assert ws.session.snapshot().text != before and replacement in ws.session.snapshot().text
    assert _focused() is tree
    wait_report(qtbot, ws)
    # Delete ignores the current finding (it is written to the preferences).
    _press(tree, Key.Key_Down)
    ignored = panel.findings[panel.current_index()]
    _press(tree, Key.Key_Delete)
    assert (
        ignored.rule_id,
        ignored.text.strip().lower(),
    ) in ws.session.preferences.analysis.ignored
    assert _focused() is tree
    # The context-menu key opens the finding's menu.
    wait_report(qtbot, ws)
    _press(tree, Key.Key_Down)
    opened: list[list[str]] = []

    def look() -> None:
        menu = QApplication.activePopupWidget()
        if isinstance(menu, QMenu):
            opened.append([a.text() for a in menu.actions()])
            menu.close()
        else:
            QTimer.singleShot(50, look)

    QTimer.singleShot(50, look)
    # The platform turns the Menu key into a keyboard context-menu event for the focused
    # widget (xcb and Windows do it below Qt's key events, so QTest cannot): send that.
    QTest.keyClick(tree, Key.Key_Menu)
    centre = tree.rect().center()
    event = QContextMenuEvent(QContextMenuEvent.Reason.Keyboard, centre, tree.mapToGlobal(centre))
    QApplication.sendEvent(tree, event)
    qtbot.waitUntil(lambda: bool(opened), timeout=3_000)
    assert "Ignore" in opened[0] and "Ignore rule" in opened[0]
    # Shift+F10, the menu key's twin, opens the same menu.
    QTimer.singleShot(50, look)
    _press(tree, Key.Key_F10, Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(lambda: len(opened) == 2, timeout=3_000)
    assert opened[1] == opened[0]


def test_keyboard_only_open_apply_save_reopen(qtbot, live, tmp_path, artifacts):
    """Open a real .docx, go to the findings, apply one, back to the text, save, reopen."""
    ws, prompts = live
    w = ws.window
    source = corpus_path("docx", "jd_real", REAL_POSTING)
    copy = tmp_path / "mine.docx"
    copy.write_bytes(source.read_bytes())
    prompts.open_answer = str(copy)
    _press(w.editor, Key.Key_O, CTRL)  # File › Open (the path comes from the scripted dialog)
    wait_report(qtbot, ws)
    assert w.windowTitle().startswith("mine.docx")
    original = ws.session.snapshot().text

    _press(_focused(), Key.Key_F6)
    tree = w.findings.tree
    assert _focused() is tree
    panel = w.findings
    fixable = next(i for i, fix in panel.rows() if fix == "Apply")
    for _ in range(200):
        if panel.current_index() == fixable:
            break
        _press(tree, Key.Key_Down)
    assert panel.current_index() == fixable
    finding = panel.findings[fixable]
    replacement = applicable_replacements(finding)[0]
    _press(tree, Key.Key_Return)
    edited = ws.session.snapshot().text
    assert edited != original and replacement in edited

    _press(_focused(), Key.Key_Escape)
    assert _focused() is w.editor
    _press(w.editor, Key.Key_End, CTRL)
    QTest.keyClicks(w.editor, " Apply today.")
    _press(w.editor, Key.Key_S, CTRL)  # Save, into the opened .docx
    assert not w.isWindowModified(), prompts.errors
    assert prompts.errors == []
    # The window as the keyboard left it, kept like the other end-to-end flows' screenshots.
    assert_not_blank(screenshot(w, artifacts / "e2e_keyboard_only.png"))

    reopened = load_posting(copy)
    assert replacement in reopened.text
    assert reopened.text.rstrip().endswith("Apply today.")
