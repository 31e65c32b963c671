"""The import layers hold: core never imports Qt or python-docx; docio and grammar never import
Qt; nothing imports upward. Checked by import-linter against pyproject.toml's contracts."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent


def test_import_contracts_hold():
    lint = shutil.which("lint-imports") or str(Path(sys.executable).parent / "lint-imports")
    if not Path(lint).exists():
        pytest.fail("import-linter is not installed: pip install -e '.[test]'")
    result = subprocess.run(
        [lint, "--no-cache"], cwd=REPO, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "BROKEN" not in result.stdout


def test_check_command_never_imports_qt(tmp_path):
    """`postingstudio check` on text must not pay for Qt (start-up budget)."""
    sample = tmp_path / "p.txt"
    sample.write_text("We are hiring a rockstar developer. Competitive salary.\n")
    code = (
        "import sys; from postingstudio.__main__ import main; "
        f"main(['check', {str(sample)!r}]); "
        "bad = [m for m in sys.modules if m.startswith(('PySide6', 'shiboken6', 'docx', 'nltk'))]; "
        "print('LOADED', bad)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert "LOADED []" in out.stdout, out.stdout[-500:] + out.stderr[-2000:]
