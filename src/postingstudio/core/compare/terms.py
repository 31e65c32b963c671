"""What makes my posting different: TF-IDF over the compared set, on lightly stemmed words and
two-word phrases, with the sentence of mine that first uses each term.

Terms come from body sentences only: equal-opportunity lines, page headers/footers, the
company's own name and other names (words always capitalised in mine and absent from every
competitor) would top the list while telling a candidate nothing about the job.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from functools import lru_cache

from ..text import tokenize
from .config import DistinctiveSpec
from .offer import Prepared
from .types import DistinctiveSentence, DistinctiveTerm, Evidence, evidence_at

# Text allowed between two tokens for them to form a two-word phrase ("fast-paced", "CI/CD").
_JOINERS = frozenset(("", "-", "/", "–"))


@lru_cache(maxsize=8192)
def stem(word: str) -> str:
    """A deliberately crude suffix strip, enough to meet "analytics"/"analytic" and
    "managing"/"manage"; it only groups words, the shown term keeps the writer's spelling."""
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 5 and word.endswith("ing"):
        word = word[:-3]
    elif len(word) > 4 and word.endswith("ed"):
        word = word[:-2]
    elif len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        word = word[:-1]
    if len(word) > 4 and word.endswith("e"):
        word = word[:-1]
    return word


@dataclass
class _Terms:
    counts: Counter[str] = field(default_factory=Counter)
    first: dict[str, tuple[int, int]] = field(default_factory=dict)
    surfaces: dict[str, Counter[str]] = field(default_factory=dict)
    # (sentence start, sentence end, keys in it, content-word count)
    sentences: list[tuple[int, int, set[str], int]] = field(default_factory=list)


def _overlaps(start: int, end: int, spans: tuple[tuple[int, int], ...]) -> bool:
    return any(s < end and start < e for s, e in spans)


@lru_cache(maxsize=8)
def _stems(words: frozenset[str]) -> frozenset[str]:
    return frozenset(stem(word) for word in words)


def _content(norm: str, surface: str, stop: frozenset[str], common: frozenset[str]) -> bool:
    if norm in stop or norm[0] == "*" or norm.isdigit() or stem(norm) in common:
        return False
    if not any(ch.isalpha() for ch in norm):
        return False
    return len(norm) >= 3 or (len(surface) >= 2 and surface.isupper())


def _names(mine: Prepared, others: Sequence[AbstractSet[str]], spec: DistinctiveSpec) -> set[str]:
    """Words that look like names: nearly always capitalised (not acronyms), at least once in
    the middle of a sentence, often enough, and never used by a competitor."""
    seen: Counter[str] = Counter()
    capitalised: Counter[str] = Counter()
    mid_sentence: set[str] = set()
    text = mine.index.text
    starts = {start for start, _ in mine.index.sentences}
    for token in mine.index.tokens:
        seen[token.norm] += 1
        surface = text[token.start : token.end]
        if surface[:1].isupper() and not surface.isupper():
            capitalised[token.norm] += 1
            if token.start not in starts:
                mid_sentence.add(token.norm)
    return {
        norm
        for norm, count in capitalised.items()
        if count >= spec.name_min_count
        and count >= 0.8 * seen[norm]  # "Think Academy … to think critically" is still a name
        and norm in mid_sentence
        and not any(norm in words for words in others)
    }


def _collect(p: Prepared, spec: DistinctiveSpec, skip: set[str], keep: bool) -> _Terms:
    terms = _Terms()
    stop, common = spec.stop_words, _stems(spec.common_words)
    text = p.index.text
    tokens = p.index.tokens
    position = 0
    content: dict[str, bool] = {}
    for s_start, s_end in p.index.sentences:
        while position < len(tokens) and tokens[position].start < s_start:
            position += 1
        keys: set[str] = set()
        content_words = 0
        previous: tuple[str, int, int] | None = None  # key, start, token end
        skip_sentence = _overlaps(s_start, s_end, p.boilerplate)
        while position < len(tokens) and tokens[position].start < s_end:
            token = tokens[position]
            position += 1
            if skip_sentence:
                continue
            norm = token.norm
            is_content = content.get(norm)
            if is_content is None:
                surface = text[token.start : token.end]
                is_content = norm not in skip and _content(norm, surface, stop, common)
                if len(norm) >= 3:  # shorter words count only as acronyms: ask each time
                    content[norm] = is_content
            if not is_content:
                previous = None
                continue
            content_words += 1
            key = stem(norm)
            found = [(key, token.start, token.end)]
            if previous is not None and text[previous[2] : token.start].strip() in _JOINERS:
                found.append((f"{previous[0]} {key}", previous[1], token.end))
            previous = (key, token.start, token.end)
            for found_key, start, end in found:
                terms.counts[found_key] += 1
                keys.add(found_key)
                if keep:
                    terms.first.setdefault(found_key, (start, end))
                    terms.surfaces.setdefault(found_key, Counter())[text[start:end]] += 1
        if keep and not skip_sentence:
            terms.sentences.append((s_start, s_end, keys, content_words))
    return terms


def vocabulary(p: Prepared) -> tuple[frozenset[str], frozenset[str]]:
    """(every word as typed, every stemmed word and adjacent stemmed pair) of a competitor.

    Looser than what mine is counted with (no stop words, pairs across punctuation), so a term
    of mine only counts as distinctive when no competitor uses it in any form."""
    cached = p.memo.get("vocabulary")
    if cached is None:
        norms = [t.norm for t in p.index.tokens]
        stems = [stem(n) for n in norms]
        keys = set(stems)
        keys.update(f"{a} {b}" for a, b in zip(stems, stems[1:], strict=False))
        cached = (frozenset(norms), frozenset(keys))
        p.memo["vocabulary"] = cached
    return cached  # type: ignore[return-value]


def _display(surfaces: Counter[str]) -> str:
    """The writer's most frequent spelling; lower-cased unless it is an acronym or a name."""
    best = surfaces.most_common(1)[0][0]
    lowered = {s.lower() for s in surfaces}
    if any(s == s.lower() for s in surfaces) or len(lowered) > 1:
        return best.lower() if not best.isupper() else best
    return best


def distinctive(
    prepared: list[Prepared], spec: DistinctiveSpec
) -> tuple[list[DistinctiveTerm], list[DistinctiveSentence]]:
    """Top distinctive terms of ``prepared[0]`` against the rest, and its most distinctive
    sentences (summed term weight over the square root of its content words)."""
    competitors = prepared[1:]
    if not competitors:
        return [], []
    vocabularies = [vocabulary(p) for p in competitors]
    others_words = [words for words, _keys in vocabularies]
    skip = _names(prepared[0], others_words, spec)
    if prepared[0].company:
        skip |= {t.norm for t in tokenize(prepared[0].company)}
    mine = _collect(prepared[0], spec, skip, keep=True)
    theirs = [keys for _words, keys in vocabularies]
    allowed = math.floor(spec.max_competitor_share * len(competitors) + 1e-9)
    total = len(prepared)
    weights: dict[str, tuple[float, int]] = {}
    for key, count in mine.counts.items():
        using = sum(1 for keys in theirs if key in keys)
        if using > allowed:
            continue
        weight = (1.0 + math.log(count)) * math.log((1 + total) / (1 + using))
        if " " in key:
            if count < spec.min_bigram_count:
                continue  # a phrase used once says no more than its two words
            weight *= spec.bigram_weight
        weights[key] = (weight, using)
    ranked = sorted(weights, key=lambda k: (-weights[k][0], mine.first[k][0]))
    chosen: list[str] = []
    for key in ranked:
        if len(chosen) >= spec.top_terms:
            break
        if " " not in key and any(
            key in c.split(" ") and mine.counts[c] == mine.counts[key] for c in chosen
        ):
            continue  # only ever used inside a phrase already shown
        chosen.append(key)
    index = prepared[0].index
    terms = [
        DistinctiveTerm(
            term=_display(mine.surfaces[key]),
            weight=weights[key][0],
            count=mine.counts[key],
            competitors_using=weights[key][1],
            evidence=evidence_at(index, *mine.first[key]),
        )
        for key in chosen
    ]
    sentences: list[DistinctiveSentence] = []
    for s_start, s_end, keys, words in mine.sentences:
        scored = [k for k in keys if k in weights]
        if words < spec.min_sentence_words or not scored:
            continue
        total_weight = sum(weights[k][0] for k in scored) / math.sqrt(words)
        top = sorted(scored, key=lambda k: (-weights[k][0], mine.first[k][0], k))[:3]
        evidence = Evidence(s_start, s_end, index.text[s_start:s_end], s_start, s_end)
        labels = tuple(_display(mine.surfaces[k]) for k in top)
        sentences.append(DistinctiveSentence(evidence, total_weight, labels))
    sentences.sort(key=lambda s: (-s.weight, s.evidence.start))
    return terms, sentences[: spec.top_sentences]
