"""scripts/languagetool-server says clearly what is missing, and keeps stdout for the URL.

These run the script without Java or Maven on the PATH (an empty bin folder holding only the
Python that runs it), so nothing is assembled, started or downloaded."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "languagetool-server"


def _run(tmp_path: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir(exist_ok=True)
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("POSTINGSTUDIO_LT", "JAVA"))}
    clean.update(PATH=str(bin_dir), POSTINGSTUDIO_LT_CACHE=str(tmp_path / "cache"), **env)
    return subprocess.run(
        [sys.executable, str(SCRIPT), *args], capture_output=True, text=True, env=clean, timeout=60
    )


def test_without_java_start_says_java_is_missing(tmp_path: Path) -> None:
    done = _run(tmp_path, "start")
    assert done.returncode == 1 and done.stdout == ""
    assert "Java is not installed" in done.stderr and "POSTINGSTUDIO_LT_JAVA" in done.stderr


def test_with_java_but_without_maven_start_says_maven_is_missing(tmp_path: Path) -> None:
    fake_java = tmp_path / "java"
    fake_java.write_text("#!/bin/sh\necho 'openjdk version \"17.0.15\"' >&2\n", encoding="utf-8")
    fake_java.chmod(0o755)
    done = _run(tmp_path, "start", POSTINGSTUDIO_LT_JAVA=str(fake_java))
    assert done.returncode == 1 and done.stdout == ""
    assert "Maven (mvn) is not installed" in done.stderr
    assert "POSTINGSTUDIO_LT_HOME" in done.stderr  # the way round it


def test_too_old_java_is_named(tmp_path: Path) -> None:
    old_java = tmp_path / "java"
    old_java.write_text("#!/bin/sh\necho 'java version \"1.8.0_402\"' >&2\n", encoding="utf-8")
    old_java.chmod(0o755)
    done = _run(tmp_path, "start", POSTINGSTUDIO_LT_JAVA=str(old_java))
    assert done.returncode == 1 and "Java 8" in done.stderr and "17" in done.stderr


def test_status_and_stop_without_a_server(tmp_path: Path) -> None:
    status = _run(tmp_path, "status")
    assert status.returncode == 3 and status.stdout.strip() == "not running"
    stop = _run(tmp_path, "stop")
    assert stop.returncode == 0 and "no server was running" in stop.stderr


def test_unknown_command_prints_the_usage(tmp_path: Path) -> None:
    done = _run(tmp_path, "launch")
    assert done.returncode == 2 and "start" in done.stderr and "manifest" in done.stderr
