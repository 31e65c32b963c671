"""The term table's matches, and the combined walk (TermScan) that finds the same matches as
walking each table on its own."""

from __future__ import annotations

from postingstudio.core.rules.terms import TermScan, TermTable
from postingstudio.core.text import TextIndex


def _table(*terms: str) -> TermTable[str]:
    table: TermTable[str] = TermTable()
    for term in terms:
        table.add(term, term)
    return table


TEXT = (
    "We offer a competitive salary for this job. Duties include travel. You are a fast-paced "
    "self-starter in a fast paced team; competition is friendly. Competitive pay\nand dental cover."
)


def test_phrases_and_stems_match_longest_first():
    table = _table("competitive salary", "compet*", "fast paced", "dental")
    found = [(TEXT_INDEX.tokens[a].norm, b - a, term) for a, b, term in table.find_in(TEXT_INDEX)]
    assert ("competitive", 2, "competitive salary") in found
    assert ("competition", 1, "compet*") in found
    assert sum(1 for *_rest, term in found if term == "fast paced") == 2


def test_phrases_stop_at_sentence_ends_only_when_asked():
    table = _table("job duties", "pay and dental")
    within = [term for _a, _b, term in table.find_in(TextIndex(TEXT))]
    across = [term for _a, _b, term in table.find_in(TextIndex(TEXT), within_sentences=False)]
    assert within == []
    assert across == ["job duties", "pay and dental"]


def test_a_scan_finds_what_each_table_finds_alone():
    tables = [
        _table("competitive salary", "compet*", "salary"),
        _table("fast paced", "self starter", "team"),
        _table("dental cover", "dental", "travel"),
        _table("nothing here at all"),
        # common first words that start only longer phrases (the scan checks the next word)
        _table("a fast paced", "in a team", "and dental cover", "for this role"),
    ]
    alone = TextIndex(TEXT)
    scanned = TextIndex(TEXT)
    TermScan(tables).run(scanned)
    for table in tables:
        assert table in scanned.term_starts
        for within in (True, False):
            assert list(table.find_in(scanned, within)) == list(table.find_in(alone, within))


def test_a_scan_notices_terms_added_after_it_learnt_a_word():
    table = _table("salary")
    scan = TermScan([table])
    first = TextIndex(TEXT)
    scan.run(first)
    assert [t for *_r, t in table.find_in(first)] == ["salary"]
    table.add("dental", "dental")
    second = TextIndex(TEXT)
    scan.run(second)
    assert [t for *_r, t in table.find_in(second)] == ["salary", "dental"]


TEXT_INDEX = TextIndex(TEXT)
