"""The grammar lane in the app, against the loopback fake LanguageTool in Server mode: findings
merged with the style findings, offsets right after emoji, a slow or failing server never
freezing the UI or touching the text, and recovery when the server is back."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QTimer

from postingstudio.core.findings import Category, FindingSource
from postingstudio.core.preferences import GrammarPreferences, Preferences
from postingstudio.grammar import Fix, StateKind
from postingstudio.ui.grammar import lane

from .grammar_support import (
    finish,
    grammar_findings,
    make_workspace,
    marker_for,
    posting,
    state_kind,
    type_at_end,
    wait_current,
    wait_grammar,
)

pytestmark = pytest.mark.usefixtures("no_languagetool_install")


@pytest.fixture
def live(qtbot, app_paths, prompts, fake_lt):
    prefs = Preferences(grammar=GrammarPreferences(mode="server", server_url=fake_lt.url))
    ws, answers = make_workspace(qtbot, app_paths, prompts, prefs, timeout_s=1.5)
    ws.session.load(posting())
    yield ws
    fake_lt.release.set()
    finish(qtbot, ws)


def test_grammar_and_spelling_merge_with_style_findings(qtbot, live):
    ws = live
    spelling = wait_grammar(qtbot, ws, "teh")
    assert spelling.category is Category.SPELLING and spelling.replacements[0] == "the"
    grammar = wait_grammar(qtbot, ws, "a ")
    assert grammar.category is Category.GRAMMAR and grammar.replacements == ("an",)
    report = ws.session.markers.result.report
    origins = {f.origin for f in report.findings}
    assert (
        FindingSource.RULES in origins and FindingSource.GRAMMAR in origins
    )  # merged, not replaced
    # In the editor: an underline exactly over the misspelt word.
    selected = {s.cursor.selectedText() for s in ws.window.editor.extraSelections()}
    assert {"teh", "Kubernetez"} <= selected
    # In the findings panel, in their own categories.
    qtbot.waitUntil(lambda: any(f.text == "teh" for f in ws.window.findings.findings))
    panel = ws.window.findings
    assert panel.filter_buttons[Category.SPELLING].isVisibleTo(panel)
    assert ws.grammar.status.text.startswith("Grammar: ready")


def test_emoji_before_an_error_keeps_the_marker_on_the_words(qtbot, live):
    ws = live
    for words in ("teh", "a ", "Kubernetez"):
        finding = wait_grammar(qtbot, ws, words)
        marker = marker_for(ws, finding)
        assert marker.cursor.selectedText() == words
        assert ws.session.markers.result.report.text[finding.start : finding.end] == words


def test_a_style_result_never_erases_grammar_findings(qtbot, live, monkeypatch):
    ws = live
    wait_grammar(qtbot, ws, "teh")
    monkeypatch.setattr(ws.grammar.controller, "check_soon", lambda: None)  # no new answer
    type_at_end(ws, " More text.")
    generation = ws.analysis.generation
    wait_current(qtbot, ws)
    assert ws.analysis.generation == generation
    kept = [f.text for f in grammar_findings(ws)]
    assert "teh" in kept and "Kubernetez" in kept
    marker = marker_for(ws, next(f for f in grammar_findings(ws) if f.text == "teh"))
    assert marker.cursor.selectedText() == "teh"


def test_slow_server_times_out_while_the_ui_keeps_running(qtbot, live, fake_lt):
    ws = live
    wait_grammar(qtbot, ws, "teh")
    fake_lt.behaviour = "slow"
    ticks = []
    timer = QTimer()
    timer.timeout.connect(lambda: ticks.append(1))
    timer.start(5)
    type_at_end(ws, " Slow.")
    text = ws.session.snapshot().text
    qtbot.waitUntil(fake_lt.slow_started.is_set, timeout=10_000)
    started_ticks = len(ticks)
    qtbot.waitUntil(
        lambda: ws.grammar.controller.state.kind is StateKind.UNAVAILABLE, timeout=10_000
    )
    timer.stop()
    state = ws.grammar.controller.state
    assert "no complete answer" in state.reason and state.fix is Fix.RETRY
    assert len(ticks) > started_ticks + 3  # the event loop ran throughout the wait
    assert ws.session.snapshot().text == text  # the writer's text is untouched
    assert "unavailable" in ws.grammar.status.text
    assert ws.grammar.status.button.text() == "Retry"
    # The style lane kept working the whole time.
    assert ws.session.markers.result.report.findings_by_origin[FindingSource.RULES]
    fake_lt.release.set()
    fake_lt.behaviour = "normal"
    type_at_end(ws, " Back.")
    qtbot.waitUntil(lambda: state_kind(ws) == "ready", timeout=10_000)
    wait_grammar(qtbot, ws, "teh")


def test_http_500_then_recovery_on_the_next_edit(qtbot, live, fake_lt):
    ws = live
    wait_grammar(qtbot, ws, "teh")
    fake_lt.behaviour = "http500"
    type_at_end(ws, " One.")
    qtbot.waitUntil(lambda: state_kind(ws) == "unavailable", timeout=10_000)
    assert "HTTP 500" in ws.grammar.controller.state.reason
    fake_lt.behaviour = "normal"
    type_at_end(ws, " Two teh.")
    qtbot.waitUntil(lambda: state_kind(ws) == "ready", timeout=10_000)
    qtbot.waitUntil(lambda: sum(f.text == "teh" for f in grammar_findings(ws)) == 2)


def test_server_going_away_and_coming_back(qtbot, live, fake_lt):
    ws = live
    wait_grammar(qtbot, ws, "teh")
    fake_lt.stop()
    type_at_end(ws, " Gone.")
    qtbot.waitUntil(lambda: state_kind(ws) == "unavailable", timeout=10_000)
    assert "Cannot reach" in ws.grammar.controller.state.reason
    text = ws.session.snapshot().text
    assert text.endswith("Gone.")
    fake_lt.start()  # same port
    type_at_end(ws, " Back teh.")
    qtbot.waitUntil(lambda: sum(f.text == "teh" for f in grammar_findings(ws)) == 2, timeout=10_000)
    assert state_kind(ws) == "ready"


def test_stale_answers_are_dropped(qtbot, live, fake_lt):
    ws = live
    wait_grammar(qtbot, ws, "teh")
    fake_lt.release.clear()
    fake_lt.slow_started.clear()
    fake_lt.behaviour = "slow"
    type_at_end(ws, " First.")
    qtbot.waitUntil(fake_lt.slow_started.is_set, timeout=10_000)
    fake_lt.behaviour = "normal"
    type_at_end(ws, " Second teh.")  # the answer in flight is now for an old generation
    fake_lt.release.set()
    qtbot.waitUntil(lambda: sum(f.text == "teh" for f in grammar_findings(ws)) == 2, timeout=10_000)
    qtbot.waitUntil(lambda: ws.grammar.controller.dropped >= 1, timeout=10_000)


def test_turning_grammar_off_clears_its_findings_and_stops_requests(qtbot, live, fake_lt):
    ws = live
    wait_grammar(qtbot, ws, "teh")
    ws.session.set_preferences(ws.session.preferences.with_grammar(mode="off"))
    wait_current(qtbot, ws)
    qtbot.waitUntil(lambda: not grammar_findings(ws))
    sent = len(fake_lt.checks())
    type_at_end(ws, " Off teh.")
    generation = ws.analysis.generation
    wait_current(qtbot, ws)
    assert ws.analysis.generation == generation
    assert not grammar_findings(ws)
    assert len(fake_lt.checks()) == sent
    assert ws.grammar.status.text == "Grammar: off"


def test_shutdown_waits_a_bounded_time_for_a_hung_server(qtbot, live, fake_lt, monkeypatch):
    ws = live
    wait_grammar(qtbot, ws, "teh")
    fake_lt.release.clear()
    fake_lt.slow_started.clear()
    fake_lt.behaviour = "slow"
    type_at_end(ws, " Hang.")
    qtbot.waitUntil(fake_lt.slow_started.is_set, timeout=10_000)
    monkeypatch.setattr(lane, "CLOSE_WAIT_S", 0.05)  # the product waits 3 s
    assert ws.grammar.controller.shutdown() is False  # gave up waiting, returned
    fake_lt.release.set()


def test_the_watchdog_reports_a_hung_request_then_takes_its_late_answer(qtbot, live, fake_lt):
    ws = live
    wait_grammar(qtbot, ws, "teh")
    fake_lt.release.clear()
    fake_lt.slow_started.clear()
    fake_lt.behaviour = "slow"
    type_at_end(ws, " Late teh.")
    qtbot.waitUntil(fake_lt.slow_started.is_set, timeout=10_000)
    controller = ws.grammar.controller
    assert controller.busy
    controller._overdue()  # what the watchdog timer calls when a request runs past its limit
    state = controller.state
    assert state.kind is StateKind.UNAVAILABLE and "did not answer" in state.reason
    assert state.fix is Fix.RETRY
    fake_lt.release.set()  # the late answer is still for the current text: it is taken
    qtbot.waitUntil(lambda: sum(f.text == "teh" for f in grammar_findings(ws)) == 2, timeout=10_000)
    assert state_kind(ws) == "ready"


def test_a_checker_bug_is_reported_with_retry_and_checking_goes_on(qtbot, live, monkeypatch):
    ws = live
    wait_grammar(qtbot, ws, "teh")
    controller = ws.grammar.controller
    real_check = controller.checker.check

    def broken(text: str):
        raise RuntimeError("bug")

    monkeypatch.setattr(controller.checker, "check", broken)
    type_at_end(ws, " Broken.")
    qtbot.waitUntil(lambda: state_kind(ws) == "unavailable", timeout=10_000)
    assert "bug" in controller.state.reason and controller.state.fix is Fix.RETRY
    monkeypatch.setattr(controller.checker, "check", real_check)
    type_at_end(ws, " Fixed teh.")
    qtbot.waitUntil(lambda: sum(f.text == "teh" for f in grammar_findings(ws)) == 2, timeout=10_000)
