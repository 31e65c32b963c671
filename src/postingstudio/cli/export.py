"""``postingstudio export IN --to OUT.{docx,html,md,txt,pdf}``: convert a posting between formats.

Reads IN (.docx, .docm, .txt, .md, .html) and writes OUT in the format its extension names. A
.docx export goes into a copy of IN when IN is a Word document (its styles, headers and footers
survive), else into ``--template`` or the shipped template. OUT is never replaced without
``--overwrite``. Failures are one line on stderr naming the file and the reason; exit codes:
0 written, 2 the input could not be read, 3 the output could not be written, 4 bad arguments.
"""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path
from typing import Any

EXIT_OK, EXIT_UNREADABLE, EXIT_UNWRITABLE, EXIT_USAGE = 0, 2, 3, 4

log = logging.getLogger(__name__)


def add_parser(sub: Any) -> None:
    """Register ``export`` and its options on the subcommand parsers ``sub``."""
    parser = sub.add_parser(
        "export",
        help="convert a posting to .docx, .html, .md, .txt or .pdf",
        description="Export a posting. A Word source keeps its styles, headers and footers in a "
        ".docx export; other inputs use the template. HTML is clean and semantic, ready for job "
        "boards and applicant-tracking systems.",
    )
    parser.add_argument("input", metavar="IN", help="a .docx, .docm, .txt, .md or .html posting")
    parser.add_argument(
        "--to",
        dest="output",
        required=True,
        metavar="OUT",
        help="output file; its extension picks the format",
    )
    parser.add_argument(
        "--template", metavar="T.docx", help="Word template for .docx (and .pdf) output"
    )
    parser.add_argument("--overwrite", action="store_true", help="replace OUT if it already exists")
    parser.set_defaults(run=run)


def _fail(path: object, reason: str) -> None:
    print(f"postingstudio export: {path}: {reason}", file=sys.stderr)


def run(args: argparse.Namespace) -> int:
    """``postingstudio export``: load IN and write it in the format OUT's suffix names."""
    from postingstudio.docio import DocumentError, load_posting, save_posting
    from postingstudio.docio.formats import export_suffixes

    output = Path(args.output)
    formats = export_suffixes()
    if output.suffix.lower() not in formats:
        _fail(
            output,
            f"unknown export format '{output.suffix or '(none)'}'; use one of {', '.join(formats)}",
        )
        return EXIT_USAGE
    if args.template and Path(args.template).suffix.lower() not in (".docx", ".dotx"):
        _fail(args.template, "a template must be a .docx file")
        return EXIT_USAGE
    try:
        posting = load_posting(args.input)
    except DocumentError as error:
        _fail(error.path or args.input, error.reason)
        return EXIT_UNREADABLE
    except Exception as error:  # noqa: BLE001 - the contract is one line, never a traceback
        log.debug("reading %s failed", args.input, exc_info=True)
        _fail(args.input, f"could not be read ({type(error).__name__}: {error})")
        return EXIT_UNREADABLE
    try:
        save_posting(posting, output, template=args.template, overwrite=args.overwrite)
    except DocumentError as error:
        _fail(error.path or output, error.reason)
        return EXIT_UNWRITABLE if not _is_template_error(error, args.template) else EXIT_UNREADABLE
    except Exception as error:  # noqa: BLE001
        log.debug("writing %s failed", output, exc_info=True)
        _fail(output, f"could not be written ({type(error).__name__}: {error})")
        return EXIT_UNWRITABLE
    for note in posting.notes:
        log.info("%s: %s", args.input, note)
    print(f"wrote {output}", file=sys.stderr)
    return EXIT_OK


def _is_template_error(error: Any, template: str | None) -> bool:
    return bool(template) and Path(error.path or "").name == Path(template or "").name
