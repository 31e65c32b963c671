"""What "Strengthen" adds to a thin section (issue 17): the lines for the cue groups it lacks,
from the section's own data (``[strengthen]`` in resources/sections/en/*.toml), in the posting's
currency; filled in, they make the section present."""

from __future__ import annotations

from pathlib import Path

import pytest

from postingstudio.core.analyse import analyse
from postingstudio.core.fixes import PLACEHOLDER
from postingstudio.core.plaintext import parse_text
from postingstudio.core.report import SectionState
from postingstudio.core.salary import classify_salary
from postingstudio.core.sections import detect_sections, load_section_specs
from postingstudio.core.text import TextIndex

SPECS_DIR = Path(__file__).resolve().parents[2] / "resources" / "sections" / "en"


@pytest.fixture(scope="module")
def specs():
    return load_section_specs(SPECS_DIR)


def _results(text: str, specs):
    posting = parse_text(text)
    index = TextIndex(posting.text)
    return {r.id: r for r in detect_sections(posting, index, specs, classify_salary(index))}


def _strengthened(text: str, section: str, fill: str, specs) -> str:
    """``text`` with the section's additions inserted where it would put them, every
    placeholder typed over with ``fill``."""
    result = _results(text, specs)[section]
    added = PLACEHOLDER.sub(fill, result.additions)
    at = result.insert_at
    return text[:at] + "\n" + added + text[at:]


def test_only_what_is_lacking_is_added(specs):
    # A place or a work mode alone is a present location (the raters' guide), so nothing is
    # added to it; how to apply with a channel but no next step gets only the next step.
    place = _results("Location: London", specs)["location"]
    assert place.state is SectionState.PRESENT and place.additions == ""
    apply = _results("How to apply\nApply now at jobs@acme.example.", specs)["how_to_apply"]
    assert "What happens next" in apply.additions and "Apply at <" not in apply.additions


def test_present_and_missing_sections_have_nothing_to_strengthen(specs):
    text = (
        "What you will do\n- Build dashboards for sales.\n- Clean messy data.\n"
        "- Answer questions from managers.\n- Plan and run a quarterly review.\n"
    )
    results = _results(text, specs)
    assert results["responsibilities"].state is SectionState.PRESENT
    assert results["responsibilities"].additions == ""
    assert results["eeo"].state is SectionState.MISSING and results["eeo"].additions == ""


def test_every_section_can_be_strengthened(specs):
    for spec in specs:
        needed = (*spec.heading_requires, *spec.present_requires, *spec.present_any)
        assert spec.additions(tuple(needed)) or spec.additions(()), spec.id
        assert PLACEHOLDER.search(spec.additions(tuple(needed)) or spec.additions(())), spec.id


@pytest.mark.parametrize(
    ("text", "section", "fill"),
    [
        ("How to apply\nApply now at jobs@acme.example.", "how_to_apply", "1 June"),
    ],
)
def test_filled_in_the_section_is_present(specs, text, section, fill):
    assert _results(text, specs)[section].state is SectionState.THIN
    after = _strengthened(text, section, fill, specs)
    assert _results(after, specs)[section].state is SectionState.PRESENT, after


def test_pay_is_added_in_the_postings_currency(rulebook):
    for place, sign, other in (("Toronto, Canada", "$", "£"), ("Leeds, UK", "£", "$")):
        text = f"Analyst in {place}.\nYou will build reports.\nPay\nCompetitive salary.\n"
        pay = analyse(parse_text(text), rulebook).section("salary")
        assert pay.state is SectionState.THIN
        assert f"{sign}<low>" in pay.additions and other not in pay.additions


def test_a_strengthen_entry_must_name_a_cue_group(tmp_path):
    for path in SPECS_DIR.glob("*.toml"):
        (tmp_path / path.name).write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    target = tmp_path / "08-location.toml"
    source = target.read_text(encoding="utf-8")
    target.write_text(source.replace('\nplace = """', '\nplaces = """'), encoding="utf-8")
    with pytest.raises(ValueError, match=r"08-location\.toml.*strengthen"):
        load_section_specs(tmp_path)
