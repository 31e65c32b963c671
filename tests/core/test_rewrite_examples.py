"""The rewrite engine's example tables (resources/rewrite/en/examples.toml), every kind."""

from __future__ import annotations

import tomllib

import pytest

from postingstudio.core.analyse import analyse
from postingstudio.core.fixes import polish_text
from postingstudio.core.rewrite.fit import fit
from postingstudio.core.rules.rulebook import default_rulebook
from postingstudio.paths import resources_dir

TABLES = tomllib.loads((resources_dir() / "rewrite" / "en" / "examples.toml").read_text("utf-8"))


def _label(case: dict[str, str]) -> str:
    return f"{case['kind']}: {case['input'][:50]}"


@pytest.fixture(scope="module")
def book():
    return default_rulebook()


@pytest.mark.parametrize("case", TABLES["fit"], ids=_label)
def test_fit_examples(case: dict[str, str]) -> None:
    text = case["input"]
    start = text.index(case["term"])
    edit = fit(text, start, start + len(case["term"]), case["replacement"])
    if "refused" in case:
        assert case["refused"] in edit.reason
        return
    assert not edit.reason
    assert text[: edit.start] + edit.after + text[edit.end :] == case["expected"]


@pytest.mark.parametrize("case", TABLES["polish"], ids=_label)
def test_polish_examples(case: dict[str, str], book) -> None:
    report = analyse(case["input"], book)
    polished = polish_text(report.text, list(report.findings))
    assert polished.after == case["expected"]
    if "offered" in case:
        reasons = [c.reason for c in polished.changes if not c.safe]  # type: ignore[attr-defined]
        assert any(case["offered"] in reason for reason in reasons), reasons


def test_every_kind_has_examples() -> None:
    kinds = {case["kind"] for table in TABLES.values() for case in table}
    assert {"number", "verb_form", "person", "responsible_for", "article", "capitals"} <= kinds
    assert {"scope", "pos", "compound", "attributive", "recheck", "policy"} <= kinds
