"""Composition root of the desktop app (argv, logging, QApplication, settings, wiring)."""

from __future__ import annotations


def run_app(args: list[str]) -> int:
    from postingstudio.ui.main_window import run  # type: ignore[import-not-found]

    return int(run(args))
