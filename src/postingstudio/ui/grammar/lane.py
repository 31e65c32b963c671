"""The grammar lane in the UI: debounce, hand text to LanguageTool on a worker, merge its answers.

Every ``contentsChanged`` makes the answer in flight stale and restarts a long single-shot
timer (1.5 s; the style lane uses 300 ms). When it fires, the text of the current style report
(so both lanes saw exactly the same characters and offsets) goes to the app's
:class:`TaskRunner` on its serial "grammar" lane: one LanguageTool request at a time, the
latest waiting text wins, a stale answer is dropped by the runner. A watchdog timer on the UI
thread reports a request that runs too long (a local server that never finishes starting) while
its late answer is still taken when it comes. The checker's state changes reach the UI thread
through :meth:`TaskRunner.run_on_main`.

Findings reach the screen through the session's merge hook: every report the session shows
(style or grammar) gets the latest grammar findings, remapped to its text, as its ``grammar``
origin via :meth:`Report.with_origin`, so neither lane ever erases the other's findings.

Nothing starts by itself: with no grammar mode chosen, a background preflight (``java -version``
and a look for an install, never a download) picks local mode when LanguageTool is there and
otherwise shows "off" with the reason and the fix. Workers never touch a widget.
"""

from __future__ import annotations

import logging
import threading
from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal, Slot

from postingstudio.core.findings import Finding, FindingSource
from postingstudio.core.preferences import Preferences
from postingstudio.grammar import (
    Fix,
    GrammarChecker,
    GrammarConfig,
    GrammarMode,
    GrammarState,
    GrammarUnavailableError,
    PersonalDictionary,
    Preflight,
    StateKind,
    preflight,
)
from postingstudio.grammar.config import DEFAULT_TIMEOUT_S
from postingstudio.ui.common.analysis import AnalysisController, AnalysisResult
from postingstudio.ui.common.session_protocol import EditingSession
from postingstudio.ui.common.tasks import TaskRunner
from postingstudio.ui.grammar.merge import remap, visible

log = logging.getLogger(__name__)

# Read when a controller is made, so a test can shorten them with monkeypatch.
DEFAULT_DELAY_MS = 1500
DICTIONARY_FILE = "personal_words.txt"
CLOSE_WAIT_S = 3.0  # at exit: how long to wait for LanguageTool to stop before giving up
GRAMMAR_LANE = "grammar"
PREFLIGHT_LANE = "grammar-preflight"


class GrammarController(QObject):
    """Runs grammar checks off the UI thread after edits settle, on the style
    report's text, and merges the answers."""

    stateChanged = Signal(object)  # GrammarState, as the status bar should show it
    checked = Signal()  # a grammar answer for the current text was merged
    statusMessage = Signal(str)

    def __init__(
        self,
        session: EditingSession,
        analysis: AnalysisController,
        dictionary_path: Path | None,
        tasks: TaskRunner,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.session, self.analysis, self.tasks = session, analysis, tasks
        tasks.serialise(GRAMMAR_LANE)  # LanguageTool answers one request at a time anyway
        self.preferences = session.preferences
        self.dictionary = PersonalDictionary(dictionary_path)
        self.timeout_s = DEFAULT_TIMEOUT_S
        self.preflight: Preflight | None = None  # automatic mode's answer, once known
        self._auto_local = False
        self.checker = GrammarChecker(
            self._config(), dictionary=self.dictionary, on_state=self._state_from_worker
        )
        self._grammar_text = ""  # the text the kept findings' offsets refer to
        self._grammar: tuple[Finding, ...] = ()
        self._waiting = False  # a check is due once the current style report is shown
        self._closed = False  # after shutdown, answers still queued for us are ignored
        self._state = self._display_state(self.checker.state)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEFAULT_DELAY_MS)
        self._timer.timeout.connect(self.check_now)
        # Long enough for a local server to start and answer once; reset by every request.
        self._watchdog = QTimer(self)
        self._watchdog.setSingleShot(True)
        self._watchdog.timeout.connect(self._overdue)
        session.document.contentsChanged.connect(self._document_changed)
        session.add_contributor(self.merge)
        session.preferencesChanged.connect(self.set_preferences)

    # -- configuration -------------------------------------------------------------------------
    @property
    def automatic(self) -> bool:
        return self.preferences.grammar.mode is None

    @property
    def mode(self) -> GrammarMode:
        return self.checker.config.mode

    @property
    def state(self) -> GrammarState:
        return self._state

    def _config(self) -> GrammarConfig:
        return GrammarConfig.from_preferences(
            self.preferences.grammar,
            auto_local=self._auto_local,
            personal_words_path=self.dictionary.path,
            timeout_s=self.timeout_s,
        )

    @property
    def dropped(self) -> int:
        """Stale answers thrown away."""
        return self.tasks.dropped(GRAMMAR_LANE)

    @property
    def busy(self) -> bool:
        """A LanguageTool request is running or waiting."""
        return self.tasks.busy(GRAMMAR_LANE)

    def start(self) -> None:
        """Automatic mode: look for Java and LanguageTool off the UI thread (no download)."""
        if not self.automatic:
            self.check_soon()
            return
        self.tasks.task(preflight, None, lane=PREFLIGHT_LANE).success(self._on_preflight).failure(
            lambda error: log.warning("grammar preflight failed: %s", error)
        ).run()

    def _on_preflight(self, answer: Preflight) -> None:
        if self._closed:
            return
        self.preflight = answer
        self._auto_local = answer.ok
        self._reconfigure()

    @Slot(object)
    def set_preferences(self, preferences: Preferences) -> None:
        """Connected to the session's ``preferencesChanged``."""
        self.preferences = preferences
        self._reconfigure()
        self._reshow()

    def _reconfigure(self) -> None:
        config = self._config()
        if config == self.checker.config:
            self._publish()
            return
        new_engine = config.engine_key() != self.checker.config.engine_key()
        self.checker.reconfigure(config)
        self.checker.retry()
        if config.mode is GrammarMode.OFF:
            self._timer.stop()
            self._watchdog.stop()
            self.tasks.invalidate(GRAMMAR_LANE)  # a request still waiting or running: dropped
            self._grammar_text, self._grammar = "", ()
        self._publish()
        if config.mode is not GrammarMode.OFF and new_engine:
            self.check_now()  # rule changes need no new check: visible() hides them at once

    def retry(self) -> None:
        """Forget a problem that needed the user, and check the current text again."""
        self.checker.retry()
        self.check_now()

    # -- state -----------------------------------------------------------------------------
    def _display_state(self, state: GrammarState) -> GrammarState:
        if state.kind is StateKind.OFF and self.automatic:
            problem = self.preflight.problem if self.preflight is not None else None
            if problem is not None:  # off because nothing is installed: say why, offer a fix
                return GrammarState(StateKind.OFF, problem.reason, problem.fix_hint, problem.fix)
            if self.preflight is None:
                return GrammarState(StateKind.OFF, self.tr("looking for LanguageTool…"))
        return state

    def _publish(self, state: GrammarState | None = None) -> None:
        shown = self._display_state(state or self.checker.state)
        if shown != self._state:
            self._state = shown
            self.stateChanged.emit(shown)

    def _state_from_worker(self, state: GrammarState) -> None:
        """The checker's listener: called on whichever thread changed the state."""
        self.tasks.run_on_main(lambda: self._on_checker_state(state))

    def _on_checker_state(self, state: GrammarState) -> None:
        if not self._closed:
            self._publish(state)

    # -- checking --------------------------------------------------------------------------
    @Slot()
    def _document_changed(self) -> None:
        self.tasks.invalidate(GRAMMAR_LANE)  # the answer in flight is for the old text
        self.check_soon()

    def check_soon(self) -> None:
        if self.mode is not GrammarMode.OFF:
            self._timer.start()

    @Slot()
    def check_now(self) -> None:
        """Check the current text as soon as its style report is shown."""
        self._timer.stop()
        if self.mode is GrammarMode.OFF:
            return
        shown = self.session.markers.result
        if shown is not None and shown.generation == self.analysis.generation:
            self._submit(shown)
        else:
            self._waiting = True

    def _submit(self, result: AnalysisResult) -> None:
        self._waiting = False
        text = result.report.text
        self.tasks.task(self.checker.check, text, lane=GRAMMAR_LANE).success(
            lambda findings: self._on_checked(text, findings)
        ).failure(self._on_check_failed).run()
        config = self.checker.config
        self._watchdog.start(round(1000 * (config.startup_timeout_s + 2 * config.timeout_s)))

    def _on_checked(self, text: str, findings: tuple[Finding, ...]) -> None:
        """The runner's success callback: only ever for the newest request."""
        self._watchdog.stop()
        if self._closed or self.mode is GrammarMode.OFF:
            return
        self._grammar_text, self._grammar = text, tuple(findings)
        self._reshow()
        self.checked.emit()

    def _on_check_failed(self, error: BaseException) -> None:
        self._watchdog.stop()
        if self._closed:
            return
        if isinstance(error, GrammarUnavailableError):
            # The checker's own report of this state came first (run_on_main, same relay);
            # publishing the same state again changes nothing.
            self._publish(error.state)
            return
        log.error("grammar check failed", exc_info=error)  # a checker bug: say so, retry later
        self._publish(GrammarState.unavailable(f"Grammar check failed: {error}", "", Fix.RETRY))

    @Slot()
    def _overdue(self) -> None:
        """The watchdog: a request has run too long; its late answer is still taken."""
        if self._closed or not self.busy:
            return
        config = self.checker.config
        seconds = config.startup_timeout_s + 2 * config.timeout_s
        self._publish(
            GrammarState.unavailable(
                self.tr("LanguageTool did not answer within {0:g} s.").format(seconds),
                self.tr("The next change retries."),
                Fix.RETRY,
            )
        )

    def _reshow(self) -> None:
        """Show the current report again with the grammar findings merged (only when it is
        for the current text: an older report's offsets would land on the wrong words)."""
        shown = self.session.markers.result
        if shown is not None and shown.generation == self.analysis.generation:
            self.session.show_result(shown)

    def merge(self, result: AnalysisResult) -> AnalysisResult:
        """The session's merge hook: ``result`` with the kept grammar findings added."""
        if self._waiting and result.generation == self.analysis.generation:
            self._submit(result)
        text = result.report.text
        if self._grammar and text != self._grammar_text:
            self._grammar = remap(self._grammar, self._grammar_text, text)
            self._grammar_text = text
        findings = visible(self._grammar, self.preferences, self.dictionary)
        if not findings and FindingSource.GRAMMAR not in result.report.findings_by_origin:
            return result  # nothing to add: the style result is shown as it is
        return replace(result, report=result.report.with_origin(FindingSource.GRAMMAR, findings))

    @property
    def findings(self) -> tuple[Finding, ...]:
        return visible(self._grammar, self.preferences, self.dictionary)

    # -- the writer's choices -----------------------------------------------------------------
    def ignore_word(self, word: str) -> None:
        """Add ``word`` to the personal dictionary (saved at once) and check again."""
        word = word.strip()
        if not word:
            return
        try:
            self.dictionary.add(word)
        except OSError as error:  # DictionaryError: kept for this session anyway
            self.statusMessage.emit(str(error))
        else:
            self.statusMessage.emit(self.tr("“{0}” added to your dictionary.").format(word))
        self._reshow()
        self.check_now()

    def remove_words(self, words: list[str]) -> None:
        if words:
            try:
                self.dictionary.update([], words)
            except OSError as error:
                self.statusMessage.emit(str(error))
            self.check_now()

    def disable_rule(self, rule_id: str) -> None:
        """Stop reporting a LanguageTool rule (saved in preferences; undo in Preferences)."""
        rules = (*self.preferences.grammar.disabled_rules, rule_id)  # repeats are dropped
        self.session.set_preferences(self.preferences.with_grammar(disabled_rules=rules))
        self.statusMessage.emit(
            self.tr("Grammar rule {0} is off (Preferences to undo).").format(rule_id)
        )

    # -- shutdown ------------------------------------------------------------------------------
    def shutdown(self) -> bool:
        """Stop the timers, drop the request in flight, and close LanguageTool on a worker,
        waiting at most ``CLOSE_WAIT_S`` so a hung server never hangs the exit. True if it
        closed in time (or was closed already)."""
        if self._closed:
            return True
        self._closed = True
        self._timer.stop()
        self._watchdog.stop()
        self.tasks.invalidate(GRAMMAR_LANE)
        closed = threading.Event()  # set on the worker; waited for here, bounded

        def close() -> None:
            try:
                self.checker.close()
            finally:
                closed.set()

        self.tasks.task(close).run()
        if not closed.wait(CLOSE_WAIT_S):
            log.warning("LanguageTool did not stop within %.1f s; leaving it behind", CLOSE_WAIT_S)
            return False
        return True
