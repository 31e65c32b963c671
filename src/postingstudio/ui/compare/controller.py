"""The comparison lane (behaviour, no widgets): competitor ads and the comparison, off-thread.

A competitor ad (a file, or pasted text) is read and analysed once, on a worker, with the same
rule book and settings as my posting; new settings analyse them again. The comparison itself
(``core.compare.compare``) reuses the session's report of my posting, so it reruns, also on a
worker, every time that report changes while the compare view is open. Like the analysis lane,
each request carries a generation and a result for an older one is dropped; workers get only
frozen values and report failures as text.
"""

from __future__ import annotations

import logging
import traceback
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

from postingstudio.core.analyse import analyse
from postingstudio.core.compare import CompareInput, Comparison, compare
from postingstudio.core.model import Posting
from postingstudio.core.plaintext import parse_text
from postingstudio.core.report import Report
from postingstudio.core.rules.rulebook import RuleBook
from postingstudio.core.settings import AnalysisSettings
from postingstudio.docio import DocumentError, load_posting
from postingstudio.docio.compare_report import ReportWriteError, write_comparison_report

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


class _Relay(QObject):
    loaded = Signal(int, int, object, object)  # key, version, Posting, Report
    loadFailed = Signal(int, int, str)  # key, version, why
    compared = Signal(object)  # CompareResult
    compareFailed = Signal(int, str)


class _LoadTask(QRunnable):
    """Read (a path) or parse (pasted text) or reuse (a posting), then analyse."""

    def __init__(
        self,
        relay: _Relay,
        key: int,
        version: int,
        source: object,
        book: RuleBook,
        settings: AnalysisSettings,
    ) -> None:
        super().__init__()
        self._relay, self._key, self._version, self._source = relay, key, version, source
        self._book, self._settings = book, settings

    def run(self) -> None:
        try:
            source = self._source
            if isinstance(source, Posting):
                posting = source
            elif isinstance(source, Path):
                posting = load_posting(source)
            else:
                posting = parse_text(str(source))
            report = analyse(posting, self._book, self._settings)
            self._relay.loaded.emit(self._key, self._version, posting, report)
        except DocumentError as error:
            self._relay.loadFailed.emit(self._key, self._version, str(error))
        except OSError as error:
            self._relay.loadFailed.emit(self._key, self._version, str(error))
        except Exception:  # noqa: BLE001 - a worker must report, never die silently
            log.error("competitor analysis failed:\n%s", traceback.format_exc())
            self._relay.loadFailed.emit(self._key, self._version, traceback.format_exc(limit=1))


class _CompareTask(QRunnable):
    def __init__(
        self,
        relay: _Relay,
        generation: int,
        mine: CompareInput,
        others: tuple[tuple[int, CompareInput], ...],
        book: RuleBook,
    ) -> None:
        super().__init__()
        self._relay, self._generation, self._mine = relay, generation, mine
        self._others, self._book = others, book

    def run(self) -> None:
        try:
            comparison = compare(self._mine, [c for _k, c in self._others], self._book)
            keys = tuple(k for k, _c in self._others)
            self._relay.compared.emit(CompareResult(self._generation, comparison, keys))
        except Exception:  # noqa: BLE001
            log.error("comparison failed:\n%s", traceback.format_exc())
            self._relay.compareFailed.emit(self._generation, traceback.format_exc(limit=1))


class CompareController(QObject):
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
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._book, self._settings = book, settings
        self.competitors: dict[int, Competitor] = {}
        self._versions: dict[int, int] = {}
        self._next_key = 1
        self._waiting: list[tuple[int, object]] = []  # ads added before the rule book arrived
        self.mine: CompareInput | None = None
        self.active = False  # compare only while the view is open: no work for a closed view
        self.generation = 0
        self.latest: CompareResult | None = None
        self._in_flight = 0
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._relay = _Relay(self)
        self._relay.loaded.connect(self._on_loaded)
        self._relay.loadFailed.connect(self._on_load_failed)
        self._relay.compared.connect(self._on_compared)
        self._relay.compareFailed.connect(self._on_compare_failed)

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
            self._versions.pop(key, None)
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
        version = self._versions.get(key, 0) + 1
        self._versions[key] = version
        self._begin()
        self._pool.start(_LoadTask(self._relay, key, version, source, book, self._settings()))

    def book_ready(self) -> None:
        """The rule book has loaded: analyse the ads that were waiting for it."""
        waiting, self._waiting = self._waiting, []
        for key, source in waiting:
            if key in self.competitors:
                self._analyse(key, source)

    @Slot(int, int, object, object)
    def _on_loaded(self, key: int, version: int, posting: Posting, report: Report) -> None:
        self._end()
        competitor = self.competitors.get(key)
        if competitor is None or self._versions.get(key) != version:
            return  # removed meanwhile, or analysed again with newer settings
        competitor = replace(competitor, posting=posting, report=report)
        if competitor.name.startswith(self.tr("Pasted ad")) and posting.title:
            competitor = replace(competitor, name=posting.title[:60])
        self.competitors[key] = competitor
        self.competitorReady.emit(competitor)
        self.recompute()

    @Slot(int, int, str)
    def _on_load_failed(self, key: int, version: int, why: str) -> None:
        self._end()
        competitor = self.competitors.pop(key, None)
        self._versions.pop(key, None)
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

    def recompute(self) -> None:
        self.generation += 1
        book = self._book()
        others = self.ready()
        if not self.active or self.mine is None or book is None or not others:
            return
        inputs = tuple(
            (c.key, CompareInput(c.report, name=c.name, path=c.path, posting=c.posting))
            for c in others
            if c.report is not None
        )
        # Not cleared when a newer one is queued: the pool also holds competitor analyses, and a
        # comparison is cheap (tens of ms); a stale result is dropped on arrival.
        self._begin()
        self._pool.start(_CompareTask(self._relay, self.generation, self.mine, inputs, book))

    @Slot(object)
    def _on_compared(self, result: CompareResult) -> None:
        self._end()
        if result.generation != self.generation:
            return
        self.latest = result
        self.comparisonReady.emit(result)

    @Slot(int, str)
    def _on_compare_failed(self, generation: int, why: str) -> None:
        self._end()
        if generation == self.generation:
            self.comparisonFailed.emit(why.strip().splitlines()[-1] if why.strip() else "")

    def export(self, path: str) -> Path:
        """Write the latest comparison as .html or .pdf (atomically); raises ReportWriteError."""
        if self.latest is None:
            raise ReportWriteError(Path(path), self.tr("there is no comparison to export yet"))
        return write_comparison_report(self.latest.comparison, path)

    # -- lifetime ------------------------------------------------------------------------
    @property
    def busy(self) -> bool:
        return self._in_flight > 0

    def _begin(self) -> None:
        self._in_flight += 1
        if self._in_flight == 1:
            self.busyChanged.emit(True)

    def _end(self) -> None:
        self._in_flight = max(0, self._in_flight - 1)
        if self._in_flight == 0:
            self.busyChanged.emit(False)

    def shutdown(self, timeout_ms: int = 10_000) -> None:
        self.active = False
        self._pool.clear()
        self._in_flight = 0
        self._pool.waitForDone(timeout_ms)
