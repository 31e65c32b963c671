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


def test_a_word_typed_and_another_made_bold_through_the_bridge_are_both_saved(qapp, tmp_path):
    """Through QTextDocument as the editor edits it, then saved into the kept source."""
    from PySide6.QtGui import QFont, QTextCharFormat, QTextCursor

    from postingstudio.docio.docx_writer import build_docx
    from postingstudio.docio.source import open_source
    from tests.docio.conftest import make_docx

    arial = '<w:rPr><w:rFonts w:ascii="Arial" w:hAnsi="Arial"/></w:rPr>'
    path = tmp_path / "source.docx"
    path.write_bytes(
        make_docx(
            f"<w:p><w:r>{arial}"
            '<w:t xml:space="preserve">Apply now and join us today.</w:t></w:r></w:p>'
        )
    )
    source = open_source(path)
    document = QTextDocument()
    build_document(document, source.posting)
    text = document.toPlainText()
    cursor = QTextCursor(document)
    cursor.setPosition(text.index("now"))
    cursor.setPosition(text.index("now") + 3, QTextCursor.MoveMode.KeepAnchor)
    bold = QTextCharFormat()
    bold.setFontWeight(QFont.Weight.Bold)
    cursor.mergeCharFormat(bold)
    cursor = QTextCursor(document)
    cursor.setPosition(text.index("today"))
    cursor.insertText("really ")
    posting = document_to_posting(document, source.posting)
    saved_path = tmp_path / "saved.docx"
    saved_path.write_bytes(build_docx(posting, source=source.reading))
    saved = open_source(saved_path).posting.blocks[0]
    assert saved.text == "Apply now and join us really today."
    assert [(r.text, r.bold) for r in saved.runs] == [
        ("Apply ", False),
        ("now", True),
        (" and join us really today.", False),
    ]
    assert "Arial" in _document_xml(saved_path)


def _document_xml(path) -> str:
    import zipfile

    xml = zipfile.ZipFile(path).read("word/document.xml").decode()
    assert xml.count("Arial") == 6  # ascii and hAnsi in each of the three runs
    return xml


def test_typing_right_after_a_link_does_not_continue_it(qapp):
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    from postingstudio.ui.editor.editor import PostingEditor

    editor = PostingEditor()
    posting = Posting(
        (
            Block(
                BlockKind.PARAGRAPH, (Run("Apply "), Run("here", link="https://x.org"), Run("."))
            ),
            Block(BlockKind.PARAGRAPH, (Run("site", link="https://y.org"),)),
        )
    )
    build_document(editor.document(), posting)
    for position, typed in ((10, " please"), (8, "r")):  # after the link; inside it
        cursor = editor.textCursor()
        cursor.setPosition(position)
        editor.setTextCursor(cursor)
        QTest.keyClicks(editor, typed)
    cursor = editor.textCursor()
    cursor.movePosition(cursor.MoveOperation.End)
    editor.setTextCursor(cursor)
    QTest.keyClicks(editor, " now")
    QTest.keyClick(editor, Qt.Key.Key_Home)
    QTest.keyClicks(editor, "Our ")
    blocks = document_to_posting(editor.document()).blocks
    assert blocks[0].runs == (
        Run("Apply "),
        Run("herre", link="https://x.org"),
        Run(" please."),
    )
    assert blocks[1].runs == (Run("Our "), Run("site", link="https://y.org"), Run(" now"))
