"""Duty-list phrasing turned into the verb itself: "will be responsible for managing" ->
"will manage", "is responsible for planning and running" -> "plans and runs".

The form of "be" decides the form of the verb (tense and person are kept): "be" after a modal
-> base form, "is" -> -s, "are"/"am" -> base, "was"/"were" -> past, "been" -> past participle.
Only -ing objects are rewritten; "responsible for the budget" needs the writer's verb.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from .fit import Edit
from .lexicon import classes, inflect_verb, verb_form
from .reader import spec

_RESPONSIBLE = re.compile(
    r"\b(?P<be>is|are|am|was|were|be|been)\s+(?:(?:also|directly|primarily|mainly|fully)\s+)?"
    r"(?:responsible|accountable)\s+for\s+"
    r"(?P<verbs>[A-Za-z]+ing(?:(?:\s*,\s*|\s+(?:and|or)\s+|\s*,\s*(?:and|or)\s+)[A-Za-z]+ing)*)\b",
    re.IGNORECASE,
)
# A noun joined to the -ing words ("responsible for testing and QA of the system"): the -ing
# word is a noun there too, and "will test and QA of" is broken.
# "accountable for planning, development, optimization": a comma joins nouns to it as well.
_JOINED_NOUN = re.compile(
    r"(?:\s*,?\s+(?:and|or|&)|\s*,)\s+(?![A-Za-z]+ing\b)(?P<word>[A-Za-z]+)", re.IGNORECASE
)
# A noun-only item with "of" later in the list ("delivering reports, preparation of the accounts
# and maintenance of ..."): the list is of duties as nouns, which the new verb would govern.
# "managing a portfolio of clients and involvement in other activities": a noun-only item taking
# "in"/"with"/... is such a duty too.
_NOUN_ITEM = re.compile(
    r"(?:,|\band\b|\bor\b)\s+(?P<word>[A-Za-z]+)\s+(?:(?:and|or)\s+[A-Za-z]+\s+)?"
    r"(?:of|in|with|on|for|across|within)\b",
    re.IGNORECASE,
)
# A later list item after a semicolon that is another -ing verb ("providing instruction;
# maintaining a safe environment; and serving as"): the parallel spans the whole sentence.
_SEMICOLON_GERUND = re.compile(r";\s*(?:and\s+|or\s+)?[A-Za-z]+ing\b", re.IGNORECASE)
# A list after the verb's object ("gathering requirements, design, creation and support"): the
# items may be nouns joined to the -ing word, which a finite verb cannot take.
_OBJECT_LIST = re.compile(r"\s+[A-Za-z-]+\s*,\s*[A-Za-z-]+\s*(?:,|\band\b|\bor\b)")
_BE_TAG = {"is": "VBZ", "are": "VBP", "am": "VBP", "was": "VBD", "were": "VBD", "be": "VB"}
_BE_TAG["been"] = "VBN"
_GERUND = re.compile(r"[A-Za-z]+ing")
# Another -ing verb coordinated later in the clause ("responsible for assisting with and
# overseeing", "for planning test suites, building the architecture"): turning only the first
# into a finite verb breaks the parallel, so the sentence is left for the writer.
_LATER_GERUND = re.compile(
    r"(?:,|\band\b|\bor\b|\bas well as\b)\s+(?:[A-Za-z-]+\s+)?[A-Za-z]+ing\b", re.IGNORECASE
)


def duty_edits(text: str, begin: int, end: int, you: Sequence[Edit] = ()) -> list[Edit]:
    """``you``: the sentence's "you" rewrite, whose re-agreed "is"/"was" make the verb agree
    with "you" ("the candidate is responsible for planning" -> "you plan")."""
    edits = []
    agreed = {edit.start for edit in you}
    for match in _RESPONSIBLE.finditer(text, begin, end):
        tag = _BE_TAG[match.group("be").lower()]
        if text[max(0, match.start() - 3) : match.start()] == " I ":
            continue  # "The Instructor I is responsible for": a grade, read as the pronoun
        if match.start() in agreed and tag == "VBZ":
            tag = "VBP"
        verbs = match.group("verbs")
        pieces: list[str] = []
        position = 0
        for gerund in _GERUND.finditer(verbs):
            form = verb_form(gerund.group())
            if form is None or form[1] != "VBG":
                pieces = []
                break
            pieces.append(verbs[position : gerund.start()])
            pieces.append(inflect_verb(form[0], "VBP" if tag == "VB" else tag, gerund.group()))
            position = gerund.end()
        if not pieces:
            continue
        clause_end = min((i for i in (text.find(";", match.end(), end),) if i >= 0), default=end)
        if _LATER_GERUND.search(text, match.end(), clause_end):
            continue
        after = "".join(pieces) + verbs[position:]
        if match.group("be")[:1].isupper():
            after = after[:1].upper() + after[1:]
        joined = _JOINED_NOUN.match(text, match.end(), end)
        reason = ""
        if match.start() not in agreed and (job := _job_before(text, begin, match.start())):
            reason = (
                f"the subject “{job}” is the job, not a person, so it cannot “{after.split()[0]}”"
            )
        elif joined and verb_form(joined.group("word")) is None:
            reason = f"“{joined.group('word')}” is joined to the -ing words as a noun"
        elif _SEMICOLON_GERUND.search(text, match.end(), end):
            reason = "another -ing duty follows after a semicolon, which the verb would not govern"
        elif _OBJECT_LIST.match(text, match.end(), end):
            reason = "the list after it may join nouns to the -ing word"
        elif noun := _noun_item(text, match.end(), clause_end):
            reason = f"the list after it joins the noun “{noun}” to the -ing word"
        edits.append(Edit(match.start(), match.end(), after, reason))
    return edits


def _job_before(text: str, begin: int, start: int) -> str:
    """The job noun right before the duty's "be" ("The role is responsible for selling"), or ""."""
    words = re.findall(r"[A-Za-z]+", text[max(begin, start - 30) : start])
    if words and words[-1].lower() in spec()["role_nouns"]:
        return words[-1]
    return ""


def _noun_item(text: str, start: int, end: int) -> str:
    """The first list item after ``start`` that can only be a noun and takes "of", or ""."""
    for item in _NOUN_ITEM.finditer(text, start, end):
        word = item.group("word")
        word_classes = classes(word)
        if "NOUN" in word_classes and not word_classes & {"VERB", "ADJ"}:
            return word
    return ""
