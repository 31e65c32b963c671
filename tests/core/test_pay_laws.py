"""Pay-transparency laws (issue 12): a missing or vague salary where a law asks for pay is an
error that names the law, from resources/locale/pay_laws.toml."""

from __future__ import annotations

import datetime as dt

import pytest

from postingstudio.core.analyse import analyse
from postingstudio.core.findings import Severity
from postingstudio.core.pay_laws import governing_law, load_pay_laws, load_scope
from postingstudio.core.plaintext import parse_text
from postingstudio.core.rules.rulebook import default_rulebook
from postingstudio.paths import resources_dir

LAWS = load_pay_laws(resources_dir())
LATER = dt.date(2030, 1, 1)


def test_every_law_has_a_source_a_start_and_examples():
    assert len(LAWS) >= 10
    ids = [law.id for law in LAWS]
    assert len(ids) == len(set(ids))
    for law in LAWS:
        assert law.source.startswith("https://"), law.id
        assert isinstance(law.since, dt.date), law.id
        assert law.flags and law.passes, law.id
        assert not law.within or law.within in ids, law.id


@pytest.mark.parametrize(
    ("law_id", "text", "expected"),
    [(law.id, t, True) for law in LAWS for t in law.flags]
    + [(law.id, t, False) for law in LAWS for t in law.passes],
)
def test_each_law_flags_and_passes_its_examples(law_id, text, expected):
    found = governing_law(text, LAWS, LATER)
    assert (found is not None and found.id == law_id) is expected, (law_id, text, found)


SCOPE = load_scope(resources_dir())


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [(t, True) for t in SCOPE.flags] + [(t, False) for t in SCOPE.passes],
)
def test_location_cues_flag_and_pass_their_examples(sentence, expected):
    assert SCOPE.flags and SCOPE.passes
    assert SCOPE.says_where(sentence) is expected, sentence


def test_a_city_law_refines_its_state_and_a_law_waits_for_its_start_date():
    assert governing_law("Location: New York, NY", LAWS, LATER).id == "us-nyc"
    assert governing_law("Location: Rochester, NY", LAWS, LATER).id == "us-ny"
    eu_start = next(law.since for law in LAWS if law.id == "eu")
    before = eu_start - dt.timedelta(days=1)
    assert governing_law("Berlin, Germany", LAWS, before) is None
    assert governing_law("Berlin, Germany", LAWS, eu_start).id == "eu"


def _salary_findings(text: str):
    report = analyse(parse_text(text), default_rulebook())
    return [f for f in report.findings if f.extra.get("section") == "salary"]


BODY = (
    "Data Analyst\n\nAbout us\nWe build accounting software for 4,000 small firms.\n\n"
    "What you'll do\n- Build weekly dashboards for the finance team.\n"
    "- Answer questions from sales with SQL.\n\nWhat you'll need\n- Two years of SQL.\n\n"
)


def test_missing_pay_in_colorado_is_an_error_naming_the_law():
    found = _salary_findings(BODY + "Location\nDenver, CO (hybrid, 3 days in the office)\n")
    assert found, "a posting with no pay has a salary finding"
    assert all(f.severity is Severity.ERROR for f in found)
    assert any("Colorado" in f.message and f.extra.get("law") == "us-co" for f in found)
    assert all(f.source.startswith("https://cdle.colorado.gov") for f in found)
    assert all(f.replacements for f in found), "the fix still offers the pay line"


def test_vague_pay_under_a_law_is_an_error_too():
    text = BODY + "Pay\nCompetitive salary.\n\nLocation\nSeattle, WA\n"
    found = _salary_findings(text)
    assert any(f.extra.get("law") == "us-wa" and f.severity is Severity.ERROR for f in found)


def test_no_law_leaves_the_salary_finding_as_it_was():
    found = _salary_findings(BODY + "Location\nLeeds, West Yorkshire\n")
    assert found
    assert all("law" not in f.extra for f in found)
    assert all(f.severity is not Severity.ERROR for f in found)


def test_a_posting_with_a_range_is_not_flagged_under_a_law():
    text = BODY + "Pay\n$70,000–$85,000 a year.\n\nLocation\nDenver, CO\n"
    assert not [f for f in _salary_findings(text) if f.severity is Severity.ERROR]


def test_the_stated_location_beats_offices_named_elsewhere():
    text = (
        BODY.replace("for 4,000 small firms.", "with offices in Chicago, IL; Springfield, IL.")
        + "Location\nDenver, CO\n"
    )
    laws = {f.extra.get("law") for f in _salary_findings(text)}
    assert laws == {"us-co"}


def test_places_named_in_passing_put_no_posting_under_a_law():
    text = (
        BODY.replace(
            "for 4,000 small firms.",
            "for 4,000 firms, with clients based in Germany and a team in Seattle.",
        )
        + "Applicants who are California residents: see our privacy notice.\n"
    )
    assert all("law" not in f.extra for f in _salary_findings(text))


def test_a_location_with_no_law_is_not_overruled_by_the_company_blurb():
    text = BODY.replace("for 4,000 small firms.", "with teams in Seattle, WA.")
    found = _salary_findings(text + "Location: Austin, TX\n")
    assert found and all("law" not in f.extra for f in found)
