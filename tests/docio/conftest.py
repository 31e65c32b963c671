"""Fixtures for docio tests: .docx files built in code (so every case is reproducible and
reviewable), and the shared corpus (skipped with a reason when it is absent)."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from tests.conftest import CORPUS

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
CT_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
CT_MACRO = "application/vnd.ms-word.document.macroEnabled.main+xml"
NS = f'xmlns:w="{W}" xmlns:r="{R}"'

STYLES = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles {NS}>
  <w:docDefaults><w:rPrDefault><w:rPr><w:sz w:val="22"/></w:rPr></w:rPrDefault></w:docDefaults>
  <w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>
  <w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/>
    <w:basedOn w:val="Normal"/><w:pPr><w:outlineLvl w:val="0"/></w:pPr>
    <w:rPr><w:b/></w:rPr></w:style>
  <w:style w:type="paragraph" w:styleId="Heading2"><w:name w:val="heading 2"/>
    <w:basedOn w:val="Normal"/><w:pPr><w:outlineLvl w:val="1"/></w:pPr>
    <w:rPr><w:b/></w:rPr></w:style>
  <w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/>
    <w:basedOn w:val="Normal"/></w:style>
  <w:style w:type="paragraph" w:styleId="MyHeading"><w:name w:val="Company Heading"/>
    <w:basedOn w:val="Heading2"/></w:style>
  <w:style w:type="paragraph" w:styleId="ListParagraph"><w:name w:val="List Paragraph"/>
    <w:basedOn w:val="Normal"/></w:style>
  <w:style w:type="paragraph" w:styleId="ListBullet"><w:name w:val="List Bullet"/>
    <w:basedOn w:val="Normal"/><w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr></w:style>
  <w:style w:type="character" w:default="1" w:styleId="DefaultParagraphFont">
    <w:name w:val="Default Paragraph Font"/></w:style>
  <w:style w:type="character" w:styleId="Strong"><w:name w:val="Strong"/>
    <w:rPr><w:b/></w:rPr></w:style>
  <w:style w:type="character" w:styleId="Hyperlink"><w:name w:val="Hyperlink"/>
    <w:rPr><w:color w:val="0563C1"/><w:u w:val="single"/></w:rPr></w:style>
</w:styles>"""

NUMBERING = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:numbering {NS}>
  <w:abstractNum w:abstractNumId="0">
    <w:lvl w:ilvl="0"><w:numFmt w:val="bullet"/><w:lvlText w:val="•"/></w:lvl>
    <w:lvl w:ilvl="1"><w:numFmt w:val="bullet"/><w:lvlText w:val="o"/></w:lvl>
  </w:abstractNum>
  <w:abstractNum w:abstractNumId="1">
    <w:lvl w:ilvl="0"><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl>
    <w:lvl w:ilvl="1"><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="%2)"/></w:lvl>
  </w:abstractNum>
  <w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>
  <w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>
</w:numbering>"""


def document_xml(body: str, section: str = "") -> str:
    return (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document {NS}>'
        f"<w:body>{body}{section or '<w:sectPr/>'}</w:body></w:document>"
    )


def make_docx(
    body: str = "",
    *,
    document: str | None = None,
    styles: str | None = STYLES,
    numbering: str | None = NUMBERING,
    parts: dict[str, str | bytes] | None = None,
    rels: list[tuple[str, str, str, bool]] = (),
    main: str = "word/document.xml",
    content_type: str = CT_MAIN,
    section: str = "",
) -> bytes:
    """A .docx built from XML snippets: ``rels`` are (id, type suffix, target, external)."""
    directory, name = main.rsplit("/", 1)
    relationships = []
    overrides = [f'<Override PartName="/{main}" ContentType="{content_type}"/>']
    files: dict[str, str | bytes] = {main: document or document_xml(body, section)}
    if styles is not None:
        files[f"{directory}/styles.xml"] = styles
        relationships.append(("rIdStyles", "styles", "styles.xml", False))
    if numbering is not None:
        files[f"{directory}/numbering.xml"] = numbering
        relationships.append(("rIdNumbering", "numbering", "numbering.xml", False))
    relationships.extend(rels)
    for part, content in (parts or {}).items():
        files[part] = content
    rel_xml = "".join(
        f'<Relationship Id="{rid}" Type="{kind if kind.startswith("http") else f"{R}/{kind}"}" '
        f'Target="{target}"' + (' TargetMode="External"' if external else "") + "/>"
        for rid, kind, target, external in relationships
    )
    files[f"{directory}/_rels/{name}.rels"] = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        f"{rel_xml}</Relationships>"
    )
    files["_rels/.rels"] = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        f'<Relationship Id="rId1" Type="{R}/officeDocument" Target="{main}"/></Relationships>'
    )
    files["[Content_Types].xml"] = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" '
        'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        f"{''.join(overrides)}</Types>"
    )
    return zip_parts(files)


def zip_parts(files: dict[str, str | bytes], order: list[str] | None = None) -> bytes:
    buffer = io.BytesIO()
    names = order or (["[Content_Types].xml"] + [n for n in files if n != "[Content_Types].xml"])
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name in names:
            if name in files:
                data = files[name]
                archive.writestr(name, data.encode("utf-8") if isinstance(data, str) else data)
    return buffer.getvalue()


def para(text: str = "", *, style: str | None = None, ppr: str = "", rpr: str = "") -> str:
    style_xml = f'<w:pStyle w:val="{style}"/>' if style else ""
    run = (
        f'<w:r>{f"<w:rPr>{rpr}</w:rPr>" if rpr else ""}<w:t xml:space="preserve">{text}</w:t></w:r>'
    )
    return f"<w:p><w:pPr>{style_xml}{ppr}</w:pPr>{run if text else ''}</w:p>"


@pytest.fixture
def write_docx(tmp_path: Path):
    """Write bytes to a file in tmp_path and return its path (name defaults to test.docx)."""

    def write(data: bytes, name: str = "test.docx") -> Path:
        path = tmp_path / name
        path.write_bytes(data)
        return path

    return write


def corpus_docx_files() -> list[Path]:
    folder = CORPUS / "docx"
    return sorted(folder.glob("*/*.docx")) if folder.is_dir() else []


def corpus_ids() -> list[str]:
    return [path.name[:60] for path in corpus_docx_files()]


@pytest.fixture(scope="session")
def corpus_files() -> list[Path]:
    files = corpus_docx_files()
    if not files:
        pytest.skip(f"shared corpus not found at {CORPUS}/docx (set POSTINGSTUDIO_SHARED)")
    return files
