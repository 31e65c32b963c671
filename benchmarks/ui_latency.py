"""UI responsiveness: start-up time, event-loop blocking while typing, keystroke-to-highlights.

Three measurements, written to ``docs/benchmarks.md`` between ``<!-- ui-latency:start -->`` and
``<!-- ui-latency:end -->`` (other scripts own the other sections):

1. **Start-up**: ``python -m tests.support.launch resources/samples/sample_posting.md`` in a
   fresh process (temporary config/data folders); from just before the process starts to the
   moment the window is up and the sample's first analysis is shown. Median of several runs.
2. **Longest event-loop block while typing** into a ~5,000-word posting: a 2 ms heartbeat timer
   records the gaps between its ticks while a scripted typist presses keys every 70 ms through
   ``QTest.keyClick`` (so key handling, layout, re-analysis hand-off and marker redraws all count).
3. **Last keystroke → updated highlights**: after each burst of typing, the time until the report
   for the final text has been drawn as highlights (the panels follow one event-loop turn later).

Run: ``python benchmarks/ui_latency.py`` (offscreen) or, on a real X server,
``xvfb-run -a python benchmarks/ui_latency.py --platform xcb``. ``--screenshot
docs/screenshot.png`` also saves the start-up window for the README.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "benchmarks"))

from _markers import write_section  # noqa: E402

SAMPLE = REPO / "resources" / "samples" / "sample_posting.md"
TARGET_WORDS = 5_300  # whitespace-split words, Markdown marks included; the engine counts ≥ 5,000


def startup_runs(runs: int, platform_name: str) -> list[float]:
    times = []
    for _ in range(runs):
        with tempfile.TemporaryDirectory() as folder:
            dump = Path(folder) / "dump.json"
            env = dict(os.environ)
            env.update(
                QT_QPA_PLATFORM=platform_name,
                POSTINGSTUDIO_CONFIG_DIR=f"{folder}/config",
                POSTINGSTUDIO_DATA_DIR=f"{folder}/data",
                POSTINGSTUDIO_TEST_DUMP=str(dump),
            )
            began = time.time()
            subprocess.run(
                [sys.executable, "-m", "tests.support.launch", str(SAMPLE)],
                cwd=REPO,
                env=env,
                check=True,
                timeout=120,
                capture_output=True,
            )
            times.append(json.loads(dump.read_text(encoding="utf-8"))["shown_at"] - began)
    return times


def long_posting() -> str:
    """About 5,000 words: the sample's sections repeated with numbered headings."""
    text = SAMPLE.read_text(encoding="utf-8")
    body = text.split("\n", 1)[1]
    parts, words, number = [text], len(text.split()), 2
    while words < TARGET_WORDS:
        chunk = body.replace("## ", f"## Part {number}: ")
        parts.append(chunk)
        words += len(chunk.split())
        number += 1
    return "\n".join(parts)


def typing_runs(bursts: int, keys_per_burst: int, screenshot: Path | None) -> dict[str, object]:
    from PySide6.QtCore import QElapsedTimer, QTimer
    from PySide6.QtGui import QTextCursor
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from postingstudio.core.plaintext import parse_text
    from postingstudio.paths import resources_dir
    from postingstudio.ui.shell.workspace import AppPaths, Workspace

    app = QApplication.instance() or QApplication([])
    folder = Path(tempfile.mkdtemp())
    ws = Workspace(AppPaths(folder / "c", folder / "d", folder / "l"), resources_dir())
    ws.window.resize(1280, 820)
    ws.start(str(SAMPLE))
    loop_until(app, lambda: current(ws))
    if screenshot is not None:
        for _ in range(20):
            app.processEvents()
        ws.window.grab().save(str(screenshot), "PNG")
    posting = parse_text(long_posting(), markdown=True)
    ws.session.load(posting)
    loop_until(app, lambda: current(ws))
    words = int(ws.analysis.latest.report.metrics["words"])
    findings = len(ws.analysis.latest.report.findings)
    analysis_seconds = ws.analysis.latest.seconds

    editor = ws.window.editor
    clock = QElapsedTimer()
    clock.start()
    gaps: list[float] = []
    last = [clock.nsecsElapsed()]

    def beat() -> None:
        now = clock.nsecsElapsed()
        gaps.append((now - last[0]) / 1e6)
        last[0] = now

    heartbeat = QTimer()
    heartbeat.setInterval(2)
    heartbeat.timeout.connect(beat)
    latencies: list[float] = []
    text = "You will own the roadmap and talk to customers every week "
    blocks = editor.document().blockCount()
    heartbeat.start()
    for burst in range(bursts):
        cursor = QTextCursor(
            editor.document().findBlockByNumber(blocks * (burst + 1) // (bursts + 1))
        )
        cursor.movePosition(QTextCursor.MoveOperation.EndOfBlock)
        editor.setTextCursor(cursor)
        for number, key in enumerate(text[:keys_per_burst]):
            QTest.keyClick(editor, key)
            typed_at = time.perf_counter()
            if number < keys_per_burst - 1:
                wait(app, 0.07)
        generation = ws.analysis.generation
        loop_until(app, lambda g=generation: current(ws) and ws.analysis.latest.generation == g)
        latencies.append(time.perf_counter() - typed_at)
        wait(app, 0.3)
    heartbeat.stop()
    ws.shutdown()
    blocked = sorted(max(0.0, gap - 2.0) for gap in gaps)
    return {
        "words": words,
        "findings": findings,
        "analysis_ms": analysis_seconds * 1000,
        "keys": bursts * keys_per_burst,
        "max_block_ms": blocked[-1],
        "p99_block_ms": blocked[int(len(blocked) * 0.99)],
        "latency_ms": [v * 1000 for v in latencies],
        "dropped": ws.analysis.dropped,
        "delay_ms": ws.analysis.delay_ms(),
    }


def current(ws) -> bool:  # noqa: ANN001
    latest = ws.analysis.latest
    return (
        latest is not None
        and latest.generation == ws.analysis.generation
        and ws.session.markers.result is latest
    )


def wait(app, seconds: float) -> None:  # noqa: ANN001
    end = time.perf_counter() + seconds
    while time.perf_counter() < end:
        app.processEvents()
        time.sleep(0.001)


def loop_until(app, predicate, timeout: float = 60.0) -> None:  # noqa: ANN001
    end = time.perf_counter() + timeout
    while not predicate():
        if time.perf_counter() > end:
            raise TimeoutError("the UI did not catch up")
        app.processEvents()
        time.sleep(0.001)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--platform", default=os.environ.get("QT_QPA_PLATFORM", "offscreen"))
    parser.add_argument("--startup-runs", type=int, default=5)
    parser.add_argument("--bursts", type=int, default=6)
    parser.add_argument("--keys", type=int, default=40)
    parser.add_argument("--screenshot", type=Path)
    parser.add_argument("--no-write", action="store_true", help="print only")
    options = parser.parse_args()
    os.environ["QT_QPA_PLATFORM"] = options.platform

    startup = startup_runs(options.startup_runs, options.platform)
    typing = typing_runs(options.bursts, options.keys, options.screenshot)
    from PySide6 import __version__ as pyside

    latencies = typing["latency_ms"]
    verdict = lambda ok: "✅" if ok else "❌"  # noqa: E731
    median_start = statistics.median(startup)
    rows = [
        (
            f"start-up to window with the sample analysed (median of {len(startup)}; min–max)",
            f"{median_start:.2f} s ({min(startup):.2f}–{max(startup):.2f} s)",
            f"≤ 2 s {verdict(median_start <= 2)}",
        ),
        (
            f"longest event-loop block while typing {typing['keys']} keys "
            f"into {typing['words']:,} words",
            f"{typing['max_block_ms']:.0f} ms (99th percentile {typing['p99_block_ms']:.0f} ms)",
            f"≤ 50 ms {verdict(typing['max_block_ms'] <= 50)}",
        ),
        (
            f"last keystroke → highlights updated ({len(latencies)} bursts; median, max)",
            f"{statistics.median(latencies):.0f} ms, {max(latencies):.0f} ms",
            f"≤ 400 ms {verdict(max(latencies) <= 400)}",
        ),
    ]
    delay = typing["delay_ms"]
    debounce = (
        "the full 300 ms debounce (kept: the analysis turnaround fits the budget)"
        if delay >= 300
        else f"the debounce (300 ms, shortened to {delay} ms for this posting so that "
        "debounce + analysis stay inside the budget)"
    )
    lines = [
        f"Measured {time.strftime('%Y-%m-%d')} on {platform.machine()} with {os.cpu_count()} "
        f"CPUs (load average {os.getloadavg()[0]:.1f} at the end), Python "
        f"{platform.python_version()}, PySide6 {pyside}, Qt platform `{options.platform}`.",
        "",
        "| measure | result | target |",
        "|---|---|---|",
        *[f"| {a} | {b} | {c} |" for a, b, c in rows],
        "",
        f"The latency runs from the last key press to the drawn highlights and includes "
        f"{debounce}. One analysis of the "
        f"{typing['words']:,}-word posting ({typing['findings']} findings) took "
        f"{typing['analysis_ms']:.0f} ms on the worker thread. Stale results dropped while "
        f"typing: {typing['dropped']}.",
        "",
        "Reproduce: `python benchmarks/ui_latency.py` (add `--platform xcb` under `xvfb-run -a`).",
    ]
    body = "\n".join(lines) + "\n"
    print(body)
    if not options.no_write:
        write_section(REPO / "docs" / "benchmarks.md", "ui-latency", "Editor responsiveness", body)
    return 0


if __name__ == "__main__":
    sys.exit(main())
