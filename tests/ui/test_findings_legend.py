"""The findings list (issue 17): a quoted phrase is cut at a word with all of it in the tooltip,
and the key's colours (filter chips, group headings, tooltips) are the markers' own colours from
resources/ui/markers.toml, in the light and the dark theme, re-coloured when the theme changes."""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication

from postingstudio.core.findings import Category, Finding, FindingSource, Severity
from postingstudio.ui.common.theme import apply_theme, is_dark, marker_colours, marker_format
from postingstudio.ui.common.tooltips import finding_tooltip
from postingstudio.ui.findings.model import QUOTE_LIMIT
from postingstudio.ui.findings.panel import FindingsPanel

LONG = "projects such as the office relocation and the warehouse migration plan"


def _finding(category: Category, text: str = "synergy", start: int = 0) -> Finding:
    return Finding(
        rule_id=f"test.{category.value}", category=category, severity=Severity.WARNING,
        start=start, end=start + len(text), text=text, message=f"A {category.value} finding.",
        why="Because.", source="A test.",
        origin=FindingSource.RULES,
    )  # fmt: skip


@pytest.fixture(autouse=True)
def _restore_light():
    yield
    apply_theme("light")


@pytest.fixture
def panel(qtbot):
    widget = FindingsPanel()
    qtbot.addWidget(widget)
    widget.set_findings([_finding(c, start=i * 10) for i, c in enumerate(Category)])
    return widget


def test_a_long_quote_is_cut_at_a_word_with_all_of_it_in_the_tooltip(qtbot):
    widget = FindingsPanel()
    qtbot.addWidget(widget)
    widget.set_findings([_finding(Category.GENERIC, LONG)])
    index = widget.index_for(0)
    shown = index.data()
    quote = re.search(r"“(.*)”", shown).group(1)
    assert quote.endswith("…") and len(quote) <= QUOTE_LIMIT
    kept = quote[:-1]
    assert LONG.startswith(kept) and LONG[len(kept)] == " "  # the cut falls between words
    assert f"“{LONG}”" in index.data(Qt.ItemDataRole.ToolTipRole)
    widget.set_findings([_finding(Category.GENERIC, "short words")])
    assert "“short words”" in widget.index_for(0).data()  # short quotes stay whole


def _group_colours(widget) -> dict[str, str]:
    model = widget.model
    found = {}
    for row in range(model.rowCount()):
        index = model.index(row, 0)
        category = model.groups[row][0]
        found[Category(category).value] = (
            index.data(Qt.ItemDataRole.ForegroundRole).color().name().upper()
        )
    return found


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_the_key_uses_the_markers_colours(qapp, panel, theme):
    apply_theme(theme)
    QApplication.processEvents()
    assert is_dark() is (theme == "dark")
    colours = marker_colours(theme)
    groups = _group_colours(panel)
    assert groups, "every category has a group"
    for category in Category:
        underline = colours[category.value].underline.upper()
        # The editor draws this very colour under the words...
        drawn = marker_format(category, theme == "dark").underlineColor().name().upper()
        assert drawn == underline
        # ...and the chip, the group heading and the tooltip show the same.
        sheet = panel.filter_buttons[category].styleSheet().upper()
        assert f"3PX SOLID {underline}" in sheet, (category, sheet)
        assert groups[category.value] == underline
        tooltip = finding_tooltip(_finding(category), category.value)
        assert f"COLOR:{underline}" in tooltip.upper().replace(" ", "")


def test_switching_theme_recolours_the_key(qapp, panel):
    apply_theme("light")
    QApplication.processEvents()
    light = panel.filter_buttons[Category.DRY].styleSheet()
    apply_theme("dark")
    QApplication.processEvents()
    dark = panel.filter_buttons[Category.DRY].styleSheet()
    assert marker_colours("light")["dry"].underline in light
    assert marker_colours("dark")["dry"].underline in dark
    assert QColor(marker_colours("dark")["dry"].underline) != QColor(
        marker_colours("light")["dry"].underline
    )
