"""Readability is textstat's, computed offline: the same numbers on punctuated prose, bullets
counted as sentences, and never an NLTK download."""

from __future__ import annotations

import subprocess
import sys

import pytest

from postingstudio.core.readability import SentenceStats, measure
from postingstudio.core.syllables import count_syllables, import_textstat
from postingstudio.core.text import TextIndex

PROSE = [
    "You will lead a small team that builds our mobile app. You will talk to customers every "
    "week and decide what we build next. We pay well and we train everyone who joins us.",
    "The successful candidate will be responsible for the implementation of comprehensive "
    "organisational strategies. Responsibilities include coordination of interdepartmental "
    "communication and facilitation of stakeholder engagement initiatives.",
    "Our clinic is open six days a week. Nurses work three long shifts and get every other "
    "weekend off. Parking is free and lunch is on us on Fridays.",
]


@pytest.mark.parametrize("text", PROSE)
def test_matches_textstat_on_punctuated_prose(text):
    textstat = import_textstat()
    ours = measure(TextIndex(text))
    assert ours.flesch_reading_ease == pytest.approx(textstat.flesch_reading_ease(text), abs=0.5)
    assert ours.flesch_kincaid_grade == pytest.approx(textstat.flesch_kincaid_grade(text), abs=0.2)
    assert ours.gunning_fog == pytest.approx(textstat.gunning_fog(text), abs=0.3)
    assert ours.smog_index == pytest.approx(textstat.smog_index(text), abs=0.3)
    assert ours.dale_chall == pytest.approx(textstat.dale_chall_readability_score(text), abs=0.3)
    assert ours.reading_time_s == pytest.approx(textstat.reading_time(text), abs=0.05)


def test_bullets_are_sentences_not_one_run_on():
    bullets = "\n".join(["Build dashboards for the sales team"] * 12)
    ours = measure(TextIndex(bullets))
    assert ours.sentences == 12
    textstat = import_textstat()
    # textstat sees one 72-word "sentence" and a grade far above ours.
    assert textstat.flesch_kincaid_grade(bullets) > ours.flesch_kincaid_grade + 10


def test_words_run_together_are_read_as_their_words():
    # A posting that lost its spaces is read as the words it is made of, not as one word of
    # a dozen syllables (which gave grades of 80).
    glued = measure(TextIndex("Planandscheduledeliveriesforourwarehousecustomers."))
    spaced = measure(TextIndex("Plan and schedule deliveries for our warehouse customers."))
    assert (glued.words, glued.syllables) == (spaced.words, spaced.syllables)
    assert glued.words == 8
    # A real long word stays one word.
    assert measure(TextIndex("Internationalization matters.")).words == 2


def test_syllables_come_from_the_cmu_dictionary_and_pyphen():
    assert count_syllables("responsibility") == 6
    assert count_syllables("team") == 1
    assert count_syllables("kubernetes") >= 3  # not in CMU: Pyphen's hyphenation fallback


def test_no_nltk_download_is_ever_attempted():
    """With NLTK's downloader booby-trapped, readability still works and NLTK is not loaded."""
    code = (
        "import sys, types\n"
        "from postingstudio.core.readability import measure\n"
        "from postingstudio.core.text import TextIndex\n"
        "r = measure(TextIndex('Our extraordinary opportunity awaits you. Apply today.'))\n"
        "t = __import__('postingstudio.core.syllables', fromlist=['x']).import_textstat()\n"
        "g = t.flesch_kincaid_grade('Our extraordinary opportunity awaits you.')\n"
        "print('OK', r.words, round(g, 1), 'nltk' in sys.modules)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60,
        env={"NLTK_DATA": "/nonexistent", "PATH": "/usr/bin:/bin"},
    )  # fmt: skip
    assert out.returncode == 0, out.stderr[-2000:]
    ok, words, _grade, nltk_loaded = out.stdout.split()
    assert ok == "OK" and int(words) == 7 and nltk_loaded == "False"


def test_per_sentence_counts_read_back_as_sentence_stats():
    # Kept as int columns (a long list has as many sentences as lines); read as objects.
    text = "We build bridges.\nYou will design them carefully and well.\nApply"
    per = measure(TextIndex(text)).per_sentence
    assert len(per) == 3
    assert [text[s.start : s.end] for s in per] == [
        "We build bridges.",
        "You will design them carefully and well.",
        "Apply",
    ]
    assert per[1] == SentenceStats(per[1].start, per[1].end, 7, per[1].syllables, 1)  # carefully
    assert per[1].syllables == sum(
        count_syllables(w) for w in "you will design them carefully and well".split()
    )
    assert per[-1].words == 1 and per[1:] == (per[1], per[2])
    assert per == tuple(per) and measure(TextIndex(text)).per_sentence == per
