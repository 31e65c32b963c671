"""What makes you different (issue 17): items are noun phrases or domain nouns, never stop
words, place codes or vague words ("CA, site, top, every, vaccinated, various, named").

The competitor-style texts below are written for these tests; the corpus test reads ``dev``
postings from ../shared/corpus (never copied here) and skips without it.
"""

from __future__ import annotations

import lemminflect
import pytest

from postingstudio.core.compare import compare, compare_postings, load_compare_config
from postingstudio.core.compare.phrases import Chunker, candidates, chunks
from postingstudio.core.text import TextIndex
from postingstudio.paths import resources_dir
from tests.conftest import dev_postings

from .test_compare import _input

MINE = """Dental Hygienist – Los Angeles, CA

Join a top practice named one of the best places to work in CA. Every day you will see various
patients on site. All staff must be fully vaccinated. Our site is in Los Angeles, CA.

What you will do
- Deliver periodontal therapy and scaling to adult patients.
- Take digital radiographs with our intraoral scanner.
- Teach patients flossing techniques and plan periodontal therapy with the dentist.
- Keep the intraoral scanner calibrated and chart periodontal pockets.

Every hygienist gets a paid study day. We are vaccinated, site-based and top rated.
"""

THEIRS = [
    """Dental Receptionist, Toronto. You will answer phones, book appointments and greet patients
    at the front desk. Every day is different. We offer dental cover and a pension.""",
    """Office manager for a busy practice in Vancouver. Manage rotas, order supplies, run payroll
    and keep the books. Various duties. Competitive pay and a friendly team.""",
    """Dental Nurse wanted in Leeds. Assist the dentist chairside, sterilise instruments and
    prepare the surgery. Must be vaccinated. Top pay for the right person.""",
]

VAGUE = {"ca", "site", "top", "every", "vaccinated", "various", "named"}


@pytest.fixture(scope="module")
def spec():
    return load_compare_config(resources_dir()).distinctive


def _chunker(spec) -> Chunker:
    return Chunker(spec.stop_words, spec.generic_words, spec.place_codes, frozenset(), 3,
                   spec.corpus_words)  # fmt: skip


def _phrases(spec, sentence: str) -> list[str]:
    index = TextIndex(sentence)
    starts = frozenset(start for start, _ in index.sentences)
    found = []
    for run in chunks(_chunker(spec), sentence, index.tokens, starts):
        for low, high in candidates(run, 3):
            found.append(sentence[run[low].token.start : run[high].token.end])
    return found


def test_the_reported_vague_words_are_never_items(rulebook):
    result = compare_postings(MINE, THEIRS, rulebook)
    items = [t.term for t in result.distinctive]
    assert items, "the posting has things of its own"
    for item in items:
        assert not {w.lower() for w in item.replace("-", " ").split()} & VAGUE, item
    # What does set it apart is there, as phrases.
    lowered = {i.lower() for i in items}
    assert "periodontal therapy" in lowered and "hygienist" in lowered, items
    assert any("scanner" in item for item in lowered), items


def test_a_phrase_ends_in_a_noun_and_breaks_at_stop_words_and_places(spec):
    found = _phrases(spec, "We chart periodontal pockets in Los Angeles, CA for various clinics.")
    assert "periodontal pockets" in found and "pockets" in found
    assert "periodontal" not in found  # an adjective is never the head
    assert not any("CA" in f.split() or "various" in f for f in found)


def test_a_sentence_initial_verb_is_an_imperative_unless_a_title(spec):
    assert "Measure" not in " ".join(_phrases(spec, "Measure campaign metrics weekly."))
    assert "Design Engineer" in _phrases(spec, "Design Engineer")


def test_hyphenated_compounds_stay_whole(spec):
    found = _phrases(spec, "We hire world-class researchers and top-notch engineers.")
    assert "world-class researchers" in found
    assert "class researchers" not in found
    assert not any("notch" in f for f in found)  # "top" cannot start it, so neither can "notch"


def test_an_unknown_word_is_a_term_of_art_only_if_the_corpus_knows_it(spec):
    found = _phrases(spec, "You will tune kubernetes clusters and ofelectric lines.")
    if spec.corpus_words is None:
        pytest.skip("the corpus frequency table is not shipped")
    assert "kubernetes clusters" in found
    assert not any("ofelectric" in f for f in found)


def test_a_lone_word_needs_two_sentences_and_a_phrase_one(rulebook, spec):
    assert spec.min_word_sentences == 2 and spec.min_phrase_sentences == 1
    once = compare_postings("You will fix tandems. Paid weekly.", ["We sell cars."], rulebook)
    assert "tandems" not in {t.term for t in once.distinctive}
    twice = compare_postings(
        "You will fix tandems. Tandems are fun. Paid weekly.", ["We sell cars."], rulebook
    )
    assert "tandems" in {t.term.lower() for t in twice.distinctive}


def _domain_noun(word: str, spec) -> bool:
    classes = lemminflect.getAllLemmas(word.lower())
    if word.lower() in spec.stop_words | spec.generic_words:
        return False
    return not classes or ("NOUN" in classes and "ADJ" not in classes)


def test_twenty_dev_postings_against_five_others_give_phrases(rulebook, spec):
    """20 groups (mine + 5 competitors of the same source), from four sources."""
    groups = []
    for source in ("monster_us", "indeed_ds", "linkedin_edu", "electionline"):
        rows = dev_postings(source)
        groups += [rows[i * 6 : i * 6 + 6] for i in range(5) if len(rows) >= i * 6 + 6]
    if len(groups) < 20:
        pytest.skip("fewer than 120 dev postings in those sources")
    items = []
    for group in groups:
        inputs = [_input(r, rulebook) for r in group]
        items += [t.term for t in compare(inputs[0], inputs[1:], rulebook).distinctive]
    assert len(items) >= 20 * 6
    good = 0
    for item in items:
        words = item.split()
        assert item.lower() not in spec.stop_words, item
        assert not (len(words) == 1 and len(item) <= 3), item
        assert not (len(words) == 1 and item.lower() in spec.place_codes), item
        good += len(words) > 1 or _domain_noun(item, spec)
    assert good >= 0.8 * len(items), f"{good}/{len(items)}"
    assert not {i.lower() for i in items} & VAGUE
