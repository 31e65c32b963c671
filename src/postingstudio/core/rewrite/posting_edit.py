"""Applying text edits to a posting's blocks and runs, so formatting survives polishing.

Edits are in offsets of ``posting.text`` and never cross a block (a sentence ends at a line).
Inserted words take the format of the run they start in; deleted words leave their runs,
which are dropped once empty.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from ..model import Block, Posting, Run, merge_runs
from .fit import Edit


def _edit_runs(runs: tuple[Run, ...], start: int, end: int, after: str) -> tuple[Run, ...]:
    """``runs`` with block-relative ``[start, end)`` replaced by ``after``."""
    out: list[Run] = []
    position = 0
    inserted = False
    for run in runs:
        run_start, run_end = position, position + len(run.text)
        position = run_end
        if run_end < start or run_start > end or (run_end == start and start != end):
            out.append(run)
            continue
        keep_head = run.text[: max(0, start - run_start)]
        keep_tail = run.text[max(0, end - run_start) :] if end <= run_end else ""
        middle = ""
        if not inserted and run_start <= start <= run_end:
            middle, inserted = after, True
        text = keep_head + middle + keep_tail
        if text:
            out.append(replace(run, text=text))
    if not inserted:
        out.append(Run(after))
    return merge_runs(out)


def apply_to_posting(posting: Posting, edits: Iterable[Edit]) -> Posting:
    """The posting with every edit applied, block by block, last edit first."""
    blocks = list(posting.blocks)
    starts = posting.block_starts
    for edit in sorted(edits, key=lambda e: e.start, reverse=True):
        number = posting.block_at(edit.start)
        if number < 0:
            continue
        block: Block = blocks[number]
        offset = starts[number]
        runs = block.runs or (Run(""),)
        blocks[number] = replace(
            block, runs=_edit_runs(runs, edit.start - offset, edit.end - offset, edit.after)
        )
    return posting.with_blocks(tuple(blocks))
