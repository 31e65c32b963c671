"""The "Polish…" review (it replaces the old "Apply all safe fixes" preview): every change the
rewrite engine proposes across the posting, as a word-level diff the writer accepts or rejects.

Safe changes (grammatical, meaning kept, no placeholders) are ticked; the others are listed
unticked with the reason ("needs your words: <team size>"). The score is shown for the posting
as it is and as it would be with the ticked changes. The accepted ones are applied together as
one undo step by :func:`fixes.apply_many`.
"""

from __future__ import annotations

import html

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from postingstudio.core.rewrite.diff import word_diff
from postingstudio.ui.common.apply_fixes import ProposedFix
from postingstudio.ui.common.document_bridge import selected_text
from postingstudio.ui.common.theme import style_for

CONTEXT = 30  # characters of surrounding text shown on each side


def _context(fix: ProposedFix) -> str:
    block = fix.marker.cursor.block()
    text = block.text()
    start = fix.marker.start - block.position()
    end = fix.marker.end - block.position()
    before = text[max(0, start - CONTEXT) : start]
    after = text[end : end + CONTEXT]
    new = fix.after or fix.replacement
    note = "" if fix.safe else f"   ({fix.reason})"
    return f"…{before}[{text[start:end]} → {new}]{after}…{note}"


def diff_html(before: str, after: str) -> str:
    """A word diff as HTML: removed words struck through, added words underlined."""
    out = []
    for piece in _pieces(word_diff(before, after)):
        kind, words = piece
        escaped = html.escape(words)
        if kind == "-":
            out.append(f"<s style='color:#b2182b'>{escaped}</s>")
        elif kind == "+":
            out.append(f"<u style='color:#1b7837'><b>{escaped}</b></u>")
        else:
            out.append(escaped)
    return "".join(out)


def _pieces(diff: str) -> list[tuple[str, str]]:
    pieces: list[tuple[str, str]] = []
    position = 0
    while position < len(diff):
        if diff.startswith("[-", position) and "-]" in diff[position:]:
            end = diff.index("-]", position)
            pieces.append(("-", diff[position + 2 : end]))
            position = end + 2
        elif diff.startswith("{+", position) and "+}" in diff[position:]:
            end = diff.index("+}", position)
            pieces.append(("+", diff[position + 2 : end]))
            position = end + 2
        else:
            pieces.append(("=", diff[position]))
            position += 1
    return pieces


class SafeFixesDialog(QDialog):
    """The Polish… dialog; the name stays so the prompts and tests that open it keep working."""

    def __init__(self, fixes: list[ProposedFix], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("polishDialog")
        self.setWindowTitle(self.tr("Polish…"))
        self.resize(760, 520)
        self.fixes = fixes
        layout = QVBoxLayout(self)
        safe = sum(1 for fix in fixes if fix.safe)
        intro = QLabel(
            self.tr(
                "{0} changes are proposed; the {1} safe ones are ticked. Tick or untick each; "
                "the ticked ones are applied as one step you can undo."
            ).format(len(fixes), safe),
            self,
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.score = QLabel(self)
        layout.addWidget(self.score)
        self.list = QListWidget(self)
        for number, fix in enumerate(fixes):
            item = QListWidgetItem(_context(fix), self.list)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if fix.safe else Qt.CheckState.Unchecked)
            item.setData(Qt.ItemDataRole.UserRole, number)
            style = style_for(fix.finding.category)
            item.setToolTip(f"{style.symbol} {html.escape(fix.finding.message or fix.reason)}")
        layout.addWidget(self.list, 1)
        self.diff = QTextBrowser(self)
        self.diff.setMaximumHeight(110)
        layout.addWidget(self.diff)
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
        self._rescore = QTimer(self, singleShot=True, interval=150)
        self._rescore.timeout.connect(self.update_score)
        self.list.currentRowChanged.connect(self.show_diff)
        self.list.itemChanged.connect(lambda _item: self._rescore.start())
        if fixes:
            self.list.setCurrentRow(0)
        self.update_score()

    def show_diff(self, row: int) -> None:
        if 0 <= row < len(self.fixes):
            fix = self.fixes[row]
            reason = "" if fix.safe else f"<p><i>{html.escape(fix.reason)}</i></p>"
            self.diff.setHtml(f"<p>{diff_html(fix.before, fix.after)}</p>{reason}")

    def update_score(self) -> None:
        """Score of the posting now and with the ticked changes (the shipped rules)."""
        if not self.fixes:
            return
        from postingstudio.core.analyse import analyse
        from postingstudio.core.rewrite.fit import Edit
        from postingstudio.core.rewrite.rewriter import apply_edits
        from postingstudio.core.rules.rulebook import default_rulebook
        from postingstudio.ui.common.document_bridge import PositionMap

        document = self.fixes[0].marker.cursor.document()
        whole = self.fixes[0].marker.cursor.__class__(document)
        whole.select(whole.SelectionType.Document)
        text = selected_text(whole)
        mapping = PositionMap(text)
        edits = [
            Edit(
                mapping.to_codepoint(c.selectionStart()),
                mapping.to_codepoint(c.selectionEnd()),
                new,
            )
            for fix in self.accepted_fixes()
            for c, _old, new in fix.edits
        ]
        book = default_rulebook()
        before = analyse(text, book).scores.overall
        after = analyse(apply_edits(text, edits), book).scores.overall
        self.score.setText(
            self.tr("Score: {0} now → {1} with the ticked changes").format(before, after)
        )
        self.scores = (before, after)

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
