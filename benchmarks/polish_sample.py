"""Draw random applied (safe) polish changes from the dev split as before/after sentence pairs
for two independent raters (docs/polish-rating-guide.md), and score their labels.

    .venv/bin/python benchmarks/polish_sample.py draw  --round 3   # or [--n 200] [--seed 11]
    .venv/bin/python benchmarks/polish_sample.py score --round 3 [--write-doc]

``draw`` writes <round folder>/items.jsonl (id, before, after) and a key file with the rule of
each item (kept apart so raters see only the sentences). ``score`` reads rater_a.jsonl and
rater_b.jsonl ({"id", "verdict": correct|awkward|wrong, "meaning_changed": bool}) and prints the
shares and Cohen's kappa; ``--write-doc`` puts the round's row in docs/benchmarks.md.

Rounds (``--round`` sets seed and folder): 1 = seed 11, benchmarks/ratings/polish; 2 = seed 12,
polish_r2; 3 = seed 13, polish_r3, drawn only from dev postings that rounds 1 and 2 did not
draw from (each round draws from the first 600 postings of its seeded shuffle); 4 = seed 16,
polish_r4, from dev postings that none of rounds 1-3 nor the seed-14 review sample (read while
tuning after round 2) drew from; 5 = seed 20, polish_r5, also apart from round 4's pool and the
judge benchmark's 1,000 postings (read while tuning the "you" rewrite after round 4); 6 = seed
21, polish_r6, apart from rounds 1-5 too; 7 = seed 22, polish_r7: the dev split being used up,
from every dev posting outside the review samples and the judge's, without any sentence an
earlier round's raters saw.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("POSTINGSTUDIO_SHARED", ROOT.parent / "shared"))
CORPUS = SHARED / "corpus" / "postings" / "postings.jsonl"
OUT = ROOT / "benchmarks" / "ratings" / "polish"
POOL = 600  # postings a round draws its changes from
# round -> (seed, folder, earlier rounds whose postings it must not reuse)
ROUNDS: dict[int, tuple[int, str, tuple[int, ...]]] = {
    1: (11, "polish", ()),
    2: (12, "polish_r2", ()),
    3: (13, "polish_r3", (1, 2)),
    4: (16, "polish_r4", (1, 2, 3)),
    5: (20, "polish_r5", (1, 2, 3, 4)),
    6: (21, "polish_r6", (1, 2, 3, 4, 5)),
    # The dev split is used up apart from rounds 1-6 (rounds 1-5 took 600 postings each, round 6
    # the last 419), so round 7 draws from every dev posting outside the review samples and the
    # judge's postings, and leaves out each sentence an earlier round put before its raters.
    7: (22, "polish_r7", ()),
}
# Review samples drawn for tuning, not rated (seed -> rounds they were drawn apart from). A later
# round leaves out their postings too, with and without those exclusions, so that none it
# draws was read while tuning.
REVIEWS: dict[int, tuple[int, ...]] = {14: (1, 2, 3), 17: (1, 2, 3)}
# round -> the review samples whose postings it must not reuse
AFTER_REVIEWS: dict[int, tuple[int, ...]] = {4: (14, 17), 5: (14, 17), 6: (14, 17), 7: (14, 17)}
# The judge benchmark's postings (benchmarks/polish_judge.py: seed 3, the first 1,000 of the dev
# split shuffled): the "you" rewrites left undone there were read while tuning before round 5,
# so rounds from 5 on leave them out too.
JUDGE_SEED, JUDGE_N = 3, 1000
AFTER_JUDGE: frozenset[int] = frozenset({5, 6, 7})
# rounds that leave out every "before" sentence any earlier round's raters saw
UNSEEN_SENTENCES: frozenset[int] = frozenset({7})
DOC = ROOT / "docs" / "benchmarks.md"
# round -> the engine its items were drawn from, for its row in the doc
ENGINES = {
    3: "after the round-2 refusals and the kinds of round 1 and 2 (issue 10 polish)",
    4: "after the kinds of round 3 were fixed or refused (issue 10 polish)",
    5: "after the kinds of round 4 were fixed or refused (issue 10 polish)",
    6: "after the kinds of round 5 were fixed or refused (issue 10 polish)",
    7: "after the kinds of round 6 were fixed or refused (issue 10 polish)",
}


def dev_postings() -> list[dict[str, str]]:
    rows = [json.loads(line) for line in CORPUS.open(encoding="utf-8")]
    return [r for r in rows if r.get("split") == "dev"]


def applied_pairs(text: str, book: object) -> list[tuple[str, str, str]]:
    from postingstudio.core.analyse import analyse
    from postingstudio.core.fixes import polish_text
    from postingstudio.core.rewrite.tokens import sentence_bounds

    report = analyse(text, book)  # type: ignore[arg-type]
    text = report.text
    polished = polish_text(text, list(report.findings))
    pairs = []
    for change in polished.safe:
        begin, end = sentence_bounds(text, change.start, change.end)  # type: ignore[attr-defined]
        sentence = text[begin:end]
        after = (
            sentence[: change.start - begin] + change.after + sentence[change.end - begin :]  # type: ignore[attr-defined]
        )
        pairs.append((change.rule_id, sentence.strip(), after.strip()))  # type: ignore[attr-defined]
    return pairs


def _key(posting: dict[str, str]) -> str:
    return posting.get("id") or posting["text"]


def round_postings(
    seed: int, exclude: tuple[int, ...] = (), reviews: tuple[int, ...] = (), judge: bool = False
) -> list[dict[str, str]]:
    """The postings a round draws from: the first POOL of the dev split shuffled with its seed,
    after removing every posting an earlier round in ``exclude`` drew from (that round's own
    pool, with its own exclusions), every posting of the review samples in ``reviews`` and,
    with ``judge``, the judge benchmark's postings."""
    used: set[str] = set()
    for earlier in exclude:
        earlier_seed, _, earlier_exclude = ROUNDS[earlier]
        earlier_reviews = AFTER_REVIEWS.get(earlier, ())
        used |= {_key(p) for p in round_postings(earlier_seed, earlier_exclude, earlier_reviews)}
        # a round's pool as it was drawn, and as drawn without its review exclusions (the pool
        # rounds 3 and 4 were drawn apart from, before round 4's exclusions were passed on)
        used |= {_key(p) for p in round_postings(earlier_seed, earlier_exclude)}
    for review in reviews:
        used |= {_key(p) for p in round_postings(review)}
        used |= {_key(p) for p in round_postings(review, REVIEWS[review])}
    if judge:
        judged = dev_postings()
        random.Random(JUDGE_SEED).shuffle(judged)
        used |= {_key(p) for p in judged[:JUDGE_N]}
    postings = dev_postings()
    random.Random(seed).shuffle(postings)
    return [p for p in postings if _key(p) not in used][:POOL]


def draw(
    n: int,
    seed: int,
    out: Path = OUT,
    exclude: tuple[int, ...] = (),
    reviews: tuple[int, ...] = (),
    judge: bool = False,
    seen: frozenset[str] = frozenset(),
) -> None:
    from postingstudio.core.rules.rulebook import default_rulebook

    book = default_rulebook()
    postings = dev_postings()
    rng = random.Random(seed)
    rng.shuffle(postings)
    if exclude or reviews or judge:
        postings = round_postings(seed, exclude, reviews, judge)
    pool: list[tuple[str, str, str]] = []
    for posting in postings[:POOL]:
        pairs = applied_pairs(posting["text"], book)
        pool.extend(p for p in pairs if len(p[1]) <= 400 and p[1] not in seen)
    picked = rng.sample(pool, min(n, len(pool)))
    out.mkdir(parents=True, exist_ok=True)
    with (
        (out / "items.jsonl").open("w", encoding="utf-8") as items,
        (out / "key.jsonl").open("w", encoding="utf-8") as key,
    ):
        for number, (rule_id, before, after) in enumerate(picked, 1):
            item_id = f"p{number:03d}"
            items.write(json.dumps({"id": item_id, "before": before, "after": after}) + "\n")
            key.write(json.dumps({"id": item_id, "rule_id": rule_id}) + "\n")
    print(f"wrote {len(picked)} items from {len(pool)} applied changes")


def rated_sentences(before_round: int) -> frozenset[str]:
    """Every "before" sentence the raters of rounds 1 .. before_round - 1 judged."""
    seen: set[str] = set()
    for number in range(1, before_round):
        items = ROOT / "benchmarks" / "ratings" / ROUNDS[number][1] / "items.jsonl"
        if items.exists():
            for line in items.open(encoding="utf-8"):
                seen.add(json.loads(line)["before"])
    return frozenset(seen)


def _labels(name: str, out: Path = OUT) -> dict[str, dict[str, object]]:
    path = out / name
    return {row["id"]: row for row in map(json.loads, path.open(encoding="utf-8"))}


def kappa(a: list[str], b: list[str]) -> float:
    agree = sum(x == y for x, y in zip(a, b, strict=True)) / len(a)
    ca, cb = Counter(a), Counter(b)
    chance = sum(ca[k] * cb[k] for k in set(ca) | set(cb)) / (len(a) ** 2)
    return 1.0 if chance == 1 else (agree - chance) / (1 - chance)


def score(out: Path = OUT, doc_row: int | None = None) -> int:
    """Print the round's figures; with ``doc_row``, also put its row in docs/benchmarks.md."""
    if not (out / "rater_a.jsonl").exists() or not (out / "rater_b.jsonl").exists():
        print(f"no rater files yet ({out}/rater_a.jsonl, rater_b.jsonl)")
        return 1
    a, b = _labels("rater_a.jsonl", out), _labels("rater_b.jsonl", out)
    ids = sorted(set(a) & set(b))
    counts = []
    for name, labels in (("rater A", a), ("rater B", b)):
        verdicts = Counter(str(labels[i]["verdict"]) for i in ids)
        changed = sum(bool(labels[i].get("meaning_changed")) for i in ids)
        counts.append((verdicts["awkward"], verdicts["wrong"], changed))
        print(
            f"{name}: {verdicts['correct'] / len(ids):.1%} correct, {verdicts['awkward']} awkward,"
            f" {verdicts['wrong']} wrong, {changed} meaning changed (of {len(ids)})"
        )
    both = sum(a[i]["verdict"] == "correct" and b[i]["verdict"] == "correct" for i in ids)
    print(f"both correct: {both / len(ids):.1%}")
    va = [str(a[i]["verdict"]) for i in ids]
    vb = [str(b[i]["verdict"]) for i in ids]
    kv = kappa(va, vb)
    print(f"Cohen's kappa (verdict): {kv:.2f}")
    ma = [str(bool(a[i].get("meaning_changed"))) for i in ids]
    mb = [str(bool(b[i].get("meaning_changed"))) for i in ids]
    km = kappa(ma, mb)
    print(f"Cohen's kappa (meaning changed): {km:.2f}")
    if doc_row is not None:
        met = both / len(ids) >= 0.95 and counts[0][2] == 0 and counts[1][2] == 0
        seed, folder, _ = ROUNDS[doc_row]
        cells = [
            f"{doc_row} (seed {seed}, `benchmarks/ratings/{folder}`, {len(ids)} items)",
            ENGINES.get(doc_row, ""),
            f"**{both / len(ids):.1%}**",
            " / ".join(", ".join(str(x) for x in c) for c in counts),
            f"{kv:.2f} / {km:.2f}",
            "≥ 95%, 0 meaning " + ("✅" if met else "❌"),
        ]
        write_row(doc_row, "| " + " | ".join(cells) + " |")
    return 0


def write_row(number: int, row: str, doc: Path = DOC) -> None:
    """Replace round ``number``'s row of the human-judgement table, or add it after the last."""
    lines = doc.read_text(encoding="utf-8").split("\n")
    mine = [i for i, line in enumerate(lines) if line.startswith(f"| {number} (seed ")]
    if mine:
        lines[mine[0]] = row
    else:
        earlier = [f"| {n} (seed " for n in range(1, number)]
        rounds = [i for i, line in enumerate(lines) if line.startswith(tuple(earlier))]
        if not rounds:
            raise SystemExit(f"no round table in {doc}")
        lines.insert(rounds[-1] + 1, row)
    doc.write_text("\n".join(lines), encoding="utf-8")
    print(f"wrote round {number}'s row in {doc}")


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("command", choices=("draw", "score"))
    parser.add_argument("--n", type=int, default=200)
    # Round 1 (seed 11) was rated on the engine as merged; rules then changed on what its labels
    # showed. Round 2 (seed 12, its own folder) was drawn after those changes. Round 3 (seed 13)
    # after the fixes of both rounds' kinds, from postings neither drew from. Round 4 (seed 16)
    # after the fixes of round 3's kinds, from postings no earlier round or review drew from.
    # Round 5 (seed 20) after the fixes of round 4's kinds, also apart from the judge's postings.
    parser.add_argument("--round", type=int, choices=sorted(ROUNDS))
    parser.add_argument("--out", type=Path, default=OUT)
    # 11: the rated sample, redrawn after the last engine fix
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--write-doc", action="store_true", help="put the round's row in the doc")
    args = parser.parse_args()
    exclude: tuple[int, ...] = ()
    reviews: tuple[int, ...] = ()
    if args.round is not None:
        args.seed, folder, exclude = ROUNDS[args.round]
        reviews = AFTER_REVIEWS.get(args.round, ())
        args.out = ROOT / "benchmarks" / "ratings" / folder
    if args.command == "draw":
        seen = rated_sentences(args.round) if args.round in UNSEEN_SENTENCES else frozenset()
        draw(args.n, args.seed, args.out, exclude, reviews, args.round in AFTER_JUDGE, seen)
        return 0
    if args.write_doc and args.round is None:
        parser.error("--write-doc needs --round")
    return score(args.out, args.round if args.write_doc else None)


if __name__ == "__main__":
    sys.exit(main())
