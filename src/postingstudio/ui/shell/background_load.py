"""Reading a large file on a worker, with progress shown and the window still painting.

``FileController.open_file`` stays a plain call that returns when the posting is read (its
callers and tests rely on that), but for a file above ``LARGE_BYTES`` the reading runs on the
app's :class:`TaskRunner` while a local event loop keeps the window alive: it repaints, the
progress dialog counts the seconds, and the window-modal dialog keeps a second "Open" from
starting meanwhile.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from PySide6.QtCore import QEventLoop, Qt, QTimer
from PySide6.QtWidgets import QProgressDialog, QWidget

from postingstudio.ui.common.tasks import TaskRunner

LARGE_BYTES = 1024 * 1024  # smaller files read in well under a second: no dialog to flash
POLL_MS = 200  # how often the dialog's seconds count is redrawn
LOAD_LANE = "posting-load"
T = TypeVar("T")


def load_with_progress(
    parent: QWidget | None,
    path: str,
    loader: Callable[[str], T],
    tasks: TaskRunner,
) -> T:
    """``loader(path)``, on a worker when the file is at least ``LARGE_BYTES``; raises what it
    raises."""
    try:
        size = os.path.getsize(path)
    except OSError:
        size = 0
    if size < LARGE_BYTES:
        return loader(path)
    outcome: dict[str, Any] = {}
    loop = QEventLoop()

    def done(key: str, value: object) -> None:
        outcome[key] = value
        loop.quit()

    name = Path(path).name
    dialog = QProgressDialog(parent)
    dialog.setWindowTitle(dialog.tr("Opening {0}").format(name))
    dialog.setLabelText(dialog.tr("Reading {0} ({1:,.1f} MB)…").format(name, size / 1048576))
    dialog.setRange(0, 0)  # a busy bar: the readers do not report how far they are
    dialog.setCancelButton(None)  # type: ignore[arg-type]
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(0)
    started = time.monotonic()

    def tick() -> None:
        seconds = time.monotonic() - started
        dialog.setLabelText(
            dialog.tr("Reading {0} ({1:,.1f} MB)… {2:.0f} s").format(name, size / 1048576, seconds)
        )

    timer = QTimer()
    timer.setInterval(POLL_MS)
    timer.timeout.connect(tick)
    dialog.show()
    tasks.task(loader, path, lane=LOAD_LANE).success(lambda value: done("posting", value)).failure(
        lambda error: done("error", error)
    ).run()
    timer.start()
    if not outcome:  # a result can only arrive through this loop, but be exact about it
        loop.exec()
    timer.stop()
    dialog.close()
    dialog.deleteLater()
    if "error" in outcome:
        raise outcome["error"]
    if "posting" not in outcome:  # the runner shut down meanwhile (the app is closing)
        raise OSError(f"{path}: reading was interrupted")
    return outcome["posting"]  # type: ignore[no-any-return]
