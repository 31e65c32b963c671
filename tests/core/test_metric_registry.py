"""A metric rule may only name a metric and a mark the analysis computes: a misspelt name is a
load error naming the rule and the name, not a rule that silently never fires."""

from __future__ import annotations

from pathlib import Path

import pytest

from postingstudio.core.analyse import analyse
from postingstudio.core.rules.loader import load_rule_file
from postingstudio.core.rules.metrics import MARKS, METRICS
from postingstudio.core.rules.rulebook import load_rulebook
from postingstudio.core.rules.schema import MetricRule, RuleFileError
from postingstudio.paths import resources_dir

METRIC_RULE = """
[[rule]]
id = "readability.too_many_words"
kind = "metric"
category = "readability"
severity = "suggestion"
metric = "words"
above = 12
message = "{value} words is long for a test (limit {limit})."
why = "A test rule."
source = "test"
examples.flag = ["one two three four five six seven eight nine ten eleven twelve thirteen"]
examples.pass = ["Short."]
"""


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "metric.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_known_metric_loads_as_a_metric_rule_and_fires(tmp_path):
    (rule,) = load_rule_file(write(tmp_path, METRIC_RULE))
    assert isinstance(rule, MetricRule) and rule.metric == "words" and rule.above == 12
    book = load_rulebook(resources_dir(), [tmp_path])
    long = "We pack boxes and we check orders and we answer the phone every day here."
    found = [f for f in analyse(long, book).findings if f.rule_id == rule.id]
    assert found and "limit 12" in found[0].message


def test_a_misspelt_metric_is_a_load_error_naming_rule_and_metric(tmp_path):
    path = write(tmp_path, METRIC_RULE.replace('metric = "words"', 'metric = "word_count"'))
    with pytest.raises(RuleFileError) as caught:
        load_rule_file(path)
    message = str(caught.value)
    assert "readability.too_many_words" in message and "unknown metric 'word_count'" in message
    assert "words" in message.split("known:")[1]  # the names it could have meant


def test_a_misspelt_user_metric_is_reported_not_loaded(tmp_path):
    write(tmp_path, METRIC_RULE.replace('metric = "words"', 'metric = "wrods"'))
    book = load_rulebook(resources_dir(), [tmp_path])
    assert book.rule("readability.too_many_words") is None
    assert any("unknown metric 'wrods'" in problem for problem in book.problems)


def test_a_misspelt_mark_is_a_load_error(tmp_path):
    text = METRIC_RULE.replace("above = 12", 'above = 12\nmark = "passives"')
    with pytest.raises(RuleFileError, match="unknown mark 'passives'"):
        load_rule_file(write(tmp_path, text))


def test_a_metric_rule_without_a_threshold_is_a_load_error(tmp_path):
    with pytest.raises(RuleFileError, match="needs 'above' or 'below'"):
        load_rule_file(write(tmp_path, METRIC_RULE.replace("above = 12\n", "")))


def test_the_registry_is_what_analyse_computes(rulebook):
    """Every registered metric is in a report, and every number a report has before the
    finding densities (computed after the metric rules) is registered."""
    report = analyse("We make bikes. You'll sell them in shops across Leeds.", rulebook)
    numeric = {k for k, v in report.metrics.items() if isinstance(v, int | float) or v is None}
    after_metric_rules = {"generic_per_100_words", "dry_per_100_words", "inclusive_weighted"}
    assert set(METRICS) <= set(report.metrics)
    assert numeric - after_metric_rules == set(METRICS)


def test_every_shipped_metric_rule_names_registered_names(rulebook):
    assert rulebook.metric_rules
    for rule in rulebook.metric_rules:
        assert rule.metric in METRICS, rule.id
        assert rule.mark is None or rule.mark in MARKS, rule.id
