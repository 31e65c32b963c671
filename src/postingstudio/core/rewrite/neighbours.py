"""Checks of a replacement against the words around it, which the rule cannot see.

A rule's replacement is right for its own words; its neighbours can still make it wrong:
"the majority of their day" -> "most their day" loses the "of" a determiner needs, "the County's
approximately 2.5 million" -> "the County's about" puts a preposition after a possessive,
"challenges that arise in order to reduce risk" -> "arise to reduce risk" lets the purpose attach
to the verb before it, "The role will put the candidate" -> "You'll put the candidate" makes the
reader act on another person. ``keep_of`` repairs the first kind; the others return the reason
the replacement is left to the writer ("" when it fits).
"""

from __future__ import annotations

import re

from .lexicon import classes, in_class
from .tokens import Token, starts_sentence, tokenize

_YOU_SUBJECT = ("you", "you'll", "you're", "you've", "you'd")
_OPENING_PUNCTUATION = (",", ";", ":", "(", "—", "–")


def _words(text: str) -> list[Token]:
    return [t for t in tokenize(text) if t.is_word]


def _determiner_like(token: Token) -> bool:
    """A determiner, a possessive pronoun or a genitive ("the", "their", "the County's")."""
    lower = token.lower
    return in_class(lower, "determiners") or (lower.endswith("'s") and len(lower) > 2)


def keep_of(text: str, end: int, matched: str, replacement: str) -> str:
    """A replacement that drops the matched words' final "of" keeps it before a determiner:
    "the majority of the market" -> "most of the market", not "most the market"."""
    old = _words(matched)
    new = _words(replacement)
    if not old or not new or old[-1].lower != "of" or new[-1].lower == "of":
        return replacement
    if "VERB" in classes(new[-1].text):
        return replacement  # "provide oversight of the process" -> "oversee the process"
    following = _words(text[end : end + 30])[:1]
    if following and _determiner_like(following[0]):
        return replacement + " of"
    return replacement


def preposition_after_determiner(text: str, start: int, replacement: str) -> str:
    """Why not, when a preposition would follow a determiner or possessive: "the County's
    approximately 2.5 million" cannot become "the County's about 2.5 million"."""
    new = _words(replacement)
    before = _words(text[max(0, start - 40) : start])
    if not new or not before or not in_class(new[0].lower, "prepositions"):
        return ""
    if _determiner_like(before[-1]):
        return f"“{new[0].text}” cannot follow “{before[-1].text}”"
    return ""


def purpose_clause(text: str, start: int, matched: str, replacement: str) -> str:
    """Why not, when dropping words before "to" leaves a purpose clause after a verb or an
    adjective: "needs in order to design" -> "needs to design" reads as the verb "needs to",
    "astute in order to raise" -> "astute to raise" as the adjective's complement."""
    old = [t.lower for t in _words(matched)]
    new = [t.lower for t in _words(replacement)]
    if new != ["to"] or len(old) < 2 or old[-1] != "to":
        return ""
    if stacked := _infinitive_before(text, start):
        # "build tools to test them, in order to help": "in order" keeps two purposes apart
        return f"“to {stacked}” before it: without “{matched}” two infinitives stack"
    if starts_sentence(text, start) or text[:start].rstrip()[-1:] in _OPENING_PUNCTUATION:
        return ""
    before = _words(text[max(0, start - 40) : start])
    if not before or in_class(before[-1].lower, "clause_openers"):
        return ""
    word = before[-1]
    word_classes = classes(word.text)
    # After a noun ("skills to handle") or an adverb, "to" still reads as a purpose; after a verb
    # or adjective ("arise to", "astute to") or a verb that takes "to" ("needs to") it does not.
    if in_class(word.lower, "catenative_verbs") or (
        "NOUN" not in word_classes and word_classes & {"VERB", "ADJ"}
    ):
        return f"without “{matched}” the purpose could attach to “{word.text}”"
    return ""


def _infinitive_before(text: str, start: int) -> str:
    """The verb of an infinitive ("to test") earlier in the sentence before ``start``, or ""."""
    head = re.split(r"[.;!?\n]", text[max(0, start - 300) : start])[-1]
    words = _words(head)
    for word, verb in zip(words, words[1:], strict=False):
        if word.lower == "to" and "VERB" in classes(verb.text) and verb.lower.isalpha():
            return verb.text
    return ""


def you_after_subject(text: str, start: int, replacement: str) -> str:
    """Why not, after a subject pronoun: "You will have responsibility for" cannot become "You
    you'll own": the sentence already has its subject."""
    new = _words(replacement)
    before = _words(text[max(0, start - 20) : start])
    if new and before and new[0].lower in _YOU_SUBJECT:
        if in_class(before[-1].lower, "subject_pronouns"):
            return f"“{before[-1].text}” is already the subject before “{new[0].text}”"
    return ""


def bare_modal_opening(text: str, start: int, replacement: str) -> str:
    """Why not, when a modal would open the sentence or a list item with no subject: "Have the
    ability to own the work" -> "Can own the work" is a fragment, and so is "; can work"."""
    new = _words(replacement)
    if not new or not in_class(new[0].lower, "modals"):
        return ""
    if starts_sentence(text, start) or text[:start].rstrip()[-1:] in (";", ":"):
        return f"“{new[0].text}” would open the sentence without a subject"
    return ""


def repeated_verb(text: str, start: int, replacement: str) -> str:
    """Why not, when the replacement's first word is already the word before it, past an
    adverb: "HFSS is also desirable but not essential" -> "is also is a bonus"."""
    new = _words(replacement)
    before = _words(text[max(0, start - 40) : start])
    if before and in_class(before[-1].lower, "adverbs_between"):
        before = before[:-1]
    if new and before and new[0].lower == before[-1].lower and len(new) > 1:
        return f"“{new[0].text}” would come twice"
    return ""


def coordinated_object(text: str, end: int, matched: str, replacement: str) -> str:
    """Why not, when the matched words end in a preposition that a coordinated noun shares:
    "provides support to and/or oversight for" -> "supports and/or oversight for"."""
    old = _words(matched)
    new = _words(replacement)
    if not old or not new or not in_class(old[-1].lower, "prepositions"):
        return ""
    if new[-1].lower == old[-1].lower:
        return ""  # "in conjunction with" -> "with": the preposition is still there
    following = text[end : end + 12].lstrip().lower()
    if following.startswith(("and/or", "and ", "or ", "/", ",")):
        return f"“{old[-1].text}” is shared with the words joined after it"
    return ""


def that_clause_parallel(text: str, end: int, matched: str, replacement: str) -> str:
    """Why not, when the "that" of a lead-in governs a second clause: "It is important that
    you approach … and you know how" -> "You must approach … and you know how" leaves the second
    clause outside the requirement."""
    old = [t.lower for t in _words(matched)]
    new = [t.lower for t in _words(replacement)]
    if "that" not in old or "that" in new:
        return ""
    rest = _words(text[end : _clause_end(text, end)])
    for at, (joiner, subject) in enumerate(zip(rest, rest[1:], strict=False)):
        if joiner.lower not in ("and", "or", "but"):
            continue
        if in_class(subject.lower, "subject_pronouns") or subject.lower == "that":
            return f"“that” also governs “{joiner.text} {subject.text} …”"
        if complement := _frame_complement(rest[at + 1 : at + 4]):
            return f"the lead-in also frames “{joiner.text} … {complement}”"
    return ""


def _frame_complement(words: list[Token]) -> str:
    """The verbless complement the lead-in's "It is" also takes, as in "It is essential that you
    … and an absolute advantage if …": a determiner at most, one word more, then a word of
    "frame_complements"."""
    if words and in_class(words[0].lower, "determiners"):
        words = words[1:]
    for word in words[:2]:
        if in_class(word.lower, "frame_complements"):
            return word.text
    return ""


def shall_after_you(text: str, end: int, replacement: str) -> str:
    """Why not, when "shall" follows the new "you": "The applicant shall hold" -> "You shall
    hold" turns a requirement into a command."""
    new = [t.lower for t in _words(replacement)]
    following = _words(text[end : end + 20])[:1]
    if new[-1:] == ["you"] and following and following[0].lower == "shall":
        return "“you shall” reads as a command; “you will” or “you have” may fit better"
    return ""


def modal_dropped(matched: str, replacement: str) -> str:
    """Why not, when the matched words' modal is lost: "The employee must lift" -> "You'll lift"
    turns a requirement into a forecast ("will" and "shall" may become "'ll")."""
    old = [t.lower for t in _words(matched) if in_class(t.lower, "modals")]
    new = {t.lower.replace("'ll", "will") for t in tokenize(replacement)}
    new |= {"will" for t in _words(replacement) if t.lower.endswith("'ll")}
    for modal in old:
        if modal in ("will", "shall", "'ll") or modal in new:
            continue
        if modal == "must" and any(in_class(word, "requirement_words") for word in new):
            continue  # "candidates must possess" -> "you'll need": still a requirement
        return f"“{modal}” would be lost"
    return ""


def another_person(text: str, start: int, end: int, replacement: str) -> str:
    """Why not, when the reader would become the subject of a clause that names another person
    or follows a preposition: "The role will put the candidate on" -> "You'll put the candidate
    on"; "selected for this position will use" -> "selected for in this role you'll use"."""
    new = [t.lower for t in _words(replacement)]
    if not any(word in _YOU_SUBJECT for word in new):
        return ""
    if new[0] not in _YOU_SUBJECT:
        before = _words(text[max(0, start - 40) : start])
        if before and in_class(before[-1].lower, "prepositions"):
            return f"“{replacement}” cannot follow “{before[-1].text}”"
    matched = [t.lower for t in _words(text[start:end])]
    if any(in_class(word, "person_nouns") for word in matched):
        return ""  # the matched words name the reader ("the candidate will")
    for word in _words(text[end : _clause_end(text, end)])[:8]:
        if in_class(word.lower, "person_nouns"):
            return f"“{word.text}” after it is another person, so the subject is not the reader"
    return ""


def _clause_end(text: str, end: int) -> int:
    stops = [i for i in (text.find(c, end) for c in ".;!?\n") if i >= 0]
    return min(stops, default=len(text))
