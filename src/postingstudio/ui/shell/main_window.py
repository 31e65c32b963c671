"""The main window's layout: banner and editor in the middle, panels in docks, a status bar.

Layout only. It owns the widgets and forwards the two window-level events it must handle
itself, file drops and the close button, as signals and a guard callback; ``workspace`` gives
them meaning.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QCloseEvent, QDragEnterEvent, QDropEvent, QIcon
from PySide6.QtWidgets import QDockWidget, QLabel, QMainWindow, QSplitter, QVBoxLayout, QWidget

from postingstudio.ui.checklist.panel import ChecklistPanel
from postingstudio.ui.editor.editor import PostingEditor
from postingstudio.ui.findings.panel import FindingsPanel
from postingstudio.ui.scores.panel import ScorePanel
from postingstudio.ui.shell.actions import Actions
from postingstudio.ui.shell.banner import Banner
from postingstudio.ui.shell.layout import PanelLayout, place_default


class MainWindow(QMainWindow):
    """The main window's widgets (banner, editor, docks, status bar); it
    forwards drops and closing as signals."""

    filesDropped = Signal(list)

    def __init__(self, icon: QIcon | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("mainWindow")
        self.setWindowTitle(self.tr("Posting Studio"))
        if icon is not None:
            self.setWindowIcon(icon)
        self.setAcceptDrops(True)
        place_default(self)  # 1280×820, or less on a small screen
        # Returns True when the window may close (the unsaved-changes question was answered).
        self.close_guard: Callable[[], bool] = lambda: True

        central = QWidget(self)
        layout = QVBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        self.banner = Banner(central)
        layout.addWidget(self.banner)
        # The editor sits in a splitter so the compare view can put a competitor's ad beside it.
        self.editor_split = QSplitter(Qt.Orientation.Horizontal, central)
        self.editor_split.setChildrenCollapsible(False)
        self.editor = PostingEditor(self.editor_split)
        self.editor.setObjectName("editor")
        self.editor.setAccessibleName(self.tr("Posting text"))
        self.editor_split.addWidget(self.editor)
        layout.addWidget(self.editor_split, 1)
        self.setCentralWidget(central)

        self.findings = FindingsPanel(self)
        self.scores = ScorePanel(self)
        self.checklist = ChecklistPanel(self)
        self.findings_dock = self._dock(self.tr("Findings"), "findingsDock", self.findings)
        self.scores_dock = self._dock(self.tr("Scores"), "scoresDock", self.scores)
        self.checklist_dock = self._dock(self.tr("Sections"), "checklistDock", self.checklist)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.findings_dock)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.checklist_dock)
        self.splitDockWidget(self.findings_dock, self.checklist_dock, Qt.Orientation.Vertical)
        self.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, self.scores_dock)
        self.resizeDocks([self.findings_dock], [400], Qt.Orientation.Horizontal)
        self.resizeDocks([self.scores_dock], [290], Qt.Orientation.Horizontal)
        self.resizeDocks(
            [self.findings_dock, self.checklist_dock], [480, 320], Qt.Orientation.Vertical
        )

        self.layout_manager = PanelLayout(
            self, self.editor, self.findings_dock, self.checklist_dock, self.scores_dock
        )

        self.actions = Actions(self)
        panels = [
            d.toggleViewAction()
            for d in (self.findings_dock, self.scores_dock, self.checklist_dock)
        ]
        self.menus = self.actions.build_menus(self, panels)

        self.state_label = QLabel(self)
        self.stats_label = QLabel(self)
        self.zoom_label = QLabel(self)
        self.statusBar().addPermanentWidget(self.stats_label)
        self.statusBar().addPermanentWidget(self.zoom_label)
        self.statusBar().addPermanentWidget(self.state_label)

    def _dock(self, title: str, name: str, widget: QWidget) -> QDockWidget:
        dock = QDockWidget(title, self)
        dock.setObjectName(name)
        dock.setWidget(widget)
        dock.setFeatures(
            QDockWidget.DockWidgetFeature.DockWidgetMovable
            | QDockWidget.DockWidgetFeature.DockWidgetClosable
            | QDockWidget.DockWidgetFeature.DockWidgetFloatable
        )
        return dock

    # -- window-level events --------------------------------------------------------------
    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802
        if PostingEditor.openable_paths(event.mimeData()):
            event.acceptProposedAction()
        else:
            super().dragEnterEvent(event)

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802
        paths = PostingEditor.openable_paths(event.mimeData())
        if paths:
            event.acceptProposedAction()
            self.filesDropped.emit(paths)
        else:
            super().dropEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        if self.close_guard():
            event.accept()
        else:
            event.ignore()
