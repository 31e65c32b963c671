"""Every menu command as a ``QAction`` with its standard shortcut, and the menus that hold them.

Shortcuts use ``QKeySequence.StandardKey`` wherever the platform has one (Open, Save, Undo,
Find, Zoom In…), so they match what writers already know on their system. The actions are
plain; ``workspace`` connects them to what they do.
"""

from __future__ import annotations

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu

StandardKey = QKeySequence.StandardKey


class Actions:
    """Creates the actions once; ``build_menus`` lays them out in the menu bar."""

    def __init__(self, window: QMainWindow) -> None:
        tr = window.tr

        def make(
            text: str, shortcut: object = None, name: str = "", checkable: bool = False
        ) -> QAction:
            action = QAction(text, window)
            if isinstance(shortcut, StandardKey):
                action.setShortcuts(shortcut)
            elif shortcut:
                action.setShortcut(QKeySequence(str(shortcut)))
            action.setObjectName(name)
            action.setCheckable(checkable)
            window.addAction(action)  # shortcuts work even while the menu bar is hidden
            return action

        self.open = make(tr("&Open…"), StandardKey.Open, "open")
        self.open_sample = make(tr("Open &Sample Posting"), None, "open_sample")
        self.save = make(tr("&Save"), StandardKey.Save, "save")
        self.save_as = make(tr("Save &As…"), StandardKey.SaveAs, "save_as")
        self.export = make(tr("&Export…"), "Ctrl+E", "export")
        self.preferences = make(tr("Pre&ferences…"), StandardKey.Preferences, "preferences")
        self.preferences.setMenuRole(QAction.MenuRole.PreferencesRole)
        self.quit = make(tr("&Quit"), StandardKey.Quit, "quit")
        self.undo = make(tr("&Undo"), StandardKey.Undo, "undo")
        self.redo = make(tr("&Redo"), StandardKey.Redo, "redo")
        self.cut = make(tr("Cu&t"), StandardKey.Cut, "cut")
        self.copy = make(tr("&Copy"), StandardKey.Copy, "copy")
        self.paste = make(tr("&Paste"), StandardKey.Paste, "paste")
        self.select_all = make(tr("Select &All"), StandardKey.SelectAll, "select_all")
        self.find = make(tr("&Find and Replace…"), StandardKey.Find, "find")
        self.find_next = make(tr("Find &Next"), StandardKey.FindNext, "find_next")
        self.find_previous = make(tr("Find Pre&vious"), StandardKey.FindPrevious, "find_previous")
        self.bold = make(tr("&Bold"), StandardKey.Bold, "bold", checkable=True)
        self.italic = make(tr("&Italic"), StandardKey.Italic, "italic", checkable=True)
        self.underline = make(tr("&Underline"), StandardKey.Underline, "underline", checkable=True)
        self.link = make(tr("&Link…"), "Ctrl+K", "link")
        self.heading1 = make(tr("Heading &1"), "Ctrl+1", "heading1")
        self.heading2 = make(tr("Heading &2"), "Ctrl+2", "heading2")
        self.heading3 = make(tr("Heading &3"), "Ctrl+3", "heading3")
        self.paragraph = make(tr("&Paragraph"), "Ctrl+0", "paragraph")
        self.bullets = make(tr("&Bulleted List"), "Ctrl+Shift+8", "bullets")
        self.numbering = make(tr("&Numbered List"), "Ctrl+Shift+7", "numbering")
        self.apply_safe = make(tr("Apply All &Safe Fixes…"), "Ctrl+Shift+F", "apply_safe")
        self.reanalyse = make(tr("&Check Again"), "F5", "reanalyse")
        self.zoom_in = make(tr("Zoom &In"), StandardKey.ZoomIn, "zoom_in")
        self.zoom_out = make(tr("Zoom &Out"), StandardKey.ZoomOut, "zoom_out")
        self.zoom_reset = make(tr("&Reset Zoom"), "Ctrl+Alt+0", "zoom_reset")
        self.tour = make(tr("A Short &Tour"), None, "tour")
        self.shortcuts = make(tr("&Keyboard Shortcuts"), None, "shortcuts")
        self.score_help = make(tr("How the &Score Works"), None, "score_help")
        self.about = make(tr("&About Posting Studio"), None, "about")

    def build_menus(self, window: QMainWindow, panels: list[QAction]) -> dict[str, QMenu]:
        bar = window.menuBar()
        menus: dict[str, QMenu] = {}
        file = menus["file"] = bar.addMenu(window.tr("&File"))
        file.addAction(self.open)
        menus["recent"] = file.addMenu(window.tr("Open &Recent"))
        file.addAction(self.open_sample)
        file.addSeparator()
        for action in (self.save, self.save_as, self.export):
            file.addAction(action)
        file.addSeparator()
        file.addAction(self.quit)
        edit = menus["edit"] = bar.addMenu(window.tr("&Edit"))
        for action in (
            self.undo,
            self.redo,
            None,
            self.cut,
            self.copy,
            self.paste,
            self.select_all,
        ):
            edit.addSeparator() if action is None else edit.addAction(action)
        edit.addSeparator()
        for action in (self.find, self.find_next, self.find_previous):
            edit.addAction(action)
        # Edit › Preferences on Linux and Windows; Qt moves it to the application menu on macOS.
        edit.addSeparator()
        edit.addAction(self.preferences)
        fmt = menus["format"] = bar.addMenu(window.tr("F&ormat"))
        for action in (
            self.bold,
            self.italic,
            self.underline,
            self.link,
            None,
            self.heading1,
            self.heading2,
            self.heading3,
            self.paragraph,
            None,
            self.bullets,
            self.numbering,
        ):
            fmt.addSeparator() if action is None else fmt.addAction(action)
        check = menus["check"] = bar.addMenu(window.tr("&Check"))
        check.addAction(self.apply_safe)
        check.addAction(self.reanalyse)
        view = menus["view"] = bar.addMenu(window.tr("&View"))
        for action in (self.zoom_in, self.zoom_out, self.zoom_reset):
            view.addAction(action)
        view.addSeparator()
        for action in panels:
            view.addAction(action)
        help_menu = menus["help"] = bar.addMenu(window.tr("&Help"))
        for action in (self.tour, self.shortcuts, self.score_help):
            help_menu.addAction(action)
        help_menu.addSeparator()
        help_menu.addAction(self.about)
        return menus
