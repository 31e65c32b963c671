"""Run a LanguageTool HTTP server from a folder language-tool-python does not manage.

language-tool-python only starts installs inside its own download folder (and would download
one if it found none there). A LanguageTool the user already has, somewhere else, is started
here instead: ``java -cp languagetool-server.jar org.languagetool.server.HTTPServer`` on a free
loopback port, then used through language-tool-python's ``remote_server`` like any server. The
process is killed on :meth:`LocalServer.stop` and, as a safety net, at interpreter exit.
"""

from __future__ import annotations

import atexit
import contextlib
import logging
import socket
import subprocess
import tempfile
import threading
import time
import urllib.error
import urllib.request
import weakref
from pathlib import Path
from typing import IO

from .state import Fix, GrammarUnavailableError, unavailable

log = logging.getLogger(__name__)

# Loopback never goes through a proxy from the environment.
_NO_PROXY = urllib.request.build_opener(urllib.request.ProxyHandler({}))
_RUNNING: weakref.WeakSet[LocalServer] = weakref.WeakSet()
_POLL_S = 0.25


def _free_loopback_port() -> int:
    # Bind to port 0 and let the OS choose; there is a small race until Java binds it, which
    # start() handles by reporting the early exit.
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class LocalServer:
    """One LanguageTool server process on 127.0.0.1. Thread-safe start/stop."""

    def __init__(self, java: str, classpath: str | Path, startup_timeout_s: float) -> None:
        # A self-contained server jar, or "<folder>/*" for a folder of Maven jars.
        self._java = java
        self._classpath = str(classpath)
        self._startup_timeout_s = startup_timeout_s
        self._process: subprocess.Popen[bytes] | None = None
        self._stderr: IO[bytes] | None = None
        self._port = 0
        self._lock = threading.Lock()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self._port}/"

    @property
    def alive(self) -> bool:
        process = self._process
        return process is not None and process.poll() is None

    def start(self) -> str:
        """Start the server and wait until it answers; returns its base URL.

        Raises :class:`GrammarUnavailableError` when Java exits or the server does not answer in
        time; the process is then stopped, so nothing is left running.
        """
        with self._lock:
            if self.alive:
                return self.url
            self._port = _free_loopback_port()
            command = [
                self._java,
                "-Djava.awt.headless=true",
                "-cp",
                self._classpath,
                "org.languagetool.server.HTTPServer",
                "--port",
                str(self._port),
            ]
            log.info("Starting LanguageTool: %s", " ".join(command))
            # stderr goes to a file, not a pipe: nobody reads a pipe while the server runs, and
            # a full pipe would block Java. The file's tail explains an early exit.
            self._stderr = tempfile.NamedTemporaryFile(prefix="languagetool-", suffix=".log")
            try:
                self._process = subprocess.Popen(  # noqa: S603 - java and jar were checked
                    command,
                    stdin=subprocess.DEVNULL,
                    stdout=subprocess.DEVNULL,
                    stderr=self._stderr,
                )
            except OSError as error:
                self._stop_locked()
                raise unavailable(
                    f"Cannot run Java: {error}", "Check the Java install.", Fix.INSTALL_JAVA
                ) from error
            _RUNNING.add(self)
            try:
                self._wait_until_ready()
            except GrammarUnavailableError:
                self._stop_locked()
                raise
            return self.url

    def _wait_until_ready(self) -> None:
        assert self._process is not None
        deadline = time.monotonic() + self._startup_timeout_s
        probe = f"{self.url}v2/languages"
        while time.monotonic() < deadline:
            code = self._process.poll()
            if code is not None:
                tail = self._stderr_tail()
                raise unavailable(
                    f"LanguageTool exited while starting (code {code}). {tail}".strip(),
                    "Check that the folder holds a complete LanguageTool.",
                    Fix.CHOOSE_LANGUAGETOOL_PATH,
                )
            with contextlib.suppress(OSError, urllib.error.URLError):
                with _NO_PROXY.open(probe, timeout=2) as response:
                    if response.status == 200:
                        return
            time.sleep(_POLL_S)
        raise unavailable(
            f"LanguageTool did not start within {self._startup_timeout_s:g} s.",
            "Try again; a first start on a slow disk can take a while.",
            Fix.RETRY,
        )

    def _stderr_tail(self) -> str:
        if self._stderr is None:
            return ""
        with contextlib.suppress(OSError):
            self._stderr.seek(0)
            lines = self._stderr.read()[-4000:].decode("utf-8", "replace").strip().splitlines()
            return lines[-1] if lines else ""
        return ""

    def stop(self) -> None:
        with self._lock:
            self._stop_locked()

    def _stop_locked(self) -> None:
        process, self._process = self._process, None
        stderr, self._stderr = self._stderr, None
        _RUNNING.discard(self)
        if process is not None:
            self._terminate(process)
        if stderr is not None:
            stderr.close()

    @staticmethod
    def _terminate(process: subprocess.Popen[bytes]) -> None:
        with contextlib.suppress(OSError):
            process.terminate()
        try:
            process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(OSError):
                process.kill()
            with contextlib.suppress(subprocess.TimeoutExpired):
                process.wait(timeout=5)


@atexit.register
def _stop_all() -> None:
    # A crashed UI must not leave a 1 GB Java process behind.
    for server in list(_RUNNING):
        server.stop()
