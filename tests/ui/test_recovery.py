"""The recovery journal in the window: written within a moment of each change, offered back,
never discarded before the writer chooses, one folder per window."""

from __future__ import annotations

import dataclasses

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor

from postingstudio.core.model import Block, BlockKind, Posting, Run
from postingstudio.docio.journal import DOCUMENT, Entry, Journal, SessionDir, read_slots
from tests.support.timings import quick_debounce

from .conftest import SAMPLE


def _type(ws, text: str) -> None:
    cursor = ws.window.editor.textCursor()
    cursor.movePosition(QTextCursor.MoveOperation.End)
    ws.window.editor.setTextCursor(cursor)
    ws.window.editor.insertPlainText(text)


def _orphan(root, posting: Posting, source: str | None, sha: str | None = None) -> SessionDir:
    """A session folder as a crashed window leaves it: journal written, lock free."""
    session = SessionDir.create(root)
    Journal(session.journal_path).write(DOCUMENT, Entry(posting, "job", source, sha))
    session.release()
    return session


def _workspace(qtbot, app_paths, prompts):
    from postingstudio.paths import resources_dir
    from postingstudio.ui.shell.workspace import Workspace

    with pytest.MonkeyPatch.context() as patch:
        quick_debounce(patch)
        ws = Workspace(app_paths, resources_dir(), prompts=prompts)
    qtbot.addWidget(ws.window)
    start = ws.start

    def start_and_settle(*args, **kwargs):  # the rule book must arrive before shutdown
        start(*args, **kwargs)
        qtbot.waitUntil(lambda: ws.analysis.book is not None, timeout=30_000)

    ws.start = start_and_settle
    return ws


def _journal_texts(ws) -> list[str]:
    slots = read_slots(ws.recovery.session.journal_path)
    return [entry.posting.text for entry in slots.values()]


def test_typing_is_journaled_at_once_and_a_clean_save_clears_it(
    qtbot, workspace, app_paths, tmp_path, prompts
):
    source = tmp_path / "job.md"
    source.write_text("# Job\n\nWe need help.", encoding="utf-8")
    workspace.start(str(source), show=False)
    assert _journal_texts(workspace) == []  # opening a file is no work to rescue
    _type(workspace, " Unsaved sentence.")
    qtbot.waitUntil(lambda: any("Unsaved sentence." in t for t in _journal_texts(workspace)))
    entry = read_slots(workspace.recovery.session.journal_path)[DOCUMENT]
    assert entry.source_path == str(source)
    assert entry.source_sha256 is not None and len(entry.source_sha256) == 64
    prompts.save_answer = str(tmp_path / "job.docx")
    assert workspace.files.save_as()
    qtbot.waitUntil(lambda: _journal_texts(workspace) == [])


def test_every_edit_is_on_disk_before_the_event_loop_runs_again(qtbot, workspace):
    workspace.start(show=False)
    for text in ("first", "a", "b"):
        _type(workspace, text)  # no event loop turn in between
        assert any(t.endswith(text) for t in _journal_texts(workspace))


def test_costly_writes_are_spaced_and_not_postponed_by_typing(qtbot, workspace, monkeypatch):
    """A huge document's write is costly: the next one waits for a timer, and typing on
    without a pause does not push that timer back."""
    import time

    from postingstudio.ui.recovery import journal_writer as recovery

    workspace.start(show=False)
    writer = workspace.recovery.writer
    monkeypatch.setattr(recovery, "CHEAP_MS", -1.0)  # every write counts as costly
    monkeypatch.setattr(recovery, "MAX_SHARE", 10**9)  # ... and spaces the next by 2 s
    _type(workspace, "first")
    assert any(t.endswith("first") for t in _journal_texts(workspace))
    _type(workspace, "a")
    assert writer.pending  # spaced: waits for the timer
    deadline = time.monotonic() + 10
    while writer.pending and time.monotonic() < deadline:
        _type(workspace, "b")  # a keystroke every 10 ms, never a pause
        qtbot.wait(10)
    assert not writer.pending  # written although the typing never stopped
    assert any(t.startswith("firstab") for t in _journal_texts(workspace))


def test_restore_offer_restores_with_every_block_field(qtbot, app_paths, prompts, tmp_path):
    source = tmp_path / "job.docx"
    source.write_bytes(b"PK stand-in for the source package")
    from postingstudio.docio.journal import sha256_of

    linked = Block(BlockKind.PARAGRAPH, (Run("a link", link="https://x.example"),), style="N")
    posting = Posting((*SAMPLE.blocks, linked), None, str(source))
    _orphan(app_paths.recovery, posting, str(source), sha256_of(source))
    ws = _workspace(qtbot, app_paths, prompts)
    try:
        ws.start()
        banner = ws.window.banner
        assert banner.isVisible() and banner.kind == "restore"
        qtbot.mouseClick(banner.buttons["restore"], Qt.MouseButton.LeftButton)
        assert ws.session.snapshot().text == posting.text
        assert ws.window.isWindowModified()
        assert ws.files.path == str(source) and ws.files.template == str(source)
        # the restored work is in this window's journal before the orphan is removed
        assert [p.name for p in app_paths.recovery.iterdir()] == [ws.recovery.session.path.name]
        assert posting.text in _journal_texts(ws)
    finally:
        ws.shutdown()


def test_a_changed_source_is_not_saved_into(qtbot, app_paths, prompts, tmp_path):
    source = tmp_path / "job.docx"
    source.write_bytes(b"the package as it was")
    _orphan(app_paths.recovery, SAMPLE, str(source), "0" * 64)
    ws = _workspace(qtbot, app_paths, prompts)
    try:
        ws.start()
        qtbot.mouseClick(ws.window.banner.buttons["restore"], Qt.MouseButton.LeftButton)
        assert ws.session.snapshot().text == SAMPLE.text
        assert ws.files.path is None and ws.files.template is None  # Save asks for a name
    finally:
        ws.shutdown()


def test_an_unanswered_offer_keeps_the_recovery_for_the_next_start(qtbot, app_paths, prompts):
    orphan = _orphan(app_paths.recovery, SAMPLE, None)
    first = _workspace(qtbot, app_paths, prompts)
    try:
        first.start()
        assert first.window.banner.kind == "restore"
        _type(first, "x")  # even edits in the new window leave the orphan alone
        qtbot.wait(300)
        assert read_slots(orphan.journal_path)[DOCUMENT].posting.text == SAMPLE.text
        second = _workspace(qtbot, app_paths, prompts)
        try:  # a second instance while the first still holds the offer: not offered twice
            second.start()
            assert second.window.banner.kind != "restore"
        finally:
            second.shutdown()
    finally:
        first.shutdown()  # like a crash: nothing answered
    again = _workspace(qtbot, app_paths, prompts)
    try:
        again.start()
        assert again.window.banner.kind == "restore"
        assert "2 windows" in again.window.banner.label.text()  # the orphan and first's "x"
    finally:
        again.shutdown()


def test_discarding_the_offer_removes_the_journal(qtbot, app_paths, prompts):
    orphan = _orphan(app_paths.recovery, SAMPLE, None)
    ws = _workspace(qtbot, app_paths, prompts)
    try:
        ws.start()
        qtbot.mouseClick(ws.window.banner.buttons["discard"], Qt.MouseButton.LeftButton)
        assert not orphan.path.exists()
        assert ws.session.snapshot().text == ""
    finally:
        ws.shutdown()


def test_several_crashed_windows_each_come_back(qtbot, app_paths, prompts):
    one = Posting((Block.of(BlockKind.PARAGRAPH, "First window text."),))
    two = Posting((Block.of(BlockKind.PARAGRAPH, "Second window text."),))
    _orphan(app_paths.recovery, one, None)
    _orphan(app_paths.recovery, two, None)
    ws = _workspace(qtbot, app_paths, prompts)
    try:
        ws.start(show=False)
        ws.window.banner.buttons["restore"].click()
        texts = {ws.session.snapshot().text} | {
            other.session.snapshot().text for other in ws.recovery.extra_windows
        }
        assert texts == {one.text, two.text}
    finally:
        ws.shutdown()


def test_pasted_competitor_ads_are_journaled_and_restored(qtbot, workspace, app_paths, prompts):
    workspace.start(show=False)
    workspace.compare.add_competitor_text("Senior Baker\n\nWe bake sourdough at dawn.", "Bakery")
    qtbot.waitUntil(
        lambda: any("sourdough" in t for t in _journal_texts(workspace)), timeout=10_000
    )
    workspace.recovery.session.release()  # the window "crashes"
    ws = _workspace(qtbot, app_paths, prompts)
    try:
        ws.start(show=False)
        ws.window.banner.buttons["restore"].click()
        names = [c.name for c in ws.compare.controller.competitors.values()]
        assert names == ["Bakery"]
        assert any("sourdough" in t for t in _journal_texts(ws))
    finally:
        ws.shutdown()


def test_first_start_offers_the_sample_once(qtbot, app_paths, prompts):
    ws = _workspace(qtbot, app_paths, prompts)
    try:
        ws.start()
        assert ws.window.banner.kind == "sample"
        qtbot.mouseClick(ws.window.banner.buttons["open"], Qt.MouseButton.LeftButton)
        assert "Customer Success Manager" in ws.session.snapshot().text
        assert ws.files.path is None  # Save never writes into the bundled sample
    finally:
        ws.shutdown()
    again = _workspace(qtbot, app_paths, prompts)
    try:
        again.start()
        assert again.window.banner.kind == ""
    finally:
        again.shutdown()


def test_block_fields_are_all_carried(tmp_path):
    """Every Block field reaches the journal, including ones added after this test was written."""
    values = {"level": 2, "numbered": True, "style": "List", "inferred": True, "cell": (1, 2, 3)}
    block = Block(BlockKind.LIST_ITEM, (Run("x", bold=True, link="https://e.example"),), **values)
    journal = Journal(tmp_path / "journal")
    journal.write(DOCUMENT, Entry(Posting((block,), "T", "/a.docx", ("note",))))
    back = read_slots(tmp_path / "journal")[DOCUMENT].posting
    assert back.blocks == (block,) and back.title == "T" and back.notes == ("note",)
    assert {f.name for f in dataclasses.fields(back.blocks[0])} >= set(values)
