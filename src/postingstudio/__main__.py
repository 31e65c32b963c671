"""Entry point: ``postingstudio`` (the desktop app) or ``postingstudio <command>`` (the CLI).

Kept tiny so that ``postingstudio check`` never pays for importing Qt.
"""

from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> int:
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


if __name__ == "__main__":
    sys.exit(main())
