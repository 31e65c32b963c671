"""Choosing a theme changes what is drawn: a real main-window screenshot is dark in the dark
theme (mean luminance < 0.45) and light in the light theme (> 0.6), at once and at start-up."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication

from postingstudio.docio.settings_file import load_preferences, save_preferences
from postingstudio.ui.common.theme import is_dark
from tests.support.timings import quick_debounce


def _luminance(widget) -> float:
    image = widget.grab().toImage().convertToFormat(QImage.Format.Format_RGB32)
    image = image.scaled(200, 140)  # a sample of the whole window, plenty for a mean
    total = 0.0
    for y in range(image.height()):
        for x in range(image.width()):
            colour = image.pixelColor(x, y)
            total += 0.2126 * colour.redF() + 0.7152 * colour.greenF() + 0.0722 * colour.blueF()
    return total / (image.width() * image.height())


def _show(qtbot, ws):
    ws.window.resize(1024, 700)
    ws.window.show()
    qtbot.waitExposed(ws.window)
    QApplication.processEvents()


@pytest.fixture(autouse=True)
def _restore_light():
    yield
    from postingstudio.ui.common.theme import apply_theme

    apply_theme("light")


def test_choosing_dark_then_light_changes_the_window_at_once(qtbot, workspace):
    _show(qtbot, workspace)
    workspace.session.set_preferences(workspace.preferences.with_ui(theme="dark"))
    QApplication.processEvents()
    assert is_dark() and QApplication.style().name().lower() == "fusion"
    dark = _luminance(workspace.window)
    assert dark < 0.45, dark
    workspace.session.set_preferences(workspace.preferences.with_ui(theme="light"))
    QApplication.processEvents()
    light = _luminance(workspace.window)
    assert not is_dark() and light > 0.6, light


def test_dark_preference_applies_at_start_up(qtbot, app_paths, prompts, monkeypatch):
    from postingstudio.paths import resources_dir
    from postingstudio.ui.shell.workspace import Workspace

    app_paths.preferences.parent.mkdir(parents=True, exist_ok=True)
    prefs = load_preferences(app_paths.preferences).with_ui(theme="dark")
    save_preferences(prefs, app_paths.preferences)
    quick_debounce(monkeypatch)
    ws = Workspace(app_paths, resources_dir(), prompts=prompts)
    qtbot.addWidget(ws.window)
    try:
        _show(qtbot, ws)
        assert _luminance(ws.window) < 0.45
    finally:
        ws.shutdown()
