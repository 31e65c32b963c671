"""Pins what Posting Studio relies on inside language-tool-python, and checks that building a
LanguageTool for a remote server reaches nothing but that server (no download, no version
check), so an upgrade that changes either fails here rather than in a writer's app."""

from __future__ import annotations

import pytest
from language_tool_python import LanguageTool

from postingstudio.core.findings import Category, Finding, FindingSource, Severity
from postingstudio.core.report import Report
from postingstudio.grammar.config import ConfigError, GrammarConfig, GrammarMode
from postingstudio.grammar.convert import MalformedReplyError, findings_from_matches, matches_of
from postingstudio.grammar.lt_client import _BoundedLanguageTool, probe_server

from .fake_languagetool import FakeLanguageTool, check_reply


def test_private_hooks_we_override_still_exist() -> None:
    for name in (
        "_TIMEOUT",
        "_wait_for_server_ready",
        "_start_server_on_free_port",
        "_start_local_server",
        "_available_ports",
        "_server_is_alive",
    ):
        assert hasattr(LanguageTool, name) or name in LanguageTool.__annotations__, name


def test_remote_constructor_only_asks_for_languages(fake_lt: FakeLanguageTool) -> None:
    tool = _BoundedLanguageTool(
        language="en-US", remote_server=fake_lt.url, request_timeout_s=2, startup_timeout_s=2
    )
    assert tool._TIMEOUT == 2
    assert [path for path, _ in fake_lt.requests] == ["/v2/languages"]
    tool.close()


def test_probe_server(fake_lt: FakeLanguageTool) -> None:
    assert probe_server(fake_lt.url).usable
    fake_lt.behaviour = "malformed"
    assert not probe_server(fake_lt.url).usable
    assert "http(s)" in probe_server("ftp://x").reason


@pytest.mark.parametrize(
    ("raw", "normalised"),
    [
        ("lt.example.org:8010", "http://lt.example.org:8010/"),
        ("https://lt.example.org/v2/", "https://lt.example.org/"),
        ("http://127.0.0.1:8081/v2/check", "http://127.0.0.1:8081/"),
        (" http://host/lt ", "http://host/lt/"),
    ],
)
def test_server_urls_are_normalised(raw: str, normalised: str) -> None:
    assert GrammarConfig(mode=GrammarMode.SERVER, server_url=raw).server_url == normalised


def test_bad_config_is_rejected() -> None:
    with pytest.raises(ConfigError):
        GrammarConfig(server_url="ftp://x")
    with pytest.raises(ConfigError):
        GrammarConfig(timeout_s=0)


def test_malformed_matches_are_skipped_and_bad_replies_rejected() -> None:
    text = "teh end"
    good = check_reply(text, set())["matches"]
    bad = [{"offset": "x"}, {"offset": 99, "length": 3, "rule": {"id": "X"}}, "nonsense"]
    findings = findings_from_matches(text, [*bad, *good])  # type: ignore[list-item]
    assert [f.text for f in findings] == ["teh"]
    with pytest.raises(MalformedReplyError):
        matches_of([])
    with pytest.raises(MalformedReplyError):
        matches_of({"matches": None})


def test_grammar_findings_merge_with_style_findings() -> None:
    text = "We need a rockstar teh engineer."
    grammar = findings_from_matches(text, check_reply(text, set())["matches"])
    style = Finding(
        "generic.hype_titles",
        Category.GENERIC,
        Severity.WARNING,
        10,
        18,
        "rockstar",
        "hype",
        "why",
        "src",
    )
    overlapping = Finding(
        "rules.typo",
        Category.SPELLING,
        Severity.SUGGESTION,
        19,
        22,
        "teh",
        "m",
        "w",
        "s",
    )
    report = Report(
        text=text,
        findings_by_origin={FindingSource.RULES: (style, overlapping)},  # type: ignore[arg-type]
        metrics={},  # type: ignore[arg-type]
        scores=None,  # type: ignore[arg-type]
        sections=(),
        salary=None,  # type: ignore[arg-type]
    ).with_origin(FindingSource.GRAMMAR, grammar)
    texts = [(f.text, f.origin) for f in report.findings]
    # The more severe LanguageTool spelling finding wins the overlap; the rest are kept.
    assert texts == [("rockstar", FindingSource.RULES), ("teh", FindingSource.GRAMMAR)]
