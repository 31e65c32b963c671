"""Builds the grammar feature for a workspace and connects it: controller, status, fixes, menu.

The workspace makes one :class:`GrammarUi` and calls :meth:`start`, :meth:`shutdown` and, from
its Preferences action, :meth:`add_page` / :meth:`commit_page`. Everything grammar-specific is
connected here so the shared modules (workspace, session, editor) need only a line or two. It
never calls back into the workspace: it asks for the Preferences dialog by emitting
:attr:`GrammarUi.preferencesRequested`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QTabWidget, QWidget

from postingstudio.ui.common.analysis import AnalysisController
from postingstudio.ui.common.session_protocol import EditingSession
from postingstudio.ui.common.tasks import TaskRunner
from postingstudio.ui.grammar.dialogs import GrammarPrompts
from postingstudio.ui.grammar.fixes import GrammarFixes
from postingstudio.ui.grammar.lane import DICTIONARY_FILE, GrammarController
from postingstudio.ui.grammar.preferences import GrammarPage
from postingstudio.ui.grammar.status import PREFERENCES, GrammarStatus
from postingstudio.ui.shell.main_window import MainWindow


class GrammarUi(QObject):
    """Builds and connects the grammar feature of one workspace; asks for Preferences by signal."""

    preferencesRequested = Signal()  # open Preferences on the Grammar page

    def __init__(
        self,
        window: MainWindow,
        session: EditingSession,
        analysis: AnalysisController,
        config_dir: Path,
        tasks: TaskRunner,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.window = window
        self.controller = GrammarController(
            session, analysis, config_dir / DICTIONARY_FILE, tasks, parent=self
        )
        self.status = GrammarStatus(window)
        window.statusBar().addPermanentWidget(self.status)
        self.prompts: Any = GrammarPrompts(window, tasks)
        self.fixes = GrammarFixes(self.controller, self.prompts, self._open_preferences, self)
        self._focus_page = False
        self.controller.stateChanged.connect(self.status.set_state)
        self.status.set_state(self.controller.state)
        self.status.fixRequested.connect(self.fixes.run)
        window.editor.ignoreWordRequested.connect(self.controller.ignore_word)
        window.editor.disableGrammarRuleRequested.connect(self.controller.disable_rule)
        self.controller.statusMessage.connect(self._show_message)

    def _show_message(self, text: str) -> None:
        self.window.statusBar().showMessage(text, 8000)

    def start(self) -> None:
        self.controller.start()

    def shutdown(self) -> bool:
        return self.controller.shutdown()

    # -- preferences ---------------------------------------------------------------------------
    def _open_preferences(self) -> None:
        self._focus_page = True
        self.preferencesRequested.emit()

    def add_page(self, dialog: QWidget) -> GrammarPage:
        """Add the Grammar page to the Preferences dialog's tabs."""
        controller = self.controller
        page = GrammarPage(
            controller.preferences, controller.dictionary.words(), self.prompts, controller.tasks
        )
        tabs = dialog.findChild(QTabWidget)
        if tabs is not None:
            index = tabs.addTab(page, self.tr("Grammar"))
            if self._focus_page:
                tabs.setCurrentIndex(index)
        self._focus_page = False
        return page

    def commit_page(self, page: GrammarPage) -> None:
        """After OK: drop the words the writer removed from the personal dictionary."""
        self.controller.remove_words(page.removed_words())


__all__ = ["PREFERENCES", "GrammarUi"]
