"""The Polish… review in the app: word diffs, unticked unsafe changes, one undo step, and the
warning after saving with placeholders left."""

from __future__ import annotations

from PySide6.QtCore import Qt

from postingstudio.ui.common.apply_fixes import apply_many, safe_fixes
from postingstudio.ui.findings.placeholder_warning import placeholder_warning
from postingstudio.ui.findings.safe_fixes_dialog import SafeFixesDialog, diff_html

from .conftest import wait_report

TEXT = (
    "The ideal candidate demonstrates a proven record and utilizes modern tools.\n"
    "You will be accountable for the budget.\n"
)


def test_third_person_clause_is_one_change_applied_as_one_undo_step(qtbot, workspace):
    workspace.start(show=False)
    workspace.session.editor.setPlainText(TEXT)
    wait_report(qtbot, workspace)
    proposed = safe_fixes(workspace.session.markers.visible())
    you = [fix for fix in proposed if fix.finding.rule_id == "rewrite.you"]
    assert len(you) == 1 and you[0].safe and len(you[0].edits) >= 2
    unsafe = [fix for fix in proposed if not fix.safe]
    assert any("needs your words" in fix.reason for fix in unsafe)
    dialog = SafeFixesDialog(proposed)
    qtbot.addWidget(dialog)
    ticked = dialog.accepted_fixes()
    assert ticked == [fix for fix in proposed if fix.safe]
    row = proposed.index(you[0])
    assert dialog.list.item(row).checkState() == Qt.CheckState.Checked
    before = workspace.session.snapshot().text
    assert apply_many(workspace.session.document, ticked) == len(ticked)
    after = workspace.session.snapshot().text
    assert after.startswith("You demonstrate a proven record and use modern tools.")
    workspace.window.editor.undo()
    assert workspace.session.snapshot().text == before


def test_diff_html_marks_removed_and_added_words():
    html = diff_html("You will be responsible for managing it", "You will manage it")
    assert "<s" in html and "<u" in html and "managing" in html


def test_placeholder_warning_names_what_is_left():
    assert placeholder_warning("All filled in.") is None
    warning = placeholder_warning("Pay <salary range> and <bonus>.")
    assert warning is not None and "2 unfilled" in warning and "<salary range>" in warning
