"""Formatting commands on the editor's cursor: bold, italic, underline, links, headings, lists.

Each command is one edit block (one undo step) and keeps the document in the shapes the
``document_bridge`` understands: a heading is a heading level plus the heading character look;
a list item belongs to a ``QTextList``. The Format menu's check marks follow the cursor.
"""

from __future__ import annotations

from typing import Protocol

from PySide6.QtGui import (
    QAction,
    QFont,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextFormat,
)
from PySide6.QtWidgets import QInputDialog, QTextEdit

from postingstudio.ui.common.document_bridge import (
    LINK_COLOUR,
    heading_char_format,
    list_format,
    plain_char_format,
)


def _merge(editor: QTextEdit, fmt: QTextCharFormat) -> None:
    cursor = editor.textCursor()
    if not cursor.hasSelection():
        cursor.select(QTextCursor.SelectionType.WordUnderCursor)
    cursor.mergeCharFormat(fmt)
    editor.mergeCurrentCharFormat(fmt)


def set_bold(editor: QTextEdit, on: bool) -> None:
    """Make the selection (or the text typed next) bold, or not."""
    fmt = QTextCharFormat()
    fmt.setFontWeight(QFont.Weight.Bold if on else QFont.Weight.Normal)
    _merge(editor, fmt)


def set_italic(editor: QTextEdit, on: bool) -> None:
    """Make the selection (or the text typed next) italic, or not."""
    fmt = QTextCharFormat()
    fmt.setFontItalic(on)
    _merge(editor, fmt)


def set_underline(editor: QTextEdit, on: bool) -> None:
    """Make the selection (or the text typed next) underlined, or not."""
    fmt = QTextCharFormat()
    fmt.setFontUnderline(on)
    _merge(editor, fmt)


def set_link(editor: QTextEdit, href: str) -> None:
    """Link the selection to ``href``; an empty ``href`` removes the link."""
    fmt = QTextCharFormat()
    fmt.setAnchor(bool(href))
    fmt.setAnchorHref(href)
    fmt.setFontUnderline(bool(href))
    if href:
        fmt.setForeground(LINK_COLOUR)
    else:
        fmt.clearForeground()
    _merge(editor, fmt)


def end_link_at_cursor(editor: QTextEdit) -> None:
    """Text typed right after a link (or before one that opens its paragraph) is not part of it,
    as in Word: Qt would carry the link on, and the saved link would then cover the new words."""
    cursor = editor.textCursor()
    fmt = cursor.charFormat()  # the character before the cursor (after it, at a block start)
    if cursor.hasSelection() or not fmt.isAnchor():
        return
    if not cursor.atBlockStart() and not cursor.atBlockEnd():
        following = QTextCursor(cursor)
        following.movePosition(QTextCursor.MoveOperation.NextCharacter)
        after = following.charFormat()
        if after.isAnchor() and after.anchorHref() == fmt.anchorHref():
            return  # inside the link: typing there edits its text
    plain = QTextCharFormat(fmt)
    plain.setAnchor(False)
    plain.clearProperty(QTextFormat.Property.AnchorHref)
    plain.clearForeground()
    plain.setFontUnderline(False)
    editor.setCurrentCharFormat(plain)


def ask_link(editor: QTextEdit) -> None:
    """Ask for a link address (prefilled with the current one) and set it on the selection."""
    current = editor.textCursor().charFormat().anchorHref()
    href, ok = QInputDialog.getText(editor, editor.tr("Link"), editor.tr("Address:"), text=current)
    if ok:
        set_link(editor, href.strip())


def _each_block(cursor: QTextCursor):  # type: ignore[no-untyped-def]
    document = cursor.document()
    block = document.findBlock(cursor.selectionStart())
    last = document.findBlock(cursor.selectionEnd())
    while block.isValid():
        yield block
        if block == last:
            break
        block = block.next()


def set_block_kind(editor: QTextEdit, heading_level: int) -> None:
    """Heading 1–3 (``heading_level`` > 0) or body paragraph (0) for the selected blocks."""
    cursor = editor.textCursor()
    cursor.beginEditBlock()
    for block in list(_each_block(cursor)):
        edit = QTextCursor(block)
        if block.textList() is not None:
            block.textList().remove(block)
        fmt = QTextBlockFormat(block.blockFormat())
        fmt.setHeadingLevel(heading_level)
        fmt.setIndent(0)
        edit.setBlockFormat(fmt)
        edit.movePosition(QTextCursor.MoveOperation.StartOfBlock)
        edit.movePosition(QTextCursor.MoveOperation.EndOfBlock, QTextCursor.MoveMode.KeepAnchor)
        char = heading_char_format(heading_level) if heading_level else plain_char_format()
        edit.mergeCharFormat(char)
        edit.mergeBlockCharFormat(char)
    cursor.endEditBlock()


def toggle_list(editor: QTextEdit, numbered: bool) -> None:
    """Make the selected blocks a list (or, if they already are this kind, paragraphs)."""
    cursor = editor.textCursor()
    current = cursor.currentList()
    cursor.beginEditBlock()
    if current is not None and (current.format().style() == list_format(0, numbered).style()):
        for block in list(_each_block(cursor)):
            if block.textList() is not None:
                block.textList().remove(block)
                fmt = QTextBlockFormat(block.blockFormat())
                fmt.setIndent(0)
                QTextCursor(block).setBlockFormat(fmt)
    else:
        set_block_kind(editor, 0)
        cursor.createList(list_format(0, numbered))
    cursor.endEditBlock()


class FormatActions(Protocol):
    """The checkable Bold/Italic/Underline actions (the shell's menu owns them)."""

    bold: QAction
    italic: QAction
    underline: QAction


def sync_checks(editor: QTextEdit, actions: FormatActions) -> None:
    """Tick Bold/Italic/Underline to match the character format at the cursor."""
    fmt = editor.currentCharFormat()
    heading = editor.textCursor().blockFormat().headingLevel() > 0
    actions.bold.setChecked(not heading and fmt.fontWeight() >= QFont.Weight.DemiBold)
    actions.italic.setChecked(fmt.fontItalic())
    actions.underline.setChecked(fmt.fontUnderline() and not fmt.isAnchor())
