"""The main window's adaptive layout: the editor keeps a readable line, panels make room.

A writer needs about 60 characters a line to read a posting without words breaking mid-word.
The editor's minimum width is that line in its own font (it follows zoom), so no dock can
squeeze it narrower. On a narrow window the three panels stack as tabs in one column on the
right ("narrow"); on a wide one the scores sit on the left and findings above sections on the
right ("wide"). A window whose saved geometry no longer fits any screen (a monitor unplugged,
a smaller laptop) starts at a sane default size on the screen it is on instead.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QRect, Qt
from PySide6.QtGui import QFontMetricsF, QGuiApplication
from PySide6.QtWidgets import QDockWidget, QMainWindow, QStyle, QTextEdit

MIN_CHARS = 60
# A line of ordinary English prose, 60 characters long: its width in the editor's font is the
# width the editor never goes below (letters vary in width; an average of real text is fairer
# than sixty of one letter).
SAMPLE_LINE = "Responsible for planning and delivering projects with the te"
DEFAULT_SIZE = (1280, 820)
HYSTERESIS = 40  # px: resizing across the threshold by a hair does not flip the layout back


def chars_per_line(editor: QTextEdit) -> float:
    """How many average characters of the editor's font fit on one line of its page."""
    metrics = QFontMetricsF(editor.document().defaultFont())
    usable = editor.viewport().width() - 2 * editor.document().documentMargin()
    return usable / max(1.0, metrics.averageCharWidth())


def readable_width(editor: QTextEdit) -> int:
    """The editor's width that shows ``MIN_CHARS`` characters a line, scroll bar included."""
    metrics = QFontMetricsF(editor.document().defaultFont())
    line = max(metrics.horizontalAdvance(SAMPLE_LINE), metrics.averageCharWidth() * MIN_CHARS)
    scroll_bar = editor.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent)
    chrome = 2 * editor.frameWidth() + scroll_bar + 4  # the last pixels: rounding, the caret
    return int(line + 2 * editor.document().documentMargin() + chrome + 0.999)


def default_geometry(available: QRect) -> QRect:
    """The default window: 1280×820 where it fits, else 92% of the screen, centred."""
    width = min(DEFAULT_SIZE[0], available.width() * 92 // 100)
    height = min(DEFAULT_SIZE[1], available.height() * 92 // 100)
    rect = QRect(0, 0, width, height)
    rect.moveCenter(available.center())
    return rect


def fits_a_screen(window: QMainWindow, saved_size: tuple[int, int] | None = None) -> bool:
    """True when the whole window frame lies on one screen's available area (a little slack
    for frames the window manager draws). ``saved_size`` is the size the window had when it
    was saved: Qt's restoreGeometry quietly shrinks a window bigger than the screen to the
    whole screen, which fits but is no sane size to come back at."""
    frame = window.frameGeometry()
    for screen in QGuiApplication.screens():
        area = screen.availableGeometry().adjusted(-16, -16, 16, 16)
        if area.contains(frame) and (
            saved_size is None or (saved_size[0] <= area.width() and saved_size[1] <= area.height())
        ):
            return True
    return False


def place_default(window: QMainWindow) -> None:
    """Size and place a window with no saved geometry to suit the screen it is on."""
    screen = window.screen() or QGuiApplication.primaryScreen()
    if screen is None:
        window.resize(*DEFAULT_SIZE)
        return
    window.setGeometry(default_geometry(screen.availableGeometry()))


class PanelLayout(QObject):
    """Keeps the editor readable and switches the docks between "wide" and "narrow"."""

    def __init__(
        self,
        window: QMainWindow,
        editor: QTextEdit,
        findings: QDockWidget,
        checklist: QDockWidget,
        scores: QDockWidget,
    ) -> None:
        super().__init__(window)
        self.window, self.editor = window, editor
        self.findings, self.checklist, self.scores = findings, checklist, scores
        self.mode = "wide"
        self.update_minimum()
        window.installEventFilter(self)
        editor.installEventFilter(self)

    def update_minimum(self) -> None:
        self.editor.setMinimumWidth(readable_width(self.editor))

    def threshold(self) -> int:
        """The narrowest window that still has room for the editor and two columns of
        panels beside it."""
        side = max(self.findings.minimumSizeHint().width(), 320)
        scores = max(self.scores.minimumSizeHint().width(), 240)
        return self.editor.minimumWidth() + side + scores + 24

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        kind = event.type()
        if watched is self.editor and kind in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self.update_minimum()  # zoom changes the font, and so the readable width
        elif watched is self.window and kind in (QEvent.Type.Resize, QEvent.Type.Show):
            self.adapt()
        return False

    def adapt(self) -> None:
        width = self.window.width()
        if self.mode == "wide" and width < self.threshold():
            self.set_mode("narrow")
        elif self.mode == "narrow" and width >= self.threshold() + HYSTERESIS:
            self.set_mode("wide")

    def _docked(self) -> bool:
        """The panels are where this layout put them (a writer who floated one keeps it)."""
        return not any(d.isFloating() for d in (self.findings, self.checklist, self.scores))

    def set_mode(self, mode: str) -> None:
        if mode == self.mode or not self._docked():
            self.mode = mode
            return
        self.mode = mode
        w, right = self.window, Qt.DockWidgetArea.RightDockWidgetArea
        if mode == "narrow":
            w.addDockWidget(right, self.scores)
            w.tabifyDockWidget(self.findings, self.checklist)
            w.tabifyDockWidget(self.checklist, self.scores)
            self.findings.raise_()
            side = max(self.findings.minimumSizeHint().width(), 320)
            room = w.width() - self.editor.minimumWidth() - 24
            w.resizeDocks([self.findings], [max(side, min(420, room))], Qt.Orientation.Horizontal)
        else:
            w.addDockWidget(right, self.findings)
            w.addDockWidget(right, self.checklist)
            w.splitDockWidget(self.findings, self.checklist, Qt.Orientation.Vertical)
            w.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, self.scores)
            w.resizeDocks([self.findings], [400], Qt.Orientation.Horizontal)
            w.resizeDocks([self.scores], [290], Qt.Orientation.Horizontal)
            w.resizeDocks([self.findings, self.checklist], [480, 320], Qt.Orientation.Vertical)
