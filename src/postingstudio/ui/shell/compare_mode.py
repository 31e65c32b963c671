"""Compare mode (behaviour): my posting beside competitor ads, and what to do about the difference.

Turning it on puts the :class:`CompetitorPane` to the right of the main window's own editor
(the same ``QTextDocument``: edits, undo and autosave are the real ones) and the comparison
dock underneath, and hides the single-posting panels while it lasts. It keeps the comparison
fed: every report the session shows becomes "mine" (``CompareController`` compares on a
worker); competitor ads arrive from files or pasted text through ``Prompts``.

Clicking an item selects its evidence: an offer in their ad, a cliché in both, a distinctive
term in mine. "Insert" turns an offer into text in mine, as one undo step: a missing section's
template, or, when the section it belongs to is already there, one placeholder line at its end.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDockWidget, QMainWindow, QToolBar

from postingstudio.core.compare import DistinctiveTerm, Offer, OfferKind, SharedCliche
from postingstudio.core.model import Block, BlockKind
from postingstudio.core.report import SectionState
from postingstudio.docio.compare_report import ReportWriteError
from postingstudio.docio.formats import report_save_formats
from postingstudio.ui.common.analysis import AnalysisController, AnalysisResult
from postingstudio.ui.common.apply_fixes import insert_section
from postingstudio.ui.common.document_bridge import PositionMap
from postingstudio.ui.common.tasks import TaskRunner
from postingstudio.ui.compare.competitor_pane import CompetitorPane, CompetitorView
from postingstudio.ui.compare.controller import CompareController, CompareResult, Competitor
from postingstudio.ui.compare.sync import SectionScrollSync
from postingstudio.ui.compare.view import CompareView
from postingstudio.ui.shell.files import FileController
from postingstudio.ui.shell.session import EditorSession

log = logging.getLogger(__name__)

# The section of mine a benefit or fact belongs in. Facts that fit no section of the checklist
# go where a candidate looks for them: terms of the job with pay, logistics with location.
FACT_SECTION = {
    "salary": "salary",
    "contract": "salary",
    "remote_policy": "location",
    "hours": "location",
    "start_date": "location",
    "team_size": "culture",
    "growth_path": "benefits",
    "training": "benefits",
    "visa": "requirements",
    "interview_process": "how_to_apply",
}


def target_section(offer: Offer) -> str | None:
    """The checklist section an offer belongs in, or None when it has none."""
    if offer.kind is OfferKind.SECTION:
        return offer.id
    if offer.kind is OfferKind.BENEFIT:
        return "benefits"
    return FACT_SECTION.get(offer.id)


class CompareMode(QObject):
    """Turns compare mode on and off and keeps the comparison fed with my latest report."""

    def __init__(
        self,
        window: QMainWindow,
        session: EditorSession,
        analysis: AnalysisController,
        files: FileController,
        prompts: object,
        runner: TaskRunner,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.window, self.session, self.files, self.prompts = window, session, files, prompts
        self.editor = session.editor
        self._analysis = analysis
        self.controller = CompareController(
            lambda: analysis.book, lambda: analysis.settings, runner, self
        )
        self.pane = CompetitorPane(window)
        self.pane.hide()
        window.editor_split.addWidget(self.pane)  # type: ignore[attr-defined]
        self.view = CompareView(window)
        self.dock = QDockWidget(self.tr("Comparison"), window)
        self.dock.setObjectName("compareDock")
        self.dock.setWidget(self.view)
        window.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.dock)
        self.dock.hide()
        self.dock.toggleViewAction().setVisible(False)  # the mode, not the dock, is the switch
        self.sync = SectionScrollSync(
            self.editor, self._my_section_starts, self.pane.current, self._their_starts, self
        )
        self._hidden_docks: list[QDockWidget] = []
        self._make_actions()
        self._wire()

    # -- set-up --------------------------------------------------------------------------
    def _make_actions(self) -> None:
        w = self.window
        self.toggle_action = QAction(self.tr("&Compare with Competitors…"), w)
        self.toggle_action.setObjectName("compare")
        self.toggle_action.setCheckable(True)
        self.toggle_action.setShortcut(QKeySequence("Ctrl+Shift+M"))
        self.toggle_action.setToolTip(self.tr("Your posting side by side with competitors' ads"))
        self.add_action = QAction(self.tr("Add Competitor from &File…"), w)
        self.add_action.setObjectName("compare_add_file")
        self.paste_action = QAction(self.tr("&Paste Competitor Ad…"), w)
        self.paste_action.setObjectName("compare_paste")
        self.export_action = QAction(self.tr("E&xport Comparison…"), w)
        self.export_action.setObjectName("compare_export")
        self.export_action.setEnabled(False)
        menus = getattr(w, "menus", {})
        for name in ("view", "check"):
            menu = menus.get(name)
            if menu is not None:
                menu.addSeparator()
                menu.addAction(self.toggle_action)
        check = menus.get("check")
        if check is not None:
            for action in (self.add_action, self.paste_action, self.export_action):
                check.addAction(action)
        for action in (self.toggle_action, self.add_action, self.paste_action, self.export_action):
            w.addAction(action)
        self.toolbar = QToolBar(self.tr("Compare"), w)
        self.toolbar.setObjectName("compareToolbar")
        self.toolbar.addAction(self.toggle_action)
        w.addToolBar(Qt.ToolBarArea.TopToolBarArea, self.toolbar)

    def _wire(self) -> None:
        c, pane, view = self.controller, self.pane, self.view
        self.toggle_action.toggled.connect(self.set_mode)
        self.add_action.triggered.connect(self.ask_add_file)
        self.paste_action.triggered.connect(self.ask_paste)
        self.export_action.triggered.connect(self.ask_export)
        pane.addFileRequested.connect(self.ask_add_file)
        pane.pasteRequested.connect(self.ask_paste)
        pane.removeRequested.connect(c.remove)
        pane.currentChanged.connect(lambda _key: self.sync.sync())
        pane.sync_box.toggled.connect(lambda on: self.sync.set_enabled(on and self.active))
        view.exportRequested.connect(self.ask_export)
        view.lists.offerActivated.connect(self.show_offer)
        view.lists.insertRequested.connect(self.insert_offer)
        view.lists.clicheActivated.connect(self.show_cliche)
        view.lists.distinctiveActivated.connect(self.show_distinctive)
        c.competitorAdded.connect(self._competitor_added)
        c.competitorReady.connect(self._competitor_ready)
        c.competitorFailed.connect(self._competitor_failed)
        c.competitorRemoved.connect(self._competitor_removed)
        c.comparisonReady.connect(self._show_result)
        c.comparisonFailed.connect(
            lambda why: view.status.setText(self.tr("Comparison failed: {0}").format(why))
        )
        c.busyChanged.connect(view.set_busy)
        self.session.reportShown.connect(self._mine_changed)
        self.session.preferencesChanged.connect(c.set_settings)
        self._analysis.rulebookReady.connect(lambda _book: c.book_ready())

    # -- the mode ------------------------------------------------------------------------
    @property
    def active(self) -> bool:
        return self.controller.active

    def set_mode(self, on: bool) -> None:
        if on == self.active:
            return
        if self.toggle_action.isChecked() != on:
            self.toggle_action.setChecked(on)  # comes back here through ``toggled``
            return
        w = self.window
        if on:
            docks = ("findings_dock", "scores_dock", "checklist_dock")
            self._hidden_docks = [
                d for d in (getattr(w, name, None) for name in docks) if d and d.isVisible()
            ]
            for dock in self._hidden_docks:
                dock.hide()
            self.pane.show()
            self.dock.show()
            width = max(400, w.editor_split.width())  # type: ignore[attr-defined]
            w.editor_split.setSizes([width // 2, width - width // 2])  # type: ignore[attr-defined]
            w.resizeDocks([self.dock], [max(260, w.height() * 2 // 5)], Qt.Orientation.Vertical)
            across = max(600, w.width())  # the table needs room for every posting's column
            self.view.splitter.setSizes(
                [across * 46 // 100, across * 28 // 100, across * 26 // 100]
            )
            result = self.session.markers.result
            if result is not None and self.controller.mine is None:
                self._mine_changed(result)
        else:
            self.pane.hide()
            self.dock.hide()
            for dock in self._hidden_docks:
                dock.show()
            self._hidden_docks = []
        self.controller.set_active(on)
        self.sync.set_enabled(on and self.pane.sync_box.isChecked())

    def _mine_changed(self, result: AnalysisResult) -> None:
        self.controller.set_mine(
            result.report, result.posting, self.files.display_name, self.files.path
        )

    # -- competitors ---------------------------------------------------------------------
    def add_competitor_file(self, path: str) -> Competitor | None:
        self.set_mode(True)
        return self.controller.add_file(path)

    def add_competitor_text(self, text: str, name: str = "") -> Competitor | None:
        self.set_mode(True)
        return self.controller.add_text(text, name)

    def ask_add_file(self) -> None:
        start = str(Path(self.files.path).parent) if self.files.path else str(Path.home())
        for path in self.prompts.open_competitors(start):  # type: ignore[attr-defined]
            self.add_competitor_file(path)

    def ask_paste(self) -> None:
        text = self.prompts.paste_text(  # type: ignore[attr-defined]
            self.tr("Paste a competitor's ad"),
            self.tr("Paste the text of a competitor's job ad (from a job board or their site):"),
        )
        if text and text.strip():
            self.add_competitor_text(text)

    def _competitor_added(self, competitor: Competitor) -> None:
        with self.sync.paused():
            self.pane.add_loading(competitor.key, competitor.name)
        self.sync.watch(self.pane.views[competitor.key])

    def _competitor_ready(self, competitor: Competitor) -> None:
        if competitor.posting is not None and competitor.report is not None:
            with self.sync.paused():  # filling their view must not scroll mine
                self.pane.show_ready(
                    competitor.key, competitor.name, competitor.posting, competitor.report
                )
            self.sync.sync()

    def _competitor_failed(self, competitor: Competitor, why: str) -> None:
        self.pane.remove(competitor.key)
        self.prompts.error(  # type: ignore[attr-defined]
            self.tr("Cannot compare with {0}").format(competitor.name), why
        )

    def _competitor_removed(self, key: int) -> None:
        self.pane.remove(key)
        if not self.controller.ready():
            self.controller.latest = None
            self._show(None)

    def _show_result(self, result: CompareResult) -> None:
        self._show(result)

    def _show(self, result: CompareResult | None) -> None:
        self.view.show_comparison(result.comparison if result is not None else None)
        self.export_action.setEnabled(result is not None)

    # -- items ---------------------------------------------------------------------------
    def _their_view(self, posting_index: int) -> CompetitorView | None:
        latest = self.controller.latest
        key = latest.key_of(posting_index) if latest is not None else None
        return self.pane.show_key(key) if key is not None else None

    def _select_mine(self, start: int, end: int) -> None:
        latest = self.controller.latest
        if latest is None:
            return
        mapping = PositionMap(latest.comparison.mine.report.text)
        cursor = mapping.cursor(self.editor.document(), start, end)
        self.editor.select_range(cursor.selectionStart(), cursor.selectionEnd())

    def show_offer(self, offer: Offer) -> None:
        with self.sync.paused():  # their evidence comes into view; my text stays put
            view = self._their_view(offer.competitor)
            if view is not None and offer.evidence is not None:
                view.select_text(offer.evidence.start, offer.evidence.end)
        self.view.lists.set_insert_action(self.insert_label(offer))

    def show_cliche(self, cliche: SharedCliche) -> None:
        with self.sync.paused():  # each posting shows its own occurrence
            self._select_mine(cliche.mine.start, cliche.mine.end)
            if cliche.theirs:
                number, evidence = cliche.theirs[0]
                view = self._their_view(number)
                if view is not None:
                    view.select_text(evidence.start, evidence.end)

    def show_distinctive(self, term: DistinctiveTerm) -> None:
        self._select_mine(term.evidence.start, term.evidence.end)

    def insert_label(self, offer: Offer) -> str | None:
        result = self.session.markers.result
        section_id = target_section(offer)
        section = result.report.section(section_id) if result and section_id else None
        if section is None:
            return None
        if (
            section.state is SectionState.MISSING
            or section_id not in self.session.markers.section_spans
        ):
            return self.tr("Insert “{0}” template in yours").format(section.label)
        return self.tr("Add “{0}” to your {1} section").format(offer.label, section.label)

    def insert_offer(self, offer: Offer) -> bool:
        """Put the offer into mine as one undo step; False when there is nowhere to put it."""
        result = self.session.markers.result
        section_id = target_section(offer)
        section = result.report.section(section_id) if result and section_id else None
        if section is None or section_id is None:
            return False
        span = self.session.markers.section_spans.get(section_id)
        if section.state is SectionState.MISSING or span is None:
            return self.session.insert_section(section_id)
        line = Block.of(BlockKind.LIST_ITEM, f"{offer.label}: <add details>")
        position = max(span.selectionStart(), span.selectionEnd() - 1)
        cursor = insert_section(self.editor.document(), position, (line,))
        self.editor.setTextCursor(cursor)
        self.editor.ensureCursorVisible()
        self.editor.setFocus()
        return True

    # -- export and scroll sync ----------------------------------------------------------
    def ask_export(self) -> None:
        if self.controller.latest is None:
            return
        stem = Path(self.files.path).stem if self.files.path else "posting"
        folder = Path(self.files.path).parent if self.files.path else Path.home()
        choices = report_save_formats()  # the first row is the suggested format
        suggested = folder / f"{stem}-comparison.{choices[0][0]}"
        path = self.prompts.save_path(  # type: ignore[attr-defined]
            self.tr("Export comparison"), str(suggested), choices
        )
        if not path:
            return
        try:
            written = self.controller.export(path)
        except ReportWriteError as error:
            self.prompts.error(self.tr("Cannot export the comparison"), str(error))  # type: ignore[attr-defined]
            return
        self.window.statusBar().showMessage(
            self.tr("Comparison saved to {0}").format(written), 8000
        )

    def _my_section_starts(self) -> dict[str, int]:
        spans = self.session.markers.section_spans
        return {section: cursor.selectionStart() for section, cursor in spans.items()}

    @staticmethod
    def _their_starts(view: object) -> dict[str, int]:
        return view.section_starts() if isinstance(view, CompetitorView) else {}

    def shutdown(self) -> None:
        self.sync.enabled = False
        self.controller.shutdown()
