"""Changing the text for a finding: one fix, many fixes, or a section template — each one undo step.

Every change here is one ``QTextCursor`` edit block, so Ctrl+Z takes it back whole. Several fixes
are applied from the end of the document backwards, so the positions of the ones still to do are
not moved by the ones already done. A replacement or template with ``<placeholders>`` leaves the
first placeholder selected, so the writer can type straight over it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from PySide6.QtGui import QTextCursor, QTextDocument

from postingstudio.core.findings import Category, Finding, Severity
from postingstudio.core.fixes import (  # noqa: F401 - is_safe/applicable_replacements: UI API
    PLACEHOLDER,
    applicable_replacements,
    is_safe,
    propose_changes,
)
from postingstudio.core.model import Block, BlockKind
from postingstudio.core.plaintext import parse_text
from postingstudio.core.rewrite.rewriter import Change
from postingstudio.ui.common.document_bridge import PositionMap, insert_blocks, selected_text
from postingstudio.ui.common.markers import Marker


@dataclass(frozen=True, slots=True)
class ProposedFix:
    """One change the writer can accept or refuse in the "Polish…" review: the rewrite
    engine's change (``safe`` ones are ticked by default, the others carry the ``reason``),
    with a cursor per edit so the document can be changed where the words now are."""

    marker: Marker
    replacement: str
    safe: bool = True
    reason: str = ""
    before: str = ""  # the changed stretch of the sentence, before and after
    after: str = ""
    edits: tuple[tuple[QTextCursor, str, str], ...] = ()  # (cursor, old words, new words)

    @property
    def finding(self) -> Finding:
        return self.marker.finding


def missing_section_id(finding: Finding) -> str | None:
    """The section a "sections.<id>.missing" finding is about (its fix is the template)."""
    parts = finding.rule_id.split(".")
    if len(parts) == 3 and parts[0] == "sections" and parts[2] == "missing":
        return parts[1]
    return None


def safe_fixes(markers: Sequence[Marker]) -> list[ProposedFix]:
    """Every change the rewrite engine proposes for the findings under ``markers``, fitted
    into its sentence (core.fixes: the same code as ``postingstudio polish``)."""
    usable = [m for m in markers if m.finding.is_span and m.still_matches()]
    if not markers:
        return []
    document = markers[0].cursor.document()
    whole = QTextCursor(document)
    whole.select(QTextCursor.SelectionType.Document)
    text = selected_text(whole)
    mapping = PositionMap(text)
    by_span: dict[tuple[int, int], Marker] = {}
    findings = []
    for marker in usable:
        start, end = mapping.to_codepoint(marker.start), mapping.to_codepoint(marker.end)
        by_span[(start, end)] = marker
        findings.append(replace(marker.finding, start=start, end=end))
    proposed = []
    for change in propose_changes(text, findings):
        marker = by_span.get((change.start, change.end)) or _marker_for(document, mapping, change)
        cursors = tuple(
            (mapping.cursor(document, e.start, e.end), text[e.start : e.end], e.after)
            for e in change.edits
        )
        proposed.append(
            ProposedFix(
                marker,
                change.after,
                change.safe,
                change.reason,
                change.before,
                change.after,
                cursors,
            )  # fmt: skip
        )
    return proposed


def _marker_for(document: QTextDocument, mapping: PositionMap, change: Change) -> Marker:
    """A marker for a clause rewrite no single finding asked for ("the candidate" -> "you")."""
    finding = Finding(
        change.rule_id, Category.DRY, Severity.SUGGESTION, change.start, change.end,
        change.before, change.message, "", "Posting Studio",
    )  # fmt: skip
    return Marker(-1, finding, mapping.cursor(document, change.start, change.end))


def _select_placeholder(cursor: QTextCursor, start: int, end: int) -> QTextCursor | None:
    """A cursor on the first ``<placeholder>`` between document positions start..end."""
    document = cursor.document()
    probe = QTextCursor(document)
    probe.setPosition(start)
    probe.setPosition(min(end, document.characterCount() - 1), QTextCursor.MoveMode.KeepAnchor)
    text = probe.selectedText()
    match = PLACEHOLDER.search(text.replace("\u2029", "\n"))
    if match is None:
        return None
    mapping = PositionMap(text)
    found = QTextCursor(document)
    found.setPosition(start + mapping.to_document(match.start()))
    found.setPosition(start + mapping.to_document(match.end()), QTextCursor.MoveMode.KeepAnchor)
    return found


def apply_replacement(marker: Marker, replacement: str) -> QTextCursor | None:
    """Replace the marker's words; returns where the cursor should go (the first placeholder
    in the replacement, else the end of it). None when the words have changed since analysis."""
    if not marker.still_matches():
        return None
    cursor = QTextCursor(marker.cursor)
    start = cursor.selectionStart()
    cursor.beginEditBlock()
    fmt = cursor.charFormat()
    cursor.insertText(replacement, fmt)
    cursor.endEditBlock()
    end = cursor.position()
    return _select_placeholder(cursor, start, end) or cursor


def apply_many(document: QTextDocument, fixes: Sequence[ProposedFix]) -> int:
    """Apply accepted fixes as one undo step, last first; returns how many were applied."""
    ordered = sorted(fixes, key=lambda fix: fix.marker.start, reverse=True)
    applied = 0
    edit = QTextCursor(document)
    edit.beginEditBlock()
    try:
        for fix in ordered:
            if fix.edits:
                applied += _apply_edits(fix)
                continue
            if not fix.marker.still_matches():
                continue  # the words changed under it; leave it to the next analysis
            # joinPreviousEditBlock keeps every replacement inside the one undo step.
            cursor = QTextCursor(fix.marker.cursor)
            cursor.joinPreviousEditBlock()
            cursor.insertText(fix.replacement, cursor.charFormat())
            cursor.endEditBlock()
            applied += 1
    finally:
        edit.endEditBlock()
    return applied


def _apply_edits(fix: ProposedFix) -> int:
    """All of one change's edits, or none when any of its words changed since analysis."""
    if any(selected_text(cursor) != old for cursor, old, _new in fix.edits):
        return 0
    for cursor, _old, new in sorted(fix.edits, key=lambda e: e[0].selectionStart(), reverse=True):
        edit = QTextCursor(cursor)
        edit.joinPreviousEditBlock()
        edit.insertText(new, edit.charFormat())
        edit.endEditBlock()
    return 1


def template_blocks(template: str, label: str) -> tuple[Block, ...]:
    """A section template as blocks; Markdown headings and bullets become real ones. A template
    without a heading gets one from the section's label, so the new section is findable."""
    blocks = parse_text(template, markdown=True).blocks if template.strip() else ()
    if not blocks or blocks[0].kind is not BlockKind.HEADING:
        heading = Block.of(BlockKind.HEADING, label, level=2)
        body = blocks or (Block.of(BlockKind.PARAGRAPH, f"<{label.lower()}: add details>"),)
        blocks = (heading, *body)
    return tuple(blocks)


def addition_blocks(additions: str) -> tuple[Block, ...]:
    """What a thin section lacks (``SectionResult.additions``) as blocks; "- " lines become
    bullets, so they join the section's own list."""
    return parse_text(additions, markdown=True).blocks if additions.strip() else ()


def insert_section(document: QTextDocument, position: int, blocks: Sequence[Block]) -> QTextCursor:
    """Insert ``blocks`` as whole blocks at document ``position`` (from ``insert_at``).

    A position at the start of a block goes before that block; anywhere else, after the block
    that contains it. Returns a cursor on the first placeholder (or the end of the insertion).
    """
    cursor = QTextCursor(document)
    cursor.setPosition(max(0, min(position, document.characterCount() - 1)))
    cursor.beginEditBlock()
    if cursor.atBlockStart() and cursor.block().text():
        # Before this block: split off an empty block in front of it and fill that one.
        cursor.insertBlock()
        cursor.movePosition(QTextCursor.MoveOperation.PreviousBlock)
        reuse = True
    else:
        cursor.movePosition(QTextCursor.MoveOperation.EndOfBlock)
        reuse = not cursor.block().text()  # an empty line is filled rather than kept
    start = cursor.position() if reuse else cursor.position() + 1
    insert_blocks(cursor, blocks, reuse_current=reuse)
    end = cursor.position()
    cursor.endEditBlock()
    return _select_placeholder(cursor, start, end) or cursor
