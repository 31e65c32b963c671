"""Find and replace: a small non-modal dialog and the search logic behind Find Next/Previous.

Searching uses ``QTextDocument.find`` (case and whole-word options), so positions are Qt's own
and no offset conversion is needed. "Replace all" is one edit block, one undo step. All matches
of the current search are tinted in the editor while the dialog is open.
"""

from __future__ import annotations

from PySide6.QtGui import QColor, QTextCharFormat, QTextCursor, QTextDocument
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTextEdit,
    QWidget,
)

from postingstudio.ui.editor.editor import PostingEditor

MAX_HIGHLIGHTS = 1000


class FindReplaceDialog(QDialog):
    """Layout of the dialog; :class:`FindReplace` gives the buttons their meaning."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("findReplaceDialog")
        self.setWindowTitle(self.tr("Find and Replace"))
        self.setModal(False)
        grid = QGridLayout(self)
        self.find_text = QLineEdit(self)
        self.replace_text = QLineEdit(self)
        grid.addWidget(QLabel(self.tr("Find:"), self), 0, 0)
        grid.addWidget(self.find_text, 0, 1)
        grid.addWidget(QLabel(self.tr("Replace with:"), self), 1, 0)
        grid.addWidget(self.replace_text, 1, 1)
        options = QHBoxLayout()
        self.case = QCheckBox(self.tr("Match case"), self)
        self.words = QCheckBox(self.tr("Whole words"), self)
        options.addWidget(self.case)
        options.addWidget(self.words)
        options.addStretch(1)
        grid.addLayout(options, 2, 0, 1, 2)
        buttons = QHBoxLayout()
        self.previous = QPushButton(self.tr("Previous"), self)
        self.next = QPushButton(self.tr("Next"), self)
        self.next.setDefault(True)
        self.replace = QPushButton(self.tr("Replace"), self)
        self.replace_all = QPushButton(self.tr("Replace All"), self)
        for button in (self.previous, self.next, self.replace, self.replace_all):
            buttons.addWidget(button)
        grid.addLayout(buttons, 3, 0, 1, 2)
        self.status = QLabel(self)
        grid.addWidget(self.status, 4, 0, 1, 2)


class FindReplace:
    """The behaviour behind the Find and Replace dialog, working on the editor's document."""

    def __init__(self, editor: PostingEditor, parent: QWidget) -> None:
        self.editor = editor
        self.dialog = FindReplaceDialog(parent)
        d = self.dialog
        d.next.clicked.connect(lambda: self.find(backward=False))
        d.previous.clicked.connect(lambda: self.find(backward=True))
        d.replace.clicked.connect(self.replace_one)
        d.replace_all.clicked.connect(self.replace_all)
        d.find_text.textChanged.connect(self.highlight_all)
        d.find_text.returnPressed.connect(lambda: self.find(backward=False))
        d.case.toggled.connect(self.highlight_all)
        d.words.toggled.connect(self.highlight_all)
        d.finished.connect(lambda _result: editor.set_search_selections([]))

    def show_dialog(self) -> None:
        selected = self.editor.textCursor().selectedText()
        if selected and "\u2029" not in selected:
            self.dialog.find_text.setText(selected)
        self.dialog.show()
        self.dialog.raise_()
        self.dialog.find_text.setFocus()
        self.dialog.find_text.selectAll()
        self.highlight_all()

    def _flags(self, backward: bool = False) -> QTextDocument.FindFlag:
        flags = QTextDocument.FindFlag(0)
        if self.dialog.case.isChecked():
            flags |= QTextDocument.FindFlag.FindCaseSensitively
        if self.dialog.words.isChecked():
            flags |= QTextDocument.FindFlag.FindWholeWords
        if backward:
            flags |= QTextDocument.FindFlag.FindBackward
        return flags

    def find(self, backward: bool = False) -> bool:
        """Select the next (or previous) match, wrapping around the document once."""
        needle = self.dialog.find_text.text()
        if not needle:
            self.show_dialog()
            return False
        document = self.editor.document()
        found = document.find(needle, self.editor.textCursor(), self._flags(backward))
        if found.isNull():
            start = QTextCursor(document)
            start.movePosition(
                QTextCursor.MoveOperation.End if backward else QTextCursor.MoveOperation.Start
            )
            found = document.find(needle, start, self._flags(backward))
        if found.isNull():
            self.dialog.status.setText(self.dialog.tr("Not found"))
            return False
        self.dialog.status.setText("")
        self.editor.setTextCursor(found)
        return True

    def _selection_matches(self) -> bool:
        selected = self.editor.textCursor().selectedText()
        needle = self.dialog.find_text.text()
        if self.dialog.case.isChecked():
            return selected == needle
        return selected.lower() == needle.lower() and bool(needle)

    def replace_one(self) -> None:
        if self._selection_matches():
            self.editor.textCursor().insertText(self.dialog.replace_text.text())
        self.find(backward=False)
        self.highlight_all()

    def replace_all(self) -> int:
        needle, replacement = self.dialog.find_text.text(), self.dialog.replace_text.text()
        if not needle:
            return 0
        document = self.editor.document()
        cursor = QTextCursor(document)
        edit = QTextCursor(document)
        edit.beginEditBlock()  # every replacement in one undo step
        count = 0
        while True:
            cursor = document.find(needle, cursor, self._flags())
            if cursor.isNull():
                break
            cursor.joinPreviousEditBlock()
            cursor.insertText(replacement)
            cursor.endEditBlock()
            count += 1
        edit.endEditBlock()
        self.dialog.status.setText(self.dialog.tr("Replaced {0}").format(count))
        self.highlight_all()
        return count

    def highlight_all(self) -> None:
        needle = self.dialog.find_text.text()
        selections: list[QTextEdit.ExtraSelection] = []
        if needle and self.dialog.isVisible():
            document = self.editor.document()
            fmt = QTextCharFormat()
            colour = QColor(self.editor.palette().color(self.editor.palette().ColorRole.Highlight))
            colour.setAlpha(70)
            fmt.setBackground(colour)
            cursor = QTextCursor(document)
            while len(selections) < MAX_HIGHLIGHTS:
                cursor = document.find(needle, cursor, self._flags())
                if cursor.isNull():
                    break
                selection = QTextEdit.ExtraSelection()
                selection.cursor = QTextCursor(cursor)
                selection.format = fmt
                selections.append(selection)
        self.editor.set_search_selections(selections)
