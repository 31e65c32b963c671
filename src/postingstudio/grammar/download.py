"""The consented LanguageTool download, with progress and cancel.

Called only after the user said yes in the consent dialog — never implicitly; the checker and
the engine never download. language-tool-python's own downloader reports progress through a
tqdm bar on stderr and cannot be cancelled, so this streams the same archive itself, verifies
it against language-tool-python's SHA-256 manifest, and unpacks it with language-tool-python's
hardened zip extractor into its download folder, under the name language-tool-python expects
(``LanguageTool-<version>``), so local mode then starts it like any install.

Blocking: run it on a worker thread. ``progress(done_bytes, total_bytes_or_None)`` is called on
that thread; ``cancel`` (a ``threading.Event``) stops between chunks and removes partial files.
"""

from __future__ import annotations

import hashlib
import logging
import shutil
import tempfile
import threading
import zipfile
from collections.abc import Callable
from pathlib import Path

import requests
from language_tool_python.download_lt import (
    EXPECTED_DOWNLOAD_SHA256,
    LTP_DOWNLOAD_VERSION,
    MAX_DOWNLOAD_BYTES,
    LocalLanguageTool,
)
from language_tool_python.safe_zip import SafeZipExtractor

from .download_errors import DownloadCancelledError, DownloadFailedError
from .install import JAR_NAMES, ltp_download_dir

log = logging.getLogger(__name__)

Progress = Callable[[int, int | None], None]
CHUNK_BYTES = 256 * 1024  # small enough for a smooth progress bar and a prompt cancel


def download_size_hint(version: str = LTP_DOWNLOAD_VERSION) -> str:
    """For the consent dialog: roughly how much will be downloaded."""
    return "about 250 MB" if version == LTP_DOWNLOAD_VERSION else "a few hundred MB"


def download_languagetool(
    progress: Progress | None = None,
    cancel: threading.Event | None = None,
    *,
    version: str = LTP_DOWNLOAD_VERSION,
    url: str | None = None,
    sha256: str | None = None,
    dest_dir: Path | None = None,
    timeout_s: float = 60.0,
) -> Path:
    """Download and unpack LanguageTool ``version``; returns its folder.

    ``url``/``sha256``/``dest_dir`` default to language-tool-python's download URL, its
    checksum manifest and its download folder (tests point them at a loopback server and a
    temporary folder). Returns at once if the version is already installed there.
    """
    dest = dest_dir or ltp_download_dir()
    target = dest / f"LanguageTool-{version}"
    if any((target / name).is_file() for name in JAR_NAMES):
        return target
    try:
        tool = LocalLanguageTool.from_version_name(version)
        url = url or tool.download_url
    except Exception as error:  # noqa: BLE001 - ValueError/PathError for unknown versions
        raise DownloadFailedError(f"Cannot download LanguageTool {version}: {error}") from error
    expected = (sha256 or EXPECTED_DOWNLOAD_SHA256.get(version) or "").lower() or None
    if expected is None:
        log.warning("No checksum known for LanguageTool %s; the archive is not verified", version)
    dest.mkdir(parents=True, exist_ok=True)
    cancel = cancel or threading.Event()
    # Everything happens inside a temporary folder beside the target, so a cancel, a crash or
    # a failed check leaves no half-unpacked LanguageTool that a later preflight would accept.
    with tempfile.TemporaryDirectory(prefix=".download-", dir=dest) as work:
        archive = Path(work) / "languagetool.zip"
        _fetch(url, archive, expected, progress, cancel, timeout_s)
        _unpack(archive, Path(work) / "unpacked", target, Path(work))
    log.info("LanguageTool %s installed in %s", version, target)
    return target


def _fetch(
    url: str,
    archive: Path,
    expected: str | None,
    progress: Progress | None,
    cancel: threading.Event,
    timeout_s: float,
) -> None:
    digest = hashlib.sha256()
    done = 0
    try:
        with requests.get(url, stream=True, timeout=(min(timeout_s, 15.0), timeout_s)) as reply:
            if reply.status_code != 200:
                raise DownloadFailedError(
                    f"The download failed: HTTP {reply.status_code} from {url}"
                )
            total = _content_length(reply.headers.get("Content-Length"))
            if progress:
                progress(0, total)
            with archive.open("wb") as out:
                for chunk in reply.iter_content(chunk_size=CHUNK_BYTES):
                    if cancel.is_set():
                        raise DownloadCancelledError("The LanguageTool download was cancelled.")
                    if not chunk:
                        continue
                    done += len(chunk)
                    if done > MAX_DOWNLOAD_BYTES:
                        raise DownloadFailedError("The download is larger than any LanguageTool.")
                    digest.update(chunk)
                    out.write(chunk)
                    if progress:
                        progress(done, total)
    except requests.RequestException as error:
        raise DownloadFailedError(f"The download failed: {error}") from error
    if cancel.is_set():
        raise DownloadCancelledError("The LanguageTool download was cancelled.")
    if expected is not None and digest.hexdigest() != expected:
        raise DownloadFailedError("The downloaded file is damaged (checksum mismatch). Try again.")


def _content_length(header: str | None) -> int | None:
    try:
        total = int(header) if header is not None else None
    except ValueError:
        return None
    if total is not None and total > MAX_DOWNLOAD_BYTES:
        raise DownloadFailedError("The download is larger than any LanguageTool.")
    return total


def _unpack(archive: Path, unpacked: Path, target: Path, work: Path) -> None:
    try:
        with zipfile.ZipFile(archive) as zipped:
            SafeZipExtractor().extractall(zipped, unpacked, work_dir=work)
    except (zipfile.BadZipFile, OSError, Exception) as error:  # noqa: BLE001 - PathError too
        raise DownloadFailedError(f"The downloaded archive cannot be unpacked: {error}") from error
    # Release archives hold one LanguageTool-x.y folder; find the one with the server jar.
    roots = [unpacked, *sorted(p for p in unpacked.iterdir() if p.is_dir())]
    root = next((r for r in roots if any((r / n).is_file() for n in JAR_NAMES)), None)
    if root is None:
        raise DownloadFailedError("The downloaded archive holds no LanguageTool server.")
    if target.exists():
        shutil.rmtree(target)  # an incomplete earlier install (no jar), replaced whole
    root.rename(target)
