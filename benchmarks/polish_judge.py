"""LanguageTool as the judge of ``polish``: on dev-split postings, count LanguageTool's grammar
matches (its grammar/agreement categories, not style or spelling) in every changed sentence
before and after polishing, and measure how often polish changes a posting and rewrites
third-person sentences ("the candidate", "the successful applicant", "he or she") to "you".

    scripts/languagetool-server start        # prints the URL as its last line
    POSTINGSTUDIO_LT_URL=<url> .venv/bin/python benchmarks/polish_judge.py [--n 1000]

LanguageTool runs at its default settings (no categories disabled); polish never calls it.
Writes benchmarks/results/polish_judge.json (figures and every sentence with an added error).
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from polish_sample import ROOT, dev_postings  # noqa: E402

THIRD_PERSON = re.compile(
    r"\b(?:the (?:ideal |successful |right )?(?:candidate|applicant)|he or she|she or he|"
    r"he/she|s/he)\b",
    re.IGNORECASE,
)
SEPARATOR = "\n\n"
# Mentions the measure leaves out because they do not speak of the reader (a mention is still
# counted when the engine rewrites it anyway). Each is a kind, not a sentence:
# - part of a job title or name: "the Candidate Coordinator" (capitalised head and next word);
# - applicants in general: "the applicant(s)", the object of finding or selecting ("once we
#   have found the right candidate"), a candidate still to be selected ("until the right
#   candidate is selected");
# - legal and administrative text about applicants as a party (offers contingent upon a check,
#   pay commensurate with experience, equal-opportunity and accommodation statements);
# - already said of the reader: "you may be just the right candidate".
TITLE = re.compile(
    r"(?:Candidate|Applicant)\s+(?!(?:Will|Should|Must|Is|Has|Can|May)\b)[A-Z]\w*(?=\s*[a-z,.;:]|$)"
)
# A full stop the segmenter missed ("skills.¬† The candidate must ..."): the legal cue must be in
# the mention's own sentence, not in one glued after it.
FULL_STOP = re.compile(r"[.!?][^\w\s]*\s+(?=[A-Z])")
IN_GENERAL_BEFORE = re.compile(
    r"\b(?:find|found|finding|select|selected|selecting|hire|hired|hiring|choose|chosen|identify|"
    r"identified|appoint|appointed|recruit|recruited)\s+$",
    re.IGNORECASE,
)
IN_GENERAL_AFTER = re.compile(
    r"\s*\(s\s*\)"
    r"|\s+(?:is|has been|will be|gets|are)\s+(?:selected|found|identified|hired|chosen)\b",
    re.IGNORECASE,
)
LEGAL = re.compile(
    r"contingent (?:up)?on|commensurate with|without regard to|regardless of|equal opportunity|"
    r"background check|accommodation|consideration for employment|assessment of the applicant|"
    r"discriminat|protected (?:veteran|characteristic)",
    re.IGNORECASE,
)
ALREADY_YOU = re.compile(
    r"\byou(?:'re|’re| are| may be| might be| could be| will be)\s+(?:\w+\s+){0,2}$",
    re.IGNORECASE,
)


def changed_sentences(text: str, changes: list[object]) -> list[tuple[str, str, list[str]]]:
    """(before, after, rule ids) for each sentence with at least one applied change."""
    from postingstudio.core.rewrite.rewriter import apply_changes
    from postingstudio.core.rewrite.tokens import sentence_bounds

    groups: dict[tuple[int, int], list[object]] = {}
    for change in changes:
        bounds = sentence_bounds(text, change.start, change.end)  # type: ignore[attr-defined]
        groups.setdefault(bounds, []).append(change)
    out = []
    for (begin, end), group in sorted(groups.items()):
        sentence = text[begin:end]
        shifted = [_shift(c, begin) for c in group]
        out.append((sentence, apply_changes(sentence, shifted), [c.rule_id for c in group]))  # type: ignore[attr-defined]
    return out


def _shift(change: object, offset: int) -> object:
    from dataclasses import replace

    from postingstudio.core.rewrite.fit import Edit

    edits = tuple(Edit(e.start - offset, e.end - offset, e.after) for e in change.edits)  # type: ignore[attr-defined]
    return replace(change, edits=edits)  # type: ignore[type-var]


def grammar_counts(sentences: list[str], url: str) -> list[Counter[str]]:
    """Per sentence, LanguageTool's grammar matches by rule id (one request per posting)."""
    from postingstudio.grammar.judge import check

    text = SEPARATOR.join(sentences)
    starts, position = [], 0
    for sentence in sentences:
        starts.append(position)
        position += len(sentence) + len(SEPARATOR)
    counts: list[Counter[str]] = [Counter() for _ in sentences]
    for match in _check_with_retries(check, text, url):
        if match.kind != "grammar":
            continue
        index = max(i for i, s in enumerate(starts) if s <= match.start)
        counts[index][match.rule_id] += 1
    return counts


def _check_with_retries(check: object, text: str, url: str) -> list[object]:
    """A shared server may be restarted by another run: retry a broken request a few times."""
    import time

    from postingstudio.grammar.judge import JudgeUnavailableError

    for attempt in range(4):
        try:
            return check(text, url)  # type: ignore[operator, no-any-return]
        except JudgeUnavailableError:
            if attempt == 3:
                raise
            time.sleep(5)
    return []


def about_the_reader(text: str, start: int, end: int) -> bool:
    """Whether the mention ``text[start:end]`` speaks of the reader (see the kinds above)."""
    from postingstudio.core.rewrite.tokens import sentence_bounds

    begin, stop = sentence_bounds(text, start, end)
    stops = [m.end() for m in FULL_STOP.finditer(text, begin, start)]
    begin = max(stops, default=begin)
    glued = FULL_STOP.search(text, end, stop)
    stop = glued.start() + 1 if glued else stop
    before, after = text[begin:start], text[end:stop]
    head = re.search(r"(?:candidate|applicant)$", text[start:end], re.IGNORECASE)
    if head and TITLE.match(text, start + head.start()):
        return False
    if IN_GENERAL_BEFORE.search(before) or IN_GENERAL_AFTER.match(after):
        return False
    return not (LEGAL.search(text[begin:stop]) or ALREADY_YOU.search(before))


def judge_posting(text: str, book: object, url: str) -> dict[str, object]:
    from postingstudio.core.analyse import analyse
    from postingstudio.core.fixes import polish_text

    report = analyse(text, book)  # type: ignore[arg-type]
    text = report.text
    polished = polish_text(text, list(report.findings))
    pairs = changed_sentences(text, list(polished.safe))
    added = []
    if pairs:
        before = grammar_counts([p[0] for p in pairs], url)
        after = grammar_counts([p[1] for p in pairs], url)
        for (old, new, rules), had, has in zip(pairs, before, after, strict=True):
            extra = has - had
            if extra:
                added.append({"before": old, "after": new, "rules": rules, "lt": sorted(extra)})
    you_rules = ("rewrite.you", "dry.third_person")
    mentions = [(m.start(), m.end()) for m in THIRD_PERSON.finditer(text)]
    done = [
        any(
            c.rule_id in you_rules and c.start <= start < c.end + 40  # type: ignore[attr-defined]
            for c in polished.safe
        )
        for start, _ in mentions
    ]
    # a mention not about the reader is left out unless the engine rewrote it anyway
    kept = [ok or about_the_reader(text, a, b) for (a, b), ok in zip(mentions, done, strict=True)]
    third = [start for (start, _), keep in zip(mentions, kept, strict=True) if keep]
    rewritten = [ok for ok, keep in zip(done, kept, strict=True) if keep]
    left_out = len(mentions) - len(third)
    return {
        "changes": len(polished.safe),
        "sentences": len(pairs),
        "added": added,
        "third_person": bool(third),
        "third_person_all_rewritten": bool(third) and all(rewritten),
        "third_person_any_rewritten": any(rewritten),
        "third_person_left_out": left_out,
        "third_person_any_mention": bool(mentions),
        "third_person_all_rewritten_unfiltered": bool(mentions) and all(done),
    }


def main() -> int:
    from postingstudio.core.rules.rulebook import default_rulebook
    from postingstudio.grammar.judge import judge_url

    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=3)
    args = parser.parse_args()
    url = judge_url()
    if url is None:
        print("set POSTINGSTUDIO_LT_URL (scripts/languagetool-server start)", file=sys.stderr)
        return 2
    book = default_rulebook()
    postings = dev_postings()
    random.Random(args.seed).shuffle(postings)
    postings = postings[: args.n]
    with ThreadPoolExecutor(max_workers=2) as pool:
        results = list(pool.map(lambda p: judge_posting(p["text"], book, url), postings))
    changed = sum(1 for r in results if r["changes"])
    third = [r for r in results if r["third_person"]]
    added = [a for r in results for a in r["added"]]  # type: ignore[attr-defined]
    summary = {
        "postings": len(results),
        "postings_changed": changed,
        "share_changed": round(changed / len(results), 3),
        "changes": sum(int(r["changes"]) for r in results),  # type: ignore[call-overload]
        "changed_sentences": sum(int(r["sentences"]) for r in results),  # type: ignore[call-overload]
        "sentences_with_added_grammar_error": len(added),
        "third_person_postings": len(third),
        "third_person_all_rewritten": sum(1 for r in third if r["third_person_all_rewritten"]),
        "third_person_any_rewritten": sum(1 for r in third if r["third_person_any_rewritten"]),
        # the measure before mentions not about the reader were left out, for comparison
        "unfiltered_postings": sum(1 for r in results if r["third_person_any_mention"]),
        "unfiltered_all_rewritten": sum(
            1 for r in results if r["third_person_all_rewritten_unfiltered"]
        ),
        "mentions_left_out": sum(int(r["third_person_left_out"]) for r in results),  # type: ignore[call-overload]
    }
    out = ROOT / "benchmarks" / "results"
    out.mkdir(parents=True, exist_ok=True)
    (out / "polish_judge.json").write_text(
        json.dumps({"summary": summary, "added": added}, indent=1, ensure_ascii=False), "utf-8"
    )
    print(json.dumps(summary, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
