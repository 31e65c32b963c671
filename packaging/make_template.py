"""Generate ``resources/templates/posting.docx``, the clean template used when a posting has no
source .docx. Run ``python packaging/make_template.py`` after changing it and commit the result.

The template is built with python-docx from its default document and then tuned: A4 with 2.5 cm
side margins, Calibri 11 pt body text at 1.15 line spacing, a restrained blue for the title and
headings, one multi-level bullet list and one multi-level numbered list (linked to the
"List Bullet"/"List Number" styles), a "Hyperlink" character style and a centred
"Page X of Y" footer. The zip is rewritten with fixed timestamps so the file is reproducible.
"""

from __future__ import annotations

import io
import sys
import zipfile
from pathlib import Path

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Cm, Pt, RGBColor

OUT = Path(__file__).resolve().parent.parent / "resources" / "templates" / "posting.docx"
FONT = "Calibri"
ACCENT = RGBColor(0x1F, 0x4E, 0x79)
INK = RGBColor(0x26, 0x26, 0x26)
GREY = RGBColor(0x80, 0x80, 0x80)
BULLETS = ("•", "◦", "▪")
NUMBERS = ("decimal", "lowerLetter", "lowerRoman")


def set_fonts(rpr_parent, name: str = FONT) -> None:
    rpr = rpr_parent.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = parse_xml(f"<w:rFonts {nsdecls('w')}/>")
        rpr.insert(0, fonts)
    for attribute in list(fonts.attrib):
        del fonts.attrib[attribute]
    for key in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(key), name)


def style_paragraphs(document) -> None:
    styles = document.styles
    normal = styles["Normal"]
    normal.font.name, normal.font.size, normal.font.color.rgb = FONT, Pt(11), INK
    set_fonts(normal.element)
    normal.paragraph_format.space_after = Pt(8)
    normal.paragraph_format.line_spacing = 1.15

    title = styles["Title"]
    title.font.name, title.font.size, title.font.bold, title.font.color.rgb = (
        FONT,
        Pt(24),
        True,
        ACCENT,
    )
    set_fonts(title.element)
    title.paragraph_format.space_after = Pt(12)
    border = parse_xml(
        f"<w:pBdr {nsdecls('w')}>"
        '<w:bottom w:val="single" w:sz="8" w:space="6" w:color="1F4E79"/></w:pBdr>'
    )
    ppr = title.element.get_or_add_pPr()
    for old in ppr.findall(qn("w:pBdr")):
        ppr.remove(old)
    ppr.append(border)

    sizes = {1: 16, 2: 13, 3: 11.5, 4: 11, 5: 11, 6: 11, 7: 10.5, 8: 10.5, 9: 10.5}
    for level, size in sizes.items():
        heading = styles[f"Heading {level}"]
        heading.font.name, heading.font.size, heading.font.bold = FONT, Pt(size), True
        heading.font.italic = False
        heading.font.color.rgb = ACCENT if level <= 2 else INK
        set_fonts(heading.element)
        heading.paragraph_format.space_before = Pt(18 if level == 1 else 12 if level == 2 else 8)
        heading.paragraph_format.space_after = Pt(6 if level <= 2 else 3)
        heading.paragraph_format.keep_with_next = True

    listed = styles["List Paragraph"]
    listed.paragraph_format.space_after = Pt(3)
    listed.paragraph_format.left_indent = None

    for name in ("Header", "Footer"):
        styles[name].font.size, styles[name].font.color.rgb = Pt(9), GREY

    hyperlink = styles.add_style("Hyperlink", 2)  # WD_STYLE_TYPE.CHARACTER
    hyperlink.font.color.rgb = RGBColor(0x05, 0x63, 0xC1)
    hyperlink.font.underline = True
    hyperlink.element.set(qn("w:customStyle"), "0")


def numbering(document) -> None:
    """Two clean multi-level lists; List Bullet/List Number styles point at them."""
    part = document.part.numbering_part
    root = part.element
    for child in list(root):
        root.remove(child)
    for abstract_id, kind in ((0, "bullet"), (1, "number")):
        levels = []
        for level in range(9):
            if kind == "bullet":
                fmt, text = "bullet", BULLETS[level % 3]
            else:
                fmt, text = NUMBERS[level % 3], f"%{level + 1}."
            indent = 360 + 360 * level
            levels.append(
                f'<w:lvl w:ilvl="{level}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>'
                f'<w:lvlText w:val="{text}"/><w:lvlJc w:val="left"/>'
                f'<w:pPr><w:ind w:left="{indent + 360}" w:hanging="360"/></w:pPr></w:lvl>'
            )
        root.append(
            parse_xml(
                f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{abstract_id}">'
                f'<w:multiLevelType w:val="hybridMultilevel"/>{"".join(levels)}</w:abstractNum>'
            )
        )
    for num_id, abstract_id in ((1, 0), (2, 1)):
        root.append(
            parse_xml(
                f'<w:num {nsdecls("w")} w:numId="{num_id}">'
                f'<w:abstractNumId w:val="{abstract_id}"/></w:num>'
            )
        )
    for base, num_id in (("List Bullet", 1), ("List Number", 2)):
        for level, suffix in enumerate(("", " 2", " 3")):
            style = document.styles[f"{base}{suffix}"]
            ppr = style.element.get_or_add_pPr()
            for old in (
                ppr.findall(qn("w:numPr")) + ppr.findall(qn("w:ind")) + ppr.findall(qn("w:tabs"))
            ):
                ppr.remove(old)
            num_pr = parse_xml(
                f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{level}"/>'
                f'<w:numId w:val="{num_id}"/></w:numPr>'
            )
            ppr.insert(0, num_pr)
            style.paragraph_format.space_after = Pt(3)


def page_and_footer(document) -> None:
    section = document.sections[0]
    section.page_width, section.page_height = Cm(21.0), Cm(29.7)
    section.left_margin = section.right_margin = Cm(2.5)
    section.top_margin, section.bottom_margin = Cm(2.2), Cm(2.2)
    section.header_distance = section.footer_distance = Cm(1.2)
    footer = section.footer.paragraphs[0]
    footer.style = document.styles["Footer"]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER

    def field(instruction: str) -> None:
        for xml in (
            '<w:r {ns}><w:fldChar w:fldCharType="begin"/></w:r>',
            '<w:r {ns}><w:instrText xml:space="preserve"> {instr} </w:instrText></w:r>',
            '<w:r {ns}><w:fldChar w:fldCharType="separate"/></w:r>',
            "<w:r {ns}><w:t>1</w:t></w:r>",
            '<w:r {ns}><w:fldChar w:fldCharType="end"/></w:r>',
        ):
            footer._p.append(parse_xml(xml.format(ns=nsdecls("w"), instr=instruction)))

    footer.add_run("Page ")
    field("PAGE")
    footer.add_run(" of ")
    field("NUMPAGES")


def build() -> bytes:
    document = Document()
    style_paragraphs(document)
    numbering(document)
    page_and_footer(document)
    body = document.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)
    props = document.core_properties
    props.author = props.last_modified_by = props.comments = props.keywords = props.subject = ""
    props.title, props.category, props.revision = "Job posting", "", 1
    raw = io.BytesIO()
    document.save(raw)
    return normalise(raw.getvalue())


def normalise(data: bytes) -> bytes:
    """Rewrite the zip with fixed timestamps (and fixed core-property dates) for reproducibility."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info.filename)
            if info.filename == "docProps/core.xml":
                import re

                content = re.sub(
                    rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*(</dcterms)",
                    rb"\g<1>2024-01-01T00:00:00Z\g<2>",
                    content,
                )
            fixed = zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(fixed, content)
    return out.getvalue()


def main() -> int:
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_bytes(build())
    print(f"wrote {OUT} ({OUT.stat().st_size:,} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
