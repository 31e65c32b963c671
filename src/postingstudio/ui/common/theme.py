"""Colours and underline styles per finding category, and the light/dark colour scheme.

The palette is Okabe–Ito (safe for the common forms of colour blindness), and every category
also has its own underline style, so colour is never the only signal: generic = wavy, dry =
dashed, missing = dash-dot-dot on a tint, readability = dotted on a tint, inclusive = dash-dot,
grammar = solid, spelling = the platform's spell-check squiggle. Placeholders (``<...>``) left
by a fix or a section template get a yellow background until they are filled in.

The colours the editor draws markers with are data: ``resources/ui/markers.toml`` holds an
underline and a tint per category (and the placeholder tint) for the light and the dark theme,
chosen so both keep WCAG 2.1 contrast (tests/ui/test_marker_contrast.py). Legends, lists and
tooltips show a category in its marker's underline colour of the current theme
(:func:`legend_colour`), so the key matches the marks in the text; ``STYLES.colour`` is only the
fallback hue.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import lru_cache

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette, QTextCharFormat

from postingstudio.core.findings import Category, Severity
from postingstudio.paths import resources_dir
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
    """How one finding category looks: colour, underline, tint, label and symbol."""

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


def style_for(category: Category | str) -> CategoryStyle:
    """The style of ``category``; an unknown one (say, from a user rule) looks generic."""
    try:
        return STYLES[Category(category)]
    except ValueError:
        return STYLES[Category.GENERIC]


def is_dark(palette: QPalette | None = None) -> bool:
    """Whether ``palette`` (default: the app's) is dark, judged by its Base colour."""
    palette = palette or QGuiApplication.palette()
    return palette.color(QPalette.ColorRole.Base).lightness() < 128


@dataclass(frozen=True, slots=True)
class MarkerColours:
    """A marker's colours in one scheme (light or dark), chosen for contrast on that background."""

    underline: str | None  # None for the placeholder, which is only a background
    tint: str
    text: str | None  # the text colour on the tint; None = the palette's Text


MARKERS_FILE = ("ui", "markers.toml")
PLACEHOLDER_KEY = "placeholder"


@lru_cache(maxsize=4)
def marker_colours(theme: str) -> dict[str, MarkerColours]:
    """The marker colours for ``theme`` ("light" or "dark"), keyed by category value and
    ``"placeholder"``, from resources/ui/markers.toml."""
    with resources_dir().joinpath(*MARKERS_FILE).open("rb") as handle:
        table = tomllib.load(handle)[theme]
    return {
        key: MarkerColours(entry.get("underline"), entry["tint"], entry.get("text"))
        for key, entry in table.items()
    }


def _colours(category: Category | str, dark: bool) -> MarkerColours:
    colours = marker_colours("dark" if dark else "light")
    key = style_for(category).category.value
    return colours.get(key) or colours[Category.GENERIC.value]


def legend_colour(category: Category | str, dark: bool) -> str:
    """The colour a category is shown in outside the text (filter chips, list headings,
    tooltips): its marker's underline in the light or dark theme."""
    return _colours(category, dark).underline or style_for(category).colour


def chip_style(colour: str) -> str:
    """A category filter chip's style sheet: a bar of ``colour`` under it while it is on."""
    return (
        "QToolButton { border: 1px solid palette(mid);"
        f" border-bottom: 3px solid {colour};"
        " padding: 1px 3px; background: palette(base); color: palette(text); }"
        "QToolButton:!checked { color: palette(mid); border-bottom-color: palette(mid);"
        " background: palette(window); }"
    )


def tint(category: Category | str, dark: bool) -> QColor:
    """The (opaque) background tint for a category in the light or dark theme."""
    return QColor(_colours(category, dark).tint)


def marker_format(category: Category | str, dark: bool) -> QTextCharFormat:
    """The character format that marks a finding of ``category`` in the light or dark scheme."""
    style = style_for(category)
    colours = _colours(category, dark)
    fmt = QTextCharFormat()
    fmt.setUnderlineStyle(style.underline)
    fmt.setUnderlineColor(QColor(colours.underline or style.colour))
    if style.tint:
        fmt.setBackground(QColor(colours.tint))
        if colours.text:
            fmt.setForeground(QColor(colours.text))
    return fmt


def placeholder_format(dark: bool) -> QTextCharFormat:
    """The background that marks an unfilled ``<...>`` placeholder."""
    colours = marker_colours("dark" if dark else "light")[PLACEHOLDER_KEY]
    fmt = QTextCharFormat()
    fmt.setBackground(QColor(colours.tint))
    if colours.text:
        fmt.setForeground(QColor(colours.text))
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
