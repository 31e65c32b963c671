"""Checks on one draft: the posting engine's clichés and dry phrasing, channel limits, spam
triggers (warnings, not verdicts), a call to action and consent wording. Every finding has the
shape of a ``check`` finding; its offsets are code points into the message body, except those
with ``extra["field"] == "subject"``, whose offsets point into the subject. Messages, severities
and sources come from ``resources/outreach/en/messages.toml``."""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import replace

from ..analyse import analyse
from ..findings import Category, Finding, Severity
from ..model import Block, BlockKind, Posting, Run
from ..rules.rulebook import RuleBook
from .drafts import EMAIL_LIKE, Message
from .kit import OutreachKit

_ENGINE_CATEGORIES = (Category.GENERIC, Category.DRY)
_OPT_OUT = re.compile(r"\breply\s+stop\b", re.IGNORECASE)
_LETTER = re.compile(r"[^\W\d_]")
_FAKE_REPLY = re.compile(r"^\s*(?:re|fwd?)\s*:\s*", re.IGNORECASE)
_FIRST_CONTACT = ("email", "inmail", "voicemail_email")


def _finding(
    kit: OutreachKit,
    rule_id: str,
    text: str,
    span: tuple[int, int],
    field: str = "body",
    source: str | None = None,
    replacements: tuple[str, ...] = (),
    **params: object,
) -> Finding:
    spec = kit.messages[rule_id]
    start, end = span
    origin = spec.get("source", "")
    return Finding(
        rule_id=rule_id,
        category=Category(spec["category"]),
        severity=Severity(spec["severity"]),
        start=start,
        end=end,
        text=text[start:end],
        message=spec["message"].format(**params),
        why=spec["why"],
        source=source if origin == "limits" and source else origin,
        replacements=replacements,
        extra={"field": field},
    )


def as_posting(body: str) -> Posting:
    """The body as a posting whose text is exactly ``body`` (one block per line, blank lines
    kept as empty blocks), so the engine's offsets are offsets into the body."""
    lines = body.split("\n")
    return Posting(tuple(Block(BlockKind.PARAGRAPH, (Run(t),) if t else ()) for t in lines))


def engine_findings(body: str, book: RuleBook) -> list[Finding]:
    """The posting rules' span findings (clichés, dry phrasing)
    that also apply to a message body."""
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
        moved = replace(finding, start=finding.start - offset, end=finding.end - offset)
        found[number].append(moved)
    return found


def spam_findings(message: Message, kit: OutreachKit) -> list[Finding]:
    """Spam-trigger findings in the message's body and subject, as the kit's spam rules define."""
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
                start, end = match.span()
                found.append(
                    Finding(
                        rule_id=rule.id,
                        category=Category.GENERIC,
                        severity=Severity(rule.severity),
                        start=start,
                        end=end,
                        text=text[start:end],
                        message=rule.message,
                        why=kit.spam_why,
                        source=rule.source,
                        extra={"field": name},
                    )
                )
    subject = message.subject
    if subject and _all_caps(subject):
        found.append(_finding(kit, "spam.subject_all_caps", subject, (0, len(subject)), "subject"))
    upper = sum(map(str.isupper, message.body))
    letters = _LETTER.findall(message.body) if upper * 2 >= 20 else ()
    if len(letters) >= 20 and upper / len(letters) >= 0.5:
        share = upper * 100 // len(letters)
        found.append(_finding(kit, "spam.uppercase_body", message.body, (0, 0), share=share))
    return found


def _all_caps(subject: str) -> bool:
    """SpamAssassin's reading: two or more words, ten or more characters, every letter upper."""
    text = _FAKE_REPLY.sub("", subject)
    letters = _LETTER.findall(text)
    return len(text.split()) > 1 and len(text) >= 10 and all(c.isupper() for c in letters or "a")


def limit_findings(message: Message, kit: OutreachKit) -> list[Finding]:
    """Findings for a message longer than its channel allows (body, subject, SMS segments)."""
    found: list[Finding] = []
    body = message.body
    limits = kit.limits.get("email" if message.channel in EMAIL_LIKE else message.channel, {})
    source = str(limits.get("source", ""))
    if message.limit is not None and message.length > message.limit:
        found.append(
            _finding(
                kit, "outreach.limit", body, (0, 0), source=source,
                length=f"{message.length:g}", unit=message.unit, limit=f"{message.limit:g}",
            )
        )  # fmt: skip
    measured = message.measured_subject
    cap = message.subject_limit
    if message.subject is not None and cap and measured and len(measured) > cap:
        span = (0, len(message.subject))
        found.append(
            _finding(
                kit, "outreach.subject_limit", message.subject, span, "subject", source,
                length=len(measured), limit=cap,
            )
        )  # fmt: skip
    if message.sms and message.sms.forcing_ucs2:
        chars = " ".join(repr(c) for c in message.sms.forcing_ucs2)
        first = min(body.find(c) for c in message.sms.forcing_ucs2)
        span = (first, first + 1) if first >= 0 else (0, 0)
        found.append(_finding(kit, "outreach.sms_ucs2", body, span, source=source, chars=chars))
    target = limits.get("target")
    if message.channel == "inmail" and target and message.length > target:
        found.append(
            _finding(
                kit, "outreach.inmail_length", body, (0, 0), target=target, length=message.length
            )
        )
    return found


def cta_findings(message: Message, kit: OutreachKit) -> list[Finding]:
    """A finding at the end of a body that asks nothing and names no next step; else none."""
    lowered = message.body.lower()
    if "?" in message.body or any(p in lowered for p in kit.call_to_action):
        return []
    end = len(message.body)
    return [_finding(kit, "outreach.no_call_to_action", message.body, (end, end))]


def consent_findings(message: Message, third_party: bool, kit: OutreachKit) -> list[Finding]:
    """Consent findings: an SMS without opt-out, a first contact from third-party data (GDPR 14)."""
    found: list[Finding] = []
    body = message.body
    end = (len(body), len(body))
    if message.channel == "sms" and not _OPT_OUT.search(body):
        fixed = (body.rstrip() + " Reply STOP to opt out.",)
        found.append(_finding(kit, "outreach.sms_opt_out", body, end, replacements=fixed))
    article14 = kit.sentences.get("article14", "")[:20]
    if third_party and message.channel in _FIRST_CONTACT and article14 not in body:
        found.append(_finding(kit, "outreach.article14", body, end))
    return found


def no_role_finding(message: Message, kit: OutreachKit) -> list[Finding]:
    """A finding on an unfilled ``{role}``, which is left when the posting names no role."""
    position = message.body.find("{role}")
    if position < 0:
        return []
    return [_finding(kit, "outreach.no_role", message.body, (position, position + 6))]


def check_message(
    message: Message,
    book: RuleBook,
    kit: OutreachKit,
    third_party: bool,
    engine: list[Finding] | None = None,
) -> tuple[Finding, ...]:
    """All checks; ``engine``: this body's engine findings when already computed."""
    merged = [
        *no_role_finding(message, kit),
        *limit_findings(message, kit),
        *spam_findings(message, kit),
        *cta_findings(message, kit),
        *consent_findings(message, third_party, kit),
        *(engine_findings(message.body, book) if engine is None else engine),
    ]
    merged.sort(key=lambda f: (f.extra.get("field") != "subject", f.start, f.end, f.rule_id))
    return tuple(merged)
