"""Checks on one draft: the posting engine's clichés and dry phrasing, channel limits, spam
triggers (warnings, not verdicts), a call to action and consent wording. Every finding has the
shape of a ``check`` finding; its offsets are code points into the message body, except those
with ``extra["field"] == "subject"``, whose offsets point into the subject."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import replace

from ..engine import analyse
from ..findings import Category, Finding, Severity
from ..model import Block, BlockKind, Posting, Run
from ..rulebook import RuleBook
from .drafts import EMAIL_LIKE, Message
from .kit import OutreachKit

_ENGINE_CATEGORIES = (Category.GENERIC, Category.DRY)
_OPT_OUT = re.compile(r"\breply\s+stop\b", re.IGNORECASE)
_LETTER = re.compile(r"[^\W\d_]")
_SOURCE = "Posting Studio outreach rules (resources/outreach/limits.toml, research/outreach.md)"


def _finding(
    rule_id: str,
    category: Category,
    severity: Severity,
    text: str,
    span: tuple[int, int],
    message: str,
    why: str,
    source: str = _SOURCE,
    field: str = "body",
    replacements: tuple[str, ...] = (),
) -> Finding:
    start, end = span
    return Finding(
        rule_id=rule_id,
        category=category,
        severity=severity,
        start=start,
        end=end,
        text=text[start:end],
        message=message,
        why=why,
        source=source,
        replacements=replacements,
        extra={"field": field},
    )


def as_posting(body: str) -> Posting:
    """The body as a posting whose text is exactly ``body`` (one block per line, blank lines
    kept as empty blocks), so the engine's offsets are offsets into the body."""
    blocks = tuple(Block(BlockKind.PARAGRAPH, (Run(line),) if line else ()) for line in body.split("\n"))
    return Posting(blocks)


def engine_findings(body: str, book: RuleBook) -> list[Finding]:
    report = analyse(as_posting(body), book)
    return [
        replace(f, extra={**f.extra, "field": "body"})
        for f in report.findings
        if f.category in _ENGINE_CATEGORIES and f.is_span
    ]


def engine_findings_each(bodies: list[str], book: RuleBook) -> list[list[Finding]]:
    """``engine_findings`` for many bodies in one analysis (a blank line between bodies keeps
    every sentence inside its own message), each finding shifted back into its body: one
    engine run per posting instead of one per draft."""
    starts, position = [], 0
    for body in bodies:
        starts.append(position)
        position += len(body) + 2
    found: list[list[Finding]] = [[] for _ in bodies]
    for finding in engine_findings("\n\n".join(bodies), book):
        number = bisect_right(starts, finding.start) - 1
        offset = starts[number]
        if finding.end - offset > len(bodies[number]):
            continue  # cannot happen with blank-line separators; never shift a span out of range
        found[number].append(replace(finding, start=finding.start - offset, end=finding.end - offset))
    return found


def spam_findings(message: Message, kit: OutreachKit) -> list[Finding]:
    found: list[Finding] = []
    fields = [("body", message.body)]
    if message.subject is not None:
        fields.append(("subject", message.subject))
    for name, text in fields:
        lowered = text.lower()
        same_length = len(lowered) == len(text)  # offsets hold in the lower-cased copy
        for rule in kit.spam_rules:
            if rule.where not in ("any", name):
                continue
            if rule.lowered is not None and same_length:
                matches = rule.lowered.finditer(lowered)
            else:
                matches = rule.pattern.finditer(text)
            for match in matches:
                found.append(
                    _finding(rule.id, Category.GENERIC, Severity.WARNING, text, match.span(),
                             rule.message, "Spam filters score this pattern; a warning, not a verdict.",
                             rule.source, name)
                )
    if message.subject and _all_caps(message.subject):
        found.append(
            _finding("spam.subject_all_caps", Category.GENERIC, Severity.WARNING, message.subject,
                     (0, len(message.subject)), "The subject is all capitals.",
                     "SpamAssassin SUBJ_ALL_CAPS: an all-capital subject of two or more words.",
                     f"{kit.spam_source}: SUBJ_ALL_CAPS", "subject")
        )
    upper = sum(map(str.isupper, message.body))
    letters = _LETTER.findall(message.body) if upper * 2 >= 20 else ()
    if len(letters) >= 20 and upper / len(letters) >= 0.5:
        found.append(
            _finding("spam.uppercase_body", Category.GENERIC, Severity.WARNING, message.body, (0, 0),
                     f"{upper * 100 // len(letters)}% of the letters are capitals.",
                     "SpamAssassin UPPERCASE_50_75 / UPPERCASE_75_100.",
                     f"{kit.spam_source}: UPPERCASE_50_75")
        )
    return found


def _all_caps(subject: str) -> bool:
    """SpamAssassin's reading: two or more words, ten or more characters, every letter upper."""
    text = re.sub(r"^\s*(?:re|fwd?)\s*:\s*", "", subject, flags=re.IGNORECASE)
    letters = _LETTER.findall(text)
    return len(text.split()) > 1 and len(text) >= 10 and bool(letters) and all(c.isupper() for c in letters)


def limit_findings(message: Message, kit: OutreachKit) -> list[Finding]:
    found: list[Finding] = []
    body = message.body
    limits = kit.limits.get("email" if message.channel in EMAIL_LIKE else message.channel, {})
    source = str(limits.get("source", _SOURCE))
    if message.limit is not None and message.length > message.limit:
        found.append(
            _finding("outreach.limit", Category.READABILITY, Severity.ERROR, body, (0, 0),
                     f"Too long for this channel: {message.length:g} {message.unit} of {message.limit:g}"
                     " with the placeholders at typical values.",
                     "The channel cuts or refuses a longer message.", source)
        )
    subject = message.measured_subject
    if message.subject is not None and message.subject_limit and subject and len(subject) > message.subject_limit:
        found.append(
            _finding("outreach.subject_limit", Category.READABILITY, Severity.ERROR, message.subject,
                     (0, len(message.subject)),
                     f"The subject is {len(subject)} characters with typical values; keep it to {message.subject_limit}.",
                     "Longer subjects are cut in most inboxes.", source, "subject")
        )
    if message.sms and message.sms.forcing_ucs2:
        chars = " ".join(repr(c) for c in message.sms.forcing_ucs2)
        first = min(body.find(c) for c in message.sms.forcing_ucs2)
        found.append(
            _finding("outreach.sms_ucs2", Category.READABILITY, Severity.WARNING, body, (first, first + 1),
                     f"These characters switch the whole text to UCS-2 (70 a segment): {chars}.",
                     "One character outside GSM-7 more than halves what a segment holds.", source)
        )
    target = limits.get("target")
    if message.channel == "inmail" and target and message.length > target:
        found.append(
            _finding("outreach.inmail_length", Category.READABILITY, Severity.SUGGESTION, body, (0, 0),
                     f"InMails under {target} characters get more replies; this one is {message.length}.",
                     str(limits.get("target_source", "")), str(limits.get("target_source", source)))
        )
    return found


def cta_findings(message: Message, kit: OutreachKit) -> list[Finding]:
    lowered = message.body.lower()
    if "?" in message.body or any(p in lowered for p in kit.call_to_action):
        return []
    return [
        _finding("outreach.no_call_to_action", Category.MISSING, Severity.WARNING, message.body,
                 (len(message.body), len(message.body)), "The message asks for nothing: end with one clear request.",
                 "Without a next step a candidate who is interested still has to work out what to do.")
    ]


def consent_findings(message: Message, third_party: bool, kit: OutreachKit) -> list[Finding]:
    found: list[Finding] = []
    body = message.body
    if message.channel == "sms" and not _OPT_OUT.search(body):
        found.append(
            _finding("outreach.sms_opt_out", Category.MISSING, Severity.ERROR, body, (len(body), len(body)),
                     "An SMS must say how to opt out: add \"Reply STOP to opt out.\"",
                     "TCPA/CTIA practice: a recruiting text names the opt-out; FCC 24-18 makes STOP a revocation.",
                     "research/outreach.md section 4 (Twilio support; FCC order 24-18)",
                     replacements=(body + " Reply STOP to opt out.",))
        )
    first_contact = message.channel in ("email", "inmail", "voicemail_email")
    if third_party and first_contact and kit.sentences.get("article14", "")[:20] not in body:
        found.append(
            _finding("outreach.article14", Category.MISSING, Severity.WARNING, body, (len(body), len(body)),
                     "The contact came from a third-party source: say where you found them and how to object.",
                     "GDPR Article 14: at the first contact, tell the person the source of their data and their rights.",
                     "research/outreach.md section 4 (GDPR Art. 14(3)(b))")
        )
    return found


def no_role_finding(message: Message) -> list[Finding]:
    position = message.body.find("{role}")
    if position < 0:
        return []
    return [
        _finding("outreach.no_role", Category.MISSING, Severity.ERROR, message.body, (position, position + 6),
                 "The posting names no role, so the draft says {role}: type the job title.",
                 "A candidate cannot answer a message that does not say which job it is about.")
    ]


def check_message(
    message: Message,
    book: RuleBook,
    kit: OutreachKit,
    third_party: bool,
    engine: list[Finding] | None = None,
) -> tuple[Finding, ...]:
    """All checks; ``engine``: this body's engine findings when already computed."""
    groups: Iterable[list[Finding]] = (
        no_role_finding(message),
        limit_findings(message, kit),
        spam_findings(message, kit),
        cta_findings(message, kit),
        consent_findings(message, third_party, kit),
        engine_findings(message.body, book) if engine is None else engine,
    )
    merged = [f for group in groups for f in group]
    merged.sort(key=lambda f: (f.extra.get("field") != "subject", f.start, f.end, f.rule_id))
    return tuple(merged)
