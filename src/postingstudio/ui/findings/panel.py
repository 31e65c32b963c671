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

from PySide6.QtCore import QEvent, QModelIndex, QObject, QPoint, Qt, Signal
from PySide6.QtGui import QContextMenuEvent, QKeyEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QPushButton,
    QSizePolicy,
    QToolButton,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from postingstudio.core.findings import Category, Finding, Severity
from postingstudio.ui.common.apply_fixes import applicable_replacements, missing_section_id
from postingstudio.ui.common.elide import ElidedButton, shorten_words
from postingstudio.ui.common.theme import STYLES, chip_style, is_dark, legend_colour, style_for
from postingstudio.ui.findings.model import INDEX_ROLE, FindingsModel  # noqa: F401 - INDEX_ROLE re-exported

MAX_DETAIL_BUTTONS = 3


class FindingsPanel(QWidget):
    """The findings panel: findings by category with counts, filters
    and fixes, emitted as requests."""

    findingActivated = Signal(int)  # finding index: select its span
    applyRequested = Signal(int, str)  # finding index, replacement
    ignoreRequested = Signal(int)
    ignoreRuleRequested = Signal(str)
    insertSectionRequested = Signal(str)  # section id
    applyAllRequested = Signal()
    hiddenCategoriesChanged = Signal(set)
    showAllHardSentencesChanged = Signal(bool)

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
        for number, category in enumerate(STYLES):
            button = QToolButton(self)
            button.setCheckable(True)
            button.setChecked(True)
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
            button.toggled.connect(self._filters_changed)
            button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
            self.filter_buttons[category] = button
            chips.addWidget(button, number // 4, number % 4)
        layout.addLayout(chips)
        self._style_chips()

        self.severity = QComboBox(self)
        self.severity.addItem(self.tr("All severities"), Severity.SUGGESTION.rank)
        self.severity.addItem(self.tr("Warnings and errors"), Severity.WARNING.rank)
        self.severity.addItem(self.tr("Errors only"), Severity.ERROR.rank)
        self.severity.setAccessibleName(self.tr("Severity filter"))
        self.severity.currentIndexChanged.connect(self._rebuild)
        layout.addWidget(self.severity)
        # Readability is quiet by default (the hardest few sentences); this shows the rest.
        self.all_hard = QCheckBox(self.tr("Show all hard sentences"), self)
        self.all_hard.toggled.connect(self.showAllHardSentencesChanged)
        layout.addWidget(self.all_hard)

        self.model = FindingsModel(self)
        self.model.fix_labels = (self.tr("Apply"), self.tr("Insert"))
        self.tree = QTreeView(self)
        self.tree.setModel(self.model)
        self.tree.setUniformRowHeights(True)
        self.tree.setHeaderHidden(False)
        self.tree.header().setStretchLastSection(False)
        self.tree.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        # A fixed fix column: sizing it to its contents would ask the model for every row.
        self.tree.header().setSectionResizeMode(1, QHeaderView.ResizeMode.Fixed)
        self.tree.header().resizeSection(1, self.fontMetrics().horizontalAdvance("Insert  ") + 16)
        self.tree.setAccessibleName(self.tr("Findings"))
        self.tree.header().setAccessibleName(self.tr("Finding and fix columns"))
        self.tree.setAccessibleDescription(
            self.tr("Enter applies the fix, Delete ignores, the menu key shows every choice")
        )
        self.tree.clicked.connect(self._item_clicked)
        self.tree.selectionModel().currentChanged.connect(self._show_details)
        self.tree.selectionModel().currentChanged.connect(self._current_moved)
        self.tree.installEventFilter(self)
        self.tree.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.tree.customContextMenuRequested.connect(self._show_menu)
        self._rebuilding = False
        self.menu: QMenu | None = None  # the open context menu (tests close it)
        layout.addWidget(self.tree, 3)

        self.details = QLabel(self)
        self.details.setAccessibleName(self.tr("Finding details"))
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
        findings = tuple(findings)
        same = _signature(findings) == _signature(self.findings)
        self.findings = findings
        if same:
            # Typing shifted offsets but found the same things: the rows (indexes into the new
            # tuple, in the same order) stay as they are.
            self.model.findings = findings
            return
        self._update_counts()
        self._rebuild()

    def set_show_all_hard_sentences(self, shown: bool) -> None:
        """Reflect the saved preference without asking for it again."""
        self.all_hard.blockSignals(True)
        self.all_hard.setChecked(shown)
        self.all_hard.blockSignals(False)

    def _style_chips(self) -> None:
        """Each chip's bar in its markers' underline colour for the current theme."""
        dark = is_dark(self.palette())
        for category, button in self.filter_buttons.items():
            button.setStyleSheet(chip_style(legend_colour(category, dark)))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:  # the theme changed: re-colour the key
            self._style_chips()
            self.tree.viewport().update()

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
        visible = [i for i, f in enumerate(self.findings) if self._visible(f)]
        labels = {category: self.category_label(category) for category in STYLES}
        self._rebuilding = True  # a new report keeps the row; it does not move the editor
        try:
            self.model.set_content(self.findings, visible, labels)
            self.tree.expandAll()
            if current is not None and current < len(self.findings):
                index = self.model.index_of(current)
                if index.isValid():
                    self.tree.setCurrentIndex(index)
        finally:
            self._rebuilding = False
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
        if not hasattr(self, "tree"):
            return None
        return self.model.finding_index(self.tree.currentIndex())

    def index_for(self, finding: int) -> QModelIndex:
        """The model index of a finding (invalid when it is filtered out)."""
        return self.model.index_of(finding)

    def rows(self) -> list[tuple[int, str]]:
        """(finding index, fix label) for every finding shown, in order."""
        shown = []
        for _category, items in self.model.groups:
            shown += [(i, self.model.fix_text(self.findings[i])) for i in items]
        return shown

    def _item_clicked(self, model_index: QModelIndex) -> None:
        index = self.model.finding_index(model_index)
        if index is None:
            return
        finding = self.findings[index]
        replacements = applicable_replacements(finding)
        section = missing_section_id(finding)
        if model_index.column() == 1 and replacements:
            self.applyRequested.emit(index, replacements[0])
        elif model_index.column() == 1 and section:
            self.insertSectionRequested.emit(section)
        else:
            self.findingActivated.emit(index)

    def _current_moved(self, current: QModelIndex, _previous: QModelIndex) -> None:
        """Arrowing through the list shows each finding's words in the text; focus stays
        here, so the next key still moves in the list."""
        if self._rebuilding or not self.tree.hasFocus():
            return
        index = self.model.finding_index(current)
        if index is not None:
            self.findingActivated.emit(index)

    def _keep_focus(self) -> None:
        self.tree.setFocus(Qt.FocusReason.OtherFocusReason)

    def apply_current(self) -> bool:
        """Enter: the current finding's first fix (or its section), as a click on its Fix."""
        index = self.current_index()
        if index is None:
            return False
        finding = self.findings[index]
        replacements = applicable_replacements(finding)
        section = missing_section_id(finding)
        if replacements:
            self.applyRequested.emit(index, replacements[0])
        elif section:
            self.insertSectionRequested.emit(section)
        else:
            return False
        self._keep_focus()
        return True

    def ignore_current(self) -> bool:
        index = self.current_index()
        if index is None:
            return False
        self.ignoreRequested.emit(index)
        self._keep_focus()
        return True

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if watched is self.tree and isinstance(event, QKeyEvent):
            key = event.key() if event.type() == QEvent.Type.KeyPress else None
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.current_index() is not None:
                self.apply_current()
                return True
            if key == Qt.Key.Key_Delete and self.current_index() is not None:
                self.ignore_current()
                return True
            if key == Qt.Key.Key_F10 and event.modifiers() == Qt.KeyboardModifier.ShiftModifier:
                # Shift+F10 is the menu key's twin; not every platform turns it into a
                # context-menu event, so the list does it itself.
                current = self.tree.currentIndex()
                self._show_menu(self.tree.visualRect(current).center(), current)
                return True
        if (
            watched is self.tree
            and isinstance(event, QContextMenuEvent)
            and event.reason() == QContextMenuEvent.Reason.Keyboard
        ):
            # The context-menu key (or Shift+F10): the current row's menu, beside that row.
            current = self.tree.currentIndex()
            self._show_menu(self.tree.visualRect(current).center(), current)
            return True
        return super().eventFilter(watched, event)

    def _show_menu(self, position: QPoint, model_index: QModelIndex | None = None) -> None:
        """Right-click or the context-menu key: every choice for the finding, from the keys.
        ``position`` is in the list's viewport."""
        if model_index is None:
            model_index = self.tree.indexAt(position)
        index = self.model.finding_index(model_index)
        if index is None:
            return
        self.tree.setCurrentIndex(model_index)
        finding = self.findings[index]
        menu = QMenu(self.tree)
        menu.setAccessibleName(self.tr("Finding actions"))
        for replacement in applicable_replacements(finding)[:MAX_DETAIL_BUTTONS]:
            action = menu.addAction(self.tr("Apply “{0}”").format(shorten_words(replacement, 50)))
            action.setToolTip(replacement)
            action.triggered.connect(
                lambda _=False, r=replacement: (
                    self.applyRequested.emit(index, r),
                    self._keep_focus(),
                )
            )
        section = missing_section_id(finding)
        if section:
            insert = menu.addAction(self.tr("Insert section"))
            insert.triggered.connect(lambda: self.insertSectionRequested.emit(section))
        show = menu.addAction(self.tr("Show in text"))
        show.triggered.connect(lambda: (self.findingActivated.emit(index), self._keep_focus()))
        menu.addSeparator()
        ignore = menu.addAction(self.tr("Ignore"))
        ignore.setShortcut(Qt.Key.Key_Delete)
        ignore.triggered.connect(self.ignore_current)
        rule = menu.addAction(self.tr("Ignore rule"))
        rule.triggered.connect(lambda: self.ignoreRuleRequested.emit(finding.rule_id))
        self.menu = menu
        menu.exec(self.tree.viewport().mapToGlobal(position))
        self.menu = None
        menu.deleteLater()

    def _show_details(self, current: QModelIndex, _previous: QModelIndex | None = None) -> None:
        while self.detail_buttons.count():
            widget = self.detail_buttons.takeAt(0).widget()
            if widget is not None:
                widget.deleteLater()
        value = self.model.finding_index(current)
        if value is None:
            self.details.setText("")
            return
        index = value
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
            # Elided at a word to fit, the whole replacement in the tooltip and the accessible
            # name: never "projects such as <e.g. the off".
            button = ElidedButton(self.tr("Apply “{0}”").format(replacement), self)
            button.setAccessibleName(self.tr("Apply “{0}”").format(replacement))
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


def _signature(findings: Sequence[Finding]) -> list[tuple[object, ...]]:
    """What the panel shows of each finding (everything but the offsets)."""
    return [(f.rule_id, f.severity, f.message, f.text, f.replacements) for f in findings]


_ALWAYS_SHOWN = {
    Category.GENERIC,
    Category.DRY,
    Category.MISSING,
    Category.READABILITY,
    Category.INCLUSIVE,
    Category.GRAMMAR,
}
