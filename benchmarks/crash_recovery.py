"""Crash recovery under kill -9: the real app killed at random moments 0.2–3 s after typing.

Each of ``--kills`` rounds starts ``python -m postingstudio`` (offscreen, temporary folders),
accepts the restore offer left by the round before, types 3–12 new words, and is killed with
SIGKILL a random 0.2–3.0 s after the typing. A final clean start restores the last round and
every word typed in all rounds is looked for in what it shows. Also measured: the delay from a
change to its journal record on disk (``JournalWriter``'s coalescing timer plus one append).

Run: ``.venv/bin/python benchmarks/crash_recovery.py --kills 50`` (writes the
``crash-recovery`` section of ``docs/benchmarks.md``).
"""

from __future__ import annotations

import argparse
import os
import platform
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "benchmarks"))
sys.path.insert(0, str(REPO))

from _markers import write_section  # noqa: E402
from tests.ui import crash_driver  # noqa: E402


def journal_latency(keys: int = 300) -> list[float]:
    """Milliseconds from each first unsaved keystroke to its journal record being on disk.

    A real window (offscreen) and the real ``JournalWriter``; keys are pressed through
    ``QTest.keyClick`` 10–80 ms apart. The clock starts just before the oldest keystroke not
    yet written is pressed and stops when the journal append has returned (the fsync follows
    on a thread of its own).
    """
    import random

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from postingstudio.paths import resources_dir
    from postingstudio.ui.shell.workspace import AppPaths, Workspace

    app = QApplication.instance() or QApplication([])
    delays: list[float] = []
    with tempfile.TemporaryDirectory() as folder:
        home = Path(folder)
        paths = AppPaths(home / "config", home / "data", home / "data" / "logs")
        workspace = Workspace(paths, resources_dir())
        workspace.start(show=True)
        writer = workspace.recovery.writer
        first: list[float] = []  # when the oldest keystroke not yet on disk was pressed

        def written() -> None:
            if first:
                delays.append((time.perf_counter() - first.pop()) * 1000)

        writer.saved.connect(written)
        chance = random.Random(7)
        editor = workspace.window.editor
        for _ in range(keys):
            if not first:
                first.append(time.perf_counter())
            QTest.keyClick(editor, Qt.Key.Key_A)  # a write inside it counts from the press
            QTest.qWait(chance.randint(10, 80))
        QTest.qWait(300)
        workspace.shutdown()
        app.processEvents()
    return delays


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--kills", type=int, default=50)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--no-write", action="store_true")
    options = parser.parse_args()
    latency = sorted(journal_latency())
    median = latency[len(latency) // 2]
    p99 = latency[min(len(latency) - 1, int(len(latency) * 0.99))]
    started = time.monotonic()
    with tempfile.TemporaryDirectory() as folder:
        home = Path(folder)
        source = home / "job.md"
        source.write_text("# Warehouse Operative\n\nWe are hiring.\n", encoding="utf-8")
        result = crash_driver.kill_rounds(home, options.kills, options.seed, source)
    took = time.monotonic() - started
    delays = result["delays"]
    lines = [
        f"Command: `.venv/bin/python benchmarks/crash_recovery.py --kills {options.kills} "
        f"--seed {options.seed}` ({platform.python_version()}, offscreen, {took:.0f} s).",
        "",
        "| kills | kill moment after typing | words typed | words lost |",
        "|---|---|---|---|",
        f"| {len(delays)} | {min(delays):.2f}–{max(delays):.2f} s (random) | {result['typed']} | "
        f"{len(result['lost'])} |",
        "",
        "Each round restores the previous round's journal, types, and is killed; the last "
        "restore must show every word of every round.",
        "",
        f"Keystroke to journal on disk (real window, {len(latency)} coalesced writes, keys "
        f"10–80 ms apart): median {median:.0f} ms, 99th percentile {p99:.0f} ms, "
        f"worst {latency[-1]:.0f} ms (promise: 150 ms).",
    ]
    text = "\n".join(lines)
    print(text)
    if result["lost"]:
        print("lost:", result["lost"])
    if not options.no_write:
        write_section(REPO / "docs" / "benchmarks.md", "crash-recovery", "Crash recovery", text)
    return 1 if result["lost"] else 0


if __name__ == "__main__":
    sys.exit(main())
