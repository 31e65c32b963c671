"""Autosave to the recovery file and the restore offer at the next start."""

from __future__ import annotations

import json

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor

from postingstudio.core.model import Block, BlockKind, Posting, Run
from postingstudio.ui.recovery import RecoveryStore

from .conftest import SAMPLE


def _type(ws, text: str) -> None:
    cursor = ws.window.editor.textCursor()
    cursor.movePosition(QTextCursor.MoveOperation.End)
    ws.window.editor.setTextCursor(cursor)
    ws.window.editor.insertPlainText(text)


def test_store_round_trips_blocks_and_source(tmp_path):
    store = RecoveryStore(tmp_path / "r" / "recovery.json")
    posting = Posting(
        (
            *SAMPLE.blocks,
            Block(BlockKind.PARAGRAPH, (Run("a link", link="https://x.example"),), style="Normal"),
        )
    )
    store.save(posting, "/docs/job.docx")
    back = store.load()
    assert back.posting.blocks == posting.blocks
    assert back.source_path == "/docs/job.docx"
    assert not list((tmp_path / "r").glob(".recovery-*"))  # no temp file left behind
    store.clear()
    assert store.load() is None


def test_broken_recovery_file_is_ignored(tmp_path):
    path = tmp_path / "recovery.json"
    path.write_text("{not json", encoding="utf-8")
    assert RecoveryStore(path).load() is None


def test_typing_pause_autosaves_and_clean_save_clears(
    qtbot, workspace, app_paths, tmp_path, prompts
):
    source = tmp_path / "job.md"
    source.write_text("# Job\n\nWe need help.", encoding="utf-8")
    workspace.start(str(source), show=False)
    assert not app_paths.recovery.exists()  # opening a file is no work to rescue
    _type(workspace, " Unsaved sentence.")
    qtbot.waitUntil(app_paths.recovery.exists, timeout=5_000)
    data = json.loads(app_paths.recovery.read_text(encoding="utf-8"))
    assert data["source_path"] == str(source)
    assert "Unsaved sentence." in json.dumps(data["blocks"])
    prompts.save_answer = str(tmp_path / "job.docx")
    assert workspace.files.save_as()
    assert not app_paths.recovery.exists()


def test_next_start_offers_restore_and_restores(qtbot, app_paths, prompts, tmp_path):
    from postingstudio.paths import resources_dir
    from postingstudio.ui.workspace import Workspace

    RecoveryStore(app_paths.recovery).save(SAMPLE, str(tmp_path / "job.docx"))
    ws = Workspace(app_paths, resources_dir(), prompts=prompts, analysis_delay_ms=30)
    qtbot.addWidget(ws.window)
    try:
        ws.start()
        banner = ws.window.banner
        assert banner.isVisible() and banner.kind == "restore"
        qtbot.mouseClick(banner.buttons["restore"], Qt.MouseButton.LeftButton)
        assert ws.session.snapshot().text == SAMPLE.text
        assert ws.window.isWindowModified()
        assert ws.files.path == str(tmp_path / "job.docx")
    finally:
        ws.shutdown()


def test_discarding_the_offer_removes_the_file(qtbot, app_paths, prompts):
    from postingstudio.paths import resources_dir
    from postingstudio.ui.workspace import Workspace

    RecoveryStore(app_paths.recovery).save(SAMPLE, None)
    ws = Workspace(app_paths, resources_dir(), prompts=prompts)
    qtbot.addWidget(ws.window)
    try:
        ws.start()
        qtbot.mouseClick(ws.window.banner.buttons["discard"], Qt.MouseButton.LeftButton)
        assert not app_paths.recovery.exists()
        assert ws.session.snapshot().text == ""
    finally:
        ws.shutdown()


def test_first_start_offers_the_sample_once(qtbot, app_paths, prompts):
    from postingstudio.paths import resources_dir
    from postingstudio.ui.workspace import Workspace

    ws = Workspace(app_paths, resources_dir(), prompts=prompts)
    qtbot.addWidget(ws.window)
    try:
        ws.start()
        assert ws.window.banner.kind == "sample"
        qtbot.mouseClick(ws.window.banner.buttons["open"], Qt.MouseButton.LeftButton)
        assert "Customer Success Manager" in ws.session.snapshot().text
        assert ws.files.path is None  # Save never writes into the bundled sample
    finally:
        ws.shutdown()
    again = Workspace(app_paths, resources_dir(), prompts=prompts)
    qtbot.addWidget(again.window)
    try:
        again.start()
        assert again.window.banner.kind == ""
    finally:
        again.shutdown()
