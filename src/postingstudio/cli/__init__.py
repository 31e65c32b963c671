"""Command-line interface: one module per sub-command, each with ``add_parser`` and ``run``.

Sub-commands are imported only when used, so ``check`` never loads Qt or python-docx for a .txt.
"""

from __future__ import annotations

import argparse
import importlib
import sys

from postingstudio import __version__

# command name -> module under postingstudio.cli
COMMANDS = {
    "check": "check",
    "rules": "rules",
    "export": "export",
    "compare": "compare",
    "polish": "polish",
    "outreach": "outreach",
}


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The CLI's parser; with ``only``, just that command's module is
    imported, so one command starts fast."""
    parser = argparse.ArgumentParser(
        prog="postingstudio",
        description="Posting Studio: make job postings clear, vivid and complete. "
        "Run without a command to open the desktop app.",
    )
    parser.add_argument("--version", action="version", version=f"postingstudio {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name, module_name in COMMANDS.items():
        if only is not None and name != only:
            sub.add_parser(name)
            continue
        try:
            module = importlib.import_module(f"postingstudio.cli.{module_name}")
        except ModuleNotFoundError:
            continue
        module.add_parser(sub)
    return parser


def _debug_logging(argv: list[str]) -> list[str]:
    """``--debug`` anywhere: technical detail of refusals (and all debug logs) on stderr."""
    if "--debug" not in argv:
        return argv
    import logging

    logging.basicConfig(level=logging.DEBUG, format="debug: %(name)s: %(message)s")
    return [arg for arg in argv if arg != "--debug"]


def run_cli(argv: list[str]) -> int:
    """Run one CLI command; its exit status (2 for usage errors, as argparse uses)."""
    argv = _debug_logging(argv)
    command = argv[0] if argv and not argv[0].startswith("-") else None
    parser = build_parser(only=command)
    args = parser.parse_args(argv)
    if not getattr(args, "command", None) or not hasattr(args, "run"):
        parser.print_help()
        return 2
    try:
        return int(args.run(args))
    except KeyboardInterrupt:
        print("postingstudio: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
