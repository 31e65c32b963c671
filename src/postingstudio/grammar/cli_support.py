"""Grammar findings for ``postingstudio check --grammar [--languagetool-url URL]``.

The CLI runs one check and exits, so it needs no lane: it builds a checker, checks once, and
closes it (which stops a local server it started). With a URL it uses that server; without one
it uses a local LanguageTool if Java and an install are present — it never downloads one and
never sends text to the public API. Failures come back as a message for stderr, so the style
report is still printed.
"""

from __future__ import annotations

import logging
from pathlib import Path

from postingstudio.core.findings import Finding

from .checker import GrammarChecker
from .config import DEFAULT_TIMEOUT_S, ConfigError, GrammarConfig, GrammarMode
from .state import Fix, GrammarUnavailableError

# The checker's hints speak to the GUI ("the next change retries", "choose a folder"); a
# command that has ended needs its own.
_CLI_HINTS = {
    Fix.RETRY: "Run the command again once the server is answering.",
    Fix.CHECK_SERVER_URL: "Check the --languagetool-url value.",
    Fix.DOWNLOAD_LANGUAGETOOL: (
        "Start one with `scripts/languagetool-server start` and pass the URL it prints as "
        "--languagetool-url, or install LanguageTool from the app's grammar preferences."
    ),
    Fix.CONSENT_PUBLIC_API: "The command line never sends text to the public API.",
}

log = logging.getLogger(__name__)


def grammar_findings_for_cli(
    text: str,
    url: str | None,
    *,
    language: str = "auto",
    timeout_s: float = DEFAULT_TIMEOUT_S,
    personal_words_path: Path | None = None,
    disabled_rules: frozenset[str] = frozenset(),
) -> tuple[tuple[Finding, ...], str | None]:
    """``(findings, None)`` on success, ``((), "grammar: <reason>. <fix>")`` otherwise.

    Never raises for an unavailable or misbehaving LanguageTool.
    """
    try:
        config = GrammarConfig(
            mode=GrammarMode.SERVER if url else GrammarMode.LOCAL,
            server_url=url,
            language=language,
            timeout_s=timeout_s,
            disabled_rules=disabled_rules,
            personal_words_path=personal_words_path,
        )
    except ConfigError as error:
        return (), f"grammar: {error}"
    checker = GrammarChecker(config)
    try:
        return checker.check(text), None
    except GrammarUnavailableError as error:
        message = f"grammar: {error.reason}"
        hint = _CLI_HINTS.get(error.fix, error.fix_hint)
        if hint:
            message += f" {hint}"
        if url is None and error.fix is not Fix.DOWNLOAD_LANGUAGETOOL:
            message += " (Or pass --languagetool-url URL.)"
        return (), message
    except Exception as error:  # noqa: BLE001 - grammar must never break the style report
        log.exception("Grammar check failed")
        return (), f"grammar: failed unexpectedly: {error}"
    finally:
        checker.close()
