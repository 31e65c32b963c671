"""Entry point: ``postingstudio`` (the desktop app) or ``postingstudio <command>`` (the CLI).

Kept tiny so that ``postingstudio check`` never pays for importing Qt.
"""

from __future__ import annotations

import os
import sys


def main(argv: list[str] | None = None) -> int:
    """Dispatch ``argv`` to the CLI when it names a command (or asks for help),
    else to the app; the exit status."""
    args = list(sys.argv[1:] if argv is None else argv)
    from postingstudio.cli import COMMANDS

    if "--debug" in args and any(arg in COMMANDS for arg in args):
        from postingstudio.cli import run_cli  # ``postingstudio --debug check …``

        return run_cli(args)
    if args and args[0] in COMMANDS:
        from postingstudio.cli import run_cli

        return run_cli(args)
    if args and args[0] in ("-h", "--help", "--version"):
        from postingstudio.cli import run_cli

        return run_cli(args)
    from postingstudio.app import run_app

    return run_app(args)


def console() -> int:
    """The ``postingstudio`` console script and ``python -m postingstudio``.

    A command-line run ends with ``os._exit`` once its output is flushed: tearing down the
    interpreter (freeing the CMU dictionary, the rule book and every module one object at a
    time) was a fifth of a one-file ``check``. Nothing is left to clean up by then: files are
    written and closed, worker processes joined. The desktop app exits normally (Qt and
    QSettings clean up on the way out).
    """
    args = sys.argv[1:]
    command_line = bool(args) and not _opens_the_app(args)
    if command_line:
        import gc

        # A short run that builds no reference cycles: the cyclic collector only costs time
        # (~10% of a one-file check; peak memory over 500 postings is the same without it).
        gc.disable()
    snapshots = command_line and args[0] == "check"
    if snapshots:
        from postingstudio.core import dataclass_cache, regex_cache

        # Before any module makes a dataclass or compiles a pattern: what the last check
        # compiled is reused (compiling both was over a quarter of a one-file check). Only
        # check, whose start-up matters; the snapshots hold what it compiles.
        dataclass_cache.install()
        regex_cache.seed()
    code = main(args)
    if command_line:
        try:
            sys.stdout.flush()
            sys.stderr.flush()
        except BrokenPipeError:  # a closed pipe (| head): nothing more to say
            pass
        if snapshots:
            regex_cache.save()  # each only after a run that found no snapshot
            dataclass_cache.save()
        os._exit(code)
    return code


def _opens_the_app(args: list[str]) -> bool:
    from postingstudio.cli import COMMANDS

    return args[0] not in COMMANDS and args[0] not in ("-h", "--help", "--version")


def gui() -> int:
    """The desktop app only: the ``postingstudio-gui`` gui-scripts entry, which Windows starts
    without a console window (``postingstudio`` stays a console program for the CLI)."""
    from postingstudio.app import run_app

    return run_app(sys.argv[1:])


if __name__ == "__main__":
    sys.exit(console())
