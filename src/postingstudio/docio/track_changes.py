"""Polish changes as Word revisions: a .docx whose edits are ``w:del``/``w:ins`` by
"Posting Studio", so a hiring manager accepts or rejects each one in Word.

The original posting is written through the normal export path (into the source's template),
then the main document part is post-processed: each edited paragraph is found by its text, its
runs are split at the edit's offsets, the old words move into a ``w:del`` (``w:delText``) and the
new words follow in a ``w:ins`` run with the format of the first deleted run. A paragraph whose
text cannot be matched, or an edit across a tab or break, is left as it is (never half-edited).
"""

from __future__ import annotations

import copy
import io
import os
import zipfile
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

from lxml import etree

from .atomic import write_atomic
from .package import W_NS, w

AUTHOR = "Posting Studio"
_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"


def _runs(paragraph: Any) -> list[Any]:
    return [r for r in paragraph.iter(w("r")) if r.getparent().tag in (w("p"), w("hyperlink"))]


def _run_text(run: Any) -> str | None:
    """The run's text, or None when it holds more than text (a tab, break, field, drawing)."""
    parts = []
    for child in run:
        if child.tag == w("t"):
            parts.append(child.text or "")
        elif child.tag != w("rPr"):
            return None
    return "".join(parts)


def _paragraph_text(paragraph: Any) -> str:
    out = []
    for run in _runs(paragraph):
        for child in run:
            if child.tag == w("t"):
                out.append(child.text or "")
            elif child.tag == w("tab"):
                out.append("\t")
            elif child.tag in (w("br"), w("cr")):
                out.append("\v")
    return "".join(out)


def _text_run(template: Any, text: str, tag: str = "t") -> Any:
    run = etree.Element(w("r"))
    properties = template.find(w("rPr")) if template is not None else None
    if properties is not None:
        run.append(copy.deepcopy(properties))
    element = etree.SubElement(run, w(tag))
    element.text = text
    element.set(_XML_SPACE, "preserve")
    return run


def _split(paragraph: Any, offset: int) -> bool:
    """Make ``offset`` a run boundary; False when it falls inside a non-text run."""
    position = 0
    for run in _runs(paragraph):
        text = _run_text(run)
        length = len(text) if text is not None else len(_paragraph_text_of_run(run))
        if position < offset < position + length:
            if text is None:
                return False
            head = _text_run(run, text[: offset - position])
            tail = _text_run(run, text[offset - position :])
            parent = run.getparent()
            index = parent.index(run)
            parent.remove(run)
            parent.insert(index, tail)
            parent.insert(index, head)
            return True
        position += length
    return True


def _paragraph_text_of_run(run: Any) -> str:
    holder = etree.Element(w("p"))
    holder.append(copy.deepcopy(run))
    return _paragraph_text(holder)


class _Revisions:
    def __init__(self) -> None:
        self.next_id = 9000
        self.date = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")

    def mark(self, tag: str) -> Any:
        element = etree.Element(w(tag))
        element.set(w("id"), str(self.next_id))
        element.set(w("author"), AUTHOR)
        element.set(w("date"), self.date)
        self.next_id += 1
        return element


def _revise(paragraph: Any, start: int, end: int, after: str, marks: _Revisions) -> bool:
    if not (_split(paragraph, start) and _split(paragraph, end)):
        return False
    position, inside, anchor = 0, [], None
    for run in _runs(paragraph):
        length = len(_paragraph_text_of_run(run))
        if start <= position and position + length <= end and length:
            if _run_text(run) is None:
                return False
            inside.append(run)
        elif position + length <= start:
            anchor = run
        position += length
    template: Any = inside[0] if inside else anchor
    if template is None:
        parent, index = paragraph, len(paragraph)
    else:
        parent = template.getparent()
        index = parent.index(template) + (0 if inside else 1)
    if inside:
        deletion = marks.mark("del")
        for run in inside:
            parent.remove(run)
            for text in run.findall(w("t")):
                text.tag = w("delText")
            deletion.append(run)
        parent.insert(index, deletion)
        index += 1
    if after:
        insertion = marks.mark("ins")
        insertion.append(_text_run(template, after))
        parent.insert(index, insertion)
    return True


def add_revisions(document_xml: bytes, blocks: Sequence[tuple[str, list[Any]]]) -> bytes:
    """``document_xml`` with each (block text, block-relative edits) written as revisions."""
    root = etree.fromstring(document_xml)
    body = root.find(w("body"))
    paragraphs = list(body.iter(w("p"))) if body is not None else []
    marks, cursor = _Revisions(), 0
    for text, edits in blocks:
        for number in range(cursor, len(paragraphs)):
            if _paragraph_text(paragraphs[number]) == text:
                for edit in sorted(edits, key=lambda e: e.start, reverse=True):
                    _revise(paragraphs[number], edit.start, edit.end, edit.after, marks)
                cursor = number + 1
                break
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def save_with_revisions(
    posting: Any, changes: Sequence[Any], out_path: str | os.PathLike[str], *, overwrite: bool
) -> None:
    """Write ``posting`` (unpolished) to ``out_path`` with ``changes`` as tracked revisions."""
    from .export import save_posting

    save_posting(posting, out_path, overwrite=overwrite)
    starts = posting.block_starts
    by_block: dict[int, list[Any]] = {}
    for change in changes:
        for edit in change.edits:
            number = posting.block_at(edit.start)
            shifted = type(edit)(edit.start - starts[number], edit.end - starts[number], edit.after)
            by_block.setdefault(number, []).append(shifted)
    blocks = [(posting.blocks[n].text, edits) for n, edits in sorted(by_block.items())]
    with zipfile.ZipFile(out_path) as source:
        entries = [(info, source.read(info.filename)) for info in source.infolist()]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for info, data in entries:
            if info.filename == "word/document.xml":
                data = add_revisions(data, blocks)
            target.writestr(info, data)
    write_atomic(out_path, buffer.getvalue())


__all__ = ["AUTHOR", "W_NS", "add_revisions", "save_with_revisions"]
