"""Phrase-level fitting of a rule's replacement: the words it must keep, the order it must fix,
and the contexts where it reads wrongly (resources/rewrite/en/phrases.toml).

"provide assistance with speaker selection" -> "help with speaker selection" keeps the "with"
the verb takes; "You also are able to" -> "You can also" puts the adverb after the modal. The
others return the reason a replacement is left to the writer: a noun joined to the nominalised
one ("providing assistance and/or guidance"), a parallel "and of" the replaced "of" heads ("the
preparation of manuscripts ... and of abstracts"), a job as the subject of what the employer does
("The role will accept applications"), and the phrases of phrases.toml's [[refuse]] tables.
"""

from __future__ import annotations

import re
import tomllib
from functools import cache
from typing import Any

from ...paths import resources_dir
from .lexicon import classes, in_class, is_adverb, lemmas, verb_form
from .tokens import Token, tokenize

_YOU = ("you", "you'll", "you're", "you've", "you'd")


@cache
def spec() -> dict[str, Any]:
    """The tables of phrases.toml, read once."""
    with (resources_dir() / "rewrite" / "en" / "phrases.toml").open("rb") as handle:
        return tomllib.load(handle)


@cache
def _person_words() -> dict[str, Any]:
    """person.toml's word lists (role nouns, person nouns), read here too so that this module,
    which fit.py imports, does not import the reader module that imports fit.py."""
    with (resources_dir() / "rewrite" / "en" / "person.toml").open("rb") as handle:
        return tomllib.load(handle)


def _words(text: str) -> list[Token]:
    return [t for t in tokenize(text) if t.is_word]


def _lemma(word: str) -> str:
    found = lemmas(word).get("VERB", ())
    return found[0] if found else word.lower()


def phrase_fit(text: str, start: int, end: int, matched: str, after: str) -> tuple[int, str, str]:
    """The replacement's start, text and refusal reason ("" when it fits) after the phrase
    checks; ``after`` is the replacement already fitted for number and verb form."""
    after = _keep_with(matched, after)
    start, after = _modal_before_adverb(text, start, matched, after)
    reason = (
        _refusal(text, start, end, matched, after)
        or _role_as_employer(text, end, matched, after)
        or _noun_joined(text, end, matched, after)
        or _parallel_preposition(text, end, matched, after)
    )
    return start, after, reason


def _keep_with(matched: str, after: str) -> str:
    """A verb that takes "with" keeps it: "provide assistance with X" -> "help with X"."""
    old, new = _words(matched), _words(after)
    if not old or not new or old[-1].lower != "with" or new[-1].lower == "with":
        return after
    if _lemma(new[-1].text) in spec()["with_verbs"]:
        return after + " with"
    return after


def _modal_before_adverb(text: str, start: int, matched: str, after: str) -> tuple[int, str]:
    """The adverb follows the modal that replaces "are able to": "You also are able to" -> "You
    can also", not "You also can"."""
    new = _words(after)
    if len(new) != 1 or not in_class(new[0].lower, "modals"):
        return start, after
    before = list(re.finditer(r"[\w’']+", text[max(0, start - 30) : start]))
    if len(before) < 2 or not text[max(0, start - 30) : start].endswith(before[-1].group() + " "):
        return start, after
    adverb, subject = before[-1].group(), before[-2].group()
    if not in_class(adverb.lower(), "adverbs_between") or adverb.lower() == "not":
        return start, after
    if not in_class(subject.lower(), "subject_pronouns") and "NOUN" not in classes(subject):
        return start, after  # "The team also is able to" -> "The team can also", too
    return start - len(adverb) - 1, f"{after} {adverb}"


def _subject_before(text: str, start: int) -> str:
    """The word before ``start`` past modals, adverbs and "to": the subject of the term's verb."""
    for word in reversed(_words(text[max(0, start - 60) : start])):
        lower = word.lower
        if in_class(lower, "modals") or is_adverb(word.text) or lower in ("to", "not"):
            continue
        return lower
    return ""


def _refusal(text: str, start: int, end: int, matched: str, after: str) -> str:
    term = " ".join(w.lower for w in _words(matched))
    first = _lemma(_words(after)[0].text) if _words(after) else ""
    sentence = _sentence(text, start, end).lower()
    for entry in spec()["refuse"]:
        if term not in entry["terms"]:
            continue
        if "replacements" in entry and first not in entry["replacements"]:
            continue
        if "cues" in entry and not any(
            re.search(rf"\b{re.escape(c)}", sentence) for c in entry["cues"]
        ):
            continue
        if entry.get("after_noun") and not _noun_before(text, start):
            continue
        if "unless_before" in entry:
            subject = _subject_before(text, start)
            if subject in entry["unless_before"] or _person(subject):
                continue
        return str(entry["reason"])
    return ""


def _noun_before(text: str, start: int) -> bool:
    """Whether the word before ``start`` is a noun, not a verb the phrase could attach to
    ("assistant in conjunction with" is; "We work in conjunction with" is not)."""
    begin = max(text.rfind(c, 0, start) for c in ".;!?\n") + 1
    before = _words(text[max(begin, start - 60) : start])
    if not before or "NOUN" not in classes(before[-1].text):
        return False
    if "VERB" in classes(before[-1].text):
        if len(before) == 1:
            return False  # "Works in conjunction with the team": the sentence's verb
        ahead = before[-2]
        if in_class(ahead.lower, "subject_pronouns") or in_class(ahead.lower, "modals"):
            return False
        if ahead.lower == "to" or is_adverb(ahead.text):
            return False
    return True


def _person(word: str) -> bool:
    words = _person_words()
    singular = word[:-1] if word.endswith("s") else word
    return any(singular in words[name] for name in ("heads", "other_persons", "weak_heads"))


def _sentence(text: str, start: int, end: int) -> str:
    stops = [text.rfind(c, 0, start) for c in ".;!?\n"]
    begin = max(stops) + 1
    ends = [i for i in (text.find(c, end) for c in ".;!?\n") if i >= 0]
    return text[begin : min(ends, default=len(text))]


def _role_as_employer(text: str, end: int, matched: str, after: str) -> str:
    """Why not, when the job is the subject of what the employer does: "The role will accept
    applications" -> "You'll accept applications" makes the reader accept them."""
    if not any(w.lower in _YOU for w in _words(after)):
        return ""
    if not any(w.lower in _person_words()["role_nouns"] for w in _words(matched)):
        return ""
    following = [w for w in _words(text[end : end + 60]) if not is_adverb(w.text)]
    if not following:
        return ""
    verb = _lemma(following[0].text)
    if verb == "be" and len(following) > 1:
        state = following[1].lower
        if state in spec()["employer_states"] or _lemma(state) in spec()["employer_verbs"]:
            return f"the job “is {state}”, not the reader"
    if verb in spec()["employer_verbs"]:
        return f"the employer, not the reader, does “{following[0].text}” to the job"
    return ""


def _noun_joined(text: str, end: int, matched: str, after: str) -> str:
    """Why not, when a noun is joined to the nominalisation: "providing assistance and/or
    guidance to colleagues" cannot become "helping and/or guidance to colleagues"."""
    old, new = _words(matched), _words(after)
    if not old or not new or "NOUN" not in classes(old[-1].text):
        return ""
    if "VERB" not in classes(new[-1].text) or old[-1].lower == new[-1].lower:
        return ""
    joined = re.match(
        r"\s*(?:,\s*(?:and/or|and|or)?|and/or|and|or|&|/)\s*([A-Za-z][\w-]*)", text[end : end + 40]
    )
    if joined is None:
        return ""
    word = joined.group(1)
    form = verb_form(word)
    gerund = form is not None and form[1] == "VBG" and not new[-1].lower.endswith("ing")
    if gerund or ("NOUN" in classes(word) and not (form and form[1] in ("VBG", "VBZ", "VBD"))):
        # "conduct analysis and reporting" -> "analyse and reporting": the gerund is a noun
        return f"“{word}” is joined to “{old[-1].text}” and would lose its verb"
    if in_class(word.lower(), "determiners"):
        return f"the noun after “{joined.group(0).strip()}” would lose its verb"
    return ""


def _parallel_preposition(text: str, end: int, matched: str, after: str) -> str:
    """Why not, when the replaced words end in a preposition that a later "and of" repeats: "the
    preparation of manuscripts ... and of abstracts" -> "preparing manuscripts ... and of"."""
    old, new = _words(matched), _words(after)
    if not old or not in_class(old[-1].lower, "prepositions") or new[-1:] == old[-1:]:
        return ""
    stops = [i for i in (text.find(c, end) for c in ".;!?\n") if i >= 0]
    rest = text[end : min(stops, default=len(text))]
    if re.search(rf"\b(?:and|or)\s+{re.escape(old[-1].lower)}\b", rest, re.IGNORECASE):
        return f"a later “and {old[-1].lower}” needs the “{old[-1].lower}” the change removes"
    return ""
