"""Write docs/screenshot-dark.png: the main window in the dark theme with a made-up posting.

Run under a display, e.g. ``xvfb-run -a -s "-screen 0 1600x1000x24" .venv/bin/python
scripts/dark_screenshot.py``.
"""

from __future__ import annotations

import sys
import tempfile
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


def main() -> int:
    app = QApplication.instance() or QApplication(sys.argv)
    out = Path(__file__).resolve().parent.parent / "docs" / "screenshot-dark.png"
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        (root / "config").mkdir()
        (root / "config" / "preferences.toml").write_text('[preferences]\ntheme = "dark"\n')
        posting = root / "posting.txt"
        posting.write_text(POSTING, encoding="utf-8")
        ws = Workspace(AppPaths(root / "config", root / "data", root / "data" / "logs"),
                       resources_dir(), analysis_delay_ms=30)  # fmt: skip
        ws.window.resize(1280, 820)
        ws.window.show()
        ws.files.open_file(str(posting), ask=False)
        for _ in range(200):  # let the analysis finish and paint
            app.processEvents()
            QApplication.instance().thread().msleep(50)
        ws.window.grab().save(str(out), "PNG")
        ws.shutdown()
    print(out)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
