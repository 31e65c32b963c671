"""Run one blocking grammar call (preflight, server probe, download) off the UI thread.

The call runs on a plain daemon thread and never sees a widget: it gets plain arguments and
its return value (or the exception it raised) comes back through :attr:`BackgroundCall.done`,
a signal of an object that lives on the GUI thread, so the slot runs there (queued). Progress
reports go the same way through :attr:`progress`. A daemon thread means a call still blocked
in the network at exit never holds the process open.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Signal, Slot

log = logging.getLogger(__name__)


class BackgroundCall(QObject):
    """``BackgroundCall(fn, *args, parent=owner)``; connect ``done``; then :meth:`start`.

    ``done`` carries the return value, or the exception instance if ``fn`` raised. The object
    deletes itself after delivering ``done``. ``progress`` is for callers that pass
    :meth:`report` into ``fn`` as a callback.
    """

    done = Signal(object)
    progress = Signal(object, object)  # done, total (ints, total may be None)
    _finished = Signal(object)

    def __init__(self, fn: Callable[..., Any], *args: Any, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._fn, self._args = fn, args
        self.thread: threading.Thread | None = None
        self.result: object = None
        self.finished = False
        self._finished.connect(self._deliver)

    def start(self, name: str = "grammar-call") -> None:
        self.thread = threading.Thread(target=self._run, name=name, daemon=True)
        self.thread.start()

    def report(self, done: int, total: int | None) -> None:
        """A progress callback for ``fn`` (called on the worker thread)."""
        try:
            self.progress.emit(done, total)
        except RuntimeError:  # the owner was deleted meanwhile (dialog closed, app exiting)
            pass

    def _run(self) -> None:
        try:
            value: object = self._fn(*self._args)
        except Exception as error:  # noqa: BLE001 - a worker reports, never dies silently
            log.debug("background grammar call failed", exc_info=True)
            value = error
        try:
            self._finished.emit(value)
        except RuntimeError:
            log.debug("background call finished after its owner was deleted")

    @Slot(object)
    def _deliver(self, value: object) -> None:
        self.result, self.finished = value, True
        self.done.emit(value)
        self.deleteLater()
