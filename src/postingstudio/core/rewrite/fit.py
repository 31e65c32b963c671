"""Fitting one replacement into its sentence: number, tense, a/an and capitals.

A rule's replacement is written in one form ("choice", "use", "What you'll do"); the words it
replaces may be plural, past or -ing, may follow "a"/"an", and may start a sentence. ``fit``
returns the edit that keeps the sentence grammatical, or the reason it cannot.
"""

from __future__ import annotations

from dataclasses import dataclass

from .lexicon import (
    article_for,
    classes,
    in_class,
    inflect_verb,
    is_base_verb,
    is_plural_noun,
    plural,
    verb_form,
)
from .neighbours import (
    another_person,
    bare_modal_opening,
    coordinated_object,
    keep_of,
    modal_dropped,
    preposition_after_determiner,
    purpose_clause,
    repeated_verb,
    shall_after_you,
    that_clause_parallel,
    you_after_subject,
)
from .phrases import phrase_fit
from .placement import (
    adverbial_position,
    gerund_after_verb,
    infinitive_to,
    mass_noun_joined,
    modal_after_coordinator,
)
from .tokens import starts_sentence, tokenize


@dataclass(frozen=True, slots=True)
class Edit:
    """Replace ``text[start:end]`` by ``after``; ``reason`` is set when it must not be applied
    without the writer's judgement."""

    start: int
    end: int
    after: str
    reason: str = ""


def fit(text: str, start: int, end: int, replacement: str) -> Edit:
    """The replacement made to fit its place (number, verb form, pronoun case), or why it cannot."""
    matched = text[start:end]
    if _inside_compound(text, start, end):
        return Edit(start, end, replacement, "the words are part of a compound (“-” or “/”)")
    after = _keep_number(matched, replacement)
    after = keep_verb_form(matched, after)
    after = keep_of(text, end, matched, after)
    start, after, phrase_reason = phrase_fit(text, start, end, matched, after)
    reason = (
        phrase_reason
        or _fixed_plural(text, start, end, matched, after)
        or _you_before_preposition(text, end, after)
        or _you_after_modal(text, start, after)
        or you_after_subject(text, start, after)
        or _you_as_general_object(text, start, end, after)
        or _count_before_mass_noun(text, end, after)
        or _attributive_phrase(text, end, matched, after)
        or _orphaned_modifier(text, start, after)
        or _pronoun_as_modifier(text, start, end, after)
        or _pronoun_after_of_or_as(text, start, after)
        or _infinitive(text, end, after)
        or adverbial_position(text, start, end, matched, after)
        or infinitive_to(text, end, matched, after)
        or modal_after_coordinator(text, start, after)
        or mass_noun_joined(text, end, after)
        or gerund_after_verb(text, start, matched, after)
        or preposition_after_determiner(text, start, after)
        or purpose_clause(text, start, matched, after)
        or bare_modal_opening(text, start, after)
        or that_clause_parallel(text, end, matched, after)
        or another_person(text, start, end, after)
        or shall_after_you(text, end, after)
        or repeated_verb(text, start, after)
        or coordinated_object(text, end, matched, after)
        or modal_dropped(matched, after)
    )
    after = _capitals(text, start, matched, after)
    start, after = _article_before(text, start, after)
    return Edit(start, end, after, reason)


def _words(text: str) -> list[str]:
    return [t.text for t in tokenize(text) if t.is_word]


def _fixed_plural(text: str, start: int, end: int, matched: str, replacement: str) -> str:
    """Why not, when the words are a fixed phrase: "hands on"/"hands-on": its
    "hands" never loses its number."""
    old = [w.lower() for w in _words(matched)]
    new = [w.lower() for w in _words(replacement)]
    following = text[end : end + 4].lower()
    for word in old:
        if in_class(word, "fixed_plurals") and word not in new:
            return f"“{word}” is part of a fixed phrase and keeps its number"
    if old and in_class(old[-1], "fixed_plurals") and following[:1] in (" ", "-"):
        if following[1:3] == "on" and new[-1:] != old[-1:]:
            return f"“{old[-1]} on” is a fixed phrase"
    next_words = [w.lower() for w in _words(text[end : end + 30])]
    if new[:1] == ["you"] and next_words and in_class(next_words[0], "fixed_plurals"):
        return f"“{next_words[0]}” after the words is part of a fixed phrase"
    return ""


def _first_word(replacement: str) -> str:
    words = _words(replacement)
    return words[0].lower().replace("’", "'") if words else ""


def _you_before_preposition(text: str, end: int, replacement: str) -> str:
    """Why not, when a preposition follows: "The right candidate for this role is someone ..."
    cannot become "You for this role is": a pronoun takes no prepositional post-modifier."""
    if replacement.strip().lower() not in ("you", "yourself"):
        return ""
    following = [t for t in tokenize(text[end : end + 40]) if t.is_word]
    if following and in_class(following[0].lower, "prepositions") and following[0].lower != "to":
        return f"“{text[end:].split()[0]}” would make a phrase after “you”"
    return ""


def _you_as_general_object(text: str, start: int, end: int, replacement: str) -> str:
    """Why not, when the candidate is general: "once we have found the right candidate" and "the
    candidate experience" are about candidates in general, not the reader."""
    first = _first_word(replacement)
    if not first.startswith("you"):
        return ""
    before = _words(text[max(0, start - 40) : start])
    if before and in_class(before[-1].lower(), "selection_verbs"):
        return (
            f"“{text[start:end]}” after “{before[-1]}” means candidates in general, not the reader"
        )
    after = tokenize(text[end : end + 40])
    head = _words(text[start:end])[-1:]
    if not head or "NOUN" not in classes(head[0]) or in_class(head[0], "prepositions"):
        return ""
    if after and after[0].is_word and first not in ("your", "yours"):
        word = after[0].text
        word_classes = classes(word)
        as_object = bool(before) and not starts_sentence(text, start)
        as_object = as_object and not in_class(before[-1].lower(), "clause_openers")
        if (
            "NOUN" in word_classes
            and (as_object or not word_classes & {"VERB", "AUX", "ADV"})
            and not in_class(word.lower(), "prepositions")
            and not in_class(word.lower(), "modals")
        ):
            return f"“{text[start:end]}” describes the noun “{word}” after it"
    return ""


def _you_after_modal(text: str, start: int, replacement: str) -> str:
    """Why not, after a modal: "may also be responsible for" cannot become "may also you'll own":
    a modal before the words needs a verb, not a clause."""
    if not _first_word(replacement).startswith("you"):
        return ""
    before = [t for t in tokenize(text[max(0, start - 40) : start]) if t.is_word]
    if before and in_class(before[-1].lower, "adverbs_between"):
        before = before[:-1]
    if before and in_class(before[-1].lower, "modals"):
        return (
            f"“{before[-1].text}” before the words needs a verb, not “{_first_word(replacement)}”"
        )
    return ""


def _count_before_mass_noun(text: str, end: int, replacement: str) -> str:
    """Why not, before a mass noun: "a wide range of expertise" cannot become "many expertise"."""
    lower = replacement.strip().lower()
    if lower not in ("many", "several", "a number of", "numerous", "various", "multiple"):
        return ""
    for word in _words(text[end : end + 60])[:4]:
        if in_class(word.lower(), "uncountable"):
            return f"“{word}” is uncountable and cannot follow “{lower}”"
        if "NOUN" in classes(word) and "ADJ" not in classes(word):
            break
    return ""


def _inside_compound(text: str, start: int, end: int) -> bool:
    before = text[start - 2 : start]
    after = text[end : end + 2]
    return (
        (len(before) == 2 and before[1] == "-" and before[0].isalpha())
        or (len(after) == 2 and after[0] == "-" and after[1].isalpha())
        or after[:1] == "("  # "incumbent(s)"
        or after[:1].isalpha()  # "the candidates past career": the words end inside a word
        # "SAN utilization/trending reports": a term inside a slash list is part of a name
        or (len(before) == 2 and before[1] == "/" and before[0].isalnum())
        or (len(after) == 2 and after[0] == "/" and after[1].isalnum())
    )


def _keep_number(matched: str, replacement: str) -> str:
    """A plural noun at the end of the matched words makes the replacement's noun plural."""
    old = tokenize(matched)
    new = tokenize(replacement)
    if not old or not new or not old[-1].is_word or not new[-1].is_word:
        return replacement
    last_old, last_new = old[-1].text, new[-1].text
    if not is_plural_noun(last_old) or is_plural_noun(last_new):
        return replacement
    if "NOUN" not in classes(last_new) or verb_form(last_new) is not None:
        return replacement
    if in_class(last_new, "prepositions") or in_class(last_new, "determiners"):
        return replacement
    return replacement[: new[-1].start] + plural(last_new) + replacement[new[-1].end :]


def keep_verb_form(matched: str, replacement: str) -> str:
    """A matched verb in -s, -ed or -ing form puts the replacement's first verb in that form
    ("facilitated" -> "led", "utilizing" -> "using", "makes a decision" -> "decides")."""
    old = tokenize(matched)
    new = tokenize(replacement)
    if not old or not new or not new[0].is_word:
        return replacement
    if in_class(new[0].lower, "modals"):
        return replacement  # "is expected to" -> "will": a modal has no -s, -ed or -ing form
    form = verb_form(old[0].text)
    replacement_form = verb_form(new[0].text)
    if old[0].lower in ("are", "were") and replacement_form and replacement_form[1] == "VBZ":
        # "procedures are in compliance with" -> "follow", not "follows"
        tag = "VBP" if old[0].lower == "are" else "VBD"
        wanted = inflect_verb(replacement_form[0], tag, new[0].text)
        return replacement[: new[0].start] + wanted + replacement[new[0].end :]
    if old[0].lower in ("are", "were") and replacement_form and replacement_form[0] == "be":
        wanted = old[0].lower
        return replacement[: new[0].start] + _cased(wanted, new[0].text) + replacement[new[0].end :]
    if form is None:
        # A base-form verb ("you utilize") takes the replacement's base form ("uses" -> "use").
        if replacement_form is None or not is_base_verb(old[0].text):
            return replacement
        lemma = replacement_form[0]
        return replacement[: new[0].start] + _cased(lemma, new[0].text) + replacement[new[0].end :]
    if "VERB" not in classes(new[0].text):
        return replacement
    lemma = replacement_form[0] if replacement_form else new[0].text
    if not is_base_verb(lemma):
        return replacement
    tag = form[1]
    if tag == "VBZ" and is_plural_noun(old[0].text) and "VERB" not in classes(old[0].text):
        return replacement
    inflected = inflect_verb(lemma, tag, new[0].text)
    return replacement[: new[0].start] + inflected + replacement[new[0].end :]


def _cased(word: str, like: str) -> str:
    return word[:1].upper() + word[1:] if like[:1].isupper() else word


def _attributive_phrase(text: str, end: int, matched: str, replacement: str) -> str:
    """An adjective before a noun cannot become a phrase with a preposition
    ("an accomplished and data-driven individual" -> "... thoughtful with data individual")."""
    new = [t for t in tokenize(replacement) if t.is_word]
    if len(new) < 2 or not any(in_class(t.lower, "prepositions") for t in new[1:]):
        return ""
    old = [t for t in tokenize(matched) if t.is_word]
    if not old or "ADJ" not in classes(old[-1].text) or "NOUN" in classes(old[-1].text):
        return ""
    following = [t for t in tokenize(text[end : end + 40]) if t.is_word]
    if following and "NOUN" in classes(following[0].text):
        return "the replacement is a phrase, but the words stand before a noun"
    return ""


def _orphaned_modifier(text: str, start: int, replacement: str) -> str:
    """A pronoun cannot take the adjectives of the noun it replaces ("Strong candidates will"
    -> "Strong you'll")."""
    new = tokenize(replacement)
    if not new or new[0].lower not in ("you", "you'll", "you're", "your"):
        return ""
    before = [t for t in tokenize(text[max(0, start - 40) : start]) if t.is_word]
    if not before or starts_sentence(text, start):
        return ""
    word = before[-1]
    if (
        word.lower in ("and", "or")
        and len(before) > 1
        and in_class(before[-2].lower, "prepositions")
    ):
        return f"“{before[-2].text} {word.text}” joins noun phrases, not clauses"
    if in_class(word.lower, "clause_openers") or in_class(word.lower, "prepositions"):
        return ""
    if "ADJ" in classes(word.text) or in_class(word.lower, "determiners"):
        return f"“{word.text}” belongs to the phrase being replaced"
    return ""


def _pronoun_as_modifier(text: str, start: int, end: int, replacement: str) -> str:
    """A noun phrase that modifies the next noun cannot become a pronoun ("about the candidate
    experience" -> "about you experience")."""
    if replacement.strip().lower() not in ("you", "yourself"):
        return ""
    before = [t for t in tokenize(text[max(0, start - 40) : start]) if t.is_word]
    after = tokenize(text[end : end + 40])
    if not before or not after or not after[0].is_word:
        return ""
    previous, following = before[-1].lower, after[0]
    if following.text[:1].isupper() and following.text != "I":
        return f"“{text[start:end]}” is part of the name “{following.text}”"
    if not (in_class(previous, "prepositions") or in_class(previous, "determiners")):
        return ""
    if "NOUN" in classes(following.text) and not in_class(following.lower, "prepositions"):
        return f"“{text[start:end]}” describes the noun “{following.text}” after it"
    return ""


def _pronoun_after_of_or_as(text: str, start: int, replacement: str) -> str:
    """Why not, after "of" or "as": "the skills of the candidate" needs "your skills",
    not "the skills of you"; "As the ideal candidate, you ..." is already about the
    reader, and "As you, you" is wrong."""
    first = replacement.strip().lower().split(" ")[0]
    if first not in ("you", "yourself", "you'll", "you're", "you’ll", "you’re"):
        return ""
    before = [t for t in tokenize(text[max(0, start - 40) : start]) if t.is_word]
    if not before:
        return ""
    previous = before[-1]
    if previous.lower in ("of", "as"):
        return f"“{previous.text} {first}” is not how English names the reader"
    if first not in ("you", "yourself") and in_class(previous.lower, "prepositions"):
        return f"“{first}” opens a clause and cannot follow “{previous.text}”"
    return ""


def _infinitive(text: str, end: int, replacement: str) -> str:
    """A replacement ending in "to" must be followed by a verb: "travel is required to domestic
    suppliers" is not "travel needs to domestic suppliers"; a noun after "of" is not a verb."""
    words = tokenize(replacement)
    if not words or words[-1].lower != "to":
        return ""
    following = [t for t in tokenize(text[end : end + 40]) if t.is_word]
    if not following:
        return ""
    word = following[0]
    form = verb_form(word.text)
    of = text[:end].lower().rstrip().endswith(" of")  # "for the purposes of review meetings"
    if of or (form and form[1] in ("VBG", "VBZ", "VBD") and not is_base_verb(word.text)):
        return f"“to” would be followed by “{word.text}”, not the verb's base form"
    if in_class(word.lower, "determiners") or (
        classes(word.text) and not classes(word.text) & {"VERB", "AUX", "ADV"}
    ):
        return f"“to” would be followed by “{word.text}”, not a verb"
    return ""


def _capitals(text: str, start: int, matched: str, replacement: str) -> str:
    if not replacement:
        return replacement
    if starts_sentence(text, start):
        return replacement[:1].upper() + replacement[1:]
    first = tokenize(replacement)[0].text if tokenize(replacement) else ""
    keeps_capital = first.isupper() or first == "I" or (first[:1].isupper() and not classes(first))
    if replacement[:1].isupper() and not matched[:1].isupper() and not keeps_capital:
        return replacement[:1].lower() + replacement[1:]
    old = _words(matched)
    title = bool(old) and all(w[:1].isupper() for w in old)
    if title and (len(old) > 1 or _title_case_before(text, start)):
        # A heading in title case ("Skills You Should Possess") keeps it: "Should Have".
        return " ".join(w[:1].upper() + w[1:] for w in replacement.split(" "))
    return replacement


def _title_case_before(text: str, start: int) -> bool:
    """The two words before ``start`` are capitalised: a heading in title case."""
    before = [t for t in tokenize(text[max(0, start - 40) : start]) if t.is_word][-2:]
    return len(before) == 2 and all(t.text[:1].isupper() for t in before)


def _article_before(text: str, start: int, replacement: str) -> tuple[int, str]:
    """Re-choose a/an right before the replacement; the edit then starts at the article."""
    words = tokenize(replacement)
    head = text[max(0, start - 4) : start]
    if not words or not words[0].text[:1].isalpha():
        return start, replacement
    for article in ("an ", "a ", "An ", "A "):
        if head.endswith(article) and (
            len(head) == len(article) or not head[-len(article) - 1].isalpha()
        ):
            wanted = article_for(words[0].text)
            if article.strip().lower() == wanted:
                return start, replacement
            wanted = wanted.capitalize() if article[0].isupper() else wanted
            return start - len(article), f"{wanted} {replacement}"
    return start, replacement
