"""Cross-check: for every corpus .docx that python-docx can open, our reader sees the same body
paragraph text, in the same order (python-docx is the reference implementation)."""

from __future__ import annotations

import csv
import re

import docx
import pytest

from postingstudio.core.model import BlockOrigin
from postingstudio.docio import load_posting
from tests.conftest import CORPUS


def opened_by_python_docx():
    """The corpus files python-docx opens; none when the corpus is absent (then the test skips)."""
    manifest = CORPUS / "docx" / "manifest.csv"
    if not manifest.exists():
        return [
            pytest.param(
                None,
                marks=pytest.mark.skip(
                    reason=f"shared corpus not found at {manifest} (set POSTINGSTUDIO_SHARED)"
                ),
            )
        ]
    with manifest.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    column = next(c for c in rows[0] if "python" in c.lower() and "docx" in c.lower())
    return [
        manifest.parent / row["file"] for row in rows if row[column].lower() in ("true", "yes", "1")
    ]


# Typed list markers ("• ", "1) ") are compared without them (python-docx and we agree on them).
_MARKER = re.compile(r"^(?:[•·▪●◦‣o*\-–]|\(?\d{1,3}[.)]|[a-zA-Z][.)])\s+")


_PRIVATE_USE = re.compile("[\ue000-\uf8ff]")  # Symbol-font glyphs (w:sym) that python-docx drops


def _normal(text: str) -> str:
    text = _PRIVATE_USE.sub("", text)
    return _MARKER.sub("", " ".join(text.replace("\v", " ").replace("\t", " ").split()))


@pytest.mark.parametrize(
    "path", opened_by_python_docx(), ids=lambda p: p.name[:50] if p else "absent"
)
def test_body_paragraphs_match_python_docx(path):
    reference = [_normal(p.text) for p in docx.Document(str(path)).paragraphs]
    reference = [text for text in reference if text]
    ours = [
        _normal(block.text)
        for block in load_posting(path).blocks
        if block.origin is BlockOrigin.BODY and block.cell is None
    ]
    ours = [text for text in ours if text]
    # Our reader also reads text python-docx skips (content controls, text boxes), so every
    # python-docx paragraph must appear in our blocks, in order.
    position = 0
    for text in reference:
        while position < len(ours) and ours[position] != text:
            position += 1
        assert position < len(ours), f"python-docx paragraph not read: {text[:80]!r}"
        position += 1
