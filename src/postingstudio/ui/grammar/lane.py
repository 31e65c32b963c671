"""The grammar lane in the UI: debounce, hand text to LanguageTool's worker, merge its answers.

Every ``contentsChanged`` restarts a long single-shot timer (1.5 s; the style lane uses 300 ms).
When it fires, the text of the current style report (so both lanes saw exactly the same
characters and offsets) goes to a :class:`GrammarLane`: one request at a time on its own
thread, latest wins, with a watchdog. Results and state changes come back from that thread
through a relay object's signals, queued to the GUI thread; a result whose generation is no
longer the editor's current one is dropped.

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
    GrammarChecker,
    GrammarConfig,
    GrammarLane,
    GrammarMode,
    GrammarState,
    LaneResult,
    PersonalDictionary,
    Preflight,
    StateKind,
    preflight,
)
from postingstudio.grammar.config import DEFAULT_TIMEOUT_S
from postingstudio.ui.common.analysis import AnalysisController, AnalysisResult
from postingstudio.ui.common.session_protocol import EditingSession
from postingstudio.ui.grammar.merge import remap, visible
from postingstudio.ui.grammar.worker import BackgroundCall

log = logging.getLogger(__name__)

DEFAULT_DELAY_MS = 1500
DICTIONARY_FILE = "personal_words.txt"
CLOSE_WAIT_S = 3.0  # at exit: how long to wait for LanguageTool to stop before giving up


class _Relay(QObject):
    """Lives on the GUI thread; the lane's thread emits through it (queued delivery)."""

    result = Signal(object)  # LaneResult
    state = Signal(object)  # GrammarState


class GrammarController(QObject):
    """Runs grammar checks off the UI thread after edits settle, on the style
    report's text, and merges the answers."""

    stateChanged = Signal(object)  # GrammarState, as the status bar should show it
    checked = Signal(int)  # a grammar answer for this generation was merged (tests, e2e)
    statusMessage = Signal(str)

    def __init__(
        self,
        session: EditingSession,
        analysis: AnalysisController,
        dictionary_path: Path | None,
        delay_ms: int = DEFAULT_DELAY_MS,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.session, self.analysis = session, analysis
        self.preferences = session.preferences
        self.dictionary = PersonalDictionary(dictionary_path)
        self.timeout_s = DEFAULT_TIMEOUT_S
        self.dropped = 0  # stale answers thrown away
        self.preflight: Preflight | None = None  # automatic mode's answer, once known
        self._auto_local = False
        self._relay = _Relay(self)
        self._relay.result.connect(self._on_result)
        self._relay.state.connect(self._on_checker_state)
        self.checker = GrammarChecker(
            self._config(), dictionary=self.dictionary, on_state=self._relay.state.emit
        )
        self.lane = self._make_lane()
        self._grammar_text = ""  # the text the kept findings' offsets refer to
        self._grammar: tuple[Finding, ...] = ()
        self._sent: dict[int, str] = {}  # generation -> text handed to the lane
        self._waiting = False  # a check is due once the current style report is shown
        self._closed = False  # after shutdown, answers still queued for us are ignored
        self._state = self._display_state(self.checker.state)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(delay_ms)
        self._timer.timeout.connect(self.check_now)
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

    def _make_lane(self) -> GrammarLane:
        config = self._config()
        watchdog = config.startup_timeout_s + 2 * config.timeout_s
        return GrammarLane(
            self.checker.check,
            self._relay.result.emit,
            timeout_s=watchdog,
            state_of=lambda: self.checker.state,
        )

    def set_delay(self, milliseconds: int) -> None:
        """The debounce after the last edit (tests use a short one)."""
        self._timer.setInterval(milliseconds)

    def set_timeout(self, seconds: float) -> None:
        """Per-request timeout (tests use a short one; the default is 15 s)."""
        self.timeout_s = seconds
        self.lane.close()
        self.lane = self._make_lane()
        self._reconfigure(force=True)

    def start(self) -> None:
        """Automatic mode: look for Java and LanguageTool off the UI thread (no download)."""
        if not self.automatic:
            self.check_soon()
            return
        call = BackgroundCall(preflight, None, parent=self)
        call.done.connect(self._on_preflight)
        call.start(name="grammar-preflight")

    @Slot(object)
    def _on_preflight(self, answer: object) -> None:
        if self._closed:
            return
        if not isinstance(answer, Preflight):
            log.warning("grammar preflight failed: %s", answer)
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

    def _reconfigure(self, force: bool = False) -> None:
        config = self._config()
        if config == self.checker.config and not force:
            self._publish()
            return
        new_engine = config.engine_key() != self.checker.config.engine_key()
        self.checker.reconfigure(config)
        self.checker.retry()
        if config.mode is GrammarMode.OFF:
            self._timer.stop()
            self.lane.cancel_pending()
            self._grammar_text, self._grammar = "", ()
        self._publish()
        if config.mode is not GrammarMode.OFF and (new_engine or force):
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

    @Slot(object)
    def _on_checker_state(self, state: GrammarState) -> None:
        if not self._closed:
            self._publish(state)

    # -- checking --------------------------------------------------------------------------
    @Slot()
    def _document_changed(self) -> None:
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
        self._sent = {g: t for g, t in self._sent.items() if g >= result.generation - 50}
        self._sent[result.generation] = text
        self.lane.submit(text, result.generation)

    @Slot(object)
    def _on_result(self, result: LaneResult) -> None:
        if self._closed:
            return
        if result.timed_out or not result.ok:
            self._publish(result.state)
        text = self._sent.get(result.generation)
        stale = result.generation != self.analysis.generation or self.mode is GrammarMode.OFF
        if stale or text is None:
            self.dropped += 1
            return
        if result.ok:
            self._grammar_text, self._grammar = text, result.findings
            self._reshow()
        self.checked.emit(result.generation)

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
    def shutdown(self, wait_s: float = CLOSE_WAIT_S) -> bool:
        """Stop the timer and the lane, and close LanguageTool on a helper thread, waiting at
        most ``wait_s`` so a hung server never hangs the exit. True if it closed in time."""
        self._closed = True
        self._timer.stop()
        self.lane.close()
        closer = threading.Thread(target=self.checker.close, name="grammar-close", daemon=True)
        closer.start()
        closer.join(wait_s)
        if closer.is_alive():
            log.warning("LanguageTool did not stop within %.1f s; leaving it behind", wait_s)
            return False
        return True
