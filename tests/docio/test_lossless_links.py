"""Saving into the kept source when one paragraph gets a text edit and a formatting edit at
once, and when links are edited, extended, unlinked, added or deleted (docio only, no Qt):
the saved paragraph says what the editor said, its other runs keep their properties, and every
``w:hyperlink`` keeps (or gets) a relationship that exists, with none left over."""

from __future__ import annotations

import io
import zipfile
from dataclasses import replace

from lxml import etree

from postingstudio.core.model import Run
from postingstudio.docio.docx_writer import build_docx
from postingstudio.docio.source import open_source

from .conftest import R, W, make_docx, para

URL = "https://example.org/jobs"
ARIAL = '<w:rFonts w:ascii="Arial" w:hAnsi="Arial"/><w:color w:val="1F4E79"/>'
HIGHLIGHT = '<w:highlight w:val="yellow"/>'
LINKED = (
    f'<w:p><w:r><w:rPr>{ARIAL}</w:rPr><w:t xml:space="preserve">Apply now and join us </w:t></w:r>'
    '<w:hyperlink r:id="rIdL"><w:r><w:rPr><w:rStyle w:val="Hyperlink"/></w:rPr>'
    "<w:t>on our site</w:t></w:r></w:hyperlink>"
    f'<w:r><w:rPr>{HIGHLIGHT}</w:rPr><w:t xml:space="preserve"> today.</w:t></w:r></w:p>'
)
LINK_REL = [("rIdL", "hyperlink", URL, True)]


def _open(tmp_path, body: str, rels=LINK_REL):
    path = tmp_path / "source.docx"
    path.write_bytes(make_docx(body, rels=rels))
    return open_source(path)


def _save(tmp_path, source, blocks):
    data = build_docx(source.posting.with_blocks(tuple(blocks)), source=source.reading)
    out = tmp_path / "saved.docx"
    out.write_bytes(data)
    archive = zipfile.ZipFile(io.BytesIO(data))
    document = etree.fromstring(archive.read("word/document.xml"))
    rels = etree.fromstring(archive.read("word/_rels/document.xml.rels"))
    targets = {r.get("Id"): r.get("Target") for r in rels}
    return open_source(out).posting, document, targets


def _runs(document, index: int = 0) -> list[tuple[str, str, str]]:
    """(text, link target id or "", c14n rPr) of each run of paragraph ``index``."""
    paragraph = list(document.iter(f"{{{W}}}p"))[index]
    out = []
    for run in paragraph.iter(f"{{{W}}}r"):
        parent = run.getparent()
        link = parent.get(f"{{{R}}}id", "") if parent.tag == f"{{{W}}}hyperlink" else ""
        rpr = run.find(f"{{{W}}}rPr")
        out.append(
            (
                "".join(run.itertext()),
                link,
                etree.tostring(rpr, method="c14n").decode() if rpr is not None else "",
            )
        )
    return out


def _shown(runs) -> list[tuple[object, ...]]:
    """Runs as the editor shows them: a link's underline is the link's own (Hyperlink style)."""
    out: list[tuple[object, ...]] = []
    for run in runs:
        look = (run.bold, run.italic, run.underline and not run.link, run.link)
        if out and out[-1][1:] == look:
            out[-1] = (out[-1][0] + run.text, *look)
        else:
            out.append((run.text, *look))
    return out


def _links_resolve(document, targets) -> None:
    for hyperlink in document.iter(f"{{{W}}}hyperlink"):
        assert hyperlink.get(f"{{{R}}}id") in targets  # never an r:id without its relationship
        assert len(hyperlink.findall(f"{{{W}}}r"))  # never an empty link


def test_a_word_typed_and_another_made_bold_in_one_paragraph_keeps_both(tmp_path):
    source = _open(tmp_path, LINKED)
    block = source.posting.blocks[0]
    edited = replace(
        block,
        runs=(
            Run("Apply "),
            Run("now", bold=True),
            Run(" and join us "),
            Run("on our site", link=URL),
            Run(" really today."),
        ),
    )
    saved, document, targets = _save(tmp_path, source, [edited])
    assert _shown(saved.blocks[0].runs) == _shown(edited.runs)
    runs = _runs(document)
    assert [text for text, _, _ in runs] == [
        "Apply ",
        "now",
        " and join us ",
        "on our site",
        " really today.",
    ]
    assert "Arial" in runs[0][2] and "Arial" in runs[1][2] and "<w:b>" in runs[1][2]
    assert "Arial" in runs[2][2] and "<w:b" not in runs[2][2]
    assert runs[3][1] == "rIdL" and targets["rIdL"] == URL
    assert "yellow" in runs[4][2]  # the new word took the formatting of the words around it
    _links_resolve(document, targets)


def test_editing_a_links_text_keeps_the_link_and_its_relationship(tmp_path):
    source = _open(tmp_path, LINKED)
    block = source.posting.blocks[0]
    edited = replace(
        block, runs=(block.runs[0], Run("on our careers site", link=URL), block.runs[2])
    )
    saved, document, targets = _save(tmp_path, source, [edited])
    assert _shown(saved.blocks[0].runs) == _shown(edited.runs)
    assert _runs(document)[1][:2] == ("on our careers site", "rIdL")
    _links_resolve(document, targets)


def test_a_word_typed_right_after_a_link_stays_outside_it(tmp_path):
    body = (
        f'<w:p><w:r><w:rPr>{ARIAL}</w:rPr><w:t xml:space="preserve">Apply </w:t></w:r>'
        '<w:hyperlink r:id="rIdL"><w:r><w:rPr><w:rStyle w:val="Hyperlink"/></w:rPr>'
        "<w:t>here</w:t></w:r></w:hyperlink></w:p>"
    )
    source = _open(tmp_path, body)
    block = source.posting.blocks[0]
    edited = replace(block, runs=(*block.runs, Run(" or by post")))
    saved, document, targets = _save(tmp_path, source, [edited])
    assert _shown(saved.blocks[0].runs) == _shown(edited.runs)
    runs = _runs(document)
    assert [(text, link) for text, link, _ in runs] == [
        ("Apply ", ""),
        ("here", "rIdL"),
        (" or by post", ""),
    ]
    assert runs[2][2] == runs[0][2]  # the text around it, not the link's style
    _links_resolve(document, targets)


def test_unlinking_a_word_in_the_middle_splits_the_link_and_keeps_its_relationship(tmp_path):
    source = _open(tmp_path, LINKED)
    block = source.posting.blocks[0]
    edited = replace(
        block,
        runs=(
            block.runs[0],
            Run("on ", link=URL),
            Run("our"),
            Run(" site", link=URL),
            block.runs[2],
        ),
    )
    saved, document, targets = _save(tmp_path, source, [edited])
    assert _shown(saved.blocks[0].runs) == _shown(edited.runs)
    assert [(t, link) for t, link, _ in _runs(document)][1:4] == [
        ("on ", "rIdL"),
        ("our", ""),
        (" site", "rIdL"),
    ]
    _links_resolve(document, targets)


def test_a_new_link_gets_a_relationship_and_the_hyperlink_style(tmp_path):
    source = _open(tmp_path, para("Write to jobs desk today."), rels=[])
    block = source.posting.blocks[0]
    edited = replace(
        block,
        runs=(Run("Write to "), Run("jobs desk", link="mailto:jobs@example.org"), Run(" today.")),
    )
    saved, document, targets = _save(tmp_path, source, [edited])
    assert _shown(saved.blocks[0].runs) == _shown(edited.runs)
    text, rel_id, rpr = _runs(document)[1]
    assert text == "jobs desk" and targets[rel_id] == "mailto:jobs@example.org"
    assert 'w:val="Hyperlink"' in rpr
    _links_resolve(document, targets)


def test_a_deleted_link_leaves_no_empty_hyperlink_and_no_relationship(tmp_path):
    source = _open(tmp_path, LINKED + para("Second paragraph."))
    block, second = source.posting.blocks
    edited = replace(block, runs=(Run("Apply now and join us today."),))
    saved, document, targets = _save(tmp_path, source, [edited, second])
    assert [b.text for b in saved.blocks] == ["Apply now and join us today.", "Second paragraph."]
    assert document.find(f".//{{{W}}}hyperlink") is None
    assert URL not in targets.values() and "rIdL" not in targets
    assert "rIdStyles" in targets  # the other relationships stay


def test_a_deleted_paragraph_takes_its_links_relationship_with_it(tmp_path):
    source = _open(tmp_path, para("First paragraph.") + LINKED)
    first, _linked = source.posting.blocks
    saved, document, targets = _save(tmp_path, source, [first])
    assert [b.text for b in saved.blocks] == ["First paragraph."]
    assert "rIdL" not in targets and "rIdNumbering" in targets


def test_a_word_typed_after_a_tab_lands_after_the_tab(tmp_path):
    body = (
        "<w:p><w:r><w:rPr><w:b/></w:rPr><w:t>Salary:</w:t></w:r><w:r><w:tab/></w:r>"
        "<w:r><w:t>50k</w:t></w:r></w:p>"
    )
    source = _open(tmp_path, body, rels=[])
    block = source.posting.blocks[0]
    assert block.text == "Salary:\t50k"
    edited = replace(block, runs=(Run("Salary:", bold=True), Run("\tabout 50k")))
    saved, _document, _targets = _save(tmp_path, source, [edited])
    assert _shown(saved.blocks[0].runs) == _shown(edited.runs)


def test_the_second_half_of_a_split_paragraph_keeps_its_bold(tmp_path):
    body = (
        f'<w:p><w:r><w:rPr>{ARIAL}</w:rPr><w:t xml:space="preserve">Apply now. </w:t>'
        "</w:r><w:r><w:rPr><w:b/></w:rPr><w:t>Bold part</w:t></w:r>"
        '<w:r><w:t xml:space="preserve"> here.</w:t></w:r></w:p>'
    )
    source = _open(tmp_path, body, rels=[])
    block = source.posting.blocks[0]
    # Enter before "Bold": both halves carry the paragraph's id, the second is a new paragraph.
    first = replace(block, runs=(Run("Apply now. "),))
    second = replace(block, runs=(Run("Bold part", bold=True), Run(" here.")))
    saved, document, _targets = _save(tmp_path, source, [first, second])
    assert [_shown(b.runs) for b in saved.blocks] == [_shown(first.runs), _shown(second.runs)]
    assert "Arial" in _runs(document, 0)[0][2]  # each half keeps the runs it came from
    assert "<w:b>" in _runs(document, 1)[0][2] and "Arial" not in _runs(document, 1)[0][2]


def test_a_line_typed_after_enter_at_the_end_leaves_the_paragraph_as_it_was(tmp_path):
    body = (
        '<w:p><w:pPr><w:jc w:val="center"/></w:pPr><w:bookmarkStart w:id="0" w:name="top"/>'
        f'<w:r><w:rPr>{ARIAL}</w:rPr><w:t xml:space="preserve">Original text.</w:t></w:r>'
        '<w:bookmarkEnd w:id="0"/></w:p>' + para("Next.")
    )
    source = _open(tmp_path, body, rels=[])
    original, following = source.posting.blocks
    # Qt gives the new block the format (and so the id) of the block Enter was pressed in.
    typed = replace(original, runs=(Run("A new "), Run("line", italic=True), Run(".")))
    _saved, document, _targets = _save(tmp_path, source, [original, typed, following])
    before = etree.fromstring(source.reading.package.raw("word/document.xml"))
    old = [etree.tostring(p, method="c14n") for p in before.iter(f"{{{W}}}p")]
    new = [etree.tostring(p, method="c14n") for p in document.iter(f"{{{W}}}p")]
    assert new[0] == old[0] and new[2] == old[1]  # untouched, bookmark and all
    assert b"bookmark" not in new[1] and b'w:jc w:val="center"' in new[1]
    assert [(t, "<w:i>" in rpr) for t, _, rpr in _runs(document, 1)] == [
        ("A new ", False),
        ("line", True),
        (".", False),
    ]


def test_a_new_list_item_typed_with_a_bold_word_and_a_link_keeps_both(tmp_path):
    item = para("First step", ppr='<w:numPr><w:ilvl w:val="0"/><w:numId w:val="2"/></w:numPr>')
    source = _open(tmp_path, item, rels=[])
    first = source.posting.blocks[0]
    typed = replace(
        first,
        source_id=None,
        runs=(Run("Then "), Run("ship", bold=True), Run(" it "), Run("here", link=URL)),
    )
    saved, document, targets = _save(tmp_path, source, [first, typed])
    assert _shown(saved.blocks[1].runs) == _shown(typed.runs)
    assert saved.blocks[1].kind is first.kind and saved.blocks[1].numbered
    numbers = [p.find(f".//{{{W}}}numId") for p in document.iter(f"{{{W}}}p")]
    assert [n.get(f"{{{W}}}val") for n in numbers] == ["2", "2"]  # continues its list
    _links_resolve(document, targets)


def test_a_link_added_in_a_header_gets_a_relationship_of_the_header(tmp_path):
    header = f'<w:hdr xmlns:w="{W}"><w:p><w:r><w:t>Acme careers page</w:t></w:r></w:p></w:hdr>'
    body = (
        f'<w:p><w:pPr><w:sectPr><w:headerReference xmlns:r="{R}" w:type="default" '
        'r:id="rIdH"/></w:sectPr></w:pPr><w:r><w:t>Body text.</w:t></w:r></w:p>'
    )
    path = tmp_path / "source.docx"
    path.write_bytes(
        make_docx(
            body,
            parts={"word/header1.xml": header},
            rels=[("rIdH", "header", "header1.xml", False)],
        )
    )
    source = open_source(path)
    head, text = source.posting.blocks
    linked = replace(head, runs=(Run("Acme "), Run("careers page", link=URL)))
    data = build_docx(source.posting.with_blocks((linked, text)), source=source.reading)
    archive = zipfile.ZipFile(io.BytesIO(data))
    header_xml = etree.fromstring(archive.read("word/header1.xml"))
    header_rels = etree.fromstring(archive.read("word/_rels/header1.xml.rels"))
    targets = {r.get("Id"): r.get("Target") for r in header_rels}
    _links_resolve(header_xml, targets)
    assert URL in targets.values()
    assert URL.encode() not in archive.read("word/_rels/document.xml.rels")
    out = tmp_path / "saved.docx"
    out.write_bytes(data)
    assert _shown(open_source(out).posting.blocks[0].runs) == _shown(linked.runs)


def test_a_save_from_a_fresh_reading_edits_it_in_place_and_writes_the_same_bytes(tmp_path):
    # The CLI's save reads the source for that save alone and edits its trees in place (no
    # copy of a long body); what it must see as opened (the links before the edit, a split
    # paragraph's original) gives the same document as a save from the editor's kept reading.
    source = _open(tmp_path, LINKED + para("Second paragraph."))
    block, second = source.posting.blocks
    edited = replace(block, runs=(Run("Apply now and join us today."),))
    half = replace(second, runs=(Run("paragraph."),))
    posting = source.posting.with_blocks((edited, replace(second, runs=(Run("Second "),)), half))
    kept = build_docx(posting, source=source.reading)
    assert build_docx(posting, source=source.reading) == kept  # the kept reading is untouched
    fresh = build_docx(posting)  # read from posting.source_path for this save
    assert fresh == kept
    document = etree.fromstring(zipfile.ZipFile(io.BytesIO(fresh)).read("word/document.xml"))
    assert document.find(f".//{{{W}}}hyperlink") is None
    rels = zipfile.ZipFile(io.BytesIO(fresh)).read("word/_rels/document.xml.rels").decode()
    assert URL not in rels
