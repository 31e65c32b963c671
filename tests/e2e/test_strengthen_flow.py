"""Strengthen a thin section from the checklist, on the real main window (issue 17): open a
posting whose pay and application steps are thin, press "Strengthen", see what each lacked
added with placeholders as one undo step, fill the placeholders in, and see the sections become
present."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRegularExpression, Qt
from PySide6.QtGui import QTextCursor

from postingstudio.core.fixes import PLACEHOLDER
from postingstudio.core.report import SectionState
from tests.ui.conftest import wait_report

from .conftest import running_workspace, screenshot

pytestmark = pytest.mark.e2e

POSTING = """Data Analyst, Toronto, Canada

What you will do
- Build dashboards for the sales team and explain what they show.
- Clean and join messy sales data from three systems.
- Answer questions from the regional managers every week.
- Plan and run a quarterly review of the sales forecasts.

Pay
Competitive salary.

How to apply
Apply now at jobs@example.ca.
"""

# In document order: the pay line (after "Competitive salary."), then the next steps.
FILL = ["60,000", "70,000", "year", "experience with SQL",
        "a 30-minute call within five days, then a short task", "1 June"]  # fmt: skip


def _fill_placeholders(qtbot, editor, words: list[str]) -> None:
    """Type over each placeholder of the added lines, the way a writer does."""
    pattern = QRegularExpression(r"<[^<>\n]{1,80}>")
    for word in words:
        found = editor.document().find(pattern, editor.textCursor().selectionStart())
        assert not found.isNull(), f"no placeholder left for {word!r}"
        editor.setTextCursor(found)
        qtbot.keyClicks(editor, word)


@pytest.fixture
def live(qtbot, tmp_path):
    with running_workspace(qtbot, tmp_path, (1280, 820)) as started:
        yield started


def test_strengthen_a_thin_section_then_fill_it_in(qtbot, live, tmp_path, artifacts):
    ws, prompts = live
    source = tmp_path / "analyst.txt"
    source.write_text(POSTING, encoding="utf-8")
    prompts.open_answer = str(source)
    ws.window.actions.open.trigger()
    result = wait_report(qtbot, ws)
    before = {s.id: s for s in result.report.sections}
    completeness = result.report.scores.completeness
    assert before["how_to_apply"].state is SectionState.THIN
    assert "what happens next" in before["how_to_apply"].reason
    assert before["salary"].state is SectionState.THIN

    # A present section has nothing to strengthen; a thin one has the button. (On a narrow
    # window the panels are tabs: bring Sections forward, as clicking its tab does.)
    ws.window.checklist_dock.raise_()
    qtbot.waitUntil(lambda: ws.window.checklist.isVisible(), timeout=2_000)
    rows = ws.window.checklist.rows
    assert rows["responsibilities"].strengthen_button is None
    button = rows["how_to_apply"].strengthen_button
    assert button is not None
    # The raised tab lays its rows out on the next turns of the event loop.
    qtbot.waitUntil(button.isVisible, timeout=2_000)
    assert "What happens next" in button.toolTip()

    original = ws.session.snapshot().text
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    added = ws.session.snapshot().text
    assert "What happens next: <" in added and "Apply by <date>" in added
    assert added.index("What happens next") > added.index("Apply now at jobs@example.ca")
    selected = ws.window.editor.textCursor().selectedText()
    assert selected.startswith("<") and selected.endswith(">")  # ready to type over

    # One undo step takes it all back; redo brings it again.
    ws.window.actions.undo.trigger()
    assert ws.session.snapshot().text == original
    ws.window.actions.redo.trigger()
    assert ws.session.snapshot().text == added

    # The lack is reduced: only the placeholders remain to fill (they are warned about).
    result = wait_report(qtbot, ws)
    after = result.report.section("how_to_apply")
    assert after.state is SectionState.THIN and after.reason.startswith("Unfilled placeholder")
    assert any(f.rule_id == "missing.unfilled_placeholder" for f in result.report.findings)

    # Pay in the posting's own currency (Toronto, Canada: dollars, not pounds).
    pay = ws.window.checklist.rows["salary"].strengthen_button
    assert pay is not None
    qtbot.mouseClick(pay, Qt.MouseButton.LeftButton)
    text = ws.session.snapshot().text
    assert "Pay: $<low> – $<high> per <year/hour>" in text and "£" not in text

    # The writer fills the placeholders in; both sections become present.
    editor = ws.window.editor
    cursor = editor.textCursor()
    cursor.movePosition(QTextCursor.MoveOperation.Start)
    editor.setTextCursor(cursor)
    _fill_placeholders(qtbot, editor, FILL)
    assert not PLACEHOLDER.search(ws.session.snapshot().text)
    result = wait_report(qtbot, ws)
    sections = {s.id: s for s in result.report.sections}
    assert sections["how_to_apply"].state is SectionState.PRESENT, sections["how_to_apply"]
    assert sections["salary"].state is SectionState.PRESENT, sections["salary"]
    assert result.report.scores.completeness > completeness
    screenshot(ws.window, artifacts / "e2e_strengthened.png")
