"""Saving into the kept source package: untouched paragraphs come back as they were, edited
ones keep the formatting of the runs the edit did not change (docio only, no Qt)."""

from __future__ import annotations

import io
import os
import zipfile
from dataclasses import replace

from lxml import etree

from postingstudio.core.model import Block, BlockKind, BlockOrigin, Run
from postingstudio.docio.docx_writer import build_docx
from postingstudio.docio.source import beside_as_docx, open_source

from .conftest import CT_MACRO, NS, NUMBERING, R, W, make_docx, para

P = f"{{{W}}}p"
SPACER = "<w:p><w:pPr><w:spacing w:after='240'/></w:pPr></w:p>"
FIELD = (
    '<w:p><w:r><w:t xml:space="preserve">Page </w:t></w:r><w:r><w:fldChar w:fldCharType="begin"/>'
    '</w:r><w:r><w:instrText> PAGE </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/>'
    '</w:r><w:r><w:t>1</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>'
    '<w:bookmarkStart w:id="0" w:name="here"/><w:bookmarkEnd w:id="0"/></w:p>'
)
HEADING = (
    '<w:p><w:pPr><w:jc w:val="center"/></w:pPr><w:r><w:rPr><w:b/><w:color w:val="FF0000"/></w:rPr>'
    "<w:t>WHAT YOU WILL DO DAY-TO-DAY:</w:t></w:r></w:p>"
)
LIST = '<w:numPr><w:ilvl w:val="0"/><w:numId w:val="2"/></w:numPr>'


def _paragraphs(data: bytes, part: str = "word/document.xml") -> list[bytes]:
    root = etree.fromstring(zipfile.ZipFile(io.BytesIO(data)).read(part))
    return [etree.tostring(p, method="c14n") for p in root.iter(P)]


def _open(tmp_path, body: str, name: str = "source.docx", **kwargs):
    path = tmp_path / name
    path.write_bytes(make_docx(body, **kwargs))
    return open_source(path)


def _save(source, blocks) -> bytes:
    return build_docx(source.posting.with_blocks(tuple(blocks)), source=source.reading)


def _edited(block: Block, text: str) -> Block:
    return replace(block, runs=(Run(text),))  # the editor may report other runs; text counts


def test_an_unchanged_posting_comes_back_paragraph_for_paragraph(tmp_path):
    body = SPACER + HEADING + SPACER + para("Build things.") + FIELD + SPACER
    source = _open(tmp_path, body)
    assert _paragraphs(_save(source, source.posting.blocks)) == _paragraphs(source.data)


def test_one_word_fixed_in_a_bold_heading_keeps_it_bold_and_nothing_else_moves(tmp_path):
    body = SPACER + HEADING + SPACER + para("Build things.") + FIELD
    source = _open(tmp_path, body)
    blocks = list(source.posting.blocks)
    assert blocks[0].kind is BlockKind.HEADING
    blocks[0] = _edited(blocks[0], "WHAT YOU WILL DO EACH DAY:")
    before, after = _paragraphs(source.data), _paragraphs(_save(source, blocks))
    assert len(after) == len(before)
    changed = [i for i, (a, b) in enumerate(zip(before, after, strict=True)) if a != b]
    assert changed == [1]  # the spacers stay above and below the heading
    heading = etree.fromstring(after[1])
    assert heading.find(f".//{{{W}}}jc") is not None
    assert all(r.find(f"{{{W}}}rPr/{{{W}}}b") is not None for r in heading.iter(f"{{{W}}}r"))
    assert "".join(heading.itertext()) == "WHAT YOU WILL DO EACH DAY:"


def test_a_word_typed_at_the_end_takes_the_formatting_of_the_last_word(tmp_path):
    mixed = (
        '<w:p><w:r><w:t xml:space="preserve">Plain and </w:t></w:r>'
        "<w:r><w:rPr><w:i/></w:rPr><w:t>italic</w:t></w:r></w:p>"
    )
    source = _open(tmp_path, mixed)
    block = source.posting.blocks[0]
    saved = _save(source, [_edited(block, block.text + " words")])
    runs = list(etree.fromstring(_paragraphs(saved)[0]).iter(f"{{{W}}}r"))
    assert ["".join(r.itertext()) for r in runs] == ["Plain and ", "italic words"]
    assert runs[1].find(f"{{{W}}}rPr/{{{W}}}i") is not None


def test_a_new_list_item_continues_its_list_and_typed_numbers_stay_text(tmp_path):
    body = para("First step", ppr=LIST) + para("1) Data Software Administration 50%")
    source = _open(tmp_path, body)
    first, typed = source.posting.blocks
    assert typed.kind is BlockKind.PARAGRAPH and typed.text.startswith("1) ")
    new_item = Block(BlockKind.LIST_ITEM, (Run("Second step"),), numbered=True)
    saved = _save(source, [first, new_item, typed])
    paragraphs = [etree.fromstring(p) for p in _paragraphs(saved)]
    ids = [p.find(f".//{{{W}}}numId") for p in paragraphs]
    assert ids[0] is not None and ids[1] is not None
    assert ids[0].get(f"{{{W}}}val") == ids[1].get(f"{{{W}}}val") == "2"
    assert ids[2] is None and "".join(paragraphs[2].itertext()).startswith("1) ")


def test_split_moved_and_deleted_paragraphs_leave_the_others_untouched(tmp_path):
    body = para("Alpha one.") + SPACER + para("Beta two.") + para("Gamma three.") + FIELD
    source = _open(tmp_path, body)
    alpha, beta, gamma, page = source.posting.blocks
    # Enter inside "Alpha": both halves carry Alpha's id; Gamma moved to the top; Beta deleted.
    blocks = [gamma, _edited(alpha, "Alpha"), _edited(alpha, " one."), page]
    after = _paragraphs(_save(source, blocks))
    texts = [_text(p) for p in after]
    assert texts == ["Gamma three.", "Alpha", " one.", "", "Page 1"]
    before = _paragraphs(source.data)
    assert after[3] == before[1]  # the spacer
    assert after[4] == before[4]  # the field and bookmark paragraph


def test_header_edits_go_back_into_the_header_of_a_two_section_document(tmp_path):
    header = f'<w:hdr xmlns:w="{W}"><w:p><w:r><w:t>Acme Corp careers</w:t></w:r></w:p></w:hdr>'
    first_section = (
        f'<w:p><w:pPr><w:sectPr><w:headerReference xmlns:r="{R}" w:type="default" '
        'r:id="rIdH"/></w:sectPr></w:pPr><w:r><w:t>Section one text.</w:t></w:r></w:p>'
    )
    source = _open(
        tmp_path,
        first_section + para("Section two text."),
        parts={"word/header1.xml": header},
        rels=[("rIdH", "header", "header1.xml", False)],
    )
    blocks = list(source.posting.blocks)
    assert [b.origin for b in blocks] == [BlockOrigin.HEADER, BlockOrigin.BODY, BlockOrigin.BODY]
    blocks[0] = _edited(blocks[0], "Acme Corp careers page")
    blocks[2] = _edited(blocks[2], "Section two text. Typed.")
    saved = _save(source, blocks)
    reread = open_source(_write(tmp_path, saved)).posting
    assert [b.text for b in reread.blocks] == [
        "Acme Corp careers page",
        "Section one text.",
        "Section two text. Typed.",
    ]
    first = etree.fromstring(_paragraphs(saved)[0])
    assert first.find(f".//{{{W}}}sectPr") is not None  # the section break stays


def test_an_edited_table_cell_keeps_the_merged_grid(tmp_path):
    table = (
        "<w:tbl><w:tblGrid><w:gridCol/><w:gridCol/></w:tblGrid>"
        '<w:tr><w:tc><w:tcPr><w:gridSpan w:val="2"/></w:tcPr>'
        + para("Role")
        + "</w:tc></w:tr><w:tr><w:tc>"
        + para("Salary")
        + "</w:tc><w:tc>"
        + para("50k")
        + "</w:tc></w:tr></w:tbl>"
    )
    source = _open(tmp_path, table)
    blocks = list(source.posting.blocks)
    blocks[2] = _edited(blocks[2], "55k")
    saved = zipfile.ZipFile(io.BytesIO(_save(source, blocks))).read("word/document.xml")
    assert b'w:gridSpan w:val="2"' in saved and b"55k" in saved and b"50k" not in saved


def test_blocks_from_another_document_never_pass_for_this_ones_paragraphs(tmp_path):
    ours = _open(tmp_path, para("Ours."), name="ours.docx")
    theirs = _open(tmp_path, para("Theirs."), name="theirs.docx")
    blocks = [theirs.posting.blocks[0], *ours.posting.blocks]
    texts = ["".join(etree.fromstring(p).itertext()) for p in _paragraphs(_save(ours, blocks))]
    assert texts == ["Theirs.", "Ours."]


def test_the_kept_source_notices_changes_on_disk_and_refuses_macro_documents(tmp_path):
    source = _open(tmp_path, para("Text."))
    assert source.disk_state() == "same"
    (tmp_path / "source.docx").write_bytes(make_docx(para("Changed elsewhere.")))
    assert source.disk_state() == "changed"
    os.remove(tmp_path / "source.docx")
    assert source.disk_state() == "missing"
    assert source.cannot_write_back(str(tmp_path / "source.docx")) is None
    macro = _open(tmp_path, para("Text."), name="macro.docm", content_type=CT_MACRO)
    assert "macros" in (macro.cannot_write_back(macro.path) or "")
    assert macro.cannot_write_back(str(tmp_path / "other.docx")) is None
    assert beside_as_docx(macro.path).endswith("macro.docx")
    (tmp_path / "macro.docx").write_bytes(b"taken")
    assert beside_as_docx(macro.path).endswith("macro (edited).docx")


def _text(paragraph: bytes) -> str:
    return "".join(t.text or "" for t in etree.fromstring(paragraph).iter(f"{{{W}}}t"))


def _write(tmp_path, data: bytes):
    path = tmp_path / "saved.docx"
    path.write_bytes(data)
    return path


def test_a_word_made_bold_in_the_editor_is_saved_bold(tmp_path):
    source = _open(tmp_path, para("Apply now today.", ppr='<w:jc w:val="right"/>'))
    block = source.posting.blocks[0]
    bolded = replace(block, runs=(Run("Apply "), Run("now", bold=True), Run(" today.")))
    saved = open_source(_write(tmp_path, _save(source, [bolded]))).posting.blocks[0]
    assert saved.runs == bolded.runs
    assert b'w:jc w:val="right"' in _paragraphs(_save(source, [bolded]))[0]


def test_a_paragraph_made_a_heading_is_saved_as_a_heading(tmp_path):
    source = _open(tmp_path, para("About the role") + para("We build things."))
    about, rest = source.posting.blocks
    heading = replace(about, kind=BlockKind.HEADING, level=2)
    saved = open_source(_write(tmp_path, _save(source, [heading, rest]))).posting.blocks
    assert [(b.kind, b.text) for b in saved] == [
        (BlockKind.HEADING, "About the role"),
        (BlockKind.PARAGRAPH, "We build things."),
    ]


def _run(text: str, rpr: str) -> str:
    return f'<w:r><w:rPr>{rpr}</w:rPr><w:t xml:space="preserve">{text}</w:t></w:r>'


ARIAL = '<w:rFonts w:ascii="Arial" w:hAnsi="Arial"/><w:color w:val="1F4E79"/><w:sz w:val="28"/>'
GEORGIA = '<w:rFonts w:ascii="Georgia" w:hAnsi="Georgia"/><w:i/><w:color w:val="C00000"/>'
MIXED = (
    '<w:p><w:pPr><w:jc w:val="both"/></w:pPr>'
    + _run("Apply now ", ARIAL)
    + _run("and join us", GEORGIA)
    + _run(" today.", '<w:highlight w:val="yellow"/><w:sz w:val="20"/>')
    + "</w:p>"
)


def test_a_word_made_bold_keeps_the_fonts_and_colours_of_every_other_run(tmp_path):
    source = _open(tmp_path, para("Above.") + MIXED + para("Below."))
    above, mixed, below = source.posting.blocks
    assert mixed.text == "Apply now and join us today."
    bolded = replace(
        mixed,
        runs=(
            Run("Apply "),
            Run("now", bold=True),
            Run(" "),
            Run("and join us", italic=True),
            Run(" today."),
        ),
    )
    data = _save(source, [above, bolded, below])
    before, after = _paragraphs(source.data), _paragraphs(data)
    assert after[0] == before[0] and after[2] == before[2]  # untouched: byte-identical
    runs = [
        (
            "".join(r.itertext()),
            etree.tostring(r.find(f"{{{W}}}rPr"), method="c14n").decode(),
        )
        for r in etree.fromstring(after[1]).iter(f"{{{W}}}r")
    ]

    def rpr(inner: str) -> str:
        return etree.tostring(
            etree.fromstring(f"<w:rPr {NS}>{inner}</w:rPr>"), method="c14n"
        ).decode()

    bold_arial = ARIAL.replace("<w:color", "<w:b/><w:color")
    assert runs == [
        ("Apply ", rpr(ARIAL)),
        ("now", rpr(bold_arial)),
        (" ", rpr(ARIAL)),
        ("and join us", rpr(GEORGIA)),
        (" today.", rpr('<w:highlight w:val="yellow"/><w:sz w:val="20"/>')),
    ]
    assert b'w:jc w:val="both"' in after[1]
    saved = open_source(_write(tmp_path, data)).posting.blocks[1]
    assert saved.text == mixed.text
    assert [(r.text, r.bold) for r in saved.runs if r.bold] == [("now", True)]


def test_a_word_made_plain_in_a_bold_run_is_cleared_explicitly(tmp_path):
    source = _open(
        tmp_path, "<w:p>" + _run("Send it by Friday, please.", "<w:b/>" + ARIAL) + "</w:p>"
    )
    block = source.posting.blocks[0]
    assert block.kind is BlockKind.PARAGRAPH
    plain = replace(block, runs=(Run("Send it by Friday", bold=True), Run(", please.")))
    after = _paragraphs(_save(source, [plain]))[0].decode()
    assert after.count("Arial") == 4  # both pieces keep the font (ascii and hAnsi)
    assert '<w:b w:val="0"></w:b>' in after and after.count("<w:b>") == 1


def test_word_numbering_keeps_its_definition_level_and_restart_and_a_new_item_continues(
    tmp_path,
):
    # numId 3 restarts abstract list 1 at 1: the second numbered list starts again.
    restarted = NUMBERING.replace(
        "</w:numbering>",
        '<w:num w:numId="3"><w:abstractNumId w:val="1"/><w:lvlOverride w:ilvl="0">'
        '<w:startOverride w:val="1"/></w:lvlOverride></w:num></w:numbering>',
    )

    def item(text: str, num: int, level: int) -> str:
        return para(
            text, ppr=f'<w:numPr><w:ilvl w:val="{level}"/><w:numId w:val="{num}"/></w:numPr>'
        )

    body = (
        item("First step", 2, 0)
        + item("A detail", 2, 1)
        + para("Between the lists.")
        + item("Again first", 3, 0)
        + para("1) Typed number stays text")
    )
    source = _open(tmp_path, body, numbering=restarted)
    first, detail, between, again, typed = source.posting.blocks
    assert typed.kind is BlockKind.PARAGRAPH
    new_detail = Block(BlockKind.LIST_ITEM, (Run("Another detail"),), level=1, numbered=True)
    blocks = [
        first,
        _edited(detail, "A detail, edited"),
        new_detail,
        between,
        _edited(again, "Again first, edited"),
        _edited(typed, "1) Typed number stays text, edited"),
    ]
    saved = _save(source, blocks)

    def numbering_of(paragraph: bytes) -> tuple[str | None, str | None]:
        element = etree.fromstring(paragraph)
        num = element.find(f".//{{{W}}}numId")
        level = element.find(f".//{{{W}}}ilvl")
        return (
            num.get(f"{{{W}}}val") if num is not None else None,
            level.get(f"{{{W}}}val") if level is not None else None,
        )

    assert [numbering_of(p) for p in _paragraphs(saved)] == [
        ("2", "0"),
        ("2", "1"),
        ("2", "1"),  # the new item continues its list, at its level
        (None, None),
        ("3", "0"),  # the restarted list is still the restarted one
        (None, None),  # typed "1)" is still text
    ]
    archive = zipfile.ZipFile(io.BytesIO(saved))
    assert archive.read("word/numbering.xml") == restarted.encode()  # definitions untouched
    reread = open_source(_write(tmp_path, saved)).posting.blocks
    assert reread[-1].text == "1) Typed number stays text, edited"
    assert reread[-1].kind is BlockKind.PARAGRAPH
