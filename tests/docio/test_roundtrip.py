"""Round trips over the shared corpus, and what an export into a source document keeps.

For every corpus .docx: read → write unchanged → read gives the same blocks (kind, level,
numbered, text, runs with bold/italic/underline/links, style, origin, cell). The same holds
when every block is rebuilt from scratch (no source XML reused), except that a text box can
only be rebuilt as a body paragraph. Exports open in LibreOffice where it is installed.
"""

from __future__ import annotations

import io
import shutil
import subprocess
import zipfile
from dataclasses import replace
from pathlib import Path

import pytest
from lxml import etree

from postingstudio.core.model import Block, BlockKind, BlockOrigin, Posting, Run
from postingstudio.core.plaintext import parse_text
from postingstudio.docio import TargetExistsError, load_posting, save_posting
from postingstudio.docio.docx_reader import read_docx
from postingstudio.docio.docx_writer import build_docx

from .conftest import W, corpus_docx_files, corpus_ids


def _key(block: Block, *, textbox_as_body: bool = False) -> tuple:
    origin = (
        BlockOrigin.BODY
        if textbox_as_body and block.origin is BlockOrigin.TEXTBOX
        else block.origin
    )
    return (
        block.kind,
        block.level,
        block.numbered,
        block.text,
        block.runs,
        block.style,
        origin,
        block.cell,
    )


@pytest.mark.parametrize("path", corpus_docx_files(), ids=corpus_ids())
def test_corpus_round_trip_is_identical(path: Path):
    before = read_docx(str(path), path.read_bytes()).posting
    after = read_docx(str(path), build_docx(before)).posting
    assert after.blocks == before.blocks


@pytest.mark.parametrize("path", corpus_docx_files(), ids=corpus_ids())
def test_corpus_round_trip_with_every_block_rebuilt(path: Path):
    before = read_docx(str(path), path.read_bytes()).posting
    after = read_docx(str(path), build_docx(before, reuse=False)).posting
    assert [_key(b, textbox_as_body=True) for b in after.blocks] == [
        _key(b, textbox_as_body=True) for b in before.blocks
    ]


def test_corpus_is_present_or_skipped(corpus_files):
    assert len(corpus_files) >= 50


def _body(document: bytes) -> etree._Element:
    return etree.fromstring(document).find(f"{{{W}}}body")


def _header_rich(corpus_files: list[Path]) -> Path:
    for path in corpus_files:
        if "invalid_tag_name" in path.name:
            return path
    pytest.skip("corpus file with headers and footers not found")


def test_edited_export_keeps_everything_outside_the_body(corpus_files, tmp_path):
    source = _header_rich(corpus_files)
    posting = load_posting(source)
    index = next(
        i
        for i, b in enumerate(posting.blocks)
        if b.kind is BlockKind.PARAGRAPH and b.origin is BlockOrigin.BODY
    )
    edited = list(posting.blocks)
    edited[index] = edited[index].with_text("We pay £55,000–£65,000 and offer 30 days of leave.")
    out = tmp_path / "edited.docx"
    save_posting(posting.with_blocks(tuple(edited)), out)
    original, exported = zipfile.ZipFile(source), zipfile.ZipFile(out)
    for name in original.namelist():
        if name.startswith(
            ("word/header", "word/footer", "word/media", "word/theme", "word/fontTable")
        ) or name in (
            "word/styles.xml",
            "word/settings.xml",
        ):
            assert exported.read(name) == original.read(name), name
    sections = [
        etree.tostring(_body(archive.read("word/document.xml"))[-1], method="c14n")
        for archive in (original, exported)
    ]
    assert sections[0] == sections[1], "page setup and header/footer references are kept"
    again = load_posting(out)
    assert again.blocks[index].text.startswith("We pay £55,000")
    assert [b.text for i, b in enumerate(again.blocks) if i != index] == [
        b.text for i, b in enumerate(posting.blocks) if i != index
    ]


def test_header_and_footer_text_is_never_copied_into_the_body(corpus_files, tmp_path):
    source = _header_rich(corpus_files)
    posting = load_posting(source)
    # rebuild everything: even then, header/footer blocks must not land in the body
    document = read_docx(str(source), build_docx(posting, reuse=False))
    body_texts = [b.text for b in document.posting.blocks if b.origin is BlockOrigin.BODY]
    for block in posting.blocks:
        if block.origin in (BlockOrigin.HEADER, BlockOrigin.FOOTER):
            assert block.text not in body_texts


def test_plain_text_posting_uses_the_template_styles_and_restarts_numbering(tmp_path):
    text = (
        "Data Engineer\n\nAbout the role\nYou will build pipelines for our analysts.\n\n"
        "Steps:\n1. Apply\n2. Interview\n\nWhat you bring:\n- Python\n- SQL\n\n"
        "Next steps\n1. Offer\n2. Start\n"
    )
    posting = parse_text(text, source_path=str(tmp_path / "p.txt"))
    out = tmp_path / "p.docx"
    save_posting(posting, out)
    again = load_posting(out)
    body = [b for b in again.blocks if b.origin is BlockOrigin.BODY]
    assert [b.text for b in body] == [b.text for b in posting.blocks]
    assert [b.kind for b in body] == [b.kind for b in posting.blocks]
    headings = [b for b in body if b.kind is BlockKind.HEADING]
    assert all(b.style and b.style.startswith("Heading") for b in headings)
    assert all(run.bold for b in headings for run in b.runs), "headings keep the template's bold"
    xml = zipfile.ZipFile(out).read("word/document.xml").decode()
    numbered_ids = {
        chunk.split('w:numId w:val="')[1].split('"')[0]
        for chunk in xml.split("<w:p>")
        if "Apply" in chunk or "Offer" in chunk
    }
    assert len(numbered_ids) == 2, "each numbered list starts again at 1"
    footer = [b.text for b in again.blocks if b.origin is BlockOrigin.FOOTER]
    assert footer and footer[0].startswith("Page")


def test_rich_runs_and_links_survive_a_template_export(tmp_path):
    posting = Posting(
        (
            Block(BlockKind.HEADING, (Run("Engineer"),), level=1),
            Block(
                BlockKind.PARAGRAPH,
                (
                    Run("Bold", bold=True),
                    Run(" and "),
                    Run("italic", italic=True),
                    Run(" and "),
                    Run("under", underline=True),
                    Run(" "),
                    Run("apply", underline=True, link="https://example.com/a?b=1&c=2"),
                    Run("\tTab\vbreak"),
                ),
            ),
            Block(BlockKind.LIST_ITEM, (Run("Level one"),), level=0),
            Block(BlockKind.LIST_ITEM, (Run("Level two"),), level=1, numbered=True),
        )
    )
    out = tmp_path / "rich.docx"
    save_posting(posting, out)
    again = [b for b in load_posting(out).blocks if b.origin is BlockOrigin.BODY]
    assert again[1].runs == posting.blocks[1].runs
    assert [(b.kind, b.level, b.numbered) for b in again[2:]] == [
        (BlockKind.LIST_ITEM, 0, False),
        (BlockKind.LIST_ITEM, 1, True),
    ]


def test_explicit_template_overrides_the_source(corpus_files, tmp_path):
    from postingstudio.docio.docx_writer import default_template

    source = _header_rich(corpus_files)
    posting = load_posting(source)
    out = tmp_path / "templated.docx"
    save_posting(posting, out, template=default_template())
    exported = zipfile.ZipFile(out)
    template = zipfile.ZipFile(default_template())
    assert exported.read("word/footer1.xml") == template.read("word/footer1.xml")
    body = [b.text for b in load_posting(out).blocks if b.origin is BlockOrigin.BODY]
    # the old header and footer text has no parts of its own here: it opens and closes the body
    assert body == [b.text for b in posting.blocks]


def test_source_is_protected_unless_overwrite(corpus_files, tmp_path):
    source = tmp_path / "source.docx"
    shutil.copyfile(_header_rich(corpus_files), source)
    posting = load_posting(source)
    before = source.read_bytes()
    with pytest.raises(TargetExistsError, match="being exported"):
        save_posting(posting, source)
    assert source.read_bytes() == before
    edited = posting.with_blocks(tuple(replace(b, runs=b.runs) for b in posting.blocks))
    save_posting(edited, source, overwrite=True)
    assert load_posting(source).blocks == posting.blocks


@pytest.mark.skipif(not shutil.which("soffice"), reason="LibreOffice (soffice) is not installed")
def test_exports_open_in_libreoffice(corpus_files, tmp_path):
    exports = tmp_path / "exports"
    exports.mkdir()
    for index, path in enumerate(corpus_files):
        # the rebuilt form: every paragraph, run, list and table is XML we generated
        (exports / f"r{index:02d}.docx").write_bytes(build_docx(load_posting(path), reuse=False))
    template_export = exports / "template.docx"
    save_posting(parse_text("Engineer\n\nAbout\nWe build.\n\n- One\n- Two\n"), template_export)
    profile = f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}"
    files = sorted(map(str, exports.glob("*.docx")))
    command = [
        "soffice",
        profile,
        "--headless",
        "--convert-to",
        "pdf",
        "--outdir",
        str(tmp_path / "pdf"),
    ]
    result = subprocess.run([*command, *files], capture_output=True, timeout=900, check=False)
    assert result.returncode == 0, result.stderr[-2000:]
    made = {p.stem for p in (tmp_path / "pdf").glob("*.pdf") if p.stat().st_size > 0}
    expected = {p.stem for p in exports.glob("*.docx")}
    assert made == expected, sorted(expected - made)
    assert io.BytesIO((tmp_path / "pdf" / "template.pdf").read_bytes()).read(4) == b"%PDF"
