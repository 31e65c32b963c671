"""grammar_findings_for_cli: findings with a URL, a readable message otherwise, never raises."""

from __future__ import annotations

from postingstudio.grammar.cli_support import grammar_findings_for_cli

from .fake_languagetool import FakeLanguageTool


def test_cli_with_url_returns_findings(fake_lt: FakeLanguageTool) -> None:
    findings, error = grammar_findings_for_cli("We need a engineer 😀 for teh job.", fake_lt.url)
    assert error is None
    assert {f.text for f in findings} == {"a ", "teh"}


def test_cli_with_broken_server_returns_message(fake_lt: FakeLanguageTool) -> None:
    fake_lt.behaviour = "http500"
    findings, error = grammar_findings_for_cli("teh", fake_lt.url)
    assert findings == () and error is not None and "HTTP 500" in error


def test_cli_with_bad_url_returns_message() -> None:
    findings, error = grammar_findings_for_cli("teh", "ftp://example.org")
    assert findings == () and error is not None and "http" in error


def test_cli_without_url_and_without_install_never_downloads() -> None:
    findings, error = grammar_findings_for_cli("teh", None)
    assert findings == ()
    assert error is not None and "--languagetool-url" in error
