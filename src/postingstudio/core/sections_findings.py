"""Where a section's template goes, and one finding per missing or thin section of the checklist
(:func:`sections.detect_sections`'s results), at an empty span there."""

from __future__ import annotations

from .findings import Category, Finding, FindingSource
from .model import BlockKind, Posting
from .report import SectionResult, SectionState
from .sections_spec import SectionSpec

__all__ = ["insert_at", "section_end", "section_findings"]


def section_end(posting: Posting, offset: int) -> int:
    """The end of the block holding ``offset`` (a thin section's template goes after it)."""
    number = posting.block_at(offset)
    if number < 0:
        return offset
    # Blocks are joined with one "\n", so a block ends just before the next one starts (this
    # avoids joining the block's runs again).
    starts = posting.block_starts
    return starts[number + 1] - 1 if number + 1 < len(starts) else len(posting.text)


def insert_at(
    spec: SectionSpec, posting: Posting, spans: dict[str, tuple[int, int]], text: str
) -> int:
    """Where a missing section's template goes: after the first of its ``insert_after``
    neighbours found, else after the title line or at the end (``insert_default``)."""
    for other in spec.insert_after:
        if other in spans:
            return section_end(posting, spans[other][1] - 1 if spans[other][1] else 0)
    if spec.insert_default == "end" or not posting.blocks:
        return len(text)
    first = posting.blocks[0]
    if first.kind is BlockKind.HEADING or (
        len(first.text.split()) <= 12 and not first.text.rstrip().endswith((".", "!", "?"))
    ):
        return len(first.text)
    return 0


def section_findings(
    results: tuple[SectionResult, ...], text: str, specs: tuple[SectionSpec, ...]
) -> list[Finding]:
    """One finding per missing or thin section, at an empty span where its template would go."""
    by_id = {spec.id: spec for spec in specs}
    findings = []
    for result in results:
        spec = by_id.get(result.id)
        if spec is None or result.state is SectionState.PRESENT:
            continue
        advice = spec.missing if result.state is SectionState.MISSING else spec.thin
        at = result.insert_at
        replacement = (spec.template + "\n") if at == 0 else ("\n" + spec.template)
        findings.append(
            Finding(
                rule_id=f"sections.{spec.id}.{result.state}", category=Category.MISSING,
                severity=advice.severity, start=at, end=at, text="",
                message=advice.message.format(reason=result.reason, label=spec.label),
                why=advice.why, source=advice.source, replacements=(replacement,),
                origin=FindingSource.SECTIONS,
                extra={"section": spec.id, "state": str(result.state)},
            )
        )  # fmt: skip
    return findings
