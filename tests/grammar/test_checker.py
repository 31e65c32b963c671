"""GrammarChecker against a loopback LanguageTool: findings, offsets, rules, dictionary,
and every way a server can misbehave (slow, HTTP 500, malformed JSON, gone and back)."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from postingstudio.core.findings import Category, FindingSource, Severity
from postingstudio.grammar import (
    Fix,
    GrammarChecker,
    GrammarConfig,
    GrammarMode,
    GrammarState,
    GrammarUnavailableError,
    PersonalDictionary,
    StateKind,
    languagetool_rule_id,
)
from postingstudio.grammar.state import unavailable

from .fake_languagetool import FakeLanguageTool

POSTING = "We need a engineer who knows teh stack.\nYou will own a very unique product."


def test_matches_become_grammar_and_spelling_findings(checker: GrammarChecker) -> None:
    findings = {f.text: f for f in checker.check(POSTING)}
    assert set(findings) == {"a ", "teh", "very unique"}

    typo = findings["teh"]
    assert typo.category is Category.SPELLING
    assert typo.severity is Severity.WARNING
    assert typo.origin is FindingSource.GRAMMAR
    assert typo.rule_id == "languagetool.MORFOLOGIK_RULE_EN_US"
    assert languagetool_rule_id(typo) == "MORFOLOGIK_RULE_EN_US"
    assert typo.replacements == ("the", "tech", "ten", "tea", "Te")  # at most five
    assert "LanguageTool rule MORFOLOGIK_RULE_EN_US" in typo.source
    assert POSTING[typo.start : typo.end] == "teh"

    assert findings["a "].category is Category.GRAMMAR  # MISC category, not TYPOS
    assert findings["very unique"].severity is Severity.SUGGESTION  # style issue
    assert checker.state.kind is StateKind.READY


def test_offsets_are_right_after_emoji_and_astral_letters(checker: GrammarChecker) -> None:
    text = "Join us 😀 and 𝒳 team: teh best 😀x job"
    findings = {f.rule_id: f for f in checker.check(text)}
    typo = findings["languagetool.MORFOLOGIK_RULE_EN_US"]
    assert (typo.text, text[typo.start : typo.end]) == ("teh", "teh")
    assert typo.start == text.index("teh")
    emoji_span = findings["languagetool.EMOJI_SPAN"]  # the span itself contains a pair
    assert emoji_span.text == "😀x"


def test_disabled_rules_are_sent_and_also_filtered(
    checker: GrammarChecker, server_config: GrammarConfig, fake_lt: FakeLanguageTool
) -> None:
    from dataclasses import replace

    checker.reconfigure(replace(server_config, disabled_rules=frozenset({"EN_A_VS_AN"})))
    rule_ids = {f.rule_id for f in checker.check(POSTING)}
    assert "languagetool.EN_A_VS_AN" not in rule_ids
    assert fake_lt.checks()[-1]["disabledRules"] == "EN_A_VS_AN"


def test_disabled_rules_are_honoured_even_if_the_server_ignores_them(
    fake_lt: FakeLanguageTool, server_config: GrammarConfig, monkeypatch: pytest.MonkeyPatch
) -> None:
    from dataclasses import replace

    from postingstudio.grammar import lt_client

    def ignore_rules(
        eng: lt_client.Engine, text: str, rules: frozenset[str], t: float, **kw: object
    ) -> object:
        return lt_client.post_check(eng, text, frozenset(), t)  # an old server ignoring them

    monkeypatch.setattr("postingstudio.grammar.checker.post_check", ignore_rules)

    config = replace(server_config, disabled_rules=frozenset({"VERY_UNIQUE"}))
    checker = GrammarChecker(config)
    try:
        assert "languagetool.VERY_UNIQUE" not in {f.rule_id for f in checker.check(POSTING)}
    finally:
        checker.close()


def test_personal_dictionary_is_honoured_and_persists(
    server_config: GrammarConfig, tmp_path: Path
) -> None:
    text = "We run Kubernetez and teh rest."
    first = GrammarChecker(server_config)
    try:
        assert "Kubernetez" in {f.text for f in first.check(text)}
        first.dictionary.add("kubernetez")  # "Ignore word"
        assert "Kubernetez" not in {f.text for f in first.check(text)}  # the next check
    finally:
        first.close()
    assert "kubernetez" in (tmp_path / "words.txt").read_text(encoding="utf-8")
    second = GrammarChecker(server_config)  # a new session reads the file
    try:
        assert {f.text for f in second.check(text)} == {"teh"}
    finally:
        second.close()


def test_languagetool_style_categories_that_overlap_our_rules_are_never_shown(
    checker: GrammarChecker, fake_lt: FakeLanguageTool
) -> None:
    text = "Use a laptop in order to ship a very unique product."
    findings = {f.text for f in checker.check(text)}
    # REDUNDANCY is asked to be left out and, since this server ignores the request, dropped.
    assert findings == {"very unique"}
    sent = set(fake_lt.checks()[-1]["disabledCategories"].split(","))
    assert {"REDUNDANCY", "STYLE", "PLAIN_ENGLISH"} <= sent
    assert not sent & {"TYPOS", "GRAMMAR", "MISC"}


def test_dictionary_words_never_hide_grammar_findings(server_config: GrammarConfig) -> None:
    dictionary = PersonalDictionary(server_config.personal_words_path)
    dictionary.add("very unique")
    checker = GrammarChecker(server_config, dictionary=dictionary)
    try:
        assert "very unique" in {f.text for f in checker.check(POSTING)}
    finally:
        checker.close()


def test_slow_server_times_out_without_blocking_state_reads(
    fake_lt: FakeLanguageTool, server_config: GrammarConfig, states: list[GrammarState]
) -> None:
    from dataclasses import replace

    checker = GrammarChecker(replace(server_config, timeout_s=0.5), on_state=states.append)
    checker.start()  # fetch /v2/languages while the server is still quick
    fake_lt.behaviour = "slow"
    outcome: list[BaseException] = []
    worker = threading.Thread(target=lambda: _capture(checker, POSTING, outcome))
    worker.start()
    assert fake_lt.slow_started.wait(5)
    # The UI thread reads the state while the request hangs: it must not wait for it.
    assert checker.state.kind is StateKind.CHECKING
    worker.join(10)
    assert not worker.is_alive()
    assert isinstance(outcome[0], GrammarUnavailableError)
    assert "no complete answer within 0.5 s" in outcome[0].reason
    assert checker.state.kind is StateKind.UNAVAILABLE
    assert checker.state.fix is Fix.RETRY

    fake_lt.behaviour = "normal"
    fake_lt.release.set()
    assert checker.check(POSTING)  # recovers by itself on the next check
    assert checker.state.kind is StateKind.READY
    checker.close()


def _capture(checker: GrammarChecker, text: str, outcome: list[BaseException]) -> None:
    try:
        checker.check(text)
    except BaseException as error:  # noqa: BLE001 - handed to the test thread
        outcome.append(error)


@pytest.mark.parametrize(
    ("behaviour", "reason"),
    [("http500", "HTTP 500"), ("malformed", "not with LanguageTool's JSON")],
)
def test_server_errors_become_unavailable_and_recover(
    checker: GrammarChecker, fake_lt: FakeLanguageTool, behaviour: str, reason: str
) -> None:
    fake_lt.behaviour = behaviour
    with pytest.raises(GrammarUnavailableError) as raised:
        checker.check(POSTING)
    assert reason in raised.value.reason
    assert checker.state.kind is StateKind.UNAVAILABLE
    fake_lt.behaviour = "normal"
    assert checker.check(POSTING)
    assert checker.state.kind is StateKind.READY


def test_server_going_away_and_coming_back(
    checker: GrammarChecker, fake_lt: FakeLanguageTool, states: list[GrammarState]
) -> None:
    assert checker.check(POSTING)
    fake_lt.stop()
    with pytest.raises(GrammarUnavailableError) as raised:
        checker.check(POSTING)
    assert "Cannot reach LanguageTool" in raised.value.reason
    with pytest.raises(GrammarUnavailableError):  # still away: still a clean error, no hang
        checker.check(POSTING)
    fake_lt.start()  # same port
    assert {f.text for f in checker.check(POSTING)} == {"a ", "teh", "very unique"}
    assert states[-1].kind is StateKind.READY
    assert StateKind.UNAVAILABLE in {s.kind for s in states}


def test_unreachable_server_from_the_start(tmp_path: Path) -> None:
    import socket

    with socket.socket() as probe:  # a loopback port with nobody listening
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    checker = GrammarChecker(
        GrammarConfig(mode=GrammarMode.SERVER, server_url=f"127.0.0.1:{port}", timeout_s=2)
    )
    with pytest.raises(GrammarUnavailableError) as raised:
        checker.check(POSTING)
    assert raised.value.fix is Fix.CHECK_SERVER_URL
    checker.close()


def test_unsupported_language_is_explained(fake_lt: FakeLanguageTool) -> None:
    config = GrammarConfig(mode=GrammarMode.SERVER, server_url=fake_lt.url, language="xx-YY")
    checker = GrammarChecker(config)
    with pytest.raises(GrammarUnavailableError, match="does not support xx-YY"):
        checker.check(POSTING)
    checker.close()


def test_off_mode_checks_nothing(fake_lt: FakeLanguageTool) -> None:
    checker = GrammarChecker(GrammarConfig(mode=GrammarMode.OFF, server_url=fake_lt.url))
    assert checker.check(POSTING) == ()
    assert checker.state.kind is StateKind.OFF
    assert fake_lt.requests == []


def test_public_api_needs_explicit_consent(monkeypatch: pytest.MonkeyPatch) -> None:
    from postingstudio.grammar import lt_client

    def must_not_build(*args: object, **kwargs: object) -> None:
        raise AssertionError("the public API was contacted without consent")

    monkeypatch.setattr(lt_client, "_BoundedLanguageTool", must_not_build)
    checker = GrammarChecker(GrammarConfig(mode=GrammarMode.PUBLIC))
    with pytest.raises(GrammarUnavailableError) as raised:
        checker.check(POSTING)
    assert raised.value.fix is Fix.CONSENT_PUBLIC_API
    assert checker.state.fix is Fix.CONSENT_PUBLIC_API


def test_public_api_with_consent_uses_the_public_endpoint(
    fake_lt: FakeLanguageTool, monkeypatch: pytest.MonkeyPatch
) -> None:
    from postingstudio.grammar import config as config_module

    monkeypatch.setattr(config_module, "PUBLIC_API_URL", fake_lt.url + "/")
    consented = GrammarConfig(mode=GrammarMode.PUBLIC, consent_text_leaves_machine=True)
    checker = GrammarChecker(consented)
    assert checker.check(POSTING)
    checker.close()


def test_reconfigure_switches_server_without_blocking(
    checker: GrammarChecker, server_config: GrammarConfig
) -> None:
    from dataclasses import replace

    assert checker.check(POSTING)
    other = FakeLanguageTool()
    try:
        checker.reconfigure(replace(server_config, server_url=other.url))
        assert checker.check(POSTING)
        assert other.checks()
        checker.reconfigure(replace(server_config, mode=GrammarMode.OFF))
        assert checker.state.kind is StateKind.OFF
    finally:
        other.stop()


def test_unavailable_carries_fix() -> None:
    error = unavailable("x", "y", Fix.RETRY)
    assert isinstance(error, GrammarUnavailableError)
    assert (error.reason, error.fix_hint, error.fix) == ("x", "y", Fix.RETRY)
