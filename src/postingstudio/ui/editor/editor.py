"""The posting editor's behaviour: hover explanations, the fix menu, drops, pastes and zoom.

``PostingEditor`` is a ``QTextEdit`` that knows where the findings are (a :class:`MarkerSet`)
but never changes the text for them itself: it asks, through signals, and the window applies the
fix as one undo step. Pasted plain text is split into headings, bullets and paragraphs the same
way an opened .txt file is, and dropped files are handed to the window to open.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, QMimeData, Qt, Signal
from PySide6.QtGui import QContextMenuEvent, QKeyEvent, QTextCursor
from PySide6.QtWidgets import QMenu, QTextEdit, QToolTip, QWidget

from postingstudio.core.findings import Category, Finding, FindingSource
from postingstudio.core.plaintext import parse_text
from postingstudio.docio import formats
from postingstudio.grammar import languagetool_rule_id
from postingstudio.ui.common.apply_fixes import applicable_replacements
from postingstudio.ui.common.document_bridge import insert_blocks, plain_char_format
from postingstudio.ui.common.markers import Marker, MarkerSet
from postingstudio.ui.common.theme import style_for
from postingstudio.ui.common.tooltips import findings_tooltip
from postingstudio.ui.editor.formatting import end_link_at_cursor

OPENABLE = formats.read_suffixes()
MAX_MENU_REPLACEMENTS = 6
MAX_ALLOW_WORDS = 6  # longer spans are sentences, not phrases anyone means to allow


def allow_term(finding: Finding) -> str | None:
    """What "Add to allow-list" offers: the matched phrase, never a whole sentence."""
    term = " ".join(finding.text.split())
    if not term or finding.category is Category.READABILITY or len(term.split()) > MAX_ALLOW_WORDS:
        return None
    return term


class PostingEditor(QTextEdit):
    """The posting editor: it knows where the findings are and asks for fixes through
    signals, never applying them itself."""

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
        self.cursorPositionChanged.connect(lambda: end_link_at_cursor(self))

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
            found = [m.finding for m in self.markers.all_at(position)]
            if found:
                text = findings_tooltip(found, [self.category_label(f) for f in found])
                QToolTip.showText(event.globalPos(), text, self)  # type: ignore[attr-defined]
            else:
                QToolTip.hideText()
                event.ignore()
            return True
        return super().event(event)

    def fix_menu(self, position: int, menu: QMenu) -> bool:
        """Put the fixes of every finding at ``position`` at the top of ``menu``: the most
        specific one's directly, each other one's in a submenu. False when there is none."""
        markers = self.markers.all_at(position)
        if not markers:
            return False
        first = menu.actions()[0] if menu.actions() else None
        actions = self._finding_actions(menu, markers[0])
        for other in markers[1:]:
            label = f"{self.category_label(other.finding)}: {other.finding.message}"
            submenu = QMenu(label if len(label) <= 70 else label[:69] + "…", menu)
            for action in self._finding_actions(submenu, other, titled=False):
                submenu.addAction(action)
            actions.append(submenu.menuAction())
        separator = menu.addSeparator()
        actions.append(separator)
        if first is not None:
            for action in actions:
                menu.removeAction(action)
            menu.insertActions(first, actions)
        else:
            for action in actions:
                menu.removeAction(action)
            menu.addActions(actions)
        return True

    def _finding_actions(self, menu: QMenu, marker: Marker, titled: bool = True) -> list:
        """The fixes, ignores and allow-list entry of one finding, added to ``menu``."""
        finding = marker.finding
        actions = []
        if titled:
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
        actions += [ignore, ignore_rule]
        term = allow_term(finding)
        if term is not None:
            allow = menu.addAction(self.tr("Add “{0}” to allow-list").format(term))
            allow.triggered.connect(lambda _=False, t=term: self.allowRequested.emit(t))
            actions.append(allow)
        return [*actions, *self._grammar_actions(menu, finding)]

    def _grammar_actions(self, menu: QMenu, finding: Finding) -> list:
        """Menu entries for LanguageTool findings: ignore a misspelt word, disable the rule."""
        lt_rule = languagetool_rule_id(finding)
        if finding.origin is not FindingSource.GRAMMAR or lt_rule is None:
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
