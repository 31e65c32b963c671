"""Turning a third-person description of the reader ("the ideal candidate demonstrates", "he or
she will", "the candidate's team") into the second person, clause by clause.

The subject becomes "you" and its verb agrees ("demonstrates" -> "demonstrate", "is" -> "are",
"was" -> "were"; modals and past forms stay); possessives become "your", reflexives
"yourself", and singular "they" forms that refer back become "you"/"your". A noun phrase used
as a modifier ("the candidate experience") or followed by a relative clause ("the candidate
who ...") is left alone, as are legal sentences (equal opportunity, background checks).
"""

from __future__ import annotations

import re
from functools import cache

from .agreement import joined_reading
from .fit import Edit
from .lexicon import classes, in_class, inflection, is_adverb, is_plural_noun, verb_form
from .reader import (
    as_the_reader,
    before_legal,
    cased,
    hedged,
    in_general,
    is_legal,
    joined_mention,
    label,
    left_over,
    no_predicate,
    not_the_reader,
    one_who,
    person_between,
    role_modifier,
    spec,
    verb_like,
    word_before,
)
from .tokens import Token, tokenize


def _alternatives(words: list[str]) -> str:
    escaped = sorted((re.escape(w).replace(r"\ ", r"\s+") for w in words), key=len, reverse=True)
    return "|".join(escaped)


@cache
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    words = spec()
    adjectives = rf"(?:(?:{_alternatives(words['adjectives'])})\s+)"
    noun_phrase = (
        rf"(?:(?:the|this|our|a|an)\s+|^\s*)(?:{adjectives}*(?:{_alternatives(words['heads'])})"
        rf"|{adjectives}+(?:{_alternatives(words['weak_heads'])}))"
    )
    pronoun_kinds = [
        (kind, words[f"{kind}_pronouns"])
        for kind in ("subject", "object", "possessive", "reflexive")
    ]
    pronouns = "|".join(f"(?P<{kind}>{_alternatives(names)})" for kind, names in pronoun_kinds)
    reader = re.compile(  # a bare head counts only at the start: "Candidate will work ..."
        rf"(?<![\w/])(?:(?P<phrase>{noun_phrase})(?P<genitive>['’]s\b)?(?![\w(-])(?=[\s.,;:!?)\]\"”]|$)"
        rf"|(?:{pronouns})(?![\w/]))",
        re.IGNORECASE | re.MULTILINE,
    )
    refer = re.compile(rf"\b(?:{'|'.join(words['refer_back'])})\b", re.IGNORECASE)
    return reader, refer


def you_edits(
    text: str, begin: int, end: int, refused: list[tuple[int, int]] | None = None
) -> list[Edit]:
    """The edits that put the sentence ``text[begin:end]`` in the second person. ``refused``
    collects the spans of mentions left as they are on purpose (someone other than the reader, a
    heading), which no rule's bare "you" may then turn either."""
    refused = [] if refused is None else refused
    sentence = text[begin:end]
    reader, refer = _patterns()
    if is_legal(sentence):
        # A legal party, not the reader: no rule's bare "you" may turn it either.
        clean = before_legal(sentence)
        refused.extend(
            (begin + m.start(), begin + m.end()) for m in reader.finditer(sentence, clean)
        )
        if not clean:
            return []
        end = begin + clean
        sentence = text[begin:end]
    edits: list[Edit] = []
    first_subject: int | None = None
    for match in reader.finditer(sentence):
        start, stop = begin + match.start(), begin + match.end()
        rest = tokenize(text[stop:end], stop)
        if match.group("possessive"):
            # "Help each child learn in his/her own way": only the reader rewritten as the
            # subject, with no other person between, owns the possessive.
            if first_subject is not None and not person_between(text, first_subject, start):
                edits.append(Edit(start, stop, cased(text, start, "your")))
        elif match.group("genitive"):
            edits.append(Edit(start, stop, cased(text, start, "your")))
        elif _definite(match.group("phrase")) and (lost := _LOST_APOSTROPHE.match(text, stop, end)):
            # "The Job Holder s direct impact": a genitive whose apostrophe was lost ("an
            # applicant s ability" is anyone's)
            edits.append(Edit(start, lost.end(), cased(text, start, "your")))
        elif match.group("reflexive"):
            # "The junior analyst will familiarize himself/herself": only the reader as the
            # subject owns the reflexive.
            if first_subject is not None and not person_between(text, first_subject, start):
                edits.append(Edit(start, stop, "yourself"))
        elif match.group("object"):
            edits.append(Edit(start, stop, "you"))
        else:
            subject = bool(match.group("subject")) or _is_subject(text, start, begin)
            phrase = match.group("phrase")
            if joined_mention(sentence, match.start(), match.end(), reader):
                refused.append((start, stop))
                continue  # "the post holder and the post holder may": not "you, and you may"
            if (
                match.group("subject")
                and first_subject is None
                and person_between(text, begin, start, skip_first=False)
            ):
                continue  # "every customer will pay every time s/he transacts": the customer
            if phrase and len(phrase.split()) == 2 and phrase.lower().startswith(("a ", "an ")):
                refused.append((start, stop))  # "whether a candidate should be shortlisted"
                continue
            if phrase and (
                in_general(text, begin, start, phrase, rest) or hedged(sentence, phrase, rest)
            ):
                refused.append((start, stop))
                continue
            if phrase and not subject and _subject_after_opener(text, start, begin, rest):
                subject = True  # "To fulfil ... of this position the successful candidate is"
            if phrase and not subject and not_the_reader(text, begin, start, phrase, rest):
                refused.append((start, stop))
                continue
            if phrase and subject and no_predicate(rest):
                edits.extend(label(text, start, stop, begin, end, rest))  # -> "About you:"
                refused.append((start, stop))
                continue  # "The candidate would possess:": a heading, left as it is
            if phrase and subject and role_modifier(text, stop, end):
                # "The ideal candidate for this role will" -> "You will": the role is this one
                stop = stop + role_modifier(text, stop, end)
                rest = tokenize(text[stop:end], stop)
            if phrase and word_before(text, start, begin) == "as":
                edits.extend(as_the_reader(text, start, stop, begin))
                continue
            if phrase and in_class(word_before(text, start, begin), "selection_verbs"):
                refused.append((start, stop))
                continue  # "once we have found the right candidate": candidates in general
            if phrase and _predicate(text, start, begin):
                continue  # "you may be just the right candidate": already about the reader
            if phrase and _modifier_or_relative(rest, subject):
                continue
            if phrase and subject and _bare_noun_after(phrase, rest):
                refused.append((start, stop))
                continue  # "and the ideal candidate profile": it modifies the noun
            if phrase and not subject and phrase.lower().startswith(("a ", "an ")):
                continue  # "an opportunity for a strong candidate": not yet the reader
            if phrase and word_before(text, start, begin) in ("of", "as"):
                # "the skills of the candidate" needs "your skills", and "As the ideal
                # candidate, you ..." is already about the reader: "of you", "As you" are wrong.
                continue
            if subject and _fixed_plural_next(rest):
                continue  # "the candidate hands on ...": "hands on" keeps its number
            edits.append(Edit(start, stop, cased(text, start, "you"), _register(rest, subject)))
            if subject:
                edits.extend(compound_comma(text, start, begin))
                edits.extend(one_who(rest, _agree) or _agree(rest))
                first_subject = start if first_subject is None else first_subject
    if first_subject is not None:
        edits.extend(_refer_back(text, first_subject, end, refer))
    if edits:
        edits.extend(left_over(text, edits, end, refer_back=first_subject is not None))
    return _without_overlaps(edits)


def agree_after(text: str, end: int, sentence_end: int) -> list[Edit]:
    """The verb edits that make the words after a new "you" subject agree with it."""
    return _agree(tokenize(text[end:sentence_end], end))


def compound_comma(text: str, start: int, begin: int) -> list[Edit]:
    """The comma a new pronoun subject needs: "... dementia and the ideal candidate will ..."
    -> "... dementia, and you will ...": a pronoun subject makes the second clause
    independent, which takes a comma."""
    before = text[begin:start].rstrip()
    for conjunction in (" and", " but", " so"):
        if before.endswith(conjunction):
            head = before[: -len(conjunction)].rstrip()
            words = [t for t in tokenize(head) if t.is_word]
            if len(words) >= 3 and head[-1:].isalnum():
                position = begin + len(head)
                return [Edit(position, position, ",")]
    return []


def _is_subject(text: str, start: int, begin: int) -> bool:
    before = tokenize(text[begin:start])
    if text[start : start + 4] in ("The ", "This", "Our "):
        return True  # "Who we are looking for The successful candidate has": a lost full stop
    return not before or not before[-1].is_word or in_class(before[-1].lower, "clause_openers")


def _predicate(text: str, start: int, begin: int) -> bool:
    before = [t for t in tokenize(text[begin:start]) if t.is_word][-2:]
    return any(lemmas_of_be(t.lower) for t in before)


def lemmas_of_be(word: str) -> bool:
    """Whether ``word`` is a form of "be" or "become", after which a trait describes the subject."""
    form = verb_form(word)
    return word in ("be", "become") or (form is not None and form[0] in ("be", "become"))


def _modifier_or_relative(rest: list[Token], subject: bool) -> bool:
    """Whether the noun is a modifier ("the candidate experience") or takes a relative clause
    ("the candidate who ...").

    As a subject, the phrase is a modifier only before a word that cannot be a verb; as an
    object, before any word that can be a noun."""
    if not rest or not rest[0].is_word:
        return bool(rest) and rest[0].text == "," and len(rest) > 1 and rest[1].lower == "who"
    word = rest[0]
    if word.lower in ("who", "whom", "that", "which", "whose"):
        return True
    if word.text[:1].isupper() and word.text != "I":
        return True  # "the Candidate Coordinator", "Candidate Skills": part of a name
    if subject and in_class(word.lower, "prepositions"):
        return True  # "the ideal candidate for this position can": "you for this position" """
    if in_class(word.lower, "adverbs_between") or verb_like(word):
        return False
    word_classes = classes(word.text)
    if subject:
        return "NOUN" in word_classes and not word_classes & {"VERB", "AUX", "ADV"}
    return "NOUN" in word_classes or "ADJ" in word_classes


def _second_person(word: str) -> str | None:
    """The form of a present or past verb that agrees with "you" ("manages" -> "manage")."""
    negative = word.lower().endswith(("n't", "n’t"))
    stem = word[:-3] if negative else word
    if negative and stem.lower() == "does":
        stem = "does"
    form = verb_form(stem)
    if form is None:
        return None
    lemma, tag = form
    if tag == "VBD" and lemma == "be":
        new = "were"
    elif tag == "VBZ":
        new = "are" if lemma == "be" else (inflection(lemma, "VBP") or lemma)
    else:
        return None
    return new + (word[-3:] if negative else "")


def _agree(rest: list[Token]) -> list[Edit]:
    """Make the subject's verb (and verbs joined to it by "and"/"or") agree with "you"."""
    words = [t for t in rest if t.is_word or t.text == ","]
    position = 0
    while position < len(words) and is_adverb(words[position].text):
        position += 1
    if position >= len(words):
        return []
    verb = words[position]
    new = _second_person(verb.text)
    edits = [] if new is None or new == verb.text.lower() else [Edit(verb.start, verb.end, new)]
    if not edits and not in_class(verb.lower, "modals"):
        return []
    in_list = False  # a coordinated verb was re-agreed: the list after it is of verbs too
    verbs = {position}
    chain = position  # the last verb joined directly to the first ("tracks, monitors and ...")
    for index in range(position + 1, len(words) - 1):
        joiner, skip = words[index], 1
        while index + skip < len(words) - 1 and is_adverb(words[index + skip].text):
            skip += 1  # ", ideally has been through": the verb is past the adverb
        candidate = words[index + skip]
        if in_class(joiner.lower, "relative_openers"):
            break  # "a fitter who has ... and is": those verbs agree with "fitter"
        if joiner.lower not in ("and", "or", ","):
            continue
        following = words[index + skip + 1] if index + skip + 1 < len(words) else None
        candidate_classes = classes(candidate.text)
        # Joined right after the verb ("develops and monitors procedures"), it is a verb too.
        direct = all(w.lower in ("and", "or", ",") for w in words[chain + 1 : index + 1])
        unambiguous = "NOUN" not in candidate_classes or (
            following is not None
            and (
                in_class(following.lower, "determiners")
                or in_class(following.lower, "prepositions")
            )
        )
        form = verb_form(candidate.text)
        reading = joined_reading(words, index, index + skip, verbs)
        if reading == "unsure" and any(in_class(w.lower, "modals") for w in words[:index]):
            reading = "noun"  # "will develop reports and products for": no -s verb after a modal
        if form is None or form[1] != "VBZ" or reading == "noun":
            continue  # "boards and commissions", "recounts, and audits of": a noun list
        if reading or unambiguous or in_list or direct:
            replacement = _second_person(candidate.text)
            if replacement:
                why = "" if reading != "unsure" else f"“{candidate.text}” may be a listed noun"
                edits.append(Edit(candidate.start, candidate.end, replacement, why))
                in_list = in_list or unambiguous
                chain = index + skip if direct else chain
                verbs.add(index + skip)
    return edits


def refer_back_edits(text: str, after: int, end: int) -> list[Edit]:
    """The singular "they" forms after ``after`` that refer back to a subject now "you"."""
    return _refer_back(text, after, end, _patterns()[1])


def _refer_back(text: str, after: int, end: int, refer: re.Pattern[str]) -> list[Edit]:
    """Singular "they" forms referring back to the rewritten subject, with no plural noun
    (another possible antecedent) between."""
    replacements: dict[str, str] = spec()["refer_back"]
    edits = []
    for match in refer.finditer(text, after, end):
        between = [t for t in tokenize(text[after : match.start()]) if t.is_word]
        if any(is_plural_noun(t.text) for t in between) or person_between(
            text, after, match.start()
        ):
            break
        word = match.group()
        new = replacements[word.lower()]
        edits.append(Edit(match.start(), match.end(), cased(text, match.start(), new)))
    return edits


def _fixed_plural_next(rest: list[Token]) -> bool:
    words = [t for t in rest if t.is_word]
    while words and is_adverb(words[0].text):
        words = words[1:]
    return bool(words) and in_class(words[0].lower, "fixed_plurals")


def _without_overlaps(edits: list[Edit]) -> list[Edit]:
    kept: list[Edit] = []
    for edit in sorted(edits, key=lambda e: (e.start, -e.end)):
        if kept and edit.start < kept[-1].end:
            continue
        kept.append(edit)
    return kept


def _subject_after_opener(text: str, start: int, begin: int, rest: list[Token]) -> bool:
    """Whether "the candidate" after an opening phrase with no comma, before a modal or finite verb,
    is the subject: the word before it is a noun or adverb, not a verb or preposition."""
    if not text[start:].lower().startswith("the "):
        return False
    following = [t for t in rest if t.is_word][:1]
    if not following or not (
        in_class(following[0].lower, "modals")
        or verb_like(following[0])
        or (verb_form(following[0].text) or ("", ""))[1] == "VBZ"
    ):
        return False
    before = word_before(text, start, begin)
    if not before or in_class(before, "prepositions") or in_class(before, "determiners"):
        return False
    before_classes = classes(before)
    return bool(before_classes & {"NOUN", "ADV"}) and not in_class(before, "selection_verbs")


def _bare_noun_after(phrase: str, rest: list[Token]) -> bool:
    """A noun in its base form after a singular phrase ("candidate profile"): as a verb it would
    not agree with the phrase, so the phrase modifies it."""
    if not rest or not rest[0].is_word or is_plural_noun(phrase.split()[-1]):
        return False
    word = rest[0]
    if "NOUN" not in classes(word.text) or in_class(word.lower, "modals"):
        return False
    form = verb_form(word.text)
    return form is None or (form[1] in ("VB", "VBP") and not word.lower.endswith("s"))


def _register(rest: list[Token], subject: bool) -> str:
    """Why not, when the subject's verb is "shall": "You shall possess" reads as a command."""
    words = [t for t in rest if t.is_word]
    if subject and words and words[0].lower == "shall":
        return "“you shall” reads as a command; “you will” or “you have” may fit better"
    if subject and len(words) > 1 and in_class(words[1].lower, "wish_adverbs"):
        # "The ideal candidate will preferably hold" -> "You will preferably hold": a wish
        return f"“you {words[0].text} {words[1].text}” reads oddly; “Ideally, you …” may fit better"
    return ""


def _definite(phrase: str | None) -> bool:
    return bool(phrase) and not re.match(r"\s*an?\s", phrase or "", re.IGNORECASE)


_LOST_APOSTROPHE = re.compile(r"\s+s(?=\s+[a-z])")
