"""``postingstudio compare MINE THEIRS…``: how my posting stands against competitors' ads.

Prints the side-by-side table, what the competitors offer that mine does not, the clichés we
share and what sets mine apart (``--format text``), or the documented JSON contract
(``--format json``, docs/compare.md). ``--report FILE.html|.pdf`` also writes a report.

Exit codes: 0 done, 2 a file could not be read or the report could not be written.
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
from postingstudio.docio.formats import report_suffixes_text

EXIT_OK, EXIT_UNREADABLE = 0, 2
# Said from the writer's side: an arrow beside their number read as if they were ahead.
_ARROWS = {"better": "(yours ✓)", "worse": "(yours ✗)", "same": "(same)", "unknown": "(?)"}


def add_parser(sub: Any) -> None:
    """Register ``compare`` and its options on the subcommand parsers ``sub``."""
    parser = sub.add_parser(
        "compare",
        help="compare your posting with competitors' postings",
        description="Compare your job posting (MINE) with one or more competitors' postings: "
        "metrics side by side with better/worse, what they offer that you don't, the clichés "
        "you share and the terms that set yours apart.",
    )
    parser.add_argument("mine", metavar="MINE", help="your posting (.txt, .md, .docx, .html)")
    parser.add_argument("theirs", nargs="+", metavar="THEIRS", help="competitors' postings")
    parser.add_argument("--format", choices=("text", "json"), default="text")
    parser.add_argument(
        "--report", metavar="FILE", help=f"also write a report ({report_suffixes_text()})"
    )
    parser.add_argument(
        "--company", metavar="NAME", help="your company's name, left out of what sets you apart"
    )
    add_analysis_options(parser, full=False)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """``postingstudio compare``: analyse MINE and THEIRS, print the comparison; the exit status."""
    from postingstudio.core.analyse import analyse
    from postingstudio.core.compare import CompareInput, compare

    settings = settings_from(args)
    book = rulebook_from(args)
    inputs: list[Any] = []
    failed = False
    for number, name in enumerate([args.mine, *args.theirs]):
        try:
            posting = read_posting(Path(name))
        except InputError as error:
            print(f"postingstudio: {name}: {error.reason}", file=sys.stderr)
            failed = True
            continue
        company = args.company if number == 0 else None
        report = analyse(posting, book, settings)
        inputs.append(CompareInput(report, path=name, posting=posting, company=company))
    if failed:
        return EXIT_UNREADABLE  # a comparison with a posting missing would mislead
    comparison = compare(inputs[0], inputs[1:], book)
    if args.format == "json":
        payload = {"tool": {"name": "postingstudio", "version": __version__}}
        payload.update(comparison.to_json())
        json.dump(payload, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        sys.stdout.write(render_comparison(comparison))
    if args.report:
        return _write_report(comparison, Path(args.report))
    return EXIT_OK


def _write_report(comparison: Any, path: Path) -> int:
    from postingstudio.docio.compare_report import ReportWriteError, write_comparison_report

    try:
        written = write_comparison_report(comparison, path)
    except ReportWriteError as error:
        print(f"postingstudio: {path}: {error.reason}", file=sys.stderr)
        return EXIT_UNREADABLE
    print(f"postingstudio: wrote {written}", file=sys.stderr)
    return EXIT_OK


def _quote(text: str, limit: int = 90) -> str:
    text = " ".join(text.split())
    return f"“{text if len(text) <= limit else text[: limit - 1] + '…'}”"


def render_comparison(comparison: Any) -> str:
    """The comparison as plain text for a terminal."""
    out: list[str] = []
    names = [p.name for p in comparison.postings]
    out.append(f"Your posting: {names[0]}")
    for number, name in enumerate(names[1:], start=1):
        out.append(f"  [{number}] {name}")
    out.append("")
    heads = ["Yours", *(f"[{n}]" for n in range(1, len(names)))]
    label_width = max(len(row.label) for row in comparison.metrics) if comparison.metrics else 10
    cells = [[*row.display] for row in comparison.metrics]
    width = max([len(h) for h in heads] + [len(c) + 11 for row in cells for c in row]) + 1
    out.append(
        f"{'Metric':<{label_width}}  " + "".join(f"{h:>{width}}" for h in heads) + "   vs best"
    )
    for row in comparison.metrics:
        parts = [f"{row.display[0]:>{width}}"]
        for value, verdict in zip(row.display[1:], row.versus, strict=True):
            parts.append(f"{value + ' ' + _ARROWS[str(verdict)]:>{width}}")
        out.append(f"{row.label:<{label_width}}  " + "".join(parts) + f"   {row.versus_best}")
    out.append("  (yours ✓): yours is better than theirs on that line, (yours ✗): worse")
    out.append("")
    out.append("What they offer that you don't:")
    if not comparison.they_offer:
        out.append("  nothing: every benefit, section and fact they state, you state too")
    for offer in comparison.they_offer:
        quote = _quote(offer.evidence.text) if offer.evidence else ""
        out.append(f"  [{offer.competitor}] {offer.kind:<7} {offer.label}  {quote}")
    out.append("")
    out.append("Shared clichés (you sound like them here):")
    if not comparison.shared_cliches:
        out.append("  none found")
    for cliche in comparison.shared_cliches:
        also = ", ".join(f"[{n}]" for n in cliche.competitors)
        out.append(f"  “{cliche.phrase}” also in {also}: {_quote(cliche.mine.text)}")
    out.append("")
    out.append("What makes you different (put it first):")
    if not comparison.distinctive:
        out.append("  nothing stands out against these competitors")
    for term in comparison.distinctive:
        out.append(f"  {term.term} (×{term.count}): {_quote(term.evidence.text, 70)}")
    for sentence in comparison.distinctive_sentences:
        out.append(f"  ★ {_quote(sentence.evidence.text, 110)}")
    out.append("")
    return "\n".join(out)
