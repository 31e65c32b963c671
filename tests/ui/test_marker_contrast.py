"""Marker colours keep WCAG 2.1 contrast in both themes, and the editor draws the set of the
current palette, re-colouring when the theme changes.

Contrast is computed from resources/ui/markers.toml against the real palettes the app applies
(``light_palette()`` / ``dark_palette()``): an underline against the page (Base) >= 3:1 (SC
1.4.11), the text (Text, or the entry's own ``text``) on a tint >= 4.5:1 (SC 1.4.3).
"""

from __future__ import annotations

import pytest
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication

from postingstudio.core.findings import Category
from postingstudio.ui.common.palette import dark_palette, light_palette
from postingstudio.ui.common.theme import PLACEHOLDER_KEY, marker_colours

from .conftest import SAMPLE, wait_report

Role = QPalette.ColorRole


def _channel(value: float) -> float:
    return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4


def relative_luminance(colour: QColor) -> float:
    r, g, b = (_channel(c) for c in (colour.redF(), colour.greenF(), colour.blueF()))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: QColor, b: QColor) -> float:
    high, low = sorted((relative_luminance(a), relative_luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_contrast_formula_matches_known_values():
    assert contrast(QColor("#000000"), QColor("#ffffff")) == pytest.approx(21.0)
    assert contrast(QColor("#777777"), QColor("#ffffff")) == pytest.approx(4.48, abs=0.01)
    assert contrast(QColor("#ffffff"), QColor("#ffffff")) == pytest.approx(1.0)


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_every_marker_keeps_wcag_contrast(qapp, theme):
    palette = dark_palette() if theme == "dark" else light_palette()
    page, text = palette.color(Role.Base), palette.color(Role.Text)
    colours = marker_colours(theme)
    assert set(colours) == {c.value for c in Category} | {PLACEHOLDER_KEY}
    failures = []
    for key, entry in colours.items():
        if key != PLACEHOLDER_KEY:
            ratio = contrast(QColor(entry.underline), page)
            if ratio < 3.0:
                failures.append(f"{theme} {key} underline {entry.underline}: {ratio:.2f} < 3")
        on_tint = QColor(entry.text) if entry.text else text
        ratio = contrast(on_tint, QColor(entry.tint))
        if ratio < 4.5:
            failures.append(f"{theme} {key} text on tint {entry.tint}: {ratio:.2f} < 4.5")
    assert not failures, failures


def _underlines(editor) -> set[str]:
    return {
        s.format.underlineColor().name().upper()
        for s in editor.extraSelections()
        if s.format.underlineStyle() != s.format.UnderlineStyle.NoUnderline
    }


def test_editor_recolours_markers_when_the_theme_changes(qtbot, workspace):
    from postingstudio.ui.common.theme import apply_theme

    light = {c.underline for k, c in marker_colours("light").items() if c.underline}
    dark = {c.underline for k, c in marker_colours("dark").items() if c.underline}
    workspace.start(show=False)
    try:
        workspace.session.set_preferences(workspace.preferences.with_ui(theme="light"))
        workspace.session.load(SAMPLE)
        wait_report(qtbot, workspace)
        editor = workspace.window.editor
        shown = _underlines(editor)
        assert shown and shown <= light, shown
        workspace.session.set_preferences(workspace.preferences.with_ui(theme="dark"))
        QApplication.processEvents()
        shown = _underlines(editor)
        assert shown and shown <= dark, shown
    finally:
        apply_theme("light")
