"""The editing session (behaviour): document → analysis → markers and panels → fixes.

This is the glue the issue calls the controller. It keeps the document, the analysis lane, the
markers and the three panels in step: a fresh report redraws the underlines and refills the
panels; a request from the editor or a panel (apply, ignore, ignore rule, allow, insert a
section, apply all safe fixes) becomes one undoable edit or a change of settings followed by a
re-analysis. It owns no widgets' layout and never parses files.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

import shiboken6
from PySide6.QtCore import QObject, QTimer, Signal

from postingstudio.core.model import Posting
from postingstudio.core.preferences import Preferences
from postingstudio.docio.source import SourceDocument
from postingstudio.ui.checklist.panel import ChecklistPanel
from postingstudio.ui.common.analysis import AnalysisController, AnalysisResult
from postingstudio.ui.common.apply_fixes import (
    ProposedFix,
    addition_blocks,
    apply_many,
    apply_replacement,
    insert_section,
    safe_fixes,
    template_blocks,
)
from postingstudio.ui.common.document_bridge import document_to_posting
from postingstudio.ui.common.markers import MarkerSet
from postingstudio.ui.common.session_protocol import Contributor
from postingstudio.ui.common.theme import apply_theme, is_dark
from postingstudio.ui.editor.editor import PostingEditor
from postingstudio.ui.editor.staged_build import build_with_progress
from postingstudio.ui.findings.panel import FindingsPanel
from postingstudio.ui.scores.panel import ScorePanel

log = logging.getLogger(__name__)

# Chooses which of the proposed fixes to apply; the real one is the preview dialog.
FixChooser = Callable[[list[ProposedFix]], list[ProposedFix]]


class EditorSession(QObject):
    """The open document's editing: it shows reports in the editor and panels and applies fixes."""

    statusMessage = Signal(str)
    reportShown = Signal(object)  # AnalysisResult, after markers and panels were updated
    preferencesChanged = Signal(object)

    def __init__(
        self,
        editor: PostingEditor,
        findings: FindingsPanel,
        scores: ScorePanel,
        checklist: ChecklistPanel,
        analysis: AnalysisController,
        preferences: Preferences,
        save_preferences: Callable[[Preferences], None],
        choose_fixes: FixChooser,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.editor, self.findings, self.scores, self.checklist = (
            editor,
            findings,
            scores,
            checklist,
        )
        self.analysis = analysis
        self.markers: MarkerSet = editor.markers
        self.preferences = preferences
        self._save_preferences = save_preferences
        self._choose_fixes = choose_fixes
        # Slower lanes (grammar) that add their findings to every report before it is shown.
        self._contributors: list[Contributor] = []
        self._panel_timer = QTimer(self)
        self._panel_timer.setSingleShot(True)
        self._panel_timer.setInterval(0)
        self._panel_timer.timeout.connect(self._fill_panels)
        self.base = Posting(())  # the posting as opened: title, source path, notes
        # The .docx as opened, kept for the whole session: Save writes the edits into it by
        # paragraph identity (never re-reading the file to guess what changed).
        self.source: SourceDocument | None = None
        self.document = editor.document()
        self.document.contentsChanged.connect(analysis.document_changed)
        analysis.reportReady.connect(self.show_result)
        analysis.rulebookReady.connect(lambda book: scores.set_bullet_band(book.profiles))
        analysis.analysisFailed.connect(
            lambda why: self.statusMessage.emit(self.tr("Analysis failed: {0}").format(why))
        )
        editor.replaceRequested.connect(self.apply)
        editor.ignoreRequested.connect(self.ignore)
        editor.ignoreRuleRequested.connect(self.ignore_rule)
        editor.allowRequested.connect(self.allow)
        editor.paletteChanged.connect(self.redraw)
        findings.findingActivated.connect(self.select_finding)
        findings.applyRequested.connect(self.apply)
        findings.ignoreRequested.connect(self.ignore)
        findings.ignoreRuleRequested.connect(self.ignore_rule)
        findings.applyAllRequested.connect(self.apply_all_safe)
        findings.insertSectionRequested.connect(self.insert_section)
        findings.hiddenCategoriesChanged.connect(self._hide_categories)
        checklist.insertRequested.connect(self.insert_section)
        checklist.strengthenRequested.connect(self.strengthen_section)
        checklist.sectionActivated.connect(self.select_section)

    # -- document ------------------------------------------------------------------------------
    def snapshot(self) -> Posting:
        return document_to_posting(self.document, self.base)

    def load(self, posting: Posting, source: SourceDocument | None = None) -> None:
        """Show a new posting (opened or restored) and analyse it straight away."""
        self.base = posting
        self.source = source
        self.markers.clear()
        self.editor.set_marker_selections([])
        build_with_progress(self.editor, self.document, posting)  # steps, if large
        self.editor.moveCursor(self.editor.textCursor().MoveOperation.Start)
        self.analysis.request_now()

    # -- reports ---------------------------------------------------------------------------
    def show_result(self, result: AnalysisResult) -> None:
        """Highlights first; the panels on the next turn of the event loop, so neither step
        alone holds up typing for long."""
        for contribute in self._contributors:
            result = contribute(result)
        self.markers.load(result)
        self.redraw()
        self._panel_timer.start()

    def add_contributor(self, contributor: Contributor) -> None:
        """Ask ``contributor`` for its findings before each report is shown."""
        self._contributors.append(contributor)

    def stop(self) -> None:
        self._panel_timer.stop()

    def _fill_panels(self) -> None:
        result = self.markers.result
        if result is None or not shiboken6.isValid(self.findings):
            return  # cleared meanwhile, or the window is gone (shutting down)
        self.findings.set_findings(result.report.findings)
        self.scores.set_report(result.report)
        self.checklist.set_sections(result.report.sections)
        self.reportShown.emit(result)

    def redraw(self) -> None:
        self.editor.set_marker_selections(self.markers.selections(is_dark(self.editor.palette())))

    def _hide_categories(self, hidden: set[str]) -> None:
        self.markers.hidden_categories = set(hidden)
        self.redraw()

    # -- fixes -----------------------------------------------------------------------------
    def select_finding(self, index: int) -> None:
        marker = self.markers.marker(index)
        if marker is None:
            return
        # Focus stays where the writer chose the finding (the panel), so the next key moves
        # in the list instead of typing into the text; F6 or Esc goes to the editor.
        self.editor.select_range(marker.cursor.anchor(), marker.cursor.position())

    def apply(self, index: int, replacement: str) -> bool:
        marker = self.markers.marker(index)
        if marker is None:
            return False
        cursor = apply_replacement(marker, replacement)
        if cursor is None:
            self.statusMessage.emit(self.tr("That text has changed since it was checked."))
            return False
        self.markers.hide(index)
        self.redraw()
        self.editor.setTextCursor(cursor)
        self.editor.setFocus()
        return True

    def apply_all_safe(self) -> int:
        proposed = safe_fixes(self.markers.visible())
        if not proposed:
            self.statusMessage.emit(self.tr("No safe fixes to apply."))
            return 0
        accepted = self._choose_fixes(proposed)
        if not accepted:
            return 0
        applied = apply_many(self.document, accepted)
        for fix in accepted:
            self.markers.hide(fix.marker.index)
        self.redraw()
        self.statusMessage.emit(self.tr("Applied {0} fixes (one undo step).").format(applied))
        return applied

    def insert_section(self, section_id: str) -> bool:
        result = self.markers.result
        section = result.report.section(section_id) if result else None
        anchor = self.markers.section_anchors.get(section_id)
        if section is None or anchor is None:
            return False
        blocks = template_blocks(section.template, section.label)
        cursor = insert_section(self.document, anchor.position(), blocks)
        self.editor.setTextCursor(cursor)
        self.editor.ensureCursorVisible()
        self.editor.setFocus()
        return True

    def strengthen_section(self, section_id: str) -> bool:
        """Add what a thin section lacks at its end, as one undo step, and select the first
        placeholder for the writer to type over."""
        result = self.markers.result
        section = result.report.section(section_id) if result else None
        anchor = self.markers.section_anchors.get(section_id)
        if section is None or anchor is None or not section.additions:
            return False
        cursor = insert_section(
            self.document, anchor.position(), addition_blocks(section.additions)
        )
        self.editor.setTextCursor(cursor)
        self.editor.ensureCursorVisible()
        self.editor.setFocus()
        self.statusMessage.emit(
            self.tr("Added what “{0}” lacked: fill in the placeholders.").format(section.label)
        )
        return True

    def select_section(self, section_id: str) -> None:
        span = self.markers.section_spans.get(section_id)
        if span is not None:
            self.editor.select_range(span.selectionStart(), span.selectionStart())
            self.editor.ensureCursorVisible()

    # -- settings ----------------------------------------------------------------------------
    def set_preferences(self, preferences: Preferences) -> None:
        self.preferences = preferences
        try:
            self._save_preferences(preferences)
        except OSError as error:
            self.statusMessage.emit(self.tr("Could not save preferences: {0}").format(error))
        apply_theme(preferences.ui.theme)
        self.analysis.set_settings(preferences.analysis)
        self.preferencesChanged.emit(preferences)

    def ignore(self, index: int) -> None:
        marker = self.markers.marker(index)
        if marker is None:
            return
        pair = (marker.finding.rule_id, marker.finding.text.strip().lower())
        self.markers.hide(index)
        self.redraw()
        self.set_preferences(
            self.preferences.with_analysis(ignored=(*self.preferences.analysis.ignored, pair))
        )

    def ignore_rule(self, rule_id: str) -> None:
        for marker in self.markers.markers:
            if marker.finding.rule_id == rule_id:
                self.markers.hide(marker.index)
        self.redraw()
        rules = (*self.preferences.analysis.disabled_rules, rule_id)  # repeats are dropped
        self.set_preferences(self.preferences.with_analysis(disabled_rules=rules))
        self.statusMessage.emit(self.tr("Rule {0} is off (Preferences to undo).").format(rule_id))

    def allow(self, term: str) -> None:
        term = term.strip()
        if not term:
            return
        for marker in self.markers.markers:
            if marker.finding.text.strip().lower() == term.lower():
                self.markers.hide(marker.index)
        self.redraw()
        terms = (*self.preferences.analysis.allow_terms, term)  # repeats are dropped
        self.set_preferences(self.preferences.with_analysis(allow_terms=terms))
