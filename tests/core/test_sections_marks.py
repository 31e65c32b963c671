"""The rules' findings as the learned model's features: which sentence a cue hit or a section
heading marks, that the trainer's feature names and the product's scorer agree on them, and that
a model weighing a mark finds what its words alone would not."""

from __future__ import annotations

from postingstudio.core.plaintext import parse_text
from postingstudio.core.report import SectionState
from postingstudio.core.salary import classify_salary
from postingstudio.core.sections import detect_sections, load_section_specs, rule_marks
from postingstudio.core.sections_learned import SectionModel, sentence_units, unit_features
from postingstudio.core.sections_marks import RuleMarks, reads_marks
from postingstudio.core.sections_spec import salary_vague_terms
from postingstudio.core.text import TextIndex
from postingstudio.paths import resources_dir

SPECS = load_section_specs(resources_dir() / "sections" / "en")
TEXT = (
    "Senior Accountant\n"
    "\n"
    "Benefits\n"
    "We offer health insurance and 25 days of annual leave.\n"
    "More to follow.\n"
    "How to apply\n"
    "Please send your CV to jobs@example.com by 30 June."
)


def _marks_of(text: str) -> tuple[list[str], list[tuple[str, ...]]]:
    posting = parse_text(text)
    index = TextIndex(posting.text)
    units = sentence_units(posting.text)
    marks = rule_marks(posting, index, SPECS)
    lines = [posting.text[u.start : u.end] for u in units]
    return lines, list(marks.per_unit(units))


def test_a_cue_hit_marks_its_sentence_and_a_heading_marks_its_body() -> None:
    lines, marks = _marks_of(TEXT)
    by_line = dict(zip(lines, marks, strict=True))
    offer = by_line["We offer health insurance and 25 days of annual leave."]
    assert "c:benefits.concrete" in offer and "hs:benefits" in offer
    # The line after it is still under the Benefits heading but holds no cue.
    assert by_line["More to follow."] == ("hs:benefits",)
    apply = by_line["Please send your CV to jobs@example.com by 30 June."]
    assert "hs:how_to_apply" in apply and "hs:benefits" not in apply
    assert any(m.startswith("c:how_to_apply.") for m in apply)
    assert by_line["Senior Accountant"] == ()


def test_marks_between_units_and_past_a_heading_body_mark_nothing() -> None:
    text = "ab cd\n\nef gh"
    units = sentence_units(text)
    marks = RuleMarks(SPECS, hits=[(5, 5, 0), (7, 5, 0)], headings=[(0, 5, 0)])
    assert list(marks.per_unit(units)) == [("hs:responsibilities",), (), ("c:benefits.concrete",)]
    assert len(marks) == 3
    assert reads_marks(["w:x", "c:benefits.concrete"]) and not reads_marks(["w:x", "h:about"])


def _model_on_marks() -> SectionModel:
    # Weighs only the rules' marks: a sentence under a benefits heading that holds a cue.
    weights = {"c:benefits.concrete": 2.0, "hs:benefits": 1.5, "bias": -3.0}
    return SectionModel(
        {"format": 1, "sections": {"benefits": {"mode": "model", "threshold": 0.5,
                                                "state": "model", "weights": weights}}}
    )  # fmt: skip


def test_the_scorer_reads_the_marks_as_the_named_features_do() -> None:
    model = _model_on_marks()
    assert model.reads_marks
    posting = parse_text(TEXT)
    index = TextIndex(posting.text)
    units = sentence_units(posting.text)
    marks = rule_marks(posting, index, SPECS)
    expected = model.probabilities("benefits", unit_features(posting.text, units, marks))
    scored = list(model._rows.iter_scores(posting.text, units, len(units), marks))
    assert [p[0] for _, p in scored] == expected
    # Only the sentence with both marks reaches the threshold.
    carriers = [posting.text[u.start : u.end] for p, u in zip(expected, units, strict=True)
                if p >= 0.5]  # fmt: skip
    assert carriers == ["We offer health insurance and 25 days of annual leave."]


def test_detect_sections_hands_the_marks_to_a_model_that_reads_them() -> None:
    posting = parse_text(TEXT)
    index = TextIndex(posting.text)
    salary = classify_salary(index, salary_vague_terms(SPECS))
    results = {r.id: r for r in detect_sections(posting, index, SPECS, salary, _model_on_marks())}
    benefits = results["benefits"]
    # One carrier sentence: present_min 1, so the model reads the section as present and
    # names the sentence it read.
    assert benefits.state is SectionState.PRESENT
    assert "We offer health insurance" in benefits.reason


def test_the_reader_gives_each_unit_the_marks_a_plain_search_gives() -> None:
    import random

    from postingstudio.core.sections_units import SentenceUnit

    rng = random.Random(7)
    for _ in range(200):
        cuts = sorted(rng.sample(range(1, 400), 30))
        units = [SentenceUnit(0, n, a, b - rng.randint(0, 1), False) for n, (a, b) in
                 enumerate(zip([0, *cuts], [*cuts, 400], strict=True))]  # fmt: skip
        names = {s: f"c:{SPECS[s].id}.{SPECS[s].cues[0].name}" for s in range(10) if SPECS[s].cues}
        hits = [(rng.randrange(400), rng.choice(list(names)), 0) for _ in range(rng.randint(0, 12))]
        headings = []
        for _ in range(rng.randint(0, 4)):
            start = rng.randrange(400)
            headings.append((start, start + rng.randint(1, 150), rng.randrange(10)))
        expected = []
        for unit in units:
            found = {names[s] for at, s, _ in hits if unit.start <= at < unit.end}
            found |= {f"hs:{SPECS[s].id}" for a, b, s in headings if a <= unit.start < b}
            expected.append(tuple(sorted(found)))
        assert list(RuleMarks(SPECS, hits, headings).per_unit(units)) == expected
