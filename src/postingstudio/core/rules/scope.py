"""Where a rule may fire: its scope (a heading line, or running text) and the part of speech
its words must have there ("lead" after "to" is a verb; after "a" or "our" it is a noun).

The part of speech is read from the word before the match: closed-class words only
(``resources/rewrite/en/words.toml``), so ``check`` needs no tagger and no lexicon.
"""

from __future__ import annotations

from ..rewrite.lexicon import in_class

_LINE_MARKS = " \t•*-–—#>·"
# A noun is never right after these; a verb never right after a determiner or preposition.
_VERB_CONTEXT = ("modals", "subject_pronouns")


def is_heading_line(text: str, start: int, end: int) -> bool:
    """The match is a line on its own (a heading), apart from bullets, or the label that opens
    a line before a colon ("Key responsibilities: ...")."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line_end = len(text) if line_end < 0 else line_end
    before = text[line_start:start].strip(_LINE_MARKS)
    after = text[end:line_end].strip(" \t")
    return not before and (not after or after.startswith((":", "–", "—")))


def in_scope(scope: str, text: str, start: int, end: int) -> bool:
    """Whether a match at [start, end) is in ``scope``: any, heading or body lines."""
    if scope == "any":
        return True
    heading = is_heading_line(text, start, end)
    return heading if scope == "heading" else not heading


def _previous_word(text: str, start: int) -> str:
    head = text[max(0, start - 40) : start].rstrip()
    word = ""
    for char in reversed(head):
        if char.isalpha() or char in "'’":
            word = char + word
        else:
            break
    return word.lower()


def has_part_of_speech(pos: str, text: str, start: int) -> bool:
    """Whether the word at ``start`` may be the part of speech
    ``pos``, judged by the word before."""
    if pos == "any":
        return True
    previous = _previous_word(text, start)
    if not previous:
        return True  # line start: a verb (imperative) or a noun (heading); both possible
    after_determiner = in_class(previous, "determiners")
    if pos == "verb":
        return not after_determiner and not in_class(previous, "prepositions") or previous == "to"
    return previous != "to" and not any(in_class(previous, name) for name in _VERB_CONTEXT)
