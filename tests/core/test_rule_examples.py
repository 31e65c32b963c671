"""Every shipped rule flags its own ``examples.flag`` and passes its ``examples.pass``."""

from __future__ import annotations

import re

import pytest

from postingstudio.core.analyse import analyse
from postingstudio.core.rules.rulebook import default_rulebook
from postingstudio.core.settings import AnalysisSettings

_REPEAT = re.compile(r"^@repeat (\d+):(.*)$", re.DOTALL)


def expand_example(example: str) -> str:
    """``@repeat N:text`` stands for text repeated N times (for length rules)."""
    match = _REPEAT.match(example)
    return match.group(2) * int(match.group(1)) if match else example


def _cases():
    book = default_rulebook()
    for rule in book.rules:
        for number, example in enumerate(rule.examples_flag):
            yield pytest.param(rule.id, example, True, id=f"{rule.id}-flag{number}")
        for number, example in enumerate(rule.examples_pass):
            yield pytest.param(rule.id, example, False, id=f"{rule.id}-pass{number}")


@pytest.mark.parametrize(("rule_id", "example", "should_flag"), list(_cases()))
def test_rule_examples(rulebook, rule_id, example, should_flag):
    rule = rulebook.rule(rule_id)
    settings = AnalysisSettings(picky=not rule.default)
    report = analyse(expand_example(example), rulebook, settings)
    hits = [
        f for group in report.findings_by_origin.values() for f in group if f.rule_id == rule_id
    ]
    if should_flag:
        assert hits, f"{rule_id} should flag: {example!r}"
    else:
        assert not hits, (
            f"{rule_id} should not flag {example!r}, but flagged {[h.text for h in hits]}"
        )


def test_every_rule_has_examples_of_both_kinds(rulebook):
    assert rulebook.rules, "no rules loaded"
    for rule in rulebook.rules:
        assert rule.examples_flag and rule.examples_pass, rule.id
