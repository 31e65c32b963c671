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


def test_a_new_row_with_a_toy_writer_exports(tmp_path: Path, monkeypatch) -> None:
    from postingstudio.docio import save_posting

    def write_shout(posting, **_options) -> bytes:
        return "\n".join(block.text.upper() for block in posting.blocks).encode("utf-8")

    row = formats.FileFormat("shout", "Shouting text", (".shout",), writer=write_shout)
    monkeypatch.setattr(formats, "FORMATS", (*formats.FORMATS, row))
    source = tmp_path / "ad.txt"
    source.write_text("Data engineer\n\nYou will build pipelines.\n", encoding="utf-8")
    out = tmp_path / "ad.shout"
    save_posting(load_posting(source), out)
    assert "YOU WILL BUILD PIPELINES." in out.read_text(encoding="utf-8")
    assert ("shout", "Shouting text (*.shout)") in formats.save_formats()
    assert "*.shout" not in formats.open_filter()  # no reader: not offered for opening


def test_rows_name_their_reader_and_writer_lazily() -> None:
    for fmt in formats.FORMATS:
        for codec in (fmt.reader, fmt.writer):
            if codec is not None:
                assert callable(formats.resolve(codec))
    assert formats.for_suffix(".markdown").key == "md"
    assert formats.for_suffix(".docm") is None  # written only as .docx
    assert formats.for_suffix(".docm", reading=True).key == "docx"
