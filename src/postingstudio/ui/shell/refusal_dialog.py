"""The message box for a refused file: plain words up front, the technical cause behind
"Details…" (``DocumentError.detail``: the parser's or zlib's own words, for a bug report)."""

from __future__ import annotations

from PySide6.QtWidgets import QAbstractButton, QMessageBox, QWidget


def refusal_box(parent: QWidget | None, title: str, text: str, detail: str = "") -> QMessageBox:
    """A warning box saying a file was refused, with the technical
    detail behind a Details… button."""
    box = QMessageBox(QMessageBox.Icon.Warning, title, text, QMessageBox.StandardButton.Ok, parent)
    if detail:
        box.setDetailedText(detail)
        button = details_button(box)
        if button is not None:
            button.setText(box.tr("Details…"))
    return box


def details_button(box: QMessageBox) -> QAbstractButton | None:
    """The button Qt adds for the detailed text (it has the action role)."""
    for button in box.buttons():
        if box.buttonRole(button) == QMessageBox.ButtonRole.ActionRole:
            return button
    return None


def refusal_text(path: str, reason: str) -> str:
    """“name.docx” and the reason: every refusal names the file it is about."""
    from pathlib import Path

    name = Path(path).name if path else ""
    return f"“{name}”: {reason}" if name else reason
