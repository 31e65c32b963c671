"""Preferences: the TOML file (typed, forgiving, atomic) and the dialog that edits it."""

from __future__ import annotations

from PySide6.QtWidgets import QPushButton

from postingstudio.core.preferences import Preferences, UiPreferences
from postingstudio.core.settings import AnalysisSettings
from postingstudio.docio.settings_file import load_preferences, save_preferences
from postingstudio.ui.preferences.dialog import PreferencesDialog

from .conftest import SAMPLE, wait_report


def test_file_round_trip_with_awkward_text(tmp_path):
    prefs = Preferences(
        analysis=AnalysisSettings(
            disabled_categories=("dry",),
            disabled_rules=("generic.hype_titles",),
            allow_terms=('Say "ninja" \\ 😀', "Ünïcode"),
            ignored=(("dry.wordy", "in order to"),),
            length_profile="linkedin",
            reading_grade_target=8.5,
        ),
        ui=UiPreferences(theme="dark"),
    )
    path = tmp_path / "cfg" / "preferences.toml"
    save_preferences(prefs, path)
    assert load_preferences(path) == prefs
    assert [p.name for p in path.parent.iterdir()] == ["preferences.toml"]


def test_missing_or_broken_file_gives_defaults(tmp_path):
    assert load_preferences(tmp_path / "absent.toml") == Preferences()
    broken = tmp_path / "broken.toml"
    broken.write_text("this is = = not toml", encoding="utf-8")
    assert load_preferences(broken) == Preferences()


def test_bad_values_fall_back_one_key_at_a_time(tmp_path):
    path = tmp_path / "p.toml"
    path.write_text(
        '[preferences]\ntheme = "purple"\nreading_grade_target = "nine"\n'
        'allow_terms = ["Acme"]\nsurprise = 1\n',
        encoding="utf-8",
    )
    prefs = load_preferences(path)
    assert prefs.ui.theme == "system" and prefs.analysis.reading_grade_target is None
    assert prefs.analysis.allow_terms == ("Acme",)


def test_preferences_become_analysis_settings():
    settings = Preferences(
        analysis=AnalysisSettings(disabled_categories=("dry",), allow_terms=("Rockstar",))
    ).analysis
    assert "dry" in settings.disabled_categories and settings.allows("rockstar")


def test_dialog_shows_profiles_from_the_rulebook_and_returns_choices(qtbot, rulebook):
    dialog = PreferencesDialog(Preferences(), rulebook)
    qtbot.addWidget(dialog)
    names = [dialog.length.itemData(i) for i in range(dialog.length.count())]
    assert set(rulebook.profiles["length"]) <= set(names)
    genders = [dialog.gender.itemData(i) for i in range(dialog.gender.count())]
    assert set(rulebook.profiles["gender"]) <= set(genders)
    dialog.categories["dry"].setChecked(False)
    dialog.length.setCurrentIndex(names.index("linkedin"))
    dialog.grade.setValue(8)
    dialog.allow.setPlainText("Acme\n\nBrightline\n")
    dialog.theme.setCurrentIndex(dialog.theme.findData("dark"))
    chosen = dialog.preferences()
    assert chosen.analysis.disabled_categories == ("dry",)
    assert chosen.analysis.length_profile == "linkedin"
    assert chosen.analysis.reading_grade_target == 8
    assert chosen.analysis.allow_terms == ("Acme", "Brightline") and chosen.ui.theme == "dark"


def test_dialog_removes_ignored_rules(qtbot, rulebook):
    dialog = PreferencesDialog(
        Preferences(analysis=AnalysisSettings(disabled_rules=("a.b", "c.d"))), rulebook
    )
    qtbot.addWidget(dialog)
    dialog.rules.item(0).setSelected(True)
    remove = next(b for b in dialog.findChildren(QPushButton) if b.text() == "Remove")
    remove.click()
    assert dialog.preferences().analysis.disabled_rules == ("c.d",)


def test_new_preferences_are_saved_and_reanalysed(qtbot, workspace, app_paths):
    workspace.start(show=False)
    workspace.session.load(SAMPLE)
    result = wait_report(qtbot, workspace)
    assert any(f.category.value == "dry" for f in result.report.findings)
    prefs = workspace.session.preferences.with_analysis(
        disabled_categories=("dry",), length_profile="linkedin"
    )
    workspace.session.set_preferences(prefs)
    result = wait_report(qtbot, workspace)
    assert not any(f.category.value == "dry" for f in result.report.findings)
    assert result.report.metrics["length_profile"] == "linkedin"
    assert load_preferences(app_paths.preferences).analysis.length_profile == "linkedin"
