"""The engine over every posting of the shared corpus: it never raises, and every finding's
span lies inside the text and quotes it exactly."""

from __future__ import annotations

import json

import pytest

from postingstudio.core.analyse import analyse
from postingstudio.core.plaintext import parse_text
from tests.conftest import corpus_path


@pytest.fixture(scope="module")
def postings():
    path = corpus_path("postings", "postings.jsonl")
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle]


def test_every_corpus_posting_analyses_with_true_spans(postings, rulebook):
    assert len(postings) > 6000
    problems = []
    findings_seen = 0
    for record in postings:
        posting = parse_text(record["text"])
        report = analyse(posting, rulebook)
        text = report.text
        assert text == posting.text
        for finding in report.findings:
            findings_seen += 1
            if not (0 <= finding.start <= finding.end <= len(text)):
                problems.append((record["id"], finding.rule_id, "span outside text"))
            elif text[finding.start : finding.end] != finding.text:
                problems.append((record["id"], finding.rule_id, "quoted text differs"))
        assert 0 <= report.scores.overall <= 100
    assert not problems, problems[:20]
    assert findings_seen > len(postings), "the rules should find something in real postings"
