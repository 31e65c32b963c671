"""The writer's grammar choices from the editor's menu: "Ignore word" (personal dictionary,
saved, honoured on the next check) and "Disable this grammar rule" (saved, sent to the server,
hidden at once), plus the remapping that keeps grammar markers on their words while typing."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QMenu

from postingstudio.core.findings import Category, Finding, FindingSource, Severity
from postingstudio.core.preferences import GrammarPreferences, Preferences
from postingstudio.core.settings import AnalysisSettings
from postingstudio.docio.settings_file import load_preferences
from postingstudio.grammar import PersonalDictionary
from postingstudio.ui.grammar.lane import DICTIONARY_FILE
from postingstudio.ui.grammar.merge import remap, visible

from .grammar_support import (
    finish,
    grammar_findings,
    make_workspace,
    marker_for,
    posting,
    wait_current,
    wait_grammar,
)

pytestmark = pytest.mark.usefixtures("no_languagetool_install")


@pytest.fixture
def live(qtbot, app_paths, prompts, fake_lt):
    prefs = Preferences(grammar=GrammarPreferences(mode="server", server_url=fake_lt.url))
    ws, _answers = make_workspace(qtbot, app_paths, prompts, prefs)
    ws.session.load(posting())
    yield ws
    finish(qtbot, ws)


def _menu_action(ws, finding, starts: str):
    marker = marker_for(ws, finding)
    menu = QMenu()
    assert ws.window.editor.fix_menu(marker.start, menu)
    return menu, next(a for a in menu.actions() if a.text().startswith(starts))


def test_ignore_word_persists_and_is_honoured_on_the_next_check(qtbot, live, fake_lt, app_paths):
    ws = live
    finding = wait_grammar(qtbot, ws, "Kubernetez")
    sent = len(fake_lt.checks())
    _menu, action = _menu_action(ws, finding, "Ignore word")
    action.trigger()
    words = app_paths.config_dir / DICTIONARY_FILE
    assert "Kubernetez" in words.read_text(encoding="utf-8").splitlines()
    assert "Kubernetez" in PersonalDictionary(words)  # what the next start reads
    qtbot.waitUntil(lambda: len(fake_lt.checks()) > sent, timeout=10_000)  # re-checked
    qtbot.waitUntil(lambda: ws.grammar.controller.state.usable, timeout=10_000)
    assert not any(f.text == "Kubernetez" for f in grammar_findings(ws))
    assert any(f.text == "teh" for f in grammar_findings(ws))  # other words still flagged
    selected = {s.cursor.selectedText() for s in ws.window.editor.extraSelections()}
    assert "Kubernetez" not in selected


def test_ignore_word_is_offered_only_for_spelling(qtbot, live):
    ws = live
    grammar = wait_grammar(qtbot, ws, "a ")
    menu = QMenu()
    ws.window.editor.fix_menu(marker_for(ws, grammar).start, menu)
    texts = [a.text() for a in menu.actions()]
    assert not any(t.startswith("Ignore word") for t in texts)
    assert any(t.startswith("Disable this grammar rule (EN_A_VS_AN)") for t in texts)


def test_disable_rule_hides_it_saves_it_and_tells_the_server(qtbot, live, fake_lt, app_paths):
    ws = live
    finding = wait_grammar(qtbot, ws, "a ")
    _menu, action = _menu_action(ws, finding, "Disable this grammar rule")
    action.trigger()
    qtbot.waitUntil(
        lambda: (
            bool(grammar_findings(ws)) and not any(f.text == "a " for f in grammar_findings(ws))
        ),
        timeout=10_000,
    )
    assert load_preferences(app_paths.preferences).grammar.disabled_rules == ("EN_A_VS_AN",)
    sent = len(fake_lt.checks())
    ws.grammar.controller.check_now()
    qtbot.waitUntil(lambda: len(fake_lt.checks()) > sent, timeout=10_000)
    assert "EN_A_VS_AN" in fake_lt.checks()[-1].get("disabledRules", "")
    qtbot.waitUntil(lambda: ws.grammar.controller.state.usable, timeout=10_000)
    assert not any(f.text == "a " for f in grammar_findings(ws))


def test_the_generic_ignore_rule_also_hides_grammar_findings(qtbot, live):
    ws = live
    finding = wait_grammar(qtbot, ws, "teh")
    ws.session.ignore_rule(finding.rule_id)
    wait_current(qtbot, ws)
    qtbot.waitUntil(lambda: not any(f.text == "teh" for f in grammar_findings(ws)))


def _finding(start: int, end: int, text: str) -> Finding:
    return Finding(
        "languagetool.X", Category.SPELLING, Severity.WARNING, start, end, text, "m", "w", "s",
        origin=FindingSource.GRAMMAR,
    )  # fmt: skip


@pytest.mark.parametrize(
    ("new", "kept"),
    [
        ("teh cat 😀 Kubernetez here", {"teh": 0, "Kubernetez": 10}),  # no change
        ("Xteh cat 😀 Kubernetez here", {"Kubernetez": 11}),  # glued onto "teh"
        ("teh cat 😀😀 Kubernetez here", {"teh": 0, "Kubernetez": 11}),  # emoji inserted
        ("teh dog 😀 Kubernetez here", {"teh": 0, "Kubernetez": 10}),  # same length edit
        ("tehx cat 😀 Kubernetez here", {"Kubernetez": 11}),  # typed onto the word's end
        ("teh cat 😀 Kubernetez", {"teh": 0, "Kubernetez": 10}),  # cut at the end
        ("", {}),
    ],
)
def test_remap_keeps_only_findings_the_edit_did_not_touch(new, kept):
    old = "teh cat 😀 Kubernetez here"
    findings = (_finding(0, 3, "teh"), _finding(10, 20, "Kubernetez"))
    moved = remap(findings, old, new)
    assert {f.text: f.start for f in moved} == kept
    assert all(new[f.start : f.end] == f.text for f in moved)


def test_visible_honours_every_way_of_hiding():
    findings = (_finding(0, 3, "teh"), _finding(4, 7, "cat"), _finding(8, 11, "dog"))
    prefs = Preferences(
        analysis=AnalysisSettings(allow_terms=("Cat",), ignored=(("languagetool.X", "dog"),))
    )
    assert [f.text for f in visible(findings, prefs, {"teh"})] == []
    assert [f.text for f in visible(findings, Preferences(), set())] == ["teh", "cat", "dog"]
    off = Preferences(analysis=AnalysisSettings(disabled_categories=("spelling",)))
    assert visible(findings, off, set()) == ()
    rule_off = Preferences(grammar=GrammarPreferences(disabled_rules=("X",)))
    assert visible(findings, rule_off, set()) == ()
