"""The real LanguageTool (6.8 from Maven Central, started by .ci/run or by hand with
`scripts/languagetool-server start`), reached through $POSTINGSTUDIO_LT_URL.

Marked ``languagetool``. Where Java is absent these skip with the reason; in CI (CI=true, Java
present) a missing server fails them instead.
"""

from __future__ import annotations

import os
from dataclasses import replace
from pathlib import Path

import pytest

from postingstudio.core.findings import Category
from postingstudio.grammar import GrammarChecker, GrammarConfig, GrammarMode
from postingstudio.grammar.categories import decisions, disabled_categories
from postingstudio.grammar.judge import check, new_errors
from postingstudio.grammar.maven_jars import maven_lib_in

from .conftest import ORIGINAL_LT_CACHE, _real_languagetool_missing

pytestmark = pytest.mark.languagetool

# Emoji (two UTF-16 units each, one with a zero-width joiner sequence) and mathematical letters
# outside the BMP, all *before* the mistakes: a UTF-16 offset used as a code-point index would
# underline the wrong letters.
NON_BMP = (
    "👩‍💻 Senior Data Engineer 🚀🚀 𝒳𝒴𝒵 team\n"
    "We are looking for a engineer to build pipelines.\n"
    "You will recieve a competitive salary 💰."
)


def _checker(url: str, **changes: object) -> GrammarChecker:
    config = GrammarConfig(mode=GrammarMode.SERVER, server_url=url, timeout_s=60)
    return GrammarChecker(replace(config, **changes))


def test_offsets_after_emoji_and_non_bmp_characters_quote_the_right_words(
    real_lt_url: str,
) -> None:
    checker = _checker(real_lt_url)
    try:
        findings = checker.check(NON_BMP)
    finally:
        checker.close()
    by_text = {f.text: f for f in findings}
    assert {"a", "recieve"} <= set(by_text), by_text
    assert by_text["recieve"].category is Category.SPELLING
    assert "receive" in by_text["recieve"].replacements
    assert by_text["a"].category is Category.GRAMMAR
    for finding in findings:
        assert NON_BMP[finding.start : finding.end] == finding.text
    # The judge converts the same way.
    judged = {m.text: m for m in check(NON_BMP, real_lt_url)}
    assert NON_BMP[judged["recieve"].start : judged["recieve"].end] == "recieve"


def test_style_categories_that_overlap_our_rules_never_reach_the_writer(real_lt_url: str) -> None:
    text = "We hired him outside of the office to help the general public. We need a engineer."
    reported = {m.category_id for m in check(text, real_lt_url)}
    assert "REDUNDANCY" in reported  # the real server does report it ...
    checker = _checker(real_lt_url)
    try:
        shown = checker.check(text)
    finally:
        checker.close()
    categories = {f.extra["lt_category"] for f in shown}
    assert not categories & disabled_categories()  # ... and the writer never sees it
    assert "MISC" in categories  # while real mistakes stay


def test_every_category_the_server_reports_on_real_postings_has_a_decision(
    real_lt_url: str,
) -> None:
    from tests.conftest import dev_postings

    postings = [*dev_postings("adzuna_uk")[:8], *dev_postings("monster_us")[:8]]
    seen: dict[str, int] = {}
    for posting in postings:
        for match in check(posting["text"], real_lt_url, "en-GB" if "uk" in posting["source"]
                           else "en-US"):  # fmt: skip
            seen[match.category_id] = seen.get(match.category_id, 0) + 1
    print("LanguageTool categories on 16 dev postings:", dict(sorted(seen.items())))
    assert seen, "the real server found nothing in 16 postings"
    undecided = set(seen) - set(decisions())
    assert not undecided, f"add these to resources/languagetool/categories.toml: {undecided}"


def test_a_british_posting_is_checked_as_british_english(real_lt_url: str) -> None:
    text = "Join our organisation in London. Salary £40,000. We are looking for a engineer."
    checker = _checker(real_lt_url)  # language "auto"
    try:
        shown = {f.text for f in checker.check(text)}
    finally:
        checker.close()
    assert "a" in shown and "organisation" not in shown
    american = _checker(real_lt_url, language="en-US")
    try:
        assert "organisation" in {f.text for f in american.check(text)}  # the writer's choice
    finally:
        american.close()


def test_the_judge_sees_errors_an_edit_adds_and_not_ones_it_keeps(real_lt_url: str) -> None:
    before = "He goes home early. You will recieve a bonus."
    assert new_errors(before, before, real_lt_url) == []
    added = new_errors(before, "He go home early. You will recieve a bonus.", real_lt_url)
    assert [m.text for m in added] == ["go"] and added[0].kind == "grammar"


def test_local_mode_starts_a_folder_of_maven_jars_itself() -> None:
    root = Path(ORIGINAL_LT_CACHE or Path.home() / ".cache" / "postingstudio" / "languagetool")
    libs = [lib for folder in sorted(root.glob("*")) if (lib := maven_lib_in(folder))]
    if not libs:
        _real_languagetool_missing(f"no assembled LanguageTool jars under {root}")
    folder = libs[-1].lib.parent
    checker = GrammarChecker(
        GrammarConfig(
            mode=GrammarMode.LOCAL, local_path=folder, timeout_s=90, startup_timeout_s=180
        )  # fmt: skip
    )
    try:
        findings = checker.check("You will recieve a salary.")
    finally:
        checker.close()
    assert [f.text for f in findings] == ["recieve"]
    assert os.environ.get("POSTINGSTUDIO_LT_CACHE") != str(root)  # tests' own cache untouched
