"""The pinned jar list for users with Java but no Maven: exactly the listed files, each checked
against its SHA-256, from a loopback stand-in for the repository; nothing half-downloaded is
ever used; and such a folder is what Local mode then finds."""

from __future__ import annotations

import hashlib
import threading
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from postingstudio.grammar.download_errors import DownloadCancelledError, DownloadFailedError
from postingstudio.grammar.install import find_install
from postingstudio.grammar.maven_jars import download_jars, load_manifest

JARS = {
    "org/languagetool/languagetool-server/6.8/languagetool-server-6.8.jar": b"server" * 1000,
    "org/languagetool/languagetool-core/6.8/languagetool-core-6.8.jar": b"core" * 5000,
    "org/languagetool/language-en/6.8/language-en-6.8.jar": b"english" * 3000,
}


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def repository(tmp_path: Path):
    root = tmp_path / "repo"
    for path, data in JARS.items():
        (root / path).parent.mkdir(parents=True, exist_ok=True)
        (root / path).write_bytes(data)
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(_Quiet, directory=str(root)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/", root
    server.shutdown()
    server.server_close()


def _manifest(tmp_path: Path, url: str, damage: str | None = None) -> Path:
    lines = ['version = "6.8"', f'repository = "{url}"']
    for path, data in JARS.items():
        digest = hashlib.sha256(data + (b"x" if path == damage else b"")).hexdigest()
        lines += ["[[jar]]", f'path = "{path}"', f"size = {len(data)}", f'sha256 = "{digest}"']
    target = tmp_path / "jars.toml"
    target.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return target


def test_downloads_every_pinned_jar_with_progress_and_local_mode_finds_it(
    repository: tuple[str, Path], tmp_path: Path
) -> None:
    url, _ = repository
    manifest = load_manifest(_manifest(tmp_path, url))
    assert manifest is not None
    seen: list[tuple[int, int | None]] = []
    lib = download_jars(manifest, lambda done, total: seen.append((done, total)))
    assert sorted(p.name for p in lib.iterdir()) == sorted(p.rsplit("/", 1)[1] for p in JARS)
    assert seen[0] == (0, manifest.total_bytes) and seen[-1][0] == manifest.total_bytes
    install = find_install()  # POSTINGSTUDIO_LT_CACHE points at this test's folder
    assert install is not None and install.java_classpath == f"{lib}/*"


def test_a_damaged_jar_fails_and_leaves_nothing_to_use(
    repository: tuple[str, Path], tmp_path: Path
) -> None:
    url, _ = repository
    damaged = "org/languagetool/language-en/6.8/language-en-6.8.jar"
    manifest = load_manifest(_manifest(tmp_path, url, damage=damaged))
    assert manifest is not None
    with pytest.raises(DownloadFailedError, match="language-en-6.8.jar is damaged"):
        download_jars(manifest)
    assert find_install() is None


def test_cancel_stops_and_removes_partial_files(
    repository: tuple[str, Path], tmp_path: Path
) -> None:
    url, _ = repository
    manifest = load_manifest(_manifest(tmp_path, url))
    assert manifest is not None
    cancel = threading.Event()

    def cancel_after_first_bytes(done: int, total: int | None) -> None:
        if done > 0:
            cancel.set()

    with pytest.raises(DownloadCancelledError):
        download_jars(manifest, cancel_after_first_bytes, cancel)
    assert find_install() is None


def test_a_build_without_the_pinned_list_says_so(tmp_path: Path) -> None:
    assert load_manifest(tmp_path / "absent.toml") is None
