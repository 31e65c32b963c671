"""Find and replace, zoom, formatting commands and the safe-fixes preview dialog."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor

from postingstudio.core.model import BlockKind
from postingstudio.ui.common.apply_fixes import safe_fixes
from postingstudio.ui.findings.safe_fixes_dialog import SafeFixesDialog

from .conftest import SAMPLE, wait_report


def test_find_wraps_and_replace_all_is_one_undo_step(qtbot, workspace):
    workspace.start(show=False)
    workspace.session.load(SAMPLE)
    finder = workspace.finder
    finder.dialog.find_text.setText("utilise")
    assert finder.find()
    assert workspace.window.editor.textCursor().selectedText().lower() == "utilise"
    assert finder.find()  # the second one
    assert finder.find()  # wraps round to the first again
    before = workspace.session.snapshot().text
    finder.dialog.replace_text.setText("use")
    assert finder.replace_all() == 2
    after = workspace.session.snapshot().text
    assert "tilise" not in after and after.count("use") >= 2
    workspace.window.editor.undo()
    assert workspace.session.snapshot().text == before


def test_find_options_case_and_whole_words(qtbot, workspace):
    workspace.start(show=False)
    workspace.session.load(SAMPLE)
    finder = workspace.finder
    finder.dialog.find_text.setText("Utilise")
    finder.dialog.case.setChecked(True)
    finder.dialog.replace_text.setText("Use")
    assert finder.replace_all() == 1  # "utilise" in the paragraph keeps its lower case
    finder.dialog.case.setChecked(False)
    finder.dialog.words.setChecked(True)
    finder.dialog.find_text.setText("util")
    assert not finder.find()
    assert finder.dialog.status.text() == "Not found"


def test_find_dialog_highlights_every_match(qtbot, workspace):
    workspace.start()
    workspace.session.load(SAMPLE)
    workspace.window.actions.find.trigger()
    workspace.finder.dialog.find_text.setText("the")
    search = workspace.window.editor._search_selections
    assert len(search) >= 2
    workspace.finder.dialog.close()
    assert workspace.window.editor._search_selections == []


def test_zoom_in_out_and_reset(qtbot, workspace):
    workspace.start(show=False)
    editor = workspace.window.editor
    size = editor.font().pointSizeF()
    workspace.window.actions.zoom_in.trigger()
    workspace.window.actions.zoom_in.trigger()
    assert editor.font().pointSizeF() > size and editor.zoom_steps == 2
    workspace.window.actions.zoom_out.trigger()
    assert editor.zoom_steps == 1
    workspace.window.actions.zoom_reset.trigger()
    assert editor.font().pointSizeF() == size and editor.zoom_steps == 0


def test_shortcuts_are_the_platform_standard(workspace):
    from PySide6.QtGui import QKeySequence

    actions = workspace.window.actions
    assert actions.undo.shortcut() == QKeySequence(QKeySequence.StandardKey.Undo)
    assert actions.find.shortcut() == QKeySequence(QKeySequence.StandardKey.Find)
    assert actions.zoom_in.shortcut() == QKeySequence(QKeySequence.StandardKey.ZoomIn)


def test_formatting_commands_shape_the_posting(qtbot, workspace):
    workspace.start(show=False)
    workspace.session.load(SAMPLE)
    editor = workspace.window.editor
    cursor = QTextCursor(editor.document().findBlockByNumber(1))
    editor.setTextCursor(cursor)
    workspace.window.actions.heading2.trigger()
    assert workspace.session.snapshot().blocks[1].kind is BlockKind.HEADING
    workspace.window.actions.bullets.trigger()
    block = workspace.session.snapshot().blocks[1]
    assert block.kind is BlockKind.LIST_ITEM and not block.numbered
    workspace.window.actions.bullets.trigger()
    assert workspace.session.snapshot().blocks[1].kind is BlockKind.PARAGRAPH
    cursor.movePosition(QTextCursor.MoveOperation.EndOfWord, QTextCursor.MoveMode.KeepAnchor)
    editor.setTextCursor(cursor)
    workspace.window.actions.bold.trigger()
    assert workspace.session.snapshot().blocks[1].runs[0].bold


def test_enter_after_a_heading_starts_body_text(qtbot, workspace):
    workspace.start(show=False)
    workspace.session.load(SAMPLE)
    editor = workspace.window.editor
    cursor = QTextCursor(editor.document().firstBlock())
    cursor.movePosition(QTextCursor.MoveOperation.EndOfBlock)
    editor.setTextCursor(cursor)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.keyClicks(editor, "Hello")
    blocks = workspace.session.snapshot().blocks
    assert blocks[0].kind is BlockKind.HEADING
    assert blocks[1].kind is BlockKind.PARAGRAPH and blocks[1].text == "Hello"


def test_safe_fixes_dialog_lists_changes_and_respects_unticks(qtbot, workspace):
    workspace.start(show=False)
    workspace.session.load(SAMPLE)
    wait_report(qtbot, workspace)
    proposed = safe_fixes(workspace.session.markers.visible())
    assert len(proposed) >= 2
    dialog = SafeFixesDialog(proposed)
    qtbot.addWidget(dialog)
    assert dialog.list.count() == len(proposed)
    assert "→" in dialog.list.item(0).text()
    safe = [fix for fix in proposed if fix.safe]
    assert dialog.accepted_fixes() == safe  # only the safe ones are ticked by default
    first = proposed.index(safe[0])
    dialog.list.item(first).setCheckState(Qt.CheckState.Unchecked)
    assert dialog.accepted_fixes() == safe[1:]
    dialog.set_all(False)
    assert dialog.accepted_fixes() == []
    unsafe = [fix for fix in proposed if not fix.safe]
    assert all(fix.reason for fix in unsafe)  # each unticked change says why
    dialog.show_diff(first)
    assert (
        "<s" in dialog.diff.toHtml()
        or "<u" in dialog.diff.toHtml()
        or "text-decoration" in dialog.diff.toHtml()
    )
    assert dialog.scores[1] >= 0
