"""The section checklist: which of the ten sections a posting has, which are thin, and where the
template of a missing one would go; plus one finding per missing or thin section.

A section is found from a heading (a heading block, a short heading-like line, or an inline
"Requirements:" / "RESPONSIBILITIES" in flattened job-board text) or, without one, from content
cues counted per sentence. What counts, how many hits are enough and every message are data
(``resources/sections/<lang>/*.toml``, see ``docs/sections.md``); the salary section takes its
state from :func:`salary.classify_salary`.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, field

from .model import BlockKind, Posting
from .report import SalaryInfo, SectionResult, SectionState
from .rules.terms import TermTable
from .salary import salary_section_state
from .sections_findings import insert_at, section_end, section_findings
from .sections_learned import SectionModel, combine
from .sections_marks import RuleMarks
from .sections_spec import (
    HEADING,
    START,
    CueMatcher,
    PerSpecSet,
    SectionSpec,
    load_section_specs,
)
from .text import TextIndex

__all__ = [
    "SectionSpec",
    "detect_sections",
    "load_section_specs",
    "rule_marks",
    "section_findings",
]

_BULLETS = frozenset("•·●▪◦‣-–*:;|¢>)")
_MAX_HEADING_TOKENS = 10
_MATCHERS: PerSpecSet[CueMatcher] = PerSpecSet(CueMatcher)  # one matcher per spec set


def _matcher(specs: tuple[SectionSpec, ...]) -> CueMatcher:
    return _MATCHERS.get(specs)


def keep_matcher(specs: tuple[SectionSpec, ...], matcher: CueMatcher) -> None:
    """Use ``matcher``, built from ``specs`` earlier, for them (the rule book's cache holds it)."""
    _MATCHERS.keep(specs, matcher)


def section_cue_table(specs: tuple[SectionSpec, ...]) -> TermTable[tuple[int, int, int]]:
    """The term table of all headings and cues of a spec set (for ``rules.terms.TermScan``)."""
    return _matcher(specs).table


@dataclass
class _Found:
    """What was seen for one section: headings (start, heading end, body end, title) and cue hits
    per group (key -> (start, end))."""

    headings: list[tuple[int, int, int, str]] = field(default_factory=list)
    hits: list[dict[object, tuple[int, int]]] = field(default_factory=list)


def _opens_line(
    text: str, starts: Sequence[int], ends: Sequence[int], i: int, sentence_starts: Sequence[int]
) -> bool:
    """Does token ``i`` open a sentence, a line or a bullet? (for action-verb cues)"""
    if i == 0:
        return True
    start = starts[i]
    s = bisect_right(sentence_starts, start) - 1
    if s >= 0 and ends[i - 1] <= sentence_starts[s]:
        return True
    gap = text[ends[i - 1] : start]
    return "\n" in gap or not _BULLETS.isdisjoint(gap)  # (isdisjoint walks the gap in C)


def _heading_blocks(
    posting: Posting, text: str, starts: Sequence[int]
) -> list[tuple[int, int, int, int, bool]]:
    """(start, end, first token, end token, is a heading block) of blocks that read as headings."""
    found = []
    block_starts = posting.block_starts
    count = len(block_starts)
    for number, block in enumerate(posting.blocks):
        start = block_starts[number]
        end = block_starts[number + 1] - 1 if number + 1 < count else len(text)
        first, last = bisect_left(starts, start), bisect_left(starts, end)
        words = last - first
        if not words or words > _MAX_HEADING_TOKENS + 4:
            continue
        kind = block.kind
        if kind is BlockKind.HEADING:
            found.append((start, end, first, last, True))
        elif words <= 8 and kind is not BlockKind.LIST_ITEM:
            stripped = text[start:end].rstrip()
            if stripped.endswith(":") or not stripped.endswith((".", "!", "?", ",", ";")):
                found.append((start, end, first, last, False))
    return found


def _find(
    posting: Posting,
    index: TextIndex,
    specs: tuple[SectionSpec, ...],
    starts: Sequence[int],
    events: list[tuple[int, int, int]] | None = None,
) -> list[_Found]:
    """What each spec's headings and cues found; ``events`` (when given) gets every cue hit that
    counted, as (offset, spec, group), for the learned model's rule marks."""
    text, ends = index.text, index.ends
    sentence_starts = index.sentence_starts
    found = [_Found(hits=[{} for _ in spec.cues]) for spec in specs]
    # Hits sorted once: heading phrases, and content cues of the specs that claim their
    # sentences (recorded first) and of the others. Action-verb cues count only when they
    # open a sentence, a line or a bullet.
    heading_hits: list[tuple[int, int, int]] = []  # (spec, first token, end token)
    cue_hits: dict[bool, list[tuple[int, int, int, int]]] = {True: [], False: []}
    for first, last, (kind, s, g) in _matcher(specs).find(index):
        if kind == HEADING:
            heading_hits.append((s, first, last))
        elif kind != START or _opens_line(text, starts, ends, first, sentence_starts):
            cue_hits[specs[s].claims_sentences].append((s, g, first, last))
    blocks = _heading_blocks(posting, text, starts)
    block_of_token: dict[int, int] = {}
    for number, (_start, _end, first, last, _h) in enumerate(blocks):
        for t in range(first, last):
            block_of_token[t] = number
    # Only real headings end a section: a short unpunctuated line may just be a list item.
    boundaries = {
        start
        for start, end, _f, _l, is_heading in blocks
        if is_heading or text[start:end].rstrip().endswith(":")
    }
    headings: list[tuple[int, int, int]] = []  # (spec, start, heading end)
    matched_blocks: set[tuple[int, int]] = set()
    for s, first, last in heading_hits:
        block_number = block_of_token.get(first)
        if block_number is not None and block_of_token.get(last - 1) == block_number:
            b_start, b_end, b_first, b_last, _h = blocks[block_number]
            # The phrase must be most of the heading, or open a short one ("Benefits and perks"),
            # so "Senior Engineer - Core Team" is not a team section.
            size = b_last - b_first
            if (last - first) * 2 >= size or (first == b_first and size <= last - first + 3):
                if (s, block_number) not in matched_blocks:
                    matched_blocks.add((s, block_number))
                    headings.append((s, b_start, b_end))
                    boundaries.add(b_start)
            continue
        # Inline heading in flattened text: "Requirements:" or "KEY RESPONSIBILITIES", opening a
        # sentence, line or bullet ("Business Applications:" is not a section).
        if not _opens_line(text, starts, ends, first, sentence_starts):
            continue
        start, end = starts[first], ends[last - 1]
        after = text[end : end + 3].lstrip(" \t*")
        written = text[start:end]
        caps = sum(ch.isupper() for ch in written) >= 4 and not any(ch.islower() for ch in written)
        if after.startswith((":", "–", "—")) or caps:
            if after.startswith((":", "–", "—")):
                end = text.index(after[0], end) + 1
            headings.append((s, start, end))
            boundaries.add(start)
    patterned = [
        (s, spec.heading_patterns) for s, spec in enumerate(specs) if spec.heading_patterns
    ]
    for number, (b_start, b_end, _f, _l, _h) in enumerate(
        blocks
    ):  # pattern headings ("About Acme")
        title = text[b_start:b_end].strip().rstrip(":").strip().lower()
        for s, patterns in patterned:
            if (s, number) not in matched_blocks and any(p.search(title) for p in patterns):
                headings.append((s, b_start, b_end))
                boundaries.add(b_start)
    ordered = sorted(boundaries)
    for s, start, end in headings:
        following = bisect_right(ordered, start)
        body_end = ordered[following] if following < len(ordered) else len(text)
        body_end = max(body_end, end)
        found[s].headings.append(
            (start, end, body_end, text[start:end].strip().rstrip(":–—").strip())
        )
    lower = text.lower()
    if len(lower) != len(text):  # a few characters change length when lower-cased
        lower = "".join(ch if len(ch.lower()) != 1 else ch.lower() for ch in text)
    claimed: set[int] = set()
    unless_cache: dict[tuple[int, int, int], bool] = {}
    for pass_claims in (True, False):
        for s, g, first, last in cue_hits[pass_claims]:
            start, end = starts[first], ends[last - 1]
            _record(found[s], specs[s], s, g, lower, sentence_starts, start, end, claimed,
                    unless_cache, events)  # fmt: skip
        for s, spec in enumerate(specs):
            if spec.claims_sentences != pass_claims:
                continue
            for g, group in enumerate(spec.cues):
                for pattern in group.patterns:
                    for match in pattern.finditer(text if pattern.original_case else lower):
                        start = match.start()
                        if pattern.word_start and start and lower[start - 1].isalnum():
                            continue
                        _record(found[s], spec, s, g, lower, sentence_starts, start, match.end(),
                                claimed, unless_cache, events)  # fmt: skip
    return found


def _record(
    found, spec, s, g, lower, sentence_starts, start, end, claimed, unless_cache, events
) -> None:
    group = spec.cues[g]
    sentence = max(0, bisect_right(sentence_starts, start) - 1)
    if not spec.claims_sentences and not spec.ignores_claims and sentence in claimed:
        return
    if group.unless_patterns:
        key = (s, g, sentence)
        blocked = unless_cache.get(key)
        if blocked is None:
            s_start = sentence_starts[sentence] if sentence_starts else 0
            s_end = (
                sentence_starts[sentence + 1] if sentence + 1 < len(sentence_starts) else len(lower)
            )
            blocked = unless_cache[key] = any(
                p.regex.search(lower, s_start, s_end) for p in group.unless_patterns
            )
        if blocked:
            return
    if spec.claims_sentences:
        claimed.add(sentence)
    if events is not None:
        events.append((start, s, g))
    key2: object
    if group.count == "sentences":
        key2 = sentence
    elif group.count == "distinct":
        key2 = lower[start:end]
    else:
        key2 = start
    found.hits[g].setdefault(key2, (start, end))


def _quote(text: str, span: tuple[int, int]) -> str:
    snippet = " ".join(text[span[0] : span[1]].split())
    return snippet if len(snippet) <= 40 else snippet[:37] + "…"


def _state(
    spec: SectionSpec, seen: _Found, text: str, starts: Sequence[int]
) -> tuple[SectionState, str, tuple[int, int] | None]:
    labels = spec.labels
    counts: dict[str, int] = {}
    satisfied: dict[str, bool] = {}
    hits: dict[str, dict[object, tuple[int, int]]] = {}
    for group, group_hits in zip(spec.cues, seen.hits, strict=True):
        name = group.name
        hits[name] = group_hits
        counts[name] = len(group_hits)
        satisfied[name] = len(group_hits) >= group.min

    # Quotes and the cue span are only needed for some verdicts: worked out on demand.
    def example(name: str) -> str:
        return _quote(text, min(hits[name].values()))

    def cue_span() -> tuple[int, int] | None:
        spans = [span for h in seen.hits for span in h.values()]
        return (min(s for s, _ in spans), max(e for _, e in spans)) if spans else None

    hint = f" — {spec.thin_hint}" if spec.thin_hint else ""
    if seen.headings:
        best = max(
            seen.headings, key=lambda h: bisect_left(starts, h[2]) - bisect_left(starts, h[1])
        )
        start, head_end, body_end, title = best
        words = sum(bisect_left(starts, h[2]) - bisect_left(starts, h[1]) for h in seen.headings)
        span = (min(h[0] for h in seen.headings), max(h[2] for h in seen.headings))
        lacking = [labels[n] for n in spec.heading_requires if not satisfied[n]]
        if words >= spec.heading_min_words and not lacking:
            return SectionState.PRESENT, f"Heading “{title}” followed by {words} words", span
        if not any(satisfied[n] for n in spec.present_any) and not (
            spec.present_requires and all(satisfied[n] for n in spec.present_requires)
        ):
            if lacking:
                return (
                    SectionState.THIN,
                    f"Heading “{title}” but no {' or '.join(lacking)}{hint}",
                    span,
                )
            return SectionState.THIN, f"Heading “{title}” has only {words} words{hint}", span
    enough = [n for n in spec.present_any if satisfied[n]]
    if enough or (spec.present_requires and all(satisfied[n] for n in spec.present_requires)):
        found = "; ".join(
            f"{counts[n]} {labels[n]} (e.g. ‘{example(n)}’)"
            for n in (enough or spec.present_requires)
        )
        prefix = "" if seen.headings else "No heading; found "
        return SectionState.PRESENT, f"{prefix}{found}".strip(), cue_span()
    have = [n for n in spec.thin_groups if counts.get(n)]
    if have:
        lacking = [labels[n] for n in spec.present_requires if not counts.get(n)]
        said = ", ".join(f"‘{example(n)}’" for n in have)
        missing = f"; no {' or '.join(lacking)}" if lacking else ""
        return SectionState.THIN, f"Only {said}{missing}{hint}", cue_span()
    wanted = [labels[n] for n in (spec.present_requires or spec.thin_groups)]
    return SectionState.MISSING, f"No heading and no {' or '.join(wanted) or 'cues'} found", None


def _lacking(spec: SectionSpec, seen: _Found) -> tuple[str, ...]:
    """The cue groups a present section needs that were not found (enough)."""
    needed = dict.fromkeys((*spec.heading_requires, *spec.present_requires))
    return tuple(
        group.name
        for group, hits in zip(spec.cues, seen.hits, strict=True)
        if group.name in needed and len(hits) < group.min
    )


def _marks(
    specs: tuple[SectionSpec, ...], found: list[_Found], events: list[tuple[int, int, int]]
) -> RuleMarks:
    headings = [
        (start, body_end, s)
        for s, seen in enumerate(found)
        for start, _end, body_end, _title in seen.headings
    ]
    return RuleMarks(specs, events, headings)


def rule_marks(posting: Posting, index: TextIndex, specs: tuple[SectionSpec, ...]) -> RuleMarks:
    """The rules' cue hits and headings as the learned model reads them (for the trainer)."""
    events: list[tuple[int, int, int]] = []
    found = _find(posting, index, specs, index.starts, events)
    return _marks(specs, found, events)


def detect_sections(
    posting: Posting,
    index: TextIndex,
    specs: tuple[SectionSpec, ...],
    salary: SalaryInfo,
    model: SectionModel | None = None,
) -> tuple[SectionResult, ...]:
    """One :class:`SectionResult` per spec, in spec order; ``model`` (the shipped learned
    weights) has its say on the sections its data names."""
    text = index.text
    starts = index.starts
    events: list[tuple[int, int, int]] | None = (
        [] if model is not None and model.reads_marks else None
    )
    found = _find(posting, index, specs, starts, events)
    states: list[tuple[SectionState, str, tuple[int, int] | None]] = []
    for spec, seen in zip(specs, found, strict=True):
        if spec.derived == "salary":
            state, reason = salary_section_state(salary)
            span = (salary.start, salary.end) if salary.start is not None else None
            states.append((state, reason, span))  # type: ignore[arg-type]
        else:
            states.append(_state(spec, seen, text, starts))
    if model is not None:
        labels = [(spec.id, spec.label) for spec in specs]
        marks = None if events is None else _marks(specs, found, events)
        states = combine(model, text, labels, states, sentences=index.sentences, marks=marks)
    spans = {
        spec.id: span for spec, (_, _, span) in zip(specs, states, strict=True) if span is not None
    }
    results = []
    for spec, seen, (state, reason, span) in zip(specs, found, states, strict=True):
        # A thin section's template goes after what is already there; a missing one's goes
        # after its neighbour (insert_after) or at the start/end of the posting.
        insert = (
            section_end(posting, max(span[0], span[1] - 1))
            if span
            else insert_at(spec, posting, spans, text)
        )
        additions = spec.additions(_lacking(spec, seen)) if state is SectionState.THIN else ""
        results.append(
            SectionResult(
                spec.id, spec.label, state, reason, span[0] if span else None,
                span[1] if span else None, insert, spec.template, additions,
            )
        )  # fmt: skip
    return tuple(results)
