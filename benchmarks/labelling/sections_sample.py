"""The dev-split sample that two independent raters label for the section checklist (issue 12).

Only ids are kept in the project; the text is read from ``../shared/corpus`` when a rater needs
it. ``holdout`` records are never read.

    python benchmarks/labelling/sections_sample.py ids            # write the sample's ids
    python benchmarks/labelling/sections_sample.py show 0 150     # postings 0..149, blocks numbered

``show`` prints each posting as the raters see it: a header line ``=== n=<n> id=<id>`` and then
one line per sentence, prefixed with ``[<block>.<sentence>]``: the block is the posting's line as
the analysis sees it, the sentence is its place in that line as the product's sentence splitter
cuts it. Labels name sentences (and so blocks) by these ids, so no posting text is ever copied
into the project.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import sys
from collections import defaultdict
from pathlib import Path

from postingstudio.core.text import sentence_spans

ROOT = Path(__file__).resolve().parents[2]
SHARED = Path(os.environ.get("POSTINGSTUDIO_SHARED", ROOT.parent / "shared"))
CORPUS = SHARED / "corpus" / "postings" / "postings.jsonl"
IDS = ROOT / "tests" / "data" / "labels" / "sections_sample_ids.txt"
PER_SOURCE = 65  # 9 sources x 65 + every dev posting of the smallest source (30) = 615 >= 600


def _rank(posting_id: str) -> int:
    return int(hashlib.sha256(f"label12:{posting_id}".encode()).hexdigest(), 16)


def dev_records(corpus: Path = CORPUS) -> dict[str, dict]:
    records: dict[str, dict] = {}
    with corpus.open(encoding="utf-8") as handle:
        for line in handle:
            record = json.loads(line)
            if record.get("split") == "dev":
                records[record["id"]] = record
    return records


def choose(records: dict[str, dict], per_source: int = PER_SOURCE) -> list[str]:
    """``per_source`` postings from each source (all of a smaller one), in a stable order."""
    by_source: dict[str, list[str]] = defaultdict(list)
    for posting_id, record in records.items():
        by_source[record["source"]].append(posting_id)
    chosen: list[str] = []
    for source in sorted(by_source):
        chosen += sorted(by_source[source], key=_rank)[:per_source]
    return sorted(chosen, key=_rank)  # sources interleaved, so any chunk covers them all


def sentence_units(line: str) -> list[tuple[int, int]]:
    """The spans of one line's sentences; a blank line is one empty unit, so it keeps its id."""
    spans = [(start, end) for start, end in sentence_spans(line) if line[start:end].strip()]
    return spans or [(0, len(line))]


def show(records: dict[str, dict], ids: list[str], start: int, stop: int) -> str:
    out: list[str] = []
    for n in range(start, min(stop, len(ids))):
        record = records[ids[n]]
        out.append(f"=== n={n} id={record['id']} title={record.get('title', '')!r}")
        for block, line in enumerate(record["text"].split("\n")):
            for sentence, (start, end) in enumerate(sentence_units(line)):
                out.append(f"[{block}.{sentence}] {line[start:end]}")
        out.append("")
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("ids")
    show_cmd = sub.add_parser("show")
    show_cmd.add_argument("start", type=int)
    show_cmd.add_argument("stop", type=int)
    args = parser.parse_args(argv)
    if not CORPUS.exists():
        print(f"the shared corpus is not at {CORPUS}", file=sys.stderr)
        return 2
    records = dev_records()
    if args.command == "ids":
        ids = choose(records)
        IDS.write_text("\n".join(ids) + "\n", encoding="utf-8")
        print(f"{len(ids)} ids -> {IDS.relative_to(ROOT)}")
        return 0
    ids = IDS.read_text(encoding="utf-8").split()
    sys.stdout.write(show(records, ids, args.start, args.stop))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
