"""Word knowledge for the rewrite engine: lemmas, word classes and inflections (lemminflect),
a/an (inflect), and the closed-class words in ``resources/rewrite/en/words.toml``.

Both libraries are imported on first use, so ``postingstudio check`` (which never rewrites)
does not pay for loading them; results are cached because a posting repeats its words.
"""

from __future__ import annotations

import tomllib
from functools import cache, lru_cache
from typing import Any

from ...paths import resources_dir

VERB_TAGS = ("VBZ", "VBD", "VBN", "VBG", "VBP", "VB")


@cache
def closed_class() -> dict[str, frozenset[str]]:
    """The closed-class word lists by name (determiners, prepositions, modals, ...)."""
    path = resources_dir() / "rewrite" / "en" / "words.toml"
    with path.open("rb") as handle:
        data = tomllib.load(handle)
    return {name: frozenset(w.lower() for w in words) for name, words in data.items()}


def in_class(word: str, name: str) -> bool:
    """Whether ``word`` is on the closed-class list ``name`` (curly
    apostrophes count as straight)."""
    return word.lower().replace("’", "'") in closed_class()[name]


@cache
def _lemminflect() -> Any:
    import lemminflect

    return lemminflect


@cache
def _inflect_engine() -> Any:
    import inflect

    return inflect.engine()


@lru_cache(maxsize=8192)
def lemmas(word: str) -> dict[str, tuple[str, ...]]:
    """Word class (UPOS) -> lemmas, from lemminflect's lexicon; {} for unknown words."""
    if not word.isalpha():
        return {}
    found = _lemminflect().getAllLemmas(word.lower())
    return {pos: tuple(values) for pos, values in found.items()}


def classes(word: str) -> frozenset[str]:
    """The word classes (UPOS) lemminflect knows ``word`` in."""
    return frozenset(lemmas(word))


@lru_cache(maxsize=8192)
def inflection(lemma: str, tag: str) -> str | None:
    """``lemma`` inflected to the Penn ``tag`` (e.g. NNS, VBZ), or
    None when lemminflect has no form."""
    forms = _lemminflect().getInflection(lemma.lower(), tag=tag)
    return forms[0] if forms else None


@lru_cache(maxsize=8192)
def plural_noun_lemma(word: str) -> str | None:
    """The singular of ``word`` when it is a plural noun ("decisions" -> "decision")."""
    for lemma in lemmas(word).get("NOUN", ()):
        if lemma != word.lower() and inflection(lemma, "NNS") == word.lower():
            return lemma
    return None


def is_plural_noun(word: str) -> bool:
    """Whether ``word`` is a known plural noun."""
    return plural_noun_lemma(word) is not None


def plural(noun: str) -> str:
    """The plural of ``noun`` in its own case; the noun unchanged when no plural is known."""
    form = inflection(noun, "NNS")
    return _same_case(form, noun) if form else noun


@lru_cache(maxsize=8192)
def verb_form(word: str) -> tuple[str, str] | None:
    """(lemma, Penn tag) of a verb form other than the base form: "manages" -> ("manage",
    "VBZ"), "managing" -> ("manage", "VBG"); None for base forms and non-verbs."""
    found = lemmas(word)
    for lemma in found.get("VERB", ()) + found.get("AUX", ()):
        for tag in VERB_TAGS[:4]:
            forms = _lemminflect().getInflection(lemma, tag=tag)
            if word.lower() in forms and word.lower() != lemma:
                return lemma, tag
    return None


def is_base_verb(word: str) -> bool:
    """Whether ``word`` is a verb's base form ("lead", not "leads")."""
    return word.lower() in lemmas(word).get("VERB", ())


def inflect_verb(lemma: str, tag: str, like: str) -> str:
    """``lemma`` in form ``tag`` ("VBD" of "decide" -> "decided"), cased like ``like``."""
    if tag == "VBD":
        form = inflection(lemma, "VBD")
    else:
        form = inflection(lemma, tag)
    return _same_case(form, like) if form else lemma


@lru_cache(maxsize=8192)
def article_for(word: str) -> str:
    """The article, "a" or "an", for the sound of ``word`` ("an hour", "a user", "an SQL query")."""
    return str(_inflect_engine().a(word)).split(" ", 1)[0].lower()


def _same_case(form: str, like: str) -> str:
    if like[:1].isupper() and not like.isupper():
        return form[:1].upper() + form[1:]
    return form


def is_adverb(word: str) -> bool:
    """An adverb that may stand between a subject and its verb ("you also have", "the
    candidate successfully has")."""
    return in_class(word, "adverbs_between") or classes(word) == frozenset({"ADV"})
