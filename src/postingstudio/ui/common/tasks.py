"""One background task runner: named latest-wins lanes, results on the UI thread.

``Task(runner, fn, *args, lane="analysis").success(cb).failure(cb).run()`` runs ``fn`` on a
worker thread. Each lane has a generation counter: a newer submission on the same lane makes
the result of every older one be dropped (its callbacks never run), so a slow old answer can
never overwrite a fresh one. Results and exceptions come back to the UI thread through one
relay object's queued signal; a failure is handed to the failure callback, or logged as an
error when there is none, never swallowed. :meth:`TaskRunner.shutdown` waits for the running
tasks when the app closes, so no worker outlives the objects it reads.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

log = logging.getLogger(__name__)

Success = Callable[[Any], None]
Failure = Callable[[BaseException], None]


@dataclass
class _Outcome:
    lane: str | None
    generation: int
    value: Any = None
    error: BaseException | None = None
    on_success: Success | None = None
    on_failure: Failure | None = None
    extra: dict[str, Any] = field(default_factory=dict)


class _Relay(QObject):
    """Lives on the UI thread; worker threads emit, Qt queues the call to the UI thread."""

    finished = Signal(object)  # _Outcome


class _Job(QRunnable):
    def __init__(self, runner: TaskRunner, task: Task, generation: int) -> None:
        super().__init__()
        self.setAutoDelete(True)
        self._runner, self._task, self._generation = runner, task, generation

    def run(self) -> None:  # worker thread
        task = self._task
        outcome = _Outcome(task.lane, self._generation)
        outcome.on_success, outcome.on_failure = task.on_success, task.on_failure
        if not self._runner.is_current(task.lane, self._generation):
            outcome.extra["skipped"] = True  # superseded while it waited: do not even start
        else:
            try:
                outcome.value = task.fn(*task.args, **task.kwargs)
            except BaseException as error:  # handed to the failure callback on the UI thread
                outcome.error = error
        self._runner._relay.finished.emit(outcome)


class Task:
    """A unit of background work; configure fluently, then :meth:`run`."""

    def __init__(
        self,
        runner: TaskRunner,
        fn: Callable[..., Any],
        *args: Any,
        lane: str | None = None,
        **kwargs: Any,
    ) -> None:
        self.runner, self.fn, self.args, self.kwargs, self.lane = runner, fn, args, kwargs, lane
        self.on_success: Success | None = None
        self.on_failure: Failure | None = None

    def success(self, callback: Success) -> Task:
        self.on_success = callback
        return self

    def failure(self, callback: Failure) -> Task:
        self.on_failure = callback
        return self

    def run(self, renew: bool = True) -> int:
        """Start the task; returns its generation on its lane (0 for a lane-less task).

        ``renew=False`` runs it at the lane's current generation, for a caller that has just
        called :meth:`TaskRunner.invalidate` itself (an edit makes the new generation, the
        debounced task then answers it).
        """
        return self.runner.submit(self, renew)


class TaskRunner(QObject):
    """Owns the worker pool, the per-lane generations and the one relay to the UI thread."""

    def __init__(self, parent: QObject | None = None, max_threads: int = 4) -> None:
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(max_threads)
        self._relay = _Relay(self)
        self._relay.finished.connect(self._deliver)
        self._lock = threading.Lock()
        self._generations: dict[str, int] = {}
        self._dropped: dict[str, int] = {}
        self._closed = False

    def task(self, fn: Callable[..., Any], *args: Any, lane: str | None = None, **kw: Any) -> Task:
        return Task(self, fn, *args, lane=lane, **kw)

    def generation(self, lane: str) -> int:
        with self._lock:
            return self._generations.get(lane, 0)

    def dropped(self, lane: str) -> int:
        """How many finished results on ``lane`` were thrown away as stale (not skipped ones)."""
        return self._dropped.get(lane, 0)

    def is_current(self, lane: str | None, generation: int) -> bool:
        """Safe from any thread: is this still the newest submission on its lane?"""
        if self._closed:
            return False
        return lane is None or self.generation(lane) == generation

    def invalidate(self, lane: str) -> int:
        """Drop whatever is in flight on ``lane`` without submitting anything new."""
        with self._lock:
            self._generations[lane] = self._generations.get(lane, 0) + 1
            return self._generations[lane]

    def submit(self, task: Task, renew: bool = True) -> int:
        if self._closed:
            log.debug("task runner closed; dropping task on lane %s", task.lane)
            return 0
        if task.lane is None:
            generation = 0
        else:
            generation = self.invalidate(task.lane) if renew else self.generation(task.lane)
        self._pool.start(_Job(self, task, generation))
        return generation

    def shutdown(self, timeout_ms: int = 5000) -> bool:
        """Stop delivering results and wait for running tasks; True when all finished."""
        self._closed = True
        self._pool.clear()  # queued, not yet started: never run
        return self._pool.waitForDone(timeout_ms)

    @Slot(object)
    def _deliver(self, outcome: _Outcome) -> None:  # UI thread
        if outcome.extra.get("skipped") or not self.is_current(outcome.lane, outcome.generation):
            if not outcome.extra.get("skipped") and outcome.lane is not None:
                self._dropped[outcome.lane] = self._dropped.get(outcome.lane, 0) + 1
            log.debug("dropped stale task result on lane %s (%d)", outcome.lane, outcome.generation)
            return
        if outcome.error is not None:
            if outcome.on_failure is not None:
                outcome.on_failure(outcome.error)
            else:
                log.error("background task failed", exc_info=outcome.error)
            return
        if outcome.on_success is not None:
            outcome.on_success(outcome.value)
