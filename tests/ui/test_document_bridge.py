"""Posting ⇄ QTextDocument round trip and code-point ⇄ document position mapping (with emoji)."""

from __future__ import annotations

from PySide6.QtGui import QTextDocument

from postingstudio.core.analyse import analyse
from postingstudio.core.model import Block, BlockKind, BlockOrigin, Posting, Run
from postingstudio.ui.common.document_bridge import (
    PositionMap,
    build_document,
    document_to_posting,
    selected_text,
)

from .conftest import SAMPLE

RICH = Posting(
    (
        Block(BlockKind.HEADING, (Run("Data Engineer 😀"),), level=1, style="Heading 1"),
        Block(
            BlockKind.PARAGRAPH,
            (
                Run("Plain "),
                Run("bold", bold=True),
                Run(" "),
                Run("italic", italic=True),
                Run(" "),
                Run("under", underline=True),
                Run(" "),
                Run("a link", link="https://example.org/jobs"),
                Run(" first line\vsecond line 𝒳"),
            ),
        ),
        Block.of(BlockKind.LIST_ITEM, "one", style="List Bullet"),
        Block.of(BlockKind.LIST_ITEM, "nested 🎉", level=1),
        Block.of(BlockKind.LIST_ITEM, "two"),
        Block.of(BlockKind.LIST_ITEM, "first step", numbered=True),
        Block.of(BlockKind.LIST_ITEM, "second step", numbered=True),
        Block.of(BlockKind.HEADING, "Benefits", level=2, inferred=True),
        Block.of(BlockKind.TABLE_CELL, "Salary", cell=(0, 1, 0)),
        Block.of(BlockKind.PARAGRAPH, ""),
        Block.of(BlockKind.PARAGRAPH, "Page 1 footer", origin=BlockOrigin.FOOTER),
    )
)


def test_round_trip_keeps_blocks_runs_and_metadata(qapp):
    document = QTextDocument()
    build_document(document, RICH)
    back = document_to_posting(document, RICH)
    assert back.blocks == RICH.blocks
    assert back.text == RICH.text
    assert not document.isModified()
    assert not document.isUndoAvailable()  # loading is not an undoable edit


def test_lists_share_one_qtextlist_and_numbering(qapp):
    document = QTextDocument()
    build_document(document, RICH)
    one, nested, two = (document.findBlockByNumber(n) for n in (2, 3, 4))
    assert one.textList() is not None and one.textList() == two.textList()
    assert nested.textList() != one.textList()
    first, second = document.findBlockByNumber(5), document.findBlockByNumber(6)
    assert first.textList() == second.textList() and first.textList() != one.textList()


def test_style_is_dropped_when_block_kind_changes(qapp):
    document = QTextDocument()
    build_document(document, RICH)
    block = document.findBlockByNumber(2)
    block.textList().remove(block)
    back = document_to_posting(document)
    assert back.blocks[2].kind is BlockKind.PARAGRAPH
    assert back.blocks[2].style is None


def test_position_map_selects_the_same_characters_after_astral_ones(qapp):
    document = QTextDocument()
    build_document(document, RICH)
    text = RICH.text
    mapping = PositionMap(text)
    for word in ("second line 𝒳", "nested 🎉", "two", "Salary", "footer"):
        start = text.index(word)
        cursor = mapping.cursor(document, start, start + len(word))
        assert selected_text(cursor) == word
    assert mapping.to_codepoint(mapping.to_document(len(text))) == len(text)


def test_every_finding_maps_to_its_quoted_words(qapp, rulebook):
    document = QTextDocument()
    build_document(document, SAMPLE)
    posting = document_to_posting(document)
    report = analyse(posting, rulebook)
    spans = [f for f in report.findings if f.is_span]
    assert spans, "the sample must produce span findings"
    mapping = PositionMap(report.text)
    for finding in spans:
        assert selected_text(mapping.cursor(document, finding.start, finding.end)) == finding.text
