"""Local mode without a real LanguageTool: a fake ``java`` on the PATH runs the loopback fake
server, so the preflight, both ways of starting a local server (language-tool-python's own and
ours for a user-given folder), crash recovery and shutdown are exercised — and nothing is ever
downloaded."""

from __future__ import annotations

import os
import stat
import sys
from pathlib import Path

import pytest

from postingstudio.grammar import (
    Fix,
    GrammarChecker,
    GrammarConfig,
    GrammarMode,
    GrammarUnavailableError,
    StateKind,
    preflight,
)

HERE = Path(__file__).parent
FAKE_JAVA = f"""#!/bin/sh
if [ "$1" = "-version" ]; then
  echo 'openjdk version "17.0.15" 2025-04-15' >&2
  exit 0
fi
exec "{sys.executable}" "{HERE / "fake_languagetool.py"}" "$@"
"""

pytestmark = pytest.mark.skipif(os.name != "posix", reason="the fake java is a shell script")


@pytest.fixture
def fake_java(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    java = bin_dir / "java"
    java.write_text(FAKE_JAVA, encoding="utf-8")
    java.chmod(java.stat().st_mode | stat.S_IXUSR)
    monkeypatch.setenv("PATH", f"{bin_dir}{os.pathsep}{os.environ.get('PATH', '')}")
    return java


def _install(folder: Path) -> Path:
    folder.mkdir(parents=True)
    (folder / "languagetool-server.jar").write_bytes(b"not a real jar")
    return folder


def test_missing_install_is_explained_and_not_downloaded(fake_java: Path) -> None:
    check = preflight()
    assert check.java.major == 17 and check.install is None
    assert check.problem is not None and check.problem.fix is Fix.DOWNLOAD_LANGUAGETOOL
    checker = GrammarChecker(GrammarConfig(mode=GrammarMode.LOCAL))
    for _ in range(2):  # remembered: the second check does not probe Java again
        with pytest.raises(GrammarUnavailableError) as raised:
            checker.check("teh")
        assert raised.value.fix is Fix.DOWNLOAD_LANGUAGETOOL
    assert checker.state.kind is StateKind.UNAVAILABLE


def test_missing_java_is_explained(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))  # no java here
    check = preflight(_install(tmp_path / "lt"))
    assert check.problem is not None and check.problem.fix is Fix.INSTALL_JAVA


def test_wrong_user_path_is_explained(fake_java: Path, tmp_path: Path) -> None:
    check = preflight(tmp_path)
    assert check.problem is not None and check.problem.fix is Fix.CHOOSE_LANGUAGETOOL_PATH


def test_user_given_folder_is_started_checked_and_stopped(fake_java: Path, tmp_path: Path) -> None:
    folder = _install(tmp_path / "my-languagetool")
    checker = GrammarChecker(
        GrammarConfig(mode=GrammarMode.LOCAL, local_path=folder, startup_timeout_s=30)
    )
    assert {f.text for f in checker.check("We need teh 😀 best.")} == {"teh"}
    engine = checker._engine
    assert engine is not None and engine.server is not None
    process = engine.server._process
    assert process is not None

    process.kill()  # the Java server crashes mid-session
    process.wait(5)
    assert {f.text for f in checker.check("teh again")} == {"teh"}  # restarted by itself
    restarted = checker._engine.server._process  # type: ignore[union-attr]
    checker.close()
    assert restarted is not None and restarted.poll() is not None  # nothing left running


def test_ltp_managed_install_starts_without_downloading(
    fake_java: Path, _no_languagetool_install: Path
) -> None:
    _install(_no_languagetool_install / "LanguageTool-6.8")
    check = preflight()
    assert check.ok and check.install is not None and check.install.ltp_version == "6.8"
    checker = GrammarChecker(GrammarConfig(mode=GrammarMode.LOCAL, startup_timeout_s=30))
    try:
        assert {f.text for f in checker.check("teh")} == {"teh"}
        assert checker._engine is not None and checker._engine.local
    finally:
        checker.close()
    assert [p.name for p in _no_languagetool_install.iterdir()] == ["LanguageTool-6.8"]
