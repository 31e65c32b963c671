"""Zip a finished .docx: the parts a writer rebuilt plus every other part of the source, byte
for byte, with macros dropped from a macro-enabled source (Word refuses a .docx with them).
A Strict Open XML source comes out as a standard (transitional) .docx: its namespaces are
rewritten in every XML part, so Word, LibreOffice and python-docx all read the result.

Both ways of writing a posting into a .docx end here: the rebuilt body (:mod:`.docx_writer`)
and the save by identity into the source package (:mod:`.docx_save`), so neither imports the
other.

A long body is serialised as it is built (:class:`BodySpill`): a paragraph held as lxml elements
(paragraph, properties, style, numbering, run, text) costs a couple of kilobytes in libxml2, as
serialised XML under two hundred bytes, and a 200,000-line list exported to .docx held 450 MB
of elements for the moment of serialising them. The serialised pieces are kept compressed and
written into the archive one after the other, never joined: the list's body is 34 MB of XML,
which was held as pieces, then again joined, while the archive compressed it.
"""

from __future__ import annotations

import copy
import logging
import os
import secrets
import zipfile
import zlib
from collections.abc import Iterator
from io import BytesIO
from pathlib import Path

from lxml import etree

from . import package as pkg
from .docx_parts import OutputParts
from .docx_reader import DocxReading
from .package import CT_NS
from .safety import MAX_FILE_BYTES, read_member

log = logging.getLogger(__name__)


def default_template() -> Path:
    """The shipped .docx template that non-Word sources are written into."""
    from postingstudio.paths import resources_dir

    return resources_dir() / "templates" / "posting.docx"


def template_styles(base_path: str) -> etree._Element | None:
    """The shipped template's styles, to copy a missing "Heading 2" or "Hyperlink" from."""
    try:
        template = os.fspath(default_template())
        data = pkg.read_bytes(template)
        package = pkg.open_package(template, data)
    except Exception:  # noqa: BLE001 - a missing template only means fewer styles to borrow
        log.warning("the shipped template could not be read; missing styles will not be added")
        return None
    rels = package.rels(package.main)
    part = next((r.target for r in rels.values() if r.rel_type == pkg.REL_STYLES), None)
    return package.xml(part) if part and package.has(part) else None


# Children serialised at a time: big enough that the wrapper costs nothing per paragraph, small
# enough that the elements waiting to be serialised take a few megabytes.
SPILL_EVERY = 2_000


class BodySpill:
    """The serialised XML of the body children taken so far, in order (each piece compressed,
    a tenth of its size: it is a few thousand paragraphs of much the same markup)."""

    def __init__(self, body: etree._Element) -> None:
        self._body = body
        self._pieces: list[bytes] = []
        self._marker: etree._Element | None = None

    def __bool__(self) -> bool:
        return bool(self._pieces)

    def maybe_take(self) -> None:
        """Serialise and drop the body's children (all but the last) once there are enough."""
        if len(self._body) > SPILL_EVERY:
            self.take()

    def take(self) -> None:
        body = self._body
        children = [child for child in body[:-1] if child is not self._marker]
        if not children:
            return
        # A wrapper with the body's namespaces in scope: the children serialise without
        # declarations of their own, exactly as they would inside the document.
        wrapper = etree.Element(body.tag, nsmap=body.nsmap)
        wrapper.extend(children)  # moves them out of the body
        data = etree.tostring(wrapper, encoding="UTF-8")
        # Without an XML declaration, the wrapper's start tag is the first tag, and its end tag
        # the last one. No '>' occurs inside a tag: libxml2 escapes it in attribute values.
        self._pieces.append(zlib.compress(data[data.index(b">") + 1 : data.rindex(b"</")], 1))
        if self._marker is None:
            # Where the pieces go back: before what is left of the body.
            self._marker = etree.Comment(f"spill-{secrets.token_hex(16)}")
            body.insert(0, self._marker)

    def restore(self, serialised: bytes) -> Iterator[bytes]:
        """``serialised`` (the whole document) with the pieces back in place of the marker, as
        the chunks to write in order: each piece is decompressed when it is reached and
        dropped once it is handed out."""
        if self._marker is None:
            return iter((serialised,))
        marker = etree.tostring(self._marker)
        head, found, tail = serialised.partition(marker)
        if not found:
            raise AssertionError("the spilled body's marker is missing from the document")
        pieces, self._pieces = self._pieces, []
        pieces.reverse()
        return _chunks(head, pieces, tail)


def _chunks(head: bytes, pieces: list[bytes], tail: bytes) -> Iterator[bytes]:
    yield head
    while pieces:
        yield zlib.decompress(pieces.pop())
    yield tail


def _serialise(root: etree._Element) -> bytes:
    # The package reader already turned Strict namespaces into transitional ones.
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def assemble(
    reading: DocxReading,
    parts: OutputParts,
    document: etree._Element,
    other_parts: dict[str, etree._Element] | None = None,
    spill: BodySpill | None = None,
) -> bytes:
    """The output .docx bytes: the source package with ``document`` and ``other_parts`` replaced
    (``spill``: the body children of ``document`` serialised while it was built)."""
    package = reading.package
    strict = package.strict
    main = _serialise(document)
    replaced: dict[str, bytes | Iterator[bytes]] = {
        package.main: package.serialised(
            package.main, spill.restore(main) if spill is not None else main
        )
    }
    del main
    for name, root in (other_parts or {}).items():
        replaced[name] = package.serialised(name, _serialise(root))
    macro = package.macro_enabled
    dropped: set[str] = set()
    if macro:
        dropped = {
            n
            for n in package.names
            if n.lower().rsplit("/", 1)[-1] in ("vbaproject.bin", "vbadata.xml")
        }
        dropped |= {pkg.rels_name_for(n) for n in dropped}
        for rel in list(parts.rels_root):
            if rel.get("Type") == pkg.REL_VBA:
                parts.rels_root.remove(rel)
                parts.changed.add("rels")
    if "rels" in parts.changed:
        replaced[pkg.rels_name_for(package.main)] = _serialise(parts.rels_root)
    if "styles" in parts.changed and parts.styles_part and parts.styles_root is not None:
        replaced[parts.styles_part] = _serialise(parts.styles_root)
    if "numbering" in parts.changed and parts.numbering_part and parts.numbering_root is not None:
        replaced[parts.numbering_part] = _serialise(parts.numbering_root)
    if parts.new_numbering or macro or not package.has("[Content_Types].xml"):
        types = (
            copy.deepcopy(package.xml("[Content_Types].xml"))
            if package.has("[Content_Types].xml")
            else etree.Element(f"{{{CT_NS}}}Types", nsmap={None: CT_NS})
        )
        parts.content_types(types)
        for item in list(types):
            name = (item.get("PartName") or "").lstrip("/")
            if name in dropped:
                types.remove(item)
            elif name == package.main and macro:
                item.set("ContentType", pkg.CT_MAIN)
        replaced["[Content_Types].xml"] = etree.tostring(
            types, xml_declaration=True, encoding="UTF-8", standalone=True
        )
    output = BytesIO()
    names = ["[Content_Types].xml"] + [n for n in package.names if n != "[Content_Types].xml"]
    written: set[str] = set()
    with zipfile.ZipFile(output, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name in names + [n for n in replaced if n not in package.names]:
            if name in written or name in dropped or name.endswith("/"):
                continue
            written.add(name)
            if name in replaced:
                data = replaced[name]
            elif package.has(name):
                data = read_member(package.path, package.archive, name, limit=MAX_FILE_BYTES)
                if strict and name.lower().endswith((".xml", ".rels")):
                    data = pkg.to_transitional(data)
            else:
                continue
            info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            if isinstance(data, bytes):
                archive.writestr(info, data)
                continue
            with archive.open(info, mode="w") as entry:  # the same bytes as writestr's
                for chunk in data:
                    entry.write(chunk)
            replaced.pop(name)
    return output.getvalue()
