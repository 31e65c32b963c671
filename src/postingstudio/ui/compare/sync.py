"""Scroll my posting and the competitor's ad in step, section by section, either way round.

Both sides know where their sections start (my session's live section cursors; the
competitor's report). When one side scrolls, the section at the top of its view is found, and
the other side is scrolled to *its* start of the same section, plus the same fraction of the
way through it, so "Benefits" faces "Benefits" even when the two ads put it at different
heights. The text before the first section is matched to the text before theirs. A section the
other side lacks falls back to the same proportion of the whole document.

Either side drives: scrolling my editor moves the competitor, and scrolling the competitor moves
my editor's view (only the view; the text cursor and the text stay where they are). A scroll
bar the sync itself moves does not drive back (a re-entrancy guard), so the two never chase
each other. Showing a piece of evidence in each posting pauses the sync, so each side keeps its
own selection in view.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

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
    """Id of the section whose start is at or above the top of ``edit``'s viewport."""
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
    """Keeps ``left`` (my editor) and the current competitor view scrolled to the same section."""

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
        self._moving = False  # we are setting a scroll bar: its valueChanged must not drive
        self._paused = 0
        left.verticalScrollBar().valueChanged.connect(lambda _v: self.sync())

    def watch(self, view: QTextEdit) -> None:
        """Let a competitor view drive my editor while it is the current one."""
        view.verticalScrollBar().valueChanged.connect(lambda _v: self.follow(view))

    def set_enabled(self, enabled: bool) -> None:
        self.enabled = enabled
        if enabled:
            self.sync()

    @contextmanager
    def paused(self) -> Iterator[None]:
        """Place the two views independently (evidence on both sides, a view being filled)."""
        self._paused += 1
        try:
            yield
        finally:
            self._paused -= 1

    def sync(self) -> None:
        """My editor leads: scroll the current competitor to match it."""
        right = self._right()
        if right is None or not self._may_move(right):
            return
        starts = self._right_starts(right)
        self._set(right, synced_value(self.left, self._left_starts(), right, starts))

    def follow(self, view: QTextEdit) -> None:
        """The competitor view was scrolled: scroll my editor to match it."""
        if view is not self._right() or not self._may_move(view):
            return
        starts = self._right_starts(view)
        self._set(self.left, synced_value(view, starts, self.left, self._left_starts()))

    def _may_move(self, right: QTextEdit) -> bool:
        if not self.enabled or self._moving or self._paused:
            return False
        return bool(self._right_starts(right)) or not right.document().isEmpty()

    def _set(self, edit: QTextEdit, value: int) -> None:
        self._moving = True
        try:
            edit.verticalScrollBar().setValue(value)
        finally:
            self._moving = False
