"""``scripts/run`` installs once and then starts straight away: it reinstalls only when
pyproject.toml or setup.py changed. Run on a copy of the script in a scratch project whose
``python3`` and system-deps are stand-ins that log what they were asked to do."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent

FAKE_PYTHON3 = """#!/usr/bin/env bash
# python3 stand-in: "-m venv DIR" makes DIR/bin/python and DIR/bin/postingstudio (both log)
if [ "$1" = "-m" ] && [ "$2" = "venv" ]; then
  mkdir -p "$3/bin"
  printf '#!/usr/bin/env bash\\necho "pip $*" >> "$RUN_LOG"\\n' > "$3/bin/python"
  printf '#!/usr/bin/env bash\\necho "app $*" >> "$RUN_LOG"\\n' > "$3/bin/postingstudio"
  chmod +x "$3/bin/python" "$3/bin/postingstudio"
fi
"""


@pytest.fixture
def project(tmp_path):
    if shutil.which("bash") is None or shutil.which("sha256sum") is None:
        pytest.skip("needs bash and sha256sum")
    (tmp_path / "scripts").mkdir()
    shutil.copy(REPO / "scripts" / "run", tmp_path / "scripts" / "run")
    deps = tmp_path / "scripts" / "system-deps"
    deps.write_text('#!/usr/bin/env bash\necho "system-deps $*" >> "$RUN_LOG"\n')
    deps.chmod(0o755)
    bin_dir = tmp_path / "fakebin"
    bin_dir.mkdir()
    (bin_dir / "python3").write_text(FAKE_PYTHON3)
    (bin_dir / "python3").chmod(0o755)
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "demo"\n')
    (tmp_path / "setup.py").write_text("from setuptools import setup\nsetup()\n")
    return tmp_path


def run(project: Path, *args: str) -> list[str]:
    log = project / "run.log"
    log.unlink(missing_ok=True)
    env = {**os.environ, "RUN_LOG": str(log), "PATH": f"{project / 'fakebin'}:{os.environ['PATH']}"}
    script = str(project / "scripts" / "run")
    subprocess.run(["bash", script, *args], env=env, check=True, timeout=60)
    return log.read_text().splitlines()


def test_first_start_installs_editable_second_start_only_runs_the_app(project):
    first = run(project, "check", "--sample")
    assert "system-deps --runtime" in first
    assert any(line.startswith("pip ") and line.endswith("install --quiet -e .") for line in first)
    assert first[-1] == "app check --sample"
    assert run(project) == ["app "]


def test_a_changed_pyproject_or_setup_py_reinstalls(project):
    run(project)
    (project / "pyproject.toml").write_text('[project]\nname = "demo"\nversion = "2"\n')
    assert any("install --quiet -e ." in line for line in run(project))
    assert run(project) == ["app "]
    (project / "setup.py").write_text("# changed\n")
    assert any("install --quiet -e ." in line for line in run(project))
