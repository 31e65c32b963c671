"""Kill -9 the real app at random moments after typing; every word comes back.

Runs ``python -m postingstudio`` in subprocesses (see :mod:`tests.ui.crash_driver`). The
50-kill version with its figures is ``benchmarks/crash_recovery.py``.
"""

from __future__ import annotations

import signal
import time

import pytest

from . import crash_driver as driver

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs POSIX kill -9")


def test_random_kills_after_typing_lose_no_word(tmp_path):
    source = tmp_path / "job.md"
    source.write_text("# Warehouse Operative\n\nWe are hiring.\n", encoding="utf-8")
    result = driver.kill_rounds(tmp_path, rounds=3, seed=14, source=source)
    assert result["lost"] == []
    state = result["state"]
    assert "Warehouse Operative" in state["text"]
    assert state["modified"] is True
    assert state["title"].startswith("job.md")
    assert len(state["windows"]) == 1  # each round restored the one before: no duplicates


def test_two_instances_keep_their_own_work(tmp_path):
    a, b = tmp_path / "a.md", tmp_path / "b.md"
    a.write_text("# Alpha role\n\nAlpha text.\n", encoding="utf-8")
    b.write_text("# Beta role\n\nBeta text.\n", encoding="utf-8")
    marks = [tmp_path / "mark-a", tmp_path / "mark-b"]
    first, second = (
        driver.start(
            tmp_path, [str(path)], POSTINGSTUDIO_TEST_TYPE=word, POSTINGSTUDIO_TEST_MARK=str(mark)
        )
        for path, word, mark in ((a, "alphaword", marks[0]), (b, "betaword", marks[1]))
    )
    try:
        driver.wait_for(marks[0], first)
        driver.wait_for(marks[1], second)
        folders = list((tmp_path / "data" / "recovery").iterdir())
        assert len(folders) == 2  # one journal per instance, never a shared file
        time.sleep(0.2)  # the journal's promise is 150 ms after the last keystroke
    finally:
        for process in (first, second):
            driver.kill(process)
    windows = driver.final_state(tmp_path)["windows"]
    by_title = {w["title"].split("[")[0]: w["text"] for w in windows}
    assert set(by_title) == {"a.md", "b.md"}
    assert "alphaword" in by_title["a.md"] and "Beta" not in by_title["a.md"]
    assert "betaword" in by_title["b.md"] and "Alpha" not in by_title["b.md"]


def test_an_unanswered_offer_survives_a_second_crash(tmp_path):
    driver.typed_then_killed(tmp_path, [], "firstcrashword", delay=0.2)
    mark = tmp_path / "mark-unanswered"
    unanswered = driver.start(tmp_path, [], POSTINGSTUDIO_TEST_MARK=str(mark))
    try:
        driver.wait_for(mark, unanswered)
    finally:
        driver.kill(unanswered)  # the offer was never answered
    state = driver.final_state(tmp_path)
    assert "firstcrashword" in state["text"]
