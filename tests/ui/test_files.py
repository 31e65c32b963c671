"""Open, save, save as, export, recent files, drops, the title's unsaved marker and the close
question, with scripted answers in place of dialogs."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QUrl
from PySide6.QtGui import QTextCursor

from postingstudio.docio import load_posting
from tests.conftest import corpus_path

from .conftest import wait_report

MARKDOWN = "# Barista\n\nWe are looking for a rockstar barista.\n\n## Pay\n\n- Competitive salary\n"


@pytest.fixture
def posting_file(tmp_path: Path) -> Path:
    path = tmp_path / "barista.md"
    path.write_text(MARKDOWN, encoding="utf-8")
    return path


def _type(ws, text: str) -> None:
    cursor = ws.window.editor.textCursor()
    cursor.movePosition(QTextCursor.MoveOperation.End)
    ws.window.editor.setTextCursor(cursor)
    ws.window.editor.insertPlainText(text)


def test_open_shows_file_in_title_and_marks_edits(qtbot, workspace, posting_file, prompts):
    workspace.start(show=False)
    prompts.open_answer = str(posting_file)
    workspace.window.actions.open.trigger()
    assert "Barista" in workspace.session.snapshot().text
    window = workspace.window
    assert window.windowTitle().startswith("barista.md")
    assert not window.isWindowModified()
    _type(workspace, " More.")
    assert window.isWindowModified()
    window.editor.undo()
    assert not window.isWindowModified()


def test_save_as_docx_then_reopen_has_the_edit(qtbot, workspace, posting_file, prompts, tmp_path):
    workspace.start(str(posting_file), show=False)
    _type(workspace, " You will roast beans.")
    prompts.save_answer = str(tmp_path / "out.docx")
    assert workspace.files.save_as()
    assert not workspace.window.isWindowModified()
    assert workspace.window.windowTitle().startswith("out.docx")
    assert "You will roast beans." in load_posting(tmp_path / "out.docx").text
    _type(workspace, " Twice.")
    workspace.window.actions.save.trigger()  # Save now writes to out.docx without asking
    assert "Twice." in load_posting(tmp_path / "out.docx").text


@pytest.mark.parametrize("extension", ["docx", "html", "md", "txt", "pdf"])
def test_export_writes_every_format_and_keeps_the_current_file(
    qtbot, workspace, posting_file, prompts, tmp_path, extension
):
    workspace.start(str(posting_file), show=False)
    prompts.save_answer = str(tmp_path / f"export.{extension}")
    assert workspace.files.export(), prompts.errors
    assert (tmp_path / f"export.{extension}").stat().st_size > 0
    assert workspace.files.path == str(posting_file)
    if extension != "pdf":
        assert "rockstar barista" in load_posting(tmp_path / f"export.{extension}").text


def test_a_real_docx_opens_with_its_structure(qtbot, workspace):
    folder = corpus_path("docx", "jd_real")
    path = sorted(folder.glob("*.docx"))[0]
    workspace.start(str(path), show=False)
    result = wait_report(qtbot, workspace)
    assert result.report.text == load_posting(path).text
    assert workspace.files.template == str(path)


def test_recent_files_remember_and_reopen(qtbot, workspace, posting_file, tmp_path):
    other = tmp_path / "other.txt"
    other.write_text("Cleaner wanted. Competitive salary.", encoding="utf-8")
    workspace.start(str(posting_file), show=False)
    workspace.files.open_file(str(other))
    recent = workspace.files.recent()
    assert recent[:2] == [str(other.resolve()), str(posting_file.resolve())]
    action = workspace.window.menus["recent"].actions()[1]
    action.trigger()
    assert "Barista" in workspace.session.snapshot().text


def test_unreadable_file_is_an_error_message_not_a_traceback(qtbot, workspace, tmp_path, prompts):
    bad = tmp_path / "broken.docx"
    bad.write_bytes(b"PK\x03\x04 not really a zip")
    workspace.start(show=False)
    assert not workspace.files.open_file(str(bad))
    assert prompts.errors and prompts.errors[0][0] == "Cannot open file"


def test_dropping_a_file_on_the_editor_opens_it(qtbot, workspace, posting_file):
    workspace.start(show=False)
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(posting_file))])
    assert workspace.window.editor.canInsertFromMimeData(mime)
    workspace.window.editor.insertFromMimeData(mime)
    assert workspace.files.path == str(posting_file)


def test_pasted_lines_become_structure(qtbot, workspace):
    workspace.start(show=False)
    mime = QMimeData()
    mime.setText("Benefits:\n- 30 days holiday\n- Pension 6%\n")
    workspace.window.editor.insertFromMimeData(mime)
    kinds = [b.kind.value for b in workspace.session.snapshot().blocks]
    assert kinds == ["heading", "list_item", "list_item"]


def test_closing_with_unsaved_changes_asks(qtbot, workspace, posting_file, prompts):
    workspace.start(str(posting_file))
    _type(workspace, " Edited.")
    prompts.unsaved_answer = "cancel"
    assert not workspace.window.close()
    assert workspace.window.isVisible() and prompts.asked_unsaved == 1
    prompts.unsaved_answer = "discard"
    assert workspace.window.close()
    assert prompts.asked_unsaved == 2


def test_opening_another_file_asks_first(qtbot, workspace, posting_file, prompts, tmp_path):
    other = tmp_path / "other.md"
    other.write_text("# Other\n\nText.", encoding="utf-8")
    workspace.start(str(posting_file), show=False)
    _type(workspace, " Edited.")
    prompts.unsaved_answer = "cancel"
    assert not workspace.files.open_file(str(other))
    assert "Edited." in workspace.session.snapshot().text


def test_a_refusal_names_the_file_and_keeps_the_detail_behind_a_button(
    qtbot, workspace, tmp_path, prompts
):
    from postingstudio.ui.shell.refusal_dialog import details_button, refusal_box

    bad = tmp_path / "broken.docx"
    bad.write_bytes(b"PK\x03\x04 not really a zip")
    workspace.start(show=False)
    assert not workspace.files.open_file(str(bad))
    title, text = prompts.errors[0]
    assert text.startswith("“broken.docx”: The file is damaged")
    assert "Word may repair it" in text
    detail = prompts.details[0]
    assert detail and detail not in text  # the zipfile's own words, only behind "Details…"
    box = refusal_box(workspace.window, title, text, detail)
    qtbot.addWidget(box)
    button = details_button(box)
    assert button is not None and button.text() == "Details…"
    assert box.detailedText() == detail


def test_a_large_file_is_read_off_the_ui_thread_with_progress(
    qtbot, workspace, tmp_path, monkeypatch
):
    import threading

    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QProgressDialog

    from postingstudio.ui.shell import background_load

    big = tmp_path / "big.txt"
    big.write_text("Warehouse role\n\n" + "We pack boxes all day.\n" * 2_000, encoding="utf-8")
    workspace.start(show=False)
    event_loop_ran = threading.Event()
    seen = []

    def slow_loader(path: str):
        from postingstudio.docio import load_posting

        # The reading waits for the UI thread's timer: it only finishes if the window's event
        # loop keeps running while the file is read.
        assert threading.current_thread() is not threading.main_thread()
        assert event_loop_ran.wait(10)
        return load_posting(path)

    def tick() -> None:
        seen.extend(w for w in workspace.window.findChildren(QProgressDialog) if w.isVisible())
        event_loop_ran.set()

    QTimer.singleShot(50, tick)
    monkeypatch.setattr(background_load, "LARGE_BYTES", 1)  # this small file counts as large
    posting = background_load.load_with_progress(
        workspace.window, str(big), slow_loader, workspace.tasks
    )
    assert "We pack boxes" in posting.text
    assert seen  # the progress dialog was up while the file was read
    assert workspace.files.open_file(str(big), ask=False)
    assert workspace.session.snapshot().text.startswith("Warehouse role")
