"""Sentence boundaries in postings as they really arrive: pasted, flattened and garbled.

A line never joins the next (bullets and headings stand alone). Inside a line a sentence ends
at ``.!?`` followed by a space and a likely sentence start, and also where real postings lose
the space ("perfect for you.Job Description"), where mojibake stands in for the space or the
bullet ("you.¬†Job", "Excel‚Ä¢ Word"), at a bullet glued into the line, and before the next
item of an inline numbered or lettered list. Abbreviations ("e.g.", "Mr.", "U.S.", "p. 55")
and decimals do not end a sentence. Checked against the English Golden Rules of
pragmatic_segmenter (tests/data/golden_rules_en.json). Where items lost their line break
("schematicsAbility to read"), a long lower-case run glued to a capital is a break too, and so
are plain-text list markers inside a line (" * ", " -Item", two spaces before a capital).
"""

from __future__ import annotations

import re
from array import array

# Mojibake that stands for a no-break space or a bullet (UTF-8 read as Mac Roman or cp1252),
# and the bullet characters themselves. Each is a gap between sentences, never part of one.
_GARBLED_GAPS = ("¬†", "¬∑", "‚Ä¢", "ÔÇ∑", "ÔÄ≠", "„ÄÄ", "â€¢", "Â\xa0")
_BULLETS = "•⁃▪●◦‣\uf0b7"
_GAP_FIRST = frozenset(gap[0] for gap in _GARBLED_GAPS)  # a cheap test before each startswith
_GAP_LAST = frozenset(gap[-1] for gap in _GARBLED_GAPS)
_GAP = re.compile(
    r"(?:\s|" + "|".join(map(re.escape, _GARBLED_GAPS)) + r"|[" + _BULLETS + r"]|·(?=\s))*+"
)
# Where a glued bullet starts a new sentence (a mojibake bullet, or a bullet character).
_BULLET_START = re.compile(
    "|".join(map(re.escape, ("‚Ä¢", "ÔÇ∑", "ÔÄ≠", "â€¢", "¬∑"))) + r"|[" + _BULLETS + r"]|·(?=\s)"
)
# A run of end punctuation, spaced ellipses included (". . . ."), then closing quotes/brackets.
_TERMINAL = re.compile(r"[.!?…](?:[ ]?[.!?…])*+[\"'”’)\]]*+")
_NUMBER_MARKER = re.compile(r"\d{1,3}(?:\.\)|\)|\.)(?=\s)")
_LETTER_MARKER = re.compile(r"[a-z](?:\.\)|\)|\.)(?=\s)")
_INLINE_NUMBER = re.compile(r"(?<=\s)\d{1,3}(?:\.\)|\)|\.)\s+(?=[A-Z])")
_INLINE_LETTER = re.compile(r"(?<=\s)[a-z](?:\.\)|\)|\.)\s+(?=[A-Z])")
_MARKER_ONLY = re.compile(r"(?:\d{1,3}|[a-z])(?:\.\)|\)|\.)")
# A line break lost between two items: a lower-case word of six letters or more glued to a
# capitalised word ("drawingsSoldering", "schematicsAbility"), or a capitalised one of nine
# letters or more ("ExperienceAccounts"). Shorter capitalised words are product names
# ("ServiceNow", "ElasticSearch", "MortgageBroker", "PowerPoint") and stay whole.
# Also a number glued to a capitalised word ("E2-175Review comments") and a lower-case word
# glued to a two-letter sentence start ("or similarityIf required"); "LinkedIn", "loggedIn"
# and "startUp" stay whole.
# (Possessive runs: what follows a run is a capital, so a shorter run can never match; and a
# lower-case run is read once for both the glued item and the glued sentence start.)
_GLUED_ITEMS = re.compile(
    r"\b(?:[a-z]{6,}+(?=[A-Z][a-z]{2}|(?:If|We|As|At|To|It|An|Be|Do|No|My|Or)\b)"
    r"|[A-Z][a-z]{8,}+(?=[A-Z][a-z]{2}))|\d(?=[A-Z][a-z]{3})"
)
# Every glued item ends where a lower-case letter or a digit meets a capital; one line in
# twenty has such a pair. This test opens with the capital, so the search skips to capitals
# in C instead of trying the pattern above (which opens with \b) at every character.
_GLUE_POINT = re.compile(r"[A-Z](?<=[a-z\d][A-Z])")
# A list flattened into one line by its own plain-text markers: " * " between items, a hyphen
# glued to the next item (" -Applies TDD"), or a run of two or more spaces before a capital
# ("up to 2 million  Audit of SME businesses  Production of VAT returns"). Issue 13 round 3
# readability findings on such lines quoted a whole list as one "very hard sentence".
# (Written as the marker's own character first, then what must stand before it: the search
# then skips to those four characters instead of trying three look-behinds at every one.)
_INLINE_BULLET = re.compile(
    r"[*\- \t](?:(?<=\s\*)(?=\s)|(?<=\s-)(?=[A-Z][a-z])|(?<=[\w,;)][ \t])[ \t]+(?=[A-Z]))"
)
_MULTI_PERIOD = re.compile(r"(?:[A-Za-z]\.)+[A-Za-z]\.?")
_NEXT_WORD = re.compile(r"[A-Za-z]+")

# Abbreviations that sit inside a sentence: titles before a name, and Latin/measure shorthand.
_NEVER_END = frozenset(
    "mr mrs ms dr prof mt st e.g i.e eg ie approx vs incl esp fig pp vol ext tel ca cf viz al "
    "sen rep gov gen capt sgt lt col rev hon".split()
)
_TITLES = frozenset("mr mrs ms dr prof".split())
# Abbreviations that do not end a sentence before a number ("Deadline: Jan. 31", "No. 5").
_BEFORE_NUMBER = frozenset(
    "jan feb mar apr jun jul aug sep sept oct nov dec no nos art sec ch ref est".split()
)
# Words that usually start a sentence; after "U.S." or "I." only these make it a sentence end
# ("I live in the U.S. How about you?" but "the U.S. Government").
_STARTERS = frozenset(
    "the a an this that these those it its i he she we they you your our my his her their "
    "there here how what why when where who which please if in on for as at to with all each "
    "do did does is are was were can could will would should may have has".split()
)


def _is_marker(text: str, start: int, end: int) -> bool:
    """True when ``text[start:end]`` is only a list marker ("1.", "• 9.", "a.", "2.)")."""
    piece = text[start:end].strip().lstrip(_BULLETS + "-*").strip()
    return bool(_MARKER_ONLY.fullmatch(piece))


def _word_before(text: str, start: int, end: int) -> str:
    """The white-space-delimited chunk ending at ``end`` (not before ``start``)."""
    begin = end
    while begin > start and not text[begin - 1].isspace():
        begin -= 1
    return text[begin:end]


def _ends_sentence(text: str, line_start: int, cursor: int, match: re.Match[str], end: int) -> int:
    """Where the sentence ends if ``match`` (end punctuation) ends it, else -1."""
    run_end = match.end()
    gap = _GAP.match(text, run_end, end)
    gap_end = gap.end() if gap else run_end
    if gap_end >= end:
        return run_end  # the end of the line ends the sentence anyway
    run = match.group()
    dots = run.count(".") + 3 * run.count("…")
    following = text[gap_end]
    before = _word_before(text, line_start, match.start())
    if gap_end == run_end:
        # No space: only "you.Job" (a word, a single stop, then a capitalised word) ends here;
        # "Jane.Doe@example.com", "U.S.A", "$100.00" and "www.example.com" do not.
        chunk_end = text.find(" ", run_end, end)
        chunk = text[match.start() - len(before) : chunk_end if chunk_end >= 0 else end]
        glued = len(run) == 1 and following.isupper() and text[run_end + 1 : run_end + 2].islower()
        if not glued or "@" in chunk or "/" in chunk or "www" in chunk.lower():
            return -1
        if sum(ch.isalpha() for ch in before) < 2 or not any(ch.islower() for ch in before):
            return -1
        return run_end
    if following.islower() or following in ",;:":
        return -1  # "Co. at noon", "'This is great.' she said"
    if dots == 3 and len(run.replace(" ", "").strip("\"'”’)]")) == 3:
        return -1  # an ellipsis inside a sentence
    if _is_marker(text, cursor, match.start() + 1):
        return -1  # "1. The first item": the marker, not an end
    if run[0] != "." or len(run.rstrip("\"'”’)]")) > 1:
        return run_end
    word = before.lstrip("(\"'“‘[").lower()
    next_word = _NEXT_WORD.match(text, gap_end)
    starter = next_word.group().lower() if next_word else ""
    if word in _NEVER_END or (word in _BEFORE_NUMBER and following.isdigit()):
        return -1
    if len(word) == 1 and word.isalpha():
        # "Jonas E. Smith" and "p. 55", but "you and I. Did you…"
        return run_end if before.isupper() and starter in _STARTERS else -1
    if _MULTI_PERIOD.fullmatch(word + "."):
        upper = before.upper() == before
        if starter in _STARTERS or (upper and starter in _TITLES):
            return run_end
        return -1
    if not word.isalnum() and len(word) <= 2 and following.isdigit():
        return -1  # "N°. 1026"
    return run_end


def _last_visible(text: str, start: int, at: int) -> str:
    """``text[start:at].rstrip()[-1:]`` without the slice: the last character before ``at``
    that is not white space, or "" when there is none since ``start``."""
    while at > start and text[at - 1].isspace():
        at -= 1
    return text[at - 1] if at > start else ""


def _cuts_in_line(text: str, start: int, end: int) -> list[int]:
    # Glued bullets and inline list items first: a list marker right after such a cut is not
    # a sentence end ("• 9. The first item").
    cuts: list[int] = []
    stripped = text[start:end].lstrip()
    # A cut needs something before it on the line: text[start:at].strip() is not empty exactly
    # when the line's first visible character comes before ``at`` (slicing the line up to every
    # cut made long flattened lines quadratic).
    visible = end - len(stripped)
    for bullet in _BULLET_START.finditer(text, start, end):
        if bullet.start() > visible:
            cuts.append(bullet.start())
    head = stripped.lstrip(_BULLETS + "-*").lstrip()
    for marker, inline in ((_NUMBER_MARKER, _INLINE_NUMBER), (_LETTER_MARKER, _INLINE_LETTER)):
        if marker.match(head):
            cuts.extend(
                found.start()
                for found in inline.finditer(text, start, end)
                if _last_visible(text, start, found.start()) not in _BULLETS
            )
    if _GLUE_POINT.search(text, start, end):
        cuts.extend(found.end() for found in _GLUED_ITEMS.finditer(text, start, end))
    cuts.extend(
        found.start()
        for found in _INLINE_BULLET.finditer(text, start, end)
        if found.start() > visible
    )
    structural = sorted(cuts)
    cursor, following = start, 0
    for match in _TERMINAL.finditer(text, start, end):
        while following < len(structural) and structural[following] <= match.start():
            cursor = max(cursor, structural[following])
            following += 1
        cut = _ends_sentence(text, start, cursor, match, end)
        if cut >= 0:
            cuts.append(cut)
            cursor = cut
    return sorted(set(cuts))


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """The span without surrounding white space and mojibake gaps (real bullets stay)."""
    while start < end:
        if text[start].isspace():
            start += 1
            continue
        if text[start] not in _GAP_FIRST:
            break
        garbled = next((g for g in _GARBLED_GAPS if text.startswith(g, start, end)), "")
        if not garbled:
            break
        start += len(garbled)
    while end > start:
        if text[end - 1].isspace():
            end -= 1
            continue
        if text[end - 1] not in _GAP_LAST:
            break
        garbled = next((g for g in _GARBLED_GAPS if text.endswith(g, start, end)), "")
        if not garbled:
            break
        end -= len(garbled)
    return start, end


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Sentences as (start, end) offsets, white space and mojibake gaps trimmed."""
    return list(zip(*sentence_columns(text), strict=True))


def sentence_columns(text: str) -> tuple[array[int], array[int]]:
    """:func:`sentence_spans` as two int columns, starts and ends (8 bytes a sentence; as a list
    of pairs, ~120)."""
    code = "i" if len(text) < 2**31 - 1 else "q"
    starts: array[int] = array(code)
    ends: array[int] = array(code)
    line_start = 0
    length = len(text)
    while line_start <= length:
        line_end = text.find("\n", line_start)
        if line_end < 0:
            line_end = length
        if line_end == line_start:  # a blank line holds no sentence (a quarter of the lines)
            line_start += 1
            continue
        edges = [line_start, *_cuts_in_line(text, line_start, line_end), line_end]
        for begin, finish in zip(edges, edges[1:], strict=False):
            begin, finish = _trim(text, begin, finish)
            if finish > begin:
                starts.append(begin)
                ends.append(finish)
        line_start = line_end + 1
    return starts, ends
