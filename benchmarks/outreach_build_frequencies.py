"""Build resources/outreach/term_frequencies.json: in how many dev-split postings each stemmed
word appears, so the outreach drafter can tell what makes a posting different when no
competitors are loaded. Dev split only (never holdout); only counts are shipped, no text.

    .venv/bin/python benchmarks/outreach_build_frequencies.py [--shared ../shared]

(``POSTINGSTUDIO_SHARED`` sets the default of ``--shared``.)
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

from postingstudio.core.compare.phrases import stem  # noqa: E402
from postingstudio.core.text import TextIndex  # noqa: E402

MIN_DOCUMENTS = 3  # rarer words are mostly names and typos; the drafter skips them anyway


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    default = Path(os.environ.get("POSTINGSTUDIO_SHARED", REPO.parent / "shared"))
    parser.add_argument("--shared", type=Path, default=default)
    args = parser.parse_args()
    corpus = args.shared / "corpus" / "postings" / "postings.jsonl"
    frequency: Counter[str] = Counter()
    documents = 0
    with corpus.open(encoding="utf-8") as lines:
        for line in lines:
            record = json.loads(line)
            if record["split"] != "dev":
                continue
            documents += 1
            words = {
                stem(t.norm)
                for t in TextIndex(record["text"]).tokens
                if len(t.norm) >= 5 and t.norm.isalpha()
            }
            frequency.update(words)
    kept = {k: v for k, v in sorted(frequency.items()) if v >= MIN_DOCUMENTS}
    out = REPO / "resources" / "outreach" / "term_frequencies.json"
    payload = {
        "schema": 1,
        "source": "shared corpus postings.jsonl, dev split only "
        "(benchmarks/outreach_build_frequencies.py)",
        "documents": documents,
        "min_documents": MIN_DOCUMENTS,
        "document_frequency": kept,
    }
    out.write_text(
        json.dumps(payload, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8"
    )
    print(f"{documents} dev postings, {len(kept)} stems -> {out.relative_to(REPO)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
