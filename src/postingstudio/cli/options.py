"""Options shared by the analysing sub-commands (check, compare, rules): evidence profiles,
allow-list, disabled rules, extra rule folders, and how they become settings and a rule book."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any


def add_analysis_options(parser: argparse.ArgumentParser, *, full: bool = True) -> None:
    """Profiles, grade target and rule folders; with ``full``, also allow/disable/picky."""
    parser.add_argument("--length-profile", metavar="NAME", help="textio, linkedin or appcast")
    parser.add_argument("--gender-profile", metavar="NAME", help="gaucher or castilla_rho")
    parser.add_argument("--grade-target", type=_grade_target, metavar="GRADE")
    add_rule_folder_option(parser)
    if not full:
        return
    parser.add_argument("--picky", action="store_true", help="also report quiet-by-default rules")
    parser.add_argument("--all-hard-sentences", action="store_true",
                        help="mark every hard sentence, not only the hardest few")  # fmt: skip
    parser.add_argument("--allow", action="append", default=[], metavar="TERM",
                        help="never flag this word or phrase (repeatable)")  # fmt: skip
    parser.add_argument("--disable", action="append", default=[], metavar="RULE_ID",
                        help="switch a rule off (repeatable)")  # fmt: skip


def add_rule_folder_option(parser: argparse.ArgumentParser) -> None:
    """Add ``--rules DIR`` (repeatable): user rule folders merged after the shipped ones."""
    parser.add_argument("--rules", action="append", default=[], metavar="DIR",
                        help="extra rule folder merged after the shipped rules")  # fmt: skip


def _grade_target(text: str) -> float:
    """A grade the preferences model accepts (its range is core's), else argparse's error."""
    from postingstudio.core.settings import AnalysisSettings

    try:
        return AnalysisSettings(reading_grade_target=float(text)).reading_grade_target or 0.0
    except (TypeError, ValueError) as error:
        raise argparse.ArgumentTypeError(
            str(error).removeprefix("reading_grade_target: ")
        ) from None


def settings_from(args: argparse.Namespace) -> Any:
    """The ``analysis`` part of the preferences model that the shared options (--allow,
    --disable, profiles, --picky) ask for."""
    from postingstudio.core.settings import AnalysisSettings

    return AnalysisSettings(
        allow_terms=tuple(getattr(args, "allow", ())),
        disabled_rules=tuple(getattr(args, "disable", ())),
        length_profile=args.length_profile,
        gender_profile=args.gender_profile,
        reading_grade_target=args.grade_target,
        picky=getattr(args, "picky", False),
        show_all_hard_sentences=getattr(args, "all_hard_sentences", False),
    )


def rulebook_from(args: argparse.Namespace) -> Any:
    """The shipped rule book, or one with the user's folders merged; their problems are warned
    about on stderr and never stop the run."""
    from postingstudio.core.rules.rulebook import default_rulebook, load_rulebook
    from postingstudio.paths import resources_dir

    if not args.rules:
        return default_rulebook()
    book = load_rulebook(resources_dir(), [Path(p) for p in args.rules])
    for problem in book.problems:
        print(f"postingstudio: warning: {problem}", file=sys.stderr)
    return book
