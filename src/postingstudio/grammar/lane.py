"""The grammar lane: one LanguageTool request at a time, latest text wins, never blocks.

Qt-free so it can be tested without a display and reused by any front end. The UI debounces
edits with a longer ``QTimer`` than the style checks, then calls :meth:`GrammarLane.submit`
with the text and its generation. The lane keeps only the newest pending request — a posting
typed while LanguageTool was busy is checked once, in its final form, not once per keystroke —
and runs it on its own worker thread. Results arrive through ``on_result`` *on that worker
thread* (a Qt UI forwards them through a queued signal) with the generation, so the caller
drops stale ones.

A watchdog reports a request that runs past ``timeout_s`` as timed out, so the status shows
the problem even if a request hangs in a place no socket timeout covers (a local server that
never finishes starting). The late real result is still delivered when it comes.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

from postingstudio.core.findings import Finding

from .checker import GrammarChecker
from .state import Fix, GrammarState, GrammarUnavailableError, StateKind

log = logging.getLogger(__name__)

CheckFunction = Callable[[str], tuple[Finding, ...]]


@dataclass(frozen=True, slots=True)
class LaneResult:
    """The outcome of one request. ``state`` is what the status should show after it."""

    generation: int
    findings: tuple[Finding, ...] = ()
    state: GrammarState = GrammarState.ready()
    timed_out: bool = False
    elapsed_s: float = 0.0

    @property
    def ok(self) -> bool:
        return self.state.kind is not StateKind.UNAVAILABLE


class GrammarLane:
    """A single-worker, latest-wins request queue. All methods are thread-safe and return
    immediately; nothing raises into the caller."""

    def __init__(
        self,
        check: CheckFunction,
        on_result: Callable[[LaneResult], None],
        *,
        timeout_s: float | None = None,
        state_of: Callable[[], GrammarState] | None = None,
        name: str = "grammar-lane",
    ) -> None:
        self._check = check
        self._state_of = state_of
        self._on_result = on_result
        self._timeout_s = timeout_s
        self._name = name
        self._cond = threading.Condition()
        self._pending: tuple[str, int] | None = None
        self._running: int | None = None  # sequence number of the request in flight
        self._sequence = 0
        self._closed = False
        self._thread: threading.Thread | None = None

    @classmethod
    def for_checker(
        cls, checker: GrammarChecker, on_result: Callable[[LaneResult], None]
    ) -> GrammarLane:
        """A lane over a :class:`GrammarChecker`, with a watchdog long enough for a local
        server to start and answer once."""
        config = checker.config
        timeout = config.startup_timeout_s + 2 * config.timeout_s
        return cls(checker.check, on_result, timeout_s=timeout, state_of=lambda: checker.state)

    # -- caller side ---------------------------------------------------------------------------

    def submit(self, text: str, generation: int) -> None:
        """Check ``text`` soon; replaces any request still waiting (not the one running)."""
        with self._cond:
            if self._closed:
                log.debug("Grammar lane closed; dropping generation %s", generation)
                return
            self._pending = (text, generation)
            if self._thread is None:
                # Started lazily: no thread exists until grammar is first used.
                self._thread = threading.Thread(target=self._work, name=self._name, daemon=True)
                self._thread.start()
            self._cond.notify_all()

    def cancel_pending(self) -> None:
        """Forget the waiting request (e.g. the document was closed)."""
        with self._cond:
            self._pending = None
            self._cond.notify_all()

    @property
    def busy(self) -> bool:
        with self._cond:
            return self._pending is not None or self._running is not None

    def wait_idle(self, timeout_s: float | None = None) -> bool:
        """Block until nothing is pending or running (for tests and the CLI, not the UI)."""
        deadline = None if timeout_s is None else time.monotonic() + timeout_s
        with self._cond:
            while self._pending is not None or self._running is not None:
                remaining = None if deadline is None else deadline - time.monotonic()
                if remaining is not None and remaining <= 0:
                    return False
                self._cond.wait(remaining)
            return True

    def close(self, timeout_s: float = 0.0) -> None:
        """Stop taking requests; optionally wait up to ``timeout_s`` for the worker to end.
        A request in flight finishes in the background, and its result is dropped."""
        with self._cond:
            self._closed = True
            self._pending = None
            thread = self._thread
            self._cond.notify_all()
        if thread is not None and timeout_s > 0:
            thread.join(timeout_s)

    # -- worker side ---------------------------------------------------------------------------

    def _work(self) -> None:
        while True:
            with self._cond:
                while self._pending is None and not self._closed:
                    self._cond.wait()
                if self._closed:
                    return
                assert self._pending is not None
                (text, generation), self._pending = self._pending, None
                self._sequence += 1
                sequence = self._sequence
                self._running = sequence
            watchdog = self._start_watchdog(sequence, generation)
            result = self._run(text, generation)
            if watchdog is not None:
                watchdog.cancel()
            with self._cond:
                self._running = None
                closed = self._closed
                self._cond.notify_all()
            if not closed:
                self._deliver(result)

    def _run(self, text: str, generation: int) -> LaneResult:
        started = time.monotonic()
        try:
            findings = self._check(text)
        except GrammarUnavailableError as error:
            return LaneResult(generation, (), error.state, False, time.monotonic() - started)
        except Exception as error:  # noqa: BLE001 - the lane must survive any checker bug
            log.exception("Grammar check failed")
            state = GrammarState.unavailable(f"Grammar check failed: {error}", "", Fix.RETRY)
            return LaneResult(generation, (), state, False, time.monotonic() - started)
        elapsed = time.monotonic() - started
        state = self._state_of() if self._state_of is not None else GrammarState.ready()
        return LaneResult(generation, tuple(findings), state, False, elapsed)

    def _start_watchdog(self, sequence: int, generation: int) -> threading.Timer | None:
        if self._timeout_s is None:
            return None

        def expire() -> None:
            with self._cond:
                if self._running != sequence or self._closed:
                    return
            state = GrammarState.unavailable(
                f"LanguageTool did not answer within {self._timeout_s:g} s.",
                "The next change retries.",
                Fix.RETRY,
            )
            self._deliver(LaneResult(generation, (), state, True, self._timeout_s or 0.0))

        timer = threading.Timer(self._timeout_s, expire)
        timer.daemon = True
        timer.start()
        return timer

    def _deliver(self, result: LaneResult) -> None:
        try:
            self._on_result(result)
        except Exception:  # noqa: BLE001 - a broken callback must not kill the worker
            log.exception("Grammar result callback failed")
