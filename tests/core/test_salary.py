"""Salary classification: ranges, figures, vague wording, Adzuna masking and false-figure traps."""

from __future__ import annotations

import pytest

from postingstudio.core.report import SalaryKind
from postingstudio.core.salary import classify_salary
from postingstudio.core.text import TextIndex


def kind(text: str) -> SalaryKind:
    return classify_salary(TextIndex(text)).kind


@pytest.mark.parametrize(
    "text",
    [
        "£30,000 - £35,000 per annum",
        "Pay: $25–30/hour",
        "USD 120k–150k base salary",
        "Salary: 40-50K",
        "Salary Range: $225,000 – $275,000.",
        "Salary: 45,000.00-55,774.00.",
        "RANGE OF PAY: $11.00 - $20.00 PER HOUR",
        "Compensation: €45k - 55k",
        "£**** - £**** per annum",  # Adzuna masks every digit run
        "Salary: **** **** per annum",  # … and drops the dash
        "Remuneration package: ****k****k DOE",
        "****K ****K OTE",  # masked, currency dropped: the k and the OTE say pay
        "The base salary range is 160,000 USD - 304,750 USD.",  # currency after the number
        "Salary Range\n$82,000-$129,000+/negotiable",  # the pay heading is on the line above
        "Atlanta, GA\n$100,000- $75,000\nOur client is",  # a line of its own, ends reversed
        "Most candidates will earn between $196.26 and $254.91 per drill weekend.",
    ],
)
def test_ranges(text: str) -> None:
    assert kind(text) is SalaryKind.RANGE


@pytest.mark.parametrize(
    "text",
    [
        "£28,000 a year",
        "$22 per hour",
        "Part Time Book Keeper **** p/h",
        "**** per hour",
        "Pay rate up to $25/hour",
        "Salary: $14.00 per hourShift: 3rd Shift",  # the period glued to the next field
        "Earn up to $2500 and more per week",
        "Salary Range: $1,395 per credit hour",
        "Internal Sales Representative London Up to ****k",
    ],
)
def test_figures(text: str) -> None:
    assert kind(text) is SalaryKind.FIGURE


@pytest.mark.parametrize(
    "text",
    [
        "We offer a competitive salary.",
        "Salary DOE.",
        "Pay is commensurate with experience.",
        "Salary negotiable.",
        "An attractive package awaits.",
        "Competitive compensation package including base and benefits.",
        "Salary: Open",
        "Top Reasons to Work with Us 3. Competitive CompensationWhat You Need",
        "Their compensation program, made up of salary and bonus, is highly competitive.",
        "Description: d Job Title: Contract Manager Location: Norwich Salary: Very Competitive",
        "Salary and other terms are set in accordance with the collective agreement.",
        "Hiring Range Salary is commensurate with education and experience.",
        "Excellent basic salary and uncapped commission.",
        "Salary available on request.",
        "A competitive package awaits the right candidate.",
        "This is a well-paid role with excellent earning potential.",
        "Positions are available across the UK, with varying packages available.",
        "You will be rewarded financially for your hard work.",
        "The owners set their own wage and benefit programs, which vary by location.",
        "Salary to be discussed at interview.",
        "We follow a high salary policy.",
        "Permanent Resident or US CitizenJob OfferCompetitive compensation package",  # glued
    ],
)
def test_vague(text: str) -> None:
    assert kind(text) is SalaryKind.VAGUE


@pytest.mark.parametrize(
    "text",
    [
        "We are a $5 billion company.",
        "Full benefits including 401(k) and a 401k match.",
        "The group made £2m revenue last year.",
        "You have 5+ years of experience.",
        "Please call me on **** **** for details.",
        "Call 484 567 2084 today.",
        "Founded in 2003, we joined the Fortune 500 in 2015.",
        "We raised $10M funding in our Series A.",
        "Novation represents more than $40 billion in annual purchases.",
        "Driving ****k miles per year is part of the job.",
        "Prepare the **** monthly closes per annum.",
        "You will work 4 hours per day.",
        "Pay Band UG Position Number 298A0000 Agency",  # a code, not an amount
        "Statistical Package NA Required 2 SPSS NA Required 3",
        "The Department of Energy (DOE) prohibits DOE employees from taking part.",
        "Experience in design of experiments (DOE).",
        # A pay word inside another word ("st-rate-gic ... based on") is no vague pay.
        "Our strategic plan is based on growth. Ask us about pay.",
        "Ask about pay. Prepayment terms vary by customer.",
    ],
)
def test_false_figures_are_not_salaries(text: str) -> None:
    assert kind(text) is SalaryKind.NONE


def test_fields_quote_the_text_exactly_with_emoji() -> None:
    text = "🎉 Join us! 🚀 Salary: £32,000 – £38,000 per year, plus 25 days' holiday."
    info = classify_salary(TextIndex(text))
    assert info.kind is SalaryKind.RANGE
    assert text[info.start : info.end] == info.text == "£32,000 – £38,000 per year"
    assert (info.currency, info.period, info.low, info.high) == ("GBP", "year", 32000.0, 38000.0)


def test_range_beats_an_earlier_generic_figure() -> None:
    text = "All staff are paid at least $15 per hour. This role: $25–$30 per hour."
    assert classify_salary(TextIndex(text)).text == "$25–$30 per hour"


def test_custom_vague_terms() -> None:
    info = classify_salary(TextIndex("Pay: market-leading."), ("market-leading",))
    assert info.kind is SalaryKind.VAGUE and info.text == "market-leading"
