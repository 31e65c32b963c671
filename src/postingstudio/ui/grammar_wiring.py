"""Builds the grammar feature for a workspace and connects it: controller, status, fixes, menu.

The workspace makes one :class:`GrammarUi` and calls :meth:`start`, :meth:`shutdown` and, from
its Preferences action, :meth:`add_page` / :meth:`commit_page`. Everything grammar-specific is
connected here so the shared modules (workspace, session, editor) need only a line or two.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QTabWidget, QWidget

from .grammar_dialogs import GrammarPrompts
from .grammar_fixes import GrammarFixes
from .grammar_lane import DICTIONARY_FILE, GrammarController
from .grammar_preferences import GrammarPage
from .grammar_status import PREFERENCES, GrammarStatus

if TYPE_CHECKING:
    from .workspace import Workspace


class GrammarUi(QObject):
    def __init__(self, workspace: Workspace) -> None:
        super().__init__(workspace)
        self.workspace = workspace
        window = workspace.window
        self.controller = GrammarController(
            workspace.session,
            workspace.analysis,
            workspace.paths.config_dir / DICTIONARY_FILE,
            parent=self,
        )
        self.status = GrammarStatus(window)
        window.statusBar().addPermanentWidget(self.status)
        self.prompts: Any = GrammarPrompts(window)
        self.fixes = GrammarFixes(self.controller, self.prompts, self._open_preferences, self)
        self._focus_page = False
        self.controller.stateChanged.connect(self.status.set_state)
        self.status.set_state(self.controller.state)
        self.status.fixRequested.connect(self.fixes.run)
        window.editor.ignoreWordRequested.connect(self.controller.ignore_word)
        window.editor.disableGrammarRuleRequested.connect(self.controller.disable_rule)
        self.controller.statusMessage.connect(self._show_message)

    def _show_message(self, text: str) -> None:
        self.workspace.window.statusBar().showMessage(text, 8000)

    def set_prompts(self, prompts: Any) -> None:
        """Tests answer grammar questions through a scripted object."""
        self.prompts = prompts
        self.fixes.prompts = prompts

    def start(self) -> None:
        self.controller.start()

    def shutdown(self) -> bool:
        return self.controller.shutdown()

    # -- preferences ---------------------------------------------------------------------------
    def _open_preferences(self) -> None:
        self._focus_page = True
        self.workspace.edit_preferences()

    def add_page(self, dialog: QWidget) -> GrammarPage:
        """Add the Grammar page to the Preferences dialog's tabs."""
        controller = self.controller
        page = GrammarPage(
            controller.preferences, controller.dictionary.words(), self.prompts, self.fixes.probe
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
