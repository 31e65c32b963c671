"""The grammar status in the status bar (layout): "Grammar: ready", or what is wrong and a fix.

Shows the state the grammar controller publishes — off / starting / ready / checking /
unavailable, with the reason — and one button for the fix that state names (install Java,
download LanguageTool, choose a folder, check the server URL, enable the public API, retry).
The button's menu always offers the other ways to get grammar checking, so a writer is never
stuck with the one the app guessed. It only emits ``fixRequested``; the fixes live elsewhere.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QMenu, QToolButton, QWidget

from postingstudio.grammar import Fix, GrammarState, StateKind

MAX_LABEL_CHARS = 70
# Extra choices in the button's menu (besides the Fix values): Preferences, and turning off.
PREFERENCES = "preferences"
TURN_OFF = "turn_off"


class GrammarStatus(QWidget):
    """The status-bar grammar state, with a button for the fix that state offers."""

    fixRequested = Signal(str)  # a Fix value, PREFERENCES or TURN_OFF

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("grammarStatus")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        self.label = QLabel(self)
        self.label.setObjectName("grammarStatusLabel")
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.label)
        self.button = QToolButton(self)
        self.button.setObjectName("grammarFixButton")
        self.button.setPopupMode(QToolButton.ToolButtonPopupMode.MenuButtonPopup)
        self.button.clicked.connect(self._clicked)
        layout.addWidget(self.button)
        self.menu = QMenu(self.button)
        for key, text in self._menu_entries():
            action = self.menu.addAction(text)
            action.triggered.connect(lambda _=False, k=key: self.fixRequested.emit(k))
        self.button.setMenu(self.menu)
        self.state = GrammarState.off()
        self.fix: str | None = None
        self.set_state(self.state)

    def _menu_entries(self) -> list[tuple[str, str]]:
        return [
            (Fix.DOWNLOAD_LANGUAGETOOL.value, self.tr("Download LanguageTool…")),
            (Fix.CHOOSE_LANGUAGETOOL_PATH.value, self.tr("Choose LanguageTool folder…")),
            (Fix.CHECK_SERVER_URL.value, self.tr("Use a LanguageTool server…")),
            (Fix.CONSENT_PUBLIC_API.value, self.tr("Enable public API…")),
            (Fix.INSTALL_JAVA.value, self.tr("How to install Java…")),
            (Fix.RETRY.value, self.tr("Retry")),
            (TURN_OFF, self.tr("Turn grammar off")),
            (PREFERENCES, self.tr("Grammar preferences…")),
        ]

    def fix_text(self, fix: Fix) -> str:
        return {
            Fix.INSTALL_JAVA: self.tr("Install Java…"),
            Fix.DOWNLOAD_LANGUAGETOOL: self.tr("Download LanguageTool…"),
            Fix.CHOOSE_LANGUAGETOOL_PATH: self.tr("Choose folder…"),
            Fix.CHECK_SERVER_URL: self.tr("Check server URL…"),
            Fix.CONSENT_PUBLIC_API: self.tr("Enable public API…"),
            Fix.RETRY: self.tr("Retry"),
        }.get(fix, self.tr("Grammar…"))

    def kind_text(self, kind: StateKind) -> str:
        return {
            StateKind.OFF: self.tr("off"),
            StateKind.STARTING: self.tr("starting"),
            StateKind.READY: self.tr("ready"),
            StateKind.CHECKING: self.tr("checking"),
            StateKind.UNAVAILABLE: self.tr("unavailable"),
        }[kind]

    def set_state(self, state: GrammarState) -> None:
        self.state = state
        text = self.tr("Grammar: {0}").format(self.kind_text(state.kind))
        full = f"{text} — {state.reason}" if state.reason else text
        shown = full if len(full) <= MAX_LABEL_CHARS else full[: MAX_LABEL_CHARS - 1] + "…"
        self.label.setText(shown)
        tip = [full]
        if state.fix_hint:
            tip.append(state.fix_hint)
        self.label.setToolTip("\n".join(tip))
        needs_fix = state.fix is not Fix.NONE and state.kind in (
            StateKind.UNAVAILABLE,
            StateKind.OFF,
        )
        self.fix = state.fix.value if needs_fix else None
        self.button.setText(self.fix_text(state.fix) if needs_fix else self.tr("Grammar…"))
        self.button.setToolTip(state.fix_hint or self.tr("Ways to check grammar and spelling"))

    @property
    def text(self) -> str:
        return self.label.text()

    def _clicked(self) -> None:
        self.fixRequested.emit(self.fix or PREFERENCES)
