"""The one place that finds the ``resources/`` folder, however the package was installed."""

from __future__ import annotations

import os
import sys
from pathlib import Path

ENV_OVERRIDE = "POSTINGSTUDIO_RESOURCES"


def resources_dir() -> Path:
    """Return the folder holding rules, word lists, section specs and templates.

    Checked in order: an environment override; a PyInstaller bundle; an installed wheel (the
    folder is copied into the package as ``_resources`` at build time); a source checkout or
    editable install (``resources/`` beside ``src/``).
    """
    override = os.environ.get(ENV_OVERRIDE)
    if override:
        return Path(override)
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        return Path(bundle) / "resources"
    package_dir = Path(__file__).resolve().parent
    installed = package_dir / "_resources"
    if installed.is_dir():
        return installed
    checkout = package_dir.parent.parent / "resources"
    if checkout.is_dir():
        return checkout
    raise FileNotFoundError(
        f"Posting Studio cannot find its resources folder (looked in {installed} and {checkout}); "
        f"set {ENV_OVERRIDE} to its location."
    )
