"""Composition root of the desktop app: argv, logging, excepthook, QApplication, paths, wiring.

``postingstudio`` opens the editor; ``postingstudio FILE`` opens FILE in it. Folders come from
``QStandardPaths`` (config: preferences and window state; data: the recovery file; a ``logs``
folder for the rotating log) unless ``POSTINGSTUDIO_CONFIG_DIR`` / ``POSTINGSTUDIO_DATA_DIR``
point elsewhere, which is how tests keep away from the real user's files.
"""

from __future__ import annotations

import argparse
import logging
import logging.handlers
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from postingstudio import __version__

log = logging.getLogger(__name__)

CONFIG_ENV = "POSTINGSTUDIO_CONFIG_DIR"
DATA_ENV = "POSTINGSTUDIO_DATA_DIR"
LOG_FILE = "postingstudio.log"
DESKTOP_FILE_NAME = "io.github.postingstudio.PostingStudio"


def parse_args(args: list[str]) -> argparse.Namespace:
    """The app's own options (a file to open, --debug); Qt's options are left for QApplication."""
    parser = argparse.ArgumentParser(prog="postingstudio", description="Posting Studio editor")
    parser.add_argument("file", nargs="?", help="a .docx, .md, .txt or .html posting to open")
    parser.add_argument("--debug", action="store_true", help="log debug messages to stderr")
    parser.add_argument("--version", action="version", version=f"postingstudio {__version__}")
    # Qt's own options (-platform, -style …) pass through to QApplication.
    known, _qt = parser.parse_known_args(args)
    return known


def configure_logging(log_dir: Path, debug: bool) -> Path | None:
    """Log to stderr at WARNING (DEBUG with --debug) and a rotating file at INFO in ``log_dir``."""
    root = logging.getLogger()
    root.setLevel(logging.DEBUG if debug else logging.INFO)
    stderr = logging.StreamHandler()
    stderr.setLevel(logging.DEBUG if debug else logging.WARNING)
    stderr.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))
    root.addHandler(stderr)
    try:
        log_dir.mkdir(parents=True, exist_ok=True)
        path = log_dir / LOG_FILE
        handler = logging.handlers.RotatingFileHandler(
            path, maxBytes=1_000_000, backupCount=3, encoding="utf-8"
        )
    except OSError as error:
        log.warning("no log file (%s): %s", log_dir, error)
        return None
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root.addHandler(handler)
    return path


def app_paths():  # type: ignore[no-untyped-def]
    """The user's folders, from the environment override or QStandardPaths."""
    from PySide6.QtCore import QStandardPaths

    from postingstudio.ui.shell.workspace import AppPaths

    location = QStandardPaths.writableLocation
    config = os.environ.get(CONFIG_ENV) or location(
        QStandardPaths.StandardLocation.AppConfigLocation
    )
    data = os.environ.get(DATA_ENV) or location(QStandardPaths.StandardLocation.AppDataLocation)
    return AppPaths(Path(config), Path(data), Path(data) / "logs")


def run_app(args: list[str], on_started: Callable[[Any], None] | None = None) -> int:
    """Run the desktop app until its last window closes; return the exit code.

    ``on_started`` is the embedding hook: it is called once with the started
    :class:`~postingstudio.ui.shell.workspace.Workspace` (window shown, file opened), before the
    event loop runs. Automation (the crash-recovery tests' scripted keystrokes, start-up
    benchmarks) drives the real app through it; a normal start passes nothing.
    """
    options = parse_args(args)
    from postingstudio.ui.compat import protect_none

    protect_none()  # before any Qt call: PySide6 6.12 on Python 3.11 leaks None references
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtGui import QGuiApplication
    from PySide6.QtWidgets import QApplication

    QCoreApplication.setOrganizationName("PostingStudio")
    QCoreApplication.setApplicationName("postingstudio")
    QCoreApplication.setApplicationVersion(__version__)
    # Wayland and desktop shells match the window to the installed .desktop file (icon, name)
    # through this id (packaging/linux/).
    QGuiApplication.setDesktopFileName(DESKTOP_FILE_NAME)
    app = QApplication.instance() or QApplication([sys.argv[0], *args])
    paths = app_paths()
    log_path = configure_logging(paths.log_dir, options.debug)
    from postingstudio.ui.shell.crash_dialog import install_excepthook

    install_excepthook(log_path)
    log.info(
        "Posting Studio %s starting (config %s, data %s)",
        __version__,
        paths.config_dir,
        paths.data_dir,
    )

    from postingstudio.paths import resources_dir
    from postingstudio.ui.shell.workspace import Workspace

    try:
        resources = resources_dir()
    except FileNotFoundError as error:
        from PySide6.QtWidgets import QMessageBox

        QMessageBox.critical(None, "Posting Studio", str(error))
        return 1
    workspace = Workspace(paths, resources)
    file = options.file
    if file and not Path(file).exists():
        log.warning("%s does not exist", file)
        workspace.start(None)
        workspace.prompts.error(workspace.window.tr("Cannot open file"), f"{file}: no such file")
    else:
        workspace.start(file)
    if on_started is not None:
        on_started(workspace)
    code = app.exec()
    workspace.analysis.shutdown()
    workspace.grammar.shutdown()  # bounded wait: a hung LanguageTool never hangs the exit
    workspace.tasks.shutdown()
    return int(code)
