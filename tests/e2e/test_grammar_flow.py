"""Grammar on the real main window: Server mode pointed at the loopback fake LanguageTool, a
spelling marker appears next to the style markers, its replacement is applied from the
findings panel, and the window is kept as a screenshot."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from postingstudio.core.findings import Category, FindingSource
from postingstudio.core.preferences import GrammarPreferences, Preferences, UiPreferences
from postingstudio.docio.settings_file import save_preferences
from tests.grammar.fake_languagetool import FakeLanguageTool
from tests.ui.conftest import ScriptedPrompts
from tests.ui.grammar_support import (
    GrammarAnswers,
    answer_grammar_questions,
    grammar_findings,
    posting,
)

from .conftest import assert_not_blank, screenshot

pytestmark = pytest.mark.e2e


@pytest.fixture
def fake_lt():
    server = FakeLanguageTool()
    yield server
    server.stop()


@pytest.fixture
def live(qtbot, tmp_path, fake_lt, monkeypatch):
    from postingstudio.paths import resources_dir
    from postingstudio.ui.shell.workspace import AppPaths, Workspace

    monkeypatch.setenv("LTP_PATH", str(tmp_path / "ltp-downloads"))
    paths = AppPaths(tmp_path / "config", tmp_path / "data", tmp_path / "logs")
    prefs = Preferences(
        grammar=GrammarPreferences(mode="server", server_url=fake_lt.url),
        ui=UiPreferences(sample_offered=True),
    )
    save_preferences(prefs, paths.preferences)
    answer_grammar_questions(monkeypatch, GrammarAnswers())
    ws = Workspace(paths, resources_dir(), prompts=ScriptedPrompts())
    qtbot.addWidget(ws.window)
    ws.start()
    qtbot.waitExposed(ws.window)
    yield ws
    ws.shutdown()


def test_grammar_marker_appears_and_its_fix_applies_from_the_panel(qtbot, live, artifacts):
    ws = live
    ws.session.load(posting())
    qtbot.waitUntil(lambda: any(f.text == "teh" for f in grammar_findings(ws)), timeout=20_000)
    qtbot.waitUntil(lambda: any(f.text == "teh" for f in ws.window.findings.findings))
    assert ws.grammar.status.text == "Grammar: ready"
    report = ws.session.markers.result.report
    assert {FindingSource.RULES, FindingSource.GRAMMAR} <= {f.origin for f in report.findings}
    selected = {s.cursor.selectedText() for s in ws.window.editor.extraSelections()}
    assert "teh" in selected
    screenshot(ws.window, artifacts / "e2e_grammar_markers.png")
    assert_not_blank(artifacts / "e2e_grammar_markers.png")

    # Apply the spelling fix by clicking "Apply" in the findings panel.
    panel = ws.window.findings
    number = next(
        i
        for i, fix in panel.rows()
        if fix == "Apply"
        and panel.findings[i].text == "teh"
        and panel.findings[i].category is Category.SPELLING
    )
    index = panel.index_for(number).siblingAtColumn(1)
    panel.tree.scrollTo(index)
    rect = panel.tree.visualRect(index)
    qtbot.mouseClick(panel.tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    text = ws.session.snapshot().text
    assert "knows the stack" in text and "teh" not in text
    assert text.startswith("Senior Rockstar Developer\n😀 We need 𝒳 a engineer")

    # The next grammar answer no longer flags it, and the other findings are still there.
    qtbot.waitUntil(
        lambda: (
            bool(grammar_findings(ws)) and not any(f.text == "teh" for f in grammar_findings(ws))
        ),
        timeout=20_000,
    )
    assert any(f.text == "Kubernetez" for f in grammar_findings(ws))
    screenshot(ws.window, artifacts / "e2e_grammar_after_fix.png")
    assert_not_blank(artifacts / "e2e_grammar_after_fix.png")
