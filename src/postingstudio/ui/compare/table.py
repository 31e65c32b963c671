"""The comparison table: one row per metric, one column per posting, and my standing.

``CompareTableModel`` turns ``Comparison.metrics`` into cells. My column shows my value; each
competitor's column shows theirs with an arrow for how *mine* stands against it (▲ mine is
better, ▼ mine is worse, = level within the metric's tolerance, ? unknown), and the last column
is my standing against the best competitor on that line. The best posting on a row gets a ★.
Verdicts are told by symbol *and* colour (Okabe–Ito green / vermillion), and every cell's
tooltip says it in words; a row's tooltip cites the evidence for its direction.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import QAbstractButton, QAbstractItemView, QHeaderView, QTableView, QWidget

from postingstudio.core.compare import Comparison, MetricRow, Verdict
from postingstudio.ui.common.theme import OKABE_ITO

ARROW = {
    Verdict.BETTER: "▲",
    Verdict.WORSE: "▼",
    Verdict.SAME: "=",
    Verdict.UNKNOWN: "?",
}
VERDICT_COLOUR = {
    Verdict.BETTER: QColor(OKABE_ITO["bluish_green"]),
    Verdict.WORSE: QColor(OKABE_ITO["vermillion"]),
}
VerdictRole = Qt.ItemDataRole.UserRole + 1  # the verdict ("better"…) of a cell; None for mine
RawRole = Qt.ItemDataRole.UserRole + 2  # the raw metric value
Index = QModelIndex | QPersistentModelIndex


def short_name(name: str, limit: int = 22) -> str:
    """A column-sized name: file names from job sites are long and alike at the start."""
    if len(name) <= limit:
        return name
    half = (limit - 1) // 2
    return f"{name[:half]}…{name[-(limit - 1 - half) :]}"


class CompareTableModel(QAbstractTableModel):
    """The comparison's metrics as rows, one column per posting."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.comparison: Comparison | None = None
        self.rows: tuple[MetricRow, ...] = ()
        self.names: list[str] = []

    def set_comparison(self, comparison: Comparison | None) -> None:
        self.beginResetModel()
        self.comparison = comparison
        self.rows = comparison.metrics if comparison is not None else ()
        self.names = [p.name for p in comparison.postings] if comparison is not None else []
        self.endResetModel()

    # -- shape -----------------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() or not self.names else len(self.names) + 1

    @property
    def best_column(self) -> int:
        return len(self.names)

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Vertical:
            if section >= len(self.rows):
                return None
            row = self.rows[section]
            if role == Qt.ItemDataRole.DisplayRole:
                return row.label
            if role == Qt.ItemDataRole.ToolTipRole:
                return self.tr("Better is {0}. {1}").format(row.direction, row.source)
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            if section == 0:
                return self.tr("Yours")
            if section == self.best_column:
                return self.tr("vs best")
            return f"[{section}] {short_name(self.names[section], 16)}"
        if role == Qt.ItemDataRole.ToolTipRole:
            if section == 0:
                return self.names[0] if self.names else None
            if section == self.best_column:
                return self.tr("How yours stands against the best competitor on each line")
            return self.tr("{0}\n▲ yours is better than theirs, ▼ worse, = level").format(
                self.names[section]
            )
        return None

    # -- cells -------------------------------------------------------------------------------
    def verdict(self, row: int, column: int) -> Verdict | None:
        metric = self.rows[row]
        if column == self.best_column:
            return metric.versus_best
        if 1 <= column < self.best_column:
            return metric.versus[column - 1]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self.rows):
            return None
        metric, column = self.rows[index.row()], index.column()
        verdict = self.verdict(index.row(), column)
        is_best = column < self.best_column and metric.best == column
        if role == Qt.ItemDataRole.DisplayRole:
            if column == self.best_column:
                words = {
                    Verdict.BETTER: self.tr("ahead"),
                    Verdict.WORSE: self.tr("behind"),
                    Verdict.SAME: self.tr("level"),
                    Verdict.UNKNOWN: self.tr("unknown"),
                }
                return f"{ARROW[metric.versus_best]} {words[metric.versus_best]}"
            text = metric.display[column]
            if verdict is not None:
                text = f"{text} {ARROW[verdict]}"
            return f"★ {text}" if is_best else text
        if role == Qt.ItemDataRole.ForegroundRole and verdict is not None:
            return VERDICT_COLOUR.get(verdict)
        if role == Qt.ItemDataRole.FontRole and is_best:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(metric, column, verdict, is_best)
        if role == VerdictRole:
            return str(verdict) if verdict is not None else None
        if role == RawRole and column < self.best_column:
            return metric.values[column]
        return None

    def _tooltip(self, metric: MetricRow, column: int, verdict: Verdict | None, best: bool) -> str:
        words = {
            Verdict.BETTER: self.tr("Yours is better"),
            Verdict.WORSE: self.tr("Yours is worse"),
            Verdict.SAME: self.tr("About the same"),
            Verdict.UNKNOWN: self.tr("Cannot tell (a value is missing)"),
        }
        parts = [metric.label]
        if verdict is not None:
            parts.append(words[verdict])
        if best:
            parts.append(self.tr("★ best of all postings on this line"))
        return "\n".join(parts)


class CompareTable(QTableView):
    """Read-only table of the comparison's metrics, mine beside theirs."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("compareTable")
        self.setAccessibleName(self.tr("Metrics, yours beside theirs"))
        self.model_ = CompareTableModel(self)
        self.setModel(self.model_)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.horizontalHeader().setMaximumSectionSize(220)
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.verticalHeader().setMaximumWidth(230)  # long labels elide; the tooltip has them
        self.verticalHeader().setAccessibleName(self.tr("Metrics"))
        self.horizontalHeader().setAccessibleName(self.tr("Postings"))
        for corner in self.findChildren(QAbstractButton):  # Qt's "select all" corner
            corner.setAccessibleName(self.tr("Select the whole table"))

    def set_comparison(self, comparison: Comparison | None) -> None:
        self.model_.set_comparison(comparison)
