"""Which English LanguageTool should check: the one the posting is written in.

A posting with "£", British spellings ("organisation", "programme") or UK places is checked as
en-GB, where "organisation" is right; everything else as en-US. The writer's explicit choice
("en-GB", "en-US", ...) always wins; only ``"auto"`` (the default) looks at the text. The cues
and weights are data: ``resources/languagetool/english_variant.toml``.
"""

from __future__ import annotations

import re
import tomllib
from functools import lru_cache

from postingstudio.paths import resources_dir

AUTO = "auto"
DEFAULT_ENGLISH = "en-US"


@lru_cache(maxsize=1)
def _cues() -> dict[str, tuple[tuple[str, ...], re.Pattern[str] | None]]:
    with (resources_dir() / "languagetool" / "english_variant.toml").open("rb") as handle:
        table = tomllib.load(handle)
    cues = {}
    for side in ("gb", "us"):
        # Longest first, so "United Kingdom" wins over a shorter overlapping cue.
        words = sorted(table[side].get("words", []), key=len, reverse=True)
        stems = sorted(table[side].get("stems", []), key=len, reverse=True)
        parts = [rf"(?:{'|'.join(map(re.escape, words))})(?![\w-])"] if words else []
        if stems:
            parts.append(rf"(?:{'|'.join(map(re.escape, stems))})\w*")
        pattern = None
        if parts:
            pattern = re.compile(rf"(?<![\w-])(?:{'|'.join(parts)})", re.IGNORECASE)
        cues[side] = (tuple(table[side].get("symbols", [])), pattern)
    return cues


def _weight(text: str, side: str) -> int:
    symbols, pattern = _cues()[side]
    found = sum(text.count(symbol) for symbol in symbols)
    if pattern is not None:
        found += sum(1 for _ in pattern.finditer(text))
    return found


def english_variant(text: str) -> str:
    """``"en-GB"`` when British cues outweigh American ones in ``text``, else ``"en-US"``."""
    return "en-GB" if _weight(text, "gb") > _weight(text, "us") else DEFAULT_ENGLISH


def language_for(text: str, chosen: str) -> str:
    """The language code to send for ``text``: the writer's choice, or the detected English."""
    return english_variant(text) if chosen == AUTO else chosen


def constructor_language(chosen: str) -> str:
    """A concrete code for language-tool-python's constructor (it validates the code against
    the server; the code actually checked is sent with each request)."""
    return DEFAULT_ENGLISH if chosen == AUTO else chosen
