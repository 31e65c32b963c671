"""``probe_server`` without loading language-tool-python until it is called (the preferences
page and the server dialog import it at start-up)."""

from __future__ import annotations

from .state import GrammarState


def probe_server(url: str, language: str = "en-US", timeout_s: float = 5.0) -> GrammarState:
    """Is there a working LanguageTool at ``url``? See :func:`.lt_client.probe_server`."""
    from .lt_client import probe_server as probe_now

    return probe_now(url, language, timeout_s)
