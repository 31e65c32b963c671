"""``resources_dir()`` finds the resources from a checkout, an override, a bundle and a wheel."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from postingstudio import paths

REPO = Path(__file__).resolve().parent.parent


def test_checkout_resources_are_found(monkeypatch):
    monkeypatch.delenv(paths.ENV_OVERRIDE, raising=False)
    found = paths.resources_dir()
    assert (found / "rules" / "en").is_dir() and (found / "scoring.toml").is_file()


def test_environment_override_wins(monkeypatch, tmp_path):
    monkeypatch.setenv(paths.ENV_OVERRIDE, str(tmp_path))
    assert paths.resources_dir() == tmp_path


def test_pyinstaller_bundle(monkeypatch, tmp_path):
    monkeypatch.delenv(paths.ENV_OVERRIDE, raising=False)
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    assert paths.resources_dir() == tmp_path / "resources"


@pytest.mark.slow
def test_wheel_carries_the_resources(tmp_path):
    """A built wheel maps resources/ into the package as postingstudio/_resources."""
    result = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation",
         "--quiet", "-w", str(tmp_path), str(REPO)],
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr[-2000:]
    (wheel,) = tmp_path.glob("postingstudio-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    assert "postingstudio/_resources/scoring.toml" in names
    assert any(n.startswith("postingstudio/_resources/rules/en/") for n in names)
