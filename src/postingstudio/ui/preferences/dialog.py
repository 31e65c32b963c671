"""The Preferences dialog (layout): categories, evidence profiles, reading grade, lists, theme.

It starts from the current :class:`Preferences`, shows one control per choice, and hands back
a new :class:`Preferences` from :meth:`preferences`; the session saves it and re-analyses.
Profile names and labels come from the rule book (``profiles["length"]`` / ``["gender"]``), so a
profile added to ``resources/profiles.toml`` appears here without code changes.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from postingstudio.core.findings import Category
from postingstudio.core.preferences import THEMES, Preferences
from postingstudio.core.rules.rulebook import RuleBook
from postingstudio.core.settings import GRADE_RANGE
from postingstudio.ui.common.theme import style_for


class PreferencesDialog(QDialog):
    """The Preferences dialog; it returns new preferences and changes nothing itself."""

    def __init__(
        self, preferences: Preferences, book: RuleBook | None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("preferencesDialog")
        self.setWindowTitle(self.tr("Preferences"))
        self.resize(520, 480)
        self._original = preferences
        analysis = preferences.analysis
        profiles: dict[str, Any] = dict(book.profiles) if book is not None else {}
        tabs = QTabWidget(self)

        checks = QWidget(tabs)
        checks_layout = QVBoxLayout(checks)
        box = QGroupBox(self.tr("Check for"), checks)
        box_layout = QVBoxLayout(box)
        self.categories: dict[str, QCheckBox] = {}
        for category in Category:
            style = style_for(category)
            check = QCheckBox(f"{style.symbol} {self.tr(style.label)}", box)
            check.setChecked(category.value not in analysis.disabled_categories)
            box_layout.addWidget(check)
            self.categories[category.value] = check
        checks_layout.addWidget(box)
        self.picky = QCheckBox(self.tr("Also show minor suggestions (picky mode)"), checks)
        self.picky.setChecked(analysis.picky)
        checks_layout.addWidget(self.picky)
        self.all_hard = QCheckBox(
            self.tr("Show all hard sentences (not only the hardest few)"), checks
        )
        self.all_hard.setChecked(analysis.show_all_hard_sentences)
        checks_layout.addWidget(self.all_hard)
        checks_layout.addStretch(1)
        tabs.addTab(checks, self.tr("Checks"))

        evidence = QWidget(tabs)
        form = QFormLayout(evidence)
        self.length = self._profile_combo(profiles, "length", analysis.length_profile)
        self.gender = self._profile_combo(profiles, "gender", analysis.gender_profile)
        form.addRow(self.tr("Length profile:"), self.length)
        form.addRow(self.tr("Gendered wording:"), self.gender)
        self.grade = QDoubleSpinBox(evidence)
        self.grade.setRange(0, GRADE_RANGE[1])  # 0 shows as the profile default
        self.grade.setSingleStep(0.5)
        self.grade.setDecimals(1)
        self.grade.setSpecialValueText(self.tr("Profile default"))
        self.grade.setValue(analysis.reading_grade_target or 0)
        form.addRow(self.tr("Reading grade target:"), self.grade)
        tabs.addTab(evidence, self.tr("Evidence"))

        lists = QWidget(tabs)
        lists_layout = QVBoxLayout(lists)
        allow_box = QGroupBox(self.tr("Allow-list (one word or phrase per line)"), lists)
        allow_layout = QVBoxLayout(allow_box)
        self.allow = QPlainTextEdit(allow_box)
        self.allow.setPlainText("\n".join(analysis.allow_terms))
        allow_layout.addWidget(self.allow)
        lists_layout.addWidget(allow_box)
        self.rules = self._list_with_remove(
            lists_layout, self.tr("Ignored rules"), list(analysis.disabled_rules)
        )
        self.ignored = self._list_with_remove(
            lists_layout,
            self.tr("Ignored findings"),
            [f"{rule}: {text}" for rule, text in analysis.ignored],
        )
        self._ignored_pairs = list(analysis.ignored)
        tabs.addTab(lists, self.tr("Allow and ignore"))

        look = QWidget(tabs)
        look_form = QFormLayout(look)
        self.theme = QComboBox(look)
        labels = {
            "system": self.tr("Follow the system"),
            "light": self.tr("Light"),
            "dark": self.tr("Dark"),
        }
        for name in THEMES:
            self.theme.addItem(labels[name], name)
        self.theme.setCurrentIndex(max(0, THEMES.index(preferences.ui.theme)))
        look_form.addRow(self.tr("Colour theme:"), self.theme)
        tabs.addTab(look, self.tr("Appearance"))

        layout = QVBoxLayout(self)
        layout.addWidget(tabs)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def _profile_combo(self, profiles: dict[str, Any], kind: str, current: str | None) -> QComboBox:
        combo = QComboBox(self)
        default = profiles.get(f"default_{kind}", "")
        combo.addItem(
            self.tr("Default ({0})").format(default) if default else self.tr("Default"), None
        )
        for name, spec in profiles.get(kind, {}).items():
            label = spec.get("label", name) if isinstance(spec, dict) else name
            combo.addItem(str(label), name)
            if spec and isinstance(spec, dict) and spec.get("source"):
                combo.setItemData(
                    combo.count() - 1, spec["source"], role=Qt.ItemDataRole.ToolTipRole
                )
        index = combo.findData(current) if current else 0
        combo.setCurrentIndex(max(0, index))
        return combo

    def _list_with_remove(self, layout: QVBoxLayout, title: str, items: list[str]) -> QListWidget:
        box = QGroupBox(title, self)
        inner = QHBoxLayout(box)
        widget = QListWidget(box)
        widget.addItems(items)
        inner.addWidget(widget, 1)
        remove = QPushButton(self.tr("Remove"), box)
        remove.clicked.connect(
            lambda: [widget.takeItem(widget.row(i)) for i in widget.selectedItems()]
        )
        inner.addWidget(remove)
        layout.addWidget(box)
        return widget

    def preferences(self) -> Preferences:
        """The choices as a new Preferences (everything else kept from the original)."""
        disabled = tuple(name for name, check in self.categories.items() if not check.isChecked())
        rules = tuple(self.rules.item(row).text() for row in range(self.rules.count()))
        kept = {self.ignored.item(row).text() for row in range(self.ignored.count())}
        ignored = tuple(pair for pair in self._ignored_pairs if f"{pair[0]}: {pair[1]}" in kept)
        allow = tuple(
            line.strip() for line in self.allow.toPlainText().splitlines() if line.strip()
        )
        grade = self.grade.value()  # below the range's floor is the spin box's "default"
        chosen = self._original.with_analysis(
            disabled_categories=disabled,
            disabled_rules=rules,
            ignored=ignored,
            allow_terms=allow,
            length_profile=self.length.currentData(),
            gender_profile=self.gender.currentData(),
            reading_grade_target=grade if grade >= GRADE_RANGE[0] else None,
            picky=self.picky.isChecked(),
            show_all_hard_sentences=self.all_hard.isChecked(),
        )
        return chosen.with_ui(theme=str(self.theme.currentData()))
