"""Which currency a posting pays in, so a pay fix offers that currency first.

A Canadian posting told to write "£<min>–£<max> a year" gets a fix the writer must correct
before it is any use. The cues are data (``resources/locale/currency.toml``): a posting's own
currency signs and codes win, then the places it names; a bare "$" with no place means US
dollars. Replacements that write the posting's currency come first, neutral ones
(``<currency>``, filled in with the sign when it is known) next, other currencies last.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path

from .cache import file_stamp, read_toml
from .findings import Finding

CURRENCY_FILE = Path("locale") / "currency.toml"
SYMBOLS = ("£", "$", "€")  # the signs pay replacements are written with
NEUTRAL = "<currency>"


@dataclass(frozen=True)
class Currency:
    """One currency's sign and the cues that a posting pays in it."""

    code: str
    symbol: str
    signs: tuple[str, ...]
    words: tuple[str, ...]
    places: tuple[str, ...]

    @property
    def _sign_patterns(self) -> tuple[re.Pattern[str], ...]:
        return _compiled(self.signs, False)

    def sign_hits(self, text: str) -> int:
        words = _compiled(self.words, True)
        signs = count_literal_hits(self.signs, self._sign_patterns, text)
        return signs + count_folded_hits(self.words, words, text)

    def place_hits(self, text: str) -> int:
        return count_literal_hits(self.places, _compiled(self.places, False), text)


def count_literal_hits(terms: Sequence[str], patterns: Sequence[re.Pattern[str]], text: str) -> int:
    """Matches of case-sensitive ``patterns``, each a term with word edges where it starts or
    ends with a letter or digit (as :func:`edged` writes them).

    A term that opens with a capital (A to Z) and must start at a word edge matches only where
    its first word is a whole word of the text, so only the terms whose first word the text has
    are searched: one set look-up each, where a substring test per term (hundreds of places a
    posting, most never named) cost several times as much. The other terms are searched where
    the text holds them."""
    by_word, others = _first_words(tuple(terms))
    count = 0
    for word in by_word.keys() & _words(text):
        for n in by_word[word]:
            count += len(patterns[n].findall(text))
    for n in others:
        if terms[n] in text:
            count += len(patterns[n].findall(text))
    return count


# A capital and the word characters after it: every whole word that opens with a capital is
# one of these (the scan resumes after a word's end, so it reaches the next word's first letter).
_CAPITALISED = re.compile(r"[A-Z]\w*+")
_FIRST_RUN = re.compile(r"[A-Z]\w*")


@lru_cache(maxsize=2)  # asked about the same text by every currency and pay law in turn
def _words(text: str) -> frozenset[str]:
    """The text's words that open with a capital (and some runs from inside words: harmless)."""
    return frozenset(_CAPITALISED.findall(text))


@lru_cache(maxsize=256)
def _first_words(terms: tuple[str, ...]) -> tuple[dict[str, tuple[int, ...]], tuple[int, ...]]:
    """For each term whose match is sure to begin with a whole word of the text that opens with
    a capital, that word (then: the term opens with A to Z, so a word edge goes before it, and
    its first word ends inside it or at the word edge after it); the others' positions apart."""
    by_word: dict[str, list[int]] = {}
    others: list[int] = []
    for n, term in enumerate(terms):
        first = _FIRST_RUN.match(term)
        if first and (first.end() < len(term) or term[-1:].isalnum()):
            by_word.setdefault(first.group(), []).append(n)
        else:
            others.append(n)
    return {word: tuple(ns) for word, ns in by_word.items()}, tuple(others)


def count_folded_hits(terms: Sequence[str], patterns: Sequence[re.Pattern[str]], text: str) -> int:
    """Matches of case-insensitive ``patterns``, each a term: an ASCII term absent from the
    lower-cased text cannot match, which a substring test says for a fraction of a search."""
    lower = _lowered(text)
    return sum(
        len(pattern.findall(text))
        for term, pattern in zip(terms, patterns, strict=True)
        if lower is None or not term.isascii() or term.lower() in lower
    )


# The non-ASCII letters that re's IGNORECASE matches with ASCII ones; str.lower() does not turn
# the first three into them, so with any of these in the text every pattern is searched.
_FOLD_TRAPS = ("ſ", "ı", "İ", "\u212a")


@lru_cache(maxsize=1)  # the currencies are asked one after another about the same text
def _lowered(text: str) -> str | None:
    return None if any(trap in text for trap in _FOLD_TRAPS) else text.lower()


@lru_cache(maxsize=256)
def _compiled(terms: tuple[str, ...], fold: bool) -> tuple[re.Pattern[str], ...]:
    flags = re.IGNORECASE if fold else 0
    return tuple(re.compile(edged(term), flags) for term in terms)


def edged(term: str) -> str:
    r"""``term`` as a regex with word edges where it starts or ends with a letter or digit:
    "£" and ", ON" have none to respect, "Reading" and "CAD" do ("CADENCE" is not Canadian
    dollars).

    The edge before is tested after the term (``CAD(?<!\wCAD)``, the same matches as
    ``(?<!\w)CAD``): a pattern that opens with a literal is searched for as a string, one that
    opens with a look-behind is tried at every character, 50 times slower.
    """
    literal = re.escape(term)
    head = rf"(?<!\w{literal})" if term[:1].isalnum() else ""
    tail = r"(?!\w)" if term[-1:].isalnum() or term.endswith(".") else ""
    return literal + head + tail


def load_currencies(resources: Path) -> tuple[Currency, ...]:
    """The currency table from ``resources``; empty when the file is absent."""
    stamped = file_stamp(resources, CURRENCY_FILE)
    return () if stamped is None else _load(*stamped)


@lru_cache(maxsize=4)
def _load(path: Path, _mtime: int) -> tuple[Currency, ...]:
    data = read_toml(path)
    return tuple(
        Currency(
            entry["code"],
            entry["symbol"],
            tuple(entry.get("signs", ())),
            tuple(entry.get("words", ())),
            tuple(entry.get("places", ())),
        )
        for entry in data.get("currency", ())
    )


def posting_currency(text: str, currencies: Sequence[Currency]) -> Currency | None:
    """The currency ``text`` pays in: its signs and codes, else its places, else "$" = USD."""
    try:
        for hits in (Currency.sign_hits, Currency.place_hits):
            scored = [(hits(c, text), -n, c) for n, c in enumerate(currencies)]
            best = max(scored, default=None, key=lambda item: item[:2])
            if best is not None and best[0] > 0:
                return best[2]
    finally:
        # The lower-cased copy served this text's currencies; kept, it would outlive the
        # analysis (6 MB for a 6 MB text, while the export runs).
        _lowered.cache_clear()
    if "$" in text:
        return next((c for c in currencies if c.code == "USD"), None)
    return None


def _rank(replacement: str, symbol: str) -> int:
    if symbol in replacement:
        return 0
    if NEUTRAL in replacement or not any(sign in replacement for sign in SYMBOLS):
        return 1
    return 2


def prefer_currency(findings: Sequence[Finding], currency: Currency | None) -> list[Finding]:
    """``findings`` with pay replacements in ``currency`` first (stable otherwise)."""
    if currency is None:
        return list(findings)
    out = []
    for finding in findings:
        options = finding.replacements
        if options and any(s in r or NEUTRAL in r for r in options for s in SYMBOLS):
            filled = [r.replace(NEUTRAL, currency.symbol) for r in options]
            ordered = sorted(filled, key=lambda r: _rank(r, currency.symbol))
            finding = replace(finding, replacements=tuple(dict.fromkeys(ordered)))
        out.append(finding)
    return out
