"""Error analysis for the section checklist on the tune part only (the 70% that
``sections_train.py`` does not hold out): the cross-validated figures per section, and the
postings where the detector's state differs from the adjudicated one, with the sentences the
raters marked and the sentences the detector's verdict rests on.

The held-out 30% is never read here: the split is ``sections_train.held_out`` itself, and the
listing is built from the tune postings only. Printed text goes to the terminal, never into the
repository (posting text stays in the shared corpus).

    python benchmarks/labelling/sections_errors_b.py --section culture            # figures + errors
    python benchmarks/labelling/sections_errors_b.py --section culture --figures  # figures only
    python benchmarks/labelling/sections_errors_b.py --section culture --kind thin-present
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from sections_train import (  # noqa: E402
    LEARNED,
    MARGIN,
    THRESHOLDS,
    VARIANTS,
    Corpus,
    _score,
    _words,
    held_out,
    model_of,
    out_of_fold,
    scores,
    verdicts,
)


def choose_one(corpus: Corpus, ids: list[str], section: str) -> tuple[dict, dict, dict]:
    """The trainer's own choice of features, mode, threshold and state rule, its CV figures and
    its out-of-fold probabilities (the stacked verdict, which the trainer may choose after
    these, is not listed here)."""
    best = None
    for context, marks in VARIANTS:
        oof = out_of_fold(corpus, ids, section, context, marks)
        for threshold in THRESHOLDS:
            for mode in ("rules", "either", "model"):
                s = _score(corpus, ids, section, oof, mode, threshold, 1, "rules")
                key = (round(s["f1"] - (0 if mode == "rules" else MARGIN), 3), mode == "rules",
                       not context, not marks)  # fmt: skip
                if best is None or key > best[0]:
                    best = (key, mode, threshold, (context, marks), oof)
    _, mode, threshold, (context, marks), oof = best
    state, present_min, exact, figures = "rules", 1, -1.0, {}
    for option in [("rules", 1)] + [("model", n) for n in (1, 2, 3, 4)]:
        s = _score(corpus, ids, section, oof, mode, threshold, option[1], option[0])
        if s["exact"] > exact + 0.005:
            (state, present_min), exact, figures = option, s["exact"], s
    return {"mode": mode, "threshold": threshold, "present_min": present_min, "state": state,
            "context": context, "marks": marks}, figures, oof  # fmt: skip


def listing(corpus: Corpus, ids: list[str], section: str, choice: dict, oof, kind: str) -> None:
    from sections_train import _oof_model

    from postingstudio.core.sections_learned import combine

    k = [s for s, _ in corpus.labels].index(section)
    fake = _oof_model(section, choice["mode"], choice["threshold"], choice["present_min"],
                      choice["state"], oof)  # fmt: skip
    shown = 0
    for i in ids:
        got = combine(fake(i), corpus.text[i], corpus.labels, corpus.rules[i],
                      corpus.units[i], corpus.feats[i])[k]  # fmt: skip
        gold = corpus.gold[i]["state"][section]
        said = str(got[0])
        if said == gold:
            continue
        pair = f"{gold}-{said}"
        if kind and kind != pair:
            continue
        shown += 1
        a, b = corpus.a[i]["state"][section], corpus.b[i]["state"][section]
        print(f"\n=== {i}  gold {gold} (A {a}, B {b})  detector {said}: {got[1][:160]}")
        marked = set(corpus.a[i].get("sentences", {}).get(section, [])) | set(
            corpus.b[i].get("sentences", {}).get(section, [])
        )
        text = corpus.text[i]
        positive = corpus.positives(i, marked)  # the raters' ids name the raw text's lines
        for unit, p in zip(corpus.units[i], oof.get(i, []) or [0.0] * len(corpus.units[i]),
                           strict=True):  # fmt: skip
            uid = f"{unit.block}.{unit.number}"
            rated = _words(text[unit.start : unit.end]) in positive
            carrier = p >= choice["threshold"] and choice["mode"] != "rules"
            if rated or carrier:
                tag = ("R" if rated else "-") + ("M" if carrier else "-")
                piece = " ".join(text[unit.start : unit.end].split())[:220]
                print(f"  [{uid}] {tag} p={p:.2f} {piece}")
    print(f"\n{shown} disagreements shown")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--section", action="append", choices=LEARNED, required=True)
    parser.add_argument("--figures", action="store_true", help="figures only, no listing")
    parser.add_argument("--rules", action="store_true", help="the rules' figures only (fast)")
    parser.add_argument("--kind", default="", help="only gold-detector pairs, e.g. thin-present")
    args = parser.parse_args(argv)
    corpus = Corpus()
    tune = [i for i in corpus.ids if not held_out(i)]
    rules = scores(corpus, tune, verdicts(corpus, model_of({}), tune))
    for section in args.section:
        if args.rules:
            r = rules[section]
            print(f"{section}: rules F1 {r['f1']:.3f} exact {r['exact']:.3f} "
                  f"thin F1 {r['thin_f1']:.2f}")  # fmt: skip
            continue
        choice, cv, oof = choose_one(corpus, tune, section)
        r = rules[section]
        print(f"{section}: {choice}\n  rules    F1 {r['f1']:.3f} exact {r['exact']:.3f} "
              f"thin F1 {r['thin_f1']:.2f}\n  CV model F1 {cv['f1']:.3f} exact {cv['exact']:.3f} "
              f"thin F1 {cv['thin_f1']:.2f}  (n agreed {cv['n']}, tune {len(tune)})",
              flush=True)  # fmt: skip
        if not args.figures:
            listing(corpus, tune, section, choice, oof, args.kind)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
