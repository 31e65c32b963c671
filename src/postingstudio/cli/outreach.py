"""``postingstudio outreach FILE``: recruiting messages drafted from a posting, each checked.

Exit codes: 0 drafted (and merged), 1 a draft breaks its channel's limit, 2 the posting or the
contacts file could not be read (nothing is written then).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from postingstudio.cli.inputs import InputError, read_posting

EXIT_OK, EXIT_OVER_LIMIT, EXIT_UNREADABLE = 0, 1, 2


def add_parser(sub: Any) -> None:
    """Register ``outreach`` and its options on the subcommand parsers ``sub``."""
    from postingstudio.core.outreach import CHANNELS

    parser = sub.add_parser(
        "outreach",
        help="draft recruiting emails, texts, LinkedIn notes and follow-ups from a posting",
        description="Draft outreach messages from a posting's own facts (role, pay, place, next "
        "step, what sets it apart) and check each: channel limits, spam triggers, a call to "
        "action, consent wording, and the posting rules' clichés and dry phrasing.",
    )
    parser.add_argument("file", metavar="FILE", help=".txt, .md or .docx posting")
    parser.add_argument(
        "--channel",
        action="append",
        choices=CHANNELS,
        metavar="C",
        help=f"channel to draft (repeatable; default all): {', '.join(CHANNELS)}",
    )
    parser.add_argument("--format", choices=("text", "json"), default="text")
    parser.add_argument("--tone", choices=("warm", "direct"), default=None)
    parser.add_argument(
        "--contacts", metavar="CSV", help="merge each draft with this contacts file"
    )
    parser.add_argument("--out", metavar="DIR", help="folder for the merge (and .eml) files")
    parser.add_argument(
        "--eml", action="store_true", help="also write each email draft as .eml into --out"
    )
    parser.add_argument(
        "--competitor",
        action="append",
        default=[],
        metavar="FILE",
        help="a competitor posting: its terms decide what makes yours different",
    )
    parser.add_argument(
        "--third-party",
        action="store_true",
        help="contacts came from a third-party source: add the GDPR Article 14 sentence",
    )
    parser.add_argument(
        "--premium", action="store_true", help="LinkedIn Premium: 300-character notes"
    )
    for name in ("first_name", "their_skill", "where_we_found_you", "sender_name", "company"):
        parser.add_argument(
            f"--{name.replace('_', '-')}", dest=name, metavar="TEXT", help=f"fill {{{name}}}"
        )
    parser.set_defaults(run=run)


def message_json(message: Any) -> dict[str, Any]:
    """One drafted message as its JSON entry; optional parts (step, subject, SMS) only when set."""
    entry: dict[str, Any] = {"channel": message.channel}
    if message.step is not None:
        entry.update(step=message.step, day=message.day)
    if message.subject is not None:
        entry["subject"] = message.subject
        entry["subject_limit"] = message.subject_limit
    entry.update(body=message.body, length=message.length, limit=message.limit, unit=message.unit)
    if message.sms is not None:
        entry["segments"] = message.sms.segments
        entry["encoding"] = message.sms.encoding
        entry["forcing_ucs2"] = list(message.sms.forcing_ucs2)
    entry["tone"] = message.tone
    entry["placeholders"] = list(message.placeholders)
    entry["findings"] = [
        {**f.to_json(), "field": f.extra.get("field", "body")} for f in message.findings
    ]
    return entry


def _render_text(name: str, drafts: Any) -> str:
    lines = [f"{name}: {len(drafts.messages)} drafts"]
    send = drafts.schedule.get("send_time", {})
    if send:
        lines.append(f"Send-time advice: {send.get('advice')} [{send.get('source')}]")
    for message in drafts.messages:
        head = message.channel + (
            f" (step {message.step}, day {message.day})" if message.step else ""
        )
        size = f"{message.length:g}" + (f"/{message.limit:g}" if message.limit is not None else "")
        size += f" {message.unit}" + (f", {message.segments} segment(s)" if message.sms else "")
        lines += ["", f"== {head} == {size}"]
        if message.subject is not None:
            lines.append(f"Subject: {message.subject}  (preview: {message.subject[:40]!r})")
        lines += ["", message.body, ""]
        for finding in message.findings:
            where = "subject" if finding.extra.get("field") == "subject" else "body"
            quoted = f" “{finding.text}”" if finding.text else ""
            lines.append(
                f"  {finding.severity}: [{finding.rule_id}] {where}{quoted}: {finding.message}"
            )
    return "\n".join(lines) + "\n"


def _load(path: str) -> Any:
    return read_posting(Path(path))


def run(args: argparse.Namespace) -> int:
    """``postingstudio outreach``: draft and check messages from a posting; the exit status."""
    from postingstudio.core.analyse import analyse
    from postingstudio.core.outreach import CHANNELS, DraftOptions, draft_outreach, kit_for
    from postingstudio.core.outreach.drafts import OUTREACH_SCHEMA_VERSION
    from postingstudio.core.rules.rulebook import default_rulebook
    from postingstudio.paths import resources_dir

    try:
        posting = _load(args.file)
        competitors = [_load(c) for c in args.competitor]
    except InputError as error:
        print(f"postingstudio outreach: {args.file}: {error.reason}", file=sys.stderr)
        return EXIT_UNREADABLE
    if args.contacts and not args.out:
        print("postingstudio outreach: --contacts needs --out DIR", file=sys.stderr)
        return EXIT_UNREADABLE
    book = default_rulebook()
    kit = kit_for(resources_dir())
    report = analyse(posting, book)
    terms: list[str] = []
    if competitors:
        from postingstudio.core.compare import compare_postings

        comparison = compare_postings(posting, competitors, book)
        terms = [t.term for t in comparison.distinctive]
    contact = {
        k: getattr(args, k)
        for k in ("first_name", "their_skill", "where_we_found_you", "sender_name", "company")
        if getattr(args, k)
    }
    options = DraftOptions(
        tone=args.tone, third_party=args.third_party, premium=args.premium, contact=contact
    )
    drafts = draft_outreach(posting, report, book, kit, args.channel or CHANNELS, options, terms)
    code = EXIT_OK if all(m.within_limits for m in drafts.messages) else EXIT_OVER_LIMIT
    merges: list[dict[str, Any]] = []
    if args.out:
        written = _write_outputs(args, drafts, kit, contact, merges)
        if written is not None:
            return written
    if args.format == "json":
        payload = {
            "schema": OUTREACH_SCHEMA_VERSION,
            "posting": {"path": args.file, **drafts.facts.to_json()},
            "schedule": dict(drafts.schedule),
            "messages": [message_json(m) for m in drafts.messages],
        }
        if merges:
            payload["merges"] = merges
        sys.stdout.write(json.dumps(payload, ensure_ascii=False, indent=2) + "\n")
    else:
        sys.stdout.write(_render_text(args.file, drafts))
        for merge in merges:
            counts = merge["report"]
            done = f"{counts['written']} of {counts['rows']} rows"
            print(f"merged {merge['channel']}: {done} -> {merge['file']}")
    return code


def _progress(done: int, total: int) -> None:
    print(
        f"\rmerging: {done:,} of {total:,} rows",
        end="" if done < total else "\n",
        file=sys.stderr,
        flush=True,
    )


def _write_outputs(
    args: argparse.Namespace,
    drafts: Any,
    kit: Any,
    contact: dict[str, str],
    merges: list[dict[str, Any]],
) -> int | None:
    from postingstudio.docio.errors import DocumentError
    from postingstudio.docio.outreach_export import export_eml, merge_to_folder

    out = Path(args.out)
    try:
        out.mkdir(parents=True, exist_ok=True)
        for message in drafts.messages:
            name = message.channel + (f"-{message.step}" if message.step else "")
            if args.eml and message.subject is not None and message.channel != "inmail":
                export_eml(message, out / f"{name}.eml")
            if args.contacts:
                writer = {k: v for k, v in contact.items() if k in ("sender_name", "company")}
                merged, report_path, report = merge_to_folder(
                    message, args.contacts, out, kit, writer, _progress
                )
                merges.append(
                    {
                        "channel": message.channel,
                        "step": message.step,
                        "file": str(merged),
                        "report_file": str(report_path),
                        "report": report.to_json(),
                    }
                )
    except DocumentError as error:
        print(f"postingstudio outreach: {error}", file=sys.stderr)
        return EXIT_UNREADABLE
    except OSError as error:
        print(f"postingstudio outreach: {out}: {error.strerror or error}", file=sys.stderr)
        return EXIT_UNREADABLE
    return None
