"""Builds one editing workspace and wires it: window, analysis lane, session, files, autosave.

``app.py`` (and the end-to-end tests and the benchmark) create a :class:`Workspace` with the
folders to use and call :meth:`Workspace.start`. Everything with a lifetime is created here and
connected here, so the other modules stay unaware of each other.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QObject, QSettings, Qt
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QMessageBox

from postingstudio import __version__
from postingstudio.core.model import Posting
from postingstudio.docio import DocumentError, load_posting
from postingstudio.docio.settings_file import (
    FILE_NAME,
    load_preferences,
    save_preferences,
)
from postingstudio.ui.common.analysis import AnalysisController, AnalysisResult, rulebook_loader
from postingstudio.ui.common.tasks import TaskRunner
from postingstudio.ui.common.theme import apply_theme
from postingstudio.ui.editor import formatting
from postingstudio.ui.editor.find_replace import FindReplace
from postingstudio.ui.outreach import OutreachMode
from postingstudio.ui.preferences.dialog import PreferencesDialog
from postingstudio.ui.shell import help_dialogs
from postingstudio.ui.shell.compare_mode import CompareMode
from postingstudio.ui.shell.files import FileController
from postingstudio.ui.shell.focus_cycle import FocusCycle
from postingstudio.ui.shell.grammar_wiring import GrammarUi
from postingstudio.ui.shell.layout import fits_a_screen, place_default
from postingstudio.ui.shell.main_window import MainWindow
from postingstudio.ui.shell.prompts import Prompts
from postingstudio.ui.shell.recovery_flow import RecoveryFlow
from postingstudio.ui.shell.session import EditorSession

log = logging.getLogger(__name__)

FIRST_SHOWN = "first analysis shown at"  # the start-up log line's words, before the time


@dataclass(frozen=True)
class AppPaths:
    """Where this user's files live (``app.py`` asks QStandardPaths; tests pass temp dirs)."""

    config_dir: Path
    data_dir: Path
    log_dir: Path

    @property
    def preferences(self) -> Path:
        return self.config_dir / FILE_NAME

    @property
    def window_settings(self) -> Path:
        return self.config_dir / "window.ini"

    @property
    def recovery(self) -> Path:
        """One folder per window inside (docio.journal), never one shared file."""
        return self.data_dir / "recovery"

    @property
    def user_rules(self) -> Path:
        return self.config_dir / "rules"


class Workspace(QObject):
    """One editing window with everything it owns, built and connected here."""

    def __init__(
        self,
        paths: AppPaths,
        resources: Path,
        prompts: Prompts | None = None,
        claim_orphans: bool = True,
    ) -> None:
        super().__init__()
        self.paths, self.resources = paths, resources
        self._first_shown = False
        self.preferences = load_preferences(paths.preferences)
        apply_theme(self.preferences.ui.theme)
        icon_path = resources / "icons" / "postingstudio.svg"
        self.window = MainWindow(QIcon(str(icon_path)) if icon_path.is_file() else None)
        self.window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, False)
        self.prompts = prompts or Prompts(self.window)
        self.settings = QSettings(str(paths.window_settings), QSettings.Format.IniFormat)
        user_rules = [paths.user_rules] if paths.user_rules.is_dir() else []
        self.tasks = TaskRunner(self)  # the one background runner; shut down on close
        self.analysis = AnalysisController(
            lambda: self.session.snapshot(),
            rulebook_loader(resources, user_rules),
            self.tasks,
            self.preferences.analysis,
            self,
        )
        w = self.window
        self.session = EditorSession(
            w.editor,
            w.findings,
            w.scores,
            w.checklist,
            self.analysis,
            self.preferences,
            lambda prefs: save_preferences(prefs, paths.preferences),
            lambda fixes: self.prompts.choose_fixes(fixes),
            self,
        )
        self.files = FileController(
            w, self.session, self.prompts, self.settings, w.menus["recent"], self.tasks, self
        )
        self.finder = FindReplace(w.editor, w)
        self.focus_cycle = FocusCycle(w)  # F6 / Ctrl+Tab between editor and panels, Esc back
        self.compare = CompareMode(
            w, self.session, self.analysis, self.files, self.prompts, self.tasks, self
        )
        # LanguageTool lane, status and fixes
        self.grammar = GrammarUi(
            self.window, self.session, self.analysis, paths.config_dir, self.tasks, self
        )
        self.grammar.preferencesRequested.connect(self.edit_preferences)
        self.claim_orphans = claim_orphans
        self.recovery = RecoveryFlow(self, paths.recovery, self._new_window)
        self.outreach = OutreachMode(w, self.analysis, self.prompts, self)  # the Outreach view
        self._wire()
        w.close_guard = self.can_close
        self._restore_window()

    # -- wiring --------------------------------------------------------------------------------
    def _wire_hard_sentences(self) -> None:
        """The findings panel's "Show all hard sentences" is the saved preference."""
        panel, session = self.window.findings, self.session
        panel.set_show_all_hard_sentences(session.preferences.analysis.show_all_hard_sentences)
        panel.showAllHardSentencesChanged.connect(
            lambda shown: session.set_preferences(
                session.preferences.with_analysis(show_all_hard_sentences=shown)
            )
        )
        session.preferencesChanged.connect(
            lambda prefs: panel.set_show_all_hard_sentences(prefs.analysis.show_all_hard_sentences)
        )

    def _wire(self) -> None:
        w, a, editor = self.window, self.window.actions, self.window.editor
        status = w.statusBar()
        from postingstudio.ui.findings.placeholder_warning import PlaceholderWarning

        self.placeholders = PlaceholderWarning(self.files, lambda: self.session.snapshot().text)
        for source in (self.session, self.files, self.placeholders):
            source.statusMessage.connect(lambda text: status.showMessage(text, 8000))
        self._wire_hard_sentences()
        a.open.triggered.connect(self.files.ask_open)
        a.open_sample.triggered.connect(self.open_sample)
        a.save.triggered.connect(self.files.save)
        a.save_as.triggered.connect(self.files.save_as)
        a.export.triggered.connect(self.files.export)
        a.quit.triggered.connect(w.close)
        a.preferences.triggered.connect(self.edit_preferences)
        a.undo.triggered.connect(editor.undo)
        a.redo.triggered.connect(editor.redo)
        a.cut.triggered.connect(editor.cut)
        a.copy.triggered.connect(editor.copy)
        a.paste.triggered.connect(editor.paste)
        a.select_all.triggered.connect(editor.selectAll)
        document = editor.document()
        a.undo.setEnabled(False)
        a.redo.setEnabled(False)
        document.undoAvailable.connect(a.undo.setEnabled)
        document.redoAvailable.connect(a.redo.setEnabled)
        a.find.triggered.connect(self.finder.show_dialog)
        a.find_next.triggered.connect(lambda: self.finder.find(backward=False))
        a.find_previous.triggered.connect(lambda: self.finder.find(backward=True))
        a.bold.triggered.connect(lambda on: formatting.set_bold(editor, on))
        a.italic.triggered.connect(lambda on: formatting.set_italic(editor, on))
        a.underline.triggered.connect(lambda on: formatting.set_underline(editor, on))
        a.link.triggered.connect(lambda: formatting.ask_link(editor))
        a.heading1.triggered.connect(lambda: formatting.set_block_kind(editor, 1))
        a.heading2.triggered.connect(lambda: formatting.set_block_kind(editor, 2))
        a.heading3.triggered.connect(lambda: formatting.set_block_kind(editor, 3))
        a.paragraph.triggered.connect(lambda: formatting.set_block_kind(editor, 0))
        a.bullets.triggered.connect(lambda: formatting.toggle_list(editor, False))
        a.numbering.triggered.connect(lambda: formatting.toggle_list(editor, True))
        editor.cursorPositionChanged.connect(lambda: formatting.sync_checks(editor, a))
        a.apply_safe.triggered.connect(self.session.apply_all_safe)
        a.reanalyse.triggered.connect(self.analysis.request_now)
        a.zoom_in.triggered.connect(lambda: editor.zoom(1))
        a.zoom_out.triggered.connect(lambda: editor.zoom(-1))
        a.zoom_reset.triggered.connect(editor.reset_zoom)
        editor.zoomChanged.connect(self._show_zoom)
        a.about.triggered.connect(self.about)
        a.tour.triggered.connect(lambda: help_dialogs.TourDialog(self.window).exec())
        a.shortcuts.triggered.connect(lambda: help_dialogs.ShortcutsDialog(self.window).exec())
        a.score_help.triggered.connect(lambda: self.score_help().exec())
        w.filesDropped.connect(self._open_dropped)
        editor.filesDropped.connect(self._open_dropped)
        self.files.opened.connect(self._dismiss_sample_offer)
        self.analysis.busyChanged.connect(self._show_busy)
        self.session.reportShown.connect(self._show_stats)

    def _show_busy(self, busy: bool) -> None:
        self.window.state_label.setText(self.tr("Checking…") if busy else self.tr("Checked"))

    def _show_stats(self, result: AnalysisResult) -> None:
        if not self._first_shown:
            self._first_shown = True
            # The log is where a support request (or the start-up benchmark) reads how long the
            # launch took: wall-clock seconds since the epoch, so another process can subtract.
            log.info("%s %.3f", FIRST_SHOWN, time.time())
        metrics = result.report.metrics
        self.window.stats_label.setText(
            self.tr("{0} words · score {1}").format(
                metrics.get("words", 0), result.report.scores.overall
            )
        )

    def _show_zoom(self, steps: int) -> None:
        self.window.zoom_label.setText(self.tr("Zoom {0:+d}").format(steps) if steps else "")

    def _dismiss_sample_offer(self, _path: str) -> None:
        if self.window.banner.kind == "sample":
            self.window.banner.dismiss()

    def _open_dropped(self, paths: list[str]) -> None:
        if paths:
            self.files.open_file(paths[0])

    # -- start-up -----------------------------------------------------------------------------
    def start(self, file: str | None = None, show: bool = True) -> None:
        self.analysis.start()
        self.grammar.start()
        if file:
            self.files.open_file(file, ask=False)
        else:
            self.session.load(Posting(()))
        offered = self.claim_orphans and self.recovery.offer()  # the banner is the offer's
        if not offered and not file and not self.preferences.ui.sample_offered:
            self.offer_sample()
        if show:
            self.window.show()

    def _new_window(self) -> Workspace:
        """Another window of this process (each crashed window comes back in its own)."""
        other = Workspace(self.paths, self.resources, claim_orphans=False)
        other.start(show=self.window.isVisible())
        return other

    def offer_sample(self) -> None:
        self.session.set_preferences(self.preferences.with_ui(sample_offered=True))
        self.preferences = self.session.preferences
        self.window.banner.show_message(
            "sample",
            self.tr("New here? Open the sample posting to see what Posting Studio points out."),
            [
                ("open", self.tr("Open sample"), self.open_sample),
                ("dismiss", self.tr("Not now"), lambda: None),
            ],
        )

    def sample_path(self) -> Path:
        return self.resources / "samples" / "sample_posting.md"

    def open_sample(self) -> bool:
        """The sample opens as an untitled copy, so Save never writes into the app's files."""
        if not self.files.maybe_save():
            return False
        try:
            posting = load_posting(self.sample_path())
        except (DocumentError, OSError) as error:
            self.prompts.error(self.tr("Cannot open the sample"), str(error))
            return False
        self.session.load(Posting(posting.blocks, posting.title))
        self.files.set_current(None, is_source=True, name=self.tr("Sample posting"))
        self._dismiss_sample_offer("")
        return True

    # -- preferences and close -------------------------------------------------------------------
    def edit_preferences(self) -> None:
        dialog = PreferencesDialog(self.session.preferences, self.analysis.book, self.window)
        grammar_page = self.grammar.add_page(dialog)
        if dialog.exec():
            self.session.set_preferences(grammar_page.apply(dialog.preferences()))
            self.grammar.commit_page(grammar_page)
            self.preferences = self.session.preferences

    def about(self) -> None:
        QMessageBox.about(
            self.window,
            self.tr("About Posting Studio"),
            self.tr(
                "Posting Studio {0}\nMakes job postings clear, vivid and complete. Works offline."
            ).format(__version__),
        )

    def score_help(self) -> help_dialogs.TextDialog:
        book = self.analysis.book  # None until the rule book has loaded: read the file then
        text = help_dialogs.score_help_text(self.resources, book.scoring if book else None)
        return help_dialogs.TextDialog(self.tr("How the Score Works"), text, self.window)

    def _restore_window(self) -> None:
        geometry = self.settings.value("window/geometry")
        state = self.settings.value("window/state")
        if geometry is not None:
            self.window.restoreGeometry(geometry)
            if not fits_a_screen(self.window, self._saved_size()):  # a bigger/unplugged screen
                place_default(self.window)
        if state is not None:
            self.window.restoreState(state)
        self.window.layout_manager.adapt()
        zoom = int(self.settings.value("window/zoom", 0) or 0)
        if zoom:
            self.window.editor.zoom(zoom)

    def _saved_size(self) -> tuple[int, int] | None:
        try:
            width, height = (int(n) for n in str(self.settings.value("window/size", "")).split("x"))
        except ValueError:
            return None  # saved by an older version, or never
        return width, height

    def save_window(self) -> None:
        self.compare.set_mode(False)  # the single-posting docks are what a restart should show
        self.settings.setValue("window/geometry", self.window.saveGeometry())
        size = self.window.normalGeometry().size()
        self.settings.setValue("window/size", f"{size.width()}x{size.height()}")
        self.settings.setValue("window/state", self.window.saveState())
        self.settings.setValue("window/zoom", self.window.editor.zoom_steps)
        self.settings.sync()

    def can_close(self) -> bool:
        if not self.files.maybe_save():
            return False
        self.save_window()
        self.recovery.closed()  # closed on purpose: nothing to recover
        self.session.stop()
        self.compare.shutdown()
        self.analysis.shutdown()
        self.grammar.shutdown()
        self.tasks.shutdown()
        return True

    def shutdown(self) -> None:
        """Stop timers and workers without asking anything (tests, benchmark)."""
        self.recovery.stop()
        self.session.stop()
        self.compare.shutdown()
        self.analysis.shutdown()
        self.grammar.shutdown()
        self.tasks.shutdown()
        self.window.close_guard = lambda: True
        self.window.close()
