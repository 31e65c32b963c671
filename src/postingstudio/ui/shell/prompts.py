"""Every question the app asks the writer (file dialogs, "save changes?", errors) in one object.

Behaviour code calls these methods instead of opening dialogs itself, so a test can swap in an
object with the same methods and scripted answers, and nothing modal ever blocks a test.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QInputDialog, QMessageBox, QWidget

from postingstudio.docio import formats
from postingstudio.ui.common.apply_fixes import ProposedFix

# (extension, label) for every exportable format; the first is the default.
SAVE_FORMATS = formats.save_formats()
OPEN_FILTER = formats.open_filter()


class Prompts:
    """Every dialog the app shows the writer, so tests can swap in scripted answers."""

    def __init__(self, parent: QWidget) -> None:
        self.parent = parent

    def open_path(self, start: str) -> str | None:
        path, _ = QFileDialog.getOpenFileName(
            self.parent, self.parent.tr("Open posting"), start, self.parent.tr(OPEN_FILTER)
        )
        return path or None

    def save_path(
        self, title: str, suggested: str, formats: Sequence[tuple[str, str]]
    ) -> str | None:
        filters = ";;".join(self.parent.tr(label) for _ext, label in formats)
        path, chosen = QFileDialog.getSaveFileName(self.parent, title, suggested, filters)
        if not path:
            return None
        if not Path(path).suffix:  # add the extension of the filter the writer picked
            for ext, label in formats:
                if self.parent.tr(label) == chosen:
                    path = f"{path}.{ext}"
                    break
        return path

    def open_competitors(self, start: str) -> list[str]:
        paths, _ = QFileDialog.getOpenFileNames(
            self.parent, self.parent.tr("Add competitor ads"), start, self.parent.tr(OPEN_FILTER)
        )
        return list(paths)

    def open_contacts(self, start: str) -> str | None:
        """The CSV of contacts the Outreach view merges its draft with."""
        path, _ = QFileDialog.getOpenFileName(
            self.parent,
            self.parent.tr("Contacts file"),
            start,
            self.parent.tr("CSV files (*.csv)"),
        )
        return path or None

    def paste_text(self, title: str, label: str) -> str | None:
        text, ok = QInputDialog.getMultiLineText(self.parent, title, label)
        return text if ok else None

    def unsaved(self, name: str) -> str:
        """Ask whether to save unsaved work in ``name``: "save", "discard" or "cancel"."""
        buttons = (
            QMessageBox.StandardButton.Save
            | QMessageBox.StandardButton.Discard
            | QMessageBox.StandardButton.Cancel
        )
        answer = QMessageBox.question(
            self.parent,
            self.parent.tr("Unsaved changes"),
            self.parent.tr("Save the changes to “{0}” before closing it?").format(name),
            buttons,
            QMessageBox.StandardButton.Save,
        )
        if answer == QMessageBox.StandardButton.Save:
            return "save"
        if answer == QMessageBox.StandardButton.Discard:
            return "discard"
        return "cancel"

    def error(self, title: str, text: str, detail: str = "") -> None:
        from postingstudio.ui.shell.refusal_dialog import refusal_box

        refusal_box(self.parent, title, text, detail).exec()

    def notice(self, title: str, text: str) -> None:
        QMessageBox.information(self.parent, title, text)

    def source_changed(self, name: str) -> str:
        """The file changed on disk since it was opened: "reload", "copy" or "cancel"."""
        box = QMessageBox(self.parent)
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle(self.parent.tr("File changed on disk"))
        box.setText(
            self.parent.tr(
                "Another program changed “{0}” since you opened it. Saving now would overwrite "
                "those changes."
            ).format(name)
        )
        reload_button = box.addButton(
            self.parent.tr("Reload (drop my edits)"), QMessageBox.ButtonRole.DestructiveRole
        )
        copy_button = box.addButton(
            self.parent.tr("Save a copy…"), QMessageBox.ButtonRole.AcceptRole
        )
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(copy_button)
        box.exec()
        if box.clickedButton() is reload_button:
            return "reload"
        return "copy" if box.clickedButton() is copy_button else "cancel"

    def choose_fixes(self, fixes: list[ProposedFix]) -> list[ProposedFix]:
        from postingstudio.ui.findings.safe_fixes_dialog import SafeFixesDialog

        dialog = SafeFixesDialog(fixes, self.parent)
        return dialog.accepted_fixes() if dialog.exec() else []
