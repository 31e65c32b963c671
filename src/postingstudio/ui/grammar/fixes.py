"""What each grammar fix does when the writer asks for it (behaviour behind the status button).

Every path that downloads something or sends text anywhere starts here, from a click, after a
question: the download runs only after :meth:`GrammarPrompts.consent_download` said yes, the
public API is enabled only after the notice was accepted, and a server URL is saved only after
it was probed (or the writer chose to save it anyway). Each change is saved in the preferences
file through the session, which tells the grammar controller to reconfigure and check again.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Slot

from postingstudio.grammar import DownloadCancelledError, Fix
from postingstudio.grammar.download_errors import DownloadFailedError
from postingstudio.grammar.install import install_at, ltp_download_dir
from postingstudio.grammar.maven_jars import JarManifest, cache_root, download_jars, load_manifest
from postingstudio.ui.grammar.dialogs import DownloadProgress, GrammarPrompts
from postingstudio.ui.grammar.lane import GrammarController
from postingstudio.ui.grammar.status import PREFERENCES, TURN_OFF

log = logging.getLogger(__name__)


class GrammarFixes(QObject):
    """Carries out the fix the grammar status offers, asking first
    wherever text or downloads leave."""

    def __init__(
        self,
        controller: GrammarController,
        prompts: Any,  # GrammarPrompts or a test's scripted stand-in
        open_preferences: Any,  # () -> None
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.controller = controller
        self.prompts = prompts
        self.open_preferences = open_preferences
        self.download: DownloadProgress | None = None

    def _save(self, **changes: object) -> None:
        session = self.controller.session
        session.set_preferences(session.preferences.with_grammar(**changes))

    @Slot(str)
    def run(self, key: str) -> None:
        """Do the fix named by ``key`` (a :class:`Fix` value, PREFERENCES or TURN_OFF)."""
        handlers = {
            Fix.INSTALL_JAVA.value: self.java_help,
            Fix.DOWNLOAD_LANGUAGETOOL.value: self.offer_download,
            Fix.CHOOSE_LANGUAGETOOL_PATH.value: self.choose_folder,
            Fix.CHECK_SERVER_URL.value: self.ask_server_url,
            Fix.CONSENT_PUBLIC_API.value: self.enable_public_api,
            Fix.RETRY.value: self.controller.retry,
            TURN_OFF: lambda: self._save(mode="off"),
            PREFERENCES: self.open_preferences,
        }
        handler = handlers.get(key)
        if handler is not None:
            handler()

    def java_help(self) -> None:
        self.prompts.java_help()

    def offer_download(self) -> bool:
        """Ask, then download with a progress bar. Returns True if the download started."""
        if self.download is not None:
            return False  # one at a time
        pinned = _pinned_jars()
        if pinned is not None:
            # This build lists LanguageTool's Maven jars (server + English) with checksums:
            # smaller than the release zip, and needs Java only.
            size, folder = f"about {pinned.total_bytes / 1e6:.0f} MB", cache_root() / pinned.version
            function: Callable[..., Path] = partial(download_jars, pinned)
            source = "maven"
        else:
            # Loaded here, not at start-up: it brings requests and language-tool-python.
            from postingstudio.grammar.download import download_languagetool, download_size_hint

            size, folder, function, source = (
                download_size_hint(),
                ltp_download_dir(),
                download_languagetool,
                "release",
            )
        if not self.prompts.consent_download(size, folder, source=source):
            return False
        parent = self.controller.session.editor.window()
        self.download = DownloadProgress(function, self.controller.tasks, parent)
        self.download.finished.connect(self._downloaded)
        self.download.start()
        return True

    @Slot(object)
    def _downloaded(self, value: object) -> None:
        self.download = None
        if isinstance(value, Path):
            self.controller.statusMessage.emit(
                self.tr("LanguageTool is installed in {0}.").format(value)
            )
            self._save(mode="local", local_path=None)
            self.controller.retry()
        elif isinstance(value, DownloadCancelledError):
            self.controller.statusMessage.emit(self.tr("The LanguageTool download was cancelled."))
        else:
            log.warning("LanguageTool download failed: %s", value)
            self.prompts.error(self.tr("LanguageTool was not downloaded"), str(value))

    def choose_folder(self) -> bool:
        current = self.controller.preferences.grammar.local_path or str(Path.home())
        chosen = self.prompts.choose_folder(current)
        if not chosen:
            return False
        if install_at(Path(chosen)) is None:
            self.prompts.error(
                self.tr("No LanguageTool there"),
                self.tr(
                    "{0} holds no LanguageTool server: neither languagetool-server.jar nor a "
                    "folder of its jars (a lib folder made by scripts/languagetool-server). "
                    "Choose the LanguageTool folder."
                ).format(chosen),
            )
            return False
        self._save(mode="local", local_path=chosen)
        self.controller.retry()
        return True

    def ask_server_url(self) -> bool:
        current = self.controller.preferences.grammar.server_url or ""
        url = self.prompts.server_url(current)
        if not url:
            return False
        self._save(mode="server", server_url=url)
        self.controller.retry()
        return True

    def enable_public_api(self) -> bool:
        if not self.prompts.consent_public_api():
            return False
        self._save(mode="public", public_consent=True)
        self.controller.retry()
        return True


__all__ = ["GrammarFixes", "GrammarPrompts"]


def _pinned_jars() -> JarManifest | None:
    try:
        return load_manifest()
    except (DownloadFailedError, OSError, ValueError) as error:  # a damaged list: use the release
        log.warning("Ignoring the pinned LanguageTool jar list: %s", error)
        return None
