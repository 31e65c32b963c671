"""Which mentions of the reader the "you" rewrite may turn, and the words around them it takes
along: the person.toml word lists, the checks that a phrase is someone other than the reader
("a job for the right person", "every customer ... s/he"), labels ("The ideal candidate:" ->
"About you:"), a role already implied by "you" ("the candidate for this role"), "As the ideal
candidate, you", "is one who" after the subject ("You love to learn") and pronouns left over
that would mix persons.

Split from person.py, which rewrites the clause; these are the decisions about its subject.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable
from functools import cache
from typing import Any

from ...paths import resources_dir
from .fit import Edit
from .lexicon import classes, in_class, is_adverb, is_plural_noun, verb_form
from .tokens import Token, starts_sentence, tokenize


@cache
def spec() -> dict[str, Any]:
    """The word lists of person.toml (heads, adjectives, pronouns, cues), read once."""
    with (resources_dir() / "rewrite" / "en" / "person.toml").open("rb") as handle:
        return tomllib.load(handle)


def is_legal(sentence: str) -> bool:
    """Whether the sentence is legal text (equal opportunity, background checks)."""
    lower = sentence.lower()
    return any(cue in lower for cue in spec()["legal_cues"])


def hedged(sentence: str, phrase: str, rest: list[Token]) -> str:
    """Why "the ideal candidate will have" stays, when "you will have" would state a preference
    as a fact: after a concession ("not required, but the ideal candidate will have") or with
    "currently" after "will" ("You will currently be working" reads as an odd prediction)."""
    words = [t.lower for t in rest if t.is_word][:3]
    if words[:1] in (["will"], ["would"]) and set(words[1:]) & set(spec()["present_adverbs"]):
        return "a present state after “will” reads oddly in the second person"
    lower = sentence.lower()
    if set(phrase.lower().split()) & set(spec()["hedge_adjectives"]) and any(
        cue in lower for cue in spec()["hedge_cues"]
    ):
        return "a preference, not a requirement: “you will” would state it as a fact"
    return ""


# A full stop the sentence bounds missed ("skills.¬† The candidate must be ..."), so an equal
# opportunity statement glued after the requirements does not make them legal text too.
_GLUED_STOP = re.compile(r"[.!?][^\w\s]+\s*(?=[A-Z])|[.!?]\s+(?=[A-Z])")


def before_legal(sentence: str) -> int:
    """The length of the sentence's leading stretch, up to a glued full stop, with no legal cue."""
    position = 0
    for stop in _GLUED_STOP.finditer(sentence):
        if is_legal(sentence[position : stop.end()]):
            return position
        position = stop.end()
    return position


def cased(text: str, start: int, word: str) -> str:
    """``word`` with a capital where the words it replaces open a sentence, line or bullet."""
    capital = text[start : start + 1].isupper()
    after_mark = capital and text[:start].rstrip()[-1:] in (":", ";")
    # A capitalised determiner ("The candidate should ...") opens a sentence or a bullet even
    # where the text before it lost its full stop; the new first word keeps that capital.
    opens = capital and text[start : start + 4].lower() in ("the ", "this", "our ")
    return word.capitalize() if starts_sentence(text, start) or after_mark or opens else word


def word_before(text: str, start: int, begin: int) -> str:
    """The lower-cased word before ``start`` in the sentence from ``begin`` ("" at its start)."""
    words = [t for t in tokenize(text[begin:start]) if t.is_word]
    return words[-1].lower if words else ""


def verb_like(word: Token) -> bool:
    """``word`` is a third-person form of "be", "have" or "do"."""
    return word.lower in ("is", "was", "has", "does", "isn't", "wasn't", "hasn't", "doesn't")


def person_between(text: str, start: int, end: int, skip_first: bool = True) -> bool:
    """Another singular person ("each child", "the educator") between the rewritten subject
    and a possessive may be what the possessive refers to."""
    nouns = spec()["other_persons"]
    words = [t.lower for t in tokenize(text[start:end]) if t.is_word][1 if skip_first else 0 :]
    owners = ("your", "his", "her", "their", "our", "my", "its")
    return any(
        word in nouns
        and not (index and (words[index - 1] in owners or words[index - 1].endswith(("'s", "’s"))))
        for index, word in enumerate(words)
    )


# Left-over forms that can only be the reader's when no one else is named before them.
_OWN = {"their": "your", "his": "your", "himself": "yourself", "themselves": "yourself"}
_LEFT_OVER = ("their", "theirs", "themselves", "his", "her", "hers", "himself", "herself")


def not_the_reader(text: str, begin: int, start: int, phrase: str, rest: list[Token]) -> bool:
    """An object "the right person"/"the candidate" that is not the reader: a weak head ("a
    permanent job for the right person": only if suitable), after "for" (the same), in an
    instruction to the reader ("Improve the candidate ... experience": someone else), or before a
    finite verb (a subject the sentence bounds did not show)."""
    words = [t for t in tokenize(phrase) if t.is_word]
    if words and words[-1].lower in spec()["weak_heads"]:
        return True
    next_words = [t.lower for t in rest if t.is_word][:1]
    if word_before(text, start, begin) == "for" and next_words != ["to"]:
        return True  # but "an opportunity for the right candidate to join" is the reader
    first = [t for t in tokenize(text[begin:start]) if t.is_word][:1]
    first_classes = classes(first[0].text) if first else frozenset()
    if first and first[0].text[:1].isupper() and "VERB" in first_classes - {"NOUN"}:
        if verb_form(first[0].text) is None and not in_class(first[0].lower, "determiners"):
            return True
    following = [t for t in rest if t.is_word][:1]
    return bool(following) and (
        verb_like(following[0]) or (verb_form(following[0].text) or ("", ""))[1] == "VBZ"
    )


def in_general(text: str, begin: int, start: int, phrase: str, rest: list[Token]) -> str:
    """Why a mention names candidates in general or modifies a noun, not the reader ("" when it
    is the reader): "until a suitable candidate is selected" (an indefinite candidate after a
    conjunction of time or condition), "until the right candidate is found" (the object of
    selection, unless the phrase already says the reader was chosen: "the successful candidate
    will be hired"), "the candidate filing process" / "supports the candidate onboarding" (a
    modifier of an -ing noun: "you filing process" is no clause)."""
    words = [t.lower for t in tokenize(phrase) if t.is_word]
    following = [t for t in rest if t.is_word or t.text in ",;:"][:4]
    if following and following[0].is_word and re.fullmatch(r"[a-z]{3,}ing", following[0].lower):
        return f"“{phrase}” describes “{following[0].text}” after it"  # -ing verb or noun
    if words[:1] in (["a"], ["an"]) and in_class(word_before(text, start, begin), "subordinators"):
        return f"“{phrase}” after “{word_before(text, start, begin)}” means any candidate"
    if set(words) & set(spec()["chosen_adjectives"]):
        return ""
    verbs = [t.lower for t in following if t.is_word]
    passive = False  # "is selected", "has been found": a form of "be" before the participle
    while verbs and (
        in_class(verbs[0], "modals") or verbs[0] in _AUXILIARIES or is_adverb(verbs[0])
    ):
        passive = passive or verbs[0] in _AUXILIARIES[:8]
        verbs = verbs[1:]
    if passive and verbs and in_class(verbs[0], "selection_verbs"):
        if verbs[0].endswith(("ed", "en", "ound", "ht")):
            return f"“{phrase}” is the one to be {verbs[0]}, not yet the reader"
    return ""


_AUXILIARIES = ("is", "are", "be", "been", "being", "was", "were", "gets", "has", "have", "had")


def no_predicate(rest: list[Token]) -> bool:
    """A subject with no verb after it ("The ideal candidate:") or only a conditional "would" (a
    heading: "The Ideal Candidate would possess:") is a label, not a clause about the reader."""
    words = [t for t in rest if t.is_word or t.text in ":;"]
    return not words or not words[0].is_word or words[0].lower == "would"


def left_over(text: str, edits: list[Edit], end: int, refer_back: bool) -> list[Edit]:
    """A pronoun that may still name the reader after the rewrite ("You will use your passion
    ... and their expert ability", "requires you to ... use their own initiative") would mix
    persons: the rewrite then needs the writer. Edits that change nothing carry the reason."""
    first = min(e.end for e in edits)
    covered = [(e.start, e.end) for e in edits]
    mixed = refer_back and any(e.after.lower() == "your" for e in edits)
    for token in tokenize(text[first:end], first):
        if token.lower not in _LEFT_OVER or any(s <= token.start < e for s, e in covered):
            continue
        between = [t for t in tokenize(text[first : token.start]) if t.is_word]
        alone = not any(is_plural_noun(t.text) for t in between) and not person_between(
            text, first, token.start, skip_first=False
        )
        if alone and not mixed and token.lower in _OWN:
            # "The candidate should ... show his ability": the only person there is the reader
            return [Edit(token.start, token.end, cased(text, token.start, _OWN[token.lower]))]
        if (mixed and token.lower.startswith("the")) or alone:
            reason = f"“{token.text}” later in the sentence may still mean the reader"
            return [Edit(token.start, token.end, token.text, reason)]
    return []


def in_job_title(text: str, stop: int, end: int) -> bool:
    """Whether the mention begins a job title: "the Candidate and Canvass Program Specialist",
    "Candidate/Voter Services Coordinator" go on in Title Case to a role noun (person.toml)."""
    match = re.match(
        rf"\s*(?:and/or|and|or|&|/)\s*(?:[A-Z][\w&'’-]*\s+){{0,5}}"
        rf"(?:{'|'.join(spec()['title_nouns'])})\b",
        text[stop:end],
    )
    return match is not None


def role_modifier(text: str, stop: int, end: int) -> int:
    """The length of "for this role" (or "in the position", ...) after a reader phrase, which
    "you" already implies; 0 when the words after are anything else ("for the role of ...")."""
    match = re.match(
        rf"\s+(?:for|in)\s+(?:this|the|our)\s+(?:[A-Z][\w&/-]*\s+){{0,4}}"
        rf"(?:{'|'.join(spec()['role_nouns'])})\b",
        text[stop:end],
        re.IGNORECASE,
    )
    if match is None:
        return 0
    after = [t for t in tokenize(text[stop + match.end() : end]) if t.is_word][:1]
    if not after or in_class(after[0].lower, "prepositions") or after[0].text[:1].isupper():
        return 0
    return match.end()


def as_the_reader(text: str, start: int, stop: int, begin: int) -> list[Edit]:
    """The edit that drops "As the ideal candidate," before "you": "As the ideal candidate, you will
    ..." -> "You will ...": the phrase says again who "you" is. Only at the start of the sentence
    and only before ", you"."""
    match = re.match(r"\s*,\s*(you)\b", text[stop:])
    opener = [t for t in tokenize(text[begin:start], begin) if t.is_word]
    if match is None or len(opener) != 1 or opener[0].lower != "as":
        return []
    you = stop + match.start(1)
    return [Edit(opener[0].start, you + 3, cased(text, opener[0].start, "you"))]


def label(text: str, start: int, stop: int, begin: int, end: int, rest: list[Token]) -> list[Edit]:
    """The label edit: "The ideal candidate:" as a whole line, the heading of what the reader
    brings, is "About you:"; a phrase with a verb after it ("would possess:") is not a label."""
    if [t for t in tokenize(text[begin:start]) if t.is_word] or (rest and rest[0].text != ":"):
        return []
    if any(t.is_word for t in rest):
        return []
    words = [t.text for t in tokenize(text[start:stop]) if t.is_word]
    title = all(w[:1].isupper() for w in words)
    return [Edit(start, stop, "About You" if title else "About you")]


_JOINER = re.compile(r"\s*,?\s*\b(?:and|or)\s+", re.IGNORECASE)
_JOINED_BEFORE = re.compile(r"\s*,?\s*\b(?:and|or)\s+$", re.IGNORECASE)


def joined_mention(sentence: str, start: int, stop: int, reader: re.Pattern[str]) -> bool:
    """Whether the mention is joined by "and"/"or" to another mention of the reader, or begins a
    job title ("the Candidate and Canvass Program Specialist")."""
    joiner = _JOINER.match(sentence, stop)
    if (joiner and reader.match(sentence, joiner.end())) or in_job_title(
        sentence, stop, len(sentence)
    ):
        return True
    before = sentence[max(0, start - 60) : start]
    joined = _JOINED_BEFORE.search(before)
    if not joined:
        return False
    return any(m.end() == joined.start() for m in reader.finditer(before))


_ONE_WHO = (("one",), ("someone",), ("somebody",), ("a", "person"), ("an", "individual"))


def one_who(rest: list[Token], agree: Callable[[list[Token]], list[Edit]]) -> list[Edit] | None:
    """The edits for "Our ideal candidate is one who loves to learn, enjoys ..." -> "You love to
    learn, enjoy ..." (and "will be someone who thrives" -> "will thrive"): "You are one who" is
    clumsy, so "is one who" goes and the verbs after it agree. A second "who" ("..., and who
    can") cannot lose its head: then the usual "You are one who ..." is offered, unticked. None
    when the subject's words are not "is one who"."""
    words = [t for t in rest if t.is_word or t.text == ","]
    modal = int(len(words) > 1 and in_class(words[0].lower, "modals") and words[1].lower == "be")
    if len(words) < 4 + modal or (not modal and words[0].lower not in ("is", "was")):
        return None
    for phrase in _ONE_WHO:
        after = words[1 + modal : 1 + modal + len(phrase)]
        if tuple(w.lower for w in after) == phrase and len(words) > len(phrase) + 2 + modal:
            break
    else:
        return None
    at = 1 + modal + len(phrase)
    who = words[at]
    if who.lower not in ("who", "that"):
        return None
    later = [w for i, w in enumerate(words) if i > at and w.lower == who.lower]
    later = [w for w in later if words[words.index(w) - 1].lower in ("and", "or", ",")]
    if later or words[0].lower == "was":
        if modal:
            return None
        edits = agree(rest)
        reason = f"“{later[0].text if later else 'was'}” after “one who” leaves the sentence clumsy"
        return [Edit(e.start, e.end, e.after, reason) for e in edits] or None
    following = [t for t in rest if t.start > who.start]
    if following and in_class(following[0].lower, "modals") and not modal:
        return [Edit(words[0].start, following[0].start, "")]  # "is someone who can" -> "can"
    verbs = agree(following)
    if not verbs or verbs[0].start != following[0].start:
        return None  # no verb to agree: keep "You are one who ..."
    if modal:  # after "will" the verbs take their base form: "is" -> "be", not "are"
        verbs = [Edit(e.start, e.end, "be" if e.after == "are" else e.after) for e in verbs]
        return [Edit(words[1].start, following[0].start, ""), *verbs]
    return [Edit(words[0].start, following[0].start, ""), *verbs]
