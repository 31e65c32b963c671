"""The competitor side of the compare view: one read-only ad per tab, with its own highlights.

Each ad is a read-only ``QTextEdit`` built through ``document_bridge`` from its own
:class:`Posting` and underlined from its own :class:`Report` (a :class:`MarkerSet`, exactly as
in my editor, and the same hover explanations), so the writer sees what is wrong with theirs
too. A view can select a piece of evidence (code-point offsets into its report's text) and
scroll it into the middle, and report where each of its sections starts, for scroll sync (its
scroll bar drives my editor too, see ``compare_sync``).
The pane adds tabs, the "Add competitor" buttons and the empty state; it only asks, through
signals, and never loads or analyses anything itself.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStackedWidget,
    QTabBar,
    QTextEdit,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from postingstudio.core.model import Posting
from postingstudio.core.report import Report
from postingstudio.ui.common.analysis import AnalysisResult
from postingstudio.ui.common.document_bridge import PositionMap, build_document
from postingstudio.ui.common.markers import MarkerSet
from postingstudio.ui.common.theme import is_dark, style_for
from postingstudio.ui.common.tooltips import finding_tooltip
from postingstudio.ui.compare.table import short_name


class CompetitorView(QTextEdit):
    """One competitor ad: read-only rich text with its findings drawn as ExtraSelections."""

    def __init__(self, key: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.key = key
        self.setObjectName(f"competitor_{key}")
        self.setReadOnly(True)
        self.setMouseTracking(True)
        self.document().setDocumentMargin(16)
        self.markers = MarkerSet(self.document())
        self.report: Report | None = None
        self._map: PositionMap | None = None
        self._evidence: list[QTextEdit.ExtraSelection] = []

    def show_posting(self, posting: Posting, report: Report) -> None:
        build_document(self.document(), posting)
        self.report = report
        self._map = PositionMap(report.text)
        self.markers.load(AnalysisResult(0, posting, report))
        self._evidence = []
        self.redraw()

    def redraw(self) -> None:
        selections = self.markers.selections(is_dark(self.palette()))
        self.setExtraSelections(selections + self._evidence)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange and self.report is not None:
            self.redraw()

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip:
            position = self.cursorForPosition(event.pos()).position()  # type: ignore[attr-defined]
            marker = self.markers.at(position)
            if marker is not None:
                label = self.tr(style_for(marker.finding.category).label)
                QToolTip.showText(event.globalPos(), finding_tooltip(marker.finding, label), self)  # type: ignore[attr-defined]
            else:
                QToolTip.hideText()
                event.ignore()
            return True
        return super().event(event)

    # -- positions -------------------------------------------------------------------------
    def to_document(self, offset: int) -> int:
        return self._map.to_document(offset) if self._map is not None else 0

    def select_text(self, start: int, end: int) -> QTextCursor:
        """Select code points ``start..end`` of its report's text and centre them in view."""
        cursor = (self._map or PositionMap("")).cursor(self.document(), start, end)
        self.setTextCursor(cursor)
        # A read-only view without focus paints its selection faintly: a tint keeps it visible.
        selection = QTextEdit.ExtraSelection()
        selection.cursor = QTextCursor(cursor)
        selection.format.setBackground(self.palette().highlight().color().lighter(160))
        self._evidence = [selection]
        self.redraw()
        self.centre_on(cursor.selectionStart())
        return cursor

    def centre_on(self, position: int) -> None:
        cursor = QTextCursor(self.document())
        cursor.setPosition(position)
        top = self.cursorRect(cursor).top() + self.verticalScrollBar().value()
        bar = self.verticalScrollBar()
        bar.setValue(max(0, top - self.viewport().height() // 3))

    def section_starts(self) -> dict[str, int]:
        """Document position where each of its sections starts (heading or revealing cue)."""
        if self.report is None:
            return {}
        return {
            s.id: self.to_document(s.start) for s in self.report.sections if s.start is not None
        }


class CompetitorPane(QWidget):
    """Tabs of competitor ads plus the buttons that ask for more."""

    addFileRequested = Signal()
    pasteRequested = Signal()
    removeRequested = Signal(int)  # key
    currentChanged = Signal(int)  # key, or 0 when there is none

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("competitorPane")
        self.views: dict[int, CompetitorView] = {}
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        bar = QHBoxLayout()
        bar.setContentsMargins(4, 4, 4, 0)
        self.tabs = QTabBar(self)
        self.tabs.setObjectName("competitorTabs")
        self.tabs.setTabsClosable(True)
        self.tabs.setExpanding(False)
        self.tabs.setDocumentMode(True)
        self.tabs.setElideMode(Qt.TextElideMode.ElideMiddle)
        self.tabs.setUsesScrollButtons(True)
        self.tabs.currentChanged.connect(self._tab_changed)
        self.tabs.tabCloseRequested.connect(lambda i: self.removeRequested.emit(self._key(i)))
        bar.addWidget(self.tabs, 1)
        self.add_button = QPushButton(self.tr("Add from file…"), self)
        self.add_button.setObjectName("addCompetitorFile")
        self.add_button.clicked.connect(self.addFileRequested)
        self.paste_button = QPushButton(self.tr("Paste ad…"), self)
        self.paste_button.setObjectName("pasteCompetitor")
        self.paste_button.clicked.connect(self.pasteRequested)
        bar.addWidget(self.add_button)
        bar.addWidget(self.paste_button)
        layout.addLayout(bar)
        self.sync_box = QCheckBox(self.tr("Scroll both ads together, section by section"), self)
        self.sync_box.setObjectName("syncScroll")
        self.sync_box.setChecked(True)
        self.sync_box.setContentsMargins(6, 0, 0, 0)
        layout.addWidget(self.sync_box)
        self.stack = QStackedWidget(self)
        self.empty = QLabel(
            self.tr(
                "Add a competitor's job ad (.docx, .txt, .md or .html, or pasted text) to see "
                "it here, side by side with yours, and how your posting stands against it."
            ),
            self.stack,
        )
        self.empty.setWordWrap(True)
        self.empty.setMargin(24)
        self.stack.addWidget(self.empty)
        layout.addWidget(self.stack, 1)

    def _key(self, index: int) -> int:
        data = self.tabs.tabData(index)
        return int(data) if data is not None else 0

    def _tab_changed(self, index: int) -> None:
        key = self._key(index) if index >= 0 else 0
        self.stack.setCurrentWidget(self.views.get(key, self.empty))
        self.currentChanged.emit(key)

    def add_loading(self, key: int, name: str) -> None:
        view = CompetitorView(key, self.stack)
        view.setPlainText(self.tr("Reading and checking {0}…").format(name))
        self.views[key] = view
        self.stack.addWidget(view)
        index = self.tabs.addTab(short_name(name, 32))
        self.tabs.setTabData(index, key)
        self.tabs.setTabToolTip(index, name)
        self.tabs.setCurrentIndex(index)
        self.stack.setCurrentWidget(view)

    def show_ready(self, key: int, name: str, posting: Posting, report: Report) -> None:
        view = self.views.get(key)
        if view is None:
            return
        view.show_posting(posting, report)
        index = self.index_of(key)
        if index >= 0:
            self.tabs.setTabText(index, f"{short_name(name, 32)} · {report.scores.overall}")

    def remove(self, key: int) -> None:
        view = self.views.pop(key, None)
        index = self.index_of(key)
        if index >= 0:
            self.tabs.removeTab(index)
        if view is not None:
            self.stack.removeWidget(view)
            view.deleteLater()
        if not self.views:
            self.stack.setCurrentWidget(self.empty)

    def index_of(self, key: int) -> int:
        return next((i for i in range(self.tabs.count()) if self._key(i) == key), -1)

    def show_key(self, key: int) -> CompetitorView | None:
        index = self.index_of(key)
        if index >= 0:
            self.tabs.setCurrentIndex(index)
        return self.views.get(key)

    def current(self) -> CompetitorView | None:
        widget = self.stack.currentWidget()
        return widget if isinstance(widget, CompetitorView) else None
