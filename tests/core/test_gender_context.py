"""Gender-coded words count only where they describe the person sought or the workplace."""

from __future__ import annotations

import pytest

from postingstudio.core.analyse import analyse


def coded(rulebook, text: str) -> list[str]:
    metrics = analyse(text, rulebook).metrics
    return [*metrics["masculine_words"], *metrics["feminine_words"]]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("We want a dominant, competitive leader.", ["dominant", "competitive", "leader"]),
        ("The ideal hire is ambitious and assertive.", ["ambitious", "assertive"]),
        ("You must be decisive, even under pressure.", ["decisive"]),
        ("You have strong analytical skills.", ["analytical"]),
        ("Join a supportive team in a competitive environment.", ["competitive", "supportive"]),
        ("You will work independently from day one.", ["independently"]),
        ("You are a natural leader.", ["leader"]),
        ("We value loyalty above all.", ["loyalty"]),
        ("Requirements\n- Highly analytical\n- Self-confident", ["analytical", "self-confident"]),
    ],
)
def test_traits_of_the_person_or_workplace_are_coded(rulebook, text, expected) -> None:
    assert sorted(coded(rulebook, text)) == sorted(expected)


@pytest.mark.parametrize(
    "text",
    [
        "Lead data engineering across the group.",
        "You will lead projects and support the finance team.",
        "Provide analytic input to the pricing committee.",
        "Maintain modern analytical equipment in the lab.",
        "Report to senior leaders in the region.",
        "You will make decisions about stock levels.",
        "The salary is competitive and reviewed yearly.",
        "Aggressive sales targets are set each quarter.",
        "Connect the new sensors to the network.",
        "The leadership team meets weekly.",
        "Working with children aged 3 to 5.",
        "Prior experience leading technical teams of analysts.",
        "You will take an active role in planning the rota.",
        "Create a real competitive edge for the brand.",
    ],
)
def test_duties_and_things_are_not_coded(rulebook, text) -> None:
    assert coded(rulebook, text) == []


def test_verdict_counts_what_is_underlined(rulebook) -> None:
    duties = "You will lead projects, lead audits, lead reviews and lead workshops. " * 3
    report = analyse(duties + "You will help customers every day at our shop.", rulebook)
    assert report.metrics["gender_verdict"] == "neutral"
    assert not [f for f in report.findings if f.rule_id == "inclusive.masculine_coded"]


def _lexicon_examples(kind: str) -> list[str]:
    import tomllib

    from postingstudio.paths import resources_dir

    with (resources_dir() / "lexicons" / "gender_coded.toml").open("rb") as handle:
        return list(tomllib.load(handle)["context_examples"][kind])


@pytest.mark.parametrize("text", _lexicon_examples("flag"))
def test_lexicon_flag_examples_count_a_trait(rulebook, text) -> None:
    assert coded(rulebook, text), text


@pytest.mark.parametrize("text", _lexicon_examples("pass"))
def test_lexicon_pass_examples_count_nothing(rulebook, text) -> None:
    assert coded(rulebook, text) == [], text
