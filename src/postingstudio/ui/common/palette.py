"""Fusion plus a palette: the same light and dark look on Linux, Windows and macOS.

Native styles ignore a dark palette on Windows (and partly elsewhere), so the application always
uses Fusion, which draws everything from the palette. "system" follows
``QStyleHints.colorScheme()`` (Qt 6.5+) and re-applies when the system scheme changes.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication, QStyleFactory

Role = QPalette.ColorRole
Group = QPalette.ColorGroup

_DARK = {
    Role.Window: "#2b2b2b",
    Role.WindowText: "#e6e6e6",
    Role.Base: "#1e1e1e",
    Role.AlternateBase: "#333333",
    Role.ToolTipBase: "#3a3a3a",
    Role.ToolTipText: "#f0f0f0",
    Role.PlaceholderText: "#9a9a9a",
    Role.Text: "#e6e6e6",
    Role.Button: "#353535",
    Role.ButtonText: "#e6e6e6",
    Role.BrightText: "#ff6b6b",
    Role.Light: "#4a4a4a",
    Role.Midlight: "#404040",
    Role.Mid: "#2f2f2f",
    Role.Dark: "#1a1a1a",
    Role.Shadow: "#000000",
    Role.Highlight: "#2f6fb0",
    Role.HighlightedText: "#ffffff",
    Role.Link: "#6cb4ff",
    Role.LinkVisited: "#c39bff",
}
_DARK_DISABLED = {Role.WindowText: "#7a7a7a", Role.Text: "#7a7a7a", Role.ButtonText: "#7a7a7a"}

_state = {"name": "system", "connected": False}


def dark_palette() -> QPalette:
    """The app's dark palette, disabled colours included."""
    palette = QPalette()
    for role, colour in _DARK.items():
        palette.setColor(role, QColor(colour))
    for role, colour in _DARK_DISABLED.items():
        palette.setColor(Group.Disabled, role, QColor(colour))
    return palette


def light_palette() -> QPalette:
    """Fusion's standard light palette, to return to from dark."""
    style = QStyleFactory.create("Fusion")
    return style.standardPalette() if style is not None else QPalette()


def wants_dark(name: str) -> bool:
    """Whether theme ``name`` ("light", "dark" or "system") resolves to dark right now."""
    if name in ("light", "dark"):
        return name == "dark"
    hints = QGuiApplication.styleHints()
    return hasattr(hints, "colorScheme") and hints.colorScheme() == Qt.ColorScheme.Dark


def apply_palette(name: str) -> None:
    """Set Fusion and the light or dark palette on the running application."""
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        return
    _state["name"] = name
    hints = QGuiApplication.styleHints()
    if not _state["connected"] and hasattr(hints, "colorSchemeChanged"):
        hints.colorSchemeChanged.connect(_system_changed)
        _state["connected"] = True
    if app.style().name().lower() != "fusion":
        app.setStyle("Fusion")
    app.setPalette(dark_palette() if wants_dark(name) else light_palette())


def _system_changed(*_args: object) -> None:
    if _state["name"] == "system":
        apply_palette("system")
