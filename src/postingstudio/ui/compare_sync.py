"""Scroll the competitor's ad in step with my posting, section by section.

Both sides know where their sections start (my session's live section cursors; the
competitor's report). When my editor scrolls, the section at the top of my view is found, and
the competitor is scrolled to *its* start of the same section, plus the same fraction of the
way through it, so "Benefits" faces "Benefits" even when the two ads put it at different
heights. The text before the first section is matched to the text before theirs. A section the
competitor lacks falls back to the same proportion of the whole document.

Only my side drives: scrolling the competitor by hand leaves mine alone (reading their ad must
not move the text being edited).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QTextEdit

_START = ""  # the anchor for whatever comes before the first section


def y_of(edit: QTextEdit, position: int) -> float:
    """The document y (scroll-bar units) of the line holding ``position``."""
    document = edit.document()
    block = document.findBlock(max(0, min(position, document.characterCount() - 1)))
    if not block.isValid():
        return 0.0
    top = document.documentLayout().blockBoundingRect(block).top()
    layout = block.layout()
    if layout is not None and layout.lineCount():
        line = layout.lineForTextPosition(position - block.position())
        if line.isValid():
            top += line.y()
    return top


def anchors(edit: QTextEdit, starts: dict[str, int]) -> list[tuple[float, str]]:
    """(y, section id) in the order the sections appear, after a start anchor at y = 0."""
    found = sorted((y_of(edit, position), section) for section, position in starts.items())
    return [(0.0, _START), *found]


def _next_y(points: list[tuple[float, str]], index: int, edit: QTextEdit) -> float:
    if index + 1 < len(points):
        return points[index + 1][0]
    return edit.document().size().height()


def section_at_top(edit: QTextEdit, starts: dict[str, int]) -> str:
    value = edit.verticalScrollBar().value()
    points = anchors(edit, starts)
    return max((p for p in points if p[0] <= value + 1), key=lambda p: p[0])[1]


def synced_value(
    left: QTextEdit, left_starts: dict[str, int], right: QTextEdit, right_starts: dict[str, int]
) -> int:
    """Where the right scroll bar should be for the left one's current value."""
    value = left.verticalScrollBar().value()
    mine = anchors(left, left_starts)
    theirs = anchors(right, right_starts)
    index = max(i for i, (y, _id) in enumerate(mine) if y <= value + 1 or i == 0)
    section = mine[index][1]
    where = {section_id: i for i, (_y, section_id) in enumerate(theirs)}
    bar = right.verticalScrollBar()
    if section in where:
        start, end = mine[index][0], _next_y(mine, index, left)
        fraction = min(1.0, max(0.0, (value - start) / max(1.0, end - start)))
        other = where[section]
        their_start, their_end = theirs[other][0], _next_y(theirs, other, right)
        target = their_start + fraction * (their_end - their_start)
    else:
        most = left.verticalScrollBar().maximum()
        target = (value / most) * bar.maximum() if most else 0.0
    return max(bar.minimum(), min(bar.maximum(), round(target)))


class SectionScrollSync(QObject):
    """Follows ``left``'s scroll bar and moves the current competitor view to match."""

    def __init__(
        self,
        left: QTextEdit,
        left_starts: Callable[[], dict[str, int]],
        right: Callable[[], QTextEdit | None],
        right_starts: Callable[[QTextEdit], dict[str, int]],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.left, self._left_starts = left, left_starts
        self._right, self._right_starts = right, right_starts
        self.enabled = False
        left.verticalScrollBar().valueChanged.connect(lambda _v: self.sync())

    def set_enabled(self, enabled: bool) -> None:
        self.enabled = enabled
        if enabled:
            self.sync()

    def sync(self) -> None:
        right = self._right()
        if not self.enabled or right is None:
            return
        starts = self._right_starts(right)
        if not starts and right.document().isEmpty():
            return
        right.verticalScrollBar().setValue(
            synced_value(self.left, self._left_starts(), right, starts)
        )
