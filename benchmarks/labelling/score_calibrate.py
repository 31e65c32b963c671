"""Fit the overall score's weights to the raters' 1–5 quality scores, and measure how well the
score ranks postings on labelled postings never used for the fit (issue 12).

Each labelled posting is analysed by the product (``core.analyse`` with the shipped rule book), so
its four sub-scores (clarity, vibrancy, completeness, inclusivity) are the ones the app shows. The
quality target is the mean of the two raters' scores. On the tune part (the same fixed 70% as
``sections_train.py``) coordinate ascent moves the overall mix, the sections' completeness weights
and a thin section's value to the highest Spearman rank correlation; the penalties inside the
sub-scores keep their published evidence. The figure that counts is Spearman on the held-out 30%.

    python benchmarks/labelling/score_calibrate.py            # print; --write puts the fitted
    python benchmarks/labelling/score_calibrate.py --write    # weights in resources/scoring.toml
"""

from __future__ import annotations

import argparse
import copy
import dataclasses
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "benchmarks"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from _markers import write_section  # noqa: E402
from section_quality import DOC  # noqa: E402
from sections_agreement import corpus_records, load_rater, spearman  # noqa: E402
from sections_train import TUNE_MODEL, held_out  # noqa: E402

from postingstudio.core.analyse import analyse  # noqa: E402
from postingstudio.core.rules.rulebook import load_rulebook  # noqa: E402
from postingstudio.core.scoring import score  # noqa: E402
from postingstudio.core.sections_learned import SectionModel  # noqa: E402

PARTS = ("clarity", "vibrancy", "completeness", "inclusivity")
SCORING = ROOT / "resources" / "scoring.toml"
STEPS = (0.5, 0.8, 1.25, 2.0)  # multiplicative moves of one weight in coordinate ascent
PASSES = 4
FLOOR = 0.10
THIN_MAX = 0.75


def knobs(scoring: dict) -> list[tuple[str, str]]:
    """The weights the fit may move: the overall mix, each section's weight, thin's value."""
    out = [("overall", name) for name in PARTS]
    out += [("completeness.weights", s) for s in scoring["completeness"]["weights"]]
    return out + [("completeness.state_value", "thin")]


def get(scoring: dict, knob: tuple[str, str]) -> float:
    table = scoring
    for part in knob[0].split("."):
        table = table[part]
    return float(table[knob[1]])


def put(scoring: dict, knob: tuple[str, str], value: float) -> dict:
    out = copy.deepcopy(scoring)
    table = out
    for part in knob[0].split("."):
        table = table[part]
    table[knob[1]] = value
    return out


def rho(scoring: dict, rows: list) -> float:
    overall = [score(scoring, metrics, sections).overall for _, metrics, sections, _ in rows]
    return spearman(overall, [quality for *_, quality in rows])


def allowed(scoring: dict) -> bool:
    """Every sub-score keeps at least ``FLOOR`` of the overall mix and every section a weight of
    at least 1: the fit may re-weigh the published evidence, not silence any of it."""
    mix = [float(scoring["overall"][name]) for name in PARTS]
    total = sum(mix) or 1.0
    sections = scoring["completeness"]["weights"].values()
    return min(mix) / total >= FLOOR and min(float(w) for w in sections) >= 1.0


def fit(scoring: dict, rows: list) -> dict:
    """Coordinate ascent on Spearman over the knobs, from the shipped weights."""
    best, best_rho = scoring, rho(scoring, rows)
    for _ in range(PASSES):
        moved = False
        for knob in knobs(scoring):
            base = get(best, knob) or 1.0
            for step in STEPS:
                value = round(base * step, 3)
                if knob[1] == "thin":  # strengthening a thin section must still raise the score
                    value = min(THIN_MAX, value)
                trial = put(best, knob, value)
                if not allowed(trial):
                    continue
                r = rho(trial, rows)
                if r > best_rho + 1e-4:
                    best, best_rho, moved = trial, r, True
        if not moved:
            break
    return best


def write(fitted: dict) -> None:
    """Put the fitted knobs into scoring.toml, line by line, keeping its comments."""
    lines = SCORING.read_text(encoding="utf-8").splitlines()
    table = ""
    for n, line in enumerate(lines):
        header = re.match(r"^\[([a-z_.]+)\]\s*$", line)
        if header:
            table = header.group(1)
            continue
        m = re.match(r"^([a-z_]+) = [0-9.]+(.*)$", line)
        if m and (table, m.group(1)) in knobs(fitted):
            value = get(fitted, (table, m.group(1)))
            lines[n] = f"{m.group(1)} = {value:g}{m.group(2)}"
    SCORING.write_text("\n".join(lines) + "\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write", action="store_true")
    args = parser.parse_args(argv)
    a, _ = load_rater("a")
    b, _ = load_rater("b")
    ids = sorted(i for i in set(a) & set(b) if "quality" in a[i] and "quality" in b[i])
    records = corpus_records(set(ids))
    book = load_rulebook(ROOT / "resources")
    if TUNE_MODEL.is_file():  # the section model that never saw the held-out postings
        model = SectionModel(json.loads(TUNE_MODEL.read_text(encoding="utf-8")))
        book = dataclasses.replace(book, section_model=model)
    else:
        print(f"{TUNE_MODEL} is absent: run sections_train.py first for honest held-out figures")
    rows = []
    for posting_id in ids:
        report = analyse(records[posting_id]["text"], book)
        quality = (a[posting_id]["quality"] + b[posting_id]["quality"]) / 2
        rows.append((posting_id, dict(report.metrics), report.sections, quality))
    tune = [r for r in rows if not held_out(r[0])]
    test = [r for r in rows if held_out(r[0])]
    shipped = book.scoring
    print(f"{len(rows)} postings with both raters' quality: {len(tune)} tune, {len(test)} held out")
    fitted = fit(shipped, tune)
    for name, weights in (("shipped", shipped), ("fitted", fitted)):
        print(f"{name} weights: Spearman tune {rho(weights, tune):.3f}, "
              f"held-out {rho(weights, test):.3f}")  # fmt: skip
    for knob in knobs(shipped):
        if get(fitted, knob) != get(shipped, knob):
            print(f"  {knob[0]}.{knob[1]}: {get(shipped, knob):g} -> {get(fitted, knob):g}")
    if args.write:
        write(fitted)
        print(f"wrote the fitted weights into {SCORING}")
        moved = [f"`{k[0]}.{k[1]}` {get(shipped, k):g} → {get(fitted, k):g}"
                 for k in knobs(shipped) if get(fitted, k) != get(shipped, k)]  # fmt: skip
        body = (
            "Command: `python benchmarks/labelling/score_calibrate.py --write` (after "
            "`sections_train.py`). The overall score of each of the 615 postings both section "
            "raters scored for quality (1–5, their mean), from the product's own analysis; the "
            f"fit used the tune part ({len(tune)}), the figure is on the held-out part "
            f"({len(test)}), with the section model trained without it.\n\n"
            "| weights | Spearman, tune | Spearman, held out | target |\n|---|---:|---:|---:|\n"
            f"| before (the weights shipped until this fit) | {rho(shipped, tune):.3f} "
            f"| {rho(shipped, test):.3f} | |\n"
            f"| fitted to the raters (shipped) | {rho(fitted, tune):.3f} "
            f"| {rho(fitted, test):.3f} | ≥ 0.75 |\n\n"
            f"Moved by the fit (each sub-score keeps at least {FLOOR:.0%} of the mix, every "
            "section a weight of at least 1; the penalties inside the sub-scores are unchanged): "
            + "; ".join(moved)
            + "."
        )
        write_section(
            DOC, "score-calibration", "Score against the raters' quality (issue 12)", body
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
