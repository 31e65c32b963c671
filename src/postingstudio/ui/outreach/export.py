"""The Outreach view's exports: .txt, .eml (email drafts), and a CSV merge with a contacts file
shown with a progress bar and followed by a report of the rows missing fields or too long.

Every question goes through the app's prompts object (``ui/shell/prompts.py``, handed down by the
workspace as a :class:`Questions`): the file to save, the contacts file, an error, the merge
report. That is the one place the app asks the writer anything, and the one a test answers."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Protocol

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QComboBox,
    QProgressDialog,
    QWidget,
)

from postingstudio.core.outreach import MergeReport, Message, OutreachKit
from postingstudio.docio.atomic import write_atomic
from postingstudio.docio.errors import DocumentError
from postingstudio.docio.outreach_export import export_eml, export_txt, merge_csv


class Questions(Protocol):
    """What the exports ask the writer (the app's ``Prompts`` has these methods)."""

    def save_path(
        self, title: str, suggested: str, formats: Sequence[tuple[str, str]]
    ) -> str | None: ...
    def open_contacts(self, start: str) -> str | None: ...
    def error(self, title: str, text: str, detail: str = "") -> None: ...
    def notice(self, title: str, text: str) -> None: ...


class DraftsView(Protocol):
    """What the exports use of the Outreach view (ui/outreach/view.py), which builds them: a
    protocol, so this module does not import the view that imports it."""

    txt_button: QAbstractButton
    eml_button: QAbstractButton
    merge_button: QAbstractButton
    channel: QComboBox
    messages: list[Message]

    def current(self) -> Message: ...
    def suggested_name(self, suffix: str) -> str: ...
    def tr(self, text: str) -> str: ...


def _parent(view: DraftsView) -> QWidget:
    assert isinstance(view, QWidget), "the Outreach view is a widget"
    return view


class ExportActions:
    """The Outreach view's export buttons: .txt, .eml and the CSV mail merge."""

    def __init__(self, view: DraftsView, kit: OutreachKit, questions: Questions) -> None:
        self.view, self.kit, self.questions = view, kit, questions
        self.last_report: MergeReport | None = None
        view.txt_button.clicked.connect(self.export_txt)
        view.eml_button.clicked.connect(self.export_eml)
        view.merge_button.clicked.connect(self.merge)
        view.channel.currentIndexChanged.connect(lambda _i: self._enable())
        self._enable()

    def _enable(self) -> None:
        if not self.view.messages:
            return
        self.view.eml_button.setEnabled(self.view.current().subject is not None)

    # -- questions ---------------------------------------------------------------------------
    def _save_path(self, title: str, suggested: str, ext: str, label: str) -> str | None:
        return self.questions.save_path(title, suggested, [(ext, label)])

    def show_error(self, title: str, text: str) -> None:
        self.questions.error(title, text)

    # -- actions ------------------------------------------------------------------------------
    def export_txt(self) -> None:
        path = self._save_path(
            self.view.tr("Export draft as text"),
            self.view.suggested_name(".txt"),
            "txt",
            "Text (*.txt)",
        )
        if path:
            self._guard(lambda: export_txt([self.view.current()], path))

    def export_eml(self) -> None:
        path = self._save_path(
            self.view.tr("Export email draft"),
            self.view.suggested_name(".eml"),
            "eml",
            "Email (*.eml)",
        )
        if path:
            self._guard(lambda: export_eml(self.view.current(), path))

    def merge(self) -> None:
        contacts = self.questions.open_contacts(str(Path.home()))
        if not contacts:
            return
        target = self._save_path(
            self.view.tr("Save merged drafts"),
            self.view.suggested_name("-merge.csv"),
            "csv",
            "CSV (*.csv)",
        )
        if not target:
            return
        progress = QProgressDialog(
            self.view.tr("Merging contacts…"), self.view.tr("Cancel"), 0, 100, _parent(self.view)
        )
        progress.setObjectName("outreachMergeProgress")
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setMinimumDuration(300)

        def step(done: int, total: int) -> None:
            progress.setValue(int(done * 100 / max(1, total)))
            QApplication.processEvents()
            if progress.wasCanceled():
                raise _CancelledError

        try:
            report = merge_csv(self.view.current(), contacts, target, self.kit, progress=step)
        except _CancelledError:
            return  # merge_csv writes atomically: a cancelled merge leaves no file
        except (DocumentError, OSError) as error:
            self.show_error(self.view.tr("Cannot merge"), str(error))
            return
        finally:
            progress.close()
        self.last_report = report
        report_path = Path(target).with_suffix(".report.txt")
        summary = (report.summary() + "\n").encode("utf-8")
        self._guard(lambda: write_atomic(report_path, summary))
        self.questions.notice(self.view.tr("Merge report"), report.summary())

    def _guard(self, action: Callable[[], object]) -> None:
        try:
            action()
        except (DocumentError, OSError) as error:
            self.show_error(self.view.tr("Cannot export"), str(error))


class _CancelledError(Exception):
    """The writer pressed Cancel on the merge progress bar."""
