"""A line inserted from the compare view goes through the same lossless Save as typing: a real
Word job description gets a competitor's benefit, is saved, and every one of its own paragraphs
comes back byte for byte, in order, around the inserted ones (the corpus file is copied to a
temporary folder at run time, never into the repository)."""

from __future__ import annotations

import shutil
import zipfile

from lxml import etree

from tests.conftest import corpus_path
from tests.docio.conftest import W

from .compare_support import MINE_DOCX, dental_pair, wait_comparison
from .conftest import wait_report


def _paragraphs(path) -> list[bytes]:
    root = etree.fromstring(zipfile.ZipFile(path).read("word/document.xml"))
    return [etree.tostring(p, method="c14n") for p in root.iter(f"{{{W}}}p")]


def test_an_offer_inserted_from_the_compare_view_is_saved_losslessly(
    qtbot, workspace, prompts, tmp_path
):
    path = tmp_path / MINE_DOCX
    shutil.copyfile(corpus_path("docx", "jd_real", MINE_DOCX), path)
    _mine, theirs = dental_pair()
    workspace.start(show=False)
    assert workspace.files.open_file(str(path), ask=False)
    wait_report(qtbot, workspace)
    workspace.compare.add_competitor_text(theirs["text"], name="Their ad")
    latest = wait_comparison(qtbot, workspace)
    offers = [o for o in latest.comparison.they_offer if workspace.compare.insert_label(o)]
    assert offers, "the competitor offers something mine lacks"
    before_text = workspace.window.editor.toPlainText()
    assert workspace.compare.insert_offer(offers[0])
    assert workspace.window.editor.toPlainText() != before_text
    before = _paragraphs(path)
    workspace.window.actions.save.trigger()
    assert prompts.errors == [] and not workspace.window.isWindowModified()
    after = _paragraphs(path)
    assert len(after) > len(before)
    remaining = iter(after)
    missing = [p for p in before if not any(p == q for q in remaining)]
    assert missing == []  # every original paragraph, unchanged and in its order
