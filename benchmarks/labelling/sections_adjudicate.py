"""Show the section disagreements between the two raters, for an adjudicator (issue 12).

    python benchmarks/labelling/sections_adjudicate.py count          # postings with disagreements
    python benchmarks/labelling/sections_adjudicate.py show 0 10      # disputes k = 0..9

Each posting is printed as the raters saw it (``sections_sample.py show``), followed by every
section on which rater A and rater B gave a different state (or salary kind), with each rater's
state and sentence ids. The adjudicator sees neither the detector nor the code; decisions go to
``benchmarks/ratings/sections/adjudicated.partN.jsonl`` as
``{"id": ..., "state": {section: state, ...}, "salary_kind": ...}`` naming only the disputed
fields. Where the raters agree, their shared label stands.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(Path(__file__).resolve().parent))

from sections_agreement import SECTIONS, load_rater  # noqa: E402
from sections_sample import CORPUS, IDS, dev_records, show  # noqa: E402


def disputes(a: dict, b: dict) -> dict[str, tuple]:
    """The fields on which two labels of one posting differ: section -> (A's, B's)."""
    out: dict[str, tuple] = {}
    for section in SECTIONS:
        if a["state"][section] != b["state"][section]:
            out[section] = (
                (a["state"][section], a.get("sentences", {}).get(section, [])),
                (b["state"][section], b.get("sentences", {}).get(section, [])),
            )
    if a.get("salary_kind", "none") != b.get("salary_kind", "none"):
        out["salary_kind"] = (a.get("salary_kind", "none"), b.get("salary_kind", "none"))
    return out


def disputed_postings() -> list[tuple[int, str, dict]]:
    a, _ = load_rater("a")
    b, _ = load_rater("b")
    ids = IDS.read_text(encoding="utf-8").split()
    out = []
    for n, posting_id in enumerate(ids):
        if posting_id in a and posting_id in b:
            found = disputes(a[posting_id], b[posting_id])
            if found:
                out.append((n, posting_id, found))
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("count")
    show_cmd = sub.add_parser("show")
    show_cmd.add_argument("start", type=int)
    show_cmd.add_argument("stop", type=int)
    args = parser.parse_args(argv)
    found = disputed_postings()
    if args.command == "count":
        print(f"{len(found)} postings, {sum(len(d) for _, _, d in found)} disputed fields")
        return 0
    if not CORPUS.exists():
        print(f"the shared corpus is not at {CORPUS}", file=sys.stderr)
        return 2
    records = dev_records()
    ids = IDS.read_text(encoding="utf-8").split()
    for k in range(args.start, min(args.stop, len(found))):
        n, posting_id, fields = found[k]
        print(f"##### dispute k={k}")
        sys.stdout.write(show(records, ids, n, n + 1))
        for field, (first, second) in fields.items():
            print(f"  DISPUTED {field}: A={first}  B={second}")
        print()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
