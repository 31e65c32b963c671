"""Menus follow each platform (issue 17): Preferences under Edit with the macOS role; redo
uses the platform's standard key."""

from __future__ import annotations

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu


def _menu_actions(menu: QMenu) -> list[str]:
    return [a.objectName() for a in menu.actions()]


def test_preferences_is_under_edit_with_the_preferences_role(workspace) -> None:
    window = workspace.window
    edit, file = window.menus["edit"], window.menus["file"]
    assert "preferences" in _menu_actions(edit)
    assert "preferences" not in _menu_actions(file)
    action = window.findChild(QAction, "preferences")
    assert action.menuRole() == QAction.MenuRole.PreferencesRole


def test_redo_uses_the_platform_standard_key(workspace) -> None:
    window = workspace.window
    redo = window.findChild(QAction, "redo")
    assert "redo" in _menu_actions(window.menus["edit"])
    expected = QKeySequence.keyBindings(QKeySequence.StandardKey.Redo)
    assert expected and redo.shortcuts() == expected
