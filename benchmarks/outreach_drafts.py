"""Outreach drafts on 500 real dev-split postings: limits, role and pay named, spam triggers
(our warnings and a real SpamAssassin's verdict on every email draft) and drafting time.

    POSTINGSTUDIO_SHARED=/work/shared .venv/bin/python benchmarks/outreach_drafts.py \
        [--n 500] [--no-spamassassin]

Drafting time is CPU time (``time.process_time``, as benchmarks/engine_speed.py: the 2 cores are
shared) for all channels of one posting, after ``analyse`` (timed apart). The .eml
files have the writer's placeholders filled by the typical values of resources/outreach/en/
phrases.toml, as a sent message would.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import sys
import time
from dataclasses import replace
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))
sys.path.insert(0, str(REPO / "benchmarks"))

from outreach_spamassassin import available, score_messages  # noqa: E402

from postingstudio.core.analyse import analyse  # noqa: E402
from postingstudio.core.outreach import draft_outreach, kit_for  # noqa: E402
from postingstudio.core.outreach.drafts import fill  # noqa: E402
from postingstudio.core.outreach.sms import to_gsm7  # noqa: E402
from postingstudio.core.plaintext import parse_text  # noqa: E402
from postingstudio.core.report import SalaryKind  # noqa: E402
from postingstudio.core.rules.rulebook import default_rulebook  # noqa: E402
from postingstudio.docio.outreach_export import eml_bytes  # noqa: E402
from postingstudio.paths import resources_dir  # noqa: E402

SHARED = Path(os.environ.get("POSTINGSTUDIO_SHARED", REPO.parent / "shared"))


def dev_sample(n: int, seed: int = 18) -> list[dict]:
    path = SHARED / "corpus" / "postings" / "postings.jsonl"
    with path.open(encoding="utf-8") as lines:
        dev = [r for r in map(json.loads, lines) if r["split"] == "dev"]
    return random.Random(seed).sample(dev, min(n, len(dev)))


def posting_of(record: dict):
    posting = parse_text(record["text"])
    return replace(posting, title=record.get("title") or None)


def named(message, needle: str) -> bool:
    if message.channel == "sms":
        needle = to_gsm7(needle)  # texts swap dashes and curly quotes for GSM-7 ones
    return needle.lower() in (message.body + " " + (message.subject or "")).lower()


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=500)
    parser.add_argument("--no-spamassassin", action="store_true")
    args = parser.parse_args()
    book, kit = default_rulebook(), kit_for(resources_dir())
    records = dev_sample(args.n)
    times, analyse_times = [], []
    drafts_total = over = role_missing = 0
    pay_postings = pay_missing = pay_drafts = 0
    spam_warnings = 0
    emails: list[tuple[str, bytes, set[str]]] = []
    for record in records:
        posting = posting_of(record)
        start = time.process_time()
        report = analyse(posting, book)
        analyse_times.append(time.process_time() - start)
        start = time.process_time()
        drafts = draft_outreach(posting, report, book, kit)
        times.append(time.process_time() - start)
        facts = drafts.facts
        stated = report.salary.kind in (SalaryKind.RANGE, SalaryKind.FIGURE)
        pay_postings += bool(facts.pay)
        for message in drafts.messages:
            drafts_total += 1
            over += not message.within_limits
            if facts.role_short and not named(message, facts.role_short):
                role_missing += 1
            if facts.pay:
                pay_drafts += 1
                pay_missing += not named(message, facts.pay)
            flagged = {f.rule_id for f in message.findings if f.rule_id.startswith("spam.")}
            spam_warnings += len(flagged)
            if message.subject is not None and message.channel != "inmail":
                typical = {**kit.typical, "role": kit.typical.get("role", "")}
                emails.append(
                    (
                        record["id"],
                        eml_bytes(fill(message.subject, typical), fill(message.body, typical)),
                        flagged,
                    )
                )
        del stated
    ms = sorted(t * 1000 for t in times)
    result = {
        "postings": len(records),
        "drafts": drafts_total,
        "within_limits": drafts_total - over,
        "role_missing": role_missing,
        "postings_with_pay": pay_postings,
        "pay_drafts": pay_drafts,
        "pay_missing": pay_missing,
        "spam_warnings": spam_warnings,
        "draft_ms_median": round(statistics.median(ms), 2),
        "draft_ms_p95": round(ms[int(len(ms) * 0.95) - 1], 2),
        "draft_ms_max": round(ms[-1], 2),
        "analyse_ms_median": round(statistics.median(t * 1000 for t in analyse_times), 2),
    }
    if available() and not args.no_spamassassin:
        start = time.perf_counter()
        verdicts = score_messages([raw for _id, raw, _f in emails])
        scores = [v.score for v in verdicts]
        hits: dict[str, int] = {}
        unflagged: dict[str, int] = {}  # SpamAssassin fired on words we raised no warning for
        for verdict, (_id, _raw, flagged) in zip(verdicts, emails, strict=True):
            for test in verdict.content_tests:
                hits[test] = hits.get(test, 0) + 1
                if not flagged:
                    unflagged[test] = unflagged.get(test, 0) + 1
        result.update(
            eml=len(verdicts),
            eml_at_or_over_threshold=sum(1 for v in verdicts if v.score >= v.required),
            eml_score_max=max(scores),
            eml_score_mean=round(statistics.mean(scores), 3),
            spamassassin_content_hits=hits,
            spamassassin_hits_without_our_warning=unflagged,
            spamassassin_seconds=round(time.perf_counter() - start, 1),
        )
    print(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
