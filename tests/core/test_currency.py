"""Pay fixes offer the posting's own currency first (resources/locale/currency.toml)."""

from __future__ import annotations

import tomllib

import pytest

from postingstudio.core.analyse import analyse
from postingstudio.core.currency import CURRENCY_FILE, load_currencies, posting_currency
from postingstudio.core.plaintext import parse_text
from postingstudio.core.rules.rulebook import default_rulebook
from postingstudio.paths import resources_dir

CURRENCIES = load_currencies(resources_dir())
DATA = tomllib.loads((resources_dir() / CURRENCY_FILE).read_text(encoding="utf-8"))["currency"]


@pytest.mark.parametrize(
    ("code", "text", "expected"),
    [(e["code"], t, True) for e in DATA for t in e["examples"]["flags"]]
    + [(e["code"], t, False) for e in DATA for t in e["examples"]["passes"]],
)
def test_each_currency_flags_and_passes_its_examples(code, text, expected):
    found = posting_currency(text, CURRENCIES)
    assert (found is not None and found.code == code) is expected, (code, text, found)


def test_signs_beat_places_and_a_bare_dollar_is_us():
    assert posting_currency("London office; pay €50,000", CURRENCIES).code == "EUR"
    assert posting_currency("Pay: $60,000 a year", CURRENCIES).code == "USD"
    assert posting_currency("Pay: $60,000 a year. Toronto, ON", CURRENCIES).code == "CAD"
    assert posting_currency("We pay well.", CURRENCIES) is None
    assert posting_currency("CADENCE and Reading skills", CURRENCIES) is None


def test_currency_words_match_in_any_case_also_where_lower_casing_would_miss_them():
    euro = next(c for c in CURRENCIES if c.code == "EUR")
    assert euro.sign_hits("Paid in EUROS or Euro") == 2
    # re's IGNORECASE reads "ſ" (long s) as "s" though str.lower() keeps it: still found.
    assert euro.sign_hits("Paid in euroſ") == 1
    assert euro.sign_hits("Paid in Europe") == 0


def _pay_fix(text: str) -> tuple[str, ...]:
    report = analyse(parse_text(text), default_rulebook())
    pay = [f for f in report.findings if "competitive salary" in f.text.lower()]
    assert pay, [f.text for f in report.findings]
    return pay[0].replacements


def test_a_canadian_posting_is_offered_dollars_first_and_a_british_one_pounds():
    body = "We offer a competitive salary and a friendly team.\nYou will run our payroll."
    canadian = _pay_fix("Payroll Clerk\nLocation: Calgary, Alberta, Canada\n" + body)
    assert canadian[0].count("$") == 2 and "£" not in canadian[0]
    assert all("<currency>" not in r for r in canadian)
    british = _pay_fix("Payroll Clerk\nLocation: Leeds, West Yorkshire\n" + body)
    assert british[0].startswith("salary of £")
