"""End-to-end set-up: the real main window, on a real X server when there is one.

With ``DISPLAY`` set (``xvfb-run -a pytest …`` in CI) Qt uses the xcb platform, so windows are
really mapped, exposed and painted by an X server. Without a display the tests still run, on the
offscreen platform, rather than being skipped: the flows they check do not depend on X, only the
pixels of the screenshot come from a different painter. Screenshots go to ``test-artifacts/``.
"""

from __future__ import annotations

import os
from contextlib import contextmanager
from pathlib import Path

import pytest

if os.environ.get("DISPLAY") and os.environ.get("QT_QPA_PLATFORM", "offscreen") == "offscreen":
    # The root conftest defaults to offscreen; a real display is better for end-to-end runs.
    os.environ["QT_QPA_PLATFORM"] = "xcb"

REPO = Path(__file__).resolve().parents[2]
ARTIFACTS = REPO / "test-artifacts"


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/e2e/" in str(item.fspath).replace(os.sep, "/"):
            item.add_marker(pytest.mark.e2e)


@pytest.fixture
def artifacts() -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS


def screenshot(widget, path: Path) -> Path:
    """Grab the widget as it is painted now and save it as PNG."""
    from PySide6.QtWidgets import QApplication

    QApplication.processEvents()
    image = widget.grab()
    assert image.save(str(path), "PNG"), f"could not write {path}"
    return path


def assert_not_blank(path: Path) -> None:
    """A real screenshot has many colours and no colour covering nearly all of it."""
    from collections import Counter

    from PySide6.QtGui import QImage

    image = QImage(str(path))
    assert not image.isNull(), f"{path} is not an image"
    assert image.width() > 400 and image.height() > 300
    samples = Counter(
        image.pixel(x, y) for x in range(0, image.width(), 4) for y in range(0, image.height(), 4)
    )
    total = sum(samples.values())
    assert len(samples) > 40, f"only {len(samples)} colours: the screenshot looks blank"
    assert samples.most_common(1)[0][1] / total < 0.85, "one colour covers the whole screenshot"


@contextmanager
def running_workspace(qtbot, folder: Path, size: tuple[int, int] | None = None):
    """The real main window with scripted prompts, its config and data under ``folder``,
    started and shown; shut down on leaving. Yields ``(workspace, prompts)``."""
    from postingstudio.paths import resources_dir
    from postingstudio.ui.shell.workspace import AppPaths, Workspace
    from tests.ui.conftest import ScriptedPrompts

    paths = AppPaths(folder / "config", folder / "data", folder / "logs")
    prompts = ScriptedPrompts()
    ws = Workspace(paths, resources_dir(), prompts=prompts)
    qtbot.addWidget(ws.window)
    if size is not None:
        ws.window.resize(*size)
    ws.start()
    qtbot.waitExposed(ws.window)
    try:
        yield ws, prompts
    finally:
        ws.shutdown()
