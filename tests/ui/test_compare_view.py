"""The compare view on real postings: table arrows, chart, offers, insert, paste, load, export.

Pairs are two data-scientist ads from the corpus dev split (glassdoor_ds) and two real Word job
descriptions from ../shared/corpus/docx/jd_real; nothing of them is copied into the repository.
"""

from __future__ import annotations

import re
from collections import Counter

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor

from postingstudio.core.compare import OfferKind, Verdict
from postingstudio.core.plaintext import parse_text
from postingstudio.docio import load_posting
from postingstudio.ui.common.apply_fixes import template_blocks
from postingstudio.ui.common.document_bridge import selected_text
from postingstudio.ui.compare.chart import SCORES, SERIES_COLOURS, chart_data
from postingstudio.ui.compare.table import MARK, VerdictRole
from tests.conftest import corpus_path

from .compare_support import THEIRS_DOCX, dental_pair, dev_postings, pair, wait_comparison
from .conftest import wait_report


@pytest.fixture
def compared(qtbot, workspace):
    """Mine: a data-scientist ad naming no benefit; theirs: one offering dental insurance."""
    mine, theirs = dental_pair()
    workspace.window.resize(1400, 950)
    workspace.window.show()
    qtbot.waitExposed(workspace.window)
    workspace.start()
    workspace.session.load(parse_text(mine["text"]))
    wait_report(qtbot, workspace)
    workspace.compare.add_competitor_text(theirs["text"], name="Their data scientist ad")
    latest = wait_comparison(qtbot, workspace)
    return workspace, latest, mine, theirs


def _cell(model, row_key: str, column: int):
    row = next(i for i, r in enumerate(model.rows) if r.key == row_key)
    return model.index(row, column)


def test_table_has_a_row_per_metric_and_says_yours_is_worse_or_better(qtbot, compared):
    ws, latest, mine, theirs = compared
    comparison = latest.comparison
    model = ws.compare.view.table.model_
    assert model.rowCount() == len(comparison.metrics) >= 10
    assert model.columnCount() == 3  # yours, vs best (beside yours), theirs
    assert model.best_column == 1 and model.column_of(1) == 2
    labels = [model.headerData(i, Qt.Orientation.Vertical) for i in range(model.rowCount())]
    assert labels == [row.label for row in comparison.metrics]

    # Known worse: they name benefits (dental), mine names none.
    benefits = comparison.metric("benefits_count")
    assert benefits.values[0] == 0 and benefits.values[1] >= 1
    theirs_cell = _cell(model, "benefits_count", model.column_of(1))
    assert theirs_cell.data(VerdictRole) == Verdict.WORSE
    # Their number stands alone (an arrow beside it read as if they were ahead); the verdict is
    # in words, from the writer's side, in the tooltip and the accessible text.
    assert theirs_cell.data() == f"★ {benefits.display[1]}"
    assert "Yours is worse" in theirs_cell.data(Qt.ItemDataRole.ToolTipRole)
    assert "Higher is better" in theirs_cell.data(Qt.ItemDataRole.AccessibleTextRole)
    best_cell = _cell(model, "benefits_count", model.best_column)
    assert best_cell.data() == f"{MARK[Verdict.WORSE]} yours is worse"
    assert best_cell.data(Qt.ItemDataRole.ForegroundRole) == QColor("#D55E00")
    assert (
        _cell(model, "benefits_count", model.column_of(1)).data().startswith("★")
    )  # theirs is the best

    # Every verdict agrees with the core's, and no number carries a symbol.
    for number, row in enumerate(comparison.metrics):
        assert model.index(number, 0).data(VerdictRole) is None
        tip = model.index(number, model.column_of(1)).data(Qt.ItemDataRole.ToolTipRole)
        assert model.standing(row.versus[0]).capitalize() in tip
        for column in (0, model.column_of(1)):
            assert not set(model.index(number, column).data()) & {"▲", "▼", *MARK.values()}
        best = model.index(number, model.best_column).data()
        assert best == f"{MARK[row.versus_best]} {model.standing(row.versus_best)}"

    # Known better: swap the roles and the same line turns round.
    ws.session.load(parse_text(theirs["text"]))
    key = next(iter(ws.compare.controller.competitors))
    ws.compare.controller.remove(key)
    ws.compare.add_competitor_text(mine["text"], name="The one without benefits")
    wait_comparison(qtbot, ws)
    assert _cell(model, "benefits_count", model.column_of(1)).data(VerdictRole) == Verdict.BETTER
    assert "Yours is better" in _cell(model, "benefits_count", model.column_of(1)).data(
        Qt.ItemDataRole.ToolTipRole
    )
    assert _cell(model, "benefits_count", model.best_column).data() == "✓ yours is better"


def test_the_verdict_follows_which_way_is_better(qtbot, compared):
    """On a lower-is-better line, a smaller number of mine is "yours is better"."""
    ws, latest, _mine, _theirs = compared
    model = ws.compare.view.table.model_
    checked = 0
    for number, row in enumerate(latest.comparison.metrics):
        if row.direction not in ("higher", "lower") or row.versus[0] not in (
            Verdict.BETTER,
            Verdict.WORSE,
        ):
            continue
        mine, theirs = row.values[0], row.values[1]
        mine_higher = mine > theirs
        better = mine_higher == (row.direction == "higher")
        assert row.versus[0] == (Verdict.BETTER if better else Verdict.WORSE)
        tip = model.index(number, model.column_of(1)).data(Qt.ItemDataRole.ToolTipRole)
        assert f"{row.direction.capitalize()} is better" in tip
        assert ("Yours is better" if better else "Yours is worse") in tip
        checked += 1
    assert checked >= 3


def test_chart_paints_every_postings_scores(qtbot, compared):
    ws, latest, _mine, _theirs = compared
    chart = ws.compare.view.chart
    data = chart.data
    assert data == chart_data(latest.comparison)
    for number, posting in enumerate(latest.comparison.postings):
        scores = posting.report.scores
        assert data.values[number] == tuple(getattr(scores, key) for key in SCORES)
    image = chart.grab().toImage()
    assert image.width() > 200 and image.height() > 150
    colours = Counter(
        image.pixel(x, y) for x in range(0, image.width(), 3) for y in range(0, image.height(), 3)
    )
    assert len(colours) > 20, "the chart looks blank"
    mine_colour = QColor(SERIES_COLOURS[0]).rgb()
    assert mine_colour in colours, "my bars (solid Okabe–Ito blue) are not drawn"


def test_they_offer_click_selects_their_sentence_and_insert_is_one_undo_step(qtbot, compared):
    ws, latest, _mine, _theirs = compared
    lists = ws.compare.view.lists
    dental = next(
        o for o in latest.comparison.they_offer if o.kind is OfferKind.BENEFIT and o.id == "dental"
    )
    item = lists.item_for(lists.offers, dental)
    assert item is not None
    tree = lists.offers
    tree.scrollToItem(item)
    qtbot.mouseClick(
        tree.viewport(), Qt.MouseButton.LeftButton, pos=tree.visualItemRect(item).center()
    )

    view = ws.compare.pane.current()
    assert view is not None and view.key == latest.keys[0]
    assert selected_text(view.textCursor()) == dental.evidence.text
    assert "dental" in dental.evidence.text.lower()
    viewport = view.viewport().rect()
    assert viewport.intersects(view.cursorRect(view.textCursor())), "not scrolled into view"

    button = lists.insert_button
    assert button.isEnabled() and "Benefits" in button.text()
    document = ws.window.editor.document()
    before = document.toPlainText()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    after = document.toPlainText()
    assert after != before and len(after) > len(before)
    section = ws.session.markers.result.report.section("benefits")
    template = [b.text for b in template_blocks(section.template, section.label)]
    assert all(line in after for line in template)  # the Benefits template, every line
    document.undo()
    assert document.toPlainText() == before  # one undo step takes all of it back
    document.redo()
    assert document.toPlainText() == after


def test_insert_adds_a_line_to_a_section_mine_already_has(qtbot, compared):
    ws, latest, _mine, _theirs = compared
    report = ws.session.markers.result.report
    dental = next(o for o in latest.comparison.they_offer if o.id == "dental")
    document = ws.window.editor.document()
    before = document.toPlainText()
    assert ws.compare.insert_offer(dental)
    wait_report(qtbot, ws)
    if report.section("benefits").state.value == "missing":
        # Now mine has a Benefits section: the next benefit goes into it as one line.
        vision = type(dental)(dental.competitor, dental.kind, "vision", "Vision cover", None)
        assert "Add “Vision cover” to your Benefits" in ws.compare.insert_label(vision)
        middle = document.toPlainText()
        assert ws.compare.insert_offer(vision)
        assert "Vision cover: <add details>" in document.toPlainText()
        document.undo()
        assert document.toPlainText() == middle
    document.undo()
    assert document.toPlainText() == before


def test_editing_mine_recomputes_the_comparison(qtbot, compared):
    ws, latest, _mine, _theirs = compared
    old = latest.comparison.mine.report
    cursor = ws.window.editor.textCursor()
    cursor.movePosition(cursor.MoveOperation.End)
    cursor.insertText(" We offer dental insurance, a 401(k) and 25 days of paid vacation.")
    fresh = wait_comparison(qtbot, ws)
    assert fresh.comparison.mine.report is not old
    assert fresh.comparison.metric("benefits_count").values[0] >= 1
    assert not [o for o in fresh.comparison.they_offer if o.id == "dental"]


def test_pasted_competitor_text(qtbot, workspace, prompts):
    mine, theirs = dental_pair()
    workspace.start(show=False)
    workspace.session.load(parse_text(mine["text"]))
    prompts.paste_text = lambda title, label: theirs["text"]
    workspace.compare.paste_action.trigger()
    latest = wait_comparison(qtbot, workspace)
    assert workspace.compare.active and workspace.compare.toggle_action.isChecked()
    assert workspace.compare.pane.tabs.count() == 1
    view = workspace.compare.pane.current()
    assert view.report is not None
    assert view.report.text == parse_text(theirs["text"]).text
    assert len(view.extraSelections()) > 0  # their findings are drawn too
    assert len(latest.comparison.postings) == 2


def test_competitor_from_a_real_docx_and_a_bad_file(qtbot, workspace, prompts, tmp_path):
    mine, _theirs = dental_pair()
    path = corpus_path("docx", "jd_real", THEIRS_DOCX)
    workspace.start(show=False)
    workspace.session.load(parse_text(mine["text"]))
    bad = tmp_path / "broken.docx"
    bad.write_bytes(b"not a zip at all")
    prompts.open_competitors = lambda start: [str(path), str(bad)]
    workspace.compare.add_action.trigger()
    qtbot.waitUntil(lambda: bool(prompts.errors), timeout=15_000)
    assert "broken.docx" in prompts.errors[0][0]
    latest = wait_comparison(qtbot, workspace)
    assert latest.comparison.postings[1].name == THEIRS_DOCX
    assert workspace.compare.pane.tabs.count() == 1
    assert workspace.compare.pane.current().report.text == load_posting(path).text


def test_export_html_and_pdf(qtbot, compared, prompts, tmp_path):
    ws, _latest, _mine, _theirs = compared
    prompts.save_answer = str(tmp_path / "comparison.html")
    qtbot.mouseClick(ws.compare.view.export_button, Qt.MouseButton.LeftButton)
    html = (tmp_path / "comparison.html").read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>") and "Dental cover" in html
    prompts.save_answer = str(tmp_path / "comparison.pdf")
    ws.compare.export_action.trigger()
    assert (tmp_path / "comparison.pdf").read_bytes().startswith(b"%PDF")
    assert not prompts.errors
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []


def test_the_export_filter_and_writer_follow_the_report_rows(
    qtbot, compared, prompts, tmp_path, monkeypatch
):
    from postingstudio.docio import formats

    ws, _latest, _mine, _theirs = compared
    row = formats.FileFormat("txt", "Plain text", (".txt",), writer=lambda c: b"compared\n")
    monkeypatch.setattr(formats, "REPORT_FORMATS", (*formats.REPORT_FORMATS, row))
    offered = []
    monkeypatch.setattr(
        prompts,
        "save_path",
        lambda title, suggested, choices: (
            offered.append((suggested, choices)) or str(tmp_path / "comparison.txt")
        ),
    )
    ws.compare.export_action.trigger()
    suggested, choices = offered[0]
    assert suggested.endswith("-comparison.html")  # the first row is the suggestion
    assert [ext for ext, _label in choices] == ["html", "pdf", "txt"]
    assert (tmp_path / "comparison.txt").read_bytes() == b"compared\n"
    assert not prompts.errors


def test_leaving_compare_mode_restores_the_panels(qtbot, compared):
    ws, _latest, _mine, _theirs = compared
    w = ws.window
    assert not w.findings_dock.isVisible() and ws.compare.dock.isVisible()
    ws.compare.toggle_action.trigger()
    assert not ws.compare.active
    assert w.findings_dock.isVisible() and w.checklist_dock.isVisible()
    assert not ws.compare.dock.isVisible() and not ws.compare.pane.isVisible()
    ws.compare.toggle_action.trigger()
    assert ws.compare.active and ws.compare.pane.isVisible()


def test_two_competitors_tabs_chart_and_a_shared_cliche_selected_in_both(qtbot, workspace):
    def fast(text: str) -> bool:
        return bool(re.search(r"fast[- ]paced", text, re.IGNORECASE))

    mine, first = pair("glassdoor_ds", fast, fast)
    second = next(r for r in dev_postings("glassdoor_ds") if r not in (mine, first))
    workspace.window.resize(1400, 950)
    workspace.window.show()
    workspace.start()
    workspace.session.load(parse_text(mine["text"]))
    wait_report(qtbot, workspace)
    workspace.compare.add_competitor_text(first["text"], name="First")
    workspace.compare.add_competitor_text(second["text"], name="Second")
    latest = wait_comparison(qtbot, workspace, competitors=2)
    comparison = latest.comparison

    pane = workspace.compare.pane
    assert pane.tabs.count() == 2
    assert workspace.compare.view.table.model_.columnCount() == 4  # yours, two, vs best
    assert len(workspace.compare.view.chart.data.values) == 3
    assert all(len(row.versus) == 2 for row in comparison.metrics)

    cliche = next(c for c in comparison.shared_cliches if 1 in c.competitors)
    lists = workspace.compare.view.lists
    item = lists.item_for(lists.cliches, cliche)
    lists.setCurrentIndex(1)
    rect = lists.cliches.visualItemRect(item)
    qtbot.mouseClick(lists.cliches.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    mine_selected = selected_text(workspace.window.editor.textCursor())
    assert mine_selected == cliche.mine.text
    number, theirs = cliche.theirs[0]
    view = pane.current()
    assert view.key == latest.keys[number - 1]
    assert selected_text(view.textCursor()) == theirs.text

    # An offer from the second competitor switches to its tab.
    offers = comparison.offers_from(2)
    if offers:
        workspace.compare.show_offer(offers[0])
        assert pane.current().key == latest.keys[1]

    # Closing a tab drops that competitor from the comparison.
    pane.tabs.tabCloseRequested.emit(pane.index_of(latest.keys[1]))
    wait_comparison(qtbot, workspace, competitors=1)
    assert pane.tabs.count() == 1
    assert workspace.compare.view.table.model_.columnCount() == 3
