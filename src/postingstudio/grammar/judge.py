"""The real LanguageTool as a judge, for measurements and tests in other parts of the project.

    from postingstudio.grammar.judge import check, judge_url, new_errors
    url = judge_url()            # $POSTINGSTUDIO_LT_URL, set by .ci/run or by hand from
                                 # `scripts/languagetool-server start`; None when absent
    errors = new_errors(before, after, url)   # mistakes polishing added (empty = none)

Standard library only (no language-tool-python, no requests), one deadline per request, and
offsets converted from LanguageTool's UTF-16 code units to Python string indices. Every match
carries ``kind`` (``spelling``/``grammar``/``style``) from
``resources/languagetool/categories.toml``; ``check`` keeps LanguageTool's style categories
too, so a judge sees everything if it asks.
"""

from __future__ import annotations

import json
import os
from collections import Counter
from dataclasses import dataclass

from postingstudio.core.offsets import Utf16Index

from .categories import kind_of
from .deadline_http import RequestFailedError, post_form

URL_VARIABLE = "POSTINGSTUDIO_LT_URL"


class JudgeUnavailableError(Exception):
    """The server could not answer (the message says how it failed)."""


@dataclass(frozen=True, slots=True)
class JudgeMatch:
    """One LanguageTool match for the benchmarks' judge, by code-point
    offsets into the checked text."""

    start: int  # code-point offsets into the checked text
    end: int
    text: str
    rule_id: str
    category_id: str
    issue_type: str
    kind: str  # spelling | grammar | style
    message: str

    @property
    def is_error(self) -> bool:
        return self.kind != "style"


def judge_url() -> str | None:
    """The judge server's base URL from ``$POSTINGSTUDIO_LT_URL`` (None when unset)."""
    url = os.environ.get(URL_VARIABLE, "").strip()
    if not url:
        return None
    return url if url.endswith("/") else url + "/"


def check(
    text: str, url: str, language: str = "en-US", *, deadline_s: float = 120.0
) -> list[JudgeMatch]:
    """All LanguageTool matches for ``text``, in text order.

    Raises :class:`JudgeUnavailableError`.
    """
    if not text.strip():
        return []
    base = url if url.endswith("/") else url + "/"
    try:
        body = post_form(base + "v2/check", {"text": text, "language": language}, deadline_s)
    except RequestFailedError as error:
        raise JudgeUnavailableError(f"LanguageTool at {base}: {error}") from error
    try:
        matches = json.loads(body)["matches"]
    except (ValueError, KeyError, TypeError) as error:
        raise JudgeUnavailableError(f"{base} did not answer with LanguageTool JSON") from error
    index = Utf16Index(text)
    found = []
    for match in matches:
        start, end = index.span_to_codepoint(match["offset"], match["length"])
        rule = match["rule"]
        category = str((rule.get("category") or {}).get("id") or "")
        issue = str(rule.get("issueType") or "")
        found.append(
            JudgeMatch(
                start,
                end,
                text[start:end],
                str(rule["id"]),
                category,
                issue,
                kind_of(category, issue),
                str(match.get("message") or ""),
            )  # fmt: skip
        )
    return sorted(found, key=lambda m: (m.start, m.end, m.rule_id))


def errors(text: str, url: str, language: str = "en-US") -> list[JudgeMatch]:
    """Spelling and grammar mistakes only (LanguageTool's style advice left out)."""
    return [m for m in check(text, url, language) if m.is_error]


def new_errors(before: str, after: str, url: str, language: str = "en-US") -> list[JudgeMatch]:
    """Mistakes in ``after`` that ``before`` did not have, compared by (rule, words) counts,
    so an edit that moves text around does not count as adding its old mistakes."""
    had = Counter((m.rule_id, m.text) for m in errors(before, url, language))
    added = []
    for match in errors(after, url, language):
        key = (match.rule_id, match.text)
        if had[key] > 0:
            had[key] -= 1
        else:
            added.append(match)
    return added
