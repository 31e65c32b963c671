"""Qt fixtures: a workspace on temporary folders (never the real user's), drained on teardown."""

from __future__ import annotations

from pathlib import Path

import pytest

from postingstudio.core.model import Block, BlockKind, Posting, Run
from tests.support.timings import quick_debounce


class ScriptedPrompts:
    """Answers the app's questions without dialogs; records what was asked."""

    def __init__(self) -> None:
        self.open_answer: str | None = None
        self.save_answer: str | None = None
        self.unsaved_answer = "discard"
        self.errors: list[tuple[str, str]] = []
        self.details: list[str] = []  # the technical detail behind "Details…", per error
        self.asked_unsaved = 0
        self.fix_choice = None  # None: accept all proposed fixes
        self.notices: list[tuple[str, str]] = []
        self.changed_answer = "cancel"  # the source changed on disk: "reload", "copy", "cancel"
        self.asked_changed = 0
        self.contacts_answer: str | None = None

    def open_path(self, start: str) -> str | None:
        return self.open_answer

    def save_path(self, title, suggested, formats):  # noqa: ANN001, ANN201
        return self.save_answer

    def open_contacts(self, start: str) -> str | None:
        return self.contacts_answer

    def unsaved(self, name: str) -> str:
        self.asked_unsaved += 1
        return self.unsaved_answer

    def error(self, title: str, text: str, detail: str = "") -> None:
        self.errors.append((title, text))
        self.details.append(detail)

    def notice(self, title: str, text: str) -> None:
        self.notices.append((title, text))

    def source_changed(self, name: str) -> str:
        self.asked_changed += 1
        return self.changed_answer

    def choose_fixes(self, fixes):  # noqa: ANN001, ANN201
        self.proposed = list(fixes)
        if self.fix_choice is None:  # what the dialog ticks by default: the safe ones
            return [fix for fix in fixes if fix.safe]
        return self.fix_choice(fixes)


@pytest.fixture
def tasks(qtbot):
    """The one background runner, made as the workspace makes it; shut down afterwards."""
    from postingstudio.ui.common.tasks import TaskRunner

    runner = TaskRunner()
    yield runner
    runner.shutdown()


@pytest.fixture
def prompts() -> ScriptedPrompts:
    return ScriptedPrompts()


@pytest.fixture
def app_paths(tmp_path: Path):
    from postingstudio.ui.shell.workspace import AppPaths

    return AppPaths(tmp_path / "config", tmp_path / "data", tmp_path / "data" / "logs")


@pytest.fixture
def workspace(qtbot, app_paths, prompts, monkeypatch):
    from postingstudio.paths import resources_dir
    from postingstudio.ui.shell.workspace import Workspace

    quick_debounce(monkeypatch)
    ws = Workspace(app_paths, resources_dir(), prompts=prompts)
    qtbot.addWidget(ws.window)
    yield ws
    ws.shutdown()  # drains the analysis pool


def wait_report(qtbot, ws, timeout: int = 10_000):
    """Wait until the analysis of the document's current text has been shown."""
    qtbot.waitUntil(
        lambda: (
            ws.analysis.latest is not None
            and ws.analysis.latest.generation == ws.analysis.generation
            and ws.session.markers.result is ws.analysis.latest
        ),
        timeout=timeout,
    )
    return ws.analysis.latest


SAMPLE = Posting(
    (
        Block.of(BlockKind.HEADING, "Senior Rockstar Developer 🚀", level=1),
        Block(
            BlockKind.PARAGRAPH,
            (
                Run("The successful candidate will be responsible for the management of "),
                Run("our 😀 platform", bold=True),
                Run(". We utilise modern tools in order to ship."),
            ),
        ),
        Block.of(BlockKind.LIST_ITEM, "Utilise CRM tools daily"),
        Block.of(BlockKind.LIST_ITEM, "Competitive salary 💰 and benefits"),
    )
)


@pytest.fixture
def no_languagetool_install(monkeypatch, tmp_path):
    """No LanguageTool install is visible: language-tool-python looks in an empty folder."""
    monkeypatch.setenv("LTP_PATH", str(tmp_path / "ltp-downloads"))
    monkeypatch.delenv("LTP_JAR_DIR_PATH", raising=False)
    monkeypatch.setenv("POSTINGSTUDIO_LT_CACHE", str(tmp_path / "lt-cache"))  # Maven jars


@pytest.fixture
def fake_lt():
    """A LanguageTool stand-in on loopback that records every request (tests/grammar)."""
    from tests.grammar.fake_languagetool import FakeLanguageTool

    server = FakeLanguageTool()
    yield server
    server.stop()
