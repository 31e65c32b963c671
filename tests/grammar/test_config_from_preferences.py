"""The checker's configuration is built from core's grammar preferences in one place."""

from __future__ import annotations

from postingstudio.core.preferences import GrammarMode, GrammarPreferences
from postingstudio.grammar.config import GrammarConfig


def test_the_grammar_configuration_is_built_from_the_grammar_part():
    part = GrammarPreferences(local_path="/opt/lt", disabled_rules=("X",), public_consent=True)
    auto_on = GrammarConfig.from_preferences(part, auto_local=True)
    assert auto_on.mode is GrammarMode.LOCAL and str(auto_on.local_path) == "/opt/lt"
    assert auto_on.disabled_rules == frozenset({"X"}) and auto_on.consent_text_leaves_machine
    assert GrammarConfig.from_preferences(part, auto_local=False).mode is GrammarMode.OFF
    bad_url = GrammarPreferences(mode="server", server_url="ftp://x")
    assert GrammarConfig.from_preferences(bad_url, auto_local=False).server_url is None
