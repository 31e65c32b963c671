"""What a fix is allowed to do without the writer reading it first: the domain policy.

"Safe" means grammatical, meaning-preserving and free of placeholders. A finding's replacement
with a ``<placeholder>`` needs the writer's words; a whole-sentence rewrite (readability) or a
rule entry marked ``judgement`` needs the writer's judgement; and a replacement that breaks
agreement once fitted into its sentence is refused by the rewrite engine. Only safe changes are
ticked by default, in "Apply all safe fixes", in "Polish…" and in ``postingstudio polish``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from .findings import Category, Finding, FindingSource, Severity
from .report import SectionResult, SectionState

if TYPE_CHECKING:
    from .rewrite.rewriter import Change

PLACEHOLDER = re.compile(r"<[^<>\n\v]{1,80}>")
PLACEHOLDER_RULE = "missing.unfilled_placeholder"
# Categories whose replacements rewrite a whole sentence: advice, never a one-click swap.
_JUDGEMENT_CATEGORIES = frozenset({Category.READABILITY})


def find_placeholders(text: str) -> tuple[tuple[int, int], ...]:
    """Spans (start, end) of the ``<...>`` placeholders left in
    ``text``, which the writer must fill."""
    return tuple((m.start(), m.end()) for m in PLACEHOLDER.finditer(text))


def placeholder_findings(text: str) -> list[Finding]:
    """One finding per ``<placeholder>`` left in the text (from an inserted template or fix)."""
    return [
        Finding(
            rule_id=PLACEHOLDER_RULE,
            category=Category.MISSING,
            severity=Severity.WARNING,
            start=start,
            end=end,
            text=text[start:end],
            message=f"Unfilled placeholder {text[start:end]}: replace it with your words.",
            why="A placeholder left in a posting is printed as it is in the saved file, the "
            "HTML and the PDF; readers see a form that was never filled in.",
            source="Posting Studio",
            origin=FindingSource.SECTIONS,
        )
        for start, end in find_placeholders(text)
    ]


def unfilled_sections(sections: Sequence[SectionResult], text: str) -> list[SectionResult]:
    """A section with a ``<placeholder>`` inside is "thin", whatever else it says: an inserted
    template must not raise the score before the writer fills it in."""
    spans = find_placeholders(text)
    out = []
    for section in sections:
        start, end = section.start, section.end
        inside = [
            text[s:e]
            for s, e in spans
            if start is not None and end is not None and start <= s < end
        ]
        if inside and section.state is SectionState.PRESENT:
            section = replace(
                section, state=SectionState.THIN, reason=f"Unfilled placeholder {inside[0]}"
            )
        out.append(section)
    return out


def applicable_replacements(finding: Finding) -> tuple[str, ...]:
    """The replacements that make sense as a one-click swap for this finding's words.

    A replacement that is only an instruction in brackets ("<split this sentence…>") would
    wipe out a whole sentence, so it is offered as advice, not as a fix, unless the finding's
    words are short enough that typing over a placeholder is the natural next step.
    """
    if not finding.is_span or finding.rule_id == PLACEHOLDER_RULE:
        return ()
    words = len(finding.text.split())
    return tuple(
        r for r in finding.replacements if not (PLACEHOLDER.fullmatch(r.strip()) and words > 4)
    )


def unsafe_reason(finding: Finding, replacement: str) -> str:
    """Why ``replacement`` for ``finding`` must not be ticked by default ("" when it may)."""
    placeholder = PLACEHOLDER.search(replacement)
    if placeholder:
        return f"needs your words: {placeholder.group()}"
    if finding.category in _JUDGEMENT_CATEGORIES:
        return "needs your judgement: it rewrites the whole sentence"
    judgement = finding.extra.get("judgement")
    if isinstance(judgement, str) and judgement:
        return f"needs your judgement: {judgement}"
    if finding.extra.get("meaning") != "kept":
        # Only rules that declare their replacements plain equivalents are safe; a cliché's or
        # a coded word's replacement is a suggestion that may change what the posting says.
        return "needs your judgement: the replacement may change what the posting says"
    return ""


def is_safe(finding: Finding) -> bool:
    """The finding's first replacement passes the policy (before fitting into its sentence)."""
    replacements = applicable_replacements(finding)
    return bool(replacements) and not unsafe_reason(finding, replacements[0])


def screen(finding: Finding) -> list[tuple[str, str]]:
    """The finding's replacements, each with the reason it is not safe ("" when it is), for
    the rewrite engine to fit into the sentence."""
    return [(r, unsafe_reason(finding, r)) for r in applicable_replacements(finding)]


@dataclass(frozen=True)
class Polished:
    """The result of polishing: every proposed change, and the text with the safe ones."""

    text: str
    changes: tuple[object, ...]
    after: str

    @property
    def safe(self) -> tuple[object, ...]:
        return tuple(c for c in self.changes if getattr(c, "safe", False))


def propose_changes(text: str, findings: list[Finding]) -> list[Change]:
    """Every change the rewrite engine proposes for ``text`` from ``findings``."""
    from .rewrite.rewriter import propose

    return list(propose(text, findings, screen))


def polish_text(text: str, findings: list[Finding]) -> Polished:
    """Propose every change and apply the safe ones, the ones ticked by default."""
    from .rewrite.rewriter import apply_changes, propose

    changes = propose(text, findings, screen)
    after = apply_changes(text, [c for c in changes if c.safe])
    return Polished(text, tuple(changes), after)
