"""The comparison table: one row per metric, one column per posting, and my standing.

``CompareTableModel`` turns ``Comparison.metrics`` into cells. Every posting's column shows its
number, with no symbol beside a competitor's: an arrow there read as if *they* were ahead (issue
17). The verdict is told from the writer's side only: the column beside yours says "yours is
better", "yours is worse", "about the same" or "cannot tell" against the best competitor, with a
symbol (✓ ✗ = ?) *and* colour (Okabe–Ito green / vermillion); each competitor's cell says in its
tooltip and accessible text how yours stands against it, and which way is better on that line
(higher, lower, nearer a target). The best posting on a row gets a ★. A row's tooltip cites the
evidence for its direction.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import QAbstractButton, QAbstractItemView, QHeaderView, QTableView, QWidget

from postingstudio.core.compare import Comparison, MetricRow, Verdict
from postingstudio.ui.common.theme import OKABE_ITO

MARK = {
    Verdict.BETTER: "✓",
    Verdict.WORSE: "✗",
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

    # Yours, then how yours stands (beside your number), then each competitor.
    best_column = 1

    def posting_at(self, column: int) -> int | None:
        """The posting a column shows (0 is mine); None for the "Yours vs best" column."""
        if column == self.best_column:
            return None
        return 0 if column == 0 else column - 1

    def column_of(self, posting: int) -> int:
        return 0 if posting == 0 else posting + 1

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
                return self.tr("{0}\n{1}. {2}").format(
                    row.label, self.better_is(row).capitalize(), row.source
                )
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            if section == 0:
                return self.tr("Yours")
            if section == self.best_column:
                return self.tr("Yours vs best")
            number = self.posting_at(section) or 0
            return f"[{number}] {short_name(self.names[number], 14)}"
        if role == Qt.ItemDataRole.ToolTipRole:
            if section == 0:
                return self.names[0] if self.names else None
            if section == self.best_column:
                return self.tr("How yours stands against the best competitor on each line")
            number = self.posting_at(section) or 0
            return self.tr("[{0}] {1}\nTheir numbers; hover one to see how yours compares").format(
                number, self.names[number]
            )
        return None

    # -- cells -------------------------------------------------------------------------------
    def verdict(self, row: int, column: int) -> Verdict | None:
        metric = self.rows[row]
        if column == self.best_column:
            return metric.versus_best
        posting = self.posting_at(column)
        return metric.versus[posting - 1] if posting else None

    def standing(self, verdict: Verdict) -> str:
        """The verdict in the writer's words."""
        return {
            Verdict.BETTER: self.tr("yours is better"),
            Verdict.WORSE: self.tr("yours is worse"),
            Verdict.SAME: self.tr("about the same"),
            Verdict.UNKNOWN: self.tr("cannot tell"),
        }[verdict]

    def better_is(self, metric: MetricRow) -> str:
        return {
            "higher": self.tr("higher is better"),
            "lower": self.tr("lower is better"),
            "target": self.tr("nearer the target is better"),
            "band": self.tr("inside the recommended range is better"),
            "rank": self.tr("some values rank above others"),
        }.get(metric.direction, metric.direction)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self.rows):
            return None
        metric, column = self.rows[index.row()], index.column()
        verdict = self.verdict(index.row(), column)
        posting = self.posting_at(column)
        is_best = posting is not None and metric.best == posting
        if role == Qt.ItemDataRole.DisplayRole:
            if posting is None:
                return f"{MARK[metric.versus_best]} {self.standing(metric.versus_best)}"
            text = metric.display[posting]
            return f"★ {text}" if is_best else text
        if role == Qt.ItemDataRole.ForegroundRole and column == self.best_column:
            return VERDICT_COLOUR.get(metric.versus_best)
        if role == Qt.ItemDataRole.FontRole and is_best:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role in (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleTextRole):
            return self._tooltip(metric, column, verdict, is_best)
        if role == VerdictRole:
            return str(verdict) if verdict is not None else None
        if role == RawRole and posting is not None:
            return metric.values[posting]
        return None

    def _tooltip(self, metric: MetricRow, column: int, verdict: Verdict | None, best: bool) -> str:
        mine = metric.display[0]
        if column == 0:
            parts = [self.tr("{0}: yours {1}").format(metric.label, mine)]
        elif column == self.best_column:
            parts = [self.tr("{0}, against the best competitor: {1}").format(
                metric.label, self.standing(metric.versus_best)
            )]  # fmt: skip
            if metric.best_competitor is not None:
                number = metric.best_competitor
                parts.append(self.tr("[{0}] {1}: theirs {2}, yours {3}").format(
                    number, self.names[number], metric.display[number], mine
                ))  # fmt: skip
        else:
            parts = [self.tr("{0}: theirs {1}, yours {2}").format(
                metric.label, metric.display[self.posting_at(column) or 0], mine
            )]  # fmt: skip
            if verdict is not None:
                parts.append(self.standing(verdict).capitalize())
        parts.append(self.better_is(metric).capitalize())
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
        self.verticalHeader().setMaximumWidth(260)  # longer labels elide; the tooltip has them
        self.verticalHeader().setTextElideMode(Qt.TextElideMode.ElideRight)
        self.verticalHeader().setAccessibleName(self.tr("Metrics"))
        self.horizontalHeader().setAccessibleName(self.tr("Postings"))
        for corner in self.findChildren(QAbstractButton):  # Qt's "select all" corner
            corner.setAccessibleName(self.tr("Select the whole table"))

    def set_comparison(self, comparison: Comparison | None) -> None:
        self.model_.set_comparison(comparison)
