"""The grammar questions and dialogs: download consent and progress, folder, server URL,
public-API notice, Java help.

:class:`GrammarPrompts` asks every question (tests swap in an object with the same methods and
scripted answers). The two dialogs with behaviour run their blocking work on the app's
:class:`TaskRunner`, never on the UI thread: :class:`ServerUrlDialog` probes the URL before
it lets the writer save it, and :class:`DownloadProgress` drives a ``QProgressDialog`` from the
download's progress callback, with Cancel setting the download's cancel event.
"""

from __future__ import annotations

import html
import logging
import threading
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, Qt, Signal, Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QProgressDialog,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from postingstudio.grammar import DownloadCancelledError, GrammarState, StateKind, probe_server
from postingstudio.ui.common.tasks import TaskRunner

log = logging.getLogger(__name__)
PROBE_LANE = "grammar-probe"
DOWNLOAD_LANE = "grammar-download"
JAVA_HELP = (
    "LanguageTool runs on Java 17 or later.\n\n"
    "• Windows and macOS: install Eclipse Temurin 17 (or later) from adoptium.net.\n"
    "• Linux: install your distribution's OpenJDK 17 package, e.g. "
    "“sudo apt install openjdk-17-jre”.\n\n"
    "Then choose Retry. Or use your team's LanguageTool server instead."
)


class ServerUrlDialog(QDialog):
    """Enter a LanguageTool server URL; "Check and save" probes it off the UI thread and
    accepts only when it answers like LanguageTool (or the writer chooses "Save anyway")."""

    def __init__(self, current: str, tasks: TaskRunner, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("grammarServerDialog")
        self.setWindowTitle(self.tr("LanguageTool server"))
        self._tasks = tasks
        self.probe_state: GrammarState | None = None
        layout = QVBoxLayout(self)
        layout.addWidget(
            QLabel(self.tr("The URL of your team's LanguageTool server, e.g. http://lt:8010"), self)
        )
        self.url = QLineEdit(current, self)
        self.url.setPlaceholderText("http://languagetool.example.org:8010")
        layout.addWidget(self.url)
        self.result_label = QLabel(self)
        self.result_label.setWordWrap(True)
        layout.addWidget(self.result_label)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.check = QPushButton(self.tr("Check and save"), self)
        self.check.setDefault(True)
        self.save_anyway = QPushButton(self.tr("Save anyway"), self)
        self.save_anyway.setEnabled(False)
        buttons.addButton(self.check, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.save_anyway, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.rejected.connect(self.reject)
        self.check.clicked.connect(self.start_probe)
        self.save_anyway.clicked.connect(self.accept)
        layout.addWidget(buttons)

    def value(self) -> str:
        return self.url.text().strip()

    def start_probe(self) -> None:
        url = self.value()
        if not url:
            self.result_label.setText(self.tr("Enter a URL first."))
            return
        self.check.setEnabled(False)
        self.save_anyway.setEnabled(False)
        self.result_label.setText(self.tr("Checking {0}…").format(url))
        self._tasks.task(probe_server, url, lane=PROBE_LANE).success(self._probed).failure(
            self._probed
        ).run()

    def _probed(self, state: object) -> None:
        """A :class:`GrammarState`, or the exception the probe raised."""
        self.check.setEnabled(True)
        if isinstance(state, GrammarState) and state.kind is StateKind.READY:
            self.probe_state = state
            self.accept()
            return
        reason = state.reason if isinstance(state, GrammarState) else str(state)
        self.probe_state = state if isinstance(state, GrammarState) else None
        self.result_label.setText(self.tr("Not reachable: {0}").format(reason))
        self.save_anyway.setEnabled(True)


class PublicApiNotice(QDialog):
    """The public API only after the writer has read that the posting leaves the machine:
    "Enable" stays disabled until the box saying so is ticked."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("grammarPublicNotice")
        self.setWindowTitle(self.tr("Use the public LanguageTool API?"))
        layout = QVBoxLayout(self)
        text = QLabel(
            self.tr(
                "With the public API, the full text of the posting you are editing is sent "
                "over the internet to languagetool.org for every check. It then leaves this "
                "machine and your organisation. The free API also limits text length and "
                "requests per minute.\n\nOnly enable this if your postings may be shared with "
                "a third party. A local LanguageTool or your team's server keeps text private."
            ),
            self,
        )
        text.setWordWrap(True)
        layout.addWidget(text)
        self.agree = QCheckBox(self.tr("I understand that my text leaves this machine"), self)
        layout.addWidget(self.agree)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.enable = buttons.addButton(
            self.tr("Enable public API"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.enable.setEnabled(False)
        self.agree.toggled.connect(self.enable.setEnabled)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def consented(self) -> bool:
        return self.agree.isChecked()


Download = Callable[..., Path]  # download_languagetool(progress, cancel) -> folder


class DownloadProgress(QObject):
    """Runs ``download(progress, cancel)`` on a worker and shows it in a ``QProgressDialog``.

    ``finished`` carries the folder (a ``Path``) on success, a :class:`DownloadCancelledError` when
    the writer cancelled, or the exception that made it fail.
    """

    finished = Signal(object)

    def __init__(
        self, download: Download, tasks: TaskRunner, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._download, self._tasks = download, tasks
        self.cancel_event = threading.Event()
        self.dialog = QProgressDialog(
            self.tr("Downloading LanguageTool…"), self.tr("Cancel"), 0, 0, parent
        )
        self.dialog.setObjectName("grammarDownloadProgress")
        self.dialog.setWindowTitle(self.tr("Download LanguageTool"))
        self.dialog.setWindowModality(Qt.WindowModality.WindowModal)
        self.dialog.setMinimumDuration(0)
        self.dialog.setAutoClose(False)
        self.dialog.setAutoReset(False)
        self.dialog.canceled.connect(self.cancel)
        self.result: object = None

    def _report(self, done: int, total: int | None) -> None:
        """The download's progress callback (called on the worker thread)."""
        self._tasks.run_on_main(lambda: self._progress(done, total))

    def start(self) -> None:
        self.dialog.show()
        self._tasks.task(
            self._download, self._report, self.cancel_event, lane=DOWNLOAD_LANE
        ).success(self._done).failure(self._failed).run()

    def _failed(self, error: BaseException) -> None:
        log.debug("LanguageTool download failed", exc_info=error)
        self._done(error)

    @Slot()
    def cancel(self) -> None:
        self.cancel_event.set()
        self.dialog.setLabelText(self.tr("Cancelling…"))

    def _progress(self, done: int, total: int | None) -> None:
        if total:
            self.dialog.setMaximum(max(1, total // 1024))
            self.dialog.setValue(min(done, total) // 1024)
            self.dialog.setLabelText(
                self.tr("Downloading LanguageTool… {0} of {1} MB").format(
                    done // 1_000_000, total // 1_000_000
                )
            )
        else:
            self.dialog.setLabelText(
                self.tr("Downloading LanguageTool… {0} MB").format(done // 1_000_000)
            )

    def _done(self, value: object) -> None:
        if self.cancel_event.is_set() and not isinstance(value, Path):
            value = DownloadCancelledError("The LanguageTool download was cancelled.")
        self.result = value
        self.dialog.hide()
        self.dialog.deleteLater()
        self.finished.emit(value)


class GrammarPrompts:
    """Every grammar question, as real dialogs. Tests use an object with the same methods."""

    def __init__(self, parent: QWidget, tasks: TaskRunner) -> None:
        self.parent, self.tasks = parent, tasks

    def consent_download(self, size: str, folder: Path, source: str = "release") -> bool:
        """``source``: "release" (the zip language-tool-python uses) or "maven" (the jars
        this build pins, server + English, from Maven Central)."""
        where = (
            self.parent.tr(
                "from Maven Central (LanguageTool's own jars, server and English only), each "
                "jar checked against the SHA-256 this build lists"
            )
            if source == "maven"
            else self.parent.tr(
                "from languagetool.org (the release language-tool-python uses), checked "
                "against its published SHA-256 checksum"
            )
        )
        box = QMessageBox(self.parent)
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(self.parent.tr("Download LanguageTool?"))
        box.setTextFormat(Qt.TextFormat.RichText)
        box.setText(
            self.parent.tr(
                "<p>Grammar and spelling checks need LanguageTool, which runs on this "
                "machine with Java. Posting Studio can download it now:</p><ul>"
                "<li>{0}, once, {2};</li>"
                "<li>saved in <code>{1}</code>.</li></ul>"
                "<p>Only the program is downloaded; your postings never leave this machine.</p>"
            ).format(html.escape(size), html.escape(str(folder)), html.escape(where))
        )
        download = box.addButton(self.parent.tr("Download"), QMessageBox.ButtonRole.AcceptRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.exec()
        return box.clickedButton() is download

    def consent_public_api(self) -> bool:
        dialog = PublicApiNotice(self.parent)
        return bool(dialog.exec()) and dialog.consented()

    def choose_folder(self, start: str) -> str | None:
        path = QFileDialog.getExistingDirectory(
            self.parent, self.parent.tr("Choose the LanguageTool folder"), start
        )
        return path or None

    def server_url(self, current: str) -> str | None:
        dialog = ServerUrlDialog(current, self.tasks, self.parent)
        return dialog.value() if dialog.exec() else None

    def java_help(self) -> None:
        QMessageBox.information(
            self.parent, self.parent.tr("Install Java"), self.parent.tr(JAVA_HELP)
        )

    def error(self, title: str, text: str) -> None:
        QMessageBox.warning(self.parent, title, text)
