"""The grammar checker's configuration: engine mode, where LanguageTool lives, rules, timeouts.

A frozen value passed into the checker. The user's choices are core's
:class:`~postingstudio.core.preferences.GrammarPreferences`; :meth:`GrammarConfig.from_preferences`
is the one place they become a configuration (automatic mode resolved, the server URL checked),
which the UI hands to :meth:`GrammarChecker.reconfigure` whenever preferences change. Nothing
here touches the network or the disk.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field, replace
from pathlib import Path
from urllib.parse import urlsplit

from postingstudio.core.preferences import GrammarMode, GrammarPreferences

log = logging.getLogger(__name__)

# The free public LanguageTool API. Only used in PUBLIC mode with explicit consent, because the
# posting then leaves the machine (and the free API is rate limited).
PUBLIC_API_URL = "https://api.languagetool.org/"

# A warm 5,000-word check took 14 s on a busy 2-core machine (docs/benchmarks.md).
DEFAULT_TIMEOUT_S = 30.0
# Java start-up plus LanguageTool's rule loading takes a few seconds, more on a cold disk.
DEFAULT_STARTUP_TIMEOUT_S = 60.0


class ConfigError(ValueError):
    """A configuration that can never work (e.g. a server URL that is not http(s))."""


@dataclass(frozen=True)
class GrammarConfig:
    """Grammar preferences.

    ``server_url``: SERVER mode only, e.g. ``http://lt.example.org:8010`` (``/v2/`` is added).
    ``local_path``: a LanguageTool the user already has: its folder (holding
    ``languagetool-server.jar``) or the jar itself. ``None`` means "look where
    language-tool-python keeps its downloads".
    ``timeout_s``: per check request; ``startup_timeout_s``: starting the local server.
    ``disabled_rules``: LanguageTool rule ids (``"EN_A_VS_AN"``, not the ``languagetool.``
    prefixed finding ids) never to report.
    ``personal_words_path``: the personal dictionary file; ``None`` keeps no dictionary.
    ``consent_text_leaves_machine``: PUBLIC mode does nothing until this is True, set only after
    the user has read the notice that the posting is sent to languagetool.org.
    """

    mode: GrammarMode = GrammarMode.LOCAL
    server_url: str | None = None
    local_path: Path | None = None
    language: str = "auto"  # "auto": en-GB or en-US from the posting (see .variant)
    timeout_s: float = DEFAULT_TIMEOUT_S
    startup_timeout_s: float = DEFAULT_STARTUP_TIMEOUT_S
    disabled_rules: frozenset[str] = field(default_factory=frozenset)
    personal_words_path: Path | None = None
    consent_text_leaves_machine: bool = False

    def __post_init__(self) -> None:
        object.__setattr__(self, "mode", GrammarMode(self.mode))
        object.__setattr__(self, "disabled_rules", frozenset(self.disabled_rules))
        if self.local_path is not None:
            object.__setattr__(self, "local_path", Path(self.local_path))
        if self.personal_words_path is not None:
            object.__setattr__(self, "personal_words_path", Path(self.personal_words_path))
        if self.timeout_s <= 0 or self.startup_timeout_s <= 0:
            raise ConfigError("timeouts must be positive")
        if self.server_url is not None:
            object.__setattr__(self, "server_url", normalise_server_url(self.server_url))

    @classmethod
    def from_preferences(
        cls,
        preferences: GrammarPreferences,
        *,
        auto_local: bool,
        personal_words_path: Path | None = None,
        timeout_s: float = DEFAULT_TIMEOUT_S,
    ) -> GrammarConfig:
        """The configuration for the user's choices. Automatic mode (``mode`` is ``None``) is
        local when ``auto_local`` (Java and LanguageTool were found), else off. A server URL
        that can never work is logged and left out, so the rest of the choices still apply."""
        mode = preferences.mode or (GrammarMode.LOCAL if auto_local else GrammarMode.OFF)
        local = Path(preferences.local_path) if preferences.local_path else None
        base = cls(
            mode=mode,
            local_path=local,
            timeout_s=timeout_s,
            startup_timeout_s=max(DEFAULT_STARTUP_TIMEOUT_S, timeout_s),
            disabled_rules=frozenset(preferences.disabled_rules),
            personal_words_path=personal_words_path,
            consent_text_leaves_machine=preferences.public_consent,
        )
        try:
            return replace(base, server_url=preferences.server_url)
        except ConfigError as error:
            log.warning("Ignoring the grammar server URL: %s", error)
            return base

    @property
    def endpoint_url(self) -> str | None:
        """The base URL requests go to in SERVER and PUBLIC modes (None otherwise)."""
        if self.mode is GrammarMode.SERVER:
            return self.server_url
        if self.mode is GrammarMode.PUBLIC:
            return PUBLIC_API_URL
        return None

    def engine_key(self) -> tuple[object, ...]:
        """The fields that need a new engine (a server restart or new connection) when they
        change; rule and dictionary changes apply to the next check without one."""
        return (
            self.mode,
            self.server_url,
            self.local_path,
            self.language,
            self.startup_timeout_s,
            self.consent_text_leaves_machine,
        )


def normalise_server_url(url: str) -> str:
    """``lt.example.org:8010`` → ``http://lt.example.org:8010/``; rejects non-HTTP schemes.

    The ``/v2/`` API prefix is added by language-tool-python, so a URL the user pasted with
    ``/v2`` (or ``/v2/check``) is trimmed back to the server root.
    """
    url = url.strip()
    if not url:
        raise ConfigError("The LanguageTool server URL is empty.")
    if "://" not in url:
        url = "http://" + url
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ConfigError(f"Not an http(s) URL: {url!r}")
    path = parts.path.rstrip("/")
    for suffix in ("/v2/check", "/v2/languages", "/v2"):
        if path.endswith(suffix):
            path = path[: -len(suffix)]
            break
    return f"{parts.scheme}://{parts.netloc}{path}/"
