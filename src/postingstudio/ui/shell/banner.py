"""A dismissable message strip above the editor, with buttons (layout only).

Used for offers that must not block start-up with a modal dialog: "open the sample posting?",
"restore unsaved work?", "this document had notes when it was read".
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget


class Banner(QFrame):
    """A dismissable message strip with buttons, for offers that must not block start-up."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("banner")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setStyleSheet("#banner { background: palette(alternate-base); }")
        self._layout = QHBoxLayout(self)
        self._layout.setContentsMargins(8, 4, 8, 4)
        self.label = QLabel(self)
        self.label.setWordWrap(True)
        self._layout.addWidget(self.label, 1)
        self.buttons: dict[str, QPushButton] = {}
        self.kind = ""
        self.hide()

    def show_message(
        self, kind: str, text: str, buttons: list[tuple[str, str, Callable[[], None]]]
    ) -> None:
        """Show ``text`` with buttons (name, label, callback); any button also hides the strip."""
        for button in self.buttons.values():
            self._layout.removeWidget(button)
            button.deleteLater()
        self.buttons = {}
        self.kind = kind
        self.label.setText(text)
        for name, label, callback in buttons:
            button = QPushButton(label, self)
            button.setObjectName(f"banner_{name}")
            button.clicked.connect(lambda _=False, cb=callback: (self.dismiss(), cb()))
            self._layout.addWidget(button)
            self.buttons[name] = button
        self.show()

    def dismiss(self) -> None:
        self.kind = ""
        self.hide()
