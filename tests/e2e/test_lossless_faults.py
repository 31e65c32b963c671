"""Save when the source changed, vanished or cannot be written back: the writer is told in one
sentence, offered a way out, and nothing typed is lost."""

from __future__ import annotations

import pytest

from tests.docio.conftest import CT_MACRO, make_docx, para

from .conftest import running_workspace

pytestmark = pytest.mark.e2e


@pytest.fixture
def live(qtbot, tmp_path):
    with running_workspace(qtbot, tmp_path) as started:
        yield started


def _open_and_type(qtbot, ws, path) -> None:
    assert ws.files.open_file(str(path), ask=False)
    editor = ws.window.editor
    editor.setFocus()
    editor.moveCursor(editor.textCursor().MoveOperation.End)
    qtbot.keyClicks(editor, " typed")


def _opened_then_saved_elsewhere(qtbot, ws, tmp_path):
    """A posting opened and typed into, then rewritten on disk by another program."""
    path = tmp_path / "posting.docx"
    path.write_bytes(make_docx(para("We hire engineers.")))
    _open_and_type(qtbot, ws, path)
    elsewhere = make_docx(para("Saved by another program."))
    path.write_bytes(elsewhere)
    return path, elsewhere


def test_a_source_changed_on_disk_is_not_overwritten_without_asking(qtbot, live, tmp_path):
    ws, prompts = live
    path, elsewhere = _opened_then_saved_elsewhere(qtbot, ws, tmp_path)
    prompts.changed_answer = "cancel"
    ws.window.actions.save.trigger()
    assert prompts.asked_changed == 1
    assert path.read_bytes() == elsewhere and ws.window.isWindowModified()
    prompts.changed_answer, prompts.save_answer = "copy", str(tmp_path / "copy.docx")
    ws.window.actions.save.trigger()
    assert path.read_bytes() == elsewhere
    assert "typed" in _texts(tmp_path / "copy.docx")
    assert not ws.window.isWindowModified()


def test_a_moved_source_explains_and_offers_save_as(qtbot, live, tmp_path):
    ws, prompts = live
    path = tmp_path / "posting.docx"
    path.write_bytes(make_docx(para("We hire engineers.")))
    _open_and_type(qtbot, ws, path)
    path.rename(tmp_path / "moved.docx")
    prompts.save_answer = str(tmp_path / "rescued.docx")
    ws.window.actions.save.trigger()
    assert len(prompts.errors) == 1 and "moved or deleted" in prompts.errors[0][1]
    assert "We hire engineers. typed" in _texts(tmp_path / "rescued.docx")


def test_a_macro_document_is_saved_as_a_new_docx_beside_it(qtbot, live, tmp_path):
    ws, prompts = live
    path = tmp_path / "posting.docm"
    original = make_docx(para("We hire engineers."), content_type=CT_MACRO)
    path.write_bytes(original)
    _open_and_type(qtbot, ws, path)
    ws.window.actions.save.trigger()
    assert path.read_bytes() == original
    assert "typed" in _texts(tmp_path / "posting.docx")
    assert len(prompts.notices) == 1 and "macros" in prompts.notices[0][1]
    assert ws.files.path == str(tmp_path / "posting.docx")


def _texts(path) -> str:
    from postingstudio.docio import load_posting

    return load_posting(path).text


def test_a_deleted_source_explains_and_offers_save_as(qtbot, live, tmp_path):
    ws, prompts = live
    path = tmp_path / "posting.docx"
    path.write_bytes(make_docx(para("We hire engineers.")))
    _open_and_type(qtbot, ws, path)
    path.unlink()
    prompts.save_answer = None  # the writer cancels Save As first: nothing is lost
    ws.window.actions.save.trigger()
    assert ws.window.isWindowModified() and "typed" in ws.window.editor.toPlainText()
    assert "moved or deleted" in prompts.errors[0][1]
    prompts.save_answer = str(tmp_path / "rescued.docx")
    ws.window.actions.save.trigger()
    assert "We hire engineers. typed" in _texts(tmp_path / "rescued.docx")
    assert not path.exists() and not ws.window.isWindowModified()


def test_a_source_changed_on_disk_can_be_reloaded(qtbot, live, tmp_path):
    ws, prompts = live
    path, elsewhere = _opened_then_saved_elsewhere(qtbot, ws, tmp_path)
    prompts.changed_answer = "reload"
    ws.window.actions.save.trigger()
    assert prompts.asked_changed == 1 and path.read_bytes() == elsewhere
    assert ws.window.editor.toPlainText() == "Saved by another program."
    assert not ws.window.isWindowModified()


@pytest.mark.parametrize("locked", ["file", "folder"])
def test_a_read_only_source_explains_in_one_sentence_and_offers_save_as(
    qtbot, live, tmp_path, locked
):
    ws, prompts = live
    folder = tmp_path / "shared"
    folder.mkdir()
    path = folder / "posting.docx"
    original = make_docx(para("We hire engineers."))
    path.write_bytes(original)
    _open_and_type(qtbot, ws, path)
    (path if locked == "file" else folder).chmod(0o555 if locked == "folder" else 0o444)
    try:
        prompts.save_answer = str(tmp_path / "rescued.docx")
        ws.window.actions.save.trigger()
    finally:
        folder.chmod(0o755)
        path.chmod(0o644)
    assert path.read_bytes() == original  # never replaced behind the lock
    assert len(prompts.errors) == 1
    message = prompts.errors[0][1]
    assert f"{locked} is read-only" in message and message.count(". ") == 0
    assert "choose where to save" in message
    assert "We hire engineers. typed" in _texts(tmp_path / "rescued.docx")
    assert ws.files.path == str(tmp_path / "rescued.docx") and not ws.window.isWindowModified()


def test_a_strict_document_is_saved_as_a_standard_docx_beside_it(qtbot, live, tmp_path):
    import io
    import zipfile

    import docx

    from postingstudio.docio.package import to_strict

    transitional = zipfile.ZipFile(io.BytesIO(make_docx(para("We hire engineers."))))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as strict:
        for name in transitional.namelist():
            strict.writestr(name, to_strict(transitional.read(name)))
    path = tmp_path / "strict.docx"
    path.write_bytes(buffer.getvalue())
    _open_and_type(qtbot, ws := live[0], path)
    ws.window.actions.save.trigger()
    prompts = live[1]
    assert path.read_bytes() == buffer.getvalue()
    beside = tmp_path / "strict (edited).docx"
    assert ws.files.path == str(beside)
    assert len(prompts.notices) == 1 and "Strict Open XML" in prompts.notices[0][1]
    assert [p.text for p in docx.Document(str(beside)).paragraphs] == ["We hire engineers. typed"]


def test_a_source_locked_by_another_program_offers_save_as(qtbot, live, tmp_path, monkeypatch):
    """Word holding the file open on Windows: replacing it fails although nothing is read-only."""
    import os as os_module

    ws, prompts = live
    path = tmp_path / "posting.docx"
    original = make_docx(para("We hire engineers."))
    path.write_bytes(original)
    _open_and_type(qtbot, ws, path)
    replace = os_module.replace

    def locked(source, target, *args, **kwargs):  # noqa: ANN001, ANN002, ANN003, ANN202
        if os_module.fspath(target) == str(path):
            raise PermissionError(13, "The process cannot access the file", str(path))
        return replace(source, target, *args, **kwargs)

    monkeypatch.setattr(os_module, "replace", locked)
    prompts.save_answer = str(tmp_path / "rescued.docx")
    ws.window.actions.save.trigger()
    assert path.read_bytes() == original
    assert len(prompts.errors) == 1 and "permission denied" in prompts.errors[0][1].lower()
    assert "We hire engineers. typed" in _texts(tmp_path / "rescued.docx")
    assert not ws.window.isWindowModified()
    assert not list(tmp_path.glob(".posting.docx.*.tmp"))  # the attempt left nothing behind
