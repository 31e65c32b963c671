"""Open → edit → Ctrl+S through the real main window keeps every untouched paragraph.

Every real job description and python-docx fixture gets the cheapest edit (a word typed at the
end); a few files get each of the other edits (one fix, an inserted section, all safe fixes).
``benchmarks/lossless_save.py`` runs the full matrix and writes the figures.
"""

from __future__ import annotations

import dataclasses
import json
import os

import pytest

from tests.conftest import corpus_path
from tests.ui.conftest import ScriptedPrompts

from .lossless_check import EDITS, run_edit

pytestmark = pytest.mark.e2e


def corpus_files():
    try:
        real = sorted(corpus_path("docx", "jd_real").glob("*.docx"))
        fixtures = sorted(corpus_path("docx", "fixture_python_docx").glob("*.docx"))
    except BaseException:  # noqa: BLE001 - corpus_path skips; at collection time that is a list
        return []
    return real + fixtures


FILES = corpus_files()
# benchmarks/lossless_save.py sets LOSSLESS_FULL_MATRIX: every file gets every edit there.
FULL = bool(os.environ.get("LOSSLESS_FULL_MATRIX"))
SUBSET = FILES if FULL else [f for f in FILES if "jd_real" in str(f)][:3]
RESULTS = os.environ.get("LOSSLESS_RESULTS")  # JSON lines of outcomes, for the benchmark


@pytest.fixture(scope="module")
def live(qapp, tmp_path_factory):
    from postingstudio.paths import resources_dir
    from postingstudio.ui.shell.workspace import AppPaths, Workspace

    folder = tmp_path_factory.mktemp("lossless")
    paths = AppPaths(folder / "config", folder / "data", folder / "logs")
    prompts = ScriptedPrompts()
    ws = Workspace(paths, resources_dir(), prompts=prompts)
    ws.start()
    yield ws, prompts, folder
    ws.shutdown()
    ws.window.close()


def _check(qtbot, live, path, edit):
    ws, prompts, folder = live
    outcome = run_edit(qtbot, ws, prompts, path, edit, folder)
    if RESULTS:
        with open(RESULTS, "a", encoding="utf-8") as out:
            out.write(json.dumps(dataclasses.asdict(outcome)) + "\n")
    assert outcome.differences == []
    return outcome


@pytest.mark.skipif(not FILES, reason="shared corpus not found (set POSTINGSTUDIO_SHARED)")
@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name[:40])
def test_word_typed_at_the_end_keeps_every_other_paragraph(qtbot, live, path):
    outcome = _check(qtbot, live, path, "type_word_at_end")
    assert outcome.edited


@pytest.mark.skipif(not SUBSET, reason="shared corpus not found (set POSTINGSTUDIO_SHARED)")
@pytest.mark.parametrize("edit", EDITS[1:])
@pytest.mark.parametrize("path", SUBSET, ids=lambda p: p.name[:40])
def test_fixes_and_inserted_sections_keep_every_untouched_paragraph(qtbot, live, path, edit):
    outcome = _check(qtbot, live, path, edit)
    assert outcome.compared > 0 or not FULL
