"""``postingstudio check FILE…``: analyse postings and print findings, scores and the checklist.

Exit codes: 0 all files read (and at or above ``--fail-under``), 1 a file scored below
``--fail-under``, 2 a file could not be read (the others are still checked).
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from postingstudio import __version__
from postingstudio.cli.options import add_analysis_options, rulebook_from, settings_from

EXIT_OK, EXIT_BELOW_THRESHOLD, EXIT_UNREADABLE = 0, 1, 2


def add_parser(sub: Any) -> None:
    """Register ``check`` and its options on the subcommand parsers ``sub``."""
    parser = sub.add_parser(
        "check",
        help="analyse postings (.txt, .md, .docx) and report problems",
        description="Analyse job postings and report what is generic, dry, missing, hard to "
        "read or exclusionary, with a fix for each. LINE:COL count paragraphs of the "
        "analysed text (one line per paragraph, bullet or heading).",
    )
    parser.add_argument("files", nargs="*", metavar="FILE", help=".txt, .md or .docx files")
    parser.add_argument(
        "--sample", action="store_true", help="also check the bundled sample posting"
    )
    parser.add_argument("--format", choices=("text", "json"), default="text")
    parser.add_argument(
        "--pretty", action="store_true", help="indent --format json for reading (larger, slower)"
    )
    parser.add_argument(
        "--with-text",
        action="store_true",
        help="with --format json, add each file's analysed text (what start/end index)",
    )
    parser.add_argument(
        "--fail-under", type=float, metavar="SCORE", help="exit 1 if an overall score is lower"
    )
    add_analysis_options(parser)
    parser.add_argument(
        "--grammar", action="store_true", help="include LanguageTool grammar and spelling"
    )
    parser.add_argument(
        "--languagetool-url", metavar="URL", help="a LanguageTool server to use for --grammar"
    )
    parser.add_argument(
        "--jobs", type=int, metavar="N", help="processes for many files (default: one per core)"
    )
    parser.add_argument(
        "--language",
        default="auto",
        metavar="CODE",
        help="language for --grammar, e.g. en-GB; default: en-GB or en-US from the posting",
    )
    parser.add_argument(
        "--grammar-timeout",
        type=float,
        default=30.0,
        metavar="SECONDS",
        help="give up on LanguageTool after this long per request (default 30)",
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """``postingstudio check``: analyse the files and print the report; the exit status."""
    from postingstudio.cli.check_batch import check_files, json_text

    if args.sample:
        from postingstudio.paths import resources_dir

        args.files = [*args.files, str(resources_dir() / "samples" / "sample_posting.md")]
    if not args.files:
        print("postingstudio check: give one or more files, or --sample", file=sys.stderr)
        return EXIT_UNREADABLE
    settings = settings_from(args)
    book = rulebook_from(args)
    pretty_entries: list[Any] = []  # --pretty: the entries, indented together at the end
    stream = args.format == "json" and not args.pretty
    if stream:  # compact JSON is written as each file's entry arrives, not joined at the end
        from postingstudio.core.report import Report

        sys.stdout.write(json_text(Report.json_head(__version__))[:-1] + ',"files":[')
    exit_code = EXIT_OK
    for index, result in enumerate(check_files(args.files, book, settings, args)):
        for warning in result.warnings:
            print(warning, file=sys.stderr)
        if result.unreadable:
            exit_code = EXIT_UNREADABLE
        if args.format == "text":
            sys.stdout.write(result.text)
        elif args.pretty:
            pretty_entries.append(result.entry)
        else:  # the same bytes json.dumps gives for the whole payload, written in parts
            entry = result.entry_json or json_text(result.entry)
            sys.stdout.write("," + entry if index else entry)
        below = args.fail_under is not None and result.score is not None
        if below and result.score < args.fail_under:
            exit_code = max(exit_code, EXIT_BELOW_THRESHOLD)
    if stream:
        sys.stdout.write("]}\n")
    elif args.format == "json":
        from postingstudio.core.report import Report

        head = Report.json_head(__version__)
        sys.stdout.write(json_text({**head, "files": pretty_entries}, pretty=True) + "\n")
    elif args.fail_under is not None and exit_code == EXIT_BELOW_THRESHOLD:
        print(f"postingstudio: a posting scored below {args.fail_under:g}", file=sys.stderr)
    return exit_code
