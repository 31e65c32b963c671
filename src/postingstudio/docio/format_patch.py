"""Apply a formatting edit (bold, italic, underline, links) to a paragraph's own runs.

When the writer changes how some characters look, rebuilding the paragraph from the model
would lose every run property the editor cannot show (fonts, colours, sizes, highlight,
character styles). Instead each run whose look changed is split where the editor's formatting
changes, and only ``w:b``/``w:i``/``w:u`` are set or cleared on the pieces; every other property
is copied from the original run. Pieces whose link changed are then moved into or out of
hyperlinks (:mod:`.link_patch`). This runs after a text edit too (:mod:`.run_patch` first puts
the new text into the runs, then the editor's formatting of it is applied here), so typing a
word and making another bold in the same paragraph keeps both. ``patch_formatting`` returns
False, changing nothing, when the atoms do not spell the text or a link cannot be moved (a
``HYPERLINK`` field); the caller then rebuilds the paragraph.
"""

from __future__ import annotations

import copy

from lxml import etree

from .docx_build import restyle
from .link_patch import Links, can_move, move_links
from .package import w
from .run_patch import _set_text, text_atoms

_R, _T, _RPR = w("r"), w("t"), w("rPr")

Look = tuple[object, ...]  # (bold, italic, underline, link) of one character, as `_looks`


def patch_formatting(
    para: etree._Element,
    text: str,
    old: list[Look],
    new: list[Look],
    links: Links | None = None,
) -> bool:
    """Give ``para``'s characters the ``new`` looks (they had ``old``); False if it cannot.
    ``links`` resolves and makes hyperlinks in the paragraph's part; without it a changed link
    cannot be patched."""
    atoms = [a for a in text_atoms(para) if a.text]
    if "".join(a.text for a in atoms) != text or not len(old) == len(text) == len(new):
        return False
    if not can_move(para, old, new, links):
        return False
    start, index = 0, 0
    while index < len(atoms):
        atom = atoms[index]
        end = start + len(atom.text)
        if old[start:end] != new[start:end]:
            pieces = _split(atom.element, atom.text, old[start:end], new[start:end], atom.editable)
            # The split copied the run's other children: read the atoms again, past the pieces.
            atoms = [a for a in text_atoms(para) if a.text]
            index += pieces
        else:
            index += 1
        start = end
    if links is not None and any(o[3] != n[3] for o, n in zip(old, new, strict=True)):
        move_links(para, old, new, links)
    return True


def _split(
    element: etree._Element, text: str, old: list[Look], new: list[Look], editable: bool
) -> int:
    """Replace the run holding ``element`` by: the run's children before it, one run per piece
    of ``element`` with a constant (old, new) look, and the children after it; the number of
    pieces."""
    run = element.getparent()
    if run is None or run.tag != _R or run.getparent() is None:
        return 1
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
        restyle(piece_run, before, after)
        made.append(piece_run)
    if index + 1 < len(children):
        made.append(_clone(run, children[index + 1 :]))
    parent = run.getparent()
    position = parent.index(run)
    parent.remove(run)
    for offset, new_run in enumerate(made):
        parent.insert(position + offset, new_run)
    return len(pieces)


def _clone(run: etree._Element, children: list[etree._Element]) -> etree._Element:
    """A run with ``run``'s attributes and properties holding copies of ``children``."""
    clone = run.makeelement(_R, dict(run.attrib))
    rpr = run.find(_RPR)
    if rpr is not None:
        clone.append(copy.deepcopy(rpr))
    clone.extend(copy.deepcopy(c) for c in children)
    return clone
