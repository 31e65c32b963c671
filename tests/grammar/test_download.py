"""The consented download: progress, checksum, cancel, and nothing left behind on failure.
A loopback HTTP server serves a small fake LanguageTool archive."""

from __future__ import annotations

import hashlib
import io
import threading
import zipfile
from collections.abc import Iterator
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from postingstudio.grammar import DownloadCancelledError, DownloadFailedError, download_languagetool
from postingstudio.grammar.install import find_install


def _archive() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("LanguageTool-6.8/languagetool-server.jar", b"PK-not-really-a-jar" * 50000)
        archive.writestr("LanguageTool-6.8/org/languagetool/resource/en/x.txt", "data")
    return buffer.getvalue()


@pytest.fixture
def archive_server(tmp_path: Path) -> Iterator[tuple[str, str]]:
    root = tmp_path / "www"
    root.mkdir()
    data = _archive()
    (root / "LanguageTool-6.8.zip").write_bytes(data)

    class Quiet(SimpleHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(Quiet, directory=str(root)))
    thread = threading.Thread(target=lambda: server.serve_forever(poll_interval=0.05))
    thread.start()
    url = f"http://127.0.0.1:{server.server_address[1]}/LanguageTool-6.8.zip"
    yield url, hashlib.sha256(data).hexdigest()
    server.shutdown()
    server.server_close()
    thread.join(5)


def test_download_reports_progress_and_installs_where_ltp_looks(
    archive_server: tuple[str, str], _no_languagetool_install: Path
) -> None:
    url, sha = archive_server
    progress: list[tuple[int, int | None]] = []
    folder = download_languagetool(
        lambda done, total: progress.append((done, total)), url=url, sha256=sha
    )
    assert folder == _no_languagetool_install / "LanguageTool-6.8"
    assert (folder / "languagetool-server.jar").is_file()
    assert progress[0][0] == 0 and progress[-1][0] == progress[-1][1]
    assert len(progress) > 2  # more than start and end: a moving bar
    install = find_install()
    assert install is not None and install.ltp_version == "6.8"  # ltp can start it itself
    assert [p.name for p in _no_languagetool_install.iterdir()] == ["LanguageTool-6.8"]
    # Already installed: returns at once, without contacting the server.
    assert download_languagetool(url="http://127.0.0.1:9/never") == folder


def test_checksum_mismatch_leaves_nothing(
    archive_server: tuple[str, str], _no_languagetool_install: Path
) -> None:
    url, _ = archive_server
    with pytest.raises(DownloadFailedError, match="checksum"):
        download_languagetool(url=url, sha256="0" * 64)
    assert list(_no_languagetool_install.iterdir()) == []


def test_cancel_stops_and_leaves_nothing(
    archive_server: tuple[str, str], _no_languagetool_install: Path
) -> None:
    url, sha = archive_server
    cancel = threading.Event()

    def progress(done: int, total: int | None) -> None:
        if done > 0:
            cancel.set()  # the user pressed Cancel mid-download

    with pytest.raises(DownloadCancelledError):
        download_languagetool(progress, cancel, url=url, sha256=sha)
    assert list(_no_languagetool_install.iterdir()) == []


def test_http_error_is_a_readable_failure(archive_server: tuple[str, str]) -> None:
    url, sha = archive_server
    with pytest.raises(DownloadFailedError, match="HTTP 404"):
        download_languagetool(url=url + ".missing", sha256=sha)
