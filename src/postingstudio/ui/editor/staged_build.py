"""Filling the editor with a large posting a step at a time, with progress, the window still live.

Building a QTextDocument is Qt's own work on the UI thread (a document is not shared between
threads while an editor shows it), and for 200,000 lines it takes many seconds. So a posting of
more than ``LARGE_BLOCKS`` blocks goes in ``STEP_BLOCKS`` blocks per turn of a local event loop:
between steps the window repaints, timers fire and a progress dialog counts the blocks.

While the build runs the document's signals are held back, so nothing that listens to the
document (the analysis, the grammar lanes, the recovery journal) sees, snapshots or journals a
half-built text; once it is finished the document says once that its contents changed, as a
build in one go does to listeners that only run when the event loop turns. The dialog is
window-modal, so the writer cannot type into a document that is still being filled.

``build_with_progress`` returns when the document is complete, like ``build_document``: the
callers (opening a file, restoring a recovery, the tests) rely on that.
"""

from __future__ import annotations

from PySide6.QtCore import QEventLoop, Qt, QTimer
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QProgressDialog, QWidget

from postingstudio.core.model import Posting
from postingstudio.ui.common.document_bridge import build_document, build_document_stepwise

# Below this many blocks a build takes well under a second: no dialog to flash.
LARGE_BLOCKS = 5_000
# Blocks inserted per turn of the event loop: a few tens of milliseconds of work.
STEP_BLOCKS = 500


def build_with_progress(parent: QWidget | None, document: QTextDocument, posting: Posting) -> None:
    """Replace ``document``'s content with ``posting`` (as ``build_document``), in steps with a
    progress dialog over ``parent``'s window when the posting is large."""
    total = len(posting.blocks)
    if total <= LARGE_BLOCKS:
        build_document(document, posting)
        return
    dialog = QProgressDialog(parent.window() if parent is not None else None)
    dialog.setWindowTitle(dialog.tr("Opening"))
    dialog.setLabelText(dialog.tr("Preparing {0:,} paragraphs for editing…").format(total))
    dialog.setRange(0, total)
    dialog.setValue(0)
    dialog.setCancelButton(None)  # type: ignore[arg-type]
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(0)
    dialog.setAutoClose(False)
    dialog.setAutoReset(False)
    steps = build_document_stepwise(document, posting, every=STEP_BLOCKS)
    loop = QEventLoop()
    failure: list[BaseException] = []

    def step() -> None:
        try:
            done = next(steps)
        except StopIteration:
            loop.quit()
            return
        except BaseException as error:  # noqa: BLE001 - raised again on the caller's side
            failure.append(error)
            loop.quit()
            return
        dialog.setValue(done)
        dialog.setLabelText(
            dialog.tr("Preparing paragraphs for editing: {0:,} of {1:,}…").format(done, total)
        )

    timer = QTimer()
    timer.setInterval(0)  # one step per turn of the loop: repaints and other timers in between
    timer.timeout.connect(step)
    before = (document.isModified(), document.isUndoAvailable(), document.isRedoAvailable())
    was_blocked = document.blockSignals(True)
    try:
        dialog.show()
        timer.start()
        loop.exec()
    finally:
        timer.stop()
        steps.close()
        document.blockSignals(was_blocked)
        dialog.close()
        dialog.deleteLater()
    if failure:
        raise failure[0]
    if was_blocked:
        return
    # What the held-back signals would have said, for the title bar and the Undo/Redo actions.
    if before[0] != document.isModified():
        document.modificationChanged.emit(document.isModified())
    if before[1]:
        document.undoAvailable.emit(False)
    if before[2]:
        document.redoAvailable.emit(False)
    document.contentsChanged.emit()
