"""The findings, score and section panels, driven as a writer would: clicks, undo and redo."""

from __future__ import annotations

from PySide6.QtCore import Qt

from postingstudio.core.model import Posting
from postingstudio.core.plaintext import parse_text
from postingstudio.core.report import SectionState

from .conftest import SAMPLE, wait_report


def _click(qtbot, panel, finding: int, column: int) -> None:
    tree = panel.tree
    index = panel.index_for(finding).siblingAtColumn(column)
    tree.scrollTo(index)
    rect = tree.visualRect(index)
    qtbot.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def _group_labels(panel) -> list[str]:
    model = panel.model
    return [model.data(model.index(row, 0)) for row in range(model.rowCount())]


def test_findings_are_grouped_with_counts_and_filters(qtbot, workspace):
    workspace.start(show=False)
    workspace.session.load(SAMPLE)
    result = wait_report(qtbot, workspace)
    panel = workspace.window.findings
    groups = set(_group_labels(panel))
    by_category = {}
    for f in result.report.findings:
        by_category[f.category] = by_category.get(f.category, 0) + 1
    for category, count in by_category.items():
        assert any(g.endswith(f"({count})") and category.value in g.lower() for g in groups)
    dry = panel.filter_buttons[next(iter(by_category))]
    dry.click()  # hide that category in the panel and in the editor
    hidden = next(iter(by_category)).value
    assert all(hidden not in label.lower() for label in _group_labels(panel))
    assert all(m.finding.category.value != hidden for m in workspace.session.markers.visible())


def test_clicking_a_finding_selects_its_words(qtbot, workspace):
    workspace.window.show()
    workspace.start()
    workspace.session.load(SAMPLE)
    wait_report(qtbot, workspace)
    panel = workspace.window.findings
    number = next(
        i for i, _fix in panel.rows() if "successful candidate" in panel.findings[i].text.lower()
    )
    _click(qtbot, panel, number, 0)
    finding = panel.findings[number]
    assert workspace.window.editor.textCursor().selectedText() == finding.text


def test_apply_from_the_panel_is_one_undo_step(qtbot, workspace):
    workspace.window.show()
    workspace.start()
    workspace.session.load(SAMPLE)
    wait_report(qtbot, workspace)
    before = workspace.session.snapshot().text
    panel = workspace.window.findings
    number = next(
        i for i, fix in panel.rows() if fix == "Apply" and panel.findings[i].text == "in order to"
    )
    _click(qtbot, panel, number, 1)
    after = workspace.session.snapshot().text
    assert after != before and "in order to" not in after
    editor = workspace.window.editor
    editor.undo()
    assert workspace.session.snapshot().text == before
    editor.redo()
    assert workspace.session.snapshot().text == after


def test_apply_all_safe_fixes_is_one_undo_step(qtbot, workspace, prompts):
    workspace.start(show=False)
    workspace.session.load(SAMPLE)
    wait_report(qtbot, workspace)
    before = workspace.session.snapshot().text
    applied = workspace.session.apply_all_safe()
    safe = [fix for fix in prompts.proposed if fix.safe]
    assert applied >= 2 and len(safe) == applied
    after = workspace.session.snapshot().text
    for fix in safe:
        assert fix.after in after
    workspace.window.editor.undo()
    assert workspace.session.snapshot().text == before


def test_refused_fixes_are_left_alone(qtbot, workspace, prompts):
    workspace.start(show=False)
    workspace.session.load(SAMPLE)
    wait_report(qtbot, workspace)
    prompts.fix_choice = lambda fixes: fixes[:1]
    assert workspace.session.apply_all_safe() == 1


def test_score_panel_draws_the_report(qtbot, workspace):
    workspace.start(show=False)
    workspace.session.load(SAMPLE)
    result = wait_report(qtbot, workspace)
    panel = workspace.window.scores
    assert panel.gauge.value == result.report.scores.overall
    assert panel.bars["clarity"].value == result.report.scores.clarity
    assert panel.words.value == result.report.metrics["words"]
    assert "too short" in panel.words.text  # the sample is far under the length band
    assert panel.voice.parts[0][1] == result.report.metrics["you_count"]
    image = panel.grab().toImage()
    assert (
        len(
            {
                image.pixel(x, y)
                for x in range(0, image.width(), 7)
                for y in range(0, image.height(), 7)
            }
        )
        > 8
    )


def _sample_posting(resources) -> Posting:
    text = (resources / "samples" / "sample_posting.md").read_text(encoding="utf-8")
    return parse_text(text, markdown=True)


def test_checklist_inserts_a_missing_section_with_placeholders(qtbot, workspace):
    from postingstudio.paths import resources_dir

    workspace.window.show()
    workspace.start()
    workspace.session.load(_sample_posting(resources_dir()))
    result = wait_report(qtbot, workspace)
    missing = [s for s in result.report.sections if s.state is SectionState.MISSING]
    assert missing, "the sample posting is written to miss sections (mission, how to apply)"
    section = missing[0]
    row = workspace.window.checklist.rows[section.id]
    before = workspace.session.snapshot().text
    qtbot.mouseClick(row.insert_button, Qt.MouseButton.LeftButton)
    after = workspace.session.snapshot()
    assert len(after.text) > len(before)
    selected = workspace.window.editor.textCursor().selectedText()
    assert selected.startswith("<") and selected.endswith(">")  # type over the first placeholder
    result = wait_report(qtbot, workspace)
    assert result.report.section(section.id).state is not SectionState.MISSING
    workspace.window.editor.undo()
    assert workspace.session.snapshot().text == before
    workspace.window.editor.redo()
    assert workspace.session.snapshot().text == after.text


def test_checklist_says_when_there_are_no_sections(qtbot, workspace):
    panel = workspace.window.checklist
    panel.set_sections(())
    assert "appears once" in panel.summary.text()
