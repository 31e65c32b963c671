"""Wiring the Outreach view into the main window: a "Outreach Kit…" action in the View and
Check menus that opens the view on the posting's latest analysis."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow

from postingstudio.core.outreach import DraftOptions, OutreachDrafts, draft_outreach, kit_for
from postingstudio.paths import resources_dir

from .export import Questions
from .view import OutreachView


class OutreachMode(QObject):
    """The Outreach Kit action and the view it opens on the latest analysis."""

    def __init__(
        self,
        window: QMainWindow,
        analysis: Any,
        questions: Questions,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.window, self.analysis, self.questions = window, analysis, questions
        self.view: OutreachView | None = None
        self.action = QAction(self.tr("&Outreach Kit…"), window)
        self.action.setObjectName("outreach")
        self.action.setShortcut(QKeySequence("Ctrl+Shift+O"))
        self.action.setToolTip(
            self.tr("Emails, texts and LinkedIn notes drafted from this posting")
        )
        for name in ("view", "check"):
            menu = getattr(window, "menus", {}).get(name)
            if menu is not None:
                menu.addAction(self.action)
        window.addAction(self.action)
        self.action.triggered.connect(self.open)

    def _draft(self, options: DraftOptions) -> OutreachDrafts:
        latest = self.analysis.latest
        return draft_outreach(
            latest.posting,
            latest.report,
            self.analysis.book,
            kit_for(resources_dir()),
            options=options,
        )

    def open(self) -> OutreachView | None:
        """Show the view (a fresh draft of the current analysis); None until one exists."""
        if self.analysis.latest is None or self.analysis.book is None:
            self.window.statusBar().showMessage(
                self.tr("Open a posting first: the kit drafts from its analysis."), 8000
            )
            return None
        if self.view is None:
            self.view = OutreachView(
                self._draft,
                self.analysis.book,
                kit_for(resources_dir()),
                self.questions,
                self.window,
            )
        else:
            self.view.redraft()
        self.view.show()
        self.view.raise_()
        return self.view

    def shutdown(self) -> None:
        if self.view is not None:
            self.view.close()
