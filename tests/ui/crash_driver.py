"""Drives the real app in subprocesses for the kill -9 tests and ``benchmarks/crash_recovery.py``.

Each round starts ``python -m tests.support.launch`` (the real app plus the scripted hooks;
offscreen, temporary folders), lets the test hooks (:mod:`tests.support.test_hooks`) accept
any restore offer and type new words, waits for the hooks' mark, sleeps a random 0.2–3 s,
and kills the process with SIGKILL. The next round's
restore must bring back every word typed so far; :func:`final_text` reads what a clean restart
shows.
"""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]  # the launcher runs as ``-m tests.support.launch``


def app_env(home: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("POSTINGSTUDIO_TEST_")}
    env.update(
        QT_QPA_PLATFORM="offscreen",
        POSTINGSTUDIO_CONFIG_DIR=str(home / "config"),
        POSTINGSTUDIO_DATA_DIR=str(home / "data"),
        **extra,
    )
    return env


def start(home: Path, args: list[str], **hooks: str) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "tests.support.launch", *args],
        cwd=REPO,
        env=app_env(home, **hooks),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )


def wait_for(path: Path, process: subprocess.Popen, timeout: float = 90) -> None:
    deadline = time.monotonic() + timeout
    while not path.exists():
        if process.poll() is not None:
            raise AssertionError(f"app exited early: {process.stderr.read().decode()[-2000:]}")
        if time.monotonic() > deadline:
            process.kill()
            raise AssertionError("timed out waiting for the app")
        time.sleep(0.02)  # polling a file another process writes; not a fixed wait


def kill(process: subprocess.Popen) -> None:
    process.send_signal(signal.SIGKILL)
    process.wait(10)
    assert process.returncode == -signal.SIGKILL


def typed_then_killed(
    home: Path, args: list[str], words: str, delay: float, restore: str = "accept"
) -> None:
    """One round: start (answering the offer), type ``words``, kill ``delay`` s after typing."""
    mark = home / f"mark-{time.monotonic_ns()}"
    process = start(
        home,
        args,
        POSTINGSTUDIO_TEST_RESTORE=restore,
        POSTINGSTUDIO_TEST_TYPE=words,
        POSTINGSTUDIO_TEST_MARK=str(mark),
    )
    try:
        wait_for(mark, process)
        time.sleep(delay)
    finally:
        kill(process)


def final_state(home: Path, answer: str = "accept") -> dict:
    """Start again, answer the offer, and return the test hooks' dump of every window."""
    dump = home / f"dump-{time.monotonic_ns()}.json"
    done = subprocess.run(
        [sys.executable, "-m", "tests.support.launch"],
        cwd=REPO,
        env=app_env(home, POSTINGSTUDIO_TEST_RESTORE=answer, POSTINGSTUDIO_TEST_DUMP=str(dump)),
        capture_output=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr.decode()[-2000:]
    return json.loads(dump.read_text(encoding="utf-8"))


def kill_rounds(home: Path, rounds: int, seed: int, source: Path | None = None) -> dict:
    """``rounds`` kills at random moments; returns words typed, words lost and the delays."""
    chance = random.Random(seed)
    typed: list[str] = []
    delays = []
    for number in range(rounds):
        words = [f"zq{number}w{index}" for index in range(chance.randint(3, 12))]
        delay = chance.uniform(0.2, 3.0)
        args = [str(source)] if source is not None and number == 0 else []
        typed_then_killed(home, args, " " + " ".join(words), delay)  # a space after the text
        typed += words
        delays.append(delay)
    state = final_state(home)
    shown = " ".join(window["text"] for window in state["windows"]).split()
    lost = [word for word in typed if word not in shown]
    return {"typed": len(typed), "lost": lost, "delays": delays, "state": state}
