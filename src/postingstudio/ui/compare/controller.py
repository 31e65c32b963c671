"""The comparison lane (behaviour, no widgets): competitor ads and the comparison, off-thread.

A competitor ad (a file, or pasted text) is read and analysed once, on a worker, with the same
rule book and settings as my posting; new settings analyse them again. The comparison itself
(``core.compare.compare``) reuses the session's report of my posting, so it reruns, also on a
worker, every time that report changes while the compare view is open. Both run on the shared
:class:`TaskRunner`: the comparison on its "compare" lane and each ad on a lane of its own, so a
result for an older request is dropped; workers get only frozen values.
"""

from __future__ import annotations

import logging
import traceback
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

from PySide6.QtCore import QObject, Signal

from postingstudio.core.analyse import analyse
from postingstudio.core.compare import CompareInput, Comparison, compare
from postingstudio.core.model import Posting
from postingstudio.core.plaintext import parse_text
from postingstudio.core.report import Report
from postingstudio.core.rules.rulebook import RuleBook
from postingstudio.core.settings import AnalysisSettings
from postingstudio.docio import DocumentError, load_posting
from postingstudio.docio.compare_report import ReportWriteError, write_comparison_report
from postingstudio.ui.common.tasks import TaskRunner

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Competitor:
    """One competitor ad. ``report`` is None while it is being analysed."""

    key: int  # stable for the ad's lifetime (tabs and offers refer to it)
    name: str
    path: str | None
    posting: Posting | None = None
    report: Report | None = None

    @property
    def ready(self) -> bool:
        return self.posting is not None and self.report is not None


@dataclass(frozen=True)
class CompareResult:
    """A finished comparison; ``keys[i]`` is the competitor at ``comparison.postings[i + 1]``."""

    generation: int
    comparison: Comparison
    keys: tuple[int, ...]

    def key_of(self, posting_index: int) -> int | None:
        number = posting_index - 1
        return self.keys[number] if 0 <= number < len(self.keys) else None


def _load(source: object, book: RuleBook, settings: AnalysisSettings) -> tuple[Posting, Report]:
    """Worker: read (a path) or parse (pasted text) or reuse (a posting), then analyse."""
    if isinstance(source, Posting):
        posting = source
    elif isinstance(source, Path):
        posting = load_posting(source)
    else:
        posting = parse_text(str(source))
    return posting, analyse(posting, book, settings)


def _compare(
    mine: CompareInput, others: tuple[tuple[int, CompareInput], ...], book: RuleBook
) -> tuple[Comparison, tuple[int, ...]]:
    """Worker: the comparison, with the competitor key of each compared posting."""
    return compare(mine, [c for _k, c in others], book), tuple(k for k, _c in others)


def _why(error: BaseException, what: str) -> str:
    """A failure as one line for the user; an unexpected one is also logged in full."""
    if isinstance(error, DocumentError | OSError):
        return str(error)
    log.error("%s failed", what, exc_info=error)
    return "".join(traceback.format_exception_only(type(error), error))


COMPARE_LANE = "compare"


class CompareController(QObject):
    """Analyses competitor postings off the UI thread and compares them with mine, latest wins."""

    competitorAdded = Signal(object)  # Competitor, not analysed yet
    competitorReady = Signal(object)  # Competitor with its report
    competitorFailed = Signal(object, str)  # Competitor (now removed), why
    competitorRemoved = Signal(int)  # key
    comparisonReady = Signal(object)  # CompareResult, current generation only
    comparisonFailed = Signal(str)
    busyChanged = Signal(bool)

    def __init__(
        self,
        book: Callable[[], RuleBook | None],
        settings: Callable[[], AnalysisSettings],
        runner: TaskRunner,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._book, self._settings, self._runner = book, settings, runner
        self.competitors: dict[int, Competitor] = {}
        self._next_key = 1
        self._waiting: list[tuple[int, object]] = []  # ads added before the rule book arrived
        self.mine: CompareInput | None = None
        self.active = False  # compare only while the view is open: no work for a closed view
        self.latest: CompareResult | None = None
        # Lanes with a result still to come. A lane's newest task always reports (success or
        # failure) and older ones are dropped by the runner, so a lane leaves this set exactly
        # once per burst of work; an invalidated lane is taken out by hand.
        self._pending: set[str] = set()

    # -- competitors ---------------------------------------------------------------------
    def add_file(self, path: str) -> Competitor | None:
        return self._add(Path(path).name, str(path), Path(path))

    def add_text(self, text: str, name: str = "") -> Competitor | None:
        if not text.strip():
            return None
        return self._add(
            name.strip() or self.tr("Pasted ad {0}").format(self._next_key), None, text
        )

    def _add(self, name: str, path: str | None, source: object) -> Competitor | None:
        competitor = Competitor(self._next_key, name, path)
        self._next_key += 1
        self.competitors[competitor.key] = competitor
        self.competitorAdded.emit(competitor)
        self._analyse(competitor.key, source)
        return competitor

    def remove(self, key: int) -> None:
        if self.competitors.pop(key, None) is not None:
            self._runner.invalidate(self._lane(key))  # an analysis still running is dropped
            self._end(self._lane(key))
            self.competitorRemoved.emit(key)
            self.recompute()

    def ready(self) -> list[Competitor]:
        return [c for c in self.competitors.values() if c.ready]

    def set_settings(self, _settings: object = None) -> None:
        """Settings changed: analyse every competitor again with the new ones."""
        for competitor in list(self.competitors.values()):
            if competitor.posting is not None:
                self._analyse(competitor.key, competitor.posting)

    def _analyse(self, key: int, source: object) -> None:
        book = self._book()
        if book is None:  # still loading at start-up: analysed when it arrives (book_ready)
            self._waiting.append((key, source))
            return
        lane = self._lane(key)
        self._begin(lane)
        self._runner.task(_load, source, book, self._settings(), lane=lane).success(
            lambda loaded: self._on_loaded(key, *loaded)
        ).failure(lambda error: self._on_load_failed(key, _why(error, "competitor analysis"))).run()

    @staticmethod
    def _lane(key: int) -> str:
        return f"competitor:{key}"  # one lane per ad: newer settings drop an older analysis

    def book_ready(self) -> None:
        """The rule book has loaded: analyse the ads that were waiting for it."""
        waiting, self._waiting = self._waiting, []
        for key, source in waiting:
            if key in self.competitors:
                self._analyse(key, source)

    def _on_loaded(self, key: int, posting: Posting, report: Report) -> None:
        self._end(self._lane(key))
        competitor = self.competitors.get(key)
        if competitor is None:
            return  # removed meanwhile
        competitor = replace(competitor, posting=posting, report=report)
        if competitor.name.startswith(self.tr("Pasted ad")) and posting.title:
            competitor = replace(competitor, name=posting.title[:60])
        self.competitors[key] = competitor
        self.competitorReady.emit(competitor)
        self.recompute()

    def _on_load_failed(self, key: int, why: str) -> None:
        self._end(self._lane(key))
        competitor = self.competitors.pop(key, None)
        if competitor is not None:
            self.competitorFailed.emit(competitor, why.strip().splitlines()[-1] if why else "")

    # -- the comparison ------------------------------------------------------------------
    def set_mine(
        self, report: Report, posting: Posting | None, name: str, path: str | None
    ) -> None:
        """My posting's latest report (from the session); compare again if the view is open."""
        self.mine = CompareInput(report, name=name, path=path, posting=posting)
        self.recompute()

    def set_active(self, active: bool) -> None:
        self.active = active
        if active:
            self.recompute()

    @property
    def generation(self) -> int:
        """The comparison lane's generation: a result carrying an older one is stale."""
        return self._runner.generation(COMPARE_LANE)

    def recompute(self) -> None:
        self._runner.invalidate(COMPARE_LANE)  # whatever runs now is out of date
        self._end(COMPARE_LANE)
        book = self._book()
        others = self.ready()
        if not self.active or self.mine is None or book is None or not others:
            return
        inputs = tuple(
            (c.key, CompareInput(c.report, name=c.name, path=c.path, posting=c.posting))
            for c in others
            if c.report is not None
        )
        # A stale comparison is dropped by the runner on arrival, or before it starts.
        self._begin(COMPARE_LANE)
        self._runner.task(_compare, self.mine, inputs, book, lane=COMPARE_LANE).success(
            self._on_compared
        ).failure(self._on_compare_failed).run()

    def _on_compared(self, compared: tuple[Comparison, tuple[int, ...]]) -> None:
        self._end(COMPARE_LANE)
        comparison, keys = compared
        # Only the lane's current task is delivered, so its generation is the lane's now.
        self.latest = CompareResult(self.generation, comparison, keys)
        self.comparisonReady.emit(self.latest)

    def _on_compare_failed(self, error: BaseException) -> None:
        self._end(COMPARE_LANE)
        why = _why(error, "comparison")
        self.comparisonFailed.emit(why.strip().splitlines()[-1] if why.strip() else "")

    def export(self, path: str) -> Path:
        """Write the latest comparison in a report format (``formats.REPORT_FORMATS``, by the
        path's suffix) atomically; raises ReportWriteError."""
        if self.latest is None:
            raise ReportWriteError(Path(path), self.tr("there is no comparison to export yet"))
        return write_comparison_report(self.latest.comparison, path)

    # -- lifetime ------------------------------------------------------------------------
    @property
    def busy(self) -> bool:
        return bool(self._pending)

    def _begin(self, lane: str) -> None:
        was_busy = self.busy
        self._pending.add(lane)
        if not was_busy:
            self.busyChanged.emit(True)

    def _end(self, lane: str) -> None:
        if lane in self._pending:
            self._pending.discard(lane)
            if not self._pending:
                self.busyChanged.emit(False)

    def shutdown(self) -> None:
        """Drop every result still to come; the owner's runner waits for the workers."""
        self.active = False
        for lane in self._pending:
            self._runner.invalidate(lane)
        self._pending.clear()
