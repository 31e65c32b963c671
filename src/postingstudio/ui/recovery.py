"""Crash recovery: the working document autosaved to a recovery file, offered back on next start.

The autosaver writes when the writer pauses typing (2 s) and every 30 s while there are unsaved
changes. The file is JSON (the posting's blocks and runs, and the path of the file it belongs
to), written to a temporary file and moved into place with ``os.replace``, so a crash while
writing leaves the previous copy. A clean save or close removes it; if it is still there at
start-up, the previous session ended without saving and the window offers to restore it.
"""

from __future__ import annotations

import json
import logging
import os
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QTextDocument

from postingstudio.core.model import Block, BlockKind, Origin, Posting, Run

log = logging.getLogger(__name__)

SCHEMA = 1
PAUSE_MS = 2_000
INTERVAL_MS = 30_000


@dataclass(frozen=True)
class Recovered:
    posting: Posting
    source_path: str | None
    saved_at: float


def _block_json(block: Block) -> dict[str, Any]:
    return {
        "kind": str(block.kind),
        "level": block.level,
        "numbered": block.numbered,
        "style": block.style,
        "inferred": block.inferred,
        "cell": list(block.cell) if block.cell else None,
        "origin": str(block.origin),
        "runs": [[r.text, r.bold, r.italic, r.underline, r.link] for r in block.runs],
    }


def _block(data: dict[str, Any]) -> Block:
    runs = tuple(Run(str(t), bool(b), bool(i), bool(u), link) for t, b, i, u, link in data["runs"])
    cell = data.get("cell")
    return Block(
        BlockKind(data["kind"]),
        runs,
        level=int(data.get("level", 0)),
        numbered=bool(data.get("numbered", False)),
        style=data.get("style"),
        inferred=bool(data.get("inferred", False)),
        cell=tuple(cell) if cell else None,  # type: ignore[arg-type]
        origin=Origin(data.get("origin", "body")),
    )


class RecoveryStore:
    """One recovery file: save, load, clear."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)

    def exists(self) -> bool:
        return self.path.is_file()

    def save(self, posting: Posting, source_path: str | None) -> None:
        data = {
            "schema": SCHEMA,
            "saved_at": time.time(),
            "source_path": source_path,
            "title": posting.title,
            "blocks": [_block_json(block) for block in posting.blocks],
        }
        self.path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(prefix=".recovery-", dir=self.path.parent)
        try:
            with os.fdopen(handle, "w", encoding="utf-8") as out:
                json.dump(data, out, ensure_ascii=False)
                out.flush()
                os.fsync(out.fileno())
            os.replace(temporary, self.path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise

    def load(self) -> Recovered | None:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
            if data.get("schema") != SCHEMA:
                raise ValueError(f"unknown schema {data.get('schema')!r}")
            blocks = tuple(_block(item) for item in data["blocks"])
        except FileNotFoundError:
            return None
        except (OSError, ValueError, KeyError, TypeError) as error:
            log.warning("recovery file %s is unreadable: %s", self.path, error)
            return None
        source = data.get("source_path")
        posting = Posting(blocks, data.get("title"), source)
        return Recovered(posting, source, float(data.get("saved_at", 0)))

    def clear(self) -> None:
        try:
            self.path.unlink(missing_ok=True)
        except OSError as error:
            log.warning("cannot remove recovery file %s: %s", self.path, error)


class Autosaver(QObject):
    """Writes the store after a typing pause and every ``interval_ms`` while there are changes."""

    saved = Signal()
    failed = Signal(str)

    def __init__(
        self,
        document: QTextDocument,
        snapshot: Callable[[], Posting],
        source_path: Callable[[], str | None],
        store: RecoveryStore,
        pause_ms: int = PAUSE_MS,
        interval_ms: int = INTERVAL_MS,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.store = store
        self._document, self._snapshot, self._source_path = document, snapshot, source_path
        self.dirty = False
        self._pause = QTimer(self)
        self._pause.setSingleShot(True)
        self._pause.setInterval(pause_ms)
        self._pause.timeout.connect(self.save_now)
        self._interval = QTimer(self)
        self._interval.setInterval(interval_ms)
        self._interval.timeout.connect(self.save_now)
        self._interval.start()
        document.contentsChanged.connect(self._changed)

    def _changed(self) -> None:
        self.dirty = True
        self._pause.start()

    def save_now(self) -> bool:
        if not self.dirty:
            return False
        if not self._document.isModified():
            # Loading a file, or undoing back to the saved text, is no work to rescue.
            self.dirty = False
            self.store.clear()
            return False
        try:
            self.store.save(self._snapshot(), self._source_path())
        except OSError as error:
            log.error("autosave failed: %s", error)
            self.failed.emit(str(error))
            return False
        self.dirty = False
        self.saved.emit()
        return True

    def clean(self) -> None:
        """The document was saved or closed on purpose: nothing to recover any more."""
        self.dirty = False
        self._pause.stop()
        self.store.clear()

    def stop(self) -> None:
        self._pause.stop()
        self._interval.stop()
