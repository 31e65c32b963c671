"""SMS encoding and segments (3GPP TS 23.038 tables as in research/outreach.md)."""

from __future__ import annotations

import pytest

from postingstudio.core.outreach.sms import non_gsm7, sms_length, to_gsm7


@pytest.mark.parametrize(
    ("text", "encoding", "units", "segments"),
    [
        ("a" * 160, "GSM-7", 160, 1),
        ("a" * 161, "GSM-7", 161, 2),  # 153 per part once concatenated
        ("a" * 306, "GSM-7", 306, 2),
        ("a" * 307, "GSM-7", 307, 3),
        ("€" * 80, "GSM-7", 160, 1),  # extension table: two units each
        ("[" + "a" * 159, "GSM-7", 161, 2),
        ("é" * 160, "GSM-7", 160, 1),  # in the basic table
        ("a" * 69 + "’", "UCS-2", 70, 1),
        ("a" * 70 + "’", "UCS-2", 71, 2),  # 67 per part
        ("a" * 133 + "—", "UCS-2", 134, 2),
        ("a" * 134 + "—", "UCS-2", 135, 3),
        ("😀" + "a" * 68, "UCS-2", 70, 1),  # an emoji beyond the BMP takes two units
        ("", "GSM-7", 0, 0),
    ],
)
def test_segments(text, encoding, units, segments):
    length = sms_length(text)
    assert (length.encoding, length.units, length.segments) == (encoding, units, segments)


def test_names_every_character_forcing_ucs2_once_in_order():
    assert non_gsm7("Hi “Ana” – café… á ’") == ("“", "”", "–", "…", "á", "’")
    assert sms_length("Plain text, Reply STOP.").forcing_ucs2 == ()


def test_substitution_turns_typographic_punctuation_into_gsm7():
    text = to_gsm7("It’s “great” – really…\u00a0yes")
    assert text == 'It\'s "great" - really... yes'
    assert sms_length(text).encoding == "GSM-7"


def test_accented_letters_lose_their_accent_rather_than_force_ucs2():
    assert to_gsm7("Data Scientist â Montréal Curaçao") == "Data Scientist a Montréal Curacao"
    assert sms_length(to_gsm7("São Paulo, Zürich, Kraków")).encoding == "GSM-7"
    assert to_gsm7("日本") == "日本"  # no GSM-7 spelling: kept, and reported as forcing UCS-2
