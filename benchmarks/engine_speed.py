"""Speed of the analysis engine against its peers, on every posting of the shared corpus.

Prints and records in docs/benchmarks.md (between the engine-speed markers):
- median and p95 ms per posting for the full analysis (no grammar), CPU time;
- the same for textstat alone (its six readability metrics) and for proselint (all checks),
  on the same texts in the same run, as ratios;
- linearity: time for a text 10x as long, as a multiple of the time for the original;
- CLI throughput: ``postingstudio check`` over 500 corpus postings written as files, against
  ``proselint check`` over the same files (wall time, one process each);
- start-up: ``postingstudio check`` on one file, and the CMU dictionary load.

Run: ``python benchmarks/engine_speed.py [--limit N] [--no-write]``
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

CORPUS = Path(os.environ.get("POSTINGSTUDIO_SHARED", REPO.parent / "shared")) / "corpus"


def cpu_ms(function, items) -> list[float]:
    timings = []
    for item in items:
        start = time.process_time()
        function(item)
        timings.append((time.process_time() - start) * 1000)
    return timings


def summary(timings: list[float]) -> tuple[float, float]:
    ordered = sorted(timings)
    return statistics.median(ordered), ordered[int(len(ordered) * 0.95) - 1]


def textstat_alone():
    from postingstudio.core.syllables import import_textstat

    textstat = import_textstat()

    def run(text: str) -> None:
        textstat.flesch_reading_ease(text)
        textstat.flesch_kincaid_grade(text)
        textstat.gunning_fog(text)
        textstat.smog_index(text)
        textstat.dale_chall_readability_score(text)
        textstat.reading_time(text)

    return run


def proselint_alone():
    from proselint.checks import __register__
    from proselint.config import DEFAULT
    from proselint.registry import CheckRegistry
    from proselint.tools import LintFile

    CheckRegistry().register_many(__register__)
    return lambda text: LintFile("posting.txt", text).lint(DEFAULT)


def wall(command: list[str], cwd: Path | None = None) -> float:
    start = time.perf_counter()
    subprocess.run(command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--limit", type=int, default=0, help="only the first N postings")
    parser.add_argument("--no-write", action="store_true")
    args = parser.parse_args()
    postings_file = CORPUS / "postings" / "postings.jsonl"
    if not postings_file.exists():
        print(f"shared corpus not found at {postings_file}; nothing to measure")
        return 1
    with postings_file.open(encoding="utf-8") as handle:
        texts = [json.loads(line)["text"] for line in handle]
    if args.limit:
        texts = texts[: args.limit]

    start = time.perf_counter()
    from postingstudio.core.syllables import cmu_syllables

    cmu_syllables()
    cmu_load_ms = (time.perf_counter() - start) * 1000
    from postingstudio.core.analyse import analyse
    from postingstudio.core.plaintext import parse_text
    from postingstudio.core.rules.rulebook import default_rulebook

    book = default_rulebook()
    full = lambda text: analyse(parse_text(text), book)  # noqa: E731
    for text in texts[:30]:  # warm caches fairly for every contender
        full(text)
    ours = cpu_ms(full, texts)
    ts_run = textstat_alone()
    theirs_textstat = cpu_ms(ts_run, texts)
    pl_run = proselint_alone()
    theirs_proselint = cpu_ms(pl_run, texts)

    typical = sorted(texts, key=len)[len(texts) // 2]
    long_text = "\n".join([typical] * 10)
    one = min(cpu_ms(full, [typical] * 15))
    ten = min(cpu_ms(full, [long_text] * 5))

    sample = texts[:500]
    with tempfile.TemporaryDirectory() as folder:
        paths = []
        for number, text in enumerate(sample):
            path = Path(folder) / f"posting_{number:04d}.txt"
            path.write_text(text, encoding="utf-8")
            paths.append(str(path))
        bin_dir = Path(sys.executable).parent
        ours_cli = wall([str(bin_dir / "postingstudio"), "check", "--format", "json", *paths])
        proselint_cli = wall([str(bin_dir / "proselint"), "check", *paths])
        startup = min(wall([str(bin_dir / "postingstudio"), "check", paths[0]]) for _ in range(5))

    m_ours, p_ours = summary(ours)
    m_ts, p_ts = summary(theirs_textstat)
    m_pl, p_pl = summary(theirs_proselint)
    lines = [
        f"Measured {time.strftime('%Y-%m-%d')} on {platform.machine()}, Python "
        f"{platform.python_version()}, {os.cpu_count()} cores; {len(texts)} corpus postings "
        "(CPU time per posting, same texts, same run).",
        "",
        "| contender | median ms | p95 ms | Posting Studio's median time ÷ its |",
        "|---|---|---|---|",
        f"| Posting Studio full analysis (rules, sections, salary, readability, scores) | "
        f"{m_ours:.2f} | {p_ours:.2f} | 1.0× |",
        f"| textstat alone (6 readability metrics) | {m_ts:.2f} | {p_ts:.2f} | "
        f"{m_ours / m_ts:.2f}× (target ≤ 1×) |",
        f"| proselint (all checks) | {m_pl:.2f} | {p_pl:.2f} | {m_ours / m_pl:.2f}× |",
        "",
        f"- Linearity: a posting 10× as long ({len(long_text):,} chars) takes "
        f"{ten / one:.1f}× the time of the original ({one:.2f} ms → {ten:.2f} ms; target ≤ 12×).",
        f"- CLI over 500 postings as files: `postingstudio check` {ours_cli:.1f} s "
        f"({500 / ours_cli:.0f} postings/s) vs `proselint check` {proselint_cli:.1f} s "
        f"({500 / proselint_cli:.0f} postings/s): {proselint_cli / ours_cli:.1f}× faster.",
        f"- Start-up: `postingstudio check` on one file {startup * 1000:.0f} ms wall (best of 5, "
        f"no Qt imported); CMU dictionary load {cmu_load_ms:.0f} ms, once per process.",
        "",
        "Reproduce: `python benchmarks/engine_speed.py`",
    ]
    report = "\n".join(lines)
    print(report)
    if not args.no_write:
        target = REPO / "docs" / "benchmarks.md"
        write_section(target, "engine-speed", "Analysis engine speed", report)
    return 0


if __name__ == "__main__":
    sys.exit(main())
