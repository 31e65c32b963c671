"""Drive the real main window through one edit and check the saved .docx with python-docx.

Shared by ``tests/e2e/test_lossless_save.py`` (a lean subset) and ``benchmarks/lossless_save.py``
(every file × every edit). python-docx is the independent reader: it sees the original and the
saved file, lines the paragraphs up by their canonical XML, and every original paragraph whose
text is still in the editor unchanged (or that has no text: spacers, section breaks) must come
back at its place with the same text, style, per-character bold/italic/underline and XML.
"""

from __future__ import annotations

import difflib
import shutil
from dataclasses import dataclass, field
from pathlib import Path

import docx
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph
from lxml import etree
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor

from postingstudio.core.model import BlockOrigin
from postingstudio.core.report import SectionState
from postingstudio.ui.common.apply_fixes import applicable_replacements
from tests.ui.conftest import wait_report

EDITS = (
    "type_word_at_end",
    "apply_one_fix",
    "insert_section",
    "apply_all_safe_fixes",
    "type_line_after_enter",  # Enter at the end of the first body paragraph, then a new line
)


@dataclass
class Outcome:
    file: str
    edit: str
    compared: int = 0  # untouched original paragraphs lined up and compared
    differences: list[str] = field(default_factory=list)
    edited: bool = True  # False when the edit had nothing to act on (no fix offered, ...)


def paragraphs(path: Path) -> list[Paragraph]:
    document = docx.Document(str(path))
    body = document.element.body
    return [Paragraph(p, document) for p in body.iter(qn("w:p"))]


def _characters(paragraph: Paragraph) -> list[tuple[bool, bool, bool]]:
    marks: list[tuple[bool, bool, bool]] = []
    for run in paragraph.runs:
        look = (bool(run.bold), bool(run.italic), bool(run.underline))
        marks.extend([look] * len(run.text))
    return marks


def _xml(paragraph: Paragraph) -> bytes:
    return etree.tostring(paragraph._p, method="c14n")


def _normal(text: str) -> str:
    return " ".join(text.split())


def compare(original: Path, saved: Path, editor_texts: set[str], result: Outcome) -> None:
    before, after = paragraphs(original), paragraphs(saved)
    keys_before, keys_after = [_xml(p) for p in before], [_xml(p) for p in after]
    matcher = difflib.SequenceMatcher(None, keys_before, keys_after, autojunk=False)
    matched: dict[int, int] = {}
    for block in matcher.get_matching_blocks():
        for k in range(block.size):
            matched[block.a + k] = block.b + k
    for index, paragraph in enumerate(before):
        text = _normal(paragraph.text)
        untouched = not text or text in editor_texts
        if not untouched:
            continue  # the writer edited this paragraph: it may change
        if index not in matched:
            result.differences.append(f"paragraph {index} {text[:40]!r} moved, vanished or changed")
            continue
        result.compared += 1
        other = after[matched[index]]
        for what, a, b in (
            ("text", paragraph.text, other.text),
            (
                "style",
                paragraph.style.name if paragraph.style else None,
                other.style.name if other.style else None,
            ),
            ("bold/italic/underline", _characters(paragraph), _characters(other)),
        ):
            if a != b:
                result.differences.append(f"paragraph {index} {text[:40]!r}: {what} differs")
    kept = set(matched.values())
    for index, paragraph in enumerate(after):
        text = _normal(paragraph.text)
        if index not in kept and text and text not in editor_texts:
            result.differences.append(f"saved paragraph {index} {text[:40]!r} appeared")


def _click_apply(qtbot, ws) -> bool:
    panel = ws.window.findings
    number = next(
        (
            i
            for i, fix in panel.rows()
            if fix == "Apply" and applicable_replacements(panel.findings[i])
        ),
        None,
    )
    if number is None:
        return False
    tree = panel.tree
    index = panel.index_for(number).siblingAtColumn(1)
    tree.scrollTo(index)
    qtbot.mouseClick(
        tree.viewport(), Qt.MouseButton.LeftButton, pos=tree.visualRect(index).center()
    )
    return True


def perform(qtbot, ws, edit: str) -> bool:
    editor = ws.window.editor
    result = wait_report(qtbot, ws)
    before = ws.session.snapshot().text
    if edit == "type_word_at_end":
        editor.setFocus()
        editor.moveCursor(QTextCursor.MoveOperation.End)
        qtbot.keyClicks(editor, " polished")
    elif edit == "apply_one_fix":
        if not _click_apply(qtbot, ws):
            return False
    elif edit == "insert_section":
        missing = [s for s in result.report.sections if s.state is SectionState.MISSING]
        if not missing:
            return False
        qtbot.mouseClick(
            ws.window.checklist.rows[missing[0].id].insert_button, Qt.MouseButton.LeftButton
        )
    elif edit == "type_line_after_enter":
        blocks = ws.session.snapshot().blocks
        number = next(
            (i for i, b in enumerate(blocks) if b.origin is BlockOrigin.BODY and b.text.strip()),
            None,
        )
        if number is None:
            return False
        block = editor.document().findBlockByNumber(number)
        cursor = editor.textCursor()
        cursor.setPosition(block.position() + block.length() - 1)
        editor.setTextCursor(cursor)
        editor.setFocus()
        qtbot.keyClick(editor, Qt.Key.Key_Return)
        qtbot.keyClicks(editor, "Apply by Friday")
    else:
        if not ws.window.findings.apply_all.isEnabled():
            return False
        qtbot.mouseClick(ws.window.findings.apply_all, Qt.MouseButton.LeftButton)
    return ws.session.snapshot().text != before


def run_edit(qtbot, ws, prompts, source: Path, edit: str, folder: Path) -> Outcome:
    """Open a copy of ``source``, make one edit, press Save, compare with python-docx."""
    working = folder / f"{edit}-{source.name}"
    shutil.copyfile(source, working)
    result = Outcome(source.name, edit)
    assert ws.files.open_file(str(working), ask=False)
    result.edited = perform(qtbot, ws, edit)
    ws.window.actions.save.trigger()
    assert not prompts.errors, prompts.errors
    assert not ws.window.isWindowModified(), "Save did not save"
    texts = {_normal(b.text.replace("\v", "\n")) for b in ws.session.snapshot().blocks}
    texts |= {_normal(b.text) for b in ws.session.snapshot().blocks}
    compare(source, working, texts, result)
    return result
