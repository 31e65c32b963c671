"""The findings as a two-level Qt model: category rows, each with its findings as children.

A model instead of a ``QTreeWidget`` because a 5,000-word posting can have 600 findings: filling
600 widget items on every report held the event loop for ~90 ms, while resetting a model costs
nothing and the view asks only for the rows it shows. Column 0 is the finding, column 1 its fix
("Apply" / "Insert"). ``INDEX_ROLE`` gives a finding's index in the report.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from postingstudio.core.findings import Category, Finding
from postingstudio.ui.common.apply_fixes import applicable_replacements, missing_section_id
from postingstudio.ui.common.elide import shorten_words
from postingstudio.ui.common.theme import SEVERITY_SYMBOL, is_dark, legend_colour, style_for

INDEX_ROLE = Qt.ItemDataRole.UserRole
QUOTE_LIMIT = 40  # characters of the finding's words quoted in its row, cut at a word
FIX_COLOUR = QColor("#0072B2")
_TOP = 0  # internal id of category rows; a finding row's id is its category row + 1

Index = QModelIndex | QPersistentModelIndex


class FindingsModel(QAbstractItemModel):
    """The report's findings as a tree: one group per category, each finding a row with its fix."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.findings: tuple[Finding, ...] = ()
        self.groups: list[tuple[Category, list[int]]] = []
        self.labels: dict[Category, str] = {}
        self.fix_labels = ("Apply", "Insert")
        self._bold = QFont()
        self._bold.setBold(True)

    def set_content(
        self, findings: Sequence[Finding], visible: Sequence[int], labels: dict[Category, str]
    ) -> None:
        """Show the findings whose indexes are in ``visible``, grouped by category."""
        self.beginResetModel()
        self.findings, self.labels = tuple(findings), labels
        by_category: dict[Category, list[int]] = {}
        for index in visible:
            by_category.setdefault(self.findings[index].category, []).append(index)
        self.groups = list(by_category.items())
        self.endResetModel()

    def finding_index(self, index: Index) -> int | None:
        if not index.isValid() or index.internalId() == _TOP:
            return None
        return self.groups[index.internalId() - 1][1][index.row()]

    def index_of(self, finding: int) -> QModelIndex:
        for row, (_category, items) in enumerate(self.groups):
            if finding in items:
                return self.createIndex(items.index(finding), 0, row + 1)
        return QModelIndex()

    def fix_text(self, finding: Finding) -> str:
        if applicable_replacements(finding):
            return self.fix_labels[0]
        if missing_section_id(finding):
            return self.fix_labels[1]
        return ""

    # -- QAbstractItemModel ----------------------------------------------------------------
    def index(self, row: int, column: int, parent: Index = QModelIndex()) -> QModelIndex:  # noqa: B008
        if not parent.isValid():
            if 0 <= row < len(self.groups):
                return self.createIndex(row, column, _TOP)
            return QModelIndex()
        if parent.internalId() == _TOP and 0 <= row < len(self.groups[parent.row()][1]):
            return self.createIndex(row, column, parent.row() + 1)
        return QModelIndex()

    def parent(self, index: Index = QModelIndex()) -> QModelIndex:  # type: ignore[override]  # noqa: B008
        if not index.isValid() or index.internalId() == _TOP:
            return QModelIndex()
        return self.createIndex(index.internalId() - 1, 0, _TOP)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        if not parent.isValid():
            return len(self.groups)
        if parent.internalId() == _TOP and parent.column() == 0:
            return len(self.groups[parent.row()][1])
        return 0

    def columnCount(self, _parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 2

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> object:  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return ("Finding", "Fix")[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        if index.internalId() == _TOP:
            category, items = self.groups[index.row()]
            if index.column() != 0:
                return None
            if role == Qt.ItemDataRole.DisplayRole:
                style = style_for(category)
                return f"{style.symbol} {self.labels.get(category, style.label)} ({len(items)})"
            if role == Qt.ItemDataRole.ForegroundRole:  # the marker's own colour in this theme
                return QBrush(QColor(legend_colour(category, is_dark())))
            if role == Qt.ItemDataRole.FontRole:
                return self._bold
            return None
        number = self.finding_index(index)
        finding = self.findings[number]  # type: ignore[index]
        if role == INDEX_ROLE:
            return number
        if index.column() == 0:
            if role == Qt.ItemDataRole.DisplayRole:
                words = finding.text.strip()
                quote = f" — “{shorten_words(words, QUOTE_LIMIT)}”" if words else ""
                return f"{SEVERITY_SYMBOL[finding.severity]} {finding.message}{quote}"
            if role == Qt.ItemDataRole.ToolTipRole:
                # The row quotes at most QUOTE_LIMIT characters; the tooltip has all the words.
                words = " ".join(finding.text.split())
                return f"{finding.message}\n“{words}”" if words else finding.message
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self.fix_text(finding)
        if role == Qt.ItemDataRole.ForegroundRole:
            return QBrush(FIX_COLOUR)
        if role == Qt.ItemDataRole.ToolTipRole:
            replacements = applicable_replacements(finding)
            return f"“{replacements[0]}”" if replacements else None
        return None
