"""Fewer findings, same recall, on the postings the raters scored well (issue 13).

The postings: the dev postings both section raters scored for quality (1–5, field ``quality`` in
benchmarks/ratings/sections/rater_{a,b}.part*.jsonl; where a rater saw a posting twice, the
first part counts) whose mean of the two raters' quality is ≥ 4.

"Before" is the code at 28cf64d, the commit findings_noise.py's stored baseline was recorded on
(main before any issue-13 change to src/). Its figures are recorded once into
benchmarks/data/findings_rated_before.json by running that code in a subprocess:

    git archive 28cf64d | tar -x -C /tmp/before13
    python benchmarks/findings_rated.py --record-before /tmp/before13

Findings per 100 words count span findings (the underlines the writer sees in the text), before
and now over the same words (the current word count, so the ratio is the ratio of findings).
The "missing" category (section and pay-law findings, new since the baseline) is reported on
its own and also left out of a like-with-like total, since the before code had no such spans.

Recall: the generic phrases the findings raters marked correct (both raters, rounds 3 and 4,
benchmarks/ratings/findings_r{3,4}) are located in their postings; a phrase is recalled when a
generic span finding overlaps it. Before and now run on the same phrases.

Run: ``python benchmarks/findings_rated.py [--no-write]``
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
CORPUS = Path(os.environ.get("POSTINGSTUDIO_SHARED", REPO.parent / "shared")) / "corpus"
BEFORE = REPO / "benchmarks" / "data" / "findings_rated_before.json"
BEFORE_COMMIT = "28cf64d"
ROUNDS = ("findings_r3", "findings_r4")
GOOD_QUALITY = 4.0
PLACEHOLDER = "missing.unfilled_placeholder"


def analyser():
    """The analyse function and rulebook of whichever code is on the path (the before code
    still had core/engine.py and core/rulebook.py)."""
    try:
        from postingstudio.core.analyse import analyse
        from postingstudio.core.rules.rulebook import default_rulebook
    except ImportError:
        from postingstudio.core.engine import analyse
        from postingstudio.core.rulebook import default_rulebook
    return analyse, default_rulebook()


def _kind(finding) -> str:
    """The category, with unfilled placeholders apart: in this corpus they are SkillSpan's
    de-identification tokens ("<ORGANIZATION>"), not words a writer left unfilled."""
    if finding.rule_id == PLACEHOLDER:
        return "missing: placeholder"
    return str(finding.category)


def run(texts: dict[str, str]) -> dict[str, dict]:
    """Per posting: span findings per category, and the generic spans."""
    analyse, book = analyser()
    out = {}
    for posting_id, text in texts.items():
        report = analyse(text, book)
        spans = [f for f in report.findings if f.is_span]
        out[posting_id] = {
            "words": int(report.metrics["words"]),
            "counts": dict(Counter(_kind(f) for f in spans)),
            "generic": [[f.start, f.end] for f in spans if str(f.category) == "generic"],
        }
    return out


def texts_by_id(ids: set[str]) -> dict[str, str]:
    with (CORPUS / "postings" / "postings.jsonl").open(encoding="utf-8") as lines:
        return {r["id"]: r["text"] for r in map(json.loads, lines) if r["id"] in ids}


def good_ids() -> tuple[list[str], int]:
    sys.path.insert(0, str(REPO / "benchmarks" / "labelling"))
    from sections_agreement import load_rater

    a, _ = load_rater("a")
    b, _ = load_rater("b")
    both = [i for i in a if i in b and a[i].get("quality") and b[i].get("quality")]
    good = [i for i in both if (a[i]["quality"] + b[i]["quality"]) / 2 >= GOOD_QUALITY]
    return sorted(good), len(both)


def rated_generic() -> list[dict]:
    """Generic phrases both findings raters marked correct, located in their postings."""
    phrases = []
    for folder in ROUNDS:
        base = REPO / "benchmarks" / "ratings" / folder
        keys = {}
        for name in ("items.jsonl", "item_rules.jsonl", "rater_a.jsonl", "rater_b.jsonl"):
            for line in (base / name).read_text(encoding="utf-8").splitlines():
                if line.strip():
                    row = json.loads(line)
                    keys.setdefault(row["id"], {}).setdefault(name, row)
        for item_id, rows in sorted(keys.items()):
            item = rows["items.jsonl"]
            labels = (rows["rater_a.jsonl"]["label"], rows["rater_b.jsonl"]["label"])
            if item["category"] == "generic" and labels == ("correct", "correct"):
                phrases.append(
                    {
                        "key": f"{folder}:{item_id}",
                        "posting": rows["item_rules.jsonl"]["posting"],
                        "context": item["context"],
                        "flagged": item["flagged"],
                    }
                )
    return phrases


def locate(text: str, phrase: dict) -> tuple[int, int] | None:
    context = phrase["context"]
    plain = context.replace("⟦", "").replace("⟧", "")
    at = text.find(plain)
    if at >= 0:
        start = at + context.index("⟦")
        return start, start + len(phrase["flagged"])
    at = text.find(phrase["flagged"])
    return (at, at + len(phrase["flagged"])) if at >= 0 else None


def recall(results: dict[str, dict], phrases: list[dict], texts: dict[str, str]) -> tuple:
    found = located = 0
    for phrase in phrases:
        where = locate(texts[phrase["posting"]], phrase)
        if where is None:
            continue
        located += 1
        spans = results[phrase["posting"]]["generic"]
        found += any(s < where[1] and where[0] < e for s, e in spans)
    return found, located


def density(results: dict, words: dict[str, int], ids: list[str], skip=()) -> dict[str, float]:
    total = sum(words[i] for i in ids) or 1
    counts: Counter = Counter()
    for i in ids:
        counts.update({k: v for k, v in results[i]["counts"].items() if k not in skip})
    figures = {k: round(100 * v / total, 2) for k, v in sorted(counts.items())}
    figures["all"] = round(100 * sum(counts.values()) / total, 2)
    return figures


def record_before(checkout: Path, ids: list[str]) -> None:
    env = dict(os.environ, PYTHONPATH=str(checkout / "src"))
    proc = subprocess.run(
        [sys.executable, __file__, "--worker"],
        input=json.dumps(ids),
        capture_output=True,
        text=True,
        env=env,
        check=True,
    )
    BEFORE.write_text(
        json.dumps({"commit": BEFORE_COMMIT, "results": json.loads(proc.stdout)}, indent=0) + "\n",
        encoding="utf-8",
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--record-before", type=Path, help="a checkout of the before commit")
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--no-write", action="store_true")
    args = parser.parse_args()
    if args.worker:  # runs under the before code: postings on stdin, results on stdout
        wanted = set(json.loads(sys.stdin.read()))
        print(json.dumps(run(texts_by_id(wanted))))
        return
    good, scored = good_ids()
    phrases = rated_generic()
    wanted = set(good) | {p["posting"] for p in phrases}
    if args.record_before:
        record_before(args.record_before, sorted(wanted))
    texts = texts_by_id(wanted)
    before = json.loads(BEFORE.read_text(encoding="utf-8"))["results"]
    now = run(texts)
    words = {i: now[i]["words"] for i in now}
    good = [i for i in good if i in texts]
    d_before, d_now = density(before, words, good), density(now, words, good)
    new = ("missing", "missing: placeholder")
    like_before = density(before, words, good, skip=new)
    like_now = density(now, words, good, skip=new)
    real_before = density(before, words, good, skip=new[1:])
    real_now = density(now, words, good, skip=new[1:])
    r_before, r_now = recall(before, phrases, texts), recall(now, phrases, texts)
    lines = [
        f"Command: `python benchmarks/findings_rated.py` ({len(good)} dev postings whose two "
        f"raters' mean quality is ≥ 4, of {scored} both scored; before = code at "
        f"{BEFORE_COMMIT}, recorded in benchmarks/data/findings_rated_before.json). Span "
        "findings per 100 words, same word count before and now.",
        "",
        "| findings per 100 words | before | now | now / before |",
        "|---|---|---|---|",
    ]
    for category in sorted(set(d_before) | set(d_now), key=lambda c: (c == "all", c)):
        b, n = d_before.get(category, 0.0), d_now.get(category, 0.0)
        ratio = f"{n / b:.2f}" if b else "new"
        lines.append(f"| {category} | {b} | {n} | {ratio} |")
    b, n = real_before["all"], real_now["all"]
    lines.append(f"| all but placeholders | {b} | {n} | {n / b:.2f} |")
    b, n = like_before["all"], like_now["all"]
    lines += [
        f"| all but 'missing' (like with like) | {b} | {n} | {n / b:.2f} |",
        "",
        "'missing' = section and pay-law spans; 'missing: placeholder' = "
        "missing.unfilled_placeholder"
        " (issue 17's rule, after the baseline), which here marks SkillSpan's de-identification"
        ' tokens ("<ORGANIZATION>", "<ADDRESS>"), not text a writer wrote. The before code had'
        " neither.",
        f"- Recall of the generic phrases both findings raters marked correct (rounds 3–4, "
        f"{r_now[1]} located of {len(phrases)}): before {r_before[0]}/{r_before[1]} "
        f"({100 * r_before[0] / max(r_before[1], 1):.0f}%), now {r_now[0]}/{r_now[1]} "
        f"({100 * r_now[0] / max(r_now[1], 1):.0f}%).",
    ]
    print("\n".join(lines))
    if not args.no_write:
        sys.path.insert(0, str(REPO / "benchmarks"))
        from _markers import write_section

        write_section(
            REPO / "docs" / "benchmarks.md",
            "findings-rated",
            "Findings on rater-scored good postings (issue 13)",
            "\n".join(lines),
        )


if __name__ == "__main__":
    main()
