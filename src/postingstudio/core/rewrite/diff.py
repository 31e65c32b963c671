"""A word-level diff of polish changes, for people: each changed line once, with
``[-removed-]`` and ``{+added+}`` words (the notation of ``git diff --word-diff``)."""

from __future__ import annotations

import difflib
import re
from collections.abc import Sequence

_WORDS = re.compile(r"\s+|[^\s]+")


def word_diff(before: str, after: str) -> str:
    """A word-level diff in git's ``[-old-]{+new+}`` notation, for the CLI's polish --diff."""
    old, new = _WORDS.findall(before), _WORDS.findall(after)
    out: list[str] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, old, new, autojunk=False).get_opcodes():
        if op == "equal":
            out.append("".join(old[i1:i2]))
            continue
        if i2 > i1:
            out.append("[-" + "".join(old[i1:i2]) + "-]")
        if j2 > j1:
            out.append("{+" + "".join(new[j1:j2]) + "+}")
    return "".join(out)


def render_diff(text: str, changes: Sequence[object]) -> str:
    """Each line of ``text`` that ``changes`` touch, before -> after, as a word diff."""
    from .rewriter import apply_edits

    lines: dict[tuple[int, int], list[object]] = {}
    for change in changes:
        start = text.rfind("\n", 0, change.start) + 1  # type: ignore[attr-defined]
        end = text.find("\n", change.end)  # type: ignore[attr-defined]
        lines.setdefault((start, len(text) if end < 0 else end), []).append(change)
    out = []
    for (start, end), group in sorted(lines.items()):
        line = text[start:end]
        edits = [edit for change in group for edit in change.edits]  # type: ignore[attr-defined]
        number = text.count("\n", 0, start) + 1
        out.append(f"{number}: {word_diff(line, apply_edits(line, edits, start))}\n")
    return "".join(out)
