"""What makes my posting different: TF-IDF over the compared set, on the noun phrases of
``phrases`` (lightly stemmed), with the sentence of mine that first uses each item.

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
from .phrases import Chunker, candidates, chunks, noun_only, stem
from .types import DistinctiveSentence, DistinctiveTerm, Evidence, evidence_at


@dataclass
class _Terms:
    counts: Counter[str] = field(default_factory=Counter)  # in how many of mine's sentences
    first: dict[str, tuple[int, int]] = field(default_factory=dict)
    surfaces: dict[str, Counter[str]] = field(default_factory=dict)
    single_ok: set[str] = field(default_factory=set)  # words that may be shown on their own
    # (sentence start, sentence end, keys in it, phrase-word count)
    sentences: list[tuple[int, int, set[str], int]] = field(default_factory=list)


def _overlaps(start: int, end: int, spans: tuple[tuple[int, int], ...]) -> bool:
    return any(s < end and start < e for s, e in spans)


@lru_cache(maxsize=8)
def _stems(words: frozenset[str]) -> frozenset[str]:
    return frozenset(stem(word) for word in words)


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


def _chunker(spec: DistinctiveSpec, skip: set[str]) -> Chunker:
    return Chunker(
        stop=spec.stop_words,
        generic=spec.generic_words,
        places=spec.place_codes,
        skip=frozenset(skip),
        max_words=spec.max_phrase_words,
        known=spec.corpus_words,
    )


def _collect(p: Prepared, spec: DistinctiveSpec, skip: set[str]) -> _Terms:
    terms = _Terms()
    chunker = _chunker(spec, skip)
    common = _stems(spec.common_words)
    text = p.index.text
    tokens = p.index.tokens
    starts = frozenset(start for start, _ in p.index.sentences)
    position = 0
    for s_start, s_end in p.index.sentences:
        while position < len(tokens) and tokens[position].start < s_start:
            position += 1
        first = position
        while position < len(tokens) and tokens[position].start < s_end:
            position += 1
        if _overlaps(s_start, s_end, p.boilerplate):
            continue
        keys: set[str] = set()
        words = 0
        for run in chunks(chunker, text, tokens[first:position], starts):
            words += len(run)
            stems = [stem(word.token.norm) for word in run]
            for low, high in candidates(run, chunker.max_words):
                key = " ".join(stems[low : high + 1])
                token = run[high].token
                if low == high and len(stems[high]) >= spec.min_word_letters:
                    if stems[high] not in common and noun_only(token.norm):
                        terms.single_ok.add(key)
                start, end = run[low].token.start, token.end
                keys.add(key)
                terms.first.setdefault(key, (start, end))
                terms.surfaces.setdefault(key, Counter())[text[start:end]] += 1
        terms.counts.update(keys)  # a sentence counts once: the item's document frequency
        terms.sentences.append((s_start, s_end, keys, words))
    return terms


def vocabulary(p: Prepared) -> tuple[frozenset[str], frozenset[str]]:
    """(every word as typed, every stemmed word and run of up to three) of a competitor.

    Looser than what mine is counted with (no stop words, runs across punctuation), so a term
    of mine only counts as distinctive when no competitor uses it in any form."""
    cached = p.memo.get("vocabulary")
    if cached is None:
        norms = [t.norm for t in p.index.tokens]
        stems = [stem(n) for n in norms]
        keys = set(stems)
        keys.update(f"{a} {b}" for a, b in zip(stems, stems[1:], strict=False))
        keys.update(f"{a} {b} {c}" for a, b, c in zip(stems, stems[1:], stems[2:], strict=False))
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


def _eligible(key: str, count: int, mine: _Terms, spec: DistinctiveSpec) -> bool:
    """A phrase must occur in ``min_phrase_sentences`` of mine's sentences; a word on its own
    must be a noun of ``min_word_letters`` or more, outside the common words, in at least
    ``min_word_sentences`` (once, a lone word tells a candidate little)."""
    if " " in key:
        return count >= spec.min_phrase_sentences
    return key in mine.single_ok and count >= spec.min_word_sentences


def _contains(longer: str, shorter: str) -> bool:
    return f" {shorter} " in f" {longer} "


def _weights(
    mine: _Terms, theirs: list[frozenset[str]], spec: DistinctiveSpec, total: int
) -> dict[str, tuple[float, int]]:
    allowed = math.floor(spec.max_competitor_share * (total - 1) + 1e-9)
    weights: dict[str, tuple[float, int]] = {}
    for key, count in mine.counts.items():
        if not _eligible(key, count, mine, spec):
            continue
        using = sum(1 for keys in theirs if key in keys)
        if using > allowed:
            continue
        weight = (1.0 + math.log(count)) * math.log((1 + total) / (1 + using))
        if " " in key:
            weight *= spec.phrase_weight
        # Among equals, a phrase whose words recur in mine is more central to it.
        support = sum(math.log(mine.counts.get(word, 1)) for word in key.split(" "))
        weights[key] = (weight + 0.01 * support, using)
    return weights


def _overlap(a: str, b: str) -> bool:
    """Whether two items say the same thing: one inside the other, or sharing two words in a
    row ("equivalent communications OSP", "communications OSP engineering")."""
    if _contains(a, b) or _contains(b, a):
        return True
    words = b.split(" ")
    return any(_contains(a, f"{x} {y}") for x, y in zip(words, words[1:], strict=False))


def _choose(weights: dict[str, tuple[float, int]], mine: _Terms, top: int) -> list[str]:
    ranked = sorted(weights, key=lambda k: (-weights[k][0], mine.first[k][0]))
    chosen: list[str] = []
    for key in ranked:
        if len(chosen) >= top:
            break
        if any(_overlap(c, key) for c in chosen):
            continue  # the same item again, shorter, longer or shifted
        chosen.append(key)
    return chosen


def distinctive(
    prepared: list[Prepared], spec: DistinctiveSpec
) -> tuple[list[DistinctiveTerm], list[DistinctiveSentence]]:
    """Top distinctive noun phrases of ``prepared[0]`` against the rest, and its most
    distinctive sentences (summed item weight over the square root of its phrase words)."""
    competitors = prepared[1:]
    if not competitors:
        return [], []
    vocabularies = [vocabulary(p) for p in competitors]
    others_words = [words for words, _keys in vocabularies]
    skip = _names(prepared[0], others_words, spec)
    if prepared[0].company:
        skip |= {t.norm for t in tokenize(prepared[0].company)}
    mine = _collect(prepared[0], spec, skip)
    weights = _weights(mine, [keys for _words, keys in vocabularies], spec, len(prepared))
    chosen = _choose(weights, mine, spec.top_terms)
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
