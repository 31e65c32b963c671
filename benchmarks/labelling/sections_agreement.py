"""How far the two section raters agree, and how the detector fares against them (issue 12).

Reads the raters' labels from ``benchmarks/ratings/sections/rater_{a,b}.part*.jsonl`` (sentence
ids only) and the postings from ``../shared/corpus``. Where two sessions of one rater labelled the
same posting, the earlier part counts and the later one gives a test-retest figure.

None of these 615 postings has been used to tune the detector yet, so the detector's figures here
are on unseen postings. Disagreements are not adjudicated yet: the detector is measured against
each rater and against the postings where both raters agree on a section.

    python benchmarks/labelling/sections_agreement.py            # print, update docs/benchmarks.md
    python benchmarks/labelling/sections_agreement.py --no-write
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "benchmarks"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from section_quality import CORPUS, DOC, SPECS, predict  # noqa: E402
from sections_sample import dev_records  # noqa: E402

from postingstudio.core.sections import load_section_specs  # noqa: E402

RATINGS = ROOT / "benchmarks" / "ratings" / "sections"
START, END = "<!-- section-agreement:start -->", "<!-- section-agreement:end -->"
SECTIONS = tuple(spec.id for spec in load_section_specs(SPECS))  # the checklist's own order
KINDS = ("range", "figure", "vague", "none")


def load_rater(letter: str) -> tuple[dict[str, dict], list[tuple[dict, dict]]]:
    """A rater's first label per posting, and the (first, later) pairs where a posting recurs."""
    first: dict[str, dict] = {}
    repeats: list[tuple[dict, dict]] = []
    parts = sorted(
        RATINGS.glob(f"rater_{letter}.part*.jsonl"),
        key=lambda p: int(re.search(r"part(\d+)", p.name).group(1)),
    )
    for part in parts:
        for line in part.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            label = json.loads(line)
            if label["id"] in first:
                repeats.append((first[label["id"]], label))
            else:
                first[label["id"]] = label
    return first, repeats


def load_gold(a: dict[str, dict], b: dict[str, dict]) -> dict[str, dict]:
    """Each posting's adjudicated label: the raters' shared value, else the adjudicator's."""
    decided: dict[str, dict] = {}
    for part in sorted(RATINGS.glob("adjudicated.part*.jsonl")):
        for line in part.read_text(encoding="utf-8").splitlines():
            if line.strip():
                entry = json.loads(line)
                decided[entry["id"]] = entry
    gold: dict[str, dict] = {}
    for posting_id in set(a) & set(b):
        first, second = a[posting_id], b[posting_id]
        entry = decided.get(posting_id, {})
        state = {}
        for section in SECTIONS:
            if first["state"][section] == second["state"][section]:
                state[section] = first["state"][section]
            elif section in entry.get("state", {}):
                state[section] = entry["state"][section]
        salary = kind(first) if kind(first) == kind(second) else entry.get("salary_kind")
        if len(state) == len(SECTIONS) and salary:
            gold[posting_id] = {"id": posting_id, "state": state, "salary_kind": salary}
    return gold


def found(label: dict, section: str) -> bool:
    return label["state"].get(section, "missing") != "missing"


def kind(label: dict) -> str:
    return label.get("salary_kind", "none")


def f1(truth: list[bool], guess: list[bool]) -> float:
    tp = sum(t and g for t, g in zip(truth, guess, strict=True))
    fp = sum(g and not t for t, g in zip(truth, guess, strict=True))
    fn = sum(t and not g for t, g in zip(truth, guess, strict=True))
    return 2 * tp / (2 * tp + fp + fn) if tp else (1.0 if not fp and not fn else 0.0)


def kappa(a: list, b: list) -> float:
    n = len(a)
    observed = sum(x == y for x, y in zip(a, b, strict=True)) / n
    ca, cb = Counter(a), Counter(b)
    expected = sum(ca[k] * cb[k] for k in set(a) | set(b)) / (n * n)
    return (observed - expected) / (1 - expected) if expected < 1 else 1.0


def spearman(x: list[float], y: list[float]) -> float:
    def ranks(values: list[float]) -> list[float]:
        order = sorted(range(len(values)), key=values.__getitem__)
        out = [0.0] * len(values)
        i = 0
        while i < len(order):
            j = i
            while j + 1 < len(order) and values[order[j + 1]] == values[order[i]]:
                j += 1
            for k in range(i, j + 1):
                out[order[k]] = (i + j) / 2
            i = j + 1
        return out

    rx, ry = ranks(x), ranks(y)
    mx, my = sum(rx) / len(rx), sum(ry) / len(ry)
    cov = sum((a - mx) * (b - my) for a, b in zip(rx, ry, strict=True))
    var = (sum((a - mx) ** 2 for a in rx) * sum((b - my) ** 2 for b in ry)) ** 0.5
    return cov / var if var else 0.0


def corpus_records(ids: set[str]) -> dict[str, dict]:
    """The labelled postings' records, read by the sample's own dev-only reader."""
    records = dev_records()
    if ids - records.keys():
        raise SystemExit(f"labels not from the dev split: {sorted(ids - records.keys())[:3]}")
    return {posting_id: records[posting_id] for posting_id in ids}


def pair_rows(
    a: dict[str, dict], b: dict[str, dict], detector: dict[str, dict], gold: dict[str, dict]
) -> list[str]:
    ids = sorted(set(a) & set(b))
    rows = [
        "| section | κ (A vs B, found) | F1 B vs A (ceiling) | exact state A=B "
        "| detector F1 vs A | vs B | vs both-agree (n) | vs adjudicated |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for s in SECTIONS:
        fa, fb = [found(a[i], s) for i in ids], [found(b[i], s) for i in ids]
        exact = sum(a[i]["state"][s] == b[i]["state"][s] for i in ids) / len(ids)
        cells = [f"{kappa(fa, fb):.2f}", f"{f1(fa, fb):.2f}", f"{exact:.2f}"]
        if detector:
            dets = [detector[i]["states"][s] != "missing" for i in ids]
            agree = [k for k, (x, y) in enumerate(zip(fa, fb, strict=True)) if x == y]
            cells += [
                f"{f1(fa, dets):.2f}",
                f"{f1(fb, dets):.2f}",
                f"{f1([fa[k] for k in agree], [dets[k] for k in agree]):.2f} ({len(agree)})",
            ]
            judged = [i for i in ids if i in gold]
            truth = [found(gold[i], s) for i in judged]
            guess = [detector[i]["states"][s] != "missing" for i in judged]
            cells.append(f"{f1(truth, guess):.2f}")
        else:
            cells += ["–", "–", "–", "–"]
        rows.append(f"| {s} | " + " | ".join(cells) + " |")
    return rows


def summary_rows(a, b, detector, gold) -> list[str]:
    ids = sorted(set(a) & set(b))
    ka, kb = [kind(a[i]) for i in ids], [kind(b[i]) for i in ids]
    qa, qb = [a[i]["quality"] for i in ids], [b[i]["quality"] for i in ids]
    exact = sum(a[i]["state"][s] == b[i]["state"][s] for i in ids for s in SECTIONS)
    same_kind = sum(x == y for x, y in zip(ka, kb, strict=True)) / len(ids)
    rows = [
        f"- postings labelled by both raters: **{len(ids)}**",
        f"- exact section state, A = B: {exact / (len(ids) * len(SECTIONS)):.3f}",
        f"- salary kind, A = B: {same_kind:.3f} (κ {kappa(ka, kb):.2f})",
        f"- quality (1–5), Spearman A vs B: {spearman(qa, qb):.2f}",
    ]
    if detector:
        dk = [detector[i]["kind"] for i in ids]
        score = [detector[i]["score"] for i in ids]
        mean_q = [(x + y) / 2 for x, y in zip(qa, qb, strict=True)]
        both = [k for k in range(len(ids)) if ka[k] == kb[k]]
        dstate = sum(
            detector[i]["states"][s] == a[i]["state"][s] == b[i]["state"][s]
            for i in ids
            for s in SECTIONS
        )
        agreed = sum(a[i]["state"][s] == b[i]["state"][s] for i in ids for s in SECTIONS)
        rows += [
            f"- detector exact state where A = B: {dstate / agreed:.3f} ({agreed} cells)",
            f"- detector salary kind where A = B: "
            f"{sum(dk[k] == ka[k] for k in both) / len(both):.3f} ({len(both)})",
            f"- section-completeness share vs mean rater quality, Spearman: "
            f"{spearman(score, mean_q):.2f}",
        ]
        judged = [i for i in ids if i in gold]
        if judged:
            exact = sum(
                detector[i]["states"][s] == gold[i]["state"][s] for i in judged for s in SECTIONS
            ) / (len(judged) * len(SECTIONS))
            same = sum(detector[i]["kind"] == gold[i]["salary_kind"] for i in judged)
            rows += [
                f"- adjudicated labels: {len(judged)} postings; detector exact state "
                f"{exact:.3f}, salary kind {same / len(judged):.3f}"
            ]
    return rows


def retest_rows(letter: str, repeats: list[tuple[dict, dict]]) -> str:
    if not repeats:
        return f"- rater {letter.upper()}: no posting labelled twice"
    cells = sum(x["state"][s] == y["state"][s] for x, y in repeats for s in SECTIONS)
    founds = [(found(x, s), found(y, s)) for x, y in repeats for s in SECTIONS]
    k = kappa([p for p, _ in founds], [q for _, q in founds])
    return (
        f"- rater {letter.upper()}, {len(repeats)} postings labelled in two sessions: "
        f"exact state {cells / (len(repeats) * len(SECTIONS)):.3f}, found κ {k:.2f}"
    )


def run_detector(ids: set[str]) -> dict[str, dict]:
    if not CORPUS.exists():
        return {}
    specs = load_section_specs(SPECS)
    out = {}
    for posting_id, record in corpus_records(ids).items():
        states, salary_kind, _, _, _ = predict(record, specs)
        present = sum(v == "present" for v in states.values()) + 0.5 * sum(
            v == "thin" for v in states.values()
        )
        out[posting_id] = {"states": states, "kind": salary_kind, "score": present}
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-write", action="store_true")
    args = parser.parse_args(argv)
    a, retest_a = load_rater("a")
    b, retest_b = load_rater("b")
    if not a or not b:
        print("no labels from both raters yet")
        return 1
    detector = run_detector(set(a) & set(b))
    gold = load_gold(a, b)
    if not detector:
        print(f"detector figures skipped: {CORPUS} is absent")
    lines = [
        "Two raters (A, B) labelled the same dev-split sample alone, from "
        "`docs/section-labelling-guide.md`; `python benchmarks/labelling/"
        "sections_agreement.py` makes this table. The detector was not tuned on these "
        "postings.",
        "",
        *summary_rows(a, b, detector, gold),
        retest_rows("a", retest_a),
        retest_rows("b", retest_b),
        "",
        *pair_rows(a, b, detector, gold),
    ]
    body = "\n".join(lines)
    print(body)
    if not args.no_write:
        _write_block(body)
    return 0


def _write_block(body: str) -> None:
    text = DOC.read_text(encoding="utf-8")
    block = f"{START}\n{body}\n{END}"
    if START in text:
        head, rest = text.split(START, 1)
        text = head + block + rest.split(END, 1)[1]
    else:
        text = (
            text.rstrip()
            + "\n\n## Section labels: two raters, and the detector on them\n\n"
            + block
            + "\n"
        )
    DOC.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    raise SystemExit(main())
