"""Fuzzing the reader (and the exporters) with mutated corpus files.

3,000 cases by default (``POSTINGSTUDIO_FUZZ_CASES`` to change), fixed seed, in two worker
processes whose address space is capped at their start size plus 1.5 GB. Every case must end in
a Posting or a :class:`DocumentError`: no other exception, no case over 2 s of CPU time (CPU,
not wall clock, so a busy CI machine does not make it flaky; a 20 s wall-clock watchdog catches
hangs), and peak memory stays bounded.
"""

from __future__ import annotations

import collections
import json
import multiprocessing
import os
import sys

import pytest

from .conftest import corpus_docx_files
from .fuzz_worker import init_worker, run_case

SEED = 20_261_127
CASES = int(os.environ.get("POSTINGSTUDIO_FUZZ_CASES", "3000"))
CPU_LIMIT = 2.0
EXTRA_MEMORY = 1536 * 1024 * 1024
PEAK_RSS_LIMIT = 1024 * 1024 * 1024


def test_fuzzed_corpus_files_never_crash_hang_or_balloon(tmp_path, record_property):
    files = [str(path) for path in corpus_docx_files()]
    if not files:
        pytest.skip("shared corpus not found (set POSTINGSTUDIO_SHARED)")
    jobs = [(case, SEED, files[case % len(files)], str(tmp_path)) for case in range(CASES)]
    context = multiprocessing.get_context("fork" if sys.platform.startswith("linux") else "spawn")
    with context.Pool(
        2, initializer=init_worker, initargs=(EXTRA_MEMORY,), maxtasksperchild=500
    ) as pool:
        results = pool.map(run_case, jobs, chunksize=8)
    outcomes = collections.Counter(result["outcome"] for result in results)
    slowest = max(results, key=lambda r: r["cpu"])
    stats = {
        "cases": len(results),
        "outcomes": dict(outcomes),
        "exported": sum(1 for r in results if r["exported"] and r["outcome"] == "posting"),
        "max_cpu_s": round(slowest["cpu"], 3),
        "max_wall_s": round(max(r["wall"] for r in results), 3),
        "slowest_file": slowest["file"],
        "peak_rss_mb": round(max(r["peak_rss"] for r in results) / 1048576, 1),
    }
    record_property("fuzz", json.dumps(stats))
    print("fuzz:", json.dumps(stats))
    crashes = [r for r in results if r["outcome"] == "CRASH"]
    assert not crashes, "\n\n".join(
        f"case {r['case']} ({r['file']}): {r['detail']}" for r in crashes[:5]
    )
    assert len(results) == CASES
    assert slowest["cpu"] <= CPU_LIMIT, (
        f"case {slowest['case']} ({slowest['file']}) took {slowest['cpu']:.2f}s"
    )
    assert stats["peak_rss_mb"] * 1048576 <= PEAK_RSS_LIMIT
    assert outcomes["posting"] > CASES // 10, "mutations should still leave many readable files"
