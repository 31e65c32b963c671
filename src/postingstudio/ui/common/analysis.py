"""The analysis lane: debounce edits, analyse a frozen snapshot on a worker, drop stale results.

Every ``contentsChanged`` bumps a generation counter and restarts a single-shot timer. When the
timer fires, the controller takes an immutable :class:`Posting` snapshot on the GUI thread and
hands it, with the frozen rule book and settings, to the shared :class:`TaskRunner`'s
"analysis" lane. The worker calls :func:`postingstudio.core.analyse.analyse`; the runner drops
(and counts) a result whose generation is no longer current. Workers never touch a widget or the
document, and every worker body catches its exceptions and reports them as text.

The rule book is loaded once, off the GUI thread, at start-up; edits made before it is ready
are analysed as soon as it arrives.

``busy`` follows lanes, not threads: a lane's newest task always reports (success or failure)
and older ones are dropped, so one flag per lane is exact; a queued analysis that has gone stale
before it starts is skipped without running.
"""

from __future__ import annotations

import gc
import logging
import time
import traceback
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal, Slot

from postingstudio.core.analyse import analyse
from postingstudio.core.fixes import PLACEHOLDER, find_placeholders  # noqa: F401 - re-exported: the policy lives in core
from postingstudio.core.model import Posting
from postingstudio.core.report import Report
from postingstudio.core.rules.rulebook import RuleBook, load_rulebook
from postingstudio.core.settings import AnalysisSettings
from postingstudio.ui.common.tasks import TaskRunner

log = logging.getLogger(__name__)

# The debounce. The design asks for about 300 ms: long enough that a typist's words are not
# analysed letter by letter, short enough to feel live. Read when a controller is made.
DEFAULT_DELAY_MS = 300
# Last keystroke → highlights drawn: the target. That time is debounce + turnaround
# (snapshot, worker, delivery) + drawing (anchoring the markers, ExtraSelections, repaint).
LATENCY_BUDGET_MS = 400
DRAW_ALLOWANCE_MS = 50
# An analysis this quick (timer fired → report back) leaves room for the whole 300 ms debounce.
# Normal postings (a few hundred words) take a few ms. Only a slower analysis (a very long
# posting, or a slow machine) shortens the debounce, by exactly the time it overruns, and never
# below MIN_DELAY_MS, so even then a word is not analysed at every letter.
QUICK_ANALYSIS_MS = LATENCY_BUDGET_MS - DRAW_ALLOWANCE_MS - DEFAULT_DELAY_MS
MIN_DELAY_MS = 120
# "<what you will do>", "<salary range>": left by fixes and section templates until filled.


@dataclass(frozen=True)
class AnalysisResult:
    """One finished analysis: the report, the snapshot it was made from, and placeholders."""

    generation: int
    posting: Posting
    report: Report
    placeholders: tuple[tuple[int, int], ...] = ()
    seconds: float = 0.0  # the analysis alone, on the worker
    requested_at: float = field(default=0.0, compare=False)  # the edit it answers
    started_at: float = field(default=0.0, compare=False)  # the debounce fired, snapshot taken


ANALYSIS_LANE = "analysis"
RULEBOOK_LANE = "rulebook"


def _analyse_snapshot(
    posting: Posting,
    book: RuleBook,
    settings: AnalysisSettings,
    requested_at: float,
    started_at: float,
) -> AnalysisResult:
    """Worker: analyse one frozen snapshot; the generation is filled in on delivery."""
    began = time.perf_counter()
    report = analyse(posting, book, settings)
    return AnalysisResult(
        0,
        posting,
        report,
        find_placeholders(report.text),
        time.perf_counter() - began,
        requested_at,
        started_at,
    )


_gc_frozen = False


def freeze_long_lived_objects() -> None:
    """Move everything alive now (modules, Qt wrappers, the rule book and its compiled
    tables) out of the cyclic garbage collector's reach, once per process.

    A full collection walks every tracked object while holding the GIL, so it stalls the UI
    thread even when a worker triggered it. With the rule book tracked that was 50-80 ms on a
    5,000-word posting (the responsiveness target is 50 ms); frozen, about 2 ms. Nothing is
    unreachable at this point (a collect finds nothing), so no garbage is kept alive.
    """
    global _gc_frozen
    if not _gc_frozen:
        _gc_frozen = True
        gc.freeze()


def rulebook_loader(resources: Path, user_rule_dirs: Iterable[Path] = ()) -> Callable[[], RuleBook]:
    """A callable that loads the rule book, so the worker pays for loading, not the UI thread."""
    dirs = tuple(user_rule_dirs)
    return lambda: load_rulebook(resources, dirs)


class AnalysisController(QObject):
    """Owns the debounce timer and the analysis lane on the app's task runner."""

    reportReady = Signal(object)  # AnalysisResult, current generation only
    analysisFailed = Signal(str)
    rulebookReady = Signal(object)  # RuleBook
    busyChanged = Signal(bool)

    def __init__(
        self,
        snapshot: Callable[[], Posting],
        loader: Callable[[], RuleBook],
        runner: TaskRunner,
        settings: AnalysisSettings | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._runner = runner  # the app's one runner; its owner shuts it down
        self._closed = False
        self._snapshot = snapshot
        self._loader = loader
        self._settings = settings or AnalysisSettings()
        self.book: RuleBook | None = None
        self.latest: AnalysisResult | None = None
        self._pending = False
        # A lane's newest task always reports and older ones are dropped by the runner, so one
        # flag per lane says exactly whether a result is still to come.
        self._loading = False
        self._analysing = False
        self._busy_shown = False  # the last value sent through busyChanged
        self._changed_at = time.perf_counter()
        self._max_delay = DEFAULT_DELAY_MS
        # Recent analysis turnaround, which sets the debounce: a moving average of the time
        # from the debounce firing to the report arriving here. That is what the debounce
        # competes with for the budget: the snapshot on this thread, any wait for the worker
        # or the GIL, the analysis, the delivery. The analysis alone was half of it on the
        # 5,000-word posting. The first analysis is left out: it pays one-off warm-up costs
        # (about 230 ms for the 320-word sample, against 3 ms afterwards) and would shorten a
        # normal posting's debounce for its first several edits.
        self.analysis_ms = 0.0
        self._warmed_up = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(self._max_delay)
        self._timer.timeout.connect(self._run_now)

    # -- inputs --------------------------------------------------------------------------
    def start(self) -> None:
        """Load the rule book on the worker; analysis starts when it arrives."""
        self._pending = True
        self._loading = True
        self._runner.task(self._loader, lane=RULEBOOK_LANE).success(self._on_loaded).failure(
            self._on_load_failed
        ).run()
        self._update_busy()

    @property
    def generation(self) -> int:
        """The analysis lane's generation: a result carrying an older one is stale."""
        return self._runner.generation(ANALYSIS_LANE)

    @property
    def dropped(self) -> int:
        """Stale results thrown away (tests and the benchmark read it)."""
        return self._runner.dropped(ANALYSIS_LANE)

    @property
    def settings(self) -> AnalysisSettings:
        return self._settings

    def set_settings(self, settings: AnalysisSettings) -> None:
        self._settings = settings
        self.request_now()

    @Slot()
    def document_changed(self) -> None:
        """Connect to ``QTextDocument.contentsChanged``: a new generation, debounced."""
        self._runner.invalidate(ANALYSIS_LANE)
        self._changed_at = time.perf_counter()
        self._timer.start(self.delay_ms())
        self._update_busy()

    def delay_ms(self) -> int:
        """The debounce: the configured delay (300 ms) while analysis takes at most
        QUICK_ANALYSIS_MS; beyond that, shortened so debounce + analysis + drawing stay
        inside the budget, down to MIN_DELAY_MS."""
        room = round(LATENCY_BUDGET_MS - DRAW_ALLOWANCE_MS - self.analysis_ms)
        return max(min(self._max_delay, MIN_DELAY_MS), min(self._max_delay, room))

    def request_now(self) -> None:
        """Analyse the current text as soon as possible (new file, new settings)."""
        self._runner.invalidate(ANALYSIS_LANE)
        self._changed_at = time.perf_counter()
        self._timer.stop()
        self._run_now()

    def shutdown(self) -> None:
        """Stop the timer and report nothing more; the runner's owner waits for its workers."""
        self._timer.stop()
        self._closed = True
        # The generation is left as it is (callers still compare with it); the runner, once shut
        # down by its owner, delivers nothing more.

    @property
    def busy(self) -> bool:
        """True while an analysis is pending (debounce, or waiting for the rule book) or
        running."""
        return self._loading or self._analysing or self._timer.isActive()

    def _update_busy(self) -> None:
        if self._closed:
            return  # shut down: the window may already be going
        busy = self.busy
        if busy != self._busy_shown:
            self._busy_shown = busy
            self.busyChanged.emit(busy)

    # -- the lane ------------------------------------------------------------------------
    @Slot()
    def _run_now(self) -> None:
        if self.book is None:
            self._pending = True
            self._update_busy()
            return
        self._pending = False
        started_at = time.perf_counter()
        posting = self._snapshot()
        # Any older task still queued skips itself when it starts (its generation is stale).
        self._analysing = True
        self._runner.task(
            _analyse_snapshot,
            posting,
            self.book,
            self._settings,
            self._changed_at,
            started_at,
            lane=ANALYSIS_LANE,
        ).success(self._on_finished).failure(self._on_failed).run(renew=False)  # the edit's own
        self._update_busy()

    def _on_loaded(self, book: RuleBook) -> None:
        self.book = book
        freeze_long_lived_objects()  # the book lives as long as the app
        for problem in book.problems:
            log.warning("rule problem: %s", problem)
        self.rulebookReady.emit(book)
        if self._pending:
            self.request_now()  # submitted before the loader is counted out: busy stays True
        self._loading = False
        self._update_busy()

    def _on_load_failed(self, error: BaseException) -> None:
        self._loading = False
        self._on_failed(error, analysing=False)

    def _on_finished(self, result: AnalysisResult) -> None:
        self._analysing = False
        self._update_busy()
        # Only the lane's current task is delivered (stale ones the runner drops and counts),
        # so its generation is the lane's now.
        result = replace(result, generation=self.generation)
        self.latest = result
        turnaround = time.perf_counter() - result.started_at if result.started_at else 0.0
        ms = max(result.seconds, turnaround) * 1000
        if not self._warmed_up:
            self._warmed_up = True  # cold: see __init__
        elif not self.analysis_ms:
            self.analysis_ms = ms
        else:
            self.analysis_ms = 0.7 * self.analysis_ms + 0.3 * ms
        self.reportReady.emit(result)

    def _on_failed(self, error: BaseException, analysing: bool = True) -> None:
        if analysing:
            self._analysing = False
        self._update_busy()
        details = "".join(traceback.format_exception(type(error), error, error.__traceback__))
        log.error("analysis failed (generation %d):\n%s", self.generation, details)
        last = details.strip().splitlines()[-1] if details.strip() else "unknown error"
        self.analysisFailed.emit(last)
