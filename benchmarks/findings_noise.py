"""How many findings a writer sees: findings per 100 words, by category, on the dev split.

"Good postings" are fixed once, on main's code before issue 13's changes: dev postings whose
overall score was ≥ 70 (a stand-in until raters score posting quality). Their ids are stored in
benchmarks/data/findings_noise_baseline.json with the baseline figures, so later runs compare
the same postings. Also reported: postings read above grade 25 (and whether one of their
sentences has ≥ 60 words), and readability findings per real .docx.

Run: ``python benchmarks/findings_noise.py [--record-baseline] [--limit N] [--no-write]``
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "benchmarks"))
from _markers import write_section  # noqa: E402

CORPUS = Path(os.environ.get("POSTINGSTUDIO_SHARED", REPO.parent / "shared")) / "corpus"
BASELINE = REPO / "benchmarks" / "data" / "findings_noise_baseline.json"
GOOD_SCORE = 70


def dev_records(limit: int | None) -> list[dict]:
    with (CORPUS / "postings" / "postings.jsonl").open(encoding="utf-8") as lines:
        rows = [r for r in map(json.loads, lines) if r["split"] == "dev"]
    return rows[:limit] if limit else rows


def longest_sentence_words(report) -> int:
    return int(report.metrics.get("longest_sentence_words", 0))


def measure(records: list[dict]) -> dict:
    from postingstudio.core.analyse import analyse
    from postingstudio.core.rules.rulebook import default_rulebook

    book = default_rulebook()
    per_posting = {}
    for record in records:
        started = time.process_time()
        report = analyse(record["text"], book)
        cpu_ms = (time.process_time() - started) * 1000
        counts = Counter(str(f.category) for f in report.findings if f.is_span)
        per_posting[record["id"]] = {
            "words": int(report.metrics["words"]),
            "score": report.scores.overall if report.scores else None,
            "grade": float(report.metrics["reading_grade"]),
            "longest": longest_sentence_words(report),
            "counts": dict(counts),
            "ms": cpu_ms,
        }
    return per_posting


def density(per_posting: dict, ids: list[str]) -> dict[str, float]:
    words = sum(per_posting[i]["words"] for i in ids) or 1
    totals: Counter = Counter()
    for i in ids:
        totals.update(per_posting[i]["counts"])
    figures = {category: round(100 * n / words, 2) for category, n in sorted(totals.items())}
    figures["all"] = round(100 * sum(totals.values()) / words, 2)
    return figures


def docx_readability(limit: int | None) -> list[int]:
    from postingstudio.core.analyse import analyse
    from postingstudio.core.rules.rulebook import default_rulebook
    from postingstudio.docio.load import load_posting

    book = default_rulebook()
    counts = []
    for path in sorted((CORPUS / "docx" / "jd_real").glob("*.docx"))[:limit]:
        report = analyse(load_posting(path), book)
        counts.append(sum(1 for f in report.findings if str(f.category) == "readability"))
    return counts


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--record-baseline", action="store_true")
    parser.add_argument(
        "--record-timing", action="store_true", help="run once with PYTHONPATH=<branch point>/src"
    )
    parser.add_argument("--limit", type=int)
    parser.add_argument("--no-write", action="store_true")
    args = parser.parse_args()
    records = dev_records(args.limit)
    per_posting = measure(records)
    timings = sorted(p["ms"] for p in per_posting.values())
    timing = [statistics.median(timings), timings[int(len(timings) * 0.95) - 1]]
    if args.record_timing:
        baseline = json.loads(BASELINE.read_text(encoding="utf-8"))
        baseline["timing_ms"] = timing
        BASELINE.write_text(json.dumps(baseline, indent=1) + "\n", encoding="utf-8")
        print(timing)
        return
    if args.record_baseline:
        good = [i for i, p in per_posting.items() if (p["score"] or 0) >= GOOD_SCORE]
        baseline = {
            "good_ids": good,
            "good_density": density(per_posting, good),
            "all_density": density(per_posting, list(per_posting)),
            "above_25": sum(1 for p in per_posting.values() if p["grade"] > 25),
            "docx_readability": docx_readability(args.limit),
        }
        BASELINE.write_text(json.dumps(baseline, indent=1) + "\n", encoding="utf-8")
        print(json.dumps({k: v for k, v in baseline.items() if k != "good_ids"}, indent=1))
        print(f"{len(good)} good postings recorded")
        return
    baseline = json.loads(BASELINE.read_text(encoding="utf-8"))
    good = [i for i in baseline["good_ids"] if i in per_posting]
    now_good, now_all = density(per_posting, good), density(per_posting, list(per_posting))
    absurd = [p for p in per_posting.values() if p["grade"] > 25]
    unexplained = [p for p in absurd if p["longest"] < 60]
    docx = docx_readability(args.limit)
    lines = [
        f"Command: `python benchmarks/findings_noise.py` ({len(per_posting)} dev postings; "
        f"{len(good)} 'good' postings = overall score ≥ {GOOD_SCORE} on main before this work).",
        "",
        "| findings per 100 words (span findings) | before (main) | now |",
        "|---|---|---|",
    ]
    for category in sorted(set(baseline["good_density"]) | set(now_good)):
        before = baseline["good_density"].get(category, 0.0)
        lines.append(f"| good postings: {category} | {before} | {now_good.get(category, 0.0)} |")
    for category in ("all", "readability", "inclusive"):
        before = baseline["all_density"].get(category, 0.0)
        lines.append(f"| all dev: {category} | {before} | {now_all.get(category, 0.0)} |")
    median_before = statistics.median(baseline["docx_readability"] or [0])
    lines += [
        "",
        f"- Real .docx (jd_real): readability findings median {median_before} → "
        f"{statistics.median(docx or [0])}, max {max(baseline['docx_readability'] or [0])} → "
        f"{max(docx or [0])}.",
        f"- Dev postings above grade 25: {baseline['above_25']} → {len(absurd)}; of those now, "
        f"{len(unexplained)} have no sentence of ≥ 60 words.",
    ]
    before_ms = baseline.get("timing_ms")
    if before_ms:
        lines.append(
            f"- Analysis CPU time per posting, median / p95: {before_ms[0]:.1f} / "
            f"{before_ms[1]:.1f} ms → {timing[0]:.1f} / {timing[1]:.1f} ms (same machine, "
            "shared by other jobs; before = the branch point's code)."
        )
    print("\n".join(lines))
    if not args.no_write:
        write_section(
            REPO / "docs" / "benchmarks.md",
            "findings-noise",
            "Findings noise (issue 13)",
            "\n".join(lines),
        )


if __name__ == "__main__":
    main()
