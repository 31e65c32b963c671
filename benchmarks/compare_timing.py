"""Time ``core.compare.compare`` for mine + 5 competitors on real ``dev`` postings.

Analysis (``analyse``) is not timed: the UI already has each posting's report. "cold" clears the
per-report preparation cache first (a fresh comparison); "warm" reruns it with the same reports
(the writer edited nothing). The UI's usual case, mine edited and competitors unchanged, lies
between the two.

    python benchmarks/compare_timing.py [SOURCE]      # default glassdoor_ds
"""

from __future__ import annotations

import json
import statistics
import sys
import time
from pathlib import Path

from postingstudio.core.analyse import analyse
from postingstudio.core.compare import compare
from postingstudio.core.compare import offer as compare_offer
from postingstudio.core.plaintext import parse_text
from postingstudio.core.rules.rulebook import default_rulebook

CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus"


def main() -> int:
    source = sys.argv[1] if len(sys.argv) > 1 else "glassdoor_ds"
    book = default_rulebook()
    texts = []
    with (CORPUS / "postings" / "postings.jsonl").open(encoding="utf-8") as lines:
        for line in lines:
            record = json.loads(line)
            if record.get("split") == "dev" and record["source"] == source:
                texts.append(record["text"])
            if len(texts) >= 120:
                break
    reports = [analyse(parse_text(text), book) for text in texts]
    cold, warm = [], []
    for first in range(0, len(reports) - 5, 6):
        group = reports[first : first + 6]
        compare_offer._CACHE.clear()
        start = time.perf_counter()
        compare(group[0], group[1:], book)
        cold.append((time.perf_counter() - start) * 1000)
        start = time.perf_counter()
        compare(group[0], group[1:], book)
        warm.append((time.perf_counter() - start) * 1000)
    words = statistics.mean(r.metrics["words"] for r in reports)
    print(
        f"{source}: {len(cold)} comparisons of 6 postings (mean {words:.0f} words): "
        f"cold median {statistics.median(cold):.1f} ms, max {max(cold):.1f} ms; "
        f"warm median {statistics.median(warm):.1f} ms"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
