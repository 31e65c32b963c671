"""Checking the files of ``postingstudio check``, one after another or, for many files, on every
core: analysis is pure and a posting's result depends on that posting alone, so worker processes
(forked after the rule book is loaded, so they start with it) each check a run of files and send
back the finished output. Results come back in the order the files were given.

Parallel only where ``fork`` is safe and cheap (Linux and other POSIX systems, not macOS, whose
system frameworks forbid it), for at least ``MIN_FILES_PER_WORKER`` files per worker, and never
with ``--grammar`` (one LanguageTool server is better used by one client).
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

MIN_FILES_PER_WORKER = 40
CHUNK = 20  # files per task: small enough to balance two cores, large enough to amortise
MIN_CHUNK = 2  # the last, shortest runs (a task costs about a millisecond of queueing)
JOBS_ENV = "POSTINGSTUDIO_JOBS"


@dataclass
class FileResult:
    """One checked file: its JSON entry (or the encoded form), text report, warnings and score."""

    name: str
    entry: dict[str, Any] | None = None  # the JSON entry (None once encoded in ``entry_json``)
    entry_json: str | None = None
    text: str = ""
    warnings: list[str] = field(default_factory=list)
    unreadable: bool = False
    score: float | None = None


def json_text(payload: Any, pretty: bool = False) -> str:
    """Compact JSON by default: without ``indent`` the json module uses its C encoder, which
    was a third of a 500-posting run when indenting. One string, written once (json.dump() to a
    text stream issues a write per token). The compact encoder is made once and skips the
    circular-reference check (an entry is a tree of fresh dicts and lists): ~10% of encoding."""
    global _compact
    if pretty:
        import json

        return json.dumps(payload, ensure_ascii=False, indent=2)
    if _compact is None:
        from json import JSONEncoder

        _compact = JSONEncoder(ensure_ascii=False, separators=(",", ":"), check_circular=False)
    return _compact.encode(payload)


_compact: Any = None  # json_text's compact encoder, made on first use


def check_file(name: str, book: Any, settings: Any, args: argparse.Namespace) -> FileResult:
    """Read and analyse one file; an unreadable file becomes an error entry, never an exception."""
    from postingstudio.cli.inputs import InputError, read_posting_and_text
    from postingstudio.core.analyse import analyse

    try:
        posting, source_text = read_posting_and_text(name)
    except InputError as error:
        return FileResult(
            name,
            entry={"path": name, "error": error.reason},
            warnings=[f"postingstudio: {name}: {error.reason}"],
            unreadable=True,
        )
    report = analyse(posting, book, settings)
    report, grammar_problem = grammar_for(report, args)
    result = FileResult(name, score=report.scores.overall)
    if grammar_problem:
        result.warnings.append(f"postingstudio: {name}: grammar skipped: {grammar_problem}")
    place = None
    if args.format == "json":
        from postingstudio.docio.locations import placer_for

        place = placer_for(name, posting, source_text)
    entry = report.to_json(name, place, with_text=getattr(args, "with_text", False))
    if posting.notes:
        entry["notes"] = list(posting.notes)
    result.entry = entry
    if args.format == "text":
        from postingstudio.cli.text_report import render_text

        result.text = render_text(name, posting, report, book)
    return result


def grammar_for(report: Any, args: argparse.Namespace) -> tuple[Any, str | None]:
    """The report with LanguageTool findings merged in when
    --grammar asks, and why not (or None)."""
    if not args.grammar:
        return report, None
    try:
        from postingstudio.grammar.cli_support import grammar_findings_for_cli
    except ImportError:
        return report, "grammar checking is not available in this build"
    from postingstudio.core.findings import FindingSource

    findings, problem = grammar_findings_for_cli(
        report.text,
        args.languagetool_url,
        language=args.language,
        timeout_s=args.grammar_timeout,
    )
    return report.with_origin(FindingSource.GRAMMAR, tuple(findings)), problem


def worker_count(files: int, args: argparse.Namespace) -> int:
    """How many processes to use: ``--jobs`` or ``POSTINGSTUDIO_JOBS``, else one per core."""
    requested = getattr(args, "jobs", None) or int(os.environ.get(JOBS_ENV, "0") or 0)
    wanted = requested or min(os.cpu_count() or 1, files // MIN_FILES_PER_WORKER)
    if min(wanted, files) <= 1 or args.grammar or sys.platform in ("darwin", "win32"):
        return 1
    import multiprocessing  # only now: ~5 ms a one-file check need not pay

    if "fork" not in multiprocessing.get_all_start_methods():
        return 1
    return min(wanted, files)


# Set in the parent just before the workers fork; they inherit it instead of unpickling it.
_shared: tuple[Any, Any, argparse.Namespace] | None = None


def _check_chunk(names: Sequence[str]) -> list[FileResult]:
    assert _shared is not None, "worker started without the parent's rule book"
    book, settings, args = _shared
    # Encoded here: a string crosses the pipe faster than a dict, and the encoding is shared out.
    return [_encoded(check_file(name, book, settings, args), args) for name in names]


def _encoded(result: FileResult, args: argparse.Namespace) -> FileResult:
    """``result`` with its JSON entry already encoded, when the output is compact JSON."""
    if args.format == "json" and not args.pretty:
        result.entry_json, result.entry = json_text(result.entry), None
    return result


def chunks(names: Sequence[str], workers: int) -> list[Sequence[str]]:
    """``names`` cut into runs for the workers, in order: ``CHUNK`` files at first, then
    shorter runs towards the end (a quarter of what is left per worker), so the workers finish
    together instead of one waiting out another's last full run."""
    runs = []
    at = 0
    while at < len(names):
        size = max(MIN_CHUNK, min(CHUNK, (len(names) - at) // (4 * workers)))
        runs.append(names[at : at + size])
        at += size
    return runs


def check_files(
    names: Sequence[str], book: Any, settings: Any, args: argparse.Namespace
) -> Iterator[FileResult]:
    """Every file's result, in the given order."""
    global _shared
    workers = worker_count(len(names), args)
    if workers <= 1:
        for name in names:
            yield check_file(name, book, settings, args)
        return
    # The first file is checked here, before the workers fork: what analysis loads on first use
    # (its modules, the pronouncing dictionary, the learned section model, compiled patterns)
    # is then loaded once and shared with every worker, instead of once in each of them.
    yield _encoded(check_file(names[0], book, settings, args), args)
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    sys.stdout.flush()  # forked children must not inherit (and repeat) buffered output
    sys.stderr.flush()
    _shared = (book, settings, args)
    import gc

    # Keep the collector out of the parent's objects (rule book, dictionary) in the children:
    # scanning them would touch, and so copy, every shared page.
    gc.freeze()
    try:
        context = multiprocessing.get_context("fork")
        with ProcessPoolExecutor(workers, mp_context=context) as pool:
            for results in pool.map(_check_chunk, chunks(names[1:], workers)):
                yield from results
    finally:
        _shared = None
        gc.unfreeze()
