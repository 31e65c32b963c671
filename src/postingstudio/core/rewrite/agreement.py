"""The engine's own grammar checks, run on a sentence before and after each change.

Each check finds one kind of break a word swap can cause: a verb that no longer agrees with
"you", a/an before the wrong sound, a singular determiner before a plural noun, a contraction
where a noun phrase belongs ("the focus of you'll the ..."), and a doubled word. A change is
applied only when the sentence after it has no problem the sentence before did not have.
"""

from __future__ import annotations

from collections import Counter

from .lexicon import article_for, classes, in_class, is_adverb, is_plural_noun, verb_form
from .tokens import Token, tokenize

# Third-person forms of the irregular verbs; other verbs are recognised through lemminflect.
_THIRD_PERSON_BE_HAVE = {"is", "was", "has", "does", "isn't", "wasn't", "hasn't", "doesn't"}


def problems(sentence: str) -> list[str]:
    """Human-readable agreement problems in ``sentence`` (an empty list when none is found)."""
    words = [t for t in tokenize(sentence) if t.is_word or t.text in ",;:"]
    found: list[str] = []
    for index, token in enumerate(words):
        following = words[index + 1] if index + 1 < len(words) else None
        previous = words[index - 1] if index else None
        if following is None or not following.is_word:
            continue
        found.extend(_you_verb(words, index, token, previous))
        found.extend(_article(token, following))
        found.extend(_determiner_number(token, following))
        found.extend(_contraction(token, previous, following))
        found.extend(_after_modal(words, index, token))
        found.extend(_quantifier(token, following))
        if index + 3 < len(words) and [t.lower for t in words[index : index + 2]] == [
            t.lower for t in words[index + 2 : index + 4]
        ]:
            found.append(f"“{token.text} {following.text}” is repeated")
        if token.lower == following.lower and token.lower not in ("that", "had", "is"):
            found.append(f"the word “{token.text}” is doubled")
    return found


def new_problems(before: str, after: str) -> list[str]:
    """Problems ``after`` has that ``before`` did not (counted, so a second copy is new)."""
    old = Counter(problems(before))
    out = []
    for problem in problems(after):
        if old[problem]:
            old[problem] -= 1
        else:
            out.append(problem)
    return out


def _subject_you(previous: Token | None) -> bool:
    """Whether "you" is the subject: it opens a clause (so it is the subject) unless a
    verb or preposition precedes it."""
    if previous is None or not previous.is_word:
        return True
    return in_class(previous.lower, "clause_openers")


def _you_verb(words: list[Token], index: int, token: Token, previous: Token | None) -> list[str]:
    if token.lower != "you" or not _subject_you(previous):
        return []
    position = index + 1
    while position < len(words) and is_adverb(words[position].text):
        position += 1
    if position >= len(words) or not words[position].is_word:
        return []
    verb = words[position]
    if verb.lower in _THIRD_PERSON_BE_HAVE:
        return [f"“you {verb.text}”: the verb does not agree with “you”"]
    form = verb_form(verb.text)
    if form is not None and form[1] == "VBZ":
        return [f"“you {verb.text}”: the verb does not agree with “you”"]
    if form is None or form[1] in ("VB", "VBP"):
        return _joined_verbs(words, position)
    return []


def _joined_verbs(words: list[Token], position: int) -> list[str]:
    """Verbs joined right after "you"'s verb must agree too: "You track, monitors and analyzing"
    and "You develop and monitors procedures" do not."""
    index = position + 1
    while index + 1 < len(words) and words[index].lower in (",", "and", "or"):
        while index + 1 < len(words) and words[index + 1].lower in (",", "and", "or"):
            index += 1  # ", and"
        joined = words[index + 1]
        form = verb_form(joined.text)  # None for a base form ("monitor")
        if "VERB" not in classes(joined.text):
            return []
        if form is not None and form[1] in ("VBZ", "VBG"):
            return [f"“{joined.text}” is joined to the verb after “you” and does not agree"]
        index += 2
    return []


def _after_modal(words: list[Token], index: int, token: Token) -> list[str]:
    """A modal ("will", "can", "you'll") takes a verb in its base form: not "must can",
    "can communicates", "you'll planning" or "you'll development"."""
    lower = token.lower
    if not (in_class(lower, "modals") or lower.endswith("'ll")):
        return []
    position = index + 1
    while position < len(words) and in_class(words[position].lower, "adverbs_between"):
        position += 1
    if position >= len(words) or not words[position].is_word:
        return []
    verb = words[position]
    if in_class(verb.lower, "modals"):
        return [f"“{token.text} {verb.text}”: two modal verbs in a row"]
    word_classes = classes(verb.text)
    form = verb_form(verb.text)
    if form is not None and form[1] in ("VBZ", "VBG", "VBD") and verb.lower not in ("been",):
        if not (form[1] == "VBD" and "VERB" in word_classes and verb.lower in lemmas_of(verb)):
            return [f"“{token.text} {verb.text}”: a modal needs the verb's base form"]
    if word_classes and not word_classes & {"VERB", "AUX"} and "ADV" not in word_classes:
        return [f"“{token.text} {verb.text}”: a modal needs a verb after it"]
    return []


def lemmas_of(word: Token) -> tuple[str, ...]:
    """The verb lemmas ``word`` may be a form of; empty when it is not a known verb."""
    from .lexicon import lemmas

    return lemmas(word.text).get("VERB", ())


def _quantifier(token: Token, following: Token) -> list[str]:
    if not in_class(token.lower, "plural_quantifiers"):
        return []
    if in_class(following.lower, "determiners") and following.lower not in ("other",):
        return [f"“{token.text} {following.text}”: “of” is missing after “{token.text}”"]
    word_classes = classes(following.text)
    if word_classes == frozenset({"NOUN"}) and not is_plural_noun(following.text):
        from .lexicon import inflection

        if inflection(following.text, "NNS") not in (None, following.lower):
            return [f"“{token.text} {following.text}”: a plural noun must follow"]
    return []


def _article(token: Token, following: Token) -> list[str]:
    if token.lower not in ("a", "an") or token.text not in ("a", "an", "A", "An"):
        return []
    if not following.text[:1].isalpha():
        return []
    wanted = article_for(following.text)
    if wanted != token.lower:
        return [f"“{token.text} {following.text}” should be “{wanted} {following.text}”"]
    return []


def _determiner_number(token: Token, following: Token) -> list[str]:
    if not in_class(token.lower, "singular_determiners"):
        return []
    word_classes = classes(following.text)
    if word_classes and word_classes <= {"NOUN"} and is_plural_noun(following.text):
        return [f"“{token.text} {following.text}”: a singular determiner before a plural noun"]
    return []


def _contraction(token: Token, previous: Token | None, following: Token) -> list[str]:
    if token.lower not in ("you'll", "you're", "you've", "you'd"):
        return []
    if (
        previous is not None
        and previous.is_word
        and (in_class(previous.lower, "prepositions") or in_class(previous.lower, "determiners"))
    ):
        return [f"“{previous.text} {token.text}”: a contraction cannot follow “{previous.text}”"]
    if in_class(following.lower, "determiners") and following.lower not in ("no", "any", "that"):
        return [f"“{token.text} {following.text}”: a verb is missing after “{token.text}”"]
    return []


def joined_reading(words: list[Token], joiner: int, index: int, verbs: set[int]) -> str:
    """How a word that can be a noun or a verb reads when "and"/"or"/"," joins it after the
    subject's verb: "noun" when the word before the joiner is a plural noun (not a verb already
    re-agreed) and nothing takes it as a verb ("boards and commissions", "recounts, and audits
    of"); "verb" after a word that is no noun ("is skilled in and champions"), or before a
    determiner ("reports and presents the findings"); "unsure" when it could be either
    ("budgets and reports to"); "" when the list gives no evidence."""
    word = words[index]
    back = joiner
    while back >= 0 and words[back].lower in ("and", "or", ","):
        back -= 1
    lexical_noun = "NOUN" in classes(word.text)
    lemma = (verb_form(word.text) or ("", ""))[0]
    # lemminflect lists some plural nouns as verbs only ("logs"): an -s word may be one too
    if not (lexical_noun or word.lower.endswith("s")) or lemma in ("be", "have", "do"):
        return ""
    if back < 0 or back in verbs:
        return ""
    previous = words[back]
    gerund = (verb_form(previous.text) or ("", ""))[1] == "VBG"  # "canvassing, recounts"
    if previous.text.islower() and not gerund and not classes(previous.text) & {"NOUN", "PROPN"}:
        return "verb"  # "is detail-oriented and champions", "is skilled in and champions"
    if not is_plural_noun(previous.text):
        return ""
    following = words[index + 1] if index + 1 < len(words) else None
    if following is None or not following.is_word or in_class(following.lower, "list_closers"):
        return "noun"
    if in_class(following.lower, "determiners") and following.lower not in ("that", "whose"):
        return "verb"
    if len(verbs) > 1 and not in_class(following.lower, "prepositions"):
        return "verb"  # "leverages tools, interprets outputs, and presents findings"
    if is_plural_noun(following.text):
        return "verb"  # "designs tests and runs experiments": the plural noun is its object
    if not lexical_noun and not in_class(following.lower, "prepositions"):
        return "verb"  # "supports clients and ensures quality"
    return "unsure"
