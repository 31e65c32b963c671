"""Whether a replacement can stand where the words it replaces stood: the checks of a fitted
replacement's neighbours that the raters' labels showed a word swap gets wrong.

Each check returns the reason the replacement needs the writer (or "" when it may be applied):
an adverb put where it attaches to the wrong word ("other teachers regularly score", "are daily
working", "on time on the performance"); an infinitive "to" swallowed by a verb ("provide
guidance to address" -> "guide address"); a modal joined by "or"/"and" to another verb ("Current,
or can obtain"); "many" before a mass noun joined to a count noun ("many backgrounds and
experience"); and a replacement that repeats a word the sentence already has ("Support ... &
support").
"""

from __future__ import annotations

import re

from .lexicon import classes, in_class, is_base_verb, lemmas
from .tokens import Token, tokenize

# Forms of "be", "have" and "do" that take a verb after them: an adverb between them and their
# verb reads wrong when it was a phrase at the end ("are on a daily basis working").
_AUXILIARIES = frozenset(
    "am is are was were be been being has have had do does did".split()  # noqa: SIM905
)
_COORDINATORS = frozenset({"and", "or", "but", "nor"})
# Words whose repetition is not a change worth flagging: function words and very short words.
_MIN_REPEAT = 4


def _words(tokens: list[Token]) -> list[Token]:
    return [t for t in tokens if t.is_word]


def adverbial_position(text: str, start: int, end: int, matched: str, replacement: str) -> str:
    """A phrase that opens with a preposition and is a whole adverbial ("on a regular basis",
    "in a timely manner") may become one adverb only where the adverb attaches to nothing
    else: before punctuation, the end, a conjunction or another preposition, and not between
    an auxiliary and its verb."""
    old = _words(tokenize(matched))
    new = _words(tokenize(replacement))
    if len(old) < 3 or not new or not in_class(old[0].lower, "prepositions"):
        return ""
    if in_class(old[-1].lower, "prepositions") or in_class(new[0].lower, "modals"):
        return ""  # "with regard to", "in order to": a preposition, not an adverbial
    before = _words(tokenize(text[max(0, start - 30) : start]))
    if before and before[-1].lower in _AUXILIARIES:
        return f"“{replacement}” would stand between “{before[-1].text}” and its verb"
    after = tokenize(text[end : end + 30])
    if not after or not after[0].is_word:
        return ""
    following = after[0]
    if following.lower in {w.lower for w in new}:
        return f"“{replacement} {following.text}” repeats “{following.text}”"
    if following.lower in _COORDINATORS or in_class(following.lower, "prepositions"):
        return ""
    return f"“{replacement}” would attach to “{following.text}” after it"


def infinitive_to(text: str, end: int, matched: str, replacement: str) -> str:
    """Why not, when the "to" starts a verb: "provide guidance to address ..." is "provide guidance"
    + "to address": the "to" of the matched words belongs to the verb after them, so "guide" cannot
    replace it."""
    old = _words(tokenize(matched))
    new = _words(tokenize(replacement))
    if not old or old[-1].lower != "to" or not new:
        return ""
    if new[-1].lower == "to" or any(in_class(w.lower, "modals") for w in new):
        return ""  # "have the ability to" -> "can" (or "can also"): the verb after is its own
    following = _words(tokenize(text[end : end + 30]))
    if not following or in_class(following[0].lower, "determiners"):
        return ""
    word = following[0]
    if "VERB" in classes(word.text) and is_base_verb(word.text):
        return f"“to {word.text}” is a verb of its own, not part of the phrase"
    return ""


def modal_after_coordinator(text: str, start: int, replacement: str) -> str:
    """Why not, after "or"/"and": "Current, or have the ability to obtain" cannot become "or can
    obtain": a modal joined by "or"/"and" must match the verb it is joined to, which a swap cannot
    see."""
    new = _words(tokenize(replacement))
    if not new or not in_class(new[0].lower, "modals"):
        return ""
    before = _words(tokenize(text[max(0, start - 20) : start]))
    if before and before[-1].lower in _COORDINATORS:
        return f"“{new[0].text}” after “{before[-1].text}” breaks the parallel with the verb before"
    # "must have experience …, have the ability to interpret": a list item under an earlier modal
    # cannot take a modal of its own ("must … can interpret").
    head = text[max(0, start - 300) : start]
    head = re.split(r"[.;!?\n]", head)[-1]
    earlier = [t for t in _words(tokenize(head)) if in_class(t.lower, "modals")]
    if earlier and head.rstrip().endswith(","):
        return f"“{new[0].text}” in a list under “{earlier[-1].text}” breaks its parallel"
    return ""


def mass_noun_joined(text: str, end: int, replacement: str) -> str:
    """Why not, before joined mass nouns: "a broad range of backgrounds and experience" cannot
    become "many backgrounds and experience": a quantifier of count nouns reaches every noun joined
    after it."""
    lower = replacement.strip().lower()
    if not in_class(lower, "plural_quantifiers") and lower not in ("a number of",):
        return ""
    words = _words(tokenize(text[end : end + 80]))[:8]
    for index, word in enumerate(words[:-1]):
        if word.lower in _COORDINATORS and in_class(words[index + 1].lower, "uncountable"):
            return (
                f"“{words[index + 1].text}” is uncountable and joined to the nouns after “{lower}”"
            )
    return ""


def repeats(sentence: str, matched: str, replacement: str) -> str:
    """A replacement whose word the sentence already has elsewhere ("Support environments &
    provide support to teams" -> "Support ... & support teams") reads as a stutter."""
    # A preposition the matched words had is kept, not added: "in compliance with" -> "comply with"
    kept = {t.lower for t in _words(tokenize(matched)) if in_class(t.lower, "prepositions")}
    added = [
        t
        for t in _words(tokenize(replacement))
        # a short verb counts too: "utilize the data sources we use" -> "use ... we use"
        if (len(t.text) >= _MIN_REPEAT or (len(t.text) == 3 and "VERB" in classes(t.text)))
        and not in_class(t.lower, "modals")
        and t.lower not in kept
    ]
    if not added:
        return ""
    rest = sentence.replace(matched, " ", 1)
    present = {t.lower for t in _words(tokenize(rest))}
    stems = {_stem(w) for w in present}
    for word in added:
        if word.lower in present or _stem(word.lower) in stems:
            return f"the sentence already says “{word.text}”"
    return ""


def _stem(word: str) -> str:
    """The lemma a word shares with its other forms ("supports", "supporting" -> "support")."""
    for group in ("VERB", "NOUN"):
        found = lemmas(word).get(group)
        if found:
            return found[0]
    return word


def gerund_after_verb(text: str, start: int, matched: str, replacement: str) -> str:
    """Why not, after a verb: "the preparation of reports" -> "preparing reports" reads well after a
    preposition ("assists with preparing"), not after a verb ("Directs preparing", "overseeing
    coordinating")."""
    old = _words(tokenize(matched))
    new = _words(tokenize(replacement))
    if not old or old[0].lower != "the" or not new or not new[0].lower.endswith("ing"):
        return ""
    before = _words(tokenize(text[max(0, start - 30) : start]))
    if not before or in_class(before[-1].lower, "prepositions"):
        return ""
    word = before[-1]
    if "VERB" in classes(word.text) and not in_class(word.lower, "determiners"):
        return f"“{word.text} {new[0].text}” puts two verbs together"
    return ""
