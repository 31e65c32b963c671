"""Long runs of empty body paragraphs are held as one placeholder while a .docx is open, and
saved as the very bytes they were (docio only, no Qt)."""

from __future__ import annotations

from dataclasses import replace

import pytest
from lxml import etree

from postingstudio.core.model import Run
from postingstudio.docio import empty_paragraphs
from postingstudio.docio.docx_writer import build_docx
from postingstudio.docio.errors import CorruptDocumentError
from postingstudio.docio.source import open_source

from .conftest import W, make_docx, para


def _empties(count: int, start: int = 0) -> str:
    return "".join(
        f'<w:p w:rsidR="{n * 7919 % 16**8:08X}"'
        + (' w:rsidRDefault="00AB"' if n % 3 else "")
        + "/>"
        for n in range(start, start + count)
    )


BODY = para("Build things.") + _empties(300) + para("Ship them.") + _empties(70, 300)


def _saves(tmp_path, body: str, edit: bool) -> bytes:
    path = tmp_path / "source.docx"
    path.write_bytes(make_docx(body))
    source = open_source(path)
    blocks = list(source.posting.blocks)
    if edit:
        blocks[1] = replace(blocks[1], runs=(Run("Ship them fast."),))
    return build_docx(source.posting.with_blocks(tuple(blocks)), source=source.reading)


def _held_as_parsed(monkeypatch) -> None:
    monkeypatch.setattr(empty_paragraphs, "compact", lambda data: (data, []))


@pytest.mark.parametrize("edit", [False, True])
def test_a_saved_document_is_byte_for_byte_what_parsing_every_paragraph_gives(
    tmp_path, monkeypatch, edit
):
    held = _saves(tmp_path, BODY, edit)
    _held_as_parsed(monkeypatch)
    assert held == _saves(tmp_path, BODY, edit)


def test_each_long_run_is_one_element_of_the_body(tmp_path):
    path = tmp_path / "source.docx"
    path.write_bytes(make_docx(BODY + para("Last.") + _empties(10, 400)))
    package = open_source(path).reading.package
    body = package.xml(package.main).find(f"{{{W}}}body")
    kinds = [c.target if c.tag is etree.PI else etree.QName(c).localname for c in body]
    run = empty_paragraphs.TARGET
    assert kinds == ["p", run, "p", run, "p"] + ["p"] * 10 + ["sectPr"]  # ten stay ten


@pytest.mark.parametrize(
    "bad",
    ['<w:p w:rsidR="1" w:rsidR="2"/>', '<w:p x:rsidR="1"/>'],
    ids=["repeated attribute", "undeclared prefix"],
)
def test_a_run_the_parser_refuses_is_refused_as_before(tmp_path, monkeypatch, bad):
    path = tmp_path / "bad.docx"
    path.write_bytes(make_docx(para("Text.") + _empties(100) + bad + _empties(100)))
    with pytest.raises(CorruptDocumentError):
        open_source(path)


def test_runs_in_table_cells_are_parsed_as_they_are(tmp_path, monkeypatch):
    cell = f"<w:tc>{para('In a cell.')}{_empties(100)}</w:tc>"
    body = para("Before.") + f"<w:tbl><w:tr>{cell}</w:tr></w:tbl>" + _empties(100)
    path = tmp_path / "table.docx"
    path.write_bytes(make_docx(body))
    package = open_source(path).reading.package
    root = package.xml(package.main)
    assert not any(True for _ in root.iter(etree.PI))  # one misplaced run: the part as it is
    assert len(root.findall(f".//{{{W}}}tc/{{{W}}}p")) == 101
    held = _saves(tmp_path, body, edit=False)
    _held_as_parsed(monkeypatch)
    assert held == _saves(tmp_path, body, edit=False)
