"""The comparison's data: metric directions (resources/compare.toml) and fact cues
(resources/lexicons/facts.toml), loaded once into frozen objects with clear errors.

Which way is "better" for a metric is a judgement backed by a source, so it lives in data; the
closed set of direction kinds (higher, lower, target, band, rank) lives here.
"""

from __future__ import annotations

import json
import re
import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from ..rules.schema import RuleFileError

DIRECTIONS = ("higher", "lower", "target", "band", "rank")
_METRIC_KEYS = {
    "key", "label", "value", "direction", "tolerance", "format", "source",
    "cap", "target", "band_metric", "ranks",
}  # fmt: skip
_VALUE_PREFIXES = ("metrics.", "scores.")
_SPECIAL_VALUES = ("salary.kind", "sections.present")
_DISTINCTIVE_KEYS = {
    "max_competitor_share", "phrase_weight", "top_terms", "top_sentences",
    "min_sentence_words", "name_min_count", "stop_words", "common_words", "generic_words",
    "place_codes", "max_phrase_words", "min_phrase_sentences", "min_word_sentences",
    "min_word_letters", "corpus_frequencies", "min_corpus_documents",
}  # fmt: skip
_FACT_KEYS = {"label", "patterns", "benefit", "source"}


@dataclass(frozen=True, slots=True)
class MetricSpec:
    """One row of the side-by-side table and how to tell better from worse."""

    key: str
    label: str
    value: str
    direction: str
    tolerance: float = 0.0
    format: str = "g"
    source: str = ""
    cap: float | None = None
    target: float | None = None
    band_metric: str | None = None
    ranks: tuple[tuple[str, float], ...] = ()


@dataclass(frozen=True, slots=True)
class FactSpec:
    """A fact a posting may state (pay, remote work, ...), found by
    ``pattern`` on lower-cased text."""

    id: str
    label: str
    pattern: re.Pattern[str]  # case-sensitive: matched on the lower-cased text (faster)
    benefit: str | None = None
    source: str = ""


@dataclass(frozen=True, slots=True)
class DistinctiveSpec:
    """Thresholds for the terms and sentences that set one posting apart from its competitors."""

    max_competitor_share: float = 0.5
    phrase_weight: float = 1.5
    max_phrase_words: int = 3
    min_phrase_sentences: int = 1
    min_word_sentences: int = 2
    min_word_letters: int = 4
    top_terms: int = 12
    top_sentences: int = 3
    min_sentence_words: int = 5
    name_min_count: int = 2
    stop_words: frozenset[str] = field(default_factory=frozenset)
    common_words: frozenset[str] = field(default_factory=frozenset)  # matched after stemming
    generic_words: frozenset[str] = field(default_factory=frozenset)
    place_codes: frozenset[str] = field(default_factory=frozenset)
    # Stemmed words found in at least ``min_corpus_documents`` corpus postings; None: no list.
    corpus_words: frozenset[str] | None = None


@dataclass(frozen=True)
class CompareConfig:
    """The comparison's data from resources: metrics to set side by side, facts, distinctiveness."""

    metrics: tuple[MetricSpec, ...]
    facts: tuple[FactSpec, ...]
    distinctive: DistinctiveSpec


def _load(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except (OSError, tomllib.TOMLDecodeError) as error:
        raise RuleFileError(path, None, f"cannot be loaded: {error}") from None


def _metric(path: Path, raw: dict[str, Any], seen: set[str]) -> MetricSpec:
    key = str(raw.get("key", ""))
    unknown = set(raw) - _METRIC_KEYS
    if unknown:
        raise RuleFileError(path, key or None, f"unknown keys {sorted(unknown)}")
    for required in ("key", "label", "value", "direction", "source"):
        if not raw.get(required) and raw.get(required) != 0:
            raise RuleFileError(path, key or None, f"missing '{required}'")
    if key in seen:
        raise RuleFileError(path, key, "duplicate key")
    seen.add(key)
    direction = str(raw["direction"])
    if direction not in DIRECTIONS:
        raise RuleFileError(path, key, f"direction must be one of {', '.join(DIRECTIONS)}")
    value = str(raw["value"])
    if not (value.startswith(_VALUE_PREFIXES) or value in _SPECIAL_VALUES):
        raise RuleFileError(path, key, f"value '{value}' is not metrics.*, scores.* or special")
    if direction == "target" and "target" not in raw:
        raise RuleFileError(path, key, "direction 'target' needs 'target'")
    if direction == "band" and "band_metric" not in raw:
        raise RuleFileError(path, key, "direction 'band' needs 'band_metric'")
    if direction == "rank" and not raw.get("ranks"):
        raise RuleFileError(path, key, "direction 'rank' needs 'ranks'")
    ranks = tuple((str(k), float(v)) for k, v in dict(raw.get("ranks", {})).items())
    return MetricSpec(
        key=key,
        label=str(raw["label"]),
        value=value,
        direction=direction,
        tolerance=float(raw.get("tolerance", 0.0)),
        format=str(raw.get("format", "g")),
        source=str(raw["source"]),
        cap=float(raw["cap"]) if "cap" in raw else None,
        target=float(raw["target"]) if "target" in raw else None,
        band_metric=str(raw["band_metric"]) if "band_metric" in raw else None,
        ranks=ranks,
    )


def _fact(path: Path, fact_id: str, raw: dict[str, Any]) -> FactSpec:
    unknown = set(raw) - _FACT_KEYS
    if unknown:
        raise RuleFileError(path, fact_id, f"unknown keys {sorted(unknown)}")
    patterns = raw.get("patterns") or []
    if not raw.get("label") or not patterns:
        raise RuleFileError(path, fact_id, "needs 'label' and at least one pattern")
    for pattern in patterns:
        try:
            re.compile(pattern)
        except re.error as error:
            raise RuleFileError(path, fact_id, f"bad pattern {pattern!r}: {error}") from None
        if re.sub(r"\\.", "", pattern) != re.sub(r"\\.", "", pattern).lower():
            raise RuleFileError(path, fact_id, f"write pattern {pattern!r} in lower case")
    joined = "|".join(f"(?:{p})" for p in patterns)
    return FactSpec(
        id=fact_id,
        label=str(raw["label"]),
        pattern=re.compile(joined),
        benefit=raw.get("benefit"),
        source=str(raw.get("source", "")),
    )


def _corpus_words(resources: Path, name: str, minimum: int) -> frozenset[str] | None:
    """The stems of ``name``'s ``document_frequency`` table seen in ``minimum`` postings."""
    path = resources / name
    if not name or not path.is_file():
        return None  # a resources folder without the table (tests) trusts every word
    try:
        table = json.loads(path.read_text(encoding="utf-8"))["document_frequency"]
    except (OSError, ValueError, KeyError, TypeError) as error:
        raise RuleFileError(path, None, f"cannot be loaded: {error}") from None
    return frozenset(word for word, count in table.items() if count >= minimum)


def load_compare_config(resources: Path) -> CompareConfig:
    """Read ``compare.toml`` and ``lexicons/facts.toml`` under ``resources``."""
    path = resources / "compare.toml"
    data = _load(path)
    unknown = set(data) - {"schema", "metric", "distinctive"}
    if unknown:
        raise RuleFileError(path, None, f"unknown tables {sorted(unknown)}")
    seen: set[str] = set()
    metrics = tuple(_metric(path, raw, seen) for raw in data.get("metric", []))
    raw_distinctive = dict(data.get("distinctive", {}))
    unknown = set(raw_distinctive) - _DISTINCTIVE_KEYS
    if unknown:
        raise RuleFileError(path, "distinctive", f"unknown keys {sorted(unknown)}")

    def words(name: str) -> frozenset[str]:
        return frozenset(str(raw_distinctive.pop(name, "")).lower().split())

    stop, common = words("stop_words"), words("common_words")
    generic, places = words("generic_words"), words("place_codes")
    corpus_words = _corpus_words(
        resources,
        str(raw_distinctive.pop("corpus_frequencies", "")),
        int(raw_distinctive.pop("min_corpus_documents", 1)),
    )
    try:
        distinctive = DistinctiveSpec(
            stop_words=stop,
            common_words=common,
            generic_words=generic,
            place_codes=places,
            corpus_words=corpus_words,
            **raw_distinctive,
        )
    except TypeError as error:
        raise RuleFileError(path, "distinctive", str(error)) from None
    facts_path = resources / "lexicons" / "facts.toml"
    facts_data = _load(facts_path) if facts_path.is_file() else {}
    facts = tuple(
        _fact(facts_path, fact_id, raw) for fact_id, raw in facts_data.get("fact", {}).items()
    )
    return CompareConfig(metrics=metrics, facts=facts, distinctive=distinctive)


@lru_cache(maxsize=4)
def compare_config_for(resources: Path) -> CompareConfig:
    """The configuration for a resources folder, loaded once per process."""
    return load_compare_config(resources)
