"""``postingstudio check FILE…``: analyse postings and print findings, scores and the checklist.

Exit codes: 0 all files read (and at or above ``--fail-under``), 1 a file scored below
``--fail-under``, 2 a file could not be read (the others are still checked).
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
from postingstudio.cli.text_report import render_text

EXIT_OK, EXIT_BELOW_THRESHOLD, EXIT_UNREADABLE = 0, 1, 2


def add_parser(sub: Any) -> None:
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


def _grammar(report: Any, args: argparse.Namespace) -> tuple[Any, str | None]:
    if not args.grammar:
        return report, None
    try:
        from postingstudio.grammar.cli_support import grammar_findings_for_cli
    except ImportError:
        return report, "grammar checking is not available in this build"
    from postingstudio.core.findings import Origin

    findings, problem = grammar_findings_for_cli(
        report.text,
        args.languagetool_url,
        language=args.language,
        timeout_s=args.grammar_timeout,
    )
    return report.with_origin(Origin.GRAMMAR, tuple(findings)), problem


def run(args: argparse.Namespace) -> int:
    from postingstudio.core.engine import analyse

    if args.sample:
        from postingstudio.paths import resources_dir

        args.files = [*args.files, str(resources_dir() / "samples" / "sample_posting.md")]
    if not args.files:
        print("postingstudio check: give one or more files, or --sample", file=sys.stderr)
        return EXIT_UNREADABLE
    settings = settings_from(args)
    book = rulebook_from(args)
    results: list[dict[str, Any]] = []
    exit_code = EXIT_OK
    for name in args.files:
        try:
            posting = read_posting(Path(name))
        except InputError as error:
            print(f"postingstudio: {name}: {error.reason}", file=sys.stderr)
            results.append({"path": name, "error": error.reason})
            exit_code = EXIT_UNREADABLE
            continue
        report = analyse(posting, book, settings)
        report, grammar_problem = _grammar(report, args)
        if grammar_problem:
            print(f"postingstudio: {name}: grammar skipped: {grammar_problem}", file=sys.stderr)
        entry = report.to_json(name)
        if posting.notes:
            entry["notes"] = list(posting.notes)
        results.append(entry)
        if args.format == "text":
            sys.stdout.write(render_text(name, posting, report, book))
        if args.fail_under is not None and report.scores.overall < args.fail_under:
            exit_code = max(exit_code, EXIT_BELOW_THRESHOLD)
    if args.format == "json":
        payload = {
            "schema": 1,
            "tool": {"name": "postingstudio", "version": __version__},
            "files": results,
        }
        # One write: json.dump() to a text stream issues a write per token (seconds for 500 files).
        sys.stdout.write(json.dumps(payload, ensure_ascii=False, indent=2) + "\n")
    elif args.fail_under is not None and exit_code == EXIT_BELOW_THRESHOLD:
        print(f"postingstudio: a posting scored below {args.fail_under:g}", file=sys.stderr)
    return exit_code
