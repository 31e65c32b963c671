"""``postingstudio rules``: list the shipped (and user) rules, profiles, metrics and scoring."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from postingstudio.cli.options import add_rule_folder_option, rulebook_from


def add_parser(sub: Any) -> None:
    """Register ``rules`` and its options on the subcommand parsers ``sub``."""
    parser = sub.add_parser("rules", help="list the rules, evidence profiles and score formula")
    parser.add_argument("--format", choices=("text", "json"), default="text")
    parser.add_argument("--category", help="only rules of this category")
    add_rule_folder_option(parser)
    parser.add_argument("--scoring", action="store_true", help="explain the score formula")
    parser.add_argument("--profiles", action="store_true", help="list the evidence profiles")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """``postingstudio rules``: list the loaded rules (or profiles, or the score formula)."""
    from postingstudio.core.rules.schema import RULES_SCHEMA_VERSION, RuleFileError, TermRule

    try:
        book = rulebook_from(args)
    except RuleFileError as error:
        print(f"postingstudio: {error}", file=sys.stderr)
        return 2
    for problem in book.problems:
        print(f"postingstudio: warning: {problem}", file=sys.stderr)
    if args.scoring:
        from postingstudio.core.scoring import explain_score

        print("\n".join(explain_score(book.scoring)))
        return 0
    if args.profiles:
        for kind in ("length", "gender"):
            default = book.profiles.get(f"default_{kind}")
            for name, spec in book.profiles.get(kind, {}).items():
                star = "*" if name == default else " "
                print(f"{star} {kind}:{name:<13} {spec.get('label', '')}")
                print(f"      {spec.get('source', '')}")
        return 0
    rules = [r for r in book.rules if not args.category or r.category.value == args.category]
    if args.format == "json":
        payload = [
            {
                "id": r.id, "kind": r.kind, "category": str(r.category),
                "severity": str(r.severity), "default": r.default, "terms": len(_terms(r)),
                "message": r.message, "why": r.why, "source": r.source,
            }
            for r in rules
        ]  # fmt: skip
        document = {"schema": RULES_SCHEMA_VERSION, "rules": payload}
        json.dump(document, sys.stdout, ensure_ascii=False, indent=2)
        print()
        return 0
    for rule in sorted(rules, key=lambda r: r.id):
        quiet = "" if rule.default else " (picky)"
        size = f", {len(_terms(rule))} terms" if _terms(rule) else ""
        print(f"{rule.id:<38} {rule.kind:<12} {rule.severity!s:<10}{size}{quiet}")
        print(f"    {rule.why}")
    entries = sum(len(r.entries) for r in rules if isinstance(r, TermRule))
    print(f"\n{len(rules)} rules, {entries} lexicon entries")
    return 0


def _terms(rule: object) -> tuple[str, ...]:
    """The terms a term rule looks up; pattern and metric rules have none."""
    return getattr(rule, "terms", ())
