"""GrammarChecker: LanguageTool findings for a text, with a visible state, never a crash.

The checker owns one engine (see :mod:`.lt_client`), started lazily by the first check, so merely
opening the app costs nothing. ``check`` blocks — call it from a worker (the UI's task runner),
never from the UI thread. Everything else (``state``, ``reconfigure``, ``retry``) returns at
once and may be called from any thread.

Failures become :class:`GrammarUnavailableError` and an ``unavailable`` state with a reason and
a fix. Transient ones (timeout, HTTP 500, server gone) are retried by the next check, which is how
the checker recovers when a server comes back. Ones that need the user (no Java, no LanguageTool,
no consent for the public API) are remembered and not retried until :meth:`retry` or
:meth:`reconfigure`, so a missing install does not run ``java -version`` on every keystroke.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from postingstudio.core.findings import Finding

from .categories import disabled_categories
from .config import GrammarConfig, GrammarMode
from .convert import MalformedReplyError, findings_from_matches, matches_of
from .dictionary import PersonalDictionary
from .state import (
    EngineLostError,
    Fix,
    GrammarState,
    GrammarUnavailableError,
    StateKind,
    unavailable,
)
from .variant import language_for

if TYPE_CHECKING:
    from .lt_client import Engine

log = logging.getLogger(__name__)

StateListener = Callable[[GrammarState], None]
EngineFactory = Callable[[GrammarConfig], "Engine"]


def open_engine(config: GrammarConfig) -> Engine:
    """Connect to or start LanguageTool; blocking, so the lane calls it off the UI thread."""
    # language-tool-python and requests load here, with the first check, not with the app.
    from .lt_client import open_engine as open_now

    return open_now(config)


def post_check(
    engine: Engine, text: str, rules: frozenset[str], timeout_s: float, **kw: Any
) -> Any:
    """LanguageTool's JSON answer for ``text``, within ``timeout_s``; blocking."""
    from .lt_client import post_check as post_now

    return post_now(engine, text, rules, timeout_s, **kw)


# Problems that only the user can fix; retrying them by ourselves would only burn time.
_NEEDS_USER = frozenset(
    {
        Fix.INSTALL_JAVA,
        Fix.DOWNLOAD_LANGUAGETOOL,
        Fix.CHOOSE_LANGUAGETOOL_PATH,
        Fix.CONSENT_PUBLIC_API,
    }
)


class GrammarChecker:
    """Thread-safe grammar and spelling checks through LanguageTool.

    ``on_state`` is called with every new :class:`GrammarState`, on the thread that caused it
    (often a worker): a Qt UI must forward it through a queued signal.
    """

    def __init__(
        self,
        config: GrammarConfig,
        *,
        dictionary: PersonalDictionary | None = None,
        on_state: StateListener | None = None,
        engine_factory: EngineFactory = open_engine,
    ) -> None:
        self._config = config
        self._dictionary = (
            dictionary if dictionary is not None else PersonalDictionary(config.personal_words_path)
        )
        self._on_state = on_state
        self._open_engine = engine_factory
        # _run_lock: one request (or start-up) at a time. _state_lock: short, never held
        # across I/O, so reading the state from the UI thread never waits for a request.
        self._run_lock = threading.Lock()
        self._state_lock = threading.RLock()
        self._engine: Engine | None = None
        self._engine_key: tuple[object, ...] | None = None
        self._sticky: GrammarUnavailableError | None = None
        off = config.mode is GrammarMode.OFF
        self._state = GrammarState.off() if off else GrammarState.starting("waiting to start")
        self._closed = False

    # -- state ------------------------------------------------------------------------------

    @property
    def state(self) -> GrammarState:
        with self._state_lock:
            return self._state

    @property
    def config(self) -> GrammarConfig:
        with self._state_lock:
            return self._config

    @property
    def dictionary(self) -> PersonalDictionary:
        return self._dictionary

    def _set_state(self, state: GrammarState) -> None:
        with self._state_lock:
            if state == self._state:
                return
            self._state = state
            listener = self._on_state
            # Called under the (re-entrant) lock so listeners see states in order.
            if listener is not None:
                try:
                    listener(state)
                except Exception:  # noqa: BLE001 - a UI bug must not break checking
                    log.exception("Grammar state listener failed")

    # -- configuration (non-blocking) ---------------------------------------------------------

    def reconfigure(self, config: GrammarConfig) -> None:
        """Use ``config`` from the next check on. Rule changes need no restart; a new mode,
        URL, path or language closes the old engine in the background."""
        with self._state_lock:
            old_key = self._config.engine_key()
            self._config = config
            self._sticky = None
            if config.personal_words_path != self._dictionary.path:
                self._dictionary = PersonalDictionary(config.personal_words_path)
            if config.mode is GrammarMode.OFF:
                self._set_state(GrammarState.off())
            elif config.engine_key() != old_key or self._state.kind is StateKind.OFF:
                self._set_state(GrammarState.starting("waiting to start"))
        if config.engine_key() != old_key:
            threading.Thread(target=self._release_stale_engine, daemon=True).start()

    def retry(self) -> None:
        """Forget a problem that needed the user (after an install, a consent, a new path)."""
        with self._state_lock:
            self._sticky = None

    def _release_stale_engine(self) -> None:
        with self._run_lock:
            if self._engine is not None and self._engine_key != self.config.engine_key():
                self._drop_engine()

    def _drop_engine(self) -> None:
        engine, self._engine, self._engine_key = self._engine, None, None
        if engine is not None:
            engine.close()

    def close(self) -> None:
        """Stop a local server and forget the engine. Blocks until a running check ends."""
        with self._run_lock:
            self._closed = True
            self._drop_engine()
        self._set_state(GrammarState.off())

    # -- checking (blocking; call from a worker) ----------------------------------------------

    def start(self) -> GrammarState:
        """Start the engine now (e.g. right after the user enabled grammar); never raises."""
        try:
            self.check("")
        except GrammarUnavailableError:
            pass
        return self.state

    def check(self, text: str) -> tuple[Finding, ...]:
        """Grammar and spelling findings for ``text`` (code-point offsets).

        Returns ``()`` when grammar is off. Raises :class:`GrammarUnavailableError` (and publishes
        the matching state) when LanguageTool cannot answer.
        """
        with self._run_lock:
            if self._closed:
                raise unavailable("The grammar checker was closed.")
            config = self.config
            if config.mode is GrammarMode.OFF:
                self._drop_engine()
                self._set_state(GrammarState.off())
                return ()
            try:
                engine = self._ensure_engine(config)
                if not text.strip():
                    self._set_state(GrammarState.ready())
                    return ()
                self._set_state(GrammarState.checking())
                language = language_for(text, config.language)
                payload = post_check(
                    engine, text, config.disabled_rules, config.timeout_s, language=language
                )
                matches = matches_of(payload)
            except EngineLostError as error:
                self._drop_engine()
                self._set_state(error.state)
                raise
            except GrammarUnavailableError as error:
                self._set_state(error.state)
                raise
            except MalformedReplyError as error:
                failure = unavailable(
                    f"LanguageTool sent a reply Posting Studio cannot read ({error}).",
                    "Check that the URL points at a LanguageTool server.",
                    Fix.RETRY,
                )
                self._set_state(failure.state)
                raise failure from error
            findings = findings_from_matches(
                text,
                matches,
                personal_words=self._dictionary,
                disabled_rules=config.disabled_rules,
                hidden_categories=disabled_categories(),
            )
            self._set_state(GrammarState.ready())
            return findings

    def _ensure_engine(self, config: GrammarConfig) -> Engine:
        key = config.engine_key()
        if self._engine is not None and (self._engine_key != key or not self._engine.alive()):
            log.info("Restarting LanguageTool (settings changed or server stopped)")
            self._drop_engine()
        if self._engine is not None:
            return self._engine
        with self._state_lock:
            sticky = self._sticky
        if sticky is not None:
            raise sticky
        self._set_state(GrammarState.starting())
        try:
            engine = self._open_engine(config)
        except GrammarUnavailableError as error:
            if error.fix in _NEEDS_USER:
                with self._state_lock:
                    self._sticky = error
            raise
        except Exception as error:  # noqa: BLE001 - an engine bug must not reach the UI
            log.exception("Starting LanguageTool failed")
            raise unavailable(f"LanguageTool failed to start: {error}", "", Fix.RETRY) from error
        self._engine, self._engine_key = engine, key
        log.info("LanguageTool ready: %s", engine.description)
        return engine
