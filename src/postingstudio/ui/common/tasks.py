"""One background task runner: named latest-wins lanes, results on the UI thread.

``Task(runner, fn, *args, lane="analysis").success(cb).failure(cb).run()`` runs ``fn`` on a
worker thread. Each lane has a generation counter: a newer submission on the same lane makes
the result of every older one be dropped (its callbacks never run), so a slow old answer can
never overwrite a fresh one. Results and exceptions come back to the UI thread through one
relay object's queued signal; a failure is handed to the failure callback, or logged as an
error when there is none, never swallowed. :meth:`TaskRunner.shutdown` waits (a bounded time)
for the running tasks when the app closes, so no worker outlives the objects it reads; the
workers are daemon threads, so one still blocked in the network after that (a hung LanguageTool,
a download) never holds the process open, as a ``QThreadPool``'s joined threads would.

A *serial* lane (:meth:`TaskRunner.serialise`) runs one task at a time: a task submitted while
one is running waits, and a newer one replaces it, so a slow service (LanguageTool) is asked
once for the latest text, never once per edit, and never holds more than one worker.
:meth:`TaskRunner.run_on_main` hands a worker's progress or state report to the UI thread
through the same relay.
"""

from __future__ import annotations

import logging
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QObject, Signal, Slot

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
    call = Signal(object)  # a zero-argument callable to run on the UI thread


class _Workers:
    """Up to ``size`` daemon threads, started as work arrives, taking jobs in order."""

    def __init__(self, size: int) -> None:
        self._size = size
        self._cond = threading.Condition()
        self._queue: deque[_Job] = deque()
        self._threads = 0
        self._idle = 0  # threads waiting for a job
        self._active = 0  # jobs running now

    def start(self, job: _Job) -> None:
        with self._cond:
            self._queue.append(job)
            if len(self._queue) > self._idle and self._threads < self._size:
                self._threads += 1
                name = f"postingstudio-task-{self._threads}"
                threading.Thread(target=self._work, name=name, daemon=True).start()
            self._cond.notify()

    def clear(self) -> None:
        """Forget the jobs not yet started."""
        with self._cond:
            self._queue.clear()
            self._cond.notify_all()

    def wait_for_done(self, timeout_ms: int) -> bool:
        deadline = time.monotonic() + timeout_ms / 1000
        with self._cond:
            while self._queue or self._active:
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    return False
                self._cond.wait(remaining)
            return True

    def _work(self) -> None:
        while True:
            with self._cond:
                self._idle += 1
                while not self._queue:
                    self._cond.wait()
                self._idle -= 1
                job = self._queue.popleft()
                self._active += 1
            try:
                job.run()
            except BaseException:  # noqa: BLE001 - a job reports its own errors; keep the thread
                log.exception("task runner job failed")
            finally:
                with self._cond:
                    self._active -= 1
                    self._cond.notify_all()


class _Job:
    def __init__(self, runner: TaskRunner, task: Task, generation: int) -> None:
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
        try:
            self._runner._relay.finished.emit(outcome)
        except RuntimeError:  # the runner was deleted meanwhile (the app is exiting)
            log.debug("task finished after its runner was deleted")
            return
        self._runner._next_on(task.lane)


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
        self._pool = _Workers(max_threads)
        self._relay = _Relay(self)
        self._relay.finished.connect(self._deliver)
        self._lock = threading.Lock()
        self._generations: dict[str, int] = {}
        self._dropped: dict[str, int] = {}
        self._serial: set[str] = set()
        self._running: set[str] = set()  # serial lanes with a task on a worker now
        self._waiting: dict[str, tuple[Task, int]] = {}  # serial lane -> its next task
        self._closed = False
        self._relay.call.connect(self._call)

    def task(self, fn: Callable[..., Any], *args: Any, lane: str | None = None, **kw: Any) -> Task:
        return Task(self, fn, *args, lane=lane, **kw)

    def serialise(self, lane: str) -> None:
        """Run ``lane``'s tasks one at a time, latest waiting task wins (see the module)."""
        self._serial.add(lane)

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
        if task.lane in self._serial:
            with self._lock:
                if task.lane in self._running:
                    self._waiting[task.lane] = (task, generation)  # an older one never runs
                    return generation
                self._running.add(task.lane)
        self._pool.start(_Job(self, task, generation))
        return generation

    def _next_on(self, lane: str | None) -> None:  # worker thread, after a task on ``lane``
        if lane not in self._serial:
            return
        with self._lock:
            waiting = self._waiting.pop(lane, None)
            if waiting is None or self._closed:
                self._running.discard(lane)
                return
        self._pool.start(_Job(self, *waiting))

    def busy(self, lane: str) -> bool:
        """A serial lane has a task running or waiting."""
        with self._lock:
            return lane in self._running

    def run_on_main(self, fn: Callable[[], None]) -> None:
        """Safe from any thread: call ``fn`` on the UI thread soon (never after shutdown)."""
        if self._closed:
            return
        try:
            self._relay.call.emit(fn)
        except RuntimeError:  # the runner was deleted meanwhile (the app is exiting)
            log.debug("run_on_main after the runner was deleted")

    @Slot(object)
    def _call(self, fn: Callable[[], None]) -> None:  # UI thread
        if not self._closed:
            fn()

    def shutdown(self, timeout_ms: int = 5000) -> bool:
        """Stop delivering results and wait for running tasks; True when all finished."""
        with self._lock:
            self._closed = True
            self._waiting.clear()
        self._pool.clear()  # queued, not yet started: never run
        return self._pool.wait_for_done(timeout_ms)

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
