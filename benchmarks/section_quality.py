"""Section-checklist and salary-kind quality against human labels from the corpus ``dev`` split.

Labels: ``tests/data/labels/sections_dev.jsonl`` (ids only, no posting text). Postings are read
from ``../shared/corpus/postings/postings.jsonl``; ``holdout`` records are never read. About 30% of
the labels (sha256(id) % 10 < 3) are a validation part that the detector was not tuned on.

    python benchmarks/section_quality.py            # print, and update docs/benchmarks.md
    python benchmarks/section_quality.py --errors culture   # list disagreements (tuning part)
    python benchmarks/section_quality.py --no-write
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

from postingstudio.core.plaintext import parse_text
from postingstudio.core.salary import classify_salary
from postingstudio.core.sections import detect_sections, load_section_specs
from postingstudio.core.sections_spec import salary_vague_terms
from postingstudio.core.text import TextIndex

ROOT = Path(__file__).resolve().parent.parent
LABELS = ROOT / "tests" / "data" / "labels" / "sections_dev.jsonl"
SHARED = Path(os.environ.get("POSTINGSTUDIO_SHARED", ROOT.parent / "shared"))
CORPUS = SHARED / "corpus" / "postings" / "postings.jsonl"
SPECS = ROOT / "resources" / "sections" / "en"
DOC = ROOT / "docs" / "benchmarks.md"
START, END = "<!-- section-quality:start -->", "<!-- section-quality:end -->"
KINDS = ("range", "figure", "vague", "none")


def is_validation(posting_id: str) -> bool:
    return int(hashlib.sha256(posting_id.encode("utf-8")).hexdigest(), 16) % 10 < 3


def load(labels_path: Path = LABELS, corpus_path: Path = CORPUS) -> list[tuple[dict, dict]]:
    labels = [
        json.loads(line) for line in labels_path.read_text(encoding="utf-8").splitlines() if line
    ]
    wanted = {label["id"] for label in labels}
    texts: dict[str, dict] = {}
    with corpus_path.open(encoding="utf-8") as handle:
        for line in handle:
            record = json.loads(line)
            if record["id"] in wanted:
                if record.get("split") != "dev":
                    raise SystemExit(f"label {record['id']} is not from the dev split")
                texts[record["id"]] = record
    return [(label, texts[label["id"]]) for label in labels]


def predict(record: dict, specs) -> tuple[dict[str, str], str, dict[str, str], float, int]:
    posting = parse_text(record["text"])
    index = TextIndex(posting.text)
    _ = (index.tokens, index.sentences)  # computed once per analysis and shared; not timed
    started = time.perf_counter()
    salary = classify_salary(index, salary_vague_terms(specs))
    results = detect_sections(posting, index, specs, salary)
    elapsed = time.perf_counter() - started
    states = {r.id: str(r.state) for r in results}
    return states, str(salary.kind), {r.id: r.reason for r in results}, elapsed, index.word_count


def score(pairs, specs) -> dict:
    ids = [spec.id for spec in specs]
    found = {i: Counter() for i in ids}
    exact = Counter()
    kinds = Counter()
    for label, predicted, kind in pairs:
        for i in ids:
            truth, guess = label["sections"][i] != "missing", predicted[i] != "missing"
            found[i][(truth, guess)] += 1
            exact[i] += label["sections"][i] == predicted[i]
        kinds[(label["salary_kind"], kind)] += 1
    rows = {}
    for i in ids:
        c = found[i]
        tp, fp, fn = c[(True, True)], c[(False, True)], c[(True, False)]
        precision = tp / (tp + fp) if tp + fp else 1.0
        recall = tp / (tp + fn) if tp + fn else 1.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        rows[i] = (precision, recall, f1, exact[i] / len(pairs), tp + fn)
    salary_accuracy = sum(n for (t, g), n in kinds.items() if t == g) / len(pairs)
    return {"rows": rows, "kinds": kinds, "salary_accuracy": salary_accuracy, "n": len(pairs)}


def table(name: str, result: dict) -> list[str]:
    lines = [
        f"**{name}** ({result['n']} postings)",
        "",
        "| section | precision | recall | F1 | exact state | labelled present/thin |",
        "|---|---|---|---|---|---|",
    ]
    for i, (p, r, f, e, support) in result["rows"].items():
        lines.append(f"| {i} | {p:.2f} | {r:.2f} | {f:.2f} | {e:.2f} | {support} |")
    mean_f1 = statistics.mean(row[2] for row in result["rows"].values())
    mean_exact = statistics.mean(row[3] for row in result["rows"].values())
    lines.append(f"| **mean** | | | **{mean_f1:.2f}** | **{mean_exact:.2f}** | |")
    lines += ["", f"Salary kind accuracy: **{result['salary_accuracy']:.2f}**", ""]
    lines.append("| label \\ predicted | " + " | ".join(KINDS) + " |")
    lines.append("|---|" + "---|" * len(KINDS))
    for truth in KINDS:
        lines.append(
            f"| {truth} | " + " | ".join(str(result["kinds"][(truth, g)]) for g in KINDS) + " |"
        )
    return lines + [""]


def write(doc: Path, body: str) -> None:
    block = f"{START}\n{body.rstrip()}\n{END}"
    text = doc.read_text(encoding="utf-8") if doc.exists() else "# Benchmarks\n"
    if START in text and END in text:
        before, rest = text.split(START, 1)
        after = rest.split(END, 1)[1]
        text = before + block + after
    else:
        text = text.rstrip() + "\n\n" + block + "\n"
    doc.write_text(text, encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--errors", metavar="SECTION", help="list disagreements on the tuning part")
    parser.add_argument(
        "--validation-errors", action="store_true", help="with --errors: validation part"
    )
    parser.add_argument("--no-write", action="store_true")
    args = parser.parse_args(argv)
    if not CORPUS.exists():
        print(f"corpus not found at {CORPUS}", file=sys.stderr)
        return 2
    specs = load_section_specs(SPECS)
    data = load()
    pairs = {"all": [], "tune": [], "validation": []}
    timings = []
    for label, record in data:
        predicted, kind, reasons, elapsed, words = predict(record, specs)
        timings.append((elapsed, words))
        part = "validation" if is_validation(label["id"]) else "tune"
        pairs["all"].append((label, predicted, kind))
        pairs[part].append((label, predicted, kind))
        if args.errors and (part == "validation") == args.validation_errors:
            wanted = args.errors
            if wanted == "salary_kind" and label["salary_kind"] != kind:
                print(f"{label['id']}: label {label['salary_kind']} predicted {kind}")
            elif wanted in predicted and label["sections"][wanted] != predicted[wanted]:
                print(f"{label['id']}: label {label['sections'][wanted]} predicted "
                      f"{predicted[wanted]} — {reasons[wanted]}")  # fmt: skip
    sources = Counter(record["source"] for _, record in data)
    results = {name: score(p, specs) for name, p in pairs.items()}
    body = [
        "## Section checklist and salary quality",
        "",
        f"Against {len(data)} human-labelled postings from the corpus **dev** split "
        f"({', '.join(f'{s} {n}' for s, n in sorted(sources.items()))}); labels in "
        "`tests/data/labels/sections_dev.jsonl`. Precision/recall/F1 are for *found* "
        "(present or thin) vs missing; *exact state* is present/thin/missing agreement. "
        "The validation part (30% of labels by id hash) was not looked at while tuning. "
        "Reproduce: `python benchmarks/section_quality.py`.",
        "",
    ]
    body += table("Validation part", results["validation"])
    body += table("Tuning part", results["tune"])
    body += table("All labels", results["all"])
    all_times = [t for t, _ in timings]
    long_times = [t for t, w in timings if 400 <= w <= 700] or all_times
    body.append(
        f"Salary + section detection time (tokens and sentences precomputed, as in the engine; "
        f"first run, cold caches): median"
        f" {statistics.median(all_times) * 1000:.2f} ms per posting, "
        f"{statistics.median(long_times) * 1000:.2f} ms for the {len(long_times)} postings of "
        f"400–700 words. Timings vary with the machine; see the engine benchmark for the total."
    )
    text = "\n".join(body)
    if not args.errors:
        print(text)
        if not args.no_write:
            write(DOC, text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
