"""Through the real window: a paragraph that gets a typed word, a word made bold and a word typed
after its link, then Ctrl+S; python-docx (an independent reader) checks the saved paragraph
carries all three, its untouched runs keep their fonts, and the link keeps its relationship
around its own text only. The paragraph after it comes back byte for byte."""

from __future__ import annotations

import io
import zipfile

import pytest
from lxml import etree
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor

from tests.docio.conftest import R, W, make_docx, para

from .conftest import running_workspace

pytestmark = pytest.mark.e2e

URL = "https://example.org/jobs"
ARIAL = '<w:rPr><w:rFonts w:ascii="Arial" w:hAnsi="Arial"/><w:color w:val="1F4E79"/></w:rPr>'
BODY = (
    f'<w:p><w:r>{ARIAL}<w:t xml:space="preserve">Apply now and see </w:t></w:r>'
    '<w:hyperlink r:id="rIdL"><w:r><w:rPr><w:rStyle w:val="Hyperlink"/></w:rPr>'
    f'<w:t>our site</w:t></w:r></w:hyperlink><w:r>{ARIAL}<w:t xml:space="preserve"> today.'
    "</w:t></w:r></w:p>" + para("We hire engineers.")
)


@pytest.fixture
def live(qtbot, tmp_path):
    with running_workspace(qtbot, tmp_path) as started:
        yield started


def _put_cursor(editor, position: int, select: int = 0) -> None:
    cursor = editor.textCursor()
    cursor.setPosition(position)
    if select:
        cursor.setPosition(position + select, QTextCursor.MoveMode.KeepAnchor)
    editor.setTextCursor(cursor)


def test_typing_bolding_and_typing_after_a_link_in_one_paragraph_are_all_saved(
    qtbot, live, tmp_path
):
    import docx

    ws, prompts = live
    path = tmp_path / "posting.docx"
    path.write_bytes(make_docx(BODY, rels=[("rIdL", "hyperlink", URL, True)]))
    original = zipfile.ZipFile(path).read("word/document.xml")
    assert ws.files.open_file(str(path), ask=False)
    editor = ws.window.editor
    editor.setFocus()
    text = editor.toPlainText()
    _put_cursor(editor, text.index("now"), select=3)
    ws.window.actions.bold.trigger()  # Format ▸ Bold, as Ctrl+B does
    _put_cursor(editor, text.index("our site") + len("our site"))
    qtbot.keyClicks(editor, " or write to us")
    _put_cursor(editor, text.index("see"))
    qtbot.keyClicks(editor, "go and ")
    ws.window.actions.save.trigger()  # File ▸ Save (Ctrl+S)
    assert not ws.window.isWindowModified() and prompts.errors == []

    paragraph = docx.Document(str(path)).paragraphs[0]
    assert paragraph.text == "Apply now and go and see our site or write to us today."
    bold = [r.text for r in paragraph.runs if r.bold]
    assert bold == ["now"]
    assert all(r.font.name == "Arial" for r in paragraph.runs if r.text.strip())
    links = paragraph.hyperlinks
    assert [(link.text, link.address) for link in links] == [("our site", URL)]

    saved = zipfile.ZipFile(path)
    document = etree.fromstring(saved.read("word/document.xml"))
    rels = etree.fromstring(saved.read("word/_rels/document.xml.rels"))
    ids = {r.get("Id") for r in rels}
    assert all(h.get(f"{{{R}}}id") in ids for h in document.iter(f"{{{W}}}hyperlink"))
    second = [etree.tostring(p, method="c14n") for p in document.iter(f"{{{W}}}p")][1]
    before = etree.fromstring(original)
    assert second == [etree.tostring(p, method="c14n") for p in before.iter(f"{{{W}}}p")][1]


def test_deleting_a_link_leaves_no_hyperlink_and_no_relationship(qtbot, live, tmp_path):
    ws, prompts = live
    path = tmp_path / "posting.docx"
    path.write_bytes(make_docx(BODY, rels=[("rIdL", "hyperlink", URL, True)]))
    assert ws.files.open_file(str(path), ask=False)
    editor = ws.window.editor
    editor.setFocus()
    text = editor.toPlainText()
    _put_cursor(editor, text.index(" our site"), select=len(" our site"))
    qtbot.keyClick(editor, Qt.Key.Key_Delete)
    ws.window.actions.save.trigger()  # File ▸ Save (Ctrl+S)
    saved = zipfile.ZipFile(io.BytesIO(path.read_bytes()))
    assert b"hyperlink" not in saved.read("word/document.xml")
    assert URL.encode() not in saved.read("word/_rels/document.xml.rels")
    assert b"rIdStyles" in saved.read("word/_rels/document.xml.rels")


def test_save_as_a_new_docx_takes_the_same_lossless_path(qtbot, live, tmp_path):
    ws, prompts = live
    path = tmp_path / "posting.docx"
    path.write_bytes(make_docx(BODY, rels=[("rIdL", "hyperlink", URL, True)]))
    original = path.read_bytes()
    assert ws.files.open_file(str(path), ask=False)
    editor = ws.window.editor
    editor.setFocus()
    editor.moveCursor(QTextCursor.MoveOperation.End)
    qtbot.keyClicks(editor, " Apply today.")
    prompts.save_answer = str(tmp_path / "copy.docx")
    ws.window.actions.save_as.trigger()
    assert path.read_bytes() == original and prompts.errors == []

    def paragraphs(data: bytes) -> list[bytes]:
        root = etree.fromstring(zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml"))
        return [etree.tostring(p, method="c14n") for p in root.iter(f"{{{W}}}p")]

    before, after = paragraphs(original), paragraphs((tmp_path / "copy.docx").read_bytes())
    assert after[0] == before[0]  # the paragraph with the link, byte for byte
    assert b"We hire engineers. Apply today." in after[1]
