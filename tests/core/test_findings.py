"""Deduplication keeps the more severe of two findings on the same words, and keeps findings
at different scales (a phrase inside a flagged sentence)."""

from __future__ import annotations

import random

from postingstudio.core.findings import Category, Finding, Severity, _conflict, deduplicate


def make(rule: str, start: int, end: int, severity: Severity = Severity.SUGGESTION) -> Finding:
    return Finding(rule, Category.GENERIC, severity, start, end, "x" * (end - start), "m", "w", "s")


def test_same_words_keep_the_more_severe():
    kept = deduplicate([make("a.one", 5, 15), make("b.two", 5, 15, Severity.WARNING)])
    assert [f.rule_id for f in kept] == ["b.two"]


def test_phrase_inside_a_sentence_is_kept():
    kept = deduplicate([make("r.sentence", 0, 100), make("g.phrase", 10, 20)])
    assert {f.rule_id for f in kept} == {"r.sentence", "g.phrase"}


def test_document_level_findings_are_all_kept():
    kept = deduplicate([make("m.one", 0, 0), make("m.two", 0, 0)])
    assert len(kept) == 2


def test_matches_the_all_pairs_definition_on_random_spans():
    rng = random.Random(7)
    for _ in range(200):
        findings = []
        for number in range(rng.randint(0, 40)):
            start = rng.randint(0, 200)
            end = start + rng.randint(0, 60)
            severity = rng.choice(list(Severity))
            findings.append(make(f"r.n{number}", start, end, severity))
        expected: list[Finding] = []
        taken: list[tuple[int, int]] = []
        for f in sorted(
            findings, key=lambda f: (-f.severity.rank, -(f.end - f.start), f.start, f.rule_id)
        ):
            if f.end > f.start and any(_conflict(f.start, f.end, s, e) for s, e in taken):
                continue
            expected.append(f)
            if f.end > f.start:
                taken.append((f.start, f.end))
        assert sorted(f.rule_id for f in deduplicate(findings)) == sorted(
            f.rule_id for f in expected
        )
