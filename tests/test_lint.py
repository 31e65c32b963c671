"""House style holds: ruff's lint rules and its formatting, over code and tests."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
TARGETS = ["src", "tests", "benchmarks", "packaging"]


def _ruff() -> str:
    found = shutil.which("ruff") or str(Path(sys.executable).parent / "ruff")
    if not Path(found).exists():
        pytest.fail("ruff is not installed: pip install -e '.[test]'")
    return found


def test_ruff_lint_is_clean():
    result = subprocess.run(
        [_ruff(), "check", "--no-cache", *TARGETS], cwd=REPO, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout[-3000:]


def test_ruff_format_is_clean():
    result = subprocess.run(
        [_ruff(), "format", "--check", "--no-cache", *TARGETS],
        cwd=REPO,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout[-3000:]


def test_mypy_on_the_layers_without_qt():
    """core, grammar and docio are typed (the design note asks for mypy on core and docio)."""
    mypy = shutil.which("mypy") or str(Path(sys.executable).parent / "mypy")
    if not Path(mypy).exists():
        pytest.fail("mypy is not installed: pip install -e '.[test]'")
    packages = ["src/postingstudio/core", "src/postingstudio/grammar", "src/postingstudio/docio"]
    result = subprocess.run(
        [mypy, "--no-incremental", *packages], cwd=REPO, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout[-3000:]
