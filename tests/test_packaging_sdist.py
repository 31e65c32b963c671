"""The source distribution, from build to a working install: it carries resources/ (the rules,
word lists and templates the app cannot run without), installs into a fresh virtual environment
and runs ``check --sample`` from an unrelated folder, reading the installed copy of the resources.

Offline: the sdist is built with setuptools' own PEP 517 backend in this process, and installed
with ``--no-index --no-build-isolation --no-deps``; the fresh environment borrows the test
environment's already installed dependencies through a path file (never its postingstudio)."""

from __future__ import annotations

import os
import subprocess
import sys
import sysconfig
import tarfile
import venv
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def sdist(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("sdist")
    build = subprocess.run(
        [sys.executable, "-c",
         f"from setuptools import build_meta; print(build_meta.build_sdist({str(out)!r}))"],
        cwd=REPO, capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert build.returncode == 0, build.stderr
    return out / build.stdout.strip().splitlines()[-1]


def test_sdist_carries_resources_packaging_and_tests(sdist):
    with tarfile.open(sdist) as archive:
        names = {name.split("/", 1)[1] for name in archive.getnames() if "/" in name}
    for shipped in (REPO / "resources").rglob("*"):
        if shipped.is_file():
            assert str(shipped.relative_to(REPO)) in names
    for needed in ("setup.py", "pyproject.toml", "LICENSE", "packaging/postingstudio.spec",
                   "packaging/linux/io.github.postingstudio.PostingStudio.desktop",
                   "tests/conftest.py", "src/postingstudio/__main__.py"):  # fmt: skip
        assert needed in names
    assert not any("__pycache__" in name for name in names)


def test_sdist_installs_into_a_fresh_venv_and_checks_the_sample(sdist, tmp_path):
    env_dir = tmp_path / "fresh"
    venv.EnvBuilder(with_pip=False).create(env_dir)
    python = env_dir / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
    fresh_site = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"],
        capture_output=True, text=True, check=True,
    ).stdout.strip()  # fmt: skip
    # Dependencies (and pip, setuptools) from this environment: a plain path line, so its
    # editable-install hook (.pth files inside it) is not run and its postingstudio stays hidden.
    Path(fresh_site, "borrowed-deps.pth").write_text(sysconfig.get_path("purelib") + "\n")
    install = subprocess.run(
        [str(python), "-m", "pip", "install", "--quiet", "--no-index", "--no-deps",
         "--no-build-isolation", str(sdist)],
        capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    assert install.returncode == 0, install.stderr
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    scripts = Path(python).parent
    check = subprocess.run(
        [str(scripts / "postingstudio"), "check", "--sample"],
        capture_output=True, text=True, timeout=300, cwd=elsewhere,
        env={**os.environ, "POSTINGSTUDIO_CACHE_DIR": str(tmp_path / "cache")},
    )  # fmt: skip
    assert check.returncode in (0, 1), check.stderr
    assert "overall" in check.stdout
    # The sample and the rules came from the installed package, not from this checkout.
    installed_sample = Path(fresh_site) / "postingstudio" / "_resources" / "samples"
    assert str(installed_sample) in check.stdout
    assert (scripts / "postingstudio-gui").is_file()  # the gui-scripts entry
