"""``postingstudio polish IN --to OUT [--diff] [--format json] [--track-changes]``.

Applies exactly the changes "Apply all safe fixes" ticks by default (core.fixes.polish_text,
the same code the app uses) and writes OUT in the format its suffix names; a .docx goes into
a copy of the source's template through docio. ``--track-changes`` writes the changes to a
.docx as Word revisions by "Posting Studio". Exit codes as for ``check``: 0 done, 1 the
polished posting scored below ``--fail-under``, 2 IN could not be read; 3 OUT could not be
written, 4 bad arguments (as for ``export``).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from postingstudio import __version__
from postingstudio.cli.inputs import InputError, read_posting
from postingstudio.cli.options import add_analysis_options, rulebook_from, settings_from

EXIT_OK, EXIT_BELOW_THRESHOLD, EXIT_UNREADABLE, EXIT_UNWRITABLE, EXIT_USAGE = 0, 1, 2, 3, 4
FORMATS = (".docx", ".html", ".htm", ".md", ".txt", ".pdf")


def add_parser(sub: Any) -> None:
    """Register ``polish`` and its options on the subcommand parsers ``sub``."""
    parser = sub.add_parser(
        "polish",
        help="apply every safe fix and write the polished posting",
        description="Apply the fixes that are grammatical, keep the meaning and need none of "
        "your words (the ones 'Apply all safe fixes' ticks), and write the result.",
    )
    parser.add_argument("input", metavar="IN", help="a .docx, .txt, .md or .html posting")
    parser.add_argument("--to", dest="output", required=True, metavar="OUT")
    parser.add_argument("--diff", action="store_true", help="print a word-level diff")
    parser.add_argument("--format", choices=("text", "json"), default="text")
    parser.add_argument("--track-changes", action="store_true", help=".docx: Word revisions")
    parser.add_argument("--overwrite", action="store_true", help="replace OUT if it exists")
    parser.add_argument("--fail-under", type=float, metavar="SCORE")
    add_analysis_options(parser)
    parser.set_defaults(run=run)


def _fail(path: object, reason: str) -> None:
    print(f"postingstudio polish: {path}: {reason}", file=sys.stderr)


def run(args: argparse.Namespace) -> int:
    """``postingstudio polish``: apply every safe fix and write the
    result to --to; the exit status."""
    from postingstudio.core.analyse import analyse
    from postingstudio.core.fixes import find_placeholders, polish_text
    from postingstudio.core.rewrite.posting_edit import apply_to_posting
    from postingstudio.core.rewrite.rewriter import POLISH_SCHEMA_VERSION

    output = Path(args.output)
    if output.suffix.lower() not in FORMATS:
        _fail(output, f"unknown format '{output.suffix or '(none)'}'; use {', '.join(FORMATS)}")
        return EXIT_USAGE
    if args.track_changes and output.suffix.lower() != ".docx":
        _fail(output, "--track-changes needs a .docx output")
        return EXIT_USAGE
    try:
        posting = read_posting(Path(args.input))
    except InputError as error:
        _fail(args.input, error.reason)
        return EXIT_UNREADABLE
    settings, book = settings_from(args), rulebook_from(args)
    before = analyse(posting, book, settings)
    polished = polish_text(before.text, list(before.findings))
    applied = list(polished.safe)
    edits = [edit for change in applied for edit in change.edits]  # type: ignore[attr-defined]
    result = apply_to_posting(posting, edits)
    after = analyse(result, book, settings)
    written = _write(result, output, args, applied, posting)
    if written != EXIT_OK:
        return written
    if args.format == "json":
        payload = {
            "schema": POLISH_SCHEMA_VERSION,
            "tool": {"name": "postingstudio", "version": __version__},
            "path": args.input,
            "output": str(output),
            "changes": [edit for change in applied for edit in _json(change, before.text)],
            "offered": [c.to_json() for c in polished.changes if not c.safe],  # type: ignore[attr-defined]
            "score_before": before.scores.overall,
            "score_after": after.scores.overall,
        }
        sys.stdout.write(json.dumps(payload, ensure_ascii=False, indent=2) + "\n")
    else:
        if args.diff:
            from postingstudio.core.rewrite.diff import render_diff

            sys.stdout.write(render_diff(before.text, applied))
        print(
            f"{len(applied)} changes applied, {len(polished.changes) - len(applied)} left for "
            f"you; score {before.scores.overall} -> {after.scores.overall}; wrote {output}",
            file=sys.stderr,
        )
    left = find_placeholders(after.text)
    if left:
        print(f"postingstudio polish: warning: {len(left)} unfilled placeholders", file=sys.stderr)
    if args.fail_under is not None and after.scores.overall < args.fail_under:
        return EXIT_BELOW_THRESHOLD
    return EXIT_OK


def _json(change: Any, text: str) -> list[dict[str, object]]:
    """One entry per edit, so no two entries overlap (a "you" rewrite is several edits)."""
    return [
        {
            "rule_id": change.rule_id,
            "start": edit.start,
            "end": edit.end,
            "before": text[edit.start : edit.end],
            "after": edit.after,
        }
        for edit in change.edits
    ]


def _write(
    result: Any, output: Path, args: argparse.Namespace, applied: list[Any], source: Any
) -> int:
    from postingstudio.docio import DocumentError, save_posting

    try:
        if args.track_changes:
            from postingstudio.docio.track_changes import save_with_revisions

            save_with_revisions(source, applied, output, overwrite=args.overwrite)
        else:
            save_posting(result, output, overwrite=args.overwrite)
    except DocumentError as error:
        _fail(error.path or output, error.reason)
        return EXIT_UNWRITABLE
    except OSError as error:
        _fail(output, f"could not be written ({error})")
        return EXIT_UNWRITABLE
    return EXIT_OK
