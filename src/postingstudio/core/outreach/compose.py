"""Drafting every requested channel for one posting, each draft checked."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

from ..model import Posting
from ..report import Report
from ..rules.rulebook import RuleBook
from .checks import check_message, engine_findings_each
from .drafts import Message, choose, fact_values, fill, measure, placeholders_in, typical_values
from .facts import PostingFacts, extract_facts
from .kit import CHANNELS, WRITER_PLACEHOLDERS, OutreachKit


@dataclass(frozen=True, slots=True)
class DraftOptions:
    """How to draft: tone, consent context, LinkedIn Premium limits and one contact's fields."""

    tone: str | None = None
    third_party: bool = False  # the contact's details came from a third-party source (GDPR 14)
    premium: bool = False  # LinkedIn Premium: notes up to 300 characters
    contact: Mapping[str, str] | None = None  # writer placeholders filled for one contact


@dataclass(frozen=True)
class OutreachDrafts:
    """The drafted messages with the facts they were built from and the follow-up schedule."""

    facts: PostingFacts
    messages: tuple[Message, ...]
    schedule: Mapping[str, object]


def _draft(
    channel: str,
    facts: PostingFacts,
    kit: OutreachKit,
    book: RuleBook,
    options: DraftOptions,
    values: Mapping[str, str],
) -> list[Message]:
    template = kit.template(channel, options.tone)
    tone = options.tone if options.tone in kit.templates[channel] else kit.default_tone
    contact = dict(options.contact or {})
    typical = typical_values(kit, facts)
    if channel == "follow_up":
        # One message per step: the variants are the steps here, not shorter alternatives.
        days = list(kit.schedule.get("sequence", {}).get("days", []))
        messages = []
        for step, body in enumerate(template.variants, start=1):
            own = template.subjects[min(step - 1, len(template.subjects) - 1)]
            subjects = (own, "{role_short}")  # the bare role when the step's own is too long
            message = choose(channel, (body,), subjects, values, contact, typical, kit)
            day = days[step - 1] if step - 1 < len(days) else None
            messages.append(replace(message, step=step, day=day, tone=tone))
        return messages
    message = choose(
        channel,
        template.variants,
        template.subjects,
        values,
        contact,
        typical,
        kit,
        options.premium,
    )
    return [replace(message, tone=tone)]


def draft_outreach(
    posting: Posting,
    report: Report,
    book: RuleBook,
    kit: OutreachKit,
    channels: Sequence[str] = CHANNELS,
    options: DraftOptions | None = None,
    distinctive_terms: Sequence[str] = (),
) -> OutreachDrafts:
    """Drafts for ``channels`` (the voicemail brings its paired email), each with its checks.

    ``report`` is ``analyse(posting, book)``; ``distinctive_terms`` are the compare engine's
    terms against loaded competitors (``Comparison.distinctive``), if any.
    """
    options = options or DraftOptions()
    unknown = [c for c in channels if c not in CHANNELS]
    if unknown:
        raise ValueError(
            f"unknown channel(s): {', '.join(unknown)}; choose from {', '.join(CHANNELS)}"
        )
    facts = extract_facts(posting, report, book, kit, distinctive_terms)
    values = fact_values(facts, kit, options.third_party)
    messages: list[Message] = []
    for channel in channels:
        drafted = _draft(channel, facts, kit, book, options, values)
        if channel == "voicemail":
            drafted += _draft("voicemail_email", facts, kit, book, options, values)
        messages.extend(drafted)
    engine = engine_findings_each([m.body for m in messages], book)
    checked = tuple(
        replace(m, findings=check_message(m, book, kit, options.third_party, found))
        for m, found in zip(messages, engine, strict=True)
    )
    return OutreachDrafts(facts, checked, kit.schedule)


def recheck(
    message: Message, book: RuleBook, kit: OutreachKit, third_party: bool = False
) -> Message:
    """A message the writer edited, measured and checked again (the UI's live counters)."""
    # Typical values only for the writer's placeholders; the writer's own characters are kept
    # (no GSM-7 substitution), so a curly quote they typed shows up as forcing UCS-2.
    measuring = {name: kit.typical.get(name, name) for name in WRITER_PLACEHOLDERS}
    measuring["role"] = kit.typical.get("role", "role")
    body = fill(message.body, measuring)
    subject = fill(message.subject, measuring) if message.subject is not None else None
    measured = measure(message.channel, body, subject, kit)
    updated = replace(
        message,
        length=measured["length"],  # type: ignore[arg-type]
        limit=measured["limit"],  # type: ignore[arg-type]
        sms=measured.get("sms"),  # type: ignore[arg-type]
        placeholders=placeholders_in(message.subject, message.body),
        measured_body=body,
        measured_subject=subject,
    )
    return replace(updated, findings=check_message(updated, book, kit, third_party))
