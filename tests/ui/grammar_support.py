"""Helpers for the grammar UI tests: a workspace whose grammar talks to the loopback fake
LanguageTool, scripted answers to the grammar questions, and waits on what the writer sees."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtGui import QTextCursor

from postingstudio.core.findings import Finding, FindingSource
from postingstudio.core.model import Block, BlockKind, Posting
from postingstudio.core.preferences import Preferences
from postingstudio.docio.settings_file import save_preferences
from tests.support.timings import quick_debounce

TEXT = (
    "Senior Rockstar Developer",
    "😀 We need 𝒳 a engineer who knows teh stack and Kubernetez.",
    "We utilise modern tools in order to ship.",
)


def posting(lines: tuple[str, ...] = TEXT) -> Posting:
    first, *rest = lines
    blocks = [Block.of(BlockKind.HEADING, first, level=1)]
    blocks += [Block.of(BlockKind.PARAGRAPH, line) for line in rest]
    return Posting(tuple(blocks))


class GrammarAnswers:
    """Answers the grammar questions without dialogs; records what was asked."""

    def __init__(self) -> None:
        self.download = False
        self.public = False
        self.folder: str | None = None
        self.url: str | None = None
        self.asked: list[str] = []
        self.errors: list[tuple[str, str]] = []

    def consent_download(self, size: str, folder: Path, source: str = "release") -> bool:
        self.asked.append("download")
        self.download_source = source
        return self.download

    def consent_public_api(self) -> bool:
        self.asked.append("public")
        return self.public

    def choose_folder(self, start: str) -> str | None:
        self.asked.append("folder")
        return self.folder

    def server_url(self, current: str) -> str | None:
        self.asked.append("url")
        return self.url

    def java_help(self) -> None:
        self.asked.append("java")

    def error(self, title: str, text: str) -> None:
        self.errors.append((title, text))


def answer_grammar_questions(monkeypatch: pytest.MonkeyPatch, answers: GrammarAnswers) -> None:
    """Workspaces made from now on ask ``answers`` the grammar questions, not dialogs."""
    from postingstudio.ui.shell import grammar_wiring

    monkeypatch.setattr(grammar_wiring, "GrammarPrompts", lambda _window, _tasks: answers)


def make_workspace(qtbot, app_paths, prompts, preferences: Preferences, timeout_s: float = 3.0):
    """A started workspace with these preferences on disk, a short grammar debounce and a
    short LanguageTool timeout (the controller reads both when it is made)."""
    from postingstudio.paths import resources_dir
    from postingstudio.ui.grammar import lane
    from postingstudio.ui.shell.workspace import Workspace

    save_preferences(preferences.with_ui(sample_offered=True), app_paths.preferences)
    answers = GrammarAnswers()
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(lane, "DEFAULT_DELAY_MS", 60)
        patch.setattr(lane, "DEFAULT_TIMEOUT_S", timeout_s)
        answer_grammar_questions(patch, answers)
        quick_debounce(patch)
        ws = Workspace(app_paths, resources_dir(), prompts=prompts)
    qtbot.addWidget(ws.window)
    ws.start(show=False)
    wait_current(qtbot, ws)
    return ws, answers


def current_shown(ws) -> bool:
    """The style report for the editor's current text is on screen."""
    shown = ws.session.markers.result
    return shown is not None and shown.generation == ws.analysis.generation


def wait_current(qtbot, ws, timeout: int = 10_000) -> None:
    qtbot.waitUntil(lambda: current_shown(ws), timeout=timeout)


def finish(qtbot, ws) -> None:
    """Shut down once no current style result is still queued for the window (which is
    deleted next)."""
    wait_current(qtbot, ws)
    ws.shutdown()


def grammar_findings(ws) -> list[Finding]:
    result = ws.session.markers.result
    if result is None or result.generation != ws.analysis.generation:
        return []
    return [f for f in result.report.findings if f.origin is FindingSource.GRAMMAR]


def wait_grammar(qtbot, ws, text: str, timeout: int = 10_000) -> Finding:
    """Wait until a grammar finding quoting ``text`` is shown for the current text."""
    qtbot.waitUntil(lambda: any(f.text == text for f in grammar_findings(ws)), timeout=timeout)
    return next(f for f in grammar_findings(ws) if f.text == text)


def marker_for(ws, finding: Finding):
    return next(m for m in ws.session.markers.markers if m.finding == finding)


def type_at_end(ws, text: str) -> None:
    cursor = QTextCursor(ws.session.document)
    cursor.movePosition(QTextCursor.MoveOperation.End)
    cursor.insertText(text)


def state_kind(ws) -> str:
    return str(ws.grammar.controller.state.kind)
