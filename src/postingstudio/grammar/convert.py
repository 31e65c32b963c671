"""LanguageTool ``/v2/check`` matches → Posting Studio findings.

LanguageTool counts offsets in UTF-16 code units (it is Java); findings use code points, so
every span goes through :class:`postingstudio.core.offsets.Utf16Index` — a posting with 😀 or
𝒳 before an error would otherwise underline the wrong letters. We read the raw JSON rather than
language-tool-python's ``Match`` objects: ``Match`` corrects only the start offset (not a span
that itself contains an emoji) and keeps that correction in class-level state shared by all
threads.

Spelling matches of words in the personal dictionary and matches of disabled rules are dropped
here, client-side, so both work the same against every server (the public API has no personal
dictionary without an account, and an old server may ignore ``disabledRules``).
"""

from __future__ import annotations

import logging
from collections.abc import Container, Iterable, Mapping
from typing import Any

from postingstudio.core.findings import Category, Finding, FindingSource, Severity
from postingstudio.core.offsets import Utf16Index

log = logging.getLogger(__name__)

RULE_PREFIX = "languagetool."
MAX_REPLACEMENTS = 5
# LanguageTool issue types (Localization Quality Issue Type names) that are real mistakes; the
# rest (style, typographical, whitespace, register, ...) are suggestions.
_WARNING_ISSUES = frozenset({"misspelling", "grammar", "duplication", "inconsistency"})


class MalformedReplyError(ValueError):
    """The server's JSON does not have LanguageTool's shape."""


def languagetool_rule_id(finding: Finding) -> str | None:
    """The LanguageTool rule id behind a grammar finding (for "disable this rule"), else None."""
    if finding.rule_id.startswith(RULE_PREFIX):
        return finding.rule_id[len(RULE_PREFIX) :]
    return None


def matches_of(payload: object) -> list[Any]:
    """The ``matches`` list of a ``/v2/check`` reply; raises :class:`MalformedReplyError`."""
    if not isinstance(payload, Mapping):
        raise MalformedReplyError("the reply is not a JSON object")
    matches = payload.get("matches")
    if not isinstance(matches, list):
        raise MalformedReplyError("the reply has no list of matches")
    return matches


def findings_from_matches(
    text: str,
    matches: Iterable[object],
    *,
    personal_words: Container[str] = frozenset(),
    disabled_rules: Container[str] = frozenset(),
    hidden_categories: Container[str] = frozenset(),
    index: Utf16Index | None = None,
) -> tuple[Finding, ...]:
    """Convert matches for ``text``; a single malformed match is skipped and logged.

    ``hidden_categories``: LanguageTool category ids dropped even when the server ignored
    ``disabledCategories`` (see :mod:`.categories`)."""
    index = index or Utf16Index(text)
    findings: list[Finding] = []
    for match in matches:
        try:
            finding = _finding(text, match, index)
        except (KeyError, TypeError, ValueError) as error:
            log.warning("Skipping a LanguageTool match I cannot read (%s): %.200r", error, match)
            continue
        lt_id = languagetool_rule_id(finding) or ""
        if lt_id in disabled_rules or finding.extra["lt_category"] in hidden_categories:
            continue
        if finding.category is Category.SPELLING and finding.text.strip() in personal_words:
            continue
        findings.append(finding)
    findings.sort(key=lambda f: (f.start, f.end, f.rule_id))
    return tuple(findings)


def _finding(text: str, match: object, index: Utf16Index) -> Finding:
    if not isinstance(match, Mapping):
        raise TypeError("match is not an object")
    offset, length = match["offset"], match["length"]
    if not isinstance(offset, int) or not isinstance(length, int) or isinstance(offset, bool):
        raise TypeError("offset/length are not integers")
    if offset < 0 or length < 0 or offset + length > index.utf16_length:
        raise ValueError(f"span {offset}+{length} outside the text")
    rule = match["rule"]
    rule_id = rule["id"]
    if not isinstance(rule_id, str) or not rule_id:
        raise TypeError("rule id is not a string")
    issue_type = str(rule.get("issueType") or "")
    category_info = rule.get("category") or {}
    category_id = str(category_info.get("id") or "")
    category_name = str(category_info.get("name") or category_id)

    # Spelling is LanguageTool's TYPOS category (MORFOLOGIK_*/HUNSPELL_* spellers). The issue
    # type alone is not enough: "a engineer" (EN_A_VS_AN, category MISC) is also typed
    # "misspelling", but it is grammar, and the personal dictionary must not hide it.
    spelling = category_id == "TYPOS" or (not category_id and issue_type == "misspelling")
    category = Category.SPELLING if spelling else Category.GRAMMAR
    mistake = spelling or issue_type in _WARNING_ISSUES
    severity = Severity.WARNING if mistake else Severity.SUGGESTION

    start, end = index.span_to_codepoint(offset, length)
    message = str(match.get("message") or rule.get("description") or "LanguageTool flagged this.")
    description = str(rule.get("description") or "")
    why = description if description and description != message else category_name
    source = f"LanguageTool rule {rule_id}"
    if rule.get("subId"):
        source += f" ({rule['subId']})"
    urls = [str(u["value"]) for u in rule.get("urls") or () if isinstance(u, Mapping)]
    if urls:
        source += f"; {urls[0]}"

    return Finding(
        rule_id=RULE_PREFIX + rule_id,
        category=category,
        severity=severity,
        start=start,
        end=end,
        text=text[start:end],
        message=message,
        why=why or "LanguageTool",
        source=source,
        replacements=_replacements(match.get("replacements")),
        origin=FindingSource.GRAMMAR,
        extra={
            "lt_rule_id": rule_id,
            "lt_category": category_id,
            "lt_issue_type": issue_type,
            "short_message": str(match.get("shortMessage") or ""),
        },
    )


def _replacements(raw: object) -> tuple[str, ...]:
    """Up to five distinct suggestions, in LanguageTool's order (best first)."""
    values: list[str] = []
    for item in raw if isinstance(raw, list) else ():
        value = item.get("value") if isinstance(item, Mapping) else None
        if isinstance(value, str) and value not in values:
            values.append(value)
            if len(values) == MAX_REPLACEMENTS:
                break
    return tuple(values)
