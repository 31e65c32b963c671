"""HTML, Markdown, plain text and PDF exports; atomic writes and overwrite protection."""

from __future__ import annotations

import os
import shutil
from html.parser import HTMLParser

import pytest

from postingstudio.core.model import Block, BlockKind, BlockOrigin, Posting, Run
from postingstudio.core.plaintext import parse_text
from postingstudio.docio import (
    ExportError,
    TargetExistsError,
    UnsupportedFormatError,
    load_posting,
    save_posting,
)
from postingstudio.docio.html_export import html_fragment, to_html
from postingstudio.docio.html_reader import parse_html
from postingstudio.docio.markdown_export import to_markdown
from postingstudio.docio.text_export import to_text


def _posting() -> Posting:
    cell = BlockKind.TABLE_CELL
    return Posting(
        (
            Block(BlockKind.PARAGRAPH, (Run("Acme Careers"),), origin=BlockOrigin.HEADER),
            Block(BlockKind.HEADING, (Run("Data Engineer", bold=True),), level=1),
            Block(
                BlockKind.PARAGRAPH,
                (
                    Run("Join "),
                    Run("our team", bold=True),
                    Run(" of "),
                    Run("5 * 2 <engineers>", italic=True),
                    Run(". "),
                    Run("Apply", link="https://jobs.example.com/?a=1&b=2"),
                    Run(" or "),
                    Run("not this", link="javascript:alert(1)"),
                    Run("\vNew line"),
                ),
            ),
            Block(BlockKind.HEADING, (Run("What you do"),), level=2),
            Block(BlockKind.LIST_ITEM, (Run("Build pipelines"),)),
            Block(BlockKind.LIST_ITEM, (Run("Batch"),), level=1, numbered=True),
            Block(BlockKind.LIST_ITEM, (Run("Streaming"),), level=1, numbered=True),
            Block(BlockKind.LIST_ITEM, (Run("Review code"),)),
            Block(cell, (Run("Salary"),), cell=(0, 0, 0)),
            Block(cell, (Run("£50,000 | bonus"),), cell=(0, 0, 1)),
            Block(cell, (Run("Place"),), cell=(0, 1, 0)),
            Block(cell, (Run("Remote"),), cell=(0, 1, 1)),
            Block(
                BlockKind.PARAGRAPH,
                (Run("Equal opportunity employer."),),
                origin=BlockOrigin.FOOTER,
            ),
        ),
        title="Data Engineer",
    )


class _Validator(HTMLParser):
    """Checks that every element is closed in order and that li only sits in ul/ol."""

    VOID = {"br", "meta", "hr", "img"}

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[str] = []
        self.errors: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag == "li" and (not self.stack or self.stack[-1] not in ("ul", "ol")):
            self.errors.append(f"li inside {self.stack[-1:] or 'nothing'}")
        if tag in ("ul", "ol") and self.stack and self.stack[-1] in ("ul", "ol"):
            self.errors.append("list directly inside a list")
        if tag not in self.VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag):
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"unexpected </{tag}> with {self.stack[-3:]}")
        else:
            self.stack.pop()


def test_html_is_semantic_escaped_and_well_nested():
    html = to_html(_posting())
    checker = _Validator()
    checker.feed(html)
    assert checker.errors == [] and checker.stack == []
    assert (
        "<h1>Data Engineer</h1>" in html
        and "<strong>" not in html.split("<main>")[1].split("</h1>")[0]
    )
    assert "&lt;engineers&gt;" in html and "<engineers>" not in html
    assert '<a href="https://jobs.example.com/?a=1&amp;b=2">Apply</a>' in html
    assert "javascript:" not in html and "not this" in html
    assert "<header>" in html and "<footer>" in html
    assert "<ul>" in html and "<ol>" in html and "<table>" in html
    fragment = html_fragment(_posting())
    assert "<html" not in fragment and "Acme Careers" not in fragment


def test_html_reads_back_to_the_same_blocks():
    posting = _posting()
    again = parse_html(html_fragment(posting))
    body = [b for b in posting.blocks if b.origin is BlockOrigin.BODY]
    assert [(b.kind, b.level, b.numbered, b.text) for b in again.blocks] == [
        (b.kind, b.level, b.numbered, b.text) for b in body
    ]


def test_markdown_escapes_and_reads_back():
    md = to_markdown(_posting())
    assert md.startswith("Acme Careers\n\n---\n\n# Data Engineer\n")
    assert "**our team**" in md and "*5 \\* 2 \\<engineers\\>*" in md
    assert "[Apply](https://jobs.example.com/?a=1&b=2)" in md
    assert "- Build pipelines\n    1. Batch\n    2. Streaming\n- Review code" in md
    assert "| Salary | £50,000 \\| bonus |\n| --- | --- |\n| Place | Remote |" in md
    again = parse_text(md, markdown=True)
    texts = [b.text for b in again.blocks]
    for expected in ("Data Engineer", "What you do", "Build pipelines", "Batch", "Review code"):
        assert expected in texts


def test_plain_text_layout():
    text = to_text(_posting())
    assert text.splitlines()[:5] == ["Acme Careers", "", "Data Engineer", "=============", ""]
    assert "• Build pipelines\n  1. Batch\n  2. Streaming\n• Review code" in text
    assert "Salary | £50,000 | bonus\nPlace | Remote" in text
    assert "Apply or not this\nNew line" in text
    assert text.endswith("Equal opportunity employer.\n")


def test_pdf_with_the_builtin_renderer(tmp_path):
    from postingstudio.docio.pdf_export import write_pdf

    posting = _posting().with_blocks(
        _posting().blocks + (Block.of(BlockKind.PARAGRAPH, "中文 ✓ €"),)
    )
    out = tmp_path / "builtin.pdf"
    write_pdf(posting, str(out), engine="reportlab")
    data = out.read_bytes()
    assert data.startswith(b"%PDF") and len(data) > 2000


@pytest.mark.skipif(not shutil.which("soffice"), reason="LibreOffice (soffice) is not installed")
def test_pdf_through_libreoffice(tmp_path):
    out = tmp_path / "posting.pdf"
    save_posting(_posting(), out)
    assert out.read_bytes().startswith(b"%PDF")


def test_every_format_by_extension_and_overwrite_protection(tmp_path):
    posting = _posting()
    for extension in (".docx", ".html", ".md", ".txt"):
        out = tmp_path / f"posting{extension}"
        save_posting(posting, out)
        assert out.stat().st_size > 0
        with pytest.raises(TargetExistsError, match="already exists"):
            save_posting(posting, out)
        save_posting(posting, out, overwrite=True)
    again = load_posting(tmp_path / "posting.docx")
    assert [b.text for b in again.blocks if b.origin is BlockOrigin.BODY] == [
        b.text for b in posting.blocks
    ]
    with pytest.raises(UnsupportedFormatError):
        save_posting(posting, tmp_path / "posting.odt")
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "posting.docx",
        "posting.html",
        "posting.md",
        "posting.txt",
    ], "no temporary files are left behind"


def test_failed_write_leaves_the_old_file_intact(tmp_path, monkeypatch):
    out = tmp_path / "posting.html"
    out.write_text("old export")
    os.chmod(out, 0o640)

    def broken_replace(source, target):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(ExportError, match="disk is full"):
        save_posting(_posting(), out, overwrite=True)
    monkeypatch.undo()
    assert out.read_text() == "old export"
    assert [p.name for p in tmp_path.iterdir()] == ["posting.html"]
    save_posting(_posting(), out, overwrite=True)
    assert oct(out.stat().st_mode & 0o777) == oct(0o640), (
        "permissions of the replaced file are kept"
    )


def test_failure_while_building_leaves_the_old_file_intact(tmp_path, monkeypatch):
    import postingstudio.docio.html_export as html_export

    out = tmp_path / "posting.html"
    out.write_text("old export")
    monkeypatch.setattr(
        html_export, "to_html", lambda posting: (_ for _ in ()).throw(ValueError("boom"))
    )
    with pytest.raises(ExportError, match="boom"):
        save_posting(_posting(), out, overwrite=True)
    assert out.read_text() == "old export"


def test_unwritable_folder_gives_a_clear_error(tmp_path):
    with pytest.raises(ExportError, match="does not exist"):
        save_posting(_posting(), tmp_path / "missing" / "x.txt")
    if os.geteuid() != 0:  # root ignores permission bits
        locked = tmp_path / "locked"
        locked.mkdir(mode=0o500)
        with pytest.raises(ExportError, match="permission denied"):
            save_posting(_posting(), locked / "x.txt")


def test_the_html_title_names_the_job_not_a_placeholder():
    from postingstudio.docio.html_export import page_title

    heading = Block(BlockKind.HEADING, runs=(Run("Data Analytics Co-op"),), level=1)
    body = Block(BlockKind.PARAGRAPH, runs=(Run("You will build dashboards."),))
    assert "<title>Data Analytics Co-op</title>" in to_html(Posting((body, heading)))
    # no heading: the first line, cut to a tab's length
    long_line = Block(BlockKind.PARAGRAPH, runs=(Run(" ".join(["word"] * 20)),))
    assert page_title(Posting((long_line,))) == " ".join(["word"] * 12) + " …"
    assert page_title(Posting((heading,), title="Senior Nurse")) == "Senior Nurse"
    assert "<title>Job posting</title>" in to_html(Posting(()))


def test_markdown_bold_hugs_its_text_so_it_renders():
    label = Block(BlockKind.PARAGRAPH, runs=(Run("Start Date: ", bold=True), Run("May 2022")))
    assert to_markdown(Posting((label,))) == "**Start Date:** May 2022\n"
