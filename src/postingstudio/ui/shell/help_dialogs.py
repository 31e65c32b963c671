"""Help menu pages (issue 17): the keyboard shortcuts, how the score works, a short tour.

The shortcuts page is built from the window's own actions, so it lists what the keys really
do; the score page is ``resources/help/score.md`` followed by the weights in use, written out
by ``core.scoring.explain_score`` from the loaded ``scoring.toml``.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStackedWidget,
    QTableWidget,
    QTableWidgetItem,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from postingstudio.core.scoring import explain_score

NATIVE = QKeySequence.SequenceFormat.NativeText


def _plain(text: str) -> str:
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&").rstrip("…")


def shortcut_rows(window: QWidget) -> list[tuple[str, str]]:
    """(what, keys) for every action of ``window`` that has a shortcut, then the keys the
    findings list handles itself."""
    rows: list[tuple[str, str]] = []
    seen: set[str] = set()
    for action in QWidget.actions(window):  # MainWindow.actions is the Actions holder
        keys = [k.toString(NATIVE) for k in action.shortcuts() if not k.isEmpty()]
        name = _plain(action.text())
        if keys and name and name not in seen:
            seen.add(name)
            rows.append((name, ", ".join(dict.fromkeys(keys))))
    tr = window.tr
    rows += [
        (tr("Findings: apply the chosen fix"), tr("Enter")),
        (tr("Findings: ignore the finding"), tr("Delete")),
        (tr("Findings: open the finding's menu"), tr("Menu key, Shift+F10")),
        (tr("Editor: a tab character (Tab never leaves the text)"), tr("Tab")),
    ]
    return rows


class ShortcutsDialog(QDialog):
    """A table of every action's name and shortcut, read from the window's actions."""

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self.setWindowTitle(self.tr("Keyboard Shortcuts"))
        rows = shortcut_rows(window)
        self.table = QTableWidget(len(rows), 2, self)
        self.table.setObjectName("shortcuts_table")
        self.table.setAccessibleName(self.tr("Keyboard shortcuts"))
        self.table.setHorizontalHeaderLabels([self.tr("Command"), self.tr("Keys")])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        for row, (what, keys) in enumerate(rows):
            self.table.setItem(row, 0, QTableWidgetItem(what))
            self.table.setItem(row, 1, QTableWidgetItem(keys))
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setStretchLastSection(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addWidget(buttons)
        self.resize(560, 560)

    def rows(self) -> list[tuple[str, str]]:
        t = self.table
        return [(t.item(r, 0).text(), t.item(r, 1).text()) for r in range(t.rowCount())]


def score_help_text(resources: Path, scoring: Mapping[str, Any] | None = None) -> str:
    """The score help in Markdown: the shipped text, then one line per part of the score formula."""
    if scoring is None:
        scoring = tomllib.loads((resources / "scoring.toml").read_text(encoding="utf-8"))
    text = (resources / "help" / "score.md").read_text(encoding="utf-8").rstrip()
    lines = "\n".join(f"- {line}" for line in explain_score(scoring))
    return f"{text}\n\n{lines}\n"


class TextDialog(QDialog):
    """A read-only dialog showing Markdown text."""

    def __init__(self, title: str, markdown: str, parent: QWidget) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.browser = QTextBrowser(self)
        self.browser.setObjectName("help_text")
        self.browser.setAccessibleName(title)
        self.browser.setOpenExternalLinks(False)
        self.browser.setMarkdown(markdown)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser)
        layout.addWidget(buttons)
        self.resize(640, 560)


class TourDialog(QDialog):
    """A few pages with Back and Next; the last page's button closes the tour."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("A Short Tour"))
        tr = self.tr
        pages = [
            tr(
                "<h3>Write or open a posting</h3><p>Type, paste, or use File › Open for "
                "Word, Markdown, HTML or text. File › Open Sample Posting shows what the app "
                "points out.</p>"
            ),
            tr(
                "<h3>Findings</h3><p>Words that are unclear, dry or exclusionary are underlined "
                "and listed in Findings. Choose one to see why and how to fix it: Enter "
                "applies the fix, Delete ignores it.</p>"
            ),
            tr(
                "<h3>Sections and scores</h3><p>The checklist shows which sections a posting "
                "has, which are thin and which are missing. The scores say how clear, vivid, "
                "complete and inclusive it reads; Help › How the Score Works explains them.</p>"
            ),
            tr(
                "<h3>Without a mouse</h3><p>F6 or Ctrl+Tab moves between the text, the "
                "findings, the sections and the scores; Esc goes back to the text. "
                "Help › Keyboard Shortcuts lists every key.</p>"
            ),
        ]
        self.stack = QStackedWidget(self)
        for html in pages:
            label = QLabel(html, self.stack)
            label.setWordWrap(True)
            self.stack.addWidget(label)
        self.back = QPushButton(tr("&Back"), self)
        self.next = QPushButton(tr("&Next"), self)
        self.back.clicked.connect(lambda: self.go(-1))
        self.next.clicked.connect(self._next)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.back)
        row.addWidget(self.next)
        layout = QVBoxLayout(self)
        layout.addWidget(self.stack, 1)
        layout.addLayout(row)
        self.go(0)
        self.resize(480, 260)

    def page_text(self) -> str:
        widget = self.stack.currentWidget()
        return widget.text() if isinstance(widget, QLabel) else ""

    def _next(self) -> None:
        if self.stack.currentIndex() == self.stack.count() - 1:
            self.accept()
        else:
            self.go(1)

    def go(self, step: int) -> None:
        index = max(0, min(self.stack.count() - 1, self.stack.currentIndex() + step))
        self.stack.setCurrentIndex(index)
        last = index == self.stack.count() - 1
        self.back.setEnabled(index > 0)
        self.next.setText(self.tr("&Done") if last else self.tr("&Next"))
        self.next.setDefault(True)
