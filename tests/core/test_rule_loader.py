"""Bad rule files give a clear error naming file, rule and problem; a broken user file never
stops the app."""

from __future__ import annotations

from pathlib import Path

import pytest

from postingstudio.core.rules.loader import load_rule_file, load_rules
from postingstudio.core.rules.rulebook import load_rulebook
from postingstudio.core.rules.schema import RuleFileError
from postingstudio.paths import resources_dir

GOOD = """
[[rule]]
id = "generic.test_rule"
kind = "phrase"
category = "generic"
severity = "warning"
terms = ["blue sky thinking"]
message = "“{match}” is a cliché."
why = "It says nothing."
source = "test"
replacements = ["new ideas"]
examples.flag = ["We love blue sky thinking."]
examples.pass = ["We love new ideas."]
"""


def write(tmp_path: Path, text: str, name: str = "rules.toml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        (('kind = "phrase"', 'kind = "fuzzy"'), "'kind' must be one of"),
        (('severity = "warning"', 'severity = "fatal"'), "unknown severity"),
        (('category = "generic"', 'category = "fluffy"'), "unknown category"),
        (('source = "test"', 'source = "test"\ncolour = "red"'), "unknown keys ['colour']"),
        (('why = "It says nothing."\n', ""), "missing or empty 'why'"),
        (('examples.pass = ["We love new ideas."]', ""), "needs examples.flag and examples.pass"),
        (('replacements = ["new ideas"]', ""), "needs at least one replacement"),
        (('id = "generic.test_rule"', 'id = "Bad Id"'), "'id' must look like"),
    ],
)
def test_bad_rule_names_file_rule_and_problem(tmp_path, change, problem):
    path = write(tmp_path, GOOD.replace(*change))
    with pytest.raises(RuleFileError) as caught:
        load_rule_file(path)
    message = str(caught.value)
    assert str(path) in message and problem in message
    assert caught.value.path == str(path)


def test_bad_regular_expression_is_reported(tmp_path):
    text = GOOD.replace('kind = "phrase"', 'kind = "pattern"\npattern = "([a-z"')
    text = text.replace('terms = ["blue sky thinking"]\n', "")
    with pytest.raises(RuleFileError, match="bad regular expression"):
        load_rule_file(write(tmp_path, text))


SUBSTITUTION = """
[[rule]]
id = "generic.test_entries"
kind = "substitution"
category = "generic"
severity = "suggestion"
message = "{explain}"
why = "It hides who."
source = "test"
examples.flag = ["Brief key stakeholders weekly."]
examples.pass = ["Brief key stakeholders, such as the board, weekly."]

[[rule.entries]]
terms = ["key stakeholders"]
explain = "Name them."
replacements = ["<who>"]
unless_after = '''\\W+such as\\b'''
"""


def test_unless_after_is_compiled_and_a_bad_one_is_reported(tmp_path):
    (rule,) = load_rule_file(write(tmp_path, SUBSTITUTION))
    after = rule.entries[0].unless_after
    assert after is not None and after.match(", such as the board", 0)
    assert not after.match(" weekly", 0)
    broken = SUBSTITUTION.replace("such as\\b", "(such as")
    with pytest.raises(RuleFileError, match="bad regular expression in 'unless_after'"):
        load_rule_file(write(tmp_path, broken, "broken.toml"))


def test_invalid_toml_is_reported(tmp_path):
    with pytest.raises(RuleFileError, match="not valid TOML"):
        load_rule_file(write(tmp_path, "[[rule]\nid="))


def test_duplicate_ids_in_one_folder_are_rejected(tmp_path):
    write(tmp_path, GOOD, "a.toml")
    write(tmp_path, GOOD, "b.toml")
    with pytest.raises(RuleFileError, match="duplicate id"):
        load_rules([tmp_path], resources_dir(), strict=True)


def test_broken_user_rule_file_is_reported_not_fatal(tmp_path):
    write(tmp_path, "this is [not toml", "broken.toml")
    write(tmp_path, GOOD, "good.toml")
    book = load_rulebook(resources_dir(), [tmp_path])
    assert any("broken.toml" in problem for problem in book.problems)
    assert book.rule("generic.test_rule") is not None
    assert book.rule("readability.too_long") is not None  # shipped rules still there


def test_user_rule_with_same_id_replaces_shipped_one(tmp_path):
    replacement = GOOD.replace("generic.test_rule", "readability.too_long")
    write(tmp_path, replacement)
    book = load_rulebook(resources_dir(), [tmp_path])
    assert book.rule("readability.too_long").kind == "phrase"


def test_each_rule_kind_loads_as_its_own_dataclass(rulebook):
    from postingstudio.core.rules.schema import RULE_CLASSES, PatternRule, TermRule

    kinds = {rule.kind for rule in rulebook.rules}
    assert {"substitution", "pattern", "metric"} <= kinds
    for rule in rulebook.rules:
        assert type(rule) is RULE_CLASSES[rule.kind], rule.id
        assert not hasattr(rule, "options"), rule.id  # no untyped bag a typo can hide in
        if isinstance(rule, PatternRule):
            assert rule.pattern.pattern
        if isinstance(rule, TermRule):
            assert rule.terms, rule.id


def test_a_key_of_another_kind_is_refused(tmp_path):
    text = GOOD.replace('source = "test"', 'source = "test"\nmetric = "words"')
    with pytest.raises(RuleFileError, match=r"unknown keys \['metric'\] for kind 'phrase'"):
        load_rule_file(write(tmp_path, text))
