r"""SMS length: GSM-7 (3GPP TS 23.038) or UCS-2, segments, and the characters forcing UCS-2.

One message is 160 GSM-7 units or 70 UTF-16 units; a longer one is split into parts of 153 or 67
(the rest carries the concatenation header). Characters of the GSM-7 extension table (``^ { } \
[ ~ ] |`` and ``€``, plus form feed) take an escape and count two. A single character outside
both tables switches the whole message to UCS-2, where a character beyond the Basic Multilingual
Plane (most emoji) takes two UTF-16 units.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

# GSM 03.38 basic table (one unit each), as listed in research/outreach.md (Sinch SMPP docs).
_GSM7_BASIC = frozenset(
    "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
    "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà"
)
_GSM7_EXTENSION = frozenset("\f^{}\\[~]|€")

# What a drafter can swap a common non-GSM character for, so a message stays in GSM-7.
GSM7_SUBSTITUTES = {
    "\u2018": "'",
    "\u2019": "'",
    "\u201c": '"',
    "\u201d": '"',
    "\u2013": "-",
    "\u2014": "-",
    "\u2026": "...",
    "\u00a0": " ",
    "`": "'",
}


@dataclass(frozen=True, slots=True)
class SmsLength:
    """How an SMS would be sent: encoding, length in its units, segments, and what forced UCS-2."""

    encoding: str  # "GSM-7" or "UCS-2"
    units: int  # septets (GSM-7) or UTF-16 code units (UCS-2)
    segments: int
    per_segment: int  # units a segment holds at this length (160/153 or 70/67)
    forcing_ucs2: tuple[str, ...]  # distinct characters outside GSM-7, in order of appearance

    def to_json(self) -> dict[str, object]:
        return {
            "encoding": self.encoding,
            "units": self.units,
            "segments": self.segments,
            "per_segment": self.per_segment,
            "forcing_ucs2": list(self.forcing_ucs2),
        }


def non_gsm7(text: str) -> tuple[str, ...]:
    """The distinct characters of ``text`` that GSM-7 cannot carry, first appearance first."""
    seen: dict[str, None] = {}
    for ch in text:
        if ch not in _GSM7_BASIC and ch not in _GSM7_EXTENSION:
            seen.setdefault(ch, None)
    return tuple(seen)


def sms_length(
    text: str,
    gsm7_single: int = 160,
    gsm7_part: int = 153,
    ucs2_single: int = 70,
    ucs2_part: int = 67,
) -> SmsLength:
    """The SMS length of ``text``: GSM-7 unless a character forces
    UCS-2, with carrier segment sizes."""
    forcing = non_gsm7(text)
    if forcing:
        units = len(text.encode("utf-16-le")) // 2
        single, part, encoding = ucs2_single, ucs2_part, "UCS-2"
    else:
        units = sum(2 if ch in _GSM7_EXTENSION else 1 for ch in text)
        single, part, encoding = gsm7_single, gsm7_part, "GSM-7"
    if units <= single:
        return SmsLength(encoding, units, 1 if units else 0, single, forcing)
    segments = -(-units // part)
    return SmsLength(encoding, units, segments, part, forcing)


def to_gsm7(text: str) -> str:
    """``text`` with curly quotes, dashes, ellipses and non-breaking spaces made GSM-7, and
    accented letters outside GSM-7 (â, á, ç…) written without their accent, so one letter of a
    title or a place cannot halve what every segment holds."""
    return "".join(_gsm7_char(GSM7_SUBSTITUTES.get(ch, ch)) for ch in text)


def _gsm7_char(ch: str) -> str:
    if len(ch) != 1 or ch in _GSM7_BASIC or ch in _GSM7_EXTENSION:
        return ch
    base = "".join(c for c in unicodedata.normalize("NFKD", ch) if not unicodedata.combining(c))
    return base if base and all(c in _GSM7_BASIC for c in base) else ch
