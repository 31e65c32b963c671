"""The one background task runner: latest wins, failures delivered, UI thread, shutdown waits."""

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
