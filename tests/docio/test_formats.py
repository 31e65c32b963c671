"""The formats registry is the one source of what opens and what exports."""

from __future__ import annotations

from pathlib import Path

from postingstudio.docio import EXPORT_FORMATS, READ_FORMATS, formats, load_posting


def test_markdown_suffix_opens(tmp_path: Path) -> None:
    path = tmp_path / "ad.markdown"
    path.write_text("# Data engineer\n\nYou will build **pipelines**.\n", encoding="utf-8")
    posting = load_posting(path)
    assert ".markdown" in READ_FORMATS
    assert any("pipelines" in block.text for block in posting.blocks)


def test_open_filter_lists_every_readable_suffix() -> None:
    flt = formats.open_filter()
    for fmt in formats.FORMATS:
        for suffix in fmt.suffixes:
            assert (f"*{suffix}" in flt) == fmt.can_read
    assert flt.endswith(";;All files (*)")


def test_save_formats_follow_the_table() -> None:
    keys = [key for key, _label in formats.save_formats()]
    assert keys == [f.key for f in formats.FORMATS if f.can_export]
    assert keys[0] == "docx"
    assert ".pdf" in EXPORT_FORMATS and ".pdf" not in READ_FORMATS
