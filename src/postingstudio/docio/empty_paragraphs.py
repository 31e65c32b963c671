"""Long runs of empty body paragraphs, held as one placeholder each while a part is in memory.

An empty paragraph (``<w:p w:rsidR="00A1B2C3"/>``) produces no block and is saved as it was
read, yet parsed it costs about 400 bytes of libxml2 nodes (the element, an attribute, its
value), and the reader and the writer each hold a proxy and an index entry for it: a body of a
million of them took 970 MB to open and save. So before a part is parsed, every run of at least
:data:`MIN_RUN` such paragraphs that are direct children of the body becomes one processing
instruction (``<?postingstudio-empty-paragraphs 0?>``), and the run's bytes are kept beside the
package as they are; when the part is saved, the instruction is replaced by those bytes again.
(Compressed, they took a tenth of the memory while the file is open but the save's peak rose by
the whole run decompressed: 103 -> 132 MB for a million paragraphs.)

Only paragraphs written exactly as libxml2 serialises them are taken (no namespace declarations,
attribute values of printable ASCII without ``&<>"``), so the saved XML is byte for byte what
parsing them and serialising them would give. Each run is parsed once, a slice at a time, so a
run with an undeclared prefix or a repeated attribute is refused as the whole part would be; and
a part where a placeholder lands anywhere but in the body (a table cell, a comment) is parsed as
it is. To the reader and the writer a placeholder is one element that produced no block, kept
where it was, as each of the paragraphs it stands for would be.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Iterator

from lxml import etree

# WordprocessingML's namespace (package.W_NS; package imports this module, not the other way)
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MIN_RUN = 64  # shorter runs cost little; the tree of an ordinary document stays as it was
TARGET = "postingstudio-empty-paragraphs"
_SLICE = 4 << 20  # bytes of a run checked at a time

_DECLARATION = re.compile(rb'\sxmlns(?::([\w.-]+))?="[^"]*"')
_FIRST_TAG = re.compile(rb"<(?![?!])[^>]*>")
_P = f"{{{W_NS}}}p"
_PLACEHOLDER = re.compile(rb"<\?" + TARGET.encode() + rb" (\d+)\?>")


def compact(data: bytes) -> tuple[bytes, list[bytes]]:
    """``data`` with each long run of empty paragraphs replaced by a placeholder, and the runs
    in order; ``data`` itself and no runs when there is nothing to hold so."""
    if TARGET.encode() in data:  # the document's own instruction of that name: leave it be
        return data, []
    declared = _declarations(data)
    if declared is None:
        return data, []
    pieces: list[bytes] = []
    runs: list[bytes] = []
    position = 0
    for match in _run_pattern(tuple(declared)).finditer(data):
        run = data[match.start() : match.end()]
        if not _well_formed(run, b"".join(declared.values())):
            continue
        pieces.append(data[position : match.start()])
        pieces.append(b"<?%s %d?>" % (TARGET.encode(), len(runs)))
        runs.append(run)
        position = match.end()
    if not runs:
        return data, []
    pieces.append(data[position:])
    return b"".join(pieces), runs


def _declarations(data: bytes) -> dict[bytes | None, bytes] | None:
    """The root's namespace declarations by prefix, or None when runs are not to be taken: no
    ``w`` prefix, or two prefixes for one namespace (whose attributes could then clash in a way
    only a full parse notices)."""
    first = _FIRST_TAG.search(data)
    found = {m.group(1): m.group() for m in _DECLARATION.finditer(first.group() if first else b"")}
    uris = [m.split(b"=", 1)[1] for m in found.values()]
    if b"w" not in found or len(set(uris)) != len(uris):
        return None
    return found


@functools.cache
def _run_pattern(prefixes: tuple[bytes | None, ...]) -> re.Pattern[bytes]:
    """Runs of empty paragraphs whose attributes use only the declared prefixes (so none can
    be undeclared). Possessive throughout: without backtracking the regex engine keeps no state
    per paragraph (a plain ``{64,}`` over a million paragraphs took 600 MB)."""
    local = rb"[A-Za-z_][\w.-]*+"
    named = b"|".join(re.escape(p) for p in sorted((p for p in prefixes if p), key=len)[::-1])
    name = rb"(?!xmlns)(?:(?:" + named + rb"):)?+" + local if named else rb"(?!xmlns)" + local
    empty = rb"<w:p(?: " + name + rb'="[ !#-%\'-;=?-~]*+")*+/>'
    return re.compile(rb"(?:" + empty + rb"){%d,}+" % MIN_RUN)


class _Nothing:
    """A parser target that builds nothing: libxml2 still checks the markup (a repeated
    attribute is an error), at a third of the time of building the tree."""

    def close(self) -> None:
        return None


def _well_formed(run: bytes, declarations: bytes) -> bool:
    """Whether libxml2 accepts the run in the root's namespaces, a slice at a time (each ends
    with a whole paragraph: ``/>`` occurs nowhere else in a run)."""
    parser = etree.XMLParser(target=_Nothing(), resolve_entities=False, no_network=True)
    view, start = memoryview(run), 0
    while start < len(run):
        cut = run.rfind(b"/>", start, start + _SLICE)
        end = cut + 2 if cut > start and start + _SLICE < len(run) else len(run)
        try:
            etree.fromstring(b"<r" + declarations + b">" + view[start:end] + b"</r>", parser)
        except etree.XMLSyntaxError:
            return False
        start = end
    return True


def placed(root: etree._Element, count: int) -> bool:
    """Whether the parsed part holds the ``count`` placeholders, each a child of the body."""
    body = f"{{{W_NS}}}body"
    found = 0
    for instruction in root.iter(etree.ProcessingInstruction):
        if instruction.target == TARGET:
            parent = instruction.getparent()
            if parent is None or parent.tag != body or parent.nsmap != root.nsmap:
                return False
            found += 1
    return found == count


def is_paragraph(element: etree._Element) -> bool:
    """A paragraph, or a placeholder for a run of them (a body must end with a paragraph)."""
    tag = element.tag
    if tag is etree.PI:
        return bool(element.target == TARGET)
    return bool(tag == _P)


def restore(chunks: bytes | Iterable[bytes], runs: list[bytes]) -> Iterator[bytes]:
    """The serialised part with each placeholder replaced by its run again, as chunks to write
    in order."""
    for chunk in (chunks,) if isinstance(chunks, bytes) else chunks:
        position = 0
        for match in _PLACEHOLDER.finditer(chunk):
            yield chunk[position : match.start()]
            yield runs[int(match.group(1))]
            position = match.end()
        yield chunk[position:] if position else chunk
