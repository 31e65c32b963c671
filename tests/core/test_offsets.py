"""Code point ↔ UTF-16 offsets: exact values with emoji and astral letters, round trips, and
a property test against Python's own UTF-16 encoder."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from postingstudio.core.offsets import (
    Utf16Index,
    codepoint_to_utf16,
    utf16_length,
    utf16_to_codepoint,
)

# 😀 (U+1F600) and 𝒳 (U+1D4B3) are surrogate pairs; é is 'e' + combining acute (two BMP
# code points, one unit each); 中 is BMP (one unit).
SAMPLE = "Hi 😀 team 𝒳 cafe\u0301 中 teh end"


def _u16(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def test_known_values_with_emoji_and_astral_letters() -> None:
    error = SAMPLE.index("teh")
    expected_u16 = _u16(SAMPLE[:error])
    assert expected_u16 == error + 2  # two astral characters before the error
    assert codepoint_to_utf16(SAMPLE, error) == expected_u16
    assert utf16_to_codepoint(SAMPLE, expected_u16) == error
    assert utf16_length(SAMPLE) == _u16(SAMPLE)


def test_ascii_text_is_identity() -> None:
    index = Utf16Index("plain text")
    assert index.is_identity
    assert [index.to_codepoint(i) for i in range(11)] == list(range(11))
    assert [index.to_utf16(i) for i in range(11)] == list(range(11))


def test_combining_marks_are_one_unit_per_code_point() -> None:
    text = "cafe\u0301s"
    assert codepoint_to_utf16(text, len(text)) == len(text)


def test_offset_inside_surrogate_pair_rounds_to_a_boundary() -> None:
    text = "a😀b"
    index = Utf16Index(text)
    assert index.to_codepoint(2, "floor") == 1  # between the halves of 😀
    assert index.to_codepoint(2, "ceil") == 2
    assert index.to_codepoint(3) == 2
    assert index.span_to_codepoint(2, 1) == (1, 2)  # half a pair still quotes the emoji


def test_span_conversion_covers_emoji_inside_the_span() -> None:
    text = "x 😀😀 y"
    index = Utf16Index(text)
    assert index.span_to_codepoint(2, 4) == (2, 4)
    assert text[2:4] == "😀😀"
    assert index.span_to_utf16(2, 4) == (2, 6)


def test_out_of_range_offsets_raise_and_spans_clamp() -> None:
    index = Utf16Index("a😀")
    with pytest.raises(ValueError):
        index.to_codepoint(4)
    with pytest.raises(ValueError):
        index.to_utf16(3)
    with pytest.raises(ValueError):
        codepoint_to_utf16("ab", -1)
    assert index.span_to_codepoint(1, 99) == (1, 2)


@given(st.text())
def test_round_trip_every_boundary(text: str) -> None:
    index = Utf16Index(text)
    assert index.utf16_length == _u16(text) == utf16_length(text)
    for cp in range(len(text) + 1):
        u16 = index.to_utf16(cp)
        assert u16 == _u16(text[:cp]) == codepoint_to_utf16(text, cp)
        assert index.to_codepoint(u16) == cp
        assert index.to_codepoint(u16, "ceil") == cp
        assert utf16_to_codepoint(text, u16) == cp


@given(st.text(alphabet=st.sampled_from(["a", "😀", "𝒳", "\u0301", "中", "\n"])), st.data())
def test_any_utf16_offset_maps_inside_the_text(text: str, data: st.DataObject) -> None:
    index = Utf16Index(text)
    offset = data.draw(st.integers(0, index.utf16_length))
    low, high = index.to_codepoint(offset, "floor"), index.to_codepoint(offset, "ceil")
    assert 0 <= low <= high <= len(text)
    assert high - low <= 1
    assert _u16(text[:low]) <= offset <= _u16(text[:high])
