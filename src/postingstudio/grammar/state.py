"""The grammar engine's visible state: off / starting / ready / checking / unavailable.

The status indicator shows ``GrammarState.label`` and, when something is wrong, ``reason`` plus
a button for ``fix`` (the UI maps each :class:`Fix` to an action). States are immutable values
published by the checker through a callback, from whatever thread changed them.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class StateKind(StrEnum):
    """The grammar checker's state as the status bar shows it."""

    OFF = "off"
    STARTING = "starting"
    READY = "ready"
    CHECKING = "checking"
    UNAVAILABLE = "unavailable"


class Fix(StrEnum):
    """What would make grammar available again; the UI offers a matching action."""

    NONE = "none"
    INSTALL_JAVA = "install_java"  # tell the user how to install Java 17+
    DOWNLOAD_LANGUAGETOOL = "download_languagetool"  # consent dialog → download_languagetool()
    CHOOSE_LANGUAGETOOL_PATH = "choose_languagetool_path"  # point at an existing install
    CHECK_SERVER_URL = "check_server_url"  # open preferences at the server URL
    CONSENT_PUBLIC_API = "consent_public_api"  # show the "text leaves the machine" notice
    RETRY = "retry"  # transient: the next check retries by itself; a button may force it


@dataclass(frozen=True, slots=True)
class GrammarState:
    """The grammar checker's state, with why it is unavailable and what would fix it."""

    kind: StateKind
    reason: str = ""
    fix_hint: str = ""
    fix: Fix = Fix.NONE

    @property
    def label(self) -> str:
        """Short status text, e.g. ``grammar: unavailable — LanguageTool is not installed``."""
        text = f"grammar: {self.kind}"
        return f"{text} — {self.reason}" if self.reason else text

    @property
    def usable(self) -> bool:
        """True when a check may succeed now (ready, or already busy checking)."""
        return self.kind in (StateKind.READY, StateKind.CHECKING)

    @staticmethod
    def off() -> GrammarState:
        return GrammarState(StateKind.OFF)

    @staticmethod
    def starting(reason: str = "") -> GrammarState:
        return GrammarState(StateKind.STARTING, reason)

    @staticmethod
    def ready() -> GrammarState:
        return GrammarState(StateKind.READY)

    @staticmethod
    def checking() -> GrammarState:
        return GrammarState(StateKind.CHECKING)

    @staticmethod
    def unavailable(reason: str, fix_hint: str = "", fix: Fix = Fix.NONE) -> GrammarState:
        return GrammarState(StateKind.UNAVAILABLE, reason, fix_hint, fix)


class GrammarUnavailableError(Exception):
    """A check could not run. Carries the state to show; never a crash."""

    def __init__(self, state: GrammarState) -> None:
        super().__init__(state.reason)
        self.state = state

    @property
    def reason(self) -> str:
        return self.state.reason

    @property
    def fix_hint(self) -> str:
        return self.state.fix_hint

    @property
    def fix(self) -> Fix:
        return self.state.fix


def unavailable(reason: str, fix_hint: str = "", fix: Fix = Fix.NONE) -> GrammarUnavailableError:
    """The error for an unavailable state with ``reason``, a hint and a fix, ready to raise.

    Shorthand: ``raise unavailable("...", "...", Fix.RETRY)``.
    """
    return GrammarUnavailableError(GrammarState.unavailable(reason, fix_hint, fix))


class EngineLostError(GrammarUnavailableError):
    """The server could not be reached at all: drop the engine and rebuild it next time."""
