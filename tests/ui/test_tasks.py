"""The one background task runner: latest wins, failures delivered, UI thread, shutdown waits.

Serial lanes carry what ``GrammarLane``'s tests asserted before grammar moved onto the runner:
one request at a time, only the latest waiting one runs, a stale answer is dropped, a broken
callback does not stop the lane, nothing runs after shutdown."""

from __future__ import annotations

import threading

from PySide6.QtCore import QThread

from postingstudio.ui.common.tasks import TaskRunner


def test_latest_wins_drops_stale_results(qtbot):
    runner = TaskRunner()
    release = threading.Event()
    got: list[str] = []
    runner.task(lambda: (release.wait(5), "old")[1], lane="a").success(got.append).run()
    runner.task(lambda: "new", lane="a").success(got.append).run()
    release.set()
    qtbot.waitUntil(lambda: got == ["new"])
    assert runner.shutdown()
    assert got == ["new"]


def test_failure_callback_gets_the_exception(qtbot):
    runner = TaskRunner()
    errors: list[BaseException] = []
    ok: list[object] = []

    def boom():
        raise ValueError("bad input")

    runner.task(boom, lane="b").success(ok.append).failure(errors.append).run()
    qtbot.waitUntil(lambda: bool(errors))
    assert isinstance(errors[0], ValueError) and str(errors[0]) == "bad input"
    assert ok == []
    runner.shutdown()


def test_success_runs_on_the_ui_thread(qtbot):
    runner = TaskRunner()
    seen: list[tuple[bool, bool]] = []
    ui = QThread.currentThread()

    def work():
        return QThread.currentThread() is not ui

    def done(off_ui):
        seen.append((off_ui, QThread.currentThread() is ui))

    runner.task(work).success(done).run()
    qtbot.waitUntil(lambda: bool(seen))
    assert seen == [(True, True)]
    runner.shutdown()


def test_shutdown_waits_for_running_tasks(qtbot):
    runner = TaskRunner()
    started, release, done = threading.Event(), threading.Event(), threading.Event()

    def work():
        started.set()
        release.wait(5)
        done.set()

    runner.task(work, lane="c").run()
    assert started.wait(5)
    threading.Timer(0.05, release.set).start()
    assert runner.shutdown()
    assert done.is_set()


class BlockingWork:
    """Records what ran; each call waits until the test lets it go (no timings asserted)."""

    def __init__(self) -> None:
        self.seen: list[str] = []
        self.entered = threading.Event()
        self.go = threading.Event()

    def __call__(self, text: str) -> str:
        self.seen.append(text)
        self.entered.set()
        assert self.go.wait(10)
        return text


def test_a_serial_lane_runs_only_the_latest_waiting_task(qtbot):
    # What the grammar lane relies on: typing while LanguageTool is busy checks the posting once
    # more, in its final form, not once per edit; the answer for the old text is dropped.
    runner = TaskRunner()
    runner.serialise("g")
    work = BlockingWork()
    got: list[str] = []
    runner.task(work, "first", lane="g").success(got.append).run()
    assert work.entered.wait(5)  # "first" is running
    for n in range(2, 7):
        runner.task(work, f"edit {n}", lane="g").success(got.append).run()
    assert runner.busy("g")
    work.go.set()
    qtbot.waitUntil(lambda: got == ["edit 6"], timeout=10_000)
    assert work.seen == ["first", "edit 6"]
    assert runner.dropped("g") == 1  # "first" finished, and was stale
    qtbot.waitUntil(lambda: not runner.busy("g"))
    assert runner.shutdown()


def test_a_serial_lane_holds_one_worker_however_much_waits(qtbot):
    runner = TaskRunner(max_threads=2)
    runner.serialise("g")
    work = BlockingWork()
    runner.task(work, "slow", lane="g").run()
    assert work.entered.wait(5)
    for n in range(5):
        runner.task(work, f"waiting {n}", lane="g").run()
    other: list[str] = []
    runner.task(lambda: "analysed", lane="analysis").success(other.append).run()
    qtbot.waitUntil(lambda: other == ["analysed"], timeout=10_000)  # the second worker was free
    work.go.set()
    qtbot.waitUntil(lambda: not runner.busy("g"), timeout=10_000)
    assert work.seen == ["slow", "waiting 4"]
    assert runner.shutdown()


def test_a_failing_callback_does_not_stop_the_lane(qtbot):
    runner = TaskRunner()
    seen: list[str] = []

    def broken(value: str) -> None:
        seen.append(value)
        raise ValueError("UI bug")

    with qtbot.capture_exceptions() as raised:
        runner.task(lambda: "a", lane="d").success(broken).run()
        qtbot.waitUntil(lambda: seen == ["a"])
        runner.task(lambda: "b", lane="d").success(seen.append).run()
        qtbot.waitUntil(lambda: seen == ["a", "b"])
    assert [str(error) for _type, error, _tb in raised] == ["UI bug"]  # reported, not eaten
    runner.shutdown()


def test_run_on_main_reaches_the_ui_thread_and_stops_at_shutdown(qtbot):
    runner = TaskRunner()
    ui = QThread.currentThread()
    calls: list[bool] = []

    def from_worker() -> None:
        runner.run_on_main(lambda: calls.append(QThread.currentThread() is ui))

    runner.task(from_worker).run()
    qtbot.waitUntil(lambda: calls == [True])
    assert runner.shutdown()
    runner.run_on_main(lambda: calls.append(False))
    qtbot.wait(50)  # lets queued calls be delivered, if any were
    assert calls == [True]


def test_a_task_submitted_after_shutdown_never_runs(qtbot):
    runner = TaskRunner()
    runner.serialise("g")
    assert runner.shutdown()
    ran = threading.Event()
    assert runner.task(ran.set, lane="g").run() == 0
    assert not runner.busy("g")
    assert runner.shutdown() and not ran.is_set()  # waits for anything that did start


def test_workers_never_hold_the_process_open(qtbot):
    # A task still blocked in the network when the app quits (a hung LanguageTool, a download)
    # must not keep the process alive after shutdown gave up waiting for it.
    runner = TaskRunner()
    got: list[bool] = []
    runner.task(lambda: threading.current_thread().daemon).success(got.append).run()
    qtbot.waitUntil(lambda: got == [True])
    assert runner.shutdown()
