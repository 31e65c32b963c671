"""Drafting: fill a channel's template with the posting's facts, choose the longest variant that
keeps the channel's limit with the writer's placeholders at typical values, and measure it."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace

from ..findings import Finding
from .facts import PostingFacts
from .kit import WRITER_PLACEHOLDERS, OutreachKit
from .sms import SmsLength, sms_length, to_gsm7

# The ``schema`` of ``postingstudio outreach --format json`` (docs/outreach.md); raise it when a
# field of the drafts it prints is removed, renamed or changes meaning.
OUTREACH_SCHEMA_VERSION = 1
_PLACEHOLDER = re.compile(r"\{([a-z_0-9]+)\}")
_SPACES = re.compile(r"[ \t]{2,}")
_SPACE_BEFORE_PUNCT = re.compile(r" +([.,;:!?)])(?=\s|$)")  # not "Senior .Net"
_BLANK_LINES = re.compile(r"\n{3,}")
_EMPTY_BRACKETS = re.compile(r" ?\(\s*\)")
_DANGLING_COMMA = re.compile(r",\s*([.?!])")  # "at Acme, ." once an empty fact is dropped
EMAIL_LIKE = (
    "email",
    "voicemail_email",
    "follow_up",
    "applicant_next_steps",
    "feedback_request",
)


@dataclass(frozen=True)
class Message:
    """One draft. ``length``/``limit`` count ``unit`` (characters, SMS units or seconds); the
    limit is measured with the writer's placeholders at typical values (``measured_body``)."""

    channel: str
    body: str
    subject: str | None = None
    tone: str = "warm"
    step: int | None = None  # follow-up step, 1-based
    day: int | None = None  # days after the first contact
    length: int | float = 0
    limit: int | float | None = None
    unit: str = "characters"
    subject_limit: int | None = None
    sms: SmsLength | None = None
    placeholders: tuple[str, ...] = ()
    findings: tuple[Finding, ...] = ()
    notes: tuple[str, ...] = ()
    measured_body: str = ""
    measured_subject: str | None = None
    extra: dict[str, object] = field(default_factory=dict)

    @property
    def within_limits(self) -> bool:
        body_ok = self.limit is None or self.length <= self.limit
        subject = self.measured_subject
        subject_ok = (
            self.subject_limit is None or subject is None or len(subject) <= self.subject_limit
        )
        return body_ok and subject_ok

    @property
    def segments(self) -> int | None:
        return self.sms.segments if self.sms else None


def fill(template: str, values: Mapping[str, str]) -> str:
    """``{name}`` replaced by ``values[name]``; unknown names stay as they are."""
    return _PLACEHOLDER.sub(lambda m: values.get(m.group(1), m.group(0)), template)


def tidy(text: str) -> str:
    """Spaces left by dropped sentences removed, line by line; at most one blank line."""
    text = _DANGLING_COMMA.sub(r"\1", _EMPTY_BRACKETS.sub("", text))
    lines = [
        _SPACE_BEFORE_PUNCT.sub(r"\1", _SPACES.sub(" ", line)).strip() for line in text.split("\n")
    ]
    return _BLANK_LINES.sub("\n\n", "\n".join(lines)).strip()


def placeholders_in(*texts: str | None) -> tuple[str, ...]:
    """The ``{name}`` placeholders in ``texts``, each once, in order of first appearance."""
    seen: dict[str, None] = {}
    for text in texts:
        for match in _PLACEHOLDER.finditer(text or ""):
            seen.setdefault(match.group(1), None)
    return tuple(seen)


def fact_values(facts: PostingFacts, kit: OutreachKit, third_party: bool) -> dict[str, str]:
    """Values of the posting-fact placeholders; a missing fact drops its sentence."""
    sentences = kit.sentences
    highlights = ", ".join(facts.highlights)
    values = {
        "role": facts.role or "{role}",
        "role_short": facts.role_short or "{role}",
        "pay": facts.pay,
        "where": facts.where,
        "next_step": facts.next_step,
        "highlights": highlights or kit.defaults.get("highlights", ""),
        "expect": kit.expect.get(facts.next_step, kit.defaults.get("expect", "")),
        "reply_days": kit.defaults.get("reply_days", "5"),
    }
    values["pay_paren"] = f" ({facts.pay})" if facts.pay else ""
    values["pay_sentence"] = fill(sentences["pay"], values) if facts.pay else ""
    values["where_sentence"] = fill(sentences["where"], values) if facts.where else ""
    values["highlights_sentence"] = (
        fill(sentences["highlights"], {"highlights": highlights}) if highlights else ""
    )
    values["article14"] = sentences["article14"] if third_party else ""
    return values


def typical_values(kit: OutreachKit, facts: PostingFacts) -> dict[str, str]:
    """Typical values for the writer's placeholders, to measure a draft's length before merging."""
    values = {name: kit.typical.get(name, name) for name in WRITER_PLACEHOLDERS}
    if facts.role is None:
        values["role"] = kit.typical.get("role", "Senior Data Engineer")
    return values


def measure(
    channel: str, body: str, subject: str | None, kit: OutreachKit, premium: bool = False
) -> dict[str, object]:
    """Length, limit, unit and (SMS) segments of a filled message."""
    limits = kit.limits.get("email" if channel in EMAIL_LIKE else channel, {})
    result: dict[str, object] = {"subject_limit": limits.get("subject_limit")}
    if channel == "sms":
        sms = sms_length(
            body,
            limits.get("gsm7_single", 160),
            limits.get("gsm7_part", 153),
            limits.get("ucs2_single", 70),
            limits.get("ucs2_part", 67),
        )
        parts = int(limits.get("limit", 2))
        gsm = sms.encoding == "GSM-7"
        single = limits.get("gsm7_single" if gsm else "ucs2_single", 160 if gsm else 70)
        part = limits.get("gsm7_part" if gsm else "ucs2_part", 153 if gsm else 67)
        cap = single if parts == 1 else part * parts
        result.update(length=sms.units, limit=cap, unit="characters", sms=sms)
    elif channel == "voicemail":
        words = len(body.split())
        seconds = round(words * 60 / float(limits.get("words_per_minute", 150)), 1)
        result.update(length=seconds, limit=limits.get("limit", 30), unit="seconds")
    else:
        key = "premium_limit" if premium and channel == "linkedin_note" else "limit"
        limit = limits.get(key)
        result.update(length=len(body), limit=limit, unit="characters")
    return result


def _fits(measured: Mapping[str, object]) -> bool:
    limit = measured.get("limit")
    return limit is None or float(measured["length"]) <= float(limit)  # type: ignore[arg-type]


def render(
    channel: str,
    template_body: str,
    subjects: tuple[str, ...],
    values: Mapping[str, str],
    contact: Mapping[str, str],
) -> tuple[str, str | None]:
    """The draft's subject and body: facts filled, writer placeholders from ``contact``."""
    merged = {**values, **{k: v for k, v in contact.items() if v}}
    body = tidy(fill(template_body, merged))
    if channel == "sms":
        body = to_gsm7(body)
    subject = tidy(fill(subjects[0], merged)) if subjects else None
    return body, subject


def choose(
    channel: str,
    variants: tuple[str, ...],
    subjects: tuple[str, ...],
    values: Mapping[str, str],
    contact: Mapping[str, str],
    typical: Mapping[str, str],
    kit: OutreachKit,
    premium: bool = False,
) -> Message:
    """The first (longest) body variant and subject variant that keep the limits when the
    writer's placeholders hold typical values (or the contact's own values)."""
    measuring = {**typical, **{k: v for k, v in contact.items() if v}}
    chosen_subject: str | None = None
    measured_subject: str | None = None
    for candidate in subjects:
        _body, chosen_subject = render(channel, "", (candidate,), values, contact)
        _body, measured_subject = render(channel, "", (candidate,), values, measuring)
        limit = kit.limits.get("email" if channel in EMAIL_LIKE else channel, {}).get(
            "subject_limit"
        )
        if limit is None or len(measured_subject or "") <= int(limit):
            break
    for variant in variants:
        body, _subject = render(channel, variant, (), values, contact)
        measured_body, _s = render(channel, variant, (), values, measuring)
        measured = measure(channel, measured_body, measured_subject, kit, premium)
        if _fits(measured):
            break
    message = Message(channel=channel, body=body, subject=chosen_subject)
    return replace(
        message,
        length=measured["length"],  # type: ignore[arg-type]
        limit=measured["limit"],  # type: ignore[arg-type]
        unit=str(measured["unit"]),
        subject_limit=measured.get("subject_limit"),  # type: ignore[arg-type]
        sms=measured.get("sms"),  # type: ignore[arg-type]
        placeholders=placeholders_in(chosen_subject, body),
        measured_body=measured_body,
        measured_subject=measured_subject,
    )
