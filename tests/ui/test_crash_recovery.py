"""Kill -9 the real app mid-edit, start it again, and check the typed text comes back.

Runs ``python -m postingstudio`` in subprocesses (offscreen, temporary config and data folders)
with the test hooks in :mod:`postingstudio.ui.test_hooks`.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

TYPED = "Zebra-striped onboarding sentence typed before the crash."


def _env(tmp_path: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("POSTINGSTUDIO_TEST_")}
    env.update(
        QT_QPA_PLATFORM="offscreen",
        POSTINGSTUDIO_CONFIG_DIR=str(tmp_path / "config"),
        POSTINGSTUDIO_DATA_DIR=str(tmp_path / "data"),
        **extra,
    )
    return env


def _wait_for(predicate, timeout: float, process: subprocess.Popen) -> None:
    deadline = time.monotonic() + timeout
    while not predicate():
        if process.poll() is not None:
            raise AssertionError(f"app exited early: {process.stderr.read().decode()[-2000:]}")
        if time.monotonic() > deadline:
            raise AssertionError("timed out")
        time.sleep(0.05)  # polling a file written by another process; not a fixed wait


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs POSIX kill -9")
def test_killed_app_offers_the_typed_text_back(tmp_path):
    source = tmp_path / "job.md"
    source.write_text("# Warehouse Operative\n\nWe are hiring.\n", encoding="utf-8")
    recovery = tmp_path / "data" / "recovery" / "recovery.json"
    first = subprocess.Popen(
        [sys.executable, "-m", "postingstudio", str(source)],
        env=_env(tmp_path, POSTINGSTUDIO_TEST_TYPE=TYPED),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    try:
        _wait_for(
            lambda: recovery.exists() and TYPED in recovery.read_text(encoding="utf-8"),
            60,
            first,
        )
        first.send_signal(signal.SIGKILL)
        first.wait(10)
    finally:
        if first.poll() is None:
            first.kill()
    assert first.returncode == -signal.SIGKILL
    assert recovery.exists()

    dump = tmp_path / "dump.json"
    second = subprocess.run(
        [sys.executable, "-m", "postingstudio"],
        env=_env(tmp_path, POSTINGSTUDIO_TEST_RESTORE="accept", POSTINGSTUDIO_TEST_DUMP=str(dump)),
        capture_output=True,
        timeout=120,
    )
    assert second.returncode == 0, second.stderr.decode()[-2000:]
    data = json.loads(dump.read_text(encoding="utf-8"))
    assert TYPED.strip() in data["text"]
    assert "Warehouse Operative" in data["text"]
    assert data["modified"] is True
    assert data["title"].startswith("job.md")
