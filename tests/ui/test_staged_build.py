"""A large posting fills the editor a step at a time: the event loop keeps serving, progress shows,
and the finished document is the one a build in one go makes."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QMainWindow, QProgressDialog

from postingstudio.core.model import Block, BlockKind, Posting, Run
from postingstudio.ui.common.document_bridge import build_document, document_to_posting
from postingstudio.ui.editor import staged_build
from postingstudio.ui.editor.editor import PostingEditor


def _large_posting() -> Posting:
    blocks = [Block.of(BlockKind.HEADING, "Warehouse role", level=1)]
    for n in range(staged_build.LARGE_BLOCKS + 1_000):
        if n % 7 == 0:
            blocks.append(Block.of(BlockKind.HEADING, f"Part {n}", level=2))
        elif n % 3:
            blocks.append(
                Block.of(BlockKind.LIST_ITEM, f"item {n}", level=n % 2, numbered=n % 5 == 0)
            )
        else:
            blocks.append(Block(BlockKind.PARAGRAPH, (Run("We pack "), Run(f"box {n}", bold=True))))
    return Posting(tuple(blocks))


class _Watcher:
    """Records, on every turn of the event loop, whether the progress dialog is up and where."""

    def __init__(self, window: QMainWindow) -> None:
        self.window, self.ticks, self.values = window, 0, []
        self.timer = QTimer()
        self.timer.setInterval(0)
        self.timer.timeout.connect(self.tick)
        self.timer.start()

    def tick(self) -> None:
        self.ticks += 1
        for dialog in self.window.findChildren(QProgressDialog):
            if dialog.isVisible():
                self.values.append((dialog.value(), dialog.maximum()))


def test_a_large_posting_is_built_in_steps_with_progress(qtbot):
    window = QMainWindow()
    editor = PostingEditor()
    window.setCentralWidget(editor)
    qtbot.addWidget(window)
    window.show()
    posting = _large_posting()
    document = editor.document()
    seen_blocks: list[int] = []
    document.contentsChanged.connect(lambda: seen_blocks.append(document.blockCount()))
    watcher = _Watcher(window)

    staged_build.build_with_progress(editor, document, posting)
    watcher.timer.stop()

    total = len(posting.blocks)
    assert watcher.ticks >= 2  # the event loop ran while the document was built
    assert any(0 < value < maximum == total for value, maximum in watcher.values)
    assert not any(d.isVisible() for d in window.findChildren(QProgressDialog))
    # The listeners heard once, of the finished document, never of a half-built one.
    assert seen_blocks == [total]
    assert not document.isModified() and document.isUndoRedoEnabled()
    assert not document.isUndoAvailable()
    at_once = QTextDocument()
    build_document(at_once, posting)
    assert document_to_posting(document).blocks == document_to_posting(at_once).blocks
    assert document.toPlainText() == at_once.toPlainText()
    assert document_to_posting(document).blocks == posting.blocks


def test_a_small_posting_is_built_at_once_without_a_dialog(qtbot):
    window = QMainWindow()
    editor = PostingEditor()
    window.setCentralWidget(editor)
    qtbot.addWidget(window)
    posting = Posting(tuple(Block.of(BlockKind.PARAGRAPH, f"line {n}") for n in range(50)))
    watcher = _Watcher(window)

    staged_build.build_with_progress(editor, editor.document(), posting)
    watcher.timer.stop()

    assert watcher.ticks == 0 and not watcher.values
    assert document_to_posting(editor.document()).blocks == posting.blocks


def test_opening_a_long_list_keeps_the_window_serving(qtbot, workspace, tmp_path):
    lines = staged_build.LARGE_BLOCKS + 1_000
    big = tmp_path / "list.txt"
    big.write_text("\n".join(f"- item number {n} of the list" for n in range(lines)), "utf-8")
    workspace.start(show=True)
    watcher = _Watcher(workspace.window)

    assert workspace.files.open_file(str(big), ask=False)
    watcher.timer.stop()

    assert any(0 < value < maximum == lines for value, maximum in watcher.values)
    text = workspace.session.snapshot().text
    assert text.count("\n") == lines - 1 and text.endswith(f"item number {lines - 1} of the list")
    assert not workspace.session.document.isModified()
