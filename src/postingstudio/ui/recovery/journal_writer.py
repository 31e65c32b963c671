"""Crash recovery (Qt side): every change journaled within ~100 ms, and orphans offered back.

Each window owns a session folder under the recovery root (:mod:`postingstudio.docio.journal`:
locked while the window lives, one journal per window). :class:`JournalWriter` coalesces
keystrokes only where writing is costly: while a write takes under ``CHEAP_MS`` of CPU (a
posting of ordinary length), every change is written at once, before control returns to the
event loop, so an app starved of CPU and then killed has it already. A costly write (a huge
document) spaces the next one by ``MAX_SHARE`` times its cost, with a timer that later
keystrokes do *not* restart. Bulk rebuilds (opening a file: undo switched off) go by the timer.
The document slot is written while the document is modified and cleared when it is saved or
back to its saved text; pasted competitor ads (compare view) have slots of their own.

:class:`Recoveries` finds the session folders of windows that died (their lock is free),
keeps them locked until the writer chooses, and only then restores or deletes them. A restart
that leaves the offer unanswered never deletes anything: the new window writes its own folder.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QTextDocument

from postingstudio.core.model import Posting
from postingstudio.docio.journal import (
    DOCUMENT,
    Entry,
    Journal,
    SessionDir,
    claim_orphans,
    sha256_of,
)

log = logging.getLogger(__name__)

DELAY_MS = 50  # keystroke to disk: this plus one append (a few ms), inside 150 ms on a busy machine
MAX_SHARE = 4  # a write that takes T ms waits at least MAX_SHARE × T after it: typing in a huge
# document stays smooth (the journal takes at most a fifth of the time) instead of stalling
CHEAP_MS = 5.0  # a write cheaper than this (CPU time) is done on every change, without spacing


def competitor_slot(key: int) -> str:
    """The journal slot that holds the competitor posting with ``key``."""
    return f"competitor:{key}"


class JournalWriter(QObject):
    """Writes the window's unsaved work to its own journal shortly after every change."""

    saved = Signal()
    failed = Signal(str)

    def __init__(
        self,
        document: QTextDocument,
        snapshot: Callable[[], Posting],
        describe: Callable[[], tuple[str, str | None]],
        session: SessionDir,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.journal = Journal(session.journal_path)
        self._document, self._snapshot, self._describe = document, snapshot, describe
        self.source_sha256: str | None = None
        self._document_written = False
        self._delay_ms = DELAY_MS
        self._spacing_ms = DELAY_MS  # the least time between two writes (grows after slow ones)
        self._last_write = 0.0
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.flush)
        document.contentsChanged.connect(self._changed)
        document.modificationChanged.connect(self._changed)

    @property
    def pending(self) -> bool:
        return self._timer.isActive()

    def _changed(self, *_args: object) -> None:
        since_ms = (time.monotonic() - self._last_write) * 1000
        if since_ms >= self._spacing_ms and self._document.isUndoRedoEnabled():
            self.flush()  # an edit (edit blocks signal once, at their end): on disk right now
            return
        if not self._timer.isActive():  # not restarted: typing on must not postpone it
            self._timer.start(max(self._delay_ms, int(self._spacing_ms - since_ms)))

    def source_opened(self, path: str | None) -> None:
        """Remember the source package's hash as it was when opened (for lossless restore)."""
        self.source_sha256 = sha256_of(path) if path else None

    def flush(self) -> bool:
        """Write the document slot now; True if something was written."""
        self._timer.stop()
        started = time.thread_time()  # CPU time: a busy machine's preemption is not our cost
        try:
            if self._document.isModified():
                name, source = self._describe()
                entry = Entry(self._snapshot(), name, source, self.source_sha256)
                self.journal.write(DOCUMENT, entry)
                self._document_written = True
            elif self._document_written:
                # Saved, or undone back to the saved text: nothing of the document to rescue.
                self.journal.write(DOCUMENT, None)
                self._document_written = False
            else:
                return False
        except OSError as error:
            log.error("journal write failed: %s", error)
            self.failed.emit(str(error))
            return False
        took_ms = (time.thread_time() - started) * 1000
        if took_ms < CHEAP_MS:
            self._spacing_ms = 0
        else:
            self._spacing_ms = max(self._delay_ms, min(2_000, int(MAX_SHARE * took_ms)))
        self._last_write = time.monotonic()
        self.saved.emit()
        return True

    def write_competitor(self, key: int, entry: Entry | None) -> None:
        try:
            self.journal.write(competitor_slot(key), entry)
        except OSError as error:
            log.error("journal write failed: %s", error)
            self.failed.emit(str(error))

    def clean(self) -> None:
        """The document was saved on purpose: clear its slot at once."""
        self._timer.stop()
        if self._document_written:
            self.flush()

    def stop(self) -> None:
        self._timer.stop()

    def close(self) -> None:
        """The window closed on purpose (after "save changes?"): its folder goes."""
        self._timer.stop()
        self.session.remove()


class Recoveries:
    """The orphaned session folders found at start-up, locked by us until the writer chooses."""

    def __init__(self, root: Path, own: SessionDir) -> None:
        self.root = root
        self.sessions: list[SessionDir] = claim_orphans(root, exclude=own.path)

    def __bool__(self) -> bool:
        return bool(self.sessions)

    def describe(self) -> list[str]:
        names = []
        for session in self.sessions:
            slots = session.slots()
            entry = slots.get(DOCUMENT)
            if entry is not None:
                names.append(entry.name or Path(entry.source_path or "").name or "Untitled")
            else:
                names.append(f"{len(slots)} competitor ad(s)")
        return names

    def latest_time(self) -> float:
        times = [e.saved_at for s in self.sessions for e in s.slots().values()]
        return max(times, default=time.time())

    def discard(self) -> None:
        for session in self.sessions:
            session.remove()
        self.sessions = []

    def release(self) -> None:
        """Unlock without choosing (the window stops): the next start offers them again."""
        for session in self.sessions:
            session.release()
        self.sessions = []

    def take(self) -> list[SessionDir]:
        taken, self.sessions = self.sessions, []
        return taken


def restore_source(entry: Entry) -> tuple[str | None, bool]:
    """Where a restored posting saves: its source, if that is still the package it came from.

    Returns ``(path, same)``: ``same`` is False when the source was changed or removed since
    (its SHA-256 differs), so saving into it could not be lossless.
    """
    if not entry.source_path:
        return None, True
    if entry.source_sha256 is None:
        return entry.source_path, Path(entry.source_path).is_file()
    return entry.source_path, sha256_of(entry.source_path) == entry.source_sha256
