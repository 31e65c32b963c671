"""The findings panel (layout): findings grouped by category with counts, filters and fixes.

Category buttons at the top show each category's count and hide or show it (in the list and in
the editor); a severity box narrows further. Clicking a finding asks the window to select its
span; the "Apply" column applies its first replacement; the detail pane under the list explains
the selected finding (message, why, source) with a button per replacement, "Ignore" and "Ignore
this rule". The panel only emits requests; it never edits the document.
"""

from __future__ import annotations

import html
from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSizePolicy,
    QToolButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from postingstudio.core.findings import Category, Finding, Severity

from .fixes import applicable_replacements, missing_section_id
from .theme import SEVERITY_SYMBOL, STYLES, style_for

INDEX_ROLE = Qt.ItemDataRole.UserRole
MAX_DETAIL_BUTTONS = 3


class FindingsPanel(QWidget):
    findingActivated = Signal(int)  # finding index: select its span
    applyRequested = Signal(int, str)  # finding index, replacement
    ignoreRequested = Signal(int)
    ignoreRuleRequested = Signal(str)
    insertSectionRequested = Signal(str)  # section id
    applyAllRequested = Signal()
    hiddenCategoriesChanged = Signal(set)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("findingsPanel")
        self.findings: tuple[Finding, ...] = ()
        self.hidden: set[str] = set()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)

        self.filter_buttons: dict[Category, QToolButton] = {}
        chips = QGridLayout()
        chips.setSpacing(2)
        for number, (category, style) in enumerate(STYLES.items()):
            button = QToolButton(self)
            button.setCheckable(True)
            button.setChecked(True)
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
            button.setStyleSheet(
                "QToolButton { border: 1px solid palette(mid);"
                f" border-bottom: 3px solid {style.colour};"
                " padding: 1px 3px; background: palette(base); color: palette(text); }"
                "QToolButton:!checked { color: palette(mid); border-bottom-color: palette(mid);"
                " background: palette(window); }"
            )
            button.toggled.connect(self._filters_changed)
            button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
            self.filter_buttons[category] = button
            chips.addWidget(button, number // 4, number % 4)
        layout.addLayout(chips)

        self.severity = QComboBox(self)
        self.severity.addItem(self.tr("All severities"), Severity.SUGGESTION.rank)
        self.severity.addItem(self.tr("Warnings and errors"), Severity.WARNING.rank)
        self.severity.addItem(self.tr("Errors only"), Severity.ERROR.rank)
        self.severity.currentIndexChanged.connect(self._rebuild)
        layout.addWidget(self.severity)

        self.tree = QTreeWidget(self)
        self.tree.setColumnCount(2)
        self.tree.setHeaderLabels([self.tr("Finding"), self.tr("Fix")])
        self.tree.header().setStretchLastSection(False)
        self.tree.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.tree.header().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.tree.setUniformRowHeights(True)
        self.tree.itemClicked.connect(self._item_clicked)
        self.tree.currentItemChanged.connect(self._show_details)
        layout.addWidget(self.tree, 3)

        self.details = QLabel(self)
        self.details.setWordWrap(True)
        self.details.setTextFormat(Qt.TextFormat.RichText)
        self.details.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.details.setMinimumHeight(60)
        layout.addWidget(self.details, 1)
        self.detail_buttons = QHBoxLayout()
        layout.addLayout(self.detail_buttons)

        self.apply_all = QPushButton(self.tr("Apply all safe fixes…"), self)
        self.apply_all.clicked.connect(self.applyAllRequested)
        layout.addWidget(self.apply_all)
        self._update_counts()

    # -- content -----------------------------------------------------------------------------
    def set_findings(self, findings: Sequence[Finding]) -> None:
        self.findings = tuple(findings)
        self._update_counts()
        self._rebuild()

    def category_label(self, category: Category) -> str:
        return self.tr(style_for(category).label)

    def _update_counts(self) -> None:
        counts = {category: 0 for category in STYLES}
        for finding in self.findings:
            counts[finding.category] = counts.get(finding.category, 0) + 1
        for category, button in self.filter_buttons.items():
            style = style_for(category)
            button.setText(f"{style.symbol} {self.category_label(category)} {counts[category]}")
            button.setToolTip(self.tr("Show or hide {0} findings").format(style.label.lower()))
            # Grammar and spelling appear only when the grammar lane reports something.
            button.setVisible(counts[category] > 0 or category in _ALWAYS_SHOWN)

    def _visible(self, finding: Finding) -> bool:
        floor = int(self.severity.currentData() or 0)
        return finding.category.value not in self.hidden and finding.severity.rank >= floor

    def _rebuild(self) -> None:
        current = self.current_index()
        self.tree.clear()
        groups: dict[Category, QTreeWidgetItem] = {}
        shown = 0
        for index, finding in enumerate(self.findings):
            if not self._visible(finding):
                continue
            group = groups.get(finding.category)
            if group is None:
                group = QTreeWidgetItem(self.tree)
                group.setFirstColumnSpanned(False)
                font = QFont(group.font(0))
                font.setBold(True)
                group.setFont(0, font)
                group.setForeground(0, QBrush(QColor(style_for(finding.category).colour)))
                group.setExpanded(True)
                groups[finding.category] = group
            item = QTreeWidgetItem(group)
            quote = f" — “{finding.text.strip()[:40]}”" if finding.text.strip() else ""
            item.setText(0, f"{SEVERITY_SYMBOL[finding.severity]} {finding.message}{quote}")
            item.setToolTip(0, finding.message)
            item.setData(0, INDEX_ROLE, index)
            replacements = applicable_replacements(finding)
            if replacements:
                item.setText(1, self.tr("Apply"))
                item.setToolTip(1, self.tr("Replace with “{0}”").format(replacements[0]))
                item.setForeground(1, QBrush(QColor("#0072B2")))
            elif missing_section_id(finding):
                item.setText(1, self.tr("Insert"))
                item.setToolTip(1, self.tr("Add this section with placeholders to fill in"))
                item.setForeground(1, QBrush(QColor("#0072B2")))
            shown += 1
            if index == current:
                self.tree.setCurrentItem(item)
        for category, group in groups.items():
            style = style_for(category)
            group.setText(
                0, f"{style.symbol} {self.category_label(category)} ({group.childCount()})"
            )
        if not shown:
            empty = QTreeWidgetItem(self.tree)
            empty.setText(0, self.tr("No findings to show."))
            empty.setFlags(Qt.ItemFlag.NoItemFlags)
        self.apply_all.setEnabled(any(applicable_replacements(f) for f in self.findings))

    def _filters_changed(self) -> None:
        self.hidden = {
            category.value
            for category, button in self.filter_buttons.items()
            if not button.isChecked()
        }
        self.hiddenCategoriesChanged.emit(set(self.hidden))
        self._rebuild()

    # -- interaction -------------------------------------------------------------------------
    def current_index(self) -> int | None:
        item = self.tree.currentItem() if hasattr(self, "tree") else None
        value = item.data(0, INDEX_ROLE) if item is not None else None
        return int(value) if value is not None else None

    def item_for(self, index: int) -> QTreeWidgetItem | None:
        for group_row in range(self.tree.topLevelItemCount()):
            group = self.tree.topLevelItem(group_row)
            for row in range(group.childCount()):
                if group.child(row).data(0, INDEX_ROLE) == index:
                    return group.child(row)
        return None

    def _item_clicked(self, item: QTreeWidgetItem, column: int) -> None:
        value = item.data(0, INDEX_ROLE)
        if value is None:
            return
        index = int(value)
        finding = self.findings[index]
        replacements = applicable_replacements(finding)
        section = missing_section_id(finding)
        if column == 1 and replacements:
            self.applyRequested.emit(index, replacements[0])
        elif column == 1 and section:
            self.insertSectionRequested.emit(section)
        else:
            self.findingActivated.emit(index)

    def _show_details(self, item: QTreeWidgetItem | None) -> None:
        while self.detail_buttons.count():
            widget = self.detail_buttons.takeAt(0).widget()
            if widget is not None:
                widget.deleteLater()
        value = item.data(0, INDEX_ROLE) if item is not None else None
        if value is None:
            self.details.setText("")
            return
        index = int(value)
        finding = self.findings[index]
        parts = [f"<b>{html.escape(finding.message)}</b>"]
        if finding.why:
            parts.append(html.escape(finding.why))
        if finding.source:
            parts.append(f"<i>{self.tr('Source')}: {html.escape(finding.source)}</i>")
        replacements = applicable_replacements(finding)
        advice = [r for r in finding.replacements if r not in replacements]
        if advice and not missing_section_id(finding):
            tips = "".join(f"<li>{html.escape(r.strip())}</li>" for r in advice[:3])
            parts.append(f"{self.tr('Try')}:<ul style='margin:0'>{tips}</ul>")
        self.details.setText("<br><br>".join(parts))
        section = missing_section_id(finding)
        if section:
            insert = QPushButton(self.tr("Insert section"), self)
            insert.clicked.connect(lambda _=False, s=section: self.insertSectionRequested.emit(s))
            self.detail_buttons.addWidget(insert)
        for replacement in replacements[:MAX_DETAIL_BUTTONS]:
            button = QPushButton(self.tr("Apply “{0}”").format(replacement[:30]), self)
            button.setToolTip(replacement)
            button.clicked.connect(
                lambda _=False, i=index, r=replacement: self.applyRequested.emit(i, r)
            )
            self.detail_buttons.addWidget(button)
        ignore = QPushButton(self.tr("Ignore"), self)
        ignore.clicked.connect(lambda _=False, i=index: self.ignoreRequested.emit(i))
        self.detail_buttons.addWidget(ignore)
        rule = QPushButton(self.tr("Ignore rule"), self)
        rule.setToolTip(finding.rule_id)
        rule.clicked.connect(lambda _=False, r=finding.rule_id: self.ignoreRuleRequested.emit(r))
        self.detail_buttons.addWidget(rule)


_ALWAYS_SHOWN = {
    Category.GENERIC,
    Category.DRY,
    Category.MISSING,
    Category.READABILITY,
    Category.INCLUSIVE,
    Category.GRAMMAR,
}
