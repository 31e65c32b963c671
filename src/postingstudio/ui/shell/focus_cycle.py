"""Moving between the editor and the panels from the keyboard (issue 17).

F6 (and Ctrl+Tab) goes editor → findings → sections → scores → editor; Shift+F6 (and
Ctrl+Shift+Tab) goes back; Esc returns to the editor from anywhere in the window. Tab itself
stays text in the editor, as in Word. A panel that is closed is skipped; one stacked behind
another tab is brought to the front first.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication, QDockWidget, QWidget

from postingstudio.ui.shell.main_window import MainWindow


class FocusCycle(QObject):
    """F6 / Shift+F6 focus cycling between the editor and the open
    panels, and Esc back to the editor."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        checklist = window.checklist
        # (the dock that holds it or None for the editor, where focus lands)
        self.stops: list[tuple[QDockWidget | None, Callable[[], QWidget | None]]] = [
            (None, lambda: window.editor),
            (window.findings_dock, lambda: window.findings.tree),
            (window.checklist_dock, lambda: checklist.first_row() or checklist),
            (window.scores_dock, lambda: window.scores),
        ]
        tr = window.tr
        self.next_action = self._action(tr("Next Panel"), ["F6", "Ctrl+Tab"], "next_panel")
        self.previous_action = self._action(
            tr("Previous Panel"), ["Shift+F6", "Ctrl+Shift+Tab", "Ctrl+Backtab"], "previous_panel"
        )
        self.editor_action = self._action(tr("Back to the Text"), ["Esc"], "focus_editor")
        self.next_action.triggered.connect(lambda: self.move(1))
        self.previous_action.triggered.connect(lambda: self.move(-1))
        self.editor_action.triggered.connect(self.to_editor)

    def _action(self, text: str, keys: list[str], name: str) -> QAction:
        action = QAction(text, self.window)
        action.setObjectName(name)
        action.setShortcuts([QKeySequence(k) for k in keys])
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        self.window.addAction(action)
        return action

    def current(self) -> int:
        """Which stop holds the focus now (0, the editor, when none does)."""
        focused = QApplication.focusWidget()
        for number, (dock, _target) in enumerate(self.stops):
            holder = dock if dock is not None else self.window.editor
            if focused is not None and (focused is holder or holder.isAncestorOf(focused)):
                return number
        return 0

    def _reachable(self, number: int) -> bool:
        dock = self.stops[number][0]
        return dock is None or not dock.isHidden() or self._stacked_behind(dock)

    def _stacked_behind(self, dock: QDockWidget) -> bool:
        """A tab behind another tab is hidden but still open: it counts as reachable."""
        return any(other.isVisible() for other in self.window.tabifiedDockWidgets(dock))

    def move(self, step: int) -> None:
        number = self.current()
        for _ in range(len(self.stops)):
            number = (number + step) % len(self.stops)
            if self._reachable(number):
                self.focus(number)
                return

    def focus(self, number: int) -> None:
        dock, target = self.stops[number]
        if dock is not None:
            dock.show()
            dock.raise_()  # the front tab when the panels are stacked
        widget = target()
        if widget is not None:
            widget.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def to_editor(self) -> None:
        self.focus(0)
