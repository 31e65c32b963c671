"""Help menu (issue 17): keyboard shortcuts built from the real actions, how the score works
from resources/help/score.md and the weights in use, and a short tour with Back and Next."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QAction, QKeySequence

from postingstudio.core.rules.rulebook import default_rulebook
from postingstudio.ui.shell.help_dialogs import ShortcutsDialog, TourDialog


def test_help_menu_has_the_tour_shortcuts_and_score_pages(workspace) -> None:
    names = [a.objectName() for a in workspace.window.menus["help"].actions()]
    for name in ("tour", "shortcuts", "score_help", "about"):
        assert name in names


def test_shortcuts_page_lists_the_windows_actual_keys(workspace) -> None:
    window = workspace.window
    rows = dict(ShortcutsDialog(window).rows())
    save = (
        window.findChild(QAction, "save")
        .shortcut()
        .toString(QKeySequence.SequenceFormat.NativeText)
    )
    assert save and save in rows["Save"]
    assert "F6" in rows["Next Panel"] and "Ctrl+Tab" in rows["Next Panel"]
    assert rows["Back to the Text"] == "Esc"
    assert "Enter" in rows["Findings: apply the chosen fix"]
    assert "Delete" in rows["Findings: ignore the finding"]


def test_shortcuts_page_follows_a_changed_shortcut(workspace) -> None:
    window = workspace.window
    window.findChild(QAction, "export").setShortcut(QKeySequence("Ctrl+Alt+E"))
    assert dict(ShortcutsDialog(window).rows())["Export"] == "Ctrl+Alt+E"


def test_score_help_shows_the_text_and_the_weights_in_use(workspace) -> None:
    dialog = workspace.score_help()
    shown = dialog.browser.toPlainText()
    assert "How the score works" in shown
    assert "thin one counts three quarters" in shown
    # the weights are the loaded formula's, not a copy in the help text
    scoring = default_rulebook().scoring  # the same resources/scoring.toml the app loads
    assert f"{float(scoring['overall']['completeness']):.2f}×completeness" in shown
    assert f"salary weighs {scoring['completeness']['weights']['salary']}" in shown


def test_tour_pages_go_forward_and_back_and_done_closes(qtbot, workspace) -> None:
    tour = TourDialog(workspace.window)
    qtbot.addWidget(tour)
    first = tour.page_text()
    assert not tour.back.isEnabled()
    tour.next.click()
    assert tour.page_text() != first and tour.back.isEnabled()
    tour.back.click()
    assert tour.page_text() == first
    for _ in range(tour.stack.count() - 1):
        tour.next.click()
    assert "F6" in tour.page_text() and tour.next.text() == "&Done"
    tour.show()
    tour.next.click()
    assert tour.result() == tour.DialogCode.Accepted


def test_readme_names_the_help_items_and_keys_the_app_has(workspace) -> None:
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    for action in workspace.window.menus["help"].actions():
        if action.text():
            text = action.text().replace("&", "")
            assert text.lower() in readme.lower(), text
    for key in ("F6", "Ctrl+Tab", "Esc", "Enter", "Delete", "Shift+F10", "Edit › Preferences"):
        assert key in readme, key
