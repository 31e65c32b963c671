"""Regenerate ``common_words`` in resources/compare.toml: words (stemmed as the comparison stems
them) used by more than 15% of the corpus ``dev`` postings, printed as their commonest spelling.

    python benchmarks/compare_common_words.py > words.txt   # then paste into compare.toml

Only the ``dev`` split is read; no posting text is written anywhere.
"""

from __future__ import annotations

import json
import sys
import textwrap
from collections import Counter, defaultdict
from pathlib import Path

from postingstudio.core.compare.phrases import stem
from postingstudio.core.text import tokenize

CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus"
SHARE = 0.15


def main() -> int:
    path = CORPUS / "postings" / "postings.jsonl"
    if not path.is_file():
        print(f"corpus not found at {path}", file=sys.stderr)
        return 1
    document_frequency: Counter[str] = Counter()
    spellings: dict[str, Counter[str]] = defaultdict(Counter)
    total = 0
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            record = json.loads(line)
            if record.get("split") != "dev":
                continue
            total += 1
            keys = set()
            for token in tokenize(record["text"]):
                if token.norm.isalpha():
                    key = stem(token.norm)
                    keys.add(key)
                    spellings[key][token.norm] += 1
            document_frequency.update(keys)
    common = sorted(
        spellings[key].most_common(1)[0][0]
        for key, count in document_frequency.items()
        if count / total > SHARE
    )
    print(f"# {len(common)} words in more than {SHARE:.0%} of {total:,} dev postings")
    print(textwrap.fill(" ".join(common), 99))
    return 0


if __name__ == "__main__":
    sys.exit(main())
