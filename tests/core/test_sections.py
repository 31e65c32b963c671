"""Section checklist: headings and their synonyms, cue detection without headings, thin vs
present, insertion points, findings, spec validation, and agreement with the dev labels."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from postingstudio.core.findings import Category, FindingSource, Severity
from postingstudio.core.plaintext import parse_text
from postingstudio.core.report import SalaryInfo, SectionState
from postingstudio.core.salary import classify_salary
from postingstudio.core.sections import detect_sections, load_section_specs, section_findings
from postingstudio.core.text import TextIndex

ROOT = Path(__file__).resolve().parents[2]
SPECS_DIR = ROOT / "resources" / "sections" / "en"
SHARED = Path(os.environ.get("POSTINGSTUDIO_SHARED", ROOT.parent / "shared"))
CORPUS = SHARED / "corpus" / "postings" / "postings.jsonl"
LABELS = ROOT / "tests" / "data" / "labels" / "sections_dev.jsonl"
IDS = [
    "responsibilities",
    "requirements",
    "about_company",
    "mission",
    "culture",
    "benefits",
    "salary",
    "location",
    "how_to_apply",
    "eeo",
]


@pytest.fixture(scope="module")
def specs():
    return load_section_specs(SPECS_DIR)


def check(text: str, specs, *, markdown: bool = False) -> dict[str, SectionState]:
    posting = parse_text(text, markdown=markdown)
    index = TextIndex(posting.text)
    results = detect_sections(posting, index, specs, classify_salary(index))
    return {r.id: r.state for r in results}


def test_ids_and_order(specs) -> None:
    assert [s.id for s in specs] == IDS


RESPONSIBILITIES = """What you'll do
- Plan and run the monthly close with the finance team
- Build dashboards that show cash flow to the board
- Review supplier contracts and flag risks
- Coach two junior analysts
"""


@pytest.mark.parametrize(
    "heading", ["What you'll do", "Your role", "Key duties", "RESPONSIBILITIES:"]
)
def test_responsibility_heading_synonyms(specs, heading: str) -> None:
    text = RESPONSIBILITIES.replace("What you'll do", heading)
    assert check(text, specs)["responsibilities"] is SectionState.PRESENT


def test_responsibilities_from_action_verbs_without_heading(specs) -> None:
    text = (
        "Develop reporting for the sales team. Manage the CRM data. Prepare monthly forecasts. "
        "Support the account managers with analysis."
    )
    assert check(text, specs)["responsibilities"] is SectionState.PRESENT


def test_one_vague_duty_is_thin(specs) -> None:
    assert check("You will help the team.", specs)["responsibilities"] is SectionState.THIN


@pytest.mark.parametrize(
    "heading", ["Who you are", "What we're looking for", "Minimum qualifications"]
)
def test_requirement_heading_synonyms(specs, heading: str) -> None:
    items = (
        "- 3 years of experience in payroll\n- A degree in accounting or similar\n- Fluent English"
    )
    text = f"{heading}\n{items}"
    assert check(text, specs)["requirements"] is SectionState.PRESENT


def test_inline_headings_in_flattened_text(specs) -> None:
    text = (
        "Requirements: Degree in engineering. Experience with CAD is essential. Knowledge of "
        "lean methods. Benefits: health insurance, 25 days paid holiday and a pension."
    )
    states = check(text, specs)
    assert states["requirements"] is SectionState.PRESENT
    assert states["benefits"] is SectionState.PRESENT


def test_benefits_present_thin_missing(specs) -> None:
    assert (
        check("Perks\n- Health insurance\n- 25 days annual leave\n- Pension match", specs)[
            "benefits"
        ]
        is SectionState.PRESENT
    )
    assert check("We offer great benefits.", specs)["benefits"] is SectionState.THIN
    assert check("You will write code.", specs)["benefits"] is SectionState.MISSING


def test_culture_cliche_is_thin(specs) -> None:
    assert check("Join our fun team!", specs)["culture"] is SectionState.THIN
    text = (
        "Life at Acme\nWe are a team of twelve who pair every day. We value transparency: all "
        "salaries are public. Our culture is built on feedback and team lunches on Fridays."
    )
    assert check(text, specs)["culture"] is SectionState.PRESENT


def test_mission_heading_and_cue(specs) -> None:
    assert (
        check(
            "Our mission\nWe exist to make clean water affordable for every village in Kenya.",
            specs,
        )["mission"]
        is SectionState.PRESENT
    )
    assert (
        check("Our mission is to help small charities raise money online.", specs)["mission"]
        is SectionState.PRESENT
    )
    assert check("We sell accounting software.", specs)["mission"] is SectionState.MISSING


def test_about_company(specs) -> None:
    text = (
        "About Acme\nAcme was founded in 1998 and is a leading maker of garden tools, "
        "with 400 people in Leeds."
    )
    assert check(text, specs)["about_company"] is SectionState.PRESENT
    assert (
        check("About the job\nYou will answer calls.", specs)["about_company"]
        is SectionState.MISSING
    )


def test_location_is_a_place_or_a_work_mode(specs) -> None:
    # Careful readers count either one as the location (docs/section-labelling-guide.md); the
    # old rule wanted both and called 197 of 444 rated locations thin that the raters saw present.
    assert (
        check("Location: London. This is a hybrid role with two office days a week.", specs)[
            "location"
        ]
        is SectionState.PRESENT
    )
    assert check("Based in our Tampa, FL offices.", specs)["location"] is SectionState.PRESENT
    assert check("Location: London", specs)["location"] is SectionState.PRESENT
    assert check("This is a fully remote role.", specs)["location"] is SectionState.PRESENT
    assert (
        check("Job location can be either Easton, PA, or Pine Brook, NJ.", specs)["location"]
        is SectionState.PRESENT
    )
    assert check("You will write code.", specs)["location"] is SectionState.MISSING


def test_how_to_apply_needs_instructions_and_next_steps(specs) -> None:
    full = (
        "How to apply\nSend your CV and a cover letter to jobs@acme.example by 30 June. "
        "Shortlisted candidates will be contacted for an interview within two weeks."
    )
    assert check(full, specs)["how_to_apply"] is SectionState.PRESENT
    assert check("Apply now!", specs)["how_to_apply"] is SectionState.THIN
    assert check("You will write code.", specs)["how_to_apply"] is SectionState.MISSING


def test_eeo(specs) -> None:
    statement = (
        "Acme is an equal opportunity employer. All qualified applicants will receive "
        "consideration without regard to race, religion, sex or disability."
    )
    assert check(statement, specs)["eeo"] is SectionState.PRESENT
    assert check("EOE/AA employer", specs)["eeo"] is SectionState.THIN
    assert check("You will write code.", specs)["eeo"] is SectionState.MISSING


def test_eeo_sentences_do_not_count_as_culture(specs) -> None:
    text = (
        "We are an equal opportunity employer committed to an inclusive work environment and we "
        "celebrate diversity, regardless of age or race."
    )
    assert check(text, specs)["culture"] is SectionState.MISSING


def test_salary_state_follows_salary_info(specs) -> None:
    assert check("Salary: £30,000 - £35,000 per annum", specs)["salary"] is SectionState.PRESENT
    assert check("Salary: £**** per annum", specs)["salary"] is SectionState.PRESENT
    assert check("basic salary of ****", specs)["salary"] is SectionState.THIN
    # An anonymised copy replaced the whole pay statement; "****k" is thousands, so yearly.
    assert check("Salary: <SALARY>", specs)["salary"] is SectionState.PRESENT
    assert check("Sales Executive Up to ****k", specs)["salary"] is SectionState.PRESENT
    assert check("**** basic up to 20% bonus", specs)["salary"] is SectionState.PRESENT
    assert check("We pay a competitive salary.", specs)["salary"] is SectionState.THIN
    assert check("You will write code.", specs)["salary"] is SectionState.MISSING


def test_findings_one_per_missing_or_thin_at_insert_point(specs) -> None:
    text = (
        "Data Analyst\nWhat you'll do\n"
        + RESPONSIBILITIES.split("\n", 1)[1]
        + "We offer great benefits. 🎉"
    )
    posting = parse_text(text)
    index = TextIndex(posting.text)
    results = detect_sections(posting, index, specs, SalaryInfo())
    findings = section_findings(results, posting.text, specs)
    by_id = {f.rule_id: f for f in findings}
    assert "sections.responsibilities.missing" not in by_id
    assert "sections.benefits.thin" in by_id and "sections.salary.missing" in by_id
    salary = by_id["sections.salary.missing"]
    assert salary.category is Category.MISSING and salary.origin is FindingSource.SECTIONS
    assert salary.severity is Severity.WARNING
    assert salary.start == salary.end and salary.text == ""
    assert "ZipRecruiter" in salary.source and salary.replacements[0].strip().startswith("Pay")
    for finding in findings:
        result = next(r for r in results if finding.rule_id.split(".")[1] == r.id)
        assert finding.start == result.insert_at and 0 <= finding.start <= len(posting.text)
    about = next(r for r in results if r.id == "about_company")
    assert about.insert_at == len("Data Analyst")  # near the top, after the title
    eeo = next(r for r in results if r.id == "eeo")
    assert eeo.insert_at == len(posting.text)  # at the end


def test_every_result_has_a_reason_and_template(specs) -> None:
    posting = parse_text("Hello")
    results = detect_sections(posting, TextIndex(posting.text), specs, SalaryInfo())
    assert all(r.reason and r.template.count("<") >= 1 for r in results)


def test_bad_spec_files_are_rejected_with_the_file_name(tmp_path: Path) -> None:
    for path in SPECS_DIR.glob("*.toml"):
        (tmp_path / path.name).write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    target = tmp_path / "06-benefits.toml"
    source = target.read_text(encoding="utf-8")
    target.write_text("surprise = 1\n" + source, encoding="utf-8")
    with pytest.raises(ValueError, match=r"06-benefits\.toml.*unknown keys"):
        load_section_specs(tmp_path)
    target.write_text(source.replace('"fruit",', '"fr*uit",'), encoding="utf-8")
    with pytest.raises(ValueError, match=r"06-benefits\.toml.*stem"):
        load_section_specs(tmp_path)
    target.write_text(
        source.replace('present_requires = ["concrete"]', 'present_requires = ["nope"]'),
        encoding="utf-8",
    )
    with pytest.raises(ValueError, match="unknown cue group"):
        load_section_specs(tmp_path)
    target.write_text(
        source.replace('patterns = ["relocation', 'patterns = ["(relocation'), encoding="utf-8"
    )
    with pytest.raises(ValueError, match="bad regular expression"):
        load_section_specs(tmp_path)


@pytest.mark.skipif(not CORPUS.exists(), reason="shared corpus not found at ../shared/corpus")
def test_agreement_with_dev_labels_stays_above_the_measured_floor(specs) -> None:
    """Measured on all 130 labels: mean found/missing F1 0.92, mean exact state 0.86, salary kind
    0.98 (see docs/benchmarks.md). The floors leave a margin for vocabulary changes.

    These are the old one-annotator labels, which called one explicit application instruction
    ("send your CV to …") thin; the two raters' guide calls it present and the checklist now
    follows the raters (issue 12), so exact state here fell from 0.82 to 0.80: the floor is 0.78."""
    labels = {
        json.loads(line)["id"]: json.loads(line) for line in LABELS.read_text().splitlines() if line
    }
    exact = total = salary_ok = 0
    with CORPUS.open(encoding="utf-8") as handle:
        for line in handle:
            record = json.loads(line)
            label = labels.get(record["id"])
            if label is None:
                continue
            assert record["split"] == "dev"
            posting = parse_text(record["text"])
            index = TextIndex(posting.text)
            salary = classify_salary(index)
            for result in detect_sections(posting, index, specs, salary):
                exact += str(result.state) == label["sections"][result.id]
                total += 1
            salary_ok += str(salary.kind) == label["salary_kind"]
    assert total == 10 * len(labels)
    assert exact / total >= 0.78
    assert salary_ok / len(labels) >= 0.92
