"""The dialog shown for an unexpected error: what happened, a copyable report, the log's path.

``app.py`` installs :func:`install_excepthook`. Nothing is sent anywhere: the writer can copy
the report (versions and traceback) and decide what to do with it.
"""

from __future__ import annotations

import logging
import platform
import sys
import traceback
from pathlib import Path
from types import TracebackType

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import QCoreApplication, Qt, qVersion
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from postingstudio import __version__

log = logging.getLogger(__name__)


def error_report(kind: type[BaseException], value: BaseException, tb: TracebackType | None) -> str:
    """An error report to paste into a bug: versions of the app,
    Python and Qt, then the traceback."""
    lines = [
        f"Posting Studio {__version__}",
        f"Python {platform.python_version()} on {platform.platform()}",
        f"Qt {qVersion()}, PySide6 {pyside_version}",
        "",
        *traceback.format_exception(kind, value, tb),
    ]
    return "\n".join(line.rstrip("\n") for line in lines)


class CrashDialog(QDialog):
    """Shows an unexpected error's report, with copy and where the
    log is, instead of a silent exit."""

    def __init__(self, report: str, log_path: Path | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("crashDialog")
        self.setWindowTitle(self.tr("Something went wrong"))
        self.resize(640, 420)
        layout = QVBoxLayout(self)
        where = self.tr(" The log is at {0}.").format(log_path) if log_path else ""
        intro = QLabel(
            self.tr(
                "Posting Studio hit an unexpected error. Your text is autosaved, so you can keep "
                "working or restart. Nothing has been sent anywhere.{0}"
            ).format(where),
            self,
        )
        intro.setWordWrap(True)
        intro.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(intro)
        self.report = QPlainTextEdit(report, self)
        self.report.setReadOnly(True)
        layout.addWidget(self.report, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        copy = QPushButton(self.tr("Copy report"), self)
        copy.clicked.connect(lambda: QGuiApplication.clipboard().setText(report))
        buttons.addButton(copy, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)


def install_excepthook(log_path: Path | None) -> None:
    """Log every uncaught exception and show it in a :class:`CrashDialog` (once at a time)."""
    showing = False

    def hook(kind: type[BaseException], value: BaseException, tb: TracebackType | None) -> None:
        nonlocal showing
        if issubclass(kind, KeyboardInterrupt):
            sys.__excepthook__(kind, value, tb)
            return
        log.critical("uncaught exception", exc_info=(kind, value, tb))
        if (
            showing
            or QCoreApplication.instance() is None
            or not isinstance(QCoreApplication.instance(), QApplication)
        ):
            return
        showing = True
        try:
            CrashDialog(error_report(kind, value, tb), log_path, QApplication.activeWindow()).exec()
        finally:
            showing = False

    sys.excepthook = hook
