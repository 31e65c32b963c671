"""The real LanguageTool on a sample posting, where Java and an install are present.

Marked ``languagetool``; skips with the reason otherwise. It never downloads: install
LanguageTool with the app's download, point ``$LTP_PATH`` at language-tool-python's download
folder, or set ``POSTINGSTUDIO_LANGUAGETOOL`` to a LanguageTool folder.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from postingstudio.core.findings import Category
from postingstudio.grammar import GrammarChecker, GrammarConfig, GrammarMode, preflight

from .conftest import ORIGINAL_LTP_JAR_DIR_PATH as ORIGINAL_JAR
from .conftest import ORIGINAL_LTP_PATH

pytestmark = pytest.mark.languagetool

SAMPLE = (
    "Senior Data Engineer 🚀\n"
    "We are looking for a engineer who enjoy building pipelines.\n"
    "You will recieve a competitive salary."
)


@pytest.fixture
def real_install(monkeypatch: pytest.MonkeyPatch) -> Path | None:
    # Undo the grammar conftest's empty LTP_PATH: this test looks at the real folders.
    for name, value in (("LTP_PATH", ORIGINAL_LTP_PATH), ("LTP_JAR_DIR_PATH", ORIGINAL_JAR)):
        if value:
            monkeypatch.setenv(name, value)
        else:
            monkeypatch.delenv(name, raising=False)
    chosen = os.environ.get("POSTINGSTUDIO_LANGUAGETOOL")
    return Path(chosen) if chosen else None


def test_real_local_languagetool_checks_a_posting(real_install: Path | None) -> None:
    check = preflight(real_install)
    if check.problem is not None:
        pytest.skip(f"local LanguageTool unavailable: {check.problem.reason}")
    checker = GrammarChecker(
        GrammarConfig(mode=GrammarMode.LOCAL, local_path=real_install, timeout_s=60)
    )
    try:
        findings = checker.check(SAMPLE)
    finally:
        checker.close()
    by_text = {f.text: f for f in findings}
    assert "recieve" in by_text
    assert by_text["recieve"].category is Category.SPELLING
    assert "receive" in by_text["recieve"].replacements
    for finding in findings:
        assert SAMPLE[finding.start : finding.end] == finding.text
