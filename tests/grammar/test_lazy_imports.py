"""Start-up pays only for what it uses: the GUI's modules and `check` without --grammar never
load language-tool-python or requests (together about 250 ms). Run in a fresh interpreter,
because this test process has long imported both."""

from __future__ import annotations

import json
import os
import subprocess
import sys

HEAVY = ("language_tool_python", "requests")

PROBE = """
import contextlib, io, json, sys
from postingstudio.cli import run_cli
with contextlib.redirect_stdout(io.StringIO()):
    run_cli(["check", "--sample"])
after_check = sorted(m for m in {heavy!r} if m in sys.modules)
import postingstudio.app, postingstudio.ui.shell.workspace, postingstudio.ui.shell.grammar_wiring
import postingstudio.grammar as grammar
grammar.GrammarConfig, grammar.GrammarState, grammar.probe_server, grammar.DownloadCancelledError
after_gui = sorted(m for m in {heavy!r} if m in sys.modules)
grammar.GrammarChecker  # the names the grammar lane uses when a check starts
print(json.dumps([after_check, after_gui]))
"""


def _run(code: str) -> list[list[str]]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=120
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_gui_modules_and_check_without_grammar_never_load_languagetool_or_requests() -> None:
    after_check, after_gui = _run(PROBE.format(heavy=HEAVY))
    assert after_check == []
    assert after_gui == []


def test_the_first_grammar_check_does_load_them() -> None:
    # The probe above could pass by never importing anything: show that a grammar engine
    # does bring them in, so the assertion above is about laziness, not absence.
    code = (
        "import json, sys\n"
        "from postingstudio.grammar.lt_client import open_engine\n"
        f"print(json.dumps([[m for m in {HEAVY!r} if m in sys.modules]]))\n"
    )
    assert sorted(_run(code)[0]) == sorted(HEAVY)
