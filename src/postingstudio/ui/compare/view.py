"""The compare view's lower half (layout): status, export, table, chart and the three lists.

The upper half is the main window's own editor (so edits there are real edits, with undo and
autosave) next to the :class:`CompetitorPane`; this widget sits under them in the "Comparison"
dock. It shows a :class:`CompareResult` and forwards the lists' requests; what they mean is
decided in ``compare_mode``.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from postingstudio.core.compare import Comparison, Verdict
from postingstudio.ui.compare.chart import ScoreChart, chart_data
from postingstudio.ui.compare.lists import CompareLists
from postingstudio.ui.compare.table import CompareTable


def standing_summary(comparison: Comparison) -> str:
    """One line, from the writer's side: on how many metrics mine is better than, about the same
    as or worse than the best competitor."""
    counts = {verdict: 0 for verdict in Verdict}
    for row in comparison.metrics:
        counts[row.versus_best] += 1
    return (
        f"yours is better on {counts[Verdict.BETTER]} · about the same on "
        f"{counts[Verdict.SAME]} · worse on {counts[Verdict.WORSE]} of "
        f"{len(comparison.metrics)} measures"
    )


class CompareView(QWidget):
    """The comparison dock's layout: status, score chart, metrics table and lists."""

    exportRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("compareView")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 2, 4, 4)
        layout.setSpacing(4)
        top = QHBoxLayout()
        self.status = QLabel(self.tr("Add a competitor ad to compare."), self)
        self.status.setObjectName("compareStatus")
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        top.addWidget(self.status, 1)
        self.export_button = QPushButton(self.tr("Export report…"), self)
        self.export_button.setObjectName("exportComparison")
        self.export_button.setToolTip(self.tr("Save the comparison as an HTML or PDF report"))
        self.export_button.setEnabled(False)
        self.export_button.clicked.connect(self.exportRequested)
        top.addWidget(self.export_button)
        layout.addLayout(top)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.table = CompareTable(self.splitter)
        self.chart = ScoreChart(self.splitter)
        self.lists = CompareLists(self.splitter)
        self.splitter.addWidget(self.table)
        self.splitter.addWidget(self.chart)
        self.splitter.addWidget(self.lists)
        self.splitter.setStretchFactor(0, 4)
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setStretchFactor(2, 3)
        layout.addWidget(self.splitter, 1)
        self.comparison: Comparison | None = None
        self._summary = self.status.text()

    def show_comparison(self, comparison: Comparison | None) -> None:
        self.comparison = comparison
        self.table.set_comparison(comparison)
        self.chart.set_data(chart_data(comparison) if comparison is not None else None)
        self.lists.set_comparison(comparison)
        self.export_button.setEnabled(comparison is not None)
        if comparison is None:
            self._summary = self.tr("Add a competitor ad to compare.")
        else:
            self._summary = self.tr("Against the best of {0} competitor(s): {1}").format(
                len(comparison.competitors), standing_summary(comparison)
            )
        self.status.setText(self._summary)

    def set_busy(self, busy: bool) -> None:
        self.status.setText(self.tr("Comparing…") if busy else self._summary)
