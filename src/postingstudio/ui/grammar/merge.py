"""Grammar findings carried into style reports: remapped to the current text, then filtered.

The grammar lane is slow (a 1.5 s debounce plus a LanguageTool round trip); the style lane
answers within a few hundred milliseconds. Each style report replaces the whole marker set, so
without care every keystroke would erase the grammar underlines until LanguageTool answered
again. Instead the last grammar answer is kept with the text it was made for, and each new
style report gets it through :func:`remap`: findings before the edit keep their offsets, those
after it shift by the edit's length, and those the edit touched are dropped (the next grammar
check finds them again if they are still wrong). A remapped finding always quotes exactly the
words at its new span. :func:`visible` then applies what the writer asked to hide.
"""

from __future__ import annotations

from collections.abc import Container, Iterable
from dataclasses import replace

from postingstudio.core.findings import Category, Finding
from postingstudio.core.preferences import Preferences
from postingstudio.grammar import languagetool_rule_id
from postingstudio.grammar.dictionary import normalise_word


def common_prefix(a: str, b: str) -> int:
    """Length of the common prefix, by bisection over slice comparisons (memcmp speed)."""
    low, high = 0, min(len(a), len(b))
    while low < high:
        middle = (low + high + 1) // 2
        if a[low:middle] == b[low:middle]:
            low = middle
        else:
            high = middle - 1
    return low


def common_suffix(a: str, b: str, limit: int) -> int:
    """Length of the common suffix, at most ``limit``."""
    low, high = 0, min(limit, len(a), len(b))
    while low < high:
        middle = (low + high + 1) // 2
        if a[len(a) - middle : len(a) - low] == b[len(b) - middle : len(b) - low]:
            low = middle
        else:
            high = middle - 1
    return low


def remap(findings: Iterable[Finding], old: str, new: str) -> tuple[Finding, ...]:
    """``findings`` (offsets into ``old``) moved into ``new``; those the edit touched dropped."""
    findings = tuple(findings)
    if old == new or not findings:
        return findings
    prefix = common_prefix(old, new)
    suffix = common_suffix(old, new, min(len(old), len(new)) - prefix)
    old_edit_end = len(old) - suffix  # [prefix, old_edit_end) in old became something else
    delta = len(new) - len(old)
    moved: list[Finding] = []
    for finding in findings:
        if finding.end <= prefix:
            start, end = finding.start, finding.end
            glued = end == prefix and _joins(finding.text[-1:], new[end : end + 1])
        elif finding.start >= old_edit_end:
            start, end = finding.start + delta, finding.end + delta
            glued = finding.start == old_edit_end and _joins(
                new[start - 1 : start], finding.text[:1]
            )
        else:
            continue  # the edit changed these words
        if glued:
            continue  # "teh" + "n" typed right after it is another word now
        if 0 <= start <= end <= len(new) and new[start:end] == finding.text:
            moved.append(
                finding if start == finding.start else replace(finding, start=start, end=end)
            )
    return tuple(moved)


def _joins(left: str, right: str) -> bool:
    return bool(left) and bool(right) and left.isalnum() and right.isalnum()


def visible(
    findings: Iterable[Finding], preferences: Preferences, personal_words: Container[str]
) -> tuple[Finding, ...]:
    """The grammar findings the writer did not switch off, ignore, allow or add to the
    personal dictionary (the checker filters too; this also covers answers already shown)."""
    analysis = preferences.analysis
    disabled_categories = set(analysis.disabled_categories)
    disabled = set(analysis.disabled_rules)
    grammar_disabled = set(preferences.grammar.disabled_rules)
    ignored = set(analysis.ignored)
    allowed = {normalise_word(term) for term in analysis.allow_terms}
    kept = []
    for finding in findings:
        words = finding.text.strip()
        if (
            finding.category.value in disabled_categories
            or finding.rule_id in disabled
            or languagetool_rule_id(finding) in grammar_disabled
            or (finding.rule_id, words.lower()) in ignored
            or normalise_word(words) in allowed
            or (finding.category is Category.SPELLING and words in personal_words)
        ):
            continue
        kept.append(finding)
    return tuple(kept)
