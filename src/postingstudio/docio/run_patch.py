"""Write an edited paragraph's new text into its original runs, keeping their formatting.

The paragraph's visible text is laid out as *atoms*, in the order the reader reads it: each
``w:t`` (editable text) and each ``w:tab``/``w:br``/``w:sym``/``w:noBreakHyphen`` (one fixed
character). The old and new text are aligned word by word (``difflib`` over word, space and
punctuation tokens); kept characters stay in the atom they were in, deleted ones leave it, and
inserted text joins the atom of the text it replaces, or of the text just before it. So fixing
one word in a bold heading leaves it bold, and a word typed at the end takes the formatting of
the last word. Everything else in the paragraph (properties, bookmarks, fields, comments,
pictures, hyperlinks) is not touched.

``patch_paragraph`` returns, for each character of the new text, an old character now in the
same atom (so the caller knows how each new character looks before it applies the editor's own
formatting), or None, changing nothing, when the atoms do not spell the text the reader read (a
field spanning paragraphs, say); the caller then rebuilds the paragraph. A hyperlink whose text
was all deleted goes too, so no empty link is left pointing at its relationship.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field

from lxml import etree

from .docx_build import XML_SPACE, clean_text
from .package import w
from .runs import _clean, _symbol
from .styles import on_off

_R, _T, _RPR, _HYPERLINK = w("r"), w("t"), w("rPr"), w("hyperlink")
_FIXED = {
    w("tab"): "\t",
    w("ptab"): "\t",
    w("br"): "\v",
    w("cr"): "\v",
    w("noBreakHyphen"): "\u2011",
}
_RECURSE = frozenset(
    {
        w("hyperlink"),
        w("ins"),
        w("moveTo"),
        w("smartTag"),
        w("customXml"),
        w("dir"),
        w("bdo"),
        w("sdtContent"),
        w("fldSimple"),
    }
)
_TOKENS = re.compile(r"\w+|\s+|[^\w\s]", re.UNICODE)


@dataclass
class _Atom:
    element: etree._Element
    text: str
    editable: bool
    out: list[str] = field(default_factory=list)


def text_atoms(para: etree._Element) -> list[_Atom]:
    """The paragraph's text pieces in order, each with its element and
    whether an edit may change it."""
    atoms: list[_Atom] = []
    _walk(para, atoms, [])
    return atoms


def _walk(element: etree._Element, atoms: list[_Atom], fields: list[bool]) -> None:
    # ``fields``: one entry per open field, True once past its instruction (showing its result)
    for child in element:
        tag = child.tag
        if tag == _R:
            _run(child, atoms, fields)
        elif tag in _RECURSE:
            _walk(child, atoms, fields)
        elif tag == w("sdt"):
            content = child.find(w("sdtContent"))
            if content is not None:
                _walk(content, atoms, fields)


def _run(run: etree._Element, atoms: list[_Atom], fields: list[bool]) -> None:
    rpr = run.find(_RPR)
    if rpr is not None:
        vanish = rpr.find(w("vanish"))
        if vanish is not None and on_off(vanish):
            return
    for child in run:
        tag = child.tag
        if tag == w("fldChar"):
            kind = child.get(w("fldCharType"))
            if kind == "begin":
                fields.append(False)
            elif kind == "separate" and fields:
                fields[-1] = True
            elif kind == "end" and fields:
                fields.pop()
            continue
        if fields and not fields[-1]:
            continue  # field instruction, not displayed
        if tag == _T:
            atoms.append(_Atom(child, _clean(child.text or ""), True))
        elif tag in _FIXED:
            atoms.append(_Atom(child, _FIXED[tag], False))
        elif tag == w("sym"):
            atoms.append(_Atom(child, _symbol(child.get(w("char"), "")), False))


def _tokens(text: str) -> list[str]:
    return _TOKENS.findall(text)


def patch_paragraph(para: etree._Element, old_text: str, new_text: str) -> list[int] | None:
    """Rewrite ``para`` in place from ``old_text`` to ``new_text``: for each new character, the
    index of an old character in the same atom (-1 in a paragraph that had none); None if it
    cannot."""
    atoms = [a for a in text_atoms(para) if a.text]
    if "".join(a.text for a in atoms) != old_text:
        return None
    if not atoms:
        _append_run(para, new_text)
        return [-1] * len(new_text)
    owner = [index for index, atom in enumerate(atoms) for _ in atom.text]
    first = [0] * len(atoms)  # the index of each atom's first old character
    for position in range(len(owner) - 1, -1, -1):
        first[owner[position]] = position
    linked = [h for h in para.iter(_HYPERLINK) if any(True for _ in h.iter(_R))]
    old_tokens, new_tokens = _tokens(old_text), _tokens(new_text)
    old_starts = _starts(old_tokens)
    new_starts = _starts(new_tokens)
    matcher = difflib.SequenceMatcher(None, old_tokens, new_tokens, autojunk=False)
    # Characters are appended to their atoms in the new text's order, so each atom's ``out``
    # is a contiguous slice of the new text; ``looks`` follows the same order.
    looks: list[int] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        a, b = old_starts[i1], old_starts[i2]
        if tag == "equal":
            for k in range(a, b):
                atoms[owner[k]].out.append(old_text[k])
                looks.append(k)
            continue
        inserted = new_text[new_starts[j1] : new_starts[j2]]
        if inserted:
            host = _host(atoms, owner, a, replacing=tag == "replace")
            host.out.append(inserted)
            looks.extend([first[atoms.index(host)]] * len(inserted))
    for atom in atoms:
        _rewrite(atom)
    for hyperlink in linked:
        if not any(True for _ in hyperlink.iter(_R)):
            unwrap(hyperlink)
    return looks


def unwrap(element: etree._Element) -> None:
    """Replace ``element`` by its children (a bookmark inside an emptied link stays)."""
    parent = element.getparent()
    if parent is None:
        return
    position = parent.index(element)
    for offset, child in enumerate(list(element)):
        parent.insert(position + offset, child)
    parent.remove(element)


def _starts(tokens: list[str]) -> list[int]:
    starts, position = [0], 0
    for token in tokens:
        position += len(token)
        starts.append(position)
    return starts


def _host(atoms: list[_Atom], owner: list[int], at: int, *, replacing: bool) -> _Atom:
    """The atom new text joins: the replaced text's, else the text just before it, else just
    after it. Only those touch the insertion point: reaching further back (past a tab) would put
    the new text on the wrong side of it. Between two tabs, the tab before takes the text."""
    order: list[int] = []
    if replacing and at < len(owner):
        order.append(owner[at])
    if at > 0:
        order.append(owner[at - 1])
    if at < len(owner):
        order.append(owner[at])
    for index in order:
        if atoms[index].editable:
            return atoms[index]
    return atoms[order[0]] if order else atoms[-1]


def _rewrite(atom: _Atom) -> None:
    text = "".join(atom.out)
    if text == atom.text:
        return
    element = atom.element
    parent = element.getparent()
    if parent is None:
        return
    if atom.editable and "\t" not in text and "\v" not in text:
        if text:
            _set_text(element, text)
            return
    position = parent.index(element)
    parent.remove(element)
    for offset, new in enumerate(text_elements(text)):
        parent.insert(position + offset, new)
    if parent.tag == _R and not any(child.tag != _RPR for child in parent):
        run_parent = parent.getparent()
        if run_parent is not None:
            run_parent.remove(parent)


def text_elements(text: str) -> list[etree._Element]:
    r"""``text`` as WordprocessingML run content: ``w:t`` pieces, ``\t`` as
    ``w:tab``, ``\v`` as ``w:br``."""
    made: list[etree._Element] = []
    for piece in re.split("([\t\v])", text):
        if piece == "\t":
            made.append(etree.Element(w("tab")))
        elif piece == "\v":
            made.append(etree.Element(w("br")))
        elif piece:
            element = etree.Element(_T)
            _set_text(element, piece)
            made.append(element)
    return made


def _set_text(element: etree._Element, text: str) -> None:
    element.text = clean_text(text)
    if text != text.strip():
        element.set(XML_SPACE, "preserve")


def _append_run(para: etree._Element, text: str) -> bool:
    """An empty paragraph that got text: one run in the paragraph mark's formatting."""
    if not text:
        return True
    run = etree.SubElement(para, _R)
    mark = para.find(f"{w('pPr')}/{_RPR}")
    if mark is not None:
        rpr = etree.SubElement(run, _RPR)
        for child in mark:
            if child.tag not in (w("ins"), w("del"), w("rPrChange"), w("moveFrom"), w("moveTo")):
                rpr.append(etree.fromstring(etree.tostring(child)))
        if len(rpr) == 0:
            run.remove(rpr)
    run.extend(text_elements(text))
    return True
