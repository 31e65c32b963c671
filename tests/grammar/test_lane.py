"""GrammarLane: one request at a time, latest pending wins, stale generations are the
caller's to drop, and nothing ever raises into the caller. No timings are asserted: tests
block the fake check on events and wait with ``wait_idle``."""

from __future__ import annotations

import threading

from postingstudio.core.findings import Category, Finding, FindingSource, Severity
from postingstudio.grammar import (
    GrammarChecker,
    GrammarLane,
    GrammarUnavailableError,
    LaneResult,
    StateKind,
)
from postingstudio.grammar.state import Fix, unavailable


def _finding(text: str) -> Finding:
    return Finding(
        "languagetool.X",
        Category.GRAMMAR,
        Severity.WARNING,
        0,
        len(text),
        text,
        "m",
        "w",
        "s",
        origin=FindingSource.GRAMMAR,
    )


class BlockingCheck:
    """Records what was checked; each call waits until the test lets it go."""

    def __init__(self) -> None:
        self.seen: list[str] = []
        self.entered = threading.Event()
        self.go = threading.Event()

    def __call__(self, text: str) -> tuple[Finding, ...]:
        self.seen.append(text)
        self.entered.set()
        assert self.go.wait(10)
        return (_finding(text),)


def test_only_the_latest_pending_request_runs() -> None:
    check = BlockingCheck()
    results: list[LaneResult] = []
    lane = GrammarLane(check, results.append)
    lane.submit("first", 1)
    assert check.entered.wait(5)  # "first" is running
    for generation in range(2, 7):  # typing while LanguageTool is busy
        lane.submit(f"edit {generation}", generation)
    check.go.set()
    assert lane.wait_idle(10)
    assert check.seen == ["first", "edit 6"]
    assert [r.generation for r in results] == [1, 6]
    assert results[-1].findings[0].text == "edit 6"
    assert results[-1].ok
    lane.close()


def test_stale_generations_can_be_dropped_by_the_caller() -> None:
    check = BlockingCheck()
    current = {"generation": 0}
    shown: list[int] = []

    def on_result(result: LaneResult) -> None:
        if result.generation == current["generation"]:  # what the UI does
            shown.append(result.generation)

    lane = GrammarLane(check, on_result)
    current["generation"] = 1
    lane.submit("one", 1)
    assert check.entered.wait(5)
    current["generation"] = 2  # the user typed; generation 1 is stale
    check.go.set()
    assert lane.wait_idle(10)
    assert shown == []
    lane.submit("two", 2)
    assert lane.wait_idle(10)
    assert shown == [2]
    lane.close()


def test_failures_are_results_not_exceptions() -> None:
    calls = iter(
        [unavailable("LanguageTool answered HTTP 500.", "", Fix.RETRY), RuntimeError("bug")]
    )

    def check(text: str) -> tuple[Finding, ...]:
        raise next(calls)

    results: list[LaneResult] = []
    lane = GrammarLane(check, results.append)
    lane.submit("a", 1)
    assert lane.wait_idle(10)
    lane.submit("b", 2)
    assert lane.wait_idle(10)
    assert [r.state.kind for r in results] == [StateKind.UNAVAILABLE] * 2
    assert "HTTP 500" in results[0].state.reason
    assert "bug" in results[1].state.reason
    assert not any(r.ok for r in results)
    lane.close()


def test_a_broken_callback_does_not_stop_the_lane() -> None:
    seen: list[int] = []

    def on_result(result: LaneResult) -> None:
        seen.append(result.generation)
        raise ValueError("UI bug")

    lane = GrammarLane(lambda text: (), on_result)
    lane.submit("a", 1)
    assert lane.wait_idle(10)
    lane.submit("b", 2)
    assert lane.wait_idle(10)
    assert seen == [1, 2]
    lane.close()


def test_watchdog_reports_a_hung_request_then_delivers_the_late_result() -> None:
    check = BlockingCheck()
    results: list[LaneResult] = []
    timed_out = threading.Event()

    def on_result(result: LaneResult) -> None:
        results.append(result)
        if result.timed_out:
            timed_out.set()

    lane = GrammarLane(check, on_result, timeout_s=0.2)
    lane.submit("slow", 1)
    assert timed_out.wait(10)
    assert results[0].state.kind is StateKind.UNAVAILABLE
    check.go.set()
    assert lane.wait_idle(10)
    assert [r.timed_out for r in results] == [True, False]
    lane.close()


def test_submit_after_close_is_ignored_and_worker_starts_lazily() -> None:
    lane = GrammarLane(lambda text: (), lambda result: None)
    assert lane._thread is None  # no thread until grammar is first used
    lane.close()
    lane.submit("late", 1)
    assert not lane.busy


def test_lane_over_a_real_checker_reports_its_state(checker: GrammarChecker) -> None:
    results: list[LaneResult] = []
    lane = GrammarLane.for_checker(checker, results.append)
    lane.submit("We need a engineer.", 1)
    assert lane.wait_idle(10)
    assert results[0].state.kind is StateKind.READY
    assert [f.text for f in results[0].findings] == ["a "]
    lane.close(timeout_s=5)


def test_unavailable_carries_fix() -> None:
    error = unavailable("x", "y", Fix.RETRY)
    assert isinstance(error, GrammarUnavailableError)
    assert (error.reason, error.fix_hint, error.fix) == ("x", "y", Fix.RETRY)
