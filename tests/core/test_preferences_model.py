"""The preferences model keeps its own defaults and checks (core, no file involved)."""

from __future__ import annotations

import pytest

from postingstudio.core.preferences import (
    GrammarMode,
    GrammarPreferences,
    Preferences,
    UiPreferences,
)
from postingstudio.core.settings import AnalysisSettings


def test_lists_keep_the_users_order_and_drop_repeats():
    settings = AnalysisSettings(allow_terms=["Zeta", "Acme", "Zeta"], disabled_rules={"a.b"})
    assert settings.allow_terms == ("Zeta", "Acme")
    assert settings.disabled_rules == ("a.b",)
    assert settings.allows("acme") and not settings.allows("beta")


def test_values_of_the_wrong_kind_are_refused_naming_the_field():
    with pytest.raises(TypeError, match="allow_terms"):
        AnalysisSettings(allow_terms="Acme")  # a string is not a list of terms
    with pytest.raises(TypeError, match="picky"):
        AnalysisSettings(picky=1)
    with pytest.raises(TypeError, match="ignored"):
        AnalysisSettings(ignored=(("only-a-rule",),))
    with pytest.raises(ValueError, match="reading_grade_target"):
        AnalysisSettings(reading_grade_target=25)
    with pytest.raises(ValueError, match="theme"):
        UiPreferences(theme="purple")
    with pytest.raises(ValueError, match="mode"):
        GrammarPreferences(mode="cloud")
    with pytest.raises(TypeError, match="analysis"):
        Preferences(analysis=UiPreferences())


def test_values_are_put_in_their_one_form():
    assert AnalysisSettings(reading_grade_target=8).reading_grade_target == 8.0
    assert isinstance(AnalysisSettings(reading_grade_target=8).reading_grade_target, float)
    assert AnalysisSettings(length_profile="").length_profile is None
    grammar = GrammarPreferences(mode="server", server_url="  ", local_path="")
    assert grammar.mode is GrammarMode.SERVER and grammar.mode == "server"
    assert grammar.server_url is None and grammar.local_path is None


def test_changes_go_through_the_same_checks():
    prefs = Preferences()
    changed = prefs.with_analysis(picky=True).with_grammar(mode="off").with_ui(theme="dark")
    assert changed.analysis.picky and changed.grammar.mode is GrammarMode.OFF
    assert changed.ui.theme == "dark" and prefs == Preferences()
    with pytest.raises(ValueError, match="theme"):
        prefs.with_ui(theme="neon")
