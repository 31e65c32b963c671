"""Reading grades: agreement with textstat 0.7 on clean prose, and no absurd grades.

Clean punctuated prose: from each dev posting, the lines of 20+ words that end in . ! or ?,
contain no mojibake, bullets, masked numbers or full stops inside a sentence (abbreviations,
decimals, web addresses: there textstat's split at every full stop is simply wrong), joined
into one paragraph; postings with at least
100 such words take part. Agreement = |our Flesch–Kincaid grade − textstat's| ≤ 0.5.

Run: ``python benchmarks/readability_textstat.py [--limit N] [--no-write]``
"""

from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "benchmarks"))
from _markers import write_section  # noqa: E402

CORPUS = Path(os.environ.get("POSTINGSTUDIO_SHARED", REPO.parent / "shared")) / "corpus"
BASELINE = REPO / "benchmarks" / "data" / "readability_baseline.json"
_GARBLE = ("¬", "‚Ä", "Ô", "Ã", "â€", "****", "\ufffd", "•", "·")
# A full stop that is not a sentence end ("e.g. this", "H.264", "www.site.com", "U.S. Army")
# is where textstat's splitter (every . ! ?) and a real one must differ; clean prose has none.
_INNER_STOP = re.compile(r"[.!?](?:\S|\s+[a-z])|\b[A-Z]\.|\b(?:Mr|Mrs|Ms|Dr|St|Inc|Ltd|Co)\.")


def clean_prose(text: str) -> str:
    lines = [
        line.strip()
        for line in text.splitlines()
        if len(line.split()) >= 20
        and line.strip().endswith((".", "!", "?"))
        and not any(mark in line for mark in _GARBLE)
        and not _INNER_STOP.search(line.strip()[:-1])
    ]
    return " ".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--limit", type=int)
    parser.add_argument("--no-write", action="store_true")
    parser.add_argument(
        "--record-baseline", action="store_true", help="run with PYTHONPATH=<main>/src once"
    )
    args = parser.parse_args()
    from postingstudio.core.analyse import analyse
    from postingstudio.core.readability import measure
    from postingstudio.core.rules.rulebook import default_rulebook
    from postingstudio.core.syllables import import_textstat
    from postingstudio.core.text import TextIndex

    textstat = import_textstat()
    book = default_rulebook()
    with (CORPUS / "postings" / "postings.jsonl").open(encoding="utf-8") as lines:
        dev = [r for r in map(json.loads, lines) if r["split"] == "dev"]
    dev = dev[: args.limit] if args.limit else dev
    gaps = []
    for record in dev:
        prose = clean_prose(record["text"])
        if len(prose.split()) < 100:
            continue
        ours = measure(TextIndex(prose)).flesch_kincaid_grade
        gaps.append(abs(ours - textstat.flesch_kincaid_grade(prose)))
    grades = []
    by_source: dict[str, list[float]] = {}
    for record in dev:
        metrics = analyse(record["text"], book).metrics
        grade = float(metrics["reading_grade"])
        grades.append((grade, int(metrics.get("longest_sentence_words", 0))))
        by_source.setdefault(record["source"], []).append(grade)
    summary = {
        source: [statistics.median(values), sum(1 for v in values if v > 25), max(values)]
        for source, values in sorted(by_source.items())
    }
    if args.record_baseline:
        within_share = sum(1 for gap in gaps if gap <= 0.5) / max(1, len(gaps))
        BASELINE.write_text(
            json.dumps({"by_source": summary, "within": within_share, "compared": len(gaps)})
            + "\n",
            encoding="utf-8",
        )
        return
    above = [g for g in grades if g[0] > 25]
    unexplained = [g for g in above if g[1] < 60]
    within = sum(1 for gap in gaps if gap <= 0.5)
    ordered = sorted(g for g, _ in grades)
    from postingstudio.core.sentences import sentence_spans

    golden = json.loads((REPO / "tests" / "data" / "golden_rules_en.json").read_text("utf-8"))
    passed = [
        case["id"]
        for case in golden["cases"]
        if [case["text"][a:b] for a, b in sentence_spans(case["text"])] == case["sentences"]
    ]
    failed = sorted({case["id"] for case in golden["cases"]} - set(passed))
    body = "\n".join(
        [
            "Command: `python benchmarks/readability_textstat.py`",
            "",
            f"Sentence splitter on the English Golden Rules (pragmatic_segmenter / pySBD, "
            f"tests/data/golden_rules_en.json): {len(passed)}/{len(golden['cases'])} "
            f"({len(passed) / len(golden['cases']):.0%}); failing: {failed}.",
            "",
            "| measure | value |",
            "|---|---|",
            f"| clean-prose postings compared with textstat | {len(gaps)} |",
            f"| FK grade within 0.5 of textstat | {within} ({within / max(1, len(gaps)):.1%}) |",
            f"| median / max difference | {statistics.median(gaps or [0]):.2f} / "
            f"{max(gaps or [0]):.2f} |",
            f"| dev postings graded | {len(grades)} |",
            f"| median / p95 / max grade | {statistics.median(ordered):.1f} / "
            f"{ordered[int(len(ordered) * 0.95) - 1]:.1f} / {ordered[-1]:.1f} |",
            f"| above grade 25 | {len(above)} |",
            f"| above 25 without a sentence of ≥ 60 words | {len(unexplained)} |",
        ]
    )
    before = json.loads(BASELINE.read_text("utf-8")) if BASELINE.exists() else None
    if before:
        body += (
            f"\n\nBefore (main, same clean-prose set rule): {before['within']:.1%} of "
            f"{before['compared']} within 0.5.\n\n"
            "| source | median grade before → now | above 25 before → now | max before → now |\n"
            "|---|---|---|---|\n"
        )
        for source, (median, above_25, highest) in summary.items():
            old = before["by_source"].get(source, [0, 0, 0])
            body += (
                f"| {source} | {old[0]:.1f} → {median:.1f} | {old[1]} → {above_25} | "
                f"{old[2]:.0f} → {highest:.0f} |\n"
            )
    print(body)
    if not args.no_write:
        write_section(
            REPO / "docs" / "benchmarks.md",
            "readability-grades",
            "Reading grades vs textstat (issue 13)",
            body,
        )


if __name__ == "__main__":
    main()
