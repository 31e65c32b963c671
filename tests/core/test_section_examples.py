"""Every section spec's ``[examples]`` read as the spec says: ``pass`` present, ``thin`` found but
thin, ``flag`` thin or missing, through the product's own path (rules, then the shipped model)."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from postingstudio.core.plaintext import parse_text
from postingstudio.core.report import SectionState
from postingstudio.core.salary import classify_salary
from postingstudio.core.sections import detect_sections, load_section_specs
from postingstudio.core.sections_learned import load_section_model
from postingstudio.core.sections_spec import salary_vague_terms
from postingstudio.core.text import TextIndex

SPECS_DIR = Path(__file__).resolve().parents[2] / "resources" / "sections" / "en"
SPECS = load_section_specs(SPECS_DIR)
MODEL = load_section_model(SPECS_DIR)
WANTED = {
    "pass": {SectionState.PRESENT},
    "thin": {SectionState.THIN},
    "flag": {SectionState.THIN, SectionState.MISSING},
}


def _cases():
    for path in sorted(SPECS_DIR.glob("*.toml")):
        with path.open("rb") as handle:
            raw = tomllib.load(handle)
        for key, texts in raw.get("examples", {}).items():
            for number, text in enumerate(texts):
                yield pytest.param(raw["id"], key, text, id=f"{raw['id']}-{key}{number}")


def state_of(section: str, text: str) -> SectionState:
    posting = parse_text(text)
    index = TextIndex(posting.text)
    salary = classify_salary(index, salary_vague_terms(SPECS))
    results = detect_sections(posting, index, SPECS, salary, MODEL)
    return next(r.state for r in results if r.id == section)


@pytest.mark.parametrize(("section", "key", "text"), list(_cases()))
def test_section_example(section: str, key: str, text: str) -> None:
    state = state_of(section, text)
    assert state in WANTED[key], f"{section} {key}: {text!r} read as {state}"


def test_the_sections_tuned_on_rater_labels_carry_examples() -> None:
    ids = {case.values[0] for case in _cases()}
    assert {"benefits", "salary", "location", "how_to_apply"} <= ids


def test_examples_table_is_validated(tmp_path: Path) -> None:
    source = (SPECS_DIR / "06-benefits.toml").read_text(encoding="utf-8")
    (tmp_path / "x.toml").write_text(source + '\n[examples]\nmaybe = ["x"]\n', encoding="utf-8")
    with pytest.raises(ValueError, match="examples"):
        load_section_specs(tmp_path)
