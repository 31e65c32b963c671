"""Write docs/screenshot-dark.png: the main window in the dark theme with a made-up posting.

Run under a display, e.g. ``xvfb-run -a -s "-screen 0 1600x1000x24" .venv/bin/python
scripts/dark_screenshot.py``.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

from PySide6.QtWidgets import QApplication

from postingstudio.paths import resources_dir
from postingstudio.ui.shell.workspace import AppPaths, Workspace

POSTING = """Senior Data Analyst
About the role
You will be responsible for building dashboards and working in a fast-paced environment.
What you will do
Build reports for our teams. Work with a rockstar team of ninjas.
How to apply
Send your CV by email.
"""


def _report_shown(ws: Workspace) -> bool:
    """The same condition as tests/ui/conftest.py's ``wait_report``: the analysis of the
    document's current text has been shown."""
    latest = ws.analysis.latest
    return (
        latest is not None
        and latest.generation == ws.analysis.generation
        and ws.session.markers.result is latest
    )


def _wait_report(app: QApplication, ws: Workspace, timeout_s: float = 30.0) -> bool:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        app.processEvents()
        if _report_shown(ws):
            return True
        app.thread().msleep(20)
    return False


def main() -> int:
    app = QApplication.instance() or QApplication(sys.argv)
    out = Path(__file__).resolve().parent.parent / "docs" / "screenshot-dark.png"
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        (root / "config").mkdir()
        (root / "config" / "preferences.toml").write_text('schema = 2\n[ui]\ntheme = "dark"\n')
        posting = root / "posting.txt"
        posting.write_text(POSTING, encoding="utf-8")
        ws = Workspace(AppPaths(root / "config", root / "data", root / "data" / "logs"),
                       resources_dir(), analysis_delay_ms=30)  # fmt: skip
        ws.window.resize(1280, 820)
        ws.analysis.start()  # without it nothing is analysed (grammar stays off: no LanguageTool)
        ws.files.open_file(str(posting), ask=False)
        ws.window.show()
        if not _wait_report(app, ws):
            ws.shutdown()
            print("the analysis report did not arrive in 30 s; no screenshot written")
            return 1
        for _ in range(10):  # let the panels fill and the markers paint
            app.processEvents()
            app.thread().msleep(20)
        ws.window.grab().save(str(out), "PNG")
        ws.shutdown()
    print(out)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
