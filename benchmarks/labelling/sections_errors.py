"""Where the section rules disagree with the raters, on the tune part only (issue 12).

Error analysis must never look at the postings ``sections_train.py`` holds out, or the held-out
figures stop being honest. This script takes the same hash split (``sections_train.held_out``),
drops the held-out postings before any text is read, and refuses a posting id from them.

For one section it prints the tune-part F1 (found/missing, where both raters agree), exact state
against the adjudicated labels, and then each disagreeing posting: the adjudicated and detected
states, the detector's reason, the sentences the raters marked (A, B or both) and the text of the
span the detector used. For ``salary`` it also prints the salary kind accuracy and its mistakes.

    python benchmarks/labelling/sections_errors.py benefits            # summary and errors
    python benchmarks/labelling/sections_errors.py benefits --only fn  # missed ones only
    python benchmarks/labelling/sections_errors.py --summary           # every section, no texts
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from section_quality import SPECS, parse_text  # noqa: E402
from sections_agreement import SECTIONS, corpus_records, f1, found, load_gold, load_rater  # noqa: E402
from sections_train import held_out  # noqa: E402

from postingstudio.core.salary import classify_salary  # noqa: E402
from postingstudio.core.sections import detect_sections, load_section_specs  # noqa: E402
from postingstudio.core.sections_learned import sentence_units  # noqa: E402
from postingstudio.core.sections_spec import salary_vague_terms  # noqa: E402
from postingstudio.core.text import TextIndex  # noqa: E402


def kind_agrees(truth: str, guess: str) -> bool:
    """The issue's rule: a range counts as a figure where the labels have no range."""
    return truth == guess or (truth == "figure" and guess == "range")


def tune_part() -> tuple[dict, dict, dict, dict[str, dict]]:
    """Raters A and B, the adjudicated labels and the detector's verdicts: tune postings only."""
    a, _ = load_rater("a")
    b, _ = load_rater("b")
    gold = load_gold(a, b)
    ids = {i for i in set(a) & set(b) & set(gold) if not held_out(i)}
    specs = load_section_specs(SPECS)
    detected: dict[str, dict] = {}
    for posting_id, record in corpus_records(ids).items():
        if held_out(posting_id):  # never reached; the guard stays in case the filter moves
            raise SystemExit(f"{posting_id} is held out: refusing to read it")
        posting = parse_text(record["text"])
        index = TextIndex(posting.text)
        salary = classify_salary(index, salary_vague_terms(specs))
        results = detect_sections(posting, index, specs, salary)
        detected[posting_id] = {
            "raw": record["text"],  # the raters' sentence ids number this text's lines
            "text": posting.text,
            "kind": str(salary.kind),
            "results": {r.id: r for r in results},
        }
    return a, b, gold, detected


def section_scores(section: str, a, b, gold, detected) -> dict:
    ids = sorted(detected)
    agreed = [i for i in ids if found(a[i], section) == found(b[i], section)]
    truth = [found(a[i], section) for i in agreed]
    guess = [str(detected[i]["results"][section].state) != "missing" for i in agreed]
    exact = sum(
        str(detected[i]["results"][section].state) == gold[i]["state"][section] for i in ids
    )
    return {"f1": f1(truth, guess), "exact": exact / len(ids), "n": len(agreed)}


def kind_score(gold, detected) -> tuple[float, float]:
    ids = sorted(detected)
    strict = sum(detected[i]["kind"] == gold[i]["salary_kind"] for i in ids) / len(ids)
    lenient = sum(kind_agrees(gold[i]["salary_kind"], detected[i]["kind"]) for i in ids)
    return strict, lenient / len(ids)


def _marked(label: dict, section: str) -> set[str]:
    return set(label.get("sentences", {}).get(section, []))


def show(posting_id: str, section: str, a, b, gold, detected) -> None:
    if held_out(posting_id):
        raise SystemExit(f"{posting_id} is held out: refusing to print it")
    d = detected[posting_id]
    text, result = d["text"], d["results"][section]
    print(f"\n=== {posting_id}  gold={gold[posting_id]['state'][section]} "
          f"A={a[posting_id]['state'][section]} B={b[posting_id]['state'][section]} "
          f"detector={result.state}  kind gold={gold[posting_id]['salary_kind']} "
          f"det={d['kind']}")  # fmt: skip
    print(f"  reason: {result.reason}")
    ma, mb = _marked(a[posting_id], section), _marked(b[posting_id], section)
    raw = d["raw"]
    for unit in sentence_units(raw):
        key = f"{unit.block}.{unit.number}"
        if key in ma | mb:
            who = "AB" if key in ma & mb else ("A " if key in ma else " B")
            print(f"  [{who}] {' '.join(raw[unit.start : unit.end].split())[:240]}")
    if result.start is not None:
        used = " ".join(text[result.start : result.end].split())
        print(f"  [detector span] {used[:400]}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("section", nargs="?", choices=SECTIONS)
    parser.add_argument("--summary", action="store_true")
    parser.add_argument("--only", choices=("fn", "fp", "state", "kind"))
    args = parser.parse_args(argv)
    a, b, gold, detected = tune_part()
    print(f"tune part: {len(detected)} postings (held-out ones never read)")
    for section in SECTIONS if args.summary or not args.section else (args.section,):
        s = section_scores(section, a, b, gold, detected)
        print(f"{section:17} F1 {s['f1']:.3f} (n={s['n']})  exact {s['exact']:.3f}")
    strict, lenient = kind_score(gold, detected)
    print(f"salary kind: {strict:.3f} strict, {lenient:.3f} with range = figure")
    if args.summary or not args.section:
        return 0
    section = args.section
    for posting_id in sorted(detected):
        truth_a, truth_b = found(a[posting_id], section), found(b[posting_id], section)
        state = str(detected[posting_id]["results"][section].state)
        guess = state != "missing"
        gold_state = gold[posting_id]["state"][section]
        kinds = (gold[posting_id]["salary_kind"], detected[posting_id]["kind"])
        wrong = {
            "fn": truth_a == truth_b and truth_a and not guess,
            "fp": truth_a == truth_b and not truth_a and guess,
            "state": gold_state != state,
            "kind": section == "salary" and not kind_agrees(*kinds),
        }
        if (args.only and wrong[args.only]) or (not args.only and any(wrong.values())):
            show(posting_id, section, a, b, gold, detected)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
