"""The posting editor's behaviour: hover explanations, the fix menu, drops, pastes and zoom.

``PostingEditor`` is a ``QTextEdit`` that knows where the findings are (a :class:`MarkerSet`)
but never changes the text for them itself: it asks, through signals, and the window applies the
fix as one undo step. Pasted plain text is split into headings, bullets and paragraphs the same
way an opened .txt file is, and dropped files are handed to the window to open.
"""

from __future__ import annotations

import html
from pathlib import Path

from PySide6.QtCore import QEvent, QMimeData, Qt, Signal
from PySide6.QtGui import QContextMenuEvent, QKeyEvent, QTextCursor
from PySide6.QtWidgets import QMenu, QTextEdit, QToolTip, QWidget

from postingstudio.core.findings import Category, Finding, Origin
from postingstudio.core.plaintext import parse_text
from postingstudio.grammar import languagetool_rule_id

from .document_bridge import insert_blocks, plain_char_format
from .fixes import applicable_replacements
from .markers import MarkerSet
from .theme import SEVERITY_SYMBOL, style_for

OPENABLE = (".docx", ".docm", ".txt", ".md", ".markdown", ".html", ".htm")
MAX_MENU_REPLACEMENTS = 6


def finding_tooltip(finding: Finding, category_label: str) -> str:
    """Rich text for hovering a finding: message, why, source and suggestions."""
    style = style_for(finding.category)
    parts = [
        f"<p><b style='color:{style.colour}'>{style.symbol} {html.escape(category_label)}</b>"
        f" · {SEVERITY_SYMBOL[finding.severity]} {html.escape(str(finding.severity))}</p>",
        f"<p><b>{html.escape(finding.message)}</b></p>",
    ]
    if finding.why:
        parts.append(f"<p>{html.escape(finding.why)}</p>")
    if finding.replacements:
        items = "".join(f"<li>{html.escape(r)}</li>" for r in finding.replacements[:6])
        parts.append(f"<p>Try:</p><ul style='margin:0'>{items}</ul>")
    if finding.source:
        parts.append(f"<p><i>Source: {html.escape(finding.source)}</i></p>")
    return f"<div style='max-width:420px'>{''.join(parts)}</div>"


class PostingEditor(QTextEdit):
    replaceRequested = Signal(int, str)  # finding index, replacement
    ignoreRequested = Signal(int)  # finding index
    ignoreRuleRequested = Signal(str)  # rule id
    allowRequested = Signal(str)  # term
    ignoreWordRequested = Signal(str)  # a misspelt word: add it to the personal dictionary
    disableGrammarRuleRequested = Signal(str)  # a LanguageTool rule id
    filesDropped = Signal(list)  # [str path]
    zoomChanged = Signal(int)
    paletteChanged = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.markers = MarkerSet(self.document())  # the document is never swapped out
        self.zoom_steps = 0
        self._marker_selections: list[QTextEdit.ExtraSelection] = []
        self._search_selections: list[QTextEdit.ExtraSelection] = []
        self.setAcceptRichText(True)
        self.setTabChangesFocus(False)
        self.setMouseTracking(True)
        self.document().setDocumentMargin(16)

    # -- selections ------------------------------------------------------------------------
    def set_marker_selections(self, selections: list[QTextEdit.ExtraSelection]) -> None:
        self._marker_selections = selections
        self.setExtraSelections(self._marker_selections + self._search_selections)

    def set_search_selections(self, selections: list[QTextEdit.ExtraSelection]) -> None:
        self._search_selections = selections
        self.setExtraSelections(self._marker_selections + self._search_selections)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self.paletteChanged.emit()  # light/dark switch: marker tints are redrawn

    # -- hover and menu ----------------------------------------------------------------------
    def category_label(self, finding: Finding) -> str:
        return self.tr(style_for(finding.category).label)

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip:
            position = self.cursorForPosition(event.pos()).position()  # type: ignore[attr-defined]
            marker = self.markers.at(position)
            if marker is not None:
                text = finding_tooltip(marker.finding, self.category_label(marker.finding))
                QToolTip.showText(event.globalPos(), text, self)  # type: ignore[attr-defined]
            else:
                QToolTip.hideText()
                event.ignore()
            return True
        return super().event(event)

    def fix_menu(self, position: int, menu: QMenu) -> bool:
        """Put the finding's fixes at the top of ``menu``; False when there is no finding."""
        marker = self.markers.at(position)
        if marker is None:
            return False
        finding = marker.finding
        first = menu.actions()[0] if menu.actions() else None
        actions = []
        title = menu.addAction(finding.message)  # type: ignore[call-arg]
        title.setEnabled(False)
        actions.append(title)
        for replacement in applicable_replacements(finding)[:MAX_MENU_REPLACEMENTS]:
            action = menu.addAction(self.tr("Replace with “{0}”").format(replacement))
            action.triggered.connect(
                lambda _=False, i=marker.index, r=replacement: self.replaceRequested.emit(i, r)
            )
            actions.append(action)
        ignore = menu.addAction(self.tr("Ignore"))
        ignore.triggered.connect(lambda _=False, i=marker.index: self.ignoreRequested.emit(i))
        ignore_rule = menu.addAction(self.tr("Ignore this rule"))
        ignore_rule.triggered.connect(
            lambda _=False, r=finding.rule_id: self.ignoreRuleRequested.emit(r)
        )
        allow = menu.addAction(self.tr("Add “{0}” to allow-list").format(finding.text.strip()))
        allow.triggered.connect(lambda _=False, t=finding.text: self.allowRequested.emit(t))
        actions += [ignore, ignore_rule, allow, *self._grammar_actions(menu, finding)]
        separator = menu.addSeparator()
        actions.append(separator)
        if first is not None:
            for action in actions:
                menu.removeAction(action)
            menu.insertActions(first, actions)
        return True

    def _grammar_actions(self, menu: QMenu, finding: Finding) -> list:
        """Menu entries for LanguageTool findings: ignore a misspelt word, disable the rule."""
        lt_rule = languagetool_rule_id(finding)
        if finding.origin is not Origin.GRAMMAR or lt_rule is None:
            return []
        made = []
        word = finding.text.strip()
        if finding.category is Category.SPELLING and word:
            action = menu.addAction(self.tr("Ignore word “{0}”").format(word))
            action.triggered.connect(lambda _=False, w=word: self.ignoreWordRequested.emit(w))
            made.append(action)
        action = menu.addAction(self.tr("Disable this grammar rule ({0})").format(lt_rule))
        action.triggered.connect(
            lambda _=False, r=lt_rule: self.disableGrammarRuleRequested.emit(r)
        )
        return [*made, action]

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:  # noqa: N802
        menu = self.createStandardContextMenu(event.pos())
        position = self.cursorForPosition(event.pos()).position()
        self.fix_menu(position, menu)
        menu.exec(event.globalPos())
        menu.deleteLater()

    # -- typing ------------------------------------------------------------------------------
    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        cursor = self.textCursor()
        if (
            event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            and not event.modifiers() & Qt.KeyboardModifier.ShiftModifier
            and cursor.blockFormat().headingLevel() > 0
            and cursor.atBlockEnd()
        ):
            # Like a word processor: the line after a heading is body text, not another heading.
            from PySide6.QtGui import QTextBlockFormat

            fmt = QTextBlockFormat()
            fmt.setBottomMargin(4)
            cursor.insertBlock(fmt, plain_char_format())
            self.setTextCursor(cursor)
            return
        super().keyPressEvent(event)

    # -- drops and pastes --------------------------------------------------------------------
    @staticmethod
    def openable_paths(source: QMimeData) -> list[str]:
        if not source.hasUrls():
            return []
        paths = [url.toLocalFile() for url in source.urls() if url.isLocalFile()]
        return [p for p in paths if Path(p).suffix.lower() in OPENABLE]

    def canInsertFromMimeData(self, source: QMimeData) -> bool:  # noqa: N802
        return bool(self.openable_paths(source)) or super().canInsertFromMimeData(source)

    def insertFromMimeData(self, source: QMimeData) -> None:  # noqa: N802
        paths = self.openable_paths(source)
        if paths:
            self.filesDropped.emit(paths)
            return
        text = source.text() if source.hasText() else ""
        if "\n" in text.strip():
            # Pasted job-board text becomes structure (headings, bullets), not one long line.
            posting = parse_text(text)
            cursor = self.textCursor()
            cursor.beginEditBlock()
            cursor.removeSelectedText()
            reuse = not cursor.block().text()
            insert_blocks(cursor, posting.blocks, reuse_current=reuse)
            cursor.endEditBlock()
            self.setTextCursor(cursor)
            return
        if text:
            self.textCursor().insertText(text)
            return
        super().insertFromMimeData(source)

    # -- zoom --------------------------------------------------------------------------------
    def zoom(self, steps: int) -> None:
        if steps > 0:
            self.zoomIn(steps)
        elif steps < 0:
            self.zoomOut(-steps)
        self.zoom_steps += steps
        self.zoomChanged.emit(self.zoom_steps)

    def reset_zoom(self) -> None:
        self.zoom(-self.zoom_steps)

    def select_range(self, start: int, end: int) -> None:
        cursor = QTextCursor(self.document())
        cursor.setPosition(start)
        cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        self.setTextCursor(cursor)
        self.ensureCursorVisible()
