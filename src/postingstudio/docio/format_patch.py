"""Apply a format-only edit (bold, italic, underline) to a paragraph's own runs.

When the writer changes only how some characters look, rebuilding the paragraph from the model
would lose every run property the editor cannot show (fonts, colours, sizes, highlight,
character styles). Instead each run whose look changed is split where the editor's formatting
changes, and only ``w:b``/``w:i``/``w:u`` are set or cleared on the pieces; every other property
is copied from the original run. A changed link is not handled here (``patch_formatting``
returns False, changing nothing, and the caller rebuilds the paragraph), nor are paragraphs
whose atoms do not spell the text the reader read.
"""

from __future__ import annotations

import copy

from lxml import etree

from .docx_build import _RPR_ORDER, insert_ordered
from .package import w
from .run_patch import _set_text, text_atoms

_R, _T, _RPR = w("r"), w("t"), w("rPr")

Look = tuple[object, ...]  # (bold, italic, underline, link) of one character, as `_looks`


def patch_formatting(para: etree._Element, text: str, old: list[Look], new: list[Look]) -> bool:
    """Give ``para``'s characters the ``new`` looks (they had ``old``); False if it cannot."""
    atoms = [a for a in text_atoms(para) if a.text]
    if "".join(a.text for a in atoms) != text or not len(old) == len(text) == len(new):
        return False
    if any(o[3] != n[3] for o, n in zip(old, new, strict=True)):
        return False  # links live in w:hyperlink elements and relationships: rebuilt
    start = 0
    for atom in atoms:
        end = start + len(atom.text)
        if old[start:end] != new[start:end]:
            _split(atom.element, atom.text, old[start:end], new[start:end], atom.editable)
        start = end
    return True


def _split(
    element: etree._Element, text: str, old: list[Look], new: list[Look], editable: bool
) -> None:
    """Replace the run holding ``element`` by: the run's children before it, one run per piece
    of ``element`` with a constant (old, new) look, and the children after it."""
    run = element.getparent()
    if run is None or run.tag != _R or run.getparent() is None:
        return
    pieces: list[tuple[str, Look, Look]] = []
    for char, before, after in zip(text, old, new, strict=True):
        if pieces and pieces[-1][1:] == (before, after):
            pieces[-1] = (pieces[-1][0] + char, before, after)
        else:
            pieces.append((char, before, after))
    children = [c for c in run if c.tag != _RPR]
    index = children.index(element)
    made: list[etree._Element] = []
    if index:
        made.append(_clone(run, children[:index]))
    for piece, before, after in pieces:
        holder = copy.deepcopy(element)
        if editable:
            _set_text(holder, piece)
        piece_run = _clone(run, [holder])
        _restyle(piece_run, before, after)
        made.append(piece_run)
    if index + 1 < len(children):
        made.append(_clone(run, children[index + 1 :]))
    parent = run.getparent()
    position = parent.index(run)
    parent.remove(run)
    for offset, new_run in enumerate(made):
        parent.insert(position + offset, new_run)


def _clone(run: etree._Element, children: list[etree._Element]) -> etree._Element:
    """A run with ``run``'s attributes and properties holding copies of ``children``."""
    clone = run.makeelement(_R, dict(run.attrib))
    rpr = run.find(_RPR)
    if rpr is not None:
        clone.append(copy.deepcopy(rpr))
    clone.extend(copy.deepcopy(c) for c in children)
    return clone


def _restyle(run: etree._Element, before: Look, after: Look) -> None:
    """Set only the toggles whose look changed; explicit off values, since a style may be on."""
    rpr = run.find(_RPR)
    if rpr is None:
        rpr = run.makeelement(_RPR, {})
        run.insert(0, rpr)
    for tag, was, now, on, off in (
        ("b", before[0], after[0], {}, {w("val"): "0"}),
        ("i", before[1], after[1], {}, {w("val"): "0"}),
        ("u", before[2], after[2], {w("val"): "single"}, {w("val"): "none"}),
    ):
        if was == now:
            continue
        for existing in rpr.findall(w(tag)):
            rpr.remove(existing)
        insert_ordered(rpr, rpr.makeelement(w(tag), on if now else off), _RPR_ORDER)
