"""A first learned section detector, measured by 5-fold cross-validation on the raters' labels.

A linear model per section over each sentence's words, word pairs and the words of the heading
above it (logistic regression by plain stochastic gradient descent: no training dependency). A
posting has a section where its most confident sentence passes a threshold chosen on the training
folds. Measured against the postings where both raters agree whether the section is there, next
to the hand-written detector on the same postings and the two combined (found by either).

    python benchmarks/labelling/sections_model.py        # prints the table
"""

from __future__ import annotations

import math
import random
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from sections_agreement import SECTIONS, f1, found, load_rater, run_detector  # noqa: E402
from sections_sample import CORPUS, IDS, dev_records, sentence_units  # noqa: E402

WORD = re.compile(r"[a-z][a-z'&-]*")
FOLDS = 5


def sentences(text: str) -> list[tuple[str, str, bool]]:
    """(id, sentence, heading-like) for every sentence, with ids as the raters saw them."""
    out = []
    for block, line in enumerate(text.split("\n")):
        for number, (start, end) in enumerate(sentence_units(line)):
            piece = line[start:end].strip()
            heading = bool(piece) and len(piece.split()) <= 8 and not piece.endswith(".")
            out.append((f"{block}.{number}", piece, heading))
    return out


def features(items: list[tuple[str, str, bool]]) -> list[set[str]]:
    out: list[set[str]] = []
    heading_words: list[str] = []
    for k, (_, text, heading) in enumerate(items):
        words = WORD.findall(text.lower())
        feats = {"bias"} | {f"w:{w}" for w in words}
        feats |= {f"b:{x}_{y}" for x, y in zip(words, words[1:], strict=False)}
        if heading:
            feats.add("is_heading")
            heading_words = words
        feats |= {f"h:{w}" for w in heading_words}
        feats.add(f"pos:{min(4, 5 * k // max(1, len(items)))}")
        out.append(feats)
    return out


def train(
    rows: list[tuple[set[str], bool]], epochs: int = 6, rate: float = 0.2, l2: float = 1e-5
) -> dict[str, float]:
    weights: dict[str, float] = {}
    positives = sum(label for _, label in rows) or 1
    boost = min(10.0, (len(rows) - positives) / positives)  # rare sections weigh their positives
    order = list(range(len(rows)))
    rng = random.Random(12)
    for _ in range(epochs):
        rng.shuffle(order)
        for i in order:
            feats, label = rows[i]
            z = sum(weights.get(f, 0.0) for f in feats)
            p = 1 / (1 + math.exp(-max(-30.0, min(30.0, z))))
            g = ((1.0 if label else 0.0) - p) * (boost if label else 1.0) * rate
            for f in feats:
                w = weights.get(f, 0.0)
                weights[f] = w + g - l2 * w
    return weights


def confidence(weights: dict[str, float], feats: list[set[str]]) -> float:
    if not feats:
        return 0.0
    best = max(sum(weights.get(f, 0.0) for f in fs) for fs in feats)
    return 1 / (1 + math.exp(-max(-30.0, min(30.0, best))))


def best_threshold(scores: list[float], truth: list[bool]) -> float:
    candidates = sorted(set(round(s, 3) for s in scores))
    return max(candidates or [0.5], key=lambda t: f1(truth, [s >= t for s in scores]))


def main() -> int:
    if not CORPUS.exists():
        print(f"the shared corpus is not at {CORPUS}")
        return 2
    a, _ = load_rater("a")
    b, _ = load_rater("b")
    ids = [i for i in IDS.read_text(encoding="utf-8").split() if i in a and i in b]
    records = dev_records()
    items = {i: sentences(records[i]["text"]) for i in ids}
    feats = {i: features(items[i]) for i in ids}
    detector = run_detector(set(ids))
    fold = {i: k % FOLDS for k, i in enumerate(ids)}
    print("| section | model F1 | detector F1 | either F1 | postings (A = B) |")
    print("|---|---:|---:|---:|---:|")
    for section in SECTIONS:
        truth, model, rules = [], [], []
        for held in range(FOLDS):
            train_ids = [i for i in ids if fold[i] != held]
            rows = []
            for i in train_ids:
                marked = set(a[i].get("sentences", {}).get(section, [])) | set(
                    b[i].get("sentences", {}).get(section, [])
                )
                rows += [
                    (fs, sid in marked) for (sid, _, _), fs in zip(items[i], feats[i], strict=True)
                ]
            weights = train(rows)
            agreed_train = [i for i in train_ids if found(a[i], section) == found(b[i], section)]
            threshold = best_threshold(
                [confidence(weights, feats[i]) for i in agreed_train],
                [found(a[i], section) for i in agreed_train],
            )
            for i in ids:
                if fold[i] == held and found(a[i], section) == found(b[i], section):
                    truth.append(found(a[i], section))
                    model.append(confidence(weights, feats[i]) >= threshold)
                    rules.append(detector[i]["states"][section] != "missing")
        either = [x or y for x, y in zip(model, rules, strict=True)]
        print(
            f"| {section} | {f1(truth, model):.2f} | {f1(truth, rules):.2f} "
            f"| {f1(truth, either):.2f} | {len(truth)} |",
            flush=True,
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
