"""Findings as live spans in the document, drawn as ExtraSelections.

When a report arrives (for the document's current generation, so its offsets are exact), each
finding gets a ``QTextCursor`` over its span. Qt keeps those cursors in step with later edits, so
a marker stays on its words while the next analysis runs, and "Apply" can check that the words
under the cursor are still the ones the finding quoted before replacing them.

Drawing is capped (``MAX_SELECTIONS``): a pathological document must never make every repaint
walk tens of thousands of selections. Analysis never runs here; this only draws what it found.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QTextCursor, QTextDocument
from PySide6.QtWidgets import QTextEdit

from postingstudio.core.findings import Finding
from postingstudio.ui.common.analysis import PLACEHOLDER, AnalysisResult
from postingstudio.ui.common.document_bridge import PositionMap, selected_text
from postingstudio.ui.common.theme import marker_format, placeholder_format

MAX_SELECTIONS = 2000


@dataclass(slots=True)
class Marker:
    """One finding in the editor: its cursor follows edits, so
    ``start``/``end`` stay on its words."""

    index: int  # position in the report's findings
    finding: Finding
    cursor: QTextCursor  # tracks edits; empty for document-level findings

    @property
    def start(self) -> int:
        return self.cursor.selectionStart()

    @property
    def end(self) -> int:
        return self.cursor.selectionEnd()

    def still_matches(self) -> bool:
        """True while the words under the cursor are the ones the finding quoted."""
        return selected_text(self.cursor) == self.finding.text


class MarkerSet:
    """The current report's findings, anchored in a document."""

    def __init__(self, document: QTextDocument) -> None:
        self._document = document
        self.markers: list[Marker] = []
        self.placeholders: list[QTextCursor] = []
        self.section_anchors: dict[str, QTextCursor] = {}  # where each section would go
        self.section_spans: dict[str, QTextCursor] = {}  # where each found section is
        self.hidden: set[int] = set()
        self.hidden_categories: set[str] = set()
        self.result: AnalysisResult | None = None

    def load(self, result: AnalysisResult) -> None:
        """Anchor a report made from the document's current text."""
        self.result = result
        self.hidden.clear()
        mapping = PositionMap(result.report.text)
        doc = self._document
        last = max(0, doc.characterCount() - 1)
        to_document = mapping.to_document
        keep = QTextCursor.MoveMode.KeepAnchor

        # Hundreds of cursors per report: the loop avoids every avoidable call into Qt.
        def cursor(start: int, end: int) -> QTextCursor:
            made = QTextCursor(doc)
            made.setPosition(min(to_document(start), last))
            if end != start:
                made.setPosition(min(to_document(end), last), keep)
            return made

        self.markers = [
            Marker(i, f, cursor(f.start, f.end)) for i, f in enumerate(result.report.findings)
        ]
        self.placeholders = [cursor(s, e) for s, e in result.placeholders]
        self.section_anchors, self.section_spans = {}, {}
        for section in result.report.sections:
            self.section_anchors[section.id] = cursor(section.insert_at, section.insert_at)
            if section.start is not None and section.end is not None:
                self.section_spans[section.id] = cursor(section.start, section.end)

    def clear(self) -> None:
        self.result = None
        self.markers = []
        self.placeholders = []
        self.section_anchors, self.section_spans = {}, {}
        self.hidden.clear()

    def hide(self, index: int) -> None:
        """Stop drawing one finding until the next report (it was applied or ignored)."""
        self.hidden.add(index)

    def marker(self, index: int) -> Marker | None:
        if 0 <= index < len(self.markers):
            return self.markers[index]
        return None

    def visible(self) -> list[Marker]:
        return [
            m
            for m in self.markers
            if m.index not in self.hidden and m.finding.category.value not in self.hidden_categories
        ]

    def all_at(self, position: int) -> list[Marker]:
        """Every visible finding whose span covers document ``position``, the most specific
        (shortest span) first, then the most severe: a cliché inside a hard sentence comes
        before the sentence, so neither hides the other."""
        covering = [m for m in self.visible() if m.finding.is_span and m.start <= position < m.end]
        return sorted(covering, key=lambda m: (m.end - m.start, -m.finding.severity.rank))

    def at(self, position: int) -> Marker | None:
        """The most specific visible finding at ``position`` (see :meth:`all_at`)."""
        covering = self.all_at(position)
        return covering[0] if covering else None

    def selections(self, dark: bool) -> list[QTextEdit.ExtraSelection]:
        selections: list[QTextEdit.ExtraSelection] = []
        formats: dict[str, object] = {}
        for marker in self.visible():
            if not marker.finding.is_span or marker.start == marker.end:
                continue
            if len(selections) >= MAX_SELECTIONS:
                break
            category = marker.finding.category.value
            if category not in formats:
                formats[category] = marker_format(category, dark)
            selection = QTextEdit.ExtraSelection()
            selection.cursor = marker.cursor
            selection.format = formats[category]
            selections.append(selection)
        fmt = placeholder_format(dark)
        for cursor in self.placeholders[:MAX_SELECTIONS]:
            # Typing into a placeholder changes its words: it stops being one, and its tint goes.
            if cursor.hasSelection() and PLACEHOLDER.fullmatch(selected_text(cursor)):
                selection = QTextEdit.ExtraSelection()
                selection.cursor = cursor
                selection.format = fmt
                selections.append(selection)
        return selections
