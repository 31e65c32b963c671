r"""Posting ⇄ QTextDocument, and code-point offsets ⇄ document positions: the one bridge.

The editor shows a :class:`Posting` as rich text: headings are blocks with a heading level and a
larger, bold character format; list items belong to a ``QTextList`` (bulleted or numbered, indent
= level + 1); runs keep bold, italic, underline and links. What the .docx said that the editor
cannot show (the source style name, table-cell coordinates, header/footer origin, an inferred
heading) rides along as user properties on the block format, so a round trip keeps it.

Reading the document back yields a Posting whose ``text`` is exactly the analysis text: block
texts joined with ``\n``. Qt separates blocks with U+2029 and soft line breaks with U+2028, each
one UTF-16 unit, exactly like ``\n`` and ``\v`` in the model, so a document position is the
UTF-16 offset of the same character in ``Posting.text``. That conversion happens only through
:mod:`postingstudio.core.offsets` (characters outside the BMP, e.g. emoji, are two units in Qt).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from PySide6.QtGui import (
    QColor,
    QFont,
    QTextBlock,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextFormat,
    QTextList,
    QTextListFormat,
)

from postingstudio.core.model import Block, BlockKind, BlockOrigin, Posting, Run
from postingstudio.core.offsets import Utf16Index

# Block-format user properties: what the .docx said that a QTextDocument cannot show.
PROP_STYLE = QTextFormat.Property.UserProperty + 1  # source style name
PROP_STYLE_KIND = QTextFormat.Property.UserProperty + 2  # block kind the style was read with
PROP_CELL = QTextFormat.Property.UserProperty + 3  # "table,row,column"
PROP_ORIGIN = QTextFormat.Property.UserProperty + 4  # header / footer / textbox
PROP_INFERRED = QTextFormat.Property.UserProperty + 5  # heading guessed from formatting
PROP_TABLE_CELL = QTextFormat.Property.UserProperty + 6  # block is a flattened table cell
# Which source paragraph the block was read from (Block.source_id): Save writes an untouched
# block back as that paragraph. Qt copies it to the new block when Enter splits a block; the
# writer treats the second holder of an id as a new paragraph.
PROP_SOURCE_ID = QTextFormat.Property.UserProperty + 7

# Relative font size per heading level (the same steps Qt's own Markdown reader uses).
_HEADING_SIZE = {1: 3, 2: 2, 3: 1}
_NUMBERED_STYLES = {
    QTextListFormat.Style.ListDecimal,
    QTextListFormat.Style.ListLowerAlpha,
    QTextListFormat.Style.ListUpperAlpha,
    QTextListFormat.Style.ListLowerRoman,
    QTextListFormat.Style.ListUpperRoman,
}
_BULLETS = (
    QTextListFormat.Style.ListDisc,
    QTextListFormat.Style.ListCircle,
    QTextListFormat.Style.ListSquare,
)
LINK_COLOUR = QColor("#0072B2")  # Okabe–Ito blue; readable on light and dark backgrounds


def heading_char_format(level: int) -> QTextCharFormat:
    """Character format of a heading of ``level``: bold, and larger the higher the level."""
    fmt = QTextCharFormat()
    fmt.setFontWeight(QFont.Weight.Bold)
    fmt.setProperty(QTextFormat.Property.FontSizeAdjustment, _HEADING_SIZE.get(level, 0))
    return fmt


def plain_char_format() -> QTextCharFormat:
    """Character format of body text: normal weight and size, undoing any heading format."""
    fmt = QTextCharFormat()
    fmt.setFontWeight(QFont.Weight.Normal)
    fmt.setProperty(QTextFormat.Property.FontSizeAdjustment, 0)
    return fmt


def run_char_format(run: Run, base: QTextCharFormat) -> QTextCharFormat:
    """``base`` with the run's emphasis and link applied; links are
    underlined in the link colour."""
    fmt = QTextCharFormat(base)
    if run.bold:
        fmt.setFontWeight(QFont.Weight.Bold)
    fmt.setFontItalic(run.italic)
    fmt.setFontUnderline(run.underline or bool(run.link))
    if run.link:
        fmt.setAnchor(True)
        fmt.setAnchorHref(run.link)
        fmt.setForeground(LINK_COLOUR)
    return fmt


def list_format(level: int, numbered: bool) -> QTextListFormat:
    """A Qt list format for a list item of ``level`` (0-based): decimal, or a bullet by level."""
    fmt = QTextListFormat()
    fmt.setIndent(level + 1)
    fmt.setStyle(QTextListFormat.Style.ListDecimal if numbered else _BULLETS[level % len(_BULLETS)])
    return fmt


def block_format(block: Block) -> QTextBlockFormat:
    """Qt block format for ``block``: heading level, margins, and
    the source style kept for saving."""
    fmt = QTextBlockFormat()
    if block.kind is BlockKind.HEADING:
        fmt.setHeadingLevel(max(1, min(6, block.level or 1)))
        fmt.setTopMargin(8)
        fmt.setBottomMargin(4)
    else:
        fmt.setBottomMargin(4)
    if block.style:
        fmt.setProperty(PROP_STYLE, block.style)
        fmt.setProperty(PROP_STYLE_KIND, str(block.kind))
    if block.cell is not None:
        fmt.setProperty(PROP_CELL, ",".join(str(n) for n in block.cell))
    if block.kind is BlockKind.TABLE_CELL:
        fmt.setProperty(PROP_TABLE_CELL, True)
    if block.origin is not BlockOrigin.BODY:
        fmt.setProperty(PROP_ORIGIN, str(block.origin))
    if block.inferred:
        fmt.setProperty(PROP_INFERRED, True)
    if block.source_id:
        fmt.setProperty(PROP_SOURCE_ID, block.source_id)
    return fmt


def base_char_format(block: Block) -> QTextCharFormat:
    """The character format a block's runs start from: heading or body text."""
    if block.kind is BlockKind.HEADING:
        return heading_char_format(block.level or 1)
    return plain_char_format()


def insert_blocks(cursor: QTextCursor, blocks: Sequence[Block], *, reuse_current: bool) -> None:
    """Insert ``blocks`` at ``cursor``, each as its own document block.

    With ``reuse_current`` the first block fills the (empty) block the cursor is in; otherwise
    every block is a new one after the cursor position. Consecutive list items of the same
    level and kind share one QTextList, so numbering continues.
    """
    lists: dict[tuple[int, bool], QTextList] = {}
    for number, block in enumerate(blocks):
        fmt = block_format(block)
        base = base_char_format(block)
        if number == 0 and reuse_current:
            cursor.setBlockFormat(fmt)
            cursor.setBlockCharFormat(base)
        else:
            cursor.insertBlock(fmt, base)
        for run in block.runs:
            cursor.insertText(run.text.replace("\v", "\u2028"), run_char_format(run, base))
        cursor.setCharFormat(base)
        if block.kind is BlockKind.LIST_ITEM:
            key = (block.level, block.numbered)
            existing = lists.get(key)
            if existing is None:
                lists[key] = cursor.createList(list_format(block.level, block.numbered))
            else:
                existing.add(cursor.block())
            for other in [k for k in lists if k[0] > block.level]:
                del lists[other]  # a shallower item ends the deeper lists under it
        else:
            lists.clear()


def build_document(document: QTextDocument, posting: Posting) -> None:
    """Replace the document's content with ``posting``; not undoable, marked unmodified."""
    document.setUndoRedoEnabled(False)
    document.clear()
    cursor = QTextCursor(document)
    insert_blocks(
        cursor, posting.blocks or (Block.of(BlockKind.PARAGRAPH, ""),), reuse_current=True
    )
    document.setUndoRedoEnabled(True)
    document.setModified(False)


def _runs(block: QTextBlock, heading: bool) -> tuple[Run, ...]:
    runs: list[Run] = []
    for item in block:
        fragment = item.fragment()
        if not fragment.isValid():
            continue
        fmt = fragment.charFormat()
        link = fmt.anchorHref() if fmt.isAnchor() and fmt.anchorHref() else None
        run = Run(
            fragment.text().replace("\u2028", "\v"),
            # Headings are bold by their look; explicit bold inside a heading is not kept.
            bold=not heading and fmt.fontWeight() >= QFont.Weight.DemiBold,
            italic=fmt.fontItalic(),
            underline=fmt.fontUnderline() and link is None,
            link=link,
        )
        if runs and runs[-1].same_format(run):
            runs[-1] = Run(runs[-1].text + run.text, run.bold, run.italic, run.underline, run.link)
        elif run.text:
            runs.append(run)
    return tuple(runs)


def block_from_qt(block: QTextBlock) -> Block:
    """A Qt text block read back as a posting block (kind, level, runs, source identity)."""
    fmt = block.blockFormat()
    text_list = block.textList()
    level, numbered = 0, False
    if text_list is not None:
        kind = BlockKind.LIST_ITEM
        level = max(0, text_list.format().indent() - 1)
        numbered = text_list.format().style() in _NUMBERED_STYLES
    elif fmt.headingLevel() > 0:
        kind, level = BlockKind.HEADING, fmt.headingLevel()
    elif fmt.boolProperty(PROP_TABLE_CELL):
        kind = BlockKind.TABLE_CELL
    else:
        kind = BlockKind.PARAGRAPH
    # A style name is only kept while the block is still the kind it was read as, so a list
    # item the writer turned into a paragraph does not export as "List Paragraph".
    style = fmt.stringProperty(PROP_STYLE) or None
    if style and fmt.stringProperty(PROP_STYLE_KIND) != str(kind):
        style = None
    cell_text = fmt.stringProperty(PROP_CELL)
    cell = tuple(int(n) for n in cell_text.split(",")) if cell_text else None
    origin_text = fmt.stringProperty(PROP_ORIGIN)
    return Block(
        kind,
        _runs(block, kind is BlockKind.HEADING),
        level=level,
        numbered=numbered,
        style=style,
        inferred=kind is BlockKind.HEADING and fmt.boolProperty(PROP_INFERRED),
        cell=cell if cell and len(cell) == 3 else None,  # type: ignore[arg-type]
        origin=BlockOrigin(origin_text) if origin_text else BlockOrigin.BODY,
        source_id=fmt.stringProperty(PROP_SOURCE_ID) or None,
    )


def document_to_posting(document: QTextDocument, like: Posting | None = None) -> Posting:
    """The document as a Posting (title, source and notes taken from ``like``)."""
    blocks: list[Block] = []
    block = document.begin()
    while block.isValid():
        blocks.append(block_from_qt(block))
        block = block.next()
    if like is None:
        return Posting(tuple(blocks))
    return like.with_blocks(tuple(blocks))


class PositionMap:
    """Code-point offsets in one analysed text ⇄ positions in the document it came from."""

    __slots__ = ("_index", "text")

    def __init__(self, text: str) -> None:
        self.text = text
        self._index = Utf16Index(text)

    def to_document(self, offset: int) -> int:
        return self._index.to_utf16(max(0, min(offset, self._index.codepoint_length)))

    def to_codepoint(self, position: int) -> int:
        return self._index.to_codepoint(max(0, min(position, self._index.utf16_length)))

    def cursor(self, document: QTextDocument, start: int, end: int) -> QTextCursor:
        """A cursor selecting code points ``start..end`` (clamped to the document)."""
        last = max(0, document.characterCount() - 1)
        cursor = QTextCursor(document)
        cursor.setPosition(min(self.to_document(start), last))
        cursor.setPosition(min(self.to_document(end), last), QTextCursor.MoveMode.KeepAnchor)
        return cursor


def selected_text(cursor: QTextCursor) -> str:
    r"""A cursor's selection in model terms (block separators as ``\n``, soft breaks as ``\v``)."""
    return cursor.selectedText().replace("\u2029", "\n").replace("\u2028", "\v")


def blocks_in_order(document: QTextDocument) -> Iterable[QTextBlock]:
    """The document's blocks from first to last."""
    block = document.begin()
    while block.isValid():
        yield block
        block = block.next()
