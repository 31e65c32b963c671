"""Getting grammar working without surprises: nothing downloads or leaves the machine unasked.

Public API mode sends nothing without consent; local mode without LanguageTool explains and
offers the download but never starts it; the consented download drives a progress bar and can
be cancelled; the server URL is probed off the UI thread before it is saved; the Preferences
page edits mode, URL, folder, consent, dictionary and disabled rules."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from PySide6.QtWidgets import QDialog, QPushButton

from postingstudio.core.preferences import GrammarPreferences, Preferences
from postingstudio.docio.settings_file import load_preferences, save_preferences
from postingstudio.grammar import DownloadCancelledError, Fix, GrammarState, StateKind
from postingstudio.grammar import config as grammar_config_module
from postingstudio.grammar import download as download_module
from postingstudio.grammar import install as install_module
from postingstudio.grammar.install import JavaStatus
from postingstudio.ui.grammar import fixes as grammar_fixes
from postingstudio.ui.grammar.dialogs import PublicApiNotice, ServerUrlDialog
from postingstudio.ui.grammar.preferences import GrammarPage
from postingstudio.ui.grammar.status import GrammarStatus

from .grammar_support import (
    GrammarAnswers,
    finish,
    make_workspace,
    posting,
    type_at_end,
    wait_current,
)

pytestmark = pytest.mark.usefixtures("no_languagetool_install")


@pytest.fixture
def no_download(monkeypatch):
    """Any real download attempt fails the test."""

    def forbidden(*args, **kwargs):
        raise AssertionError("LanguageTool must not be downloaded without consent")

    monkeypatch.setattr(download_module, "download_languagetool", forbidden)
    monkeypatch.setattr(grammar_fixes, "download_jars", forbidden)  # a build's pinned jars
    monkeypatch.setattr(download_module, "_fetch", forbidden)


def use_download(monkeypatch, download) -> None:
    """The download the fix runs is ``download(progress, cancel)``: patched in where both of
    the product's downloads (the pinned Maven jars, else the release zip) are looked up."""
    monkeypatch.setattr(grammar_fixes, "download_jars", lambda _jars, *args: download(*args))
    monkeypatch.setattr(download_module, "download_languagetool", download)


@pytest.fixture
def java_ok(monkeypatch):
    monkeypatch.setattr(install_module, "java_status", lambda java=None: JavaStatus("java", 21))


def test_public_api_without_consent_sends_nothing(qtbot, app_paths, prompts, fake_lt, monkeypatch):
    # The "public API" is the loopback fake, so a request that escaped would be recorded.
    monkeypatch.setattr(grammar_config_module, "PUBLIC_API_URL", fake_lt.url + "/")
    ws, answers = make_workspace(
        qtbot, app_paths, prompts, Preferences(grammar=GrammarPreferences(mode="public"))
    )
    try:
        ws.session.load(posting())
        qtbot.waitUntil(lambda: ws.grammar.controller.state.fix is Fix.CONSENT_PUBLIC_API)
        type_at_end(ws, " More teh.")
        wait_current(qtbot, ws)
        assert ws.grammar.controller.state.kind is StateKind.UNAVAILABLE
        assert ws.grammar.status.button.text() == "Enable public API…"
        assert fake_lt.requests == []
        # Declining the notice changes nothing; accepting it sends the text (to the fake).
        ws.grammar.status.button.click()
        assert answers.asked == ["public"] and fake_lt.requests == []
        answers.public = True
        ws.grammar.status.button.click()
        assert load_preferences(app_paths.preferences).grammar.public_consent
        qtbot.waitUntil(lambda: len(fake_lt.checks()) > 0, timeout=10_000)
    finally:
        finish(qtbot, ws)


def test_ticking_public_consent_needs_the_notice_and_declining_sends_nothing(
    qtbot, app_paths, prompts, fake_lt, monkeypatch
):
    from postingstudio.ui.preferences.dialog import PreferencesDialog

    monkeypatch.setattr(grammar_config_module, "PUBLIC_API_URL", fake_lt.url + "/")
    ws, answers = make_workspace(
        qtbot, app_paths, prompts, Preferences(grammar=GrammarPreferences(mode="public"))
    )
    try:
        ws.session.load(posting())
        qtbot.waitUntil(lambda: ws.grammar.controller.state.fix is Fix.CONSENT_PUBLIC_API)
        dialog = PreferencesDialog(ws.session.preferences, None, ws.window)
        page = ws.grammar.add_page(dialog)
        # The writer ticks the box directly, without opening the notice: it is shown anyway.
        page.public_consent.click()
        assert answers.asked == ["public"]
        assert not page.public_consent.isChecked()  # declined: unticked again
        assert page.mode.currentData() == "public"  # declining changes nothing else
        ws.session.set_preferences(page.apply(dialog.preferences()))  # OK
        ws.grammar.commit_page(page)
        type_at_end(ws, " More teh.")
        wait_current(qtbot, ws)
        assert not load_preferences(app_paths.preferences).grammar.public_consent
        assert ws.grammar.controller.state.fix is Fix.CONSENT_PUBLIC_API
        assert fake_lt.requests == []
        # Accepting the notice ticks it, and only then does text go (to the fake).
        answers.public = True
        page.public_consent.click()
        assert answers.asked == ["public", "public"] and page.public_consent.isChecked()
        ws.session.set_preferences(page.apply(dialog.preferences()))
        assert load_preferences(app_paths.preferences).grammar.public_consent
        qtbot.waitUntil(lambda: len(fake_lt.checks()) > 0, timeout=10_000)
    finally:
        finish(qtbot, ws)


def test_choosing_public_mode_after_consent_was_ticked_does_not_ask_twice(qtbot, tasks):
    answers = GrammarAnswers()
    page = GrammarPage(Preferences(), (), answers, tasks)
    qtbot.addWidget(page)
    answers.public = True
    page.public_consent.click()
    page.mode.setCurrentIndex(page.mode.findData("public"))
    assert answers.asked == ["public"]
    assert page.public_consent.isChecked() and page.mode.currentData() == "public"


def test_local_mode_without_languagetool_offers_the_download_but_never_downloads(
    qtbot, app_paths, prompts, java_ok, no_download
):
    ws, answers = make_workspace(
        qtbot, app_paths, prompts, Preferences(grammar=GrammarPreferences(mode="local"))
    )
    try:
        ws.session.load(posting())
        qtbot.waitUntil(
            lambda: ws.grammar.controller.state.kind is StateKind.UNAVAILABLE, timeout=10_000
        )
        state = ws.grammar.controller.state
        assert state.fix is Fix.DOWNLOAD_LANGUAGETOOL and "not installed" in state.reason
        assert ws.grammar.status.text.startswith("Grammar: unavailable")
        assert ws.grammar.status.button.text() == "Download LanguageTool…"
        # The style analysis is unaffected.
        wait_current(qtbot, ws)
        assert ws.session.markers.result.report.findings
        # The writer clicks the fix but declines the consent: still nothing is downloaded.
        ws.grammar.status.button.click()
        assert answers.asked == ["download"]
        assert ws.grammar.fixes.download is None
    finally:
        finish(qtbot, ws)


def test_automatic_mode_is_off_with_the_reason_when_languagetool_is_missing(
    qtbot, app_paths, prompts, java_ok, no_download
):
    ws, _answers = make_workspace(qtbot, app_paths, prompts, Preferences())
    try:
        qtbot.waitUntil(lambda: ws.grammar.controller.preflight is not None, timeout=10_000)
        state = ws.grammar.controller.state
        assert state.kind is StateKind.OFF and state.fix is Fix.DOWNLOAD_LANGUAGETOOL
        assert ws.grammar.status.text == "Grammar: off — LanguageTool is not installed."
        assert ws.grammar.status.button.text() == "Download LanguageTool…"
        assert ws.grammar.controller.busy is False
    finally:
        finish(qtbot, ws)


class SteppedDownload:
    """A fake download: reports progress in steps the test releases, honours cancel."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.step = threading.Event()
        self.calls = 0

    def __call__(self, progress, cancel):
        self.calls += 1
        total = 10 * 1024 * 1024
        for done in range(0, total + 1, total // 10):
            if cancel.is_set():
                raise DownloadCancelledError("cancelled")
            progress(done, total)
            if done >= total // 2:
                self.step.wait(5)
                self.step.clear()
        return self.folder


def test_consented_download_shows_progress_and_can_be_cancelled(
    qtbot, app_paths, prompts, java_ok, no_download, tmp_path, monkeypatch
):
    ws, answers = make_workspace(
        qtbot, app_paths, prompts, Preferences(grammar=GrammarPreferences(mode="local"))
    )
    try:
        fake = SteppedDownload(tmp_path / "LanguageTool-6.8")
        use_download(monkeypatch, fake)
        answers.download = True
        assert ws.grammar.fixes.offer_download()
        runner = ws.grammar.fixes.download
        dialog = runner.dialog
        qtbot.waitUntil(lambda: dialog.value() >= dialog.maximum() // 2 > 0, timeout=10_000)
        assert dialog.isVisible() and "of 10 MB" in dialog.labelText()
        with qtbot.waitSignal(runner.finished, timeout=10_000) as finished:
            dialog.findChild(QPushButton).click()  # the dialog's Cancel button
            fake.step.set()
        assert isinstance(finished.args[0], DownloadCancelledError)
        assert ws.grammar.fixes.download is None and fake.calls == 1
        assert load_preferences(app_paths.preferences).grammar.mode == "local"
    finally:
        finish(qtbot, ws)


def test_finished_download_switches_to_local_mode(
    qtbot, app_paths, prompts, java_ok, no_download, tmp_path, monkeypatch
):
    ws, answers = make_workspace(
        qtbot, app_paths, prompts, Preferences(grammar=GrammarPreferences(mode="off"))
    )
    try:
        fake = SteppedDownload(tmp_path / "LanguageTool-6.8")
        fake.step.set()
        use_download(monkeypatch, lambda progress, cancel: fake.folder)
        answers.download = True
        ws.grammar.fixes.run(Fix.DOWNLOAD_LANGUAGETOOL.value)
        qtbot.waitUntil(lambda: ws.grammar.fixes.download is None, timeout=10_000)
        assert load_preferences(app_paths.preferences).grammar.mode == "local"
    finally:
        finish(qtbot, ws)


def test_server_url_dialog_probes_before_saving(qtbot, fake_lt, tasks):
    dialog = ServerUrlDialog("", tasks)
    qtbot.addWidget(dialog)
    dialog.url.setText(fake_lt.url)
    dialog.start_probe()
    qtbot.waitUntil(lambda: dialog.result() == QDialog.DialogCode.Accepted, timeout=10_000)
    assert dialog.probe_state is not None and dialog.probe_state.kind is StateKind.READY
    assert any(path.endswith("/check") for path, _ in fake_lt.requests)


def test_server_url_dialog_reports_an_unreachable_server(qtbot, fake_lt, tasks):
    url = fake_lt.url
    fake_lt.stop()
    dialog = ServerUrlDialog(url, tasks)
    qtbot.addWidget(dialog)
    dialog.start_probe()
    qtbot.waitUntil(dialog.save_anyway.isEnabled, timeout=15_000)
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert dialog.result_label.text().startswith("Not reachable")


def test_status_fix_sets_the_server_url(qtbot, app_paths, prompts, fake_lt):
    ws, answers = make_workspace(
        qtbot, app_paths, prompts, Preferences(grammar=GrammarPreferences(mode="server"))
    )
    try:
        qtbot.waitUntil(lambda: ws.grammar.controller.state.fix is Fix.CHECK_SERVER_URL)
        ws.session.load(posting())
        qtbot.waitUntil(lambda: ws.grammar.controller.state.fix is Fix.CHECK_SERVER_URL)
        answers.url = fake_lt.url
        ws.grammar.status.button.click()
        assert load_preferences(app_paths.preferences).grammar.server_url == fake_lt.url
        qtbot.waitUntil(lambda: len(fake_lt.checks()) > 0, timeout=10_000)
        qtbot.waitUntil(lambda: ws.grammar.controller.state.usable, timeout=10_000)
    finally:
        finish(qtbot, ws)


def test_status_widget_shows_each_state_and_its_fix(qtbot):
    status = GrammarStatus()
    qtbot.addWidget(status)
    asked = []
    status.fixRequested.connect(asked.append)
    status.set_state(GrammarState.starting())
    assert status.text == "Grammar: starting"
    status.set_state(GrammarState.checking())
    assert status.text == "Grammar: checking"
    status.set_state(
        GrammarState.unavailable("Java is not installed.", "Install it.", Fix.INSTALL_JAVA)
    )
    assert status.text == "Grammar: unavailable — Java is not installed."
    assert status.button.text() == "Install Java…" and "Install it." in status.label.toolTip()
    status.button.click()
    status.set_state(GrammarState.unavailable("x" * 200, "", Fix.RETRY))
    assert len(status.text) <= 70 and status.button.text() == "Retry"
    status.button.click()
    assert asked == ["install_java", "retry"]


def test_preferences_page_edits_every_grammar_choice(qtbot, tmp_path, fake_lt, tasks):
    answers = GrammarAnswers()
    prefs = Preferences(grammar=GrammarPreferences(disabled_rules=("EN_A_VS_AN", "VERY_UNIQUE")))
    page = GrammarPage(prefs, ("Kubernetez", "teh"), answers, tasks)
    qtbot.addWidget(page)
    # Public API without consent: the notice is declined, the mode falls back.
    page.mode.setCurrentIndex(page.mode.findData("public"))
    assert answers.asked == ["public"] and page.mode.currentData() is None
    answers.public = True
    page.mode.setCurrentIndex(page.mode.findData("public"))
    assert page.public_consent.isChecked() and page.mode.currentData() == "public"
    page.public_consent.setChecked(False)  # revoking consent leaves public mode
    assert page.mode.currentData() == "off"
    # Server URL, checked off the UI thread.
    page.mode.setCurrentIndex(page.mode.findData("server"))
    page.server_url.setText(fake_lt.url)
    page.server_url.editingFinished.emit()  # checked when entered, no button needed
    qtbot.waitUntil(lambda: page.url_result.text().startswith("✓"), timeout=10_000)
    # Folder, dictionary and rules.
    answers.folder = str(tmp_path / "LanguageTool-6.8")
    page._choose_folder()
    page.words.item(0).setSelected(True)
    page.rules.item(1).setSelected(True)
    for button in page.findChildren(type(page.check_url)):
        if button.text() == "Remove":
            button.click()
    chosen = page.apply(prefs)
    assert chosen.grammar.mode == "server" and chosen.grammar.server_url == fake_lt.url
    assert chosen.grammar.local_path == answers.folder and not chosen.grammar.public_consent
    assert chosen.grammar.disabled_rules == ("EN_A_VS_AN",)
    assert page.removed_words() == ["Kubernetez"]


def test_grammar_preferences_round_trip_and_bad_values(tmp_path):
    path = tmp_path / "p.toml"
    prefs = Preferences(
        grammar=GrammarPreferences(
            mode="server",
            server_url="http://lt.example:8010/",
            local_path="/opt/LanguageTool-6.8",
            public_consent=True,
            disabled_rules=("EN_A_VS_AN",),
        )
    )
    save_preferences(prefs, path)
    assert load_preferences(path) == prefs
    path.write_text('[preferences]\ngrammar_mode = "cloud"\n', encoding="utf-8")
    assert load_preferences(path).grammar.mode is None  # unknown mode: automatic


def test_public_notice_needs_the_box_ticked(qtbot):
    notice = PublicApiNotice()
    qtbot.addWidget(notice)
    assert not notice.enable.isEnabled()
    notice.agree.setChecked(True)
    assert notice.enable.isEnabled() and notice.consented()


def test_grammar_page_in_the_preferences_dialog_updates_the_dictionary(
    qtbot, app_paths, prompts, java_ok, no_download
):
    from PySide6.QtWidgets import QTabWidget

    from postingstudio.ui.preferences.dialog import PreferencesDialog

    ws, _answers = make_workspace(
        qtbot, app_paths, prompts, Preferences(grammar=GrammarPreferences(mode="off"))
    )
    try:
        ws.grammar.controller.dictionary.update(["Kubernetez", "Acme"], [])
        dialog = PreferencesDialog(ws.session.preferences, None, ws.window)
        page = ws.grammar.add_page(dialog)
        tabs = dialog.findChild(QTabWidget)
        assert tabs.tabText(tabs.count() - 1) == "Grammar"
        assert [page.words.item(r).text() for r in range(page.words.count())] == [
            "Acme",
            "Kubernetez",
        ]
        page.words.takeItem(1)
        ws.session.set_preferences(page.apply(dialog.preferences()))
        ws.grammar.commit_page(page)
        words = (app_paths.config_dir / "personal_words.txt").read_text(encoding="utf-8")
        assert words.splitlines() == ["Acme"]
        assert load_preferences(app_paths.preferences).grammar.mode == "off"
    finally:
        finish(qtbot, ws)
