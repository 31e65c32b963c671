"""Speed of polishing: the rewrite engine on a 5,000-word posting (dev-split postings joined).

    .venv/bin/python benchmarks/polish_speed.py [--words 5000] [--runs 7]

Times ``core.fixes.polish_text`` (propose every change, fit and re-check each, apply the safe
ones) given the report's findings, CPU time; median and worst of the runs after one warm-up
call, with the word caches emptied before each run. The first call also pays for importing
lemminflect and inflect; it is printed apart.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from polish_sample import dev_postings  # noqa: E402


def posting_of(words: int) -> str:
    parts, count = [], 0
    for posting in dev_postings():
        parts.append(posting["text"])
        count += len(posting["text"].split())
        if count >= words:
            break
    return "\n".join(parts)


def main() -> int:
    from postingstudio.core.analyse import analyse
    from postingstudio.core.fixes import polish_text
    from postingstudio.core.rules.rulebook import default_rulebook

    parser = argparse.ArgumentParser()
    parser.add_argument("--words", type=int, default=5000)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    text = posting_of(args.words)
    report = analyse(text, default_rulebook())
    findings = list(report.findings)
    start = time.process_time()
    first = polish_text(report.text, findings)
    cold = (time.process_time() - start) * 1000
    from postingstudio.core.rewrite import lexicon

    caches = [lexicon.lemmas, lexicon.inflection, lexicon.plural_noun_lemma, lexicon.verb_form]
    caches.append(lexicon.article_for)
    timings = []
    for _ in range(args.runs):
        for cached in caches:  # every run looks its words up afresh, as for a new posting
            cached.cache_clear()
        start = time.process_time()
        polish_text(report.text, findings)
        timings.append((time.process_time() - start) * 1000)
    print(f"{len(text.split())} words, {len(first.changes)} proposed, {len(first.safe)} safe")
    print(f"first call (imports lemminflect + inflect): {cold:.0f} ms")
    print(f"polish: median {statistics.median(timings):.0f} ms, worst {max(timings):.0f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
