"""The "Apply all safe fixes" preview: every proposed change with its context, each one ticked.

The writer sees "…old words… → new words" for each fix, can untick any, and the accepted ones
are applied together as one undo step by :func:`fixes.apply_many`.
"""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from .fixes import ProposedFix
from .theme import style_for

CONTEXT = 30  # characters of surrounding text shown on each side


def _context(fix: ProposedFix) -> str:
    block = fix.marker.cursor.block()
    text = block.text()
    start = fix.marker.start - block.position()
    end = fix.marker.end - block.position()
    before = text[max(0, start - CONTEXT) : start]
    after = text[end : end + CONTEXT]
    return f"…{before}[{text[start:end]} → {fix.replacement}]{after}…"


class SafeFixesDialog(QDialog):
    def __init__(self, fixes: list[ProposedFix], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("safeFixesDialog")
        self.setWindowTitle(self.tr("Apply all safe fixes"))
        self.resize(640, 420)
        self.fixes = fixes
        layout = QVBoxLayout(self)
        intro = QLabel(
            self.tr(
                "These {0} changes each swap a phrase for a plainer one. Untick any you want to "
                "keep as it is. The accepted ones are applied as one step you can undo."
            ).format(len(fixes)),
            self,
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.list = QListWidget(self)
        for number, fix in enumerate(fixes):
            item = QListWidgetItem(_context(fix), self.list)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked)
            item.setData(Qt.ItemDataRole.UserRole, number)
            style = style_for(fix.finding.category)
            item.setToolTip(f"{style.symbol} {html.escape(fix.finding.message)}")
        layout.addWidget(self.list, 1)
        toggles = QHBoxLayout()
        for label, state in ((self.tr("Tick all"), True), (self.tr("Untick all"), False)):
            button = QPushButton(label, self)
            button.clicked.connect(lambda _=False, s=state: self.set_all(s))
            toggles.addWidget(button)
        toggles.addStretch(1)
        layout.addLayout(toggles)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Apply | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.button(QDialogButtonBox.StandardButton.Apply).clicked.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def set_all(self, checked: bool) -> None:
        state = Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked
        for row in range(self.list.count()):
            self.list.item(row).setCheckState(state)

    def accepted_fixes(self) -> list[ProposedFix]:
        return [
            self.fixes[int(self.list.item(row).data(Qt.ItemDataRole.UserRole))]
            for row in range(self.list.count())
            if self.list.item(row).checkState() == Qt.CheckState.Checked
        ]
