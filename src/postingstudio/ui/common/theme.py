"""Colours and underline styles per finding category, and the light/dark colour scheme.

The palette is Okabe–Ito (safe for the common forms of colour blindness), and every category
also has its own underline style, so colour is never the only signal: generic = wavy, dry =
dashed, missing = dash-dot-dot on a tint, readability = dotted on a tint, inclusive = dash-dot,
grammar = solid, spelling = the platform's spell-check squiggle. Placeholders (``<...>``) left
by a fix or a section template get a yellow background until they are filled in.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette, QTextCharFormat

from postingstudio.core.findings import Category, Severity
from postingstudio.ui.common.palette import apply_palette

UnderlineStyle = QTextCharFormat.UnderlineStyle

# Okabe & Ito (2008), "Color Universal Design".
OKABE_ITO = {
    "orange": "#E69F00",
    "sky_blue": "#56B4E9",
    "bluish_green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "reddish_purple": "#CC79A7",
}


@dataclass(frozen=True, slots=True)
class CategoryStyle:
    category: Category
    colour: str
    underline: UnderlineStyle
    tint: bool  # also draw a light background (for long, sentence-sized spans)
    label: str  # English label; the UI translates it through its own tr()
    symbol: str  # a glyph for lists and legends, so colour is not the only cue


STYLES: dict[Category, CategoryStyle] = {
    Category.GENERIC: CategoryStyle(
        Category.GENERIC, OKABE_ITO["orange"], UnderlineStyle.WaveUnderline, False, "Generic", "≈"
    ),
    Category.DRY: CategoryStyle(
        Category.DRY, OKABE_ITO["blue"], UnderlineStyle.DashUnderline, False, "Dry", "–"
    ),
    Category.MISSING: CategoryStyle(
        Category.MISSING,
        OKABE_ITO["reddish_purple"],
        UnderlineStyle.DashDotDotLine,
        True,
        "Missing",
        "∅",
    ),
    Category.READABILITY: CategoryStyle(
        Category.READABILITY,
        OKABE_ITO["sky_blue"],
        UnderlineStyle.DotLine,
        True,
        "Readability",
        "…",
    ),
    Category.INCLUSIVE: CategoryStyle(
        Category.INCLUSIVE,
        OKABE_ITO["bluish_green"],
        UnderlineStyle.DashDotLine,
        False,
        "Inclusive",
        "◇",
    ),
    Category.GRAMMAR: CategoryStyle(
        Category.GRAMMAR,
        OKABE_ITO["vermillion"],
        UnderlineStyle.SingleUnderline,
        False,
        "Grammar",
        "!",
    ),
    Category.SPELLING: CategoryStyle(
        Category.SPELLING,
        OKABE_ITO["vermillion"],
        UnderlineStyle.SpellCheckUnderline,
        False,
        "Spelling",
        "?",
    ),
}

PLACEHOLDER_COLOUR = OKABE_ITO["yellow"]
SEVERITY_SYMBOL = {Severity.ERROR: "●", Severity.WARNING: "◐", Severity.SUGGESTION: "○"}
THEMES = ("system", "light", "dark")


def style_for(category: Category | str) -> CategoryStyle:
    try:
        return STYLES[Category(category)]
    except ValueError:
        return STYLES[Category.GENERIC]


def is_dark(palette: QPalette | None = None) -> bool:
    palette = palette or QGuiApplication.palette()
    return palette.color(QPalette.ColorRole.Base).lightness() < 128


def tint(colour: str, dark: bool) -> QColor:
    """The background tint for a category: faint on light paper, a bit stronger on dark."""
    result = QColor(colour)
    result.setAlpha(80 if dark else 38)
    return result


def marker_format(category: Category | str, dark: bool) -> QTextCharFormat:
    style = style_for(category)
    fmt = QTextCharFormat()
    fmt.setUnderlineStyle(style.underline)
    fmt.setUnderlineColor(QColor(style.colour))
    if style.tint:
        fmt.setBackground(tint(style.colour, dark))
    return fmt


def placeholder_format(dark: bool) -> QTextCharFormat:
    fmt = QTextCharFormat()
    colour = QColor(PLACEHOLDER_COLOUR)
    colour.setAlpha(150 if dark else 200)
    fmt.setBackground(colour)
    if dark:
        fmt.setForeground(QColor("#000000"))
    return fmt


def apply_theme(name: str) -> None:
    """Follow the system scheme ("system") or force light/dark for the whole application."""
    hints = QGuiApplication.styleHints()
    scheme = {
        "light": Qt.ColorScheme.Light,
        "dark": Qt.ColorScheme.Dark,
    }.get(name, Qt.ColorScheme.Unknown)
    if hasattr(hints, "setColorScheme"):  # Qt ≥ 6.8
        hints.setColorScheme(scheme)
    apply_palette(name)  # Fusion + a palette, so it looks the same on every platform
