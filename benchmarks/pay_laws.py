"""Pay-transparency laws on the corpus's dev split: how often a law is applied, and whether the
place that put a posting under it agrees with the place the job board recorded (issue 12).

The check reads only the posting's text (it never sees the board's location field), so the
board's field is an independent witness: a law applied to a posting whose recorded location
names none of the law's places is counted as a disagreement and listed.

    python benchmarks/pay_laws.py [--limit 1500]
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

from postingstudio.core.analyse import analyse
from postingstudio.core.pay_laws import load_pay_laws
from postingstudio.core.plaintext import parse_text
from postingstudio.core.rules.rulebook import default_rulebook
from postingstudio.paths import resources_dir

CORPUS = (
    Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "postings" / "postings.jsonl"
)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=1500, help="dev postings to read")
    args = parser.parse_args(argv)
    if not CORPUS.exists():
        print(f"the shared corpus is not at {CORPUS}", file=sys.stderr)
        return 2
    laws = {law.id: law for law in load_pay_laws(resources_dir())}
    book = default_rulebook()
    applied: Counter[str] = Counter()
    agree = disagree = seen = 0
    with CORPUS.open(encoding="utf-8") as handle:
        for line in handle:
            record = json.loads(line)
            if record.get("split") != "dev":
                continue
            seen += 1
            if seen > args.limit:
                break
            report = analyse(parse_text(record["text"]), book)
            law = next((f.extra["law"] for f in report.findings if "law" in f.extra), None)
            if law is None:
                continue
            applied[law] += 1
            where = record.get("location") or ""
            if where:
                if laws[law].hits(where):
                    agree += 1
                else:
                    disagree += 1
                    print(f"  differs: {record['id']} law={law} board={where!r}")
    total = sum(applied.values())
    print(f"dev postings read: {min(seen, args.limit)}; a law applied to {total}: {dict(applied)}")
    print(f"board location agrees with the law: {agree}, names another place: {disagree}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
