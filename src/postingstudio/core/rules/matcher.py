"""Runs the text-matching rule kinds (phrase, substitution, density, pattern) over a posting.

Context decides whether a match is a problem: per-rule and per-entry ``unless`` phrases,
``unless_pattern`` regexes on the surrounding sentence, the user's allow-list and ignores, and the
equal-opportunity exemption for bias rules.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from itertools import compress, count
from operator import eq

from ..findings import Finding, FindingSource, Severity
from ..rewrite.lexicon import in_class
from ..settings import AnalysisSettings
from ..text import TextIndex
from .schema import DensityRule, Entry, PatternRule, Rule, RuleBase, TermRule
from .scope import has_part_of_speech, in_scope
from .terms import TermTable


class _Blank(dict[str, object]):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def render(template: str, **values: object) -> str:
    """Fill ``{match}``-style placeholders; unknown placeholders are left as they are."""
    blank = _Blank(values)
    for key, value in values.items():
        if type(value) is not str:  # the engine passes strings: convert only the rest
            blank[key] = str(value)
    return template.format_map(blank)


def match_case(replacement: str, matched: str) -> str:
    """Capitalise a replacement when the matched text starts a sentence with a capital."""
    if matched[:1].isupper() and replacement[:1].islower() and not matched.isupper():
        return replacement[:1].upper() + replacement[1:]
    return replacement


@dataclass(frozen=True, slots=True, eq=False)
class _Target:
    rule: TermRule
    entry: Entry
    unless: TermTable[bool] | None


def active(rule: RuleBase, settings: AnalysisSettings) -> bool:
    """Whether ``rule`` runs under ``settings`` (default or picky, and not disabled)."""
    # Asked for every match: the empty-set tests skip Enum.value, a Python-level property.
    return (
        (rule.default or settings.picky)
        and (not settings.disabled_rules or rule.id not in settings.disabled_rules)
        and (
            not settings.disabled_categories
            or rule.category.value not in settings.disabled_categories
        )
    )


class SpanSet:
    """Sorted, non-overlapping spans with a fast "does this offset fall inside" test."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        self._spans = sorted(spans)
        self._starts = [start for start, _ in self._spans]

    def covers(self, offset: int) -> bool:
        index = bisect_right(self._starts, offset) - 1
        return index >= 0 and offset < self._spans[index][1]


class TextRules:
    """The text-matching rules of a rule set, compiled once and reused for every analysis."""

    def __init__(self, rules: list[Rule]) -> None:
        self.table: TermTable[_Target] = TermTable()
        self.patterns = [rule for rule in rules if isinstance(rule, PatternRule)]
        self.density_rules = [rule for rule in rules if isinstance(rule, DensityRule)]
        for rule in rules:
            if not isinstance(rule, TermRule):
                continue
            for entry in rule.entries:
                unless_terms = rule.unless + entry.unless
                unless_table: TermTable[bool] | None = None
                if unless_terms:
                    unless_table = TermTable()
                    for term in unless_terms:
                        unless_table.add(term, True)
                    unless_table.freeze()
                target = _Target(rule, entry, unless_table)
                for term in entry.terms:
                    self.table.add(term, target)
        self.table.freeze()

    def run(self, index: TextIndex, settings: AnalysisSettings, exempt: SpanSet) -> list[Finding]:
        text, starts, ends = index.text, index.starts, index.ends
        findings: list[Finding] = []
        density_hits: dict[str, list[Finding]] = defaultdict(list)
        for first, end, target in self.table.find_in(index):
            rule = target.rule
            if not active(rule, settings):
                continue
            start, stop = starts[first], ends[end - 1]
            matched = text[start:stop]
            if rule.case_sensitive and not any(t in matched for t in target.entry.terms):
                continue
            if self._suppressed(rule, index, start, matched, settings, exempt):
                continue
            unless = target.unless
            if unless is not None and _unless_holds(unless, index.norms, first, end):
                continue
            entry = target.entry
            if entry.unless_after and entry.unless_after.match(
                text, stop, index.sentence_of(start)[1]
            ):
                continue  # the specifics follow ("key stakeholders, in particular Finance, …")
            if not in_scope(entry.scope or rule.scope, text, start, stop):
                continue
            if not has_part_of_speech(entry.pos or rule.pos, text, start):
                continue
            finding = self._finding(rule, entry, start, stop, matched)
            if isinstance(rule, DensityRule):
                density_hits[rule.id].append(finding)
            else:
                findings.append(finding)
        findings.extend(self._density(index, settings, density_hits))
        findings.extend(self._patterns(index, settings, exempt))
        return findings

    @staticmethod
    def _suppressed(
        rule: RuleBase,
        index: TextIndex,
        start: int,
        matched: str,
        settings: AnalysisSettings,
        exempt: SpanSet,
    ) -> bool:
        if settings.allows(matched) or settings.is_ignored(rule.id, matched):
            return True
        if rule.bias and exempt.covers(start):
            return True
        if rule.unless_pattern:
            sentence_start, sentence_end = index.sentence_of(start)
            sentence = index.text[sentence_start:sentence_end]
            if any(pattern.search(sentence) for pattern in rule.unless_pattern):
                return True
        return False

    @staticmethod
    def _finding(
        rule: RuleBase, entry: Entry, start: int, end: int, matched: str, **values: object
    ) -> Finding:
        replacements = entry.replacements or rule.replacements
        replacements = tuple(match_case(r, matched) for r in replacements)
        first = replacements[0] if replacements else ""
        explain = render(entry.explain, match=matched, replacement=first, **values)
        severity: Severity = entry.severity or rule.severity
        return Finding(
            rule_id=rule.id,
            category=rule.category,
            severity=severity,
            start=start,
            end=end,
            text=matched,
            message=render(
                rule.message, match=matched, replacement=first, explain=explain, **values
            ),
            why=rule.why,
            source=rule.source,
            replacements=replacements,
            origin=FindingSource.RULES,
            extra=_policy(rule, entry, matched),
        )

    def _density(
        self, index: TextIndex, settings: AnalysisSettings, hits: dict[str, list[Finding]]
    ) -> list[Finding]:
        words = max(1, index.word_count)
        out: list[Finding] = []
        for rule in self.density_rules:
            found = hits.get(rule.id, [])
            density = len(found) * rule.per_words / words
            limit = rule.max
            if not found or density <= limit or not active(rule, settings):
                continue
            marks = rule.max_marks
            value = f"{density:.1f}"
            for finding in found[:marks]:
                message = render(finding.message, value=value, limit=f"{limit:g}")
                out.append(_with_message(finding, message))
        return out

    def _patterns(
        self, index: TextIndex, settings: AnalysisSettings, exempt: SpanSet
    ) -> list[Finding]:
        out: list[Finding] = []
        text = index.text
        words: set[str] | None = None
        repeats: bool | None = None
        for rule in self.patterns:
            if not active(rule, settings):
                continue
            required = rule.requires
            if required:
                # A cheap word test before an expensive regex scan of the whole posting. Only
                # the words some rule requires are collected: a set of every distinct norm was
                # 8 MB for a 200,000-line list of numbers.
                if words is None:
                    wanted = {w for r in self.patterns for group in r.requires for w in group}
                    words = wanted.intersection(index.norms)
                if not any(group <= words for group in required):
                    continue
            if rule.requires_repeat:
                repeats = repeats if repeats is not None else may_repeat_in(index)
                if not repeats:
                    continue
            for match in rule.pattern.finditer(text):
                start, end = match.span()
                if end <= start:
                    continue
                matched = match.group()
                if self._suppressed(rule, index, start, matched, settings, exempt):
                    continue
                if not in_scope(rule.scope, text, start, end):
                    continue
                if not has_part_of_speech(rule.pos, text, start):
                    continue
                replacements = tuple(_expand(match, r) for r in rule.replacements)
                entry = Entry((matched,), rule.message, replacements)
                out.append(self._finding(rule, entry, start, end, matched))
        return out


_RUN = re.compile(r"\w+")
_REPEAT_SPAN = range(2, 7)  # a phrase of two to six words, written again right after itself


def may_repeat(text: str) -> bool:
    r"""False only where no phrase of two to six words comes twice in a row, its words compared
    without the gaps between them (``requires_repeat``).

    Words are runs of ``\w``, as a pattern reads them, compared lower-cased; a word with a
    non-ASCII letter might equal another under the regex's case folding and not under
    ``str.lower`` ("ſ" and "s", the Kelvin sign and "k"), so such a text always may repeat.
    The text is read a piece at a time, cut at white space (which no word holds), each piece
    with the last words of the one before: a 200,000-line list's words were 70 MB at once.
    """
    carried: list[str] = []
    for piece in _pieces(text):
        found = _RUN.findall(piece)
        if not (piece.isascii() or all(map(str.isascii, found))):
            return True
        words = carried + list(map(str.lower, found))
        if _repeats(words):
            return True
        carried = words[-_CARRIED:]
    return False


_PIECE = 1 << 16
_CARRIED = 2 * _REPEAT_SPAN[-1] - 1  # a phrase and its repeat crossing a cut lie in these
_TOKENS = 1 << 15  # tokens compared at a time by may_repeat_in


def may_repeat_in(index: TextIndex) -> bool:
    r""":func:`may_repeat` of the index's text, read from its tokens where they are the same
    words. A word character beyond ASCII makes that True at once (it is in some word), as does
    "_" or "**" stop the shortcut (a word character where a token ends; a token that is no
    word). Otherwise the runs of ``\w`` are the tokens cut at their apostrophes, lower-cased as
    the norms are. Finding the words again with a regex was most of the test. A chunk of
    tokens at a time, each with the last words of the one before.
    """
    text = index.text
    if "_" in text or "**" in text:
        return may_repeat(text)
    if not text.isascii() and _NON_ASCII_WORD.search(text):
        return True
    norms = index.norms
    apostrophes = "'" in text or "\u2019" in text or "\u2018" in text  # (norms have "'")
    carried: list[str] = []
    for begin in range(0, len(norms), _TOKENS):
        chunk = norms[begin : begin + _TOKENS]
        if apostrophes:  # "you'll" is the words "you" and "ll" (no token ends in one)
            chunk = "\n".join(chunk).replace("'", "\n").split("\n")
        words = carried + chunk
        if _repeats(words):
            return True
        carried = words[-_CARRIED:]
    return False


_NON_ASCII_WORD = re.compile(r"[^\W\x00-\x7f]")


def _pieces(text: str) -> Iterator[str]:
    start = 0
    while start < len(text):
        cut = len(text) if start + _PIECE >= len(text) else _next_space(text, start + _PIECE)
        yield text[start:cut]
        start = cut


def _next_space(text: str, at: int) -> int:
    found = _SPACE.search(text, at)
    return found.start() if found else len(text)


_SPACE = re.compile(r"\s")


def _repeats(words: list[str]) -> bool:
    for span in _REPEAT_SPAN:
        # Where word i comes again ``span`` words on (few places); a phrase of ``span`` words
        # written twice needs ``span`` such places in a row.
        again = list(compress(count(), map(eq, words, words[span:])))
        if len(again) < span:
            continue
        run = 1
        for before, after in zip(again, again[1:], strict=False):
            run = run + 1 if after == before + 1 else 1
            if run == span:
                return True
    return False


def _policy(rule: RuleBase, entry: Entry, matched: str) -> dict[str, object]:
    """For the fix policy in core.fixes: whether this finding's replacements keep the meaning
    (``meaning = "kept"`` rules), or why they need the writer's judgement."""
    if entry.judgement:
        return {"judgement": render(entry.judgement, match=matched)}
    return {"meaning": "kept"} if rule.meaning == "kept" else {}


def _expand(match: re.Match[str], template: str) -> str:
    """A replacement with the match's groups filled in; a template naming a group the pattern
    does not have is used as it is."""
    try:
        return match.expand(template)
    except (IndexError, KeyError, ValueError, re.error):
        return template


def _with_message(finding: Finding, message: str) -> Finding:
    from dataclasses import replace

    return replace(finding, message=message)


def _unless_holds(unless: TermTable[bool], norms: Sequence[str], first: int, end: int) -> bool:
    """Whether an exception covers the match, also with an adverb right after it: "this position
    will include" excuses "this position will also include" too."""
    if unless.occurs_overlapping(norms, first, end):
        return True
    if end >= len(norms) or not in_class(norms[end], "adverbs_between"):
        return False
    low = max(0, first - 8)
    window = [*norms[low:end], *norms[end + 1 : end + 8]]
    return unless.occurs_overlapping(window, first - low, end - low)
