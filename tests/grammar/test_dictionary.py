"""PersonalDictionary: case-insensitive lookups, atomic persistence, comments kept, and a
failed write that keeps the user's word for the session."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from postingstudio.grammar import DictionaryError, PersonalDictionary


def test_words_persist_and_reload(tmp_path: Path) -> None:
    path = tmp_path / "config" / "words.txt"
    words = PersonalDictionary(path)
    assert "Kubernetes" not in words
    assert words.add("Kubernetes")
    assert not words.add("kubernetes")  # already there, case-insensitively
    assert words.add("don’t-care")
    assert "KUBERNETES" in words and "don't-care" in words
    assert PersonalDictionary(path).words() == ("don’t-care", "Kubernetes")
    assert words.remove("kubernetes")
    assert "Kubernetes" not in PersonalDictionary(path)


def test_comments_survive_and_no_temp_files_remain(tmp_path: Path) -> None:
    path = tmp_path / "words.txt"
    path.write_text("# my words\nPostgres\n\n", encoding="utf-8")
    words = PersonalDictionary(path)
    words.add("Terraform")
    assert path.read_text(encoding="utf-8") == "# my words\nPostgres\nTerraform\n"
    assert os.listdir(tmp_path) == ["words.txt"]


def test_failed_write_raises_but_keeps_the_word(tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-dir"
    blocker.write_text("", encoding="utf-8")
    words = PersonalDictionary(blocker / "words.txt")
    with pytest.raises(DictionaryError):
        words.add("Kotlin")
    assert "Kotlin" in words


def test_no_path_means_memory_only(tmp_path: Path) -> None:
    words = PersonalDictionary(None)
    words.add("Rust")
    assert "rust" in words and len(words) == 1


def test_reload_sees_outside_edits(tmp_path: Path) -> None:
    path = tmp_path / "words.txt"
    words = PersonalDictionary(path)
    words.add("Go")
    path.write_text("Elixir\n", encoding="utf-8")
    words.reload()
    assert words.words() == ("Elixir",)
