"""The .docx reader: headings, lists, runs, links, tables, breaks, stories and revisions."""

from __future__ import annotations

import io
import zipfile

from postingstudio.core.model import BlockKind, BlockOrigin, Run
from postingstudio.docio import load_posting

from .conftest import W, make_docx, para, zip_parts


def _read(write_docx, body: str, **kwargs):
    return load_posting(write_docx(make_docx(body, **kwargs)))


def test_headings_from_styles_outline_levels_and_inheritance(write_docx):
    body = (
        para("Job title", style="Title")
        + para("About us", style="Heading1")
        + para("What you will do", style="MyHeading")
        + para("Outline heading", ppr='<w:outlineLvl w:val="2"/>')
        + para("Body text.")
    )
    posting = _read(write_docx, body)
    kinds = [(b.kind, b.level, b.style, b.inferred) for b in posting.blocks]
    assert kinds == [
        (BlockKind.HEADING, 1, "Title", False),
        (BlockKind.HEADING, 1, "Heading 1", False),
        (BlockKind.HEADING, 2, "Company Heading", False),
        (BlockKind.HEADING, 3, "Normal", False),
        (BlockKind.PARAGRAPH, 0, "Normal", False),
    ]
    assert posting.title == "Job title"
    assert posting.blocks[1].runs == (Run("About us", bold=True),)


def test_short_bold_paragraph_is_an_inferred_heading_but_bold_sentence_is_not(write_docx):
    body = (
        para("Responsibilities:", rpr="<w:b/>")
        + para("We build things.", rpr="<w:b/>")
        + para("Benefits", rpr='<w:rStyle w:val="Strong"/>')
    )
    blocks = _read(write_docx, body).blocks
    assert (blocks[0].kind, blocks[0].inferred, blocks[0].level) == (BlockKind.HEADING, True, 2)
    assert blocks[1].kind is BlockKind.PARAGRAPH
    assert (blocks[2].kind, blocks[2].inferred) == (BlockKind.HEADING, True)


def test_lists_from_numpr_and_list_styles_while_typed_markers_stay_text(write_docx):
    numbered = '<w:numPr><w:ilvl w:val="{lvl}"/><w:numId w:val="2"/></w:numPr>'
    body = (
        para("First step", ppr=numbered.format(lvl=0))
        + para("Sub step", ppr=numbered.format(lvl=1))
        + para("Styled bullet", style="ListBullet")
        + para("•\tTyped bullet")
        + para("2) Typed number")
        + para("Not a list", ppr='<w:numPr><w:numId w:val="0"/></w:numPr>')
    )
    blocks = _read(write_docx, body).blocks
    found = [(b.kind, b.level, b.numbered, b.inferred, b.text) for b in blocks]
    assert found == [
        (BlockKind.LIST_ITEM, 0, True, False, "First step"),
        (BlockKind.LIST_ITEM, 1, True, False, "Sub step"),
        (BlockKind.LIST_ITEM, 0, False, False, "Styled bullet"),
        # Typed markers are the writer's text: the paragraph keeps them, it is no Word list.
        (BlockKind.PARAGRAPH, 0, False, False, "•\tTyped bullet"),
        (BlockKind.PARAGRAPH, 0, False, False, "2) Typed number"),
        (BlockKind.PARAGRAPH, 0, False, False, "Not a list"),
    ]


def test_run_formatting_breaks_and_tabs(write_docx):
    body = (
        "<w:p>"
        "<w:r><w:rPr><w:b/></w:rPr><w:t>Bold</w:t></w:r>"
        '<w:r><w:t xml:space="preserve"> plain </w:t></w:r>'
        '<w:r><w:rPr><w:i/><w:u w:val="single"/></w:rPr><w:t>both</w:t></w:r>'
        '<w:r><w:rPr><w:b w:val="0"/></w:rPr><w:tab/><w:t>after tab</w:t><w:br/>'
        "<w:t>next line</w:t></w:r>"
        "</w:p>"
    )
    block = _read(write_docx, body).blocks[0]
    assert block.runs == (
        Run("Bold", bold=True),
        Run(" plain "),
        Run("both", italic=True, underline=True),
        Run("\tafter tab\vnext line"),
    )
    assert "\n" not in block.text


def test_hyperlinks_relationship_anchor_and_field(write_docx):
    body = (
        '<w:p><w:r><w:t xml:space="preserve">Apply </w:t></w:r>'
        '<w:hyperlink r:id="rIdLink"><w:r><w:rPr><w:rStyle w:val="Hyperlink"/></w:rPr>'
        "<w:t>here</w:t></w:r></w:hyperlink>"
        '<w:hyperlink w:anchor="benefits"><w:r><w:t>below</w:t></w:r></w:hyperlink></w:p>'
        '<w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r>'
        '<w:r><w:instrText xml:space="preserve"> HYPERLINK "https://jobs.example.com/42" '
        "</w:instrText></w:r>"
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>our careers site</w:t></w:r>'
        '<w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>'
    )
    blocks = _read(
        write_docx, body, rels=[("rIdLink", "hyperlink", "https://example.com/apply", True)]
    ).blocks
    assert blocks[0].runs == (
        Run("Apply "),
        Run("here", underline=True, link="https://example.com/apply"),
        Run("below", link="#benefits"),
    )
    assert blocks[1].runs == (Run("our careers site", link="https://jobs.example.com/42"),)


def test_tables_become_cells_in_order_with_a_note(write_docx):
    def cell(text: str, extra: str = "") -> str:
        return f"<w:tc><w:tcPr>{extra}</w:tcPr>{para(text)}</w:tc>"

    span = '<w:gridSpan w:val="2"/>'
    table = (
        "<w:tbl><w:tblPr/><w:tblGrid/>"
        f"<w:tr>{cell('Role')}{cell('Engineer')}</w:tr>"
        f"<w:tr>{cell('Wide', span)}</w:tr>"
        f"<w:tr>{cell('')}{cell('Remote')}</w:tr>"
        "</w:tbl>"
    )
    posting = _read(write_docx, para("Before") + table + para("After"))
    cells = [(b.text, b.cell) for b in posting.blocks if b.kind is BlockKind.TABLE_CELL]
    assert cells == [
        ("Role", (0, 0, 0)),
        ("Engineer", (0, 0, 1)),
        ("Wide", (0, 1, 0)),
        ("Remote", (0, 2, 1)),
    ]
    assert [b.text for b in posting.blocks][0] == "Before" and posting.blocks[-1].text == "After"
    assert any("table" in note.lower() for note in posting.notes)


def test_tracked_changes_read_as_accepted_and_comments_ignored(write_docx):
    body = (
        '<w:p><w:r><w:t xml:space="preserve">We offer </w:t></w:r>'
        '<w:del w:id="1" w:author="A"><w:r><w:delText>a competitive</w:delText></w:r></w:del>'
        '<w:ins w:id="2" w:author="A"><w:r><w:t>a £40,000</w:t></w:r></w:ins>'
        '<w:commentRangeStart w:id="3"/><w:r><w:t xml:space="preserve"> salary.</w:t></w:r>'
        '<w:commentRangeEnd w:id="3"/><w:r><w:commentReference w:id="3"/></w:r></w:p>'
    )
    comments = (
        f'<w:comments xmlns:w="{W}"><w:comment w:id="3">'
        "<w:p><w:r><w:t>Too vague</w:t></w:r></w:p></w:comment></w:comments>"
    )
    posting = _read(
        write_docx,
        body,
        parts={"word/comments.xml": comments},
        rels=[("rIdC", "comments", "comments.xml", False)],
    )
    assert posting.text == "We offer a £40,000 salary."
    assert any("accepted" in note for note in posting.notes)
    assert any("Comments" in note for note in posting.notes)


def test_headers_footers_text_boxes_and_content_controls(write_docx):
    header = (
        f'<w:hdr xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        f"{para('Acme Ltd — Careers')}</w:hdr>"
    )
    footer = header.replace("w:hdr", "w:ftr").replace(
        "Acme Ltd — Careers", "Equal opportunity employer"
    )
    textbox = (
        '<w:p><w:r><w:t xml:space="preserve">Anchor </w:t></w:r><w:r><w:pict><v:shape '
        'xmlns:v="urn:schemas-microsoft-com:vml"><v:textbox><w:txbxContent>'
        f"{para('Apply by Friday')}</w:txbxContent></v:textbox></v:shape></w:pict></w:r></w:p>"
    )
    control = f"<w:sdt><w:sdtPr/><w:sdtContent>{para('Salary: £40,000')}</w:sdtContent></w:sdt>"
    section = (
        '<w:sectPr><w:headerReference w:type="default" r:id="rIdH"/>'
        '<w:footerReference w:type="default" r:id="rIdF"/></w:sectPr>'
    )
    posting = _read(
        write_docx,
        para("Body") + textbox + control,
        section=section,
        parts={"word/header1.xml": header, "word/footer1.xml": footer},
        rels=[("rIdH", "header", "header1.xml", False), ("rIdF", "footer", "footer1.xml", False)],
    )
    found = [(b.origin, b.text) for b in posting.blocks]
    assert found == [
        (BlockOrigin.HEADER, "Acme Ltd — Careers"),
        (BlockOrigin.BODY, "Body"),
        (BlockOrigin.BODY, "Anchor "),
        (BlockOrigin.TEXTBOX, "Apply by Friday"),
        (BlockOrigin.BODY, "Salary: £40,000"),
        (BlockOrigin.FOOTER, "Equal opportunity employer"),
    ]


def test_hidden_text_and_field_codes_are_not_read(write_docx):
    body = (
        '<w:p><w:r><w:t xml:space="preserve">Visible </w:t></w:r>'
        "<w:r><w:rPr><w:vanish/></w:rPr><w:t>hidden</w:t></w:r>"
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> PAGE </w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>3</w:t></w:r>'
        '<w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>'
    )
    assert _read(write_docx, body).text == "Visible 3"


def test_renamed_main_part_and_strict_namespaces(write_docx):
    renamed = load_posting(write_docx(make_docx(para("Renamed main"), main="word/main.xml")))
    assert renamed.text == "Renamed main"
    strict_w = "http://purl.oclc.org/ooxml/wordprocessingml/main"
    data = make_docx(para("Strict text", style="Heading1"))
    source = zipfile.ZipFile(io.BytesIO(data))
    files = {n: source.read(n) for n in source.namelist()}
    for name in ("word/document.xml", "word/styles.xml", "word/numbering.xml"):
        files[name] = files[name].replace(
            b"http://schemas.openxmlformats.org/wordprocessingml/2006/main", strict_w.encode()
        )
    strict = load_posting(write_docx(zip_parts(files), "strict.docx"))
    assert [(b.kind, b.text) for b in strict.blocks] == [(BlockKind.HEADING, "Strict text")]


def test_docx_renamed_to_txt_still_reads_as_word(write_docx):
    posting = load_posting(write_docx(make_docx(para("Hello", style="Heading1")), "posting.txt"))
    assert posting.blocks[0].kind is BlockKind.HEADING


def test_text_markdown_and_html_inputs(tmp_path):
    (tmp_path / "p.md").write_text("# Engineer\n\n- **Python**\n- [Apply](https://x.example)\n")
    (tmp_path / "p.txt").write_bytes("Caf\xe9 role\n".encode("cp1252"))
    (tmp_path / "p.html").write_text(
        "<html><head><title>T</title><script>alert(1)</script></head><body><h2>About</h2>"
        "<p>We <b>build</b><br>things</p><ol><li>One<ul><li>Nested</li></ul></li></ol>"
        "<table><tr><td>A</td><td>B</td></tr></table></body></html>"
    )
    md = load_posting(tmp_path / "p.md")
    assert md.blocks[1].runs == (Run("Python", bold=True),)
    assert md.blocks[2].runs[0].link == "https://x.example"
    assert load_posting(tmp_path / "p.txt").text == "Café role"
    html = load_posting(tmp_path / "p.html")
    assert [(b.kind, b.level, b.numbered, b.text) for b in html.blocks] == [
        (BlockKind.HEADING, 2, False, "About"),
        (BlockKind.PARAGRAPH, 0, False, "We build\vthings"),
        (BlockKind.LIST_ITEM, 0, True, "One"),
        (BlockKind.LIST_ITEM, 1, False, "Nested"),
        (BlockKind.TABLE_CELL, 0, False, "A"),
        (BlockKind.TABLE_CELL, 0, False, "B"),
    ]
    assert html.blocks[5].cell == (0, 0, 1)


def test_a_hostile_style_chain_is_cut_off_with_a_note(write_docx):
    from .conftest import make_docx, para

    chain = ['<w:style w:type="paragraph" w:styleId="S0"><w:name w:val="S0"/></w:style>'] + [
        f'<w:style w:type="paragraph" w:styleId="S{n}"><w:name w:val="S{n}"/>'
        f'<w:basedOn w:val="S{n - 1}"/></w:style>'
        for n in range(1, 10_000)
    ]
    styles = (
        '<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        + "".join(chain)
        + "</w:styles>"
    )
    posting = load_posting(write_docx(make_docx(para("Deep", style="S9999"), styles=styles)))
    assert posting.text == "Deep"
    assert any("chain of more than 32" in note for note in posting.notes)
