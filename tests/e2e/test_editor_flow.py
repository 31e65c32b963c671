"""A writer's session on the real main window: open a real .docx, see highlights, apply a fix
from the panel, insert a missing section, undo and redo, export .docx, re-open it."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from postingstudio.core.report import SectionState
from postingstudio.docio import load_posting
from postingstudio.ui.common.apply_fixes import applicable_replacements
from tests.conftest import corpus_path
from tests.ui.conftest import wait_report

from .conftest import assert_not_blank, running_workspace, screenshot

pytestmark = pytest.mark.e2e

# A real Word posting that lacks a section, so that the checklist offers "Insert" (the Teck
# posting used before is complete now that its company paragraph and benefits are read).
REAL_POSTING = "shnkreddy98__FastApply__ResumeBuilder__inputs__jd__coherent.docx"


@pytest.fixture
def live(qtbot, tmp_path):
    with running_workspace(qtbot, tmp_path) as started:
        yield started


def _click_fix_column(qtbot, panel, finding: int) -> None:
    tree = panel.tree
    index = panel.index_for(finding).siblingAtColumn(1)
    tree.scrollTo(index)
    rect = tree.visualRect(index)
    qtbot.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def test_open_fix_insert_undo_export_reopen(qtbot, live, tmp_path, artifacts):
    ws, prompts = live
    source = corpus_path("docx", "jd_real", REAL_POSTING)
    original = load_posting(source)

    prompts.open_answer = str(source)
    ws.window.actions.open.trigger()
    result = wait_report(qtbot, ws)
    qtbot.waitUntil(lambda: len(ws.window.editor.extraSelections()) > 0, timeout=5_000)
    assert result.report.text == original.text
    assert ws.window.windowTitle().startswith(source.name)

    # Apply the first suggestion that has a replacement, by clicking "Apply" in the panel.
    panel = ws.window.findings
    number = next(i for i, fix in panel.rows() if fix == "Apply")
    replacement = applicable_replacements(panel.findings[number])[0]
    _click_fix_column(qtbot, panel, number)
    after_fix = ws.session.snapshot().text
    assert after_fix != original.text and replacement in after_fix
    assert ws.window.isWindowModified()

    # Insert a missing section from the checklist.
    result = wait_report(qtbot, ws)
    missing = [s for s in result.report.sections if s.state is SectionState.MISSING]
    assert missing, "the real posting should lack at least one section"
    section = missing[0]
    button = ws.window.checklist.rows[section.id].insert_button
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    after_insert = ws.session.snapshot()
    assert len(after_insert.text) > len(after_fix)
    selected = ws.window.editor.textCursor().selectedText()
    assert selected.startswith("<") and selected.endswith(">")
    result = wait_report(qtbot, ws)
    assert result.report.section(section.id).state is not SectionState.MISSING
    screenshot(ws.window, artifacts / "e2e_after_insert.png")

    # Undo both steps, then redo both, through the Edit menu's actions (Ctrl+Z / Ctrl+Y).
    undo, redo = ws.window.actions.undo, ws.window.actions.redo
    undo.trigger()
    assert ws.session.snapshot().text == after_fix
    undo.trigger()
    assert ws.session.snapshot().text == original.text
    redo.trigger()
    redo.trigger()
    assert ws.session.snapshot().text == after_insert.text

    # Export .docx (into a copy of the source) and re-open it.
    exported = tmp_path / "polished.docx"
    prompts.save_answer = str(exported)
    ws.window.actions.export.trigger()
    assert exported.is_file(), prompts.errors
    assert ws.files.path == str(source)  # exporting does not change the file being edited
    assert ws.files.open_file(str(exported), ask=False)
    reopened = ws.session.snapshot()
    assert replacement in reopened.text
    new_blocks = [
        b.text for b in after_insert.blocks if b.text not in {x.text for x in original.blocks}
    ]
    for text in new_blocks:
        if text.strip():
            assert text in reopened.text
    wait_report(qtbot, ws)
    shot = screenshot(ws.window, artifacts / "e2e_reopened.png")
    assert_not_blank(shot)


def test_sample_posting_screenshot_is_not_blank(qtbot, live, artifacts):
    ws, _prompts = live
    assert ws.window.banner.kind == "sample"
    qtbot.mouseClick(ws.window.banner.buttons["open"], Qt.MouseButton.LeftButton)
    wait_report(qtbot, ws)
    qtbot.waitUntil(lambda: len(ws.window.editor.extraSelections()) > 5, timeout=5_000)
    shot = screenshot(ws.window, artifacts / "e2e_sample.png")
    assert_not_blank(shot)


def test_blank_check_rejects_a_blank_image(tmp_path):
    from PySide6.QtGui import QColor, QImage

    image = QImage(800, 600, QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    path = tmp_path / "blank.png"
    image.save(str(path))
    with pytest.raises(AssertionError):
        assert_not_blank(Path(path))
