"""Findings drawn in the editor: one style per category, hover text, the fix menu, placeholders."""

from __future__ import annotations

from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QMenu

from postingstudio.core.findings import Category
from postingstudio.ui.common.theme import STYLES, marker_format
from postingstudio.ui.common.tooltips import finding_tooltip

from .conftest import SAMPLE, wait_report


def _position_of(ws, word: str) -> int:
    found = ws.window.editor.document().find(word)
    assert not found.isNull(), word
    return found.selectionStart() + 1


def test_each_category_has_its_own_underline_style():
    styles = [style.underline for style in STYLES.values()]
    assert len(set(styles)) == len(styles)  # colour is never the only signal
    fmt = marker_format(Category.GENERIC, dark=False)
    assert fmt.underlineStyle() == STYLES[Category.GENERIC].underline


def test_markers_cover_the_span_findings(qtbot, workspace):
    workspace.start(show=False)
    workspace.session.load(SAMPLE)
    result = wait_report(qtbot, workspace)
    spans = [f for f in result.report.findings if f.is_span]
    selections = workspace.window.editor.extraSelections()
    assert len(selections) >= len(spans) > 0
    quoted = {s.cursor.selectedText() for s in selections}
    assert {f.text for f in spans} <= quoted


def test_hover_text_has_message_why_source_and_suggestions(qtbot, workspace):
    workspace.start(show=False)
    workspace.session.load(SAMPLE)
    wait_report(qtbot, workspace)
    marker = workspace.session.markers.at(_position_of(workspace, "successful candidate"))
    assert marker is not None
    text = finding_tooltip(marker.finding, "Dry")
    assert marker.finding.why[:20] in text.replace("&#x27;", "'")
    assert "Source:" in text and "Try:" in text


def test_fix_menu_replaces_and_ignores(qtbot, workspace):
    workspace.start(show=False)
    workspace.session.load(SAMPLE)
    wait_report(qtbot, workspace)
    editor = workspace.window.editor
    position = _position_of(workspace, "in order to")
    menu = QMenu(editor)
    assert editor.fix_menu(position, menu)
    labels = [a.text() for a in menu.actions()]
    assert "Ignore" in labels and "Ignore this rule" in labels
    assert any(label.startswith("Add “in order to”") for label in labels)
    replace = next(a for a in menu.actions() if a.text().startswith("Replace with"))
    replace.trigger()
    assert "in order to" not in workspace.session.snapshot().text
    result = wait_report(qtbot, workspace)
    assert not any(f.text == "in order to" for f in result.report.findings)


def test_ignore_this_rule_is_saved_and_silences_the_rule(qtbot, workspace, app_paths):
    workspace.start(show=False)
    workspace.session.load(SAMPLE)
    wait_report(qtbot, workspace)
    editor = workspace.window.editor
    marker = workspace.session.markers.at(_position_of(workspace, "successful candidate"))
    rule = marker.finding.rule_id
    menu = QMenu(editor)
    editor.fix_menu(_position_of(workspace, "successful candidate"), menu)
    next(a for a in menu.actions() if a.text() == "Ignore this rule").trigger()
    result = wait_report(qtbot, workspace)
    assert all(f.rule_id != rule for f in result.report.findings)
    assert rule in app_paths.preferences.read_text(encoding="utf-8")


def test_placeholder_is_highlighted_until_filled(qtbot, workspace):
    workspace.start(show=False)
    workspace.session.load(SAMPLE)
    wait_report(qtbot, workspace)
    editor = workspace.window.editor
    cursor = QTextCursor(editor.document())
    cursor.movePosition(QTextCursor.MoveOperation.End)
    cursor.insertText(" Pay: <salary range>.")
    wait_report(qtbot, workspace)

    def tinted():
        return [s for s in editor.extraSelections() if s.cursor.selectedText() == "<salary range>"]

    assert tinted()
    found = editor.document().find("<salary range>")
    found.insertText("£40,000–£48,000 a year")
    workspace.session.redraw()
    assert not tinted()
    assert not any("<" in s.cursor.selectedText() for s in editor.extraSelections())
