"""Local mode for a user with Java but no Maven: when the build pinned LanguageTool's Maven jars,
the consented download fetches exactly those (from a loopback stand-in for the repository),
checks each one, and Local mode then uses the folder."""

from __future__ import annotations

import hashlib
import threading
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

import pytest

from postingstudio.core.preferences import GrammarPreferences, Preferences
from postingstudio.docio.settings_file import load_preferences
from postingstudio.grammar import install as install_module
from postingstudio.grammar.install import JavaStatus, find_install
from postingstudio.grammar.maven_jars import JarManifest, PinnedJar
from postingstudio.ui.grammar import fixes as grammar_fixes

from .grammar_support import finish, make_workspace

pytestmark = pytest.mark.usefixtures("no_languagetool_install")

JARS = {
    "org/languagetool/languagetool-server/6.8/languagetool-server-6.8.jar": b"s" * 40_000,
    "org/languagetool/languagetool-core/6.8/languagetool-core-6.8.jar": b"c" * 90_000,
}


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def pinned(tmp_path, monkeypatch):
    root = tmp_path / "repo"
    for path, data in JARS.items():
        (root / path).parent.mkdir(parents=True, exist_ok=True)
        (root / path).write_bytes(data)
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(_Quiet, directory=str(root)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    manifest = JarManifest(
        "6.8",
        f"http://127.0.0.1:{server.server_address[1]}/",
        tuple(PinnedJar(p, len(d), hashlib.sha256(d).hexdigest()) for p, d in JARS.items()),
    )
    monkeypatch.setattr(grammar_fixes, "_pinned_jars", lambda: manifest)
    monkeypatch.setattr(install_module, "java_status", lambda java=None: JavaStatus("java", 21))
    yield manifest
    server.shutdown()
    server.server_close()


def test_consented_download_of_the_pinned_jars_sets_up_local_mode(
    qtbot, app_paths, prompts, pinned
):
    ws, answers = make_workspace(
        qtbot, app_paths, prompts, Preferences(grammar=GrammarPreferences(mode="off"))
    )
    try:
        answers.download = True
        assert ws.grammar.fixes.offer_download()
        assert answers.download_source == "maven"
        runner = ws.grammar.fixes.download
        with qtbot.waitSignal(runner.finished, timeout=20_000) as finished:
            pass
        lib = finished.args[0]
        assert sorted(p.name for p in lib.iterdir()) == [
            "languagetool-core-6.8.jar",
            "languagetool-server-6.8.jar",
        ]
        install = find_install()
        assert install is not None and install.java_classpath == f"{lib}/*"
        assert load_preferences(app_paths.preferences).grammar.mode == "local"
    finally:
        finish(qtbot, ws)


def test_declined_consent_downloads_nothing(qtbot, app_paths, prompts, pinned):
    ws, answers = make_workspace(
        qtbot, app_paths, prompts, Preferences(grammar=GrammarPreferences(mode="off"))
    )
    try:
        answers.download = False
        assert not ws.grammar.fixes.offer_download()
        assert answers.asked == ["download"] and find_install() is None
    finally:
        finish(qtbot, ws)
