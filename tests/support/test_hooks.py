"""Scripted actions for tests that run the real app in a subprocess (the crash-recovery test).

Only active when the environment asks for them; a normal start never sets these variables.

``POSTINGSTUDIO_TEST_TYPE``     text typed at the end of the document once the window is up
``POSTINGSTUDIO_TEST_RESTORE``  "accept" or "decline": answers the restore offer
``POSTINGSTUDIO_TEST_MARK``     a path: written (with the time) once the restore answer and
                                the typing are done, so a test knows when to kill
``POSTINGSTUDIO_TEST_DUMP``     a path: once the current analysis is shown, write the document
                                as JSON ({"shown_at", "text", "modified", "title",
                                "windows"}) and quit
"""

from __future__ import annotations

import json
import logging
import os
import time
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QApplication

from postingstudio.ui.shell.workspace import Workspace

log = logging.getLogger(__name__)

TYPE = "POSTINGSTUDIO_TEST_TYPE"
RESTORE = "POSTINGSTUDIO_TEST_RESTORE"
DUMP = "POSTINGSTUDIO_TEST_DUMP"
MARK = "POSTINGSTUDIO_TEST_MARK"


def active() -> bool:
    return any(os.environ.get(name) for name in (TYPE, RESTORE, DUMP, MARK))


def install(workspace: Workspace) -> None:
    """Schedule the requested actions on the event loop (after start-up has finished)."""
    answer = os.environ.get(RESTORE, "")
    text = os.environ.get(TYPE, "")
    dump = os.environ.get(DUMP, "")
    log.warning("test hooks active: restore=%r type=%d chars dump=%r", answer, len(text), dump)

    def run() -> None:
        banner = workspace.window.banner
        if answer and banner.kind == "restore":
            banner.buttons["restore" if answer == "accept" else "discard"].click()
        if text:
            _type(workspace, text)
        if os.environ.get(MARK):
            Path(os.environ[MARK]).write_text(str(time.time()), encoding="utf-8")
        if dump:
            latest = workspace.analysis.latest
            if latest is not None and latest.generation == workspace.analysis.generation:
                _dump(workspace, Path(dump))
            else:
                workspace.session.reportShown.connect(lambda _r: _dump(workspace, Path(dump)))

    QTimer.singleShot(0, run)


def _type(workspace: Workspace, text: str) -> None:
    editor = workspace.window.editor
    cursor = editor.textCursor()
    cursor.movePosition(QTextCursor.MoveOperation.End)
    editor.setTextCursor(cursor)
    for word in text.split(" "):  # word by word, like a quick typist: many change signals
        editor.insertPlainText(word + " ")


def _dump(workspace: Workspace, path: Path) -> None:
    data = {
        "shown_at": time.time(),  # wall clock, for the start-up benchmark
        "text": workspace.session.snapshot().text,
        "modified": workspace.session.document.isModified(),
        "title": workspace.window.windowTitle(),
        "windows": [  # every window, the restored extra ones too
            {"text": ws.session.snapshot().text, "title": ws.window.windowTitle()}
            for ws in (workspace, *workspace.recovery.extra_windows)
        ],
    }
    path.write_text(json.dumps(data), encoding="utf-8")
    workspace.shutdown()
    QApplication.instance().quit()
