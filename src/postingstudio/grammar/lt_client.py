"""Opening a LanguageTool for a :class:`GrammarConfig`, and sending it one check request.

This is the only module that talks to language-tool-python. It builds a ``LanguageTool`` for
the chosen mode — local (language-tool-python's own server, or :mod:`.local_server` for a folder
it does not manage), a self-hosted server or the public API, both through ``remote_server`` —
and posts ``/v2/check`` requests with a timeout. Every failure becomes a
:class:`GrammarUnavailableError` with a reason a writer can act on.

Local mode calls :func:`.install.preflight` first and refuses to go on without Java and an
install, because language-tool-python would otherwise download LanguageTool by itself.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from typing import Any
from urllib.parse import urljoin, urlsplit

import requests
from language_tool_python import LanguageTool
from language_tool_python.exceptions import ServerError

from .categories import disabled_categories
from .config import GrammarConfig, GrammarMode
from .convert import MalformedReplyError, matches_of
from .deadline_http import (
    HttpError,
    RefusedError,
    RequestFailedError,
    TimedOutError,
    get_within,
    post_form,
)
from .install import preflight
from .local_server import LocalServer
from .state import EngineLostError, Fix, GrammarState, GrammarUnavailableError, unavailable
from .variant import constructor_language

log = logging.getLogger(__name__)

_LOOPBACK = {"127.0.0.1", "localhost", "::1"}
# An environment proxy must never see loopback traffic; None values remove env proxies.
_NO_PROXY: dict[str, str] = {"http": None, "https": None}  # type: ignore[dict-item]
_PORT_ATTEMPTS = 3
# The editor checks again after the writer's next change; the CLI words its own hint instead
# (cli_support maps Fix.RETRY), since a command that has ended retries nothing.
_GUI_RETRY_HINT = "It is retried with the next change."


class _BoundedLanguageTool(LanguageTool):
    """language-tool-python's ``LanguageTool`` with our timeouts.

    Upstream waits 300 s for any request (including the ``/v2/languages`` request in the
    constructor), waits a fixed 15 s for a local server to start, and on a failing start tries
    every port from 8081 to 8999 in turn. Those are private hooks; ``test_engine_hooks`` pins
    them so an upgrade that renames them fails loudly instead of silently hanging.
    """

    def __init__(self, *args: Any, request_timeout_s: float, startup_timeout_s: float, **kw: Any):
        self._TIMEOUT = request_timeout_s  # type: ignore[assignment]
        self._startup_timeout_s = startup_timeout_s
        super().__init__(*args, **kw)

    def _wait_for_server_ready(self, timeout: int = 15) -> None:
        super()._wait_for_server_ready(timeout=max(timeout, int(self._startup_timeout_s)))

    def _start_server_on_free_port(self) -> None:
        for attempt in range(_PORT_ATTEMPTS):
            try:
                self._start_local_server()
                return
            except ServerError:
                if attempt + 1 == _PORT_ATTEMPTS or not self._available_ports:
                    raise
                self._port = self._available_ports.pop()


@dataclass
class Engine:
    """One usable LanguageTool: the language-tool-python object plus what we started."""

    tool: LanguageTool
    description: str  # for the status tooltip: "local LanguageTool 6.8", "http://lt:8010/"
    local: bool
    proxies: dict[str, str] | None = None
    server: LocalServer | None = None

    @property
    def check_url(self) -> str:
        return urljoin(self.tool.url, "check")

    @property
    def language(self) -> str:
        return str(self.tool.language)

    def alive(self) -> bool:
        if self.server is not None:
            return self.server.alive
        if self.local:
            return bool(self.tool._server_is_alive())
        return True  # a remote server's health is learned from the next request

    def close(self) -> None:
        try:
            self.tool.close()
        except Exception:  # noqa: BLE001 - closing must never fail a reconfigure
            log.debug("Closing LanguageTool failed", exc_info=True)
        if self.server is not None:
            self.server.stop()


def _is_loopback(url: str) -> bool:
    return (urlsplit(url).hostname or "") in _LOOPBACK


def _remote(config: GrammarConfig, url: str, fix: Fix) -> LanguageTool:
    # language-tool-python's constructor asks /v2/languages with a per-read timeout only, so a
    # server that trickles bytes would hold it for ever: ask once ourselves, with a deadline.
    try:
        get_within(urljoin(url, "v2/languages"), config.timeout_s)
    except RequestFailedError as error:
        raise EngineLostError(
            unavailable(f"LanguageTool at {url}: {error}", "", fix).state
        ) from error
    try:
        return _BoundedLanguageTool(
            language=constructor_language(config.language),
            remote_server=url,
            proxies=_NO_PROXY if _is_loopback(url) else None,
            request_timeout_s=config.timeout_s,
            startup_timeout_s=config.startup_timeout_s,
        )
    except ValueError as error:  # LanguageTag: the server lacks the language
        raise unavailable(
            f"LanguageTool at {url} does not support {config.language}: {error}",
            "Choose another language.",
            Fix.NONE,
        ) from error
    except Exception as error:  # noqa: BLE001 - any failure to connect is "unavailable"
        raise EngineLostError(
            unavailable(f"Cannot reach LanguageTool at {url}: {describe(error)}", "", fix).state
        ) from error


def open_engine(config: GrammarConfig) -> Engine:
    """Connect to (or start) LanguageTool for ``config``. Blocking: call off the UI thread."""
    if config.mode is GrammarMode.OFF:
        raise unavailable("Grammar checking is off.")
    if config.mode is GrammarMode.PUBLIC:
        if not config.consent_text_leaves_machine:
            raise unavailable(
                "The public LanguageTool API is not enabled.",
                "It sends the posting to languagetool.org; enable it only if that is allowed.",
                Fix.CONSENT_PUBLIC_API,
            )
        url = config.endpoint_url or ""
        return Engine(_remote(config, url, Fix.RETRY), "languagetool.org public API", False)
    if config.mode is GrammarMode.SERVER:
        if not config.server_url:
            raise unavailable(
                "No LanguageTool server URL is set.",
                "Enter your team's server URL.",
                Fix.CHECK_SERVER_URL,
            )
        url = config.server_url
        tool = _remote(config, url, Fix.CHECK_SERVER_URL)
        return Engine(tool, url, False, _NO_PROXY if _is_loopback(url) else None)
    return _open_local(config)


def _open_local(config: GrammarConfig) -> Engine:
    check = preflight(config.local_path)
    if check.problem is not None:
        raise GrammarUnavailableError(check.problem)
    install = check.install
    assert install is not None and check.java.path is not None
    if install.ltp_version is not None:
        # Inside language-tool-python's own folder under the exact version name, so its
        # download step finds the install and returns without touching the network.
        try:
            tool = _BoundedLanguageTool(
                language=config.language,
                language_tool_download_version=install.ltp_version,
                request_timeout_s=config.timeout_s,
                startup_timeout_s=config.startup_timeout_s,
            )
        except (Exception, SystemExit) as error:  # noqa: BLE001 - SystemExit: bad java -version
            raise unavailable(
                f"The local LanguageTool did not start: {describe(error)}",
                "Try again, or choose another LanguageTool folder.",
                Fix.RETRY,
            ) from error
        return Engine(tool, f"local LanguageTool {install.ltp_version}", True)
    server = LocalServer(check.java.path, install.java_classpath, config.startup_timeout_s)
    url = server.start()
    try:
        remote = _remote(config, url, Fix.RETRY)
    except GrammarUnavailableError:
        server.stop()
        raise
    return Engine(remote, f"local LanguageTool in {install.directory}", True, _NO_PROXY, server)


def post_check(
    engine: Engine,
    text: str,
    disabled_rules: frozenset[str],
    timeout_s: float,
    *,
    language: str | None = None,
) -> Any:
    """POST ``/v2/check`` and return the decoded JSON, all within ``timeout_s`` (one deadline
    for connecting, sending and reading, however slowly the server trickles). Raises
    :class:`GrammarUnavailableError` (:class:`EngineLostError` when nothing answers at the
    address)."""
    data = {"language": language or engine.language, "text": text}
    if disabled_rules:
        data["disabledRules"] = ",".join(sorted(disabled_rules))
    data["disabledCategories"] = ",".join(sorted(disabled_categories()))
    where = engine.description
    try:
        body = post_form(engine.check_url, data, timeout_s)
    except TimedOutError as error:
        raise unavailable(
            f"LanguageTool ({where}): {error}.",
            _GUI_RETRY_HINT + " A long posting or a busy server can be slow.",
            Fix.RETRY,
        ) from error
    except RefusedError as error:
        raise EngineLostError(
            unavailable(
                f"Cannot reach LanguageTool ({where}): {error}.", _GUI_RETRY_HINT, Fix.RETRY
            ).state
        ) from error
    except HttpError as error:
        if error.status in (413, 426, 429):
            raise unavailable(
                f"LanguageTool refused the text (HTTP {error.status}: too long or too many "
                "requests).",
                "Wait a minute; the public API limits text size and requests per minute.",
                Fix.RETRY,
            ) from error
        raise unavailable(
            f"LanguageTool ({where}) failed: HTTP {error.status}. {error.first_line}".strip(),
            _GUI_RETRY_HINT,
            Fix.RETRY,
        ) from error
    try:
        return json.loads(body)
    except ValueError as error:
        raise unavailable(
            f"LanguageTool ({where}) answered, but not with LanguageTool's JSON "
            f"(the reply starts {body[:40]!r}).",
            "Check that the URL points at a LanguageTool server.",
            Fix.CHECK_SERVER_URL if not engine.local else Fix.RETRY,
        ) from error


def describe(error: BaseException) -> str:
    """A one-line reason from an exception chain, without URLs repeated three times."""
    for cause in _chain(error):
        if isinstance(cause, RequestFailedError):
            return str(cause)
        if isinstance(cause, requests.Timeout):
            return "no answer in time"
        if isinstance(cause, requests.ConnectionError):
            return "connection refused or host not found"
    text = str(error).strip().splitlines()
    return (text[0] if text else type(error).__name__)[:200]


def _chain(error: BaseException) -> list[BaseException]:
    seen: list[BaseException] = []
    current: BaseException | None = error
    while current is not None and current not in seen:
        seen.append(current)
        current = current.__cause__ or current.__context__
    return seen


def probe_server(url: str, language: str = "en-US", timeout_s: float = 5.0) -> GrammarState:
    """Is there a working LanguageTool at ``url``? For the preferences field, when the user
    enters a server URL. Blocking (at most about two ``timeout_s``); never raises."""
    try:
        config = GrammarConfig(
            mode=GrammarMode.SERVER, server_url=url, language=language, timeout_s=timeout_s
        )
    except ValueError as error:
        return GrammarState.unavailable(str(error), "Enter an http(s) URL.", Fix.CHECK_SERVER_URL)
    try:
        engine = open_engine(config)
    except GrammarUnavailableError as error:
        return error.state
    try:
        matches_of(post_check(engine, "Probe.", frozenset(), timeout_s))
    except GrammarUnavailableError as error:
        return error.state
    except MalformedReplyError as error:
        return GrammarState.unavailable(
            f"{url} does not answer like LanguageTool ({error}).", "", Fix.CHECK_SERVER_URL
        )
    finally:
        engine.close()
    return GrammarState.ready()
