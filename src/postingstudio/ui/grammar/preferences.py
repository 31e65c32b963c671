"""The Grammar page of the Preferences dialog (layout): engine mode, server URL, LanguageTool
folder, public-API consent, the personal dictionary and the disabled LanguageTool rules.

The page is added to the existing dialog's tabs by the workspace and, like the dialog, only
hands back choices: :meth:`GrammarPage.apply` returns new preferences and :meth:`removed_words`
the words to drop from the dictionary. Consent to the public API is only ever given through the
notice (``consent_public_api`` on the prompts object, which tests answer): ticking the consent
box shows it and unticks the box if the writer declines; picking the public API without consent
shows it and falls back to the previous mode if the writer declines. "Check" probes the server
URL on a worker, never on the UI thread.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from postingstudio.core.preferences import Preferences
from postingstudio.grammar import GrammarState, StateKind, probe_server
from postingstudio.ui.common.tasks import TaskRunner
from postingstudio.ui.grammar.dialogs import PROBE_LANE


class GrammarPage(QWidget):
    """The Grammar tab of Preferences; it hands back choices and applies none of them itself."""

    def __init__(
        self,
        preferences: Preferences,
        words: tuple[str, ...],
        prompts: Any,
        tasks: TaskRunner,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("grammarPage")
        self._prompts, self._tasks = prompts, tasks
        self._words = words
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.mode = QComboBox(self)
        for value, label in (
            (None, self.tr("Automatic (local LanguageTool if installed)")),
            ("off", self.tr("Off")),
            ("local", self.tr("Local LanguageTool (Java, on this machine)")),
            ("server", self.tr("LanguageTool server (your team's)")),
            ("public", self.tr("Public API (text leaves this machine)")),
        ):
            self.mode.addItem(label, value)
        mode = preferences.grammar.mode  # the combo's data are plain strings, not the enum
        self.mode.setCurrentIndex(max(0, self.mode.findData(mode.value if mode else None)))
        self._last_mode = self.mode.currentIndex()
        self.mode.currentIndexChanged.connect(self._mode_changed)
        form.addRow(self.tr("Grammar and spelling:"), self.mode)

        url_row = QHBoxLayout()
        self.server_url = QLineEdit(preferences.grammar.server_url or "", self)
        self.server_url.setPlaceholderText("http://languagetool.example.org:8010")
        url_row.addWidget(self.server_url, 1)
        self.check_url = QPushButton(self.tr("Check"), self)
        self.check_url.clicked.connect(self.probe_url)
        self._probed_url: str | None = None
        # Checked when entered (Return or leaving the field), as well as with the button.
        self.server_url.editingFinished.connect(self._url_entered)
        url_row.addWidget(self.check_url)
        form.addRow(self.tr("Server URL:"), url_row)
        self.url_result = QLabel(self)
        self.url_result.setWordWrap(True)
        form.addRow("", self.url_result)

        path_row = QHBoxLayout()
        self.local_path = QLineEdit(preferences.grammar.local_path or "", self)
        self.local_path.setPlaceholderText(self.tr("Where language-tool-python keeps it"))
        path_row.addWidget(self.local_path, 1)
        choose = QPushButton(self.tr("Choose…"), self)
        choose.clicked.connect(self._choose_folder)
        path_row.addWidget(choose)
        form.addRow(self.tr("LanguageTool folder:"), path_row)
        self.public_consent = QCheckBox(
            self.tr("I agree that the public API receives my postings' text"), self
        )
        self.public_consent.setChecked(preferences.grammar.public_consent)
        self._setting_consent = False  # we tick or untick it ourselves: do not ask again
        self.public_consent.toggled.connect(self._consent_toggled)
        form.addRow("", self.public_consent)
        layout.addLayout(form)

        self.words = self._list(layout, self.tr("Personal dictionary"), list(words))
        self.rules = self._list(
            layout, self.tr("Disabled grammar rules"), list(preferences.grammar.disabled_rules)
        )

    def _list(self, layout: QVBoxLayout, title: str, items: list[str]) -> QListWidget:
        box = QGroupBox(title, self)
        inner = QHBoxLayout(box)
        widget = QListWidget(box)
        widget.addItems(items)
        widget.setSelectionMode(QListWidget.SelectionMode.ExtendedSelection)
        inner.addWidget(widget, 1)
        remove = QPushButton(self.tr("Remove"), box)
        remove.clicked.connect(
            lambda: [widget.takeItem(widget.row(i)) for i in widget.selectedItems()]
        )
        inner.addWidget(remove)
        layout.addWidget(box)
        return widget

    # -- behaviour ---------------------------------------------------------------------------
    @Slot(int)
    def _mode_changed(self, index: int) -> None:
        if self.mode.itemData(index) == "public" and not self.public_consent.isChecked():
            if self._prompts.consent_public_api():
                self._set_consent(True)
            else:
                self.mode.setCurrentIndex(self._last_mode)  # no consent: back to before
                return
        self._last_mode = index

    @Slot(bool)
    def _consent_toggled(self, on: bool) -> None:
        if self._setting_consent:
            return
        if on:
            # Ticked by hand (mouse or keyboard): the box alone is not informed consent, so
            # the full notice is shown, and a refusal unticks the box.
            if not self._prompts.consent_public_api():
                self._set_consent(False)
            return
        if self.mode.currentData() == "public":
            self.mode.setCurrentIndex(self.mode.findData("off"))

    def _set_consent(self, on: bool) -> None:
        self._setting_consent = True
        try:
            self.public_consent.setChecked(on)
        finally:
            self._setting_consent = False

    def _choose_folder(self) -> None:
        chosen = self._prompts.choose_folder(self.local_path.text())
        if chosen:
            self.local_path.setText(chosen)
            if self.mode.currentData() in (None, "off"):
                self.mode.setCurrentIndex(self.mode.findData("local"))

    def _url_entered(self) -> None:
        url = self.server_url.text().strip()
        if url and url != self._probed_url and self.check_url.isEnabled():
            self.probe_url()

    def probe_url(self) -> None:
        url = self.server_url.text().strip()
        if not url:
            self.url_result.setText(self.tr("Enter a URL first."))
            return
        self._probed_url = url
        self.check_url.setEnabled(False)
        self.url_result.setText(self.tr("Checking {0}…").format(url))
        self._tasks.task(probe_server, url, lane=PROBE_LANE).success(self._probed).failure(
            self._probed
        ).run()

    def _probed(self, state: object) -> None:
        """A :class:`GrammarState`, or the exception the probe raised."""
        self.check_url.setEnabled(True)
        if isinstance(state, GrammarState) and state.kind is StateKind.READY:
            self.url_result.setText(self.tr("✓ LanguageTool answers at this URL."))
        else:
            reason = state.reason if isinstance(state, GrammarState) else str(state)
            self.url_result.setText(self.tr("✗ {0}").format(reason))

    # -- results -------------------------------------------------------------------------------
    def removed_words(self) -> list[str]:
        kept = {self.words.item(row).text() for row in range(self.words.count())}
        return [word for word in self._words if word not in kept]

    def apply(self, preferences: Preferences) -> Preferences:
        rules = tuple(self.rules.item(row).text() for row in range(self.rules.count()))
        return preferences.with_grammar(
            mode=self.mode.currentData(),
            server_url=self.server_url.text().strip() or None,
            local_path=self.local_path.text().strip() or None,
            public_consent=self.public_consent.isChecked(),
            disabled_rules=rules,
        )
