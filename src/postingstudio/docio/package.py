"""An opened .docx package: its parts, relationships and content types, read through the checks.

Finds the main document part through the package relationships (so a renamed
``word/document.xml`` still opens), recognises macro-enabled documents (whose macros are never
run: we only read XML parts) and ISO Strict OOXML. Strict files use other namespace URIs for the
same vocabulary; their XML is translated to the transitional URIs on the way in and back on the
way out, so the reader and writer deal with one vocabulary.
"""

from __future__ import annotations

import functools
import posixpath
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from . import safety
from .errors import CorruptDocumentError, FileUnreadableError, NotADocxError

if TYPE_CHECKING:  # only named in annotations: safety.parse_xml imports lxml when it parses
    from lxml import etree

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PR_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
CT_NS = "http://schemas.openxmlformats.org/package/2006/content-types"
MC_NS = "http://schemas.openxmlformats.org/markup-compatibility/2006"

# Strict OOXML (ISO 29500 strict) URI -> transitional URI. Relationship types share the prefix.
STRICT_TO_TRANSITIONAL = (
    (b"http://purl.oclc.org/ooxml/wordprocessingml/main", W_NS.encode()),
    (b"http://purl.oclc.org/ooxml/officeDocument/relationships", R_NS.encode()),
    (
        b"http://purl.oclc.org/ooxml/drawingml/main",
        b"http://schemas.openxmlformats.org/drawingml/2006/main",
    ),
    (
        b"http://purl.oclc.org/ooxml/drawingml/wordprocessingDrawing",
        b"http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
    ),
    (
        b"http://purl.oclc.org/ooxml/drawingml/picture",
        b"http://schemas.openxmlformats.org/drawingml/2006/picture",
    ),
    (
        b"http://purl.oclc.org/ooxml/officeDocument/math",
        b"http://schemas.openxmlformats.org/officeDocument/2006/math",
    ),
)

REL_OFFICE_DOCUMENT = R_NS + "/officeDocument"
REL_STYLES = R_NS + "/styles"
REL_NUMBERING = R_NS + "/numbering"
REL_HYPERLINK = R_NS + "/hyperlink"
REL_HEADER = R_NS + "/header"
REL_FOOTER = R_NS + "/footer"
REL_COMMENTS = R_NS + "/comments"
REL_VBA = "http://schemas.microsoft.com/office/2006/relationships/vbaProject"

CT_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
CT_MAIN_MACRO = "application/vnd.ms-word.document.macroEnabled.main+xml"
CT_TEMPLATE = "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml"
CT_TEMPLATE_MACRO = "application/vnd.ms-word.template.macroEnabledTemplate.main+xml"
CT_NUMBERING = "application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"
_WORD_MAIN_TYPES = (CT_MAIN, CT_MAIN_MACRO, CT_TEMPLATE, CT_TEMPLATE_MACRO)


@functools.cache
def w(tag: str) -> str:
    """Clark name of a WordprocessingML tag (cached: the reader asks for the same few often)."""
    return f"{{{W_NS}}}{tag}"


def to_transitional(data: bytes) -> bytes:
    """Strict OOXML namespaces in ``data`` rewritten to their Transitional
    ones, so one parser reads both."""
    for strict, transitional in STRICT_TO_TRANSITIONAL:
        data = data.replace(strict, transitional)
    return data


def to_strict(data: bytes) -> bytes:
    """Transitional namespaces rewritten back to Strict, so a Strict source is saved as Strict."""
    for strict, transitional in STRICT_TO_TRANSITIONAL:
        data = data.replace(transitional, strict)
    return data


@dataclass(frozen=True, slots=True)
class Relationship:
    """One relationship of a part: id, type, target (a part name or a URL when ``external``)."""

    rel_id: str
    rel_type: str
    target: str
    external: bool


@dataclass
class Package:
    """The parts of one .docx held in memory; ``main`` is the main document part's name."""

    path: str
    data: bytes
    archive: zipfile.ZipFile
    main: str
    content_types: dict[str, str]
    strict: bool = False
    _xml_cache: dict[str, etree._Element] = field(default_factory=dict)
    # Long runs of empty body paragraphs, by part, held outside the parsed tree (as read)
    _empty_runs: dict[str, list[bytes]] = field(default_factory=dict)

    @property
    def names(self) -> list[str]:
        return self.archive.namelist()

    @property
    def macro_enabled(self) -> bool:
        return self.content_types.get(self.main, "") in (CT_MAIN_MACRO, CT_TEMPLATE_MACRO) or any(
            name.lower().endswith("vbaproject.bin") for name in self.names
        )

    def has(self, name: str) -> bool:
        try:
            self.archive.getinfo(name)
        except KeyError:
            return False
        return True

    def raw(self, name: str) -> bytes:
        return safety.read_member(self.path, self.archive, name)

    def xml(self, name: str) -> etree._Element:
        """The parsed part (transitional namespaces), cached; callers must not mutate it."""
        cached = self._xml_cache.get(name)
        if cached is None:
            cached = self.parse(name)
            self._xml_cache[name] = cached
        return cached

    def parse(self, name: str) -> etree._Element:
        """The part parsed afresh (transitional namespaces), a tree of the caller's own; long
        runs of empty body paragraphs in it are placeholders (:mod:`.empty_paragraphs`), which
        :meth:`serialised` puts back."""
        from . import empty_paragraphs

        data = self.raw(name)
        if self.strict:
            data = to_transitional(data)
        compacted, runs = empty_paragraphs.compact(data)
        if runs:
            try:
                root = safety.parse_xml(self.path, name, compacted)
            except CorruptDocumentError:
                root = None  # parsed as it is below, to refuse it with the parser's own words
            if root is not None and empty_paragraphs.placed(root, len(runs)):
                self._empty_runs[name] = runs
                return root
        self._empty_runs.pop(name, None)
        del compacted, runs
        return safety.parse_xml(self.path, name, data)

    def serialised(self, name: str, data: bytes | Iterator[bytes]) -> bytes | Iterator[bytes]:
        """A parsed part's serialised XML with its empty paragraphs back in place."""
        runs = self._empty_runs.get(name)
        if not runs:
            return data
        from . import empty_paragraphs

        return empty_paragraphs.restore(data, runs)

    def rels(self, part: str) -> dict[str, Relationship]:
        """Relationships of ``part`` by id; targets resolved to part names unless external."""
        rels_name = rels_name_for(part)
        if not self.has(rels_name):
            return {}
        root = self.xml(rels_name)
        base = posixpath.dirname(part)
        found: dict[str, Relationship] = {}
        for rel in root.iter(f"{{{PR_NS}}}Relationship"):
            rel_id, target = rel.get("Id"), rel.get("Target")
            if not rel_id or target is None:
                continue
            external = rel.get("TargetMode") == "External"
            if not external:
                target = resolve_target(base, target)
            found[rel_id] = Relationship(rel_id, rel.get("Type", ""), target, external)
        return found

    def related(self, part: str, rel_type: str) -> list[str]:
        return [
            rel.target
            for rel in self.rels(part).values()
            if rel.rel_type == rel_type and not rel.external and self.has(rel.target)
        ]


_RESAVE = "Choose the .docx you meant, or save the posting again from Word."
_ODT = "Open it in LibreOffice and choose File › Save As › Word (.docx)."


def rels_name_for(part: str) -> str:
    """The name of the part holding ``part``'s relationships (``word/_rels/document.xml.rels``)."""
    directory, name = posixpath.split(part)
    return posixpath.join(directory, "_rels", f"{name}.rels")


def resolve_target(base: str, target: str) -> str:
    """A relationship target resolved against the folder ``base`` into a part name."""
    if target.startswith("/"):
        return target.lstrip("/")
    return posixpath.normpath(posixpath.join(base, target)).lstrip("/")


def open_package(path: str, data: bytes) -> Package:
    """Check the bytes, open the archive and find the main document part."""
    kind = safety.sniff(data[:64])
    if kind == "ole":
        safety.classify_ole(path, data)
    if kind != "zip":
        if not data:
            raise NotADocxError(
                path, "the file is empty (0 bytes), not a Word document", advice=_RESAVE
            )
        what = "plain text" if kind == "text" else kind
        raise NotADocxError(path, f"this is {what}, not a Word .docx document")
    archive = safety.open_zip(path, data)
    strict = False
    content_types: dict[str, str] = {}
    package = Package(path, data, archive, "", content_types)
    if package.has("[Content_Types].xml"):
        types = package.xml("[Content_Types].xml")
        defaults = {}
        for item in types:
            if item.tag == f"{{{CT_NS}}}Default":
                defaults[(item.get("Extension") or "").lower()] = item.get("ContentType", "")
            elif item.tag == f"{{{CT_NS}}}Override":
                content_types[(item.get("PartName") or "").lstrip("/")] = item.get(
                    "ContentType", ""
                )
        for name in package.names:
            extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
            content_types.setdefault(name, defaults.get(extension, ""))
    main = _find_main(package)
    if main is None:
        if package.has("content.xml") or package.has("mimetype"):
            raise NotADocxError(
                path, "this is an OpenDocument (.odt) file, not a Word document", advice=_ODT
            )
        if package.has("xl/workbook.xml") or package.has("ppt/presentation.xml"):
            raise NotADocxError(path, "this is an Excel or PowerPoint file, not a Word document")
        if not package.names:
            raise NotADocxError(path, "this is an empty zip archive, not a Word document")
        raise NotADocxError(
            path, "this is a zip archive without a Word document in it", detail="no main part"
        )
    package.main = main
    head = package.raw(main)[:2048]
    strict = b"purl.oclc.org/ooxml/wordprocessingml" in head
    package.strict = strict
    _check_root(package)
    return package


def _check_root(package: Package) -> None:
    """The main part must be WordprocessingML, or the reader would only say "no body"."""
    root = package.xml(package.main)
    if root.tag == w("document"):
        return
    namespace, _, local = str(root.tag).lstrip("{").rpartition("}")
    raise CorruptDocumentError(
        package.path,
        "the file is not a Word document inside, or it is badly damaged: its main part is "
        "written in a vocabulary Word does not use",
        advice="Open it in the program that made it and save it as a .docx document.",
        detail=f"{package.main}: root element {local!r} in namespace {namespace!r}",
    )


def _find_main(package: Package) -> str | None:
    if package.has("_rels/.rels"):
        try:
            data = package.raw("_rels/.rels")
            safety.check_no_dtd(package.path, "_rels/.rels", data)
            root = safety.parse_xml(package.path, "_rels/.rels", to_transitional(data))
        except CorruptDocumentError:
            root = None
        if root is not None:
            for rel in root.iter(f"{{{PR_NS}}}Relationship"):
                if rel.get("Type") == REL_OFFICE_DOCUMENT and rel.get("TargetMode") != "External":
                    target = resolve_target("", rel.get("Target") or "")
                    if package.has(target):
                        return target
    for name, content_type in package.content_types.items():
        if content_type in _WORD_MAIN_TYPES and package.has(name):
            return name
    return "word/document.xml" if package.has("word/document.xml") else None


def read_bytes(path: str) -> bytes:
    """Read a whole file with the size limit, turning OS errors into a typed error."""
    import os

    try:
        size = os.path.getsize(path)
        if size > safety.MAX_FILE_BYTES:
            from .errors import TooLargeError

            raise TooLargeError(
                path, f"the file is {size / 1048576:,.1f} MB, more than the 100 MB a posting may be"
            )
        with open(path, "rb") as handle:
            return handle.read(safety.MAX_FILE_BYTES + 1)
    except FileNotFoundError:
        raise FileUnreadableError(path, "the file does not exist") from None
    except IsADirectoryError:
        raise FileUnreadableError(path, "this is a folder, not a file") from None
    except PermissionError:
        raise FileUnreadableError(
            path,
            "you do not have permission to open this file",
            advice="Ask whoever owns the file for access, or copy it into your own folder.",
        ) from None
    except OSError as error:
        raise FileUnreadableError(
            path, "the file cannot be read from the disk", detail=str(error.strerror or error)
        ) from None
