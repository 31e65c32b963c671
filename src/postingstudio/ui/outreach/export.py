"""The Outreach view's exports: .txt, .eml (email drafts), and a CSV merge with a contacts file
shown with a progress bar and followed by a report of the rows missing fields or too long.

The file choosers are attributes (``ask_save``, ``ask_contacts``) so tests can answer them;
failures go to ``show_error`` and the merge report to ``show_report``, both overridable."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Protocol

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QComboBox,
    QFileDialog,
    QMessageBox,
    QProgressDialog,
    QWidget,
)

from postingstudio.core.outreach import MergeReport, Message, OutreachKit
from postingstudio.docio.atomic import write_atomic
from postingstudio.docio.errors import DocumentError
from postingstudio.docio.outreach_export import export_eml, export_txt, merge_csv


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

    def __init__(self, view: DraftsView, kit: OutreachKit) -> None:
        self.view, self.kit = view, kit
        self.last_report: MergeReport | None = None
        self.ask_save: Callable[[str, str, str], str | None] = self._ask_save
        self.ask_contacts: Callable[[], str | None] = self._ask_contacts
        self.show_error: Callable[[str, str], None] = self._show_error
        self.show_report: Callable[[str], None] = self._show_report
        view.txt_button.clicked.connect(self.export_txt)
        view.eml_button.clicked.connect(self.export_eml)
        view.merge_button.clicked.connect(self.merge)
        view.channel.currentIndexChanged.connect(lambda _i: self._enable())
        self._enable()

    def _enable(self) -> None:
        if not self.view.messages:
            return
        self.view.eml_button.setEnabled(self.view.current().subject is not None)

    # -- dialogs (replaced in tests) ----------------------------------------------------------
    def _ask_save(self, title: str, suggested: str, pattern: str) -> str | None:
        path, _ = QFileDialog.getSaveFileName(_parent(self.view), title, suggested, pattern)
        return path or None

    def _ask_contacts(self) -> str | None:
        path, _ = QFileDialog.getOpenFileName(
            _parent(self.view),
            self.view.tr("Contacts file"),
            str(Path.home()),
            self.view.tr("CSV files (*.csv)"),
        )
        return path or None

    def _show_error(self, title: str, text: str) -> None:
        QMessageBox.warning(_parent(self.view), title, text)

    def _show_report(self, text: str) -> None:
        QMessageBox.information(_parent(self.view), self.view.tr("Merge report"), text)

    # -- actions ------------------------------------------------------------------------------
    def export_txt(self) -> None:
        path = self.ask_save(
            self.view.tr("Export draft as text"), self.view.suggested_name(".txt"), "Text (*.txt)"
        )
        if path:
            self._guard(lambda: export_txt([self.view.current()], path))

    def export_eml(self) -> None:
        path = self.ask_save(
            self.view.tr("Export email draft"), self.view.suggested_name(".eml"), "Email (*.eml)"
        )
        if path:
            self._guard(lambda: export_eml(self.view.current(), path))

    def merge(self) -> None:
        contacts = self.ask_contacts()
        if not contacts:
            return
        target = self.ask_save(
            self.view.tr("Save merged drafts"),
            self.view.suggested_name("-merge.csv"),
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
        self.show_report(report.summary())

    def _guard(self, action: Callable[[], object]) -> None:
        try:
            action()
        except (DocumentError, OSError) as error:
            self.show_error(self.view.tr("Cannot export"), str(error))


class _CancelledError(Exception):
    """The writer pressed Cancel on the merge progress bar."""
