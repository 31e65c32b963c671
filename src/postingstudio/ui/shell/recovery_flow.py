"""Recovery wired into one workspace: its journal, the restore offer, and restoring.

Kept out of ``workspace.py`` so the window's composition stays short. The first window of a
start claims the orphaned journals (see :class:`~postingstudio.ui.recovery.Recoveries`) and
offers them in its banner; "Restore" brings the first back in this window and each other one
in a window of its own, so a crash with several windows open brings every one of them back.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from PySide6.QtCore import QObject

from postingstudio.docio import atomic
from postingstudio.docio.journal import DOCUMENT, Entry, SessionDir
from postingstudio.ui.recovery.journal_writer import (
    JournalWriter,
    Recoveries,
    restore_source,
)

if TYPE_CHECKING:
    from postingstudio.ui.compare.controller import Competitor

log = logging.getLogger(__name__)


class Workspace(Protocol):
    """The parts of a window's workspace that recovery journals and restores into.

    A protocol rather than an import: the workspace builds this flow, so importing it back would
    make a cycle.
    """

    window: Any
    session: Any
    files: Any
    compare: Any
    recovery: Any

    def tr(self, text: str) -> str: ...


class RecoveryFlow(QObject):
    """One workspace's recovery: its journal, the restore offer and restoring."""

    def __init__(
        self,
        workspace: Workspace,
        root: Path,
        open_window: Callable[[], Workspace] | None = None,
    ) -> None:
        super().__init__(workspace)
        self.workspace, self.root = workspace, root
        self.open_window = open_window
        self.ledger = root.parent / "pending-writes"
        atomic.use_ledger(self.ledger)  # saves and exports in flight, for the next start
        self.session = SessionDir.create(root)
        files = workspace.files
        self.writer = JournalWriter(
            workspace.session.document,
            workspace.session.snapshot,
            lambda: (files.display_name, files.template or files.path),
            self.session,
            self,
        )
        self.recoveries: Recoveries | None = None
        self.extra_windows: list[Workspace] = []
        files.opened.connect(self.writer.source_opened)
        files.saved.connect(lambda _path: self.writer.clean())
        controller = workspace.compare.controller
        controller.competitorReady.connect(self._competitor_ready)
        controller.competitorRemoved.connect(lambda key: self.writer.write_competitor(key, None))

    # -- competitor ads -----------------------------------------------------------------------
    def _competitor_ready(self, competitor: Competitor) -> None:
        if competitor.posting is not None:
            entry = Entry(competitor.posting, competitor.name, competitor.path)
            self.writer.write_competitor(competitor.key, entry)

    # -- the offer -----------------------------------------------------------------------------
    def offer(self) -> bool:
        """Claim the orphaned journals and offer them; False if there are none.

        The first window of a start also removes what killed saves left behind.
        """
        for temporary in atomic.clean_orphans(self.ledger):
            log.info("removed %s, left by a save that was interrupted", temporary)
        self.recoveries = Recoveries(self.root, self.session)
        if not self.recoveries:
            return False
        ws = self.workspace
        names = self.recoveries.describe()
        when = time.strftime("%H:%M on %d %b", time.localtime(self.recoveries.latest_time()))
        if len(names) == 1:
            text = ws.tr(
                "Posting Studio closed without saving your work on {0} (last change {1}). "
                "Restore it?"
            ).format(names[0], when)
        else:
            text = ws.tr(
                "Posting Studio closed without saving {0} windows: {1} (last change {2}). "
                "Restore them? Each comes back in its own window."
            ).format(len(names), ", ".join(names), when)
        ws.window.banner.show_message(
            "restore",
            text,
            [
                ("restore", ws.tr("Restore"), self.restore_all),
                ("discard", ws.tr("Discard"), self.recoveries.discard),
            ],
        )
        return True

    def restore_all(self) -> None:
        if self.recoveries is None:
            return
        sessions = self.recoveries.take()
        for index, session in enumerate(sessions):
            target = self.workspace
            if index and self.open_window is not None:
                target = self.open_window()
                self.extra_windows.append(target)
            target.recovery.restore(session)

    def restore(self, session: SessionDir) -> None:
        """Bring one orphan's work into this window, write it to our journal, then drop it."""
        ws = self.workspace
        slots = session.slots()
        document = slots.get(DOCUMENT)
        if document is not None:
            self._restore_document(document)
        for slot, entry in sorted(slots.items()):
            if slot != DOCUMENT:
                self._restore_competitor(entry)
        self.writer.flush()  # on disk in our journal before the orphan goes
        session.remove()
        ws.window.statusBar().showMessage(ws.tr("Restored unsaved work."), 8000)

    def _restore_document(self, entry: Entry) -> None:
        ws = self.workspace
        ws.session.load(entry.posting)
        source, same = restore_source(entry)
        if source and same:
            ws.files.set_current(source, is_source=True)
            self.writer.source_sha256 = entry.source_sha256
        else:
            name = entry.name or (Path(source).name if source else None)
            ws.files.set_current(None, is_source=False, name=name)
            if source:
                ws.window.statusBar().showMessage(
                    ws.tr(
                        "{0} was changed or moved since this work was done. Save the restored "
                        "posting under a new name."
                    ).format(Path(source).name),
                    15000,
                )
        ws.session.document.setModified(True)  # restored work is unsaved work
        ws.files.update_title()

    def _restore_competitor(self, entry: Entry) -> None:
        compare = self.workspace.compare
        if entry.source_path and Path(entry.source_path).is_file():
            competitor = compare.add_competitor_file(entry.source_path)
        else:
            competitor = compare.add_competitor_text(entry.posting.text, entry.name)
        if competitor is not None:
            self.writer.write_competitor(competitor.key, entry)

    # -- lifetime ------------------------------------------------------------------------------
    def closed(self) -> None:
        """The window closed on purpose (after "save changes?"): nothing to recover."""
        self.writer.close()

    def stop(self) -> None:
        """Stopped without asking (tests, the benchmark): unsaved work stays in the journal."""
        self.writer.flush() if self.writer.pending else None
        self.writer.stop()
        self.session.release()
        if self.recoveries is not None:
            self.recoveries.release()
        for window in self.extra_windows:
            window.shutdown()
        self.extra_windows = []
