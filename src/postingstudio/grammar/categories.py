"""LanguageTool's categories and our decision for each (``resources/languagetool/categories.toml``).

LanguageTool mixes real mistakes (spelling, grammar, punctuation) with style advice (wordiness,
redundancy, repetition). Posting Studio has its own style rules, so LanguageTool's style
categories that overlap them are switched off: sent as ``disabledCategories`` and, for servers
that ignore it, dropped from the reply too. Nothing here touches the network.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import lru_cache

from postingstudio.paths import resources_dir

KINDS = ("spelling", "grammar", "style")
DECISIONS = ("keep", "disable")


@dataclass(frozen=True, slots=True)
class CategoryDecision:
    """Whether findings of a LanguageTool category are kept or dropped, and why."""

    category_id: str
    kind: str  # one of KINDS
    decision: str  # one of DECISIONS
    why: str

    @property
    def kept(self) -> bool:
        return self.decision == "keep"


@lru_cache(maxsize=1)
def decisions() -> dict[str, CategoryDecision]:
    """Every listed category by id; raises ``ValueError`` on a malformed file."""
    path = resources_dir() / "languagetool" / "categories.toml"
    with path.open("rb") as handle:
        table = tomllib.load(handle).get("category", {})
    result: dict[str, CategoryDecision] = {}
    for category_id, entry in table.items():
        kind, decision = entry.get("kind"), entry.get("decision")
        if kind not in KINDS or decision not in DECISIONS:
            raise ValueError(f"{path}: category {category_id} has kind={kind!r}, {decision=!r}")
        result[category_id] = CategoryDecision(category_id, kind, decision, entry.get("why", ""))
    return result


def disabled_categories() -> frozenset[str]:
    """Category ids never to show (sent to the server as ``disabledCategories``)."""
    return frozenset(c for c, d in decisions().items() if not d.kept)


def kind_of(category_id: str, issue_type: str = "") -> str:
    """``spelling``, ``grammar`` or ``style`` for a match. A category the file does not list
    (a newer LanguageTool) is judged by its issue type: ``style`` stays style, the rest is a
    mistake, so an unknown category is never silently dropped as style."""
    known = decisions().get(category_id)
    if known is not None:
        return known.kind
    if issue_type == "misspelling" and category_id in ("", "TYPOS"):
        return "spelling"
    return "style" if issue_type == "style" else "grammar"


def is_shown(category_id: str) -> bool:
    """False for the categories we switched off; unknown categories are shown."""
    known = decisions().get(category_id)
    return known is None or known.kept
