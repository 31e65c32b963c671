"""The preferences file reads and writes core's one model, walking its fields.

The old-format test keeps the literal text the app wrote before the model was split into parts
(schema 1: one flat ``[preferences]`` table); a user who upgrades must lose nothing.
"""

from __future__ import annotations

import logging
import tomllib
from dataclasses import fields

from postingstudio.core.preferences import (
    GrammarMode,
    GrammarPreferences,
    Preferences,
    UiPreferences,
    parts,
)
from postingstudio.core.settings import AnalysisSettings
from postingstudio.docio.settings_file import dumps, load_preferences, save_preferences

# Written by the schema-1 writer (every field set away from its default), byte for byte.
OLD_FILE = """\
# Posting Studio preferences. Edit in Preferences; hand edits are read on next start.
schema = 1

[preferences]
disabled_categories = ["dry", "inclusive"]
disabled_rules = ["generic.hype_titles"]
allow_terms = ["Acme", "Say \\"ninja\\" \\\\ 😀"]
ignored = [["dry.wordy", "in order to"]]
length_profile = "linkedin"
gender_profile = "castilla_rho"
reading_grade_target = 8.5
picky = true
show_all_hard_sentences = true
theme = "dark"
sample_offered = true
grammar_mode = "server"
grammar_server_url = "http://lt.example:8010/"
grammar_local_path = "/opt/LanguageTool-6.8"
grammar_public_consent = true
grammar_disabled_rules = ["EN_A_VS_AN", "VERY_UNIQUE"]
"""

EVERYTHING = Preferences(
    analysis=AnalysisSettings(
        disabled_categories=("dry", "inclusive"),
        disabled_rules=("generic.hype_titles",),
        allow_terms=("Acme", 'Say "ninja" \\ 😀'),
        ignored=(("dry.wordy", "in order to"),),
        length_profile="linkedin",
        gender_profile="castilla_rho",
        reading_grade_target=8.5,
        picky=True,
        show_all_hard_sentences=True,
    ),
    grammar=GrammarPreferences(
        mode=GrammarMode.SERVER,
        server_url="http://lt.example:8010/",
        local_path="/opt/LanguageTool-6.8",
        public_consent=True,
        disabled_rules=("EN_A_VS_AN", "VERY_UNIQUE"),
    ),
    ui=UiPreferences(theme="dark", sample_offered=True),
)


def _defaulted(preferences: Preferences) -> list[str]:
    """The fields of ``preferences`` that still hold their default value."""
    defaults = Preferences()
    return [
        f"{name}.{item.name}"
        for name in parts()
        for item in fields(getattr(preferences, name))
        if getattr(getattr(preferences, name), item.name)
        == getattr(getattr(defaults, name), item.name)
    ]


def test_an_old_file_comes_back_whole(tmp_path):
    path = tmp_path / "preferences.toml"
    path.write_text(OLD_FILE, encoding="utf-8")
    loaded = load_preferences(path)
    assert loaded == EVERYTHING
    assert _defaulted(loaded) == []  # every field was read, none fell back


def test_the_old_file_sets_every_field_of_the_model():
    # If a field is added to the model, EVERYTHING and the old file must say what it was.
    assert _defaulted(EVERYTHING) == []
    old_keys = tomllib.loads(OLD_FILE)["preferences"].keys()
    assert len(old_keys) == sum(len(fields(part)) for part in parts().values())


def test_an_old_file_is_rewritten_in_parts_and_reads_the_same(tmp_path):
    path = tmp_path / "preferences.toml"
    path.write_text(OLD_FILE, encoding="utf-8")
    save_preferences(load_preferences(path), path)
    written = tomllib.loads(path.read_text(encoding="utf-8"))
    assert written["schema"] == 2 and "preferences" not in written
    assert written["grammar"]["mode"] == "server" and written["ui"]["theme"] == "dark"
    assert load_preferences(path) == EVERYTHING


def test_every_field_is_written_under_its_part():
    written = tomllib.loads(dumps(EVERYTHING))
    for name, part in parts().items():
        assert set(written[name]) == {item.name for item in fields(part)}


def test_unknown_keys_are_ignored_with_a_note(tmp_path, caplog):
    path = tmp_path / "preferences.toml"
    path.write_text(
        'schema = 2\nfuture = 1\n[ui]\ntheme = "dark"\nsparkles = true\n', encoding="utf-8"
    )
    with caplog.at_level(logging.INFO, logger="postingstudio.docio.settings_file"):
        loaded = load_preferences(path)
    assert loaded == Preferences(ui=UiPreferences(theme="dark"))
    notes = " ".join(record.getMessage() for record in caplog.records)
    assert "'sparkles' ignored" in notes and "'future' ignored" in notes


def test_wrong_types_fall_back_one_field_at_a_time(tmp_path, caplog):
    path = tmp_path / "preferences.toml"
    path.write_text(
        'schema = 2\n[analysis]\npicky = 1\nallow_terms = ["Acme", 3]\n'
        'disabled_rules = ["a.b"]\nreading_grade_target = 99\n'
        '[grammar]\nmode = "cloud"\npublic_consent = true\n[ui]\nsample_offered = "yes"\n',
        encoding="utf-8",
    )
    with caplog.at_level(logging.WARNING, logger="postingstudio.docio.settings_file"):
        loaded = load_preferences(path)
    assert loaded == Preferences(
        analysis=AnalysisSettings(disabled_rules=("a.b",)),
        grammar=GrammarPreferences(public_consent=True),
    )
    warned = " ".join(record.getMessage() for record in caplog.records)
    for name in ("picky", "allow_terms", "reading_grade_target", "mode", "sample_offered"):
        assert name in warned


def test_a_part_that_is_not_a_table_gives_its_defaults(tmp_path):
    path = tmp_path / "preferences.toml"
    path.write_text('schema = 2\nui = "dark"\n[analysis]\npicky = true\n', encoding="utf-8")
    assert load_preferences(path) == Preferences(analysis=AnalysisSettings(picky=True))
