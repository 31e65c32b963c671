"""Reading a large file on a worker thread, with progress shown and the window still painting.

``FileController.open_file`` stays a plain call that returns when the posting is read (its
callers and tests rely on that), but for a file above ``LARGE_BYTES`` the reading runs on a
thread while a local event loop keeps the window alive: it repaints, the progress dialog
counts the seconds, and the window-modal dialog keeps a second "Open" from starting meanwhile.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from PySide6.QtCore import QEventLoop, Qt, QTimer
from PySide6.QtWidgets import QProgressDialog, QWidget

LARGE_BYTES = 1024 * 1024  # smaller files read in well under a second: no dialog to flash
POLL_MS = 30
T = TypeVar("T")


def load_with_progress(
    parent: QWidget | None,
    path: str,
    loader: Callable[[str], T],
    threshold: int = LARGE_BYTES,
) -> T:
    """``loader(path)``, on a worker thread when the file is large; raises what it raises."""
    try:
        size = os.path.getsize(path)
    except OSError:
        size = 0
    if size < threshold:
        return loader(path)
    outcome: dict[str, Any] = {}

    def work() -> None:
        try:
            outcome["posting"] = loader(path)
        except BaseException as error:  # noqa: BLE001 - handed back to the UI thread as is
            outcome["error"] = error

    worker = threading.Thread(target=work, name="posting-load", daemon=True)
    name = Path(path).name
    dialog = QProgressDialog(parent)
    dialog.setWindowTitle(dialog.tr("Opening {0}").format(name))
    dialog.setLabelText(dialog.tr("Reading {0} ({1:,.1f} MB)…").format(name, size / 1048576))
    dialog.setRange(0, 0)  # a busy bar: the readers do not report how far they are
    dialog.setCancelButton(None)  # type: ignore[arg-type]
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(0)
    loop = QEventLoop()
    started = time.monotonic()

    def poll() -> None:
        if not worker.is_alive():
            loop.quit()
            return
        seconds = time.monotonic() - started
        dialog.setLabelText(
            dialog.tr("Reading {0} ({1:,.1f} MB)… {2:.0f} s").format(name, size / 1048576, seconds)
        )

    timer = QTimer()
    timer.setInterval(POLL_MS)
    timer.timeout.connect(poll)
    dialog.show()
    worker.start()
    timer.start()
    loop.exec()
    timer.stop()
    dialog.close()
    dialog.deleteLater()
    worker.join()
    if "error" in outcome:
        raise outcome["error"]
    return outcome["posting"]  # type: ignore[no-any-return]
