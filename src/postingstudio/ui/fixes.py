"""Changing the text for a finding: one fix, many fixes, or a section template — each one undo step.

Every change here is one ``QTextCursor`` edit block, so Ctrl+Z takes it back whole. Several fixes
are applied from the end of the document backwards, so the positions of the ones still to do are
not moved by the ones already done. A replacement or template with ``<placeholders>`` leaves the
first placeholder selected, so the writer can type straight over it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtGui import QTextCursor, QTextDocument

from postingstudio.core.findings import Finding
from postingstudio.core.fixes import PLACEHOLDER, applicable_replacements, is_safe
from postingstudio.core.model import Block, BlockKind
from postingstudio.core.plaintext import parse_text

from .document_bridge import PositionMap, insert_blocks
from .markers import Marker


@dataclass(frozen=True, slots=True)
class ProposedFix:
    """One change the writer can accept or refuse in the "Apply all safe fixes" preview."""

    marker: Marker
    replacement: str

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
    return [
        ProposedFix(m, applicable_replacements(m.finding)[0])
        for m in markers
        if is_safe(m.finding) and m.still_matches()
    ]


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


def template_blocks(template: str, label: str) -> tuple[Block, ...]:
    """A section template as blocks; Markdown headings and bullets become real ones. A template
    without a heading gets one from the section's label, so the new section is findable."""
    blocks = parse_text(template, markdown=True).blocks if template.strip() else ()
    if not blocks or blocks[0].kind is not BlockKind.HEADING:
        heading = Block.of(BlockKind.HEADING, label, level=2)
        body = blocks or (Block.of(BlockKind.PARAGRAPH, f"<{label.lower()}: add details>"),)
        blocks = (heading, *body)
    return tuple(blocks)


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
