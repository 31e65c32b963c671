"""The outreach kit's data (templates, phrases, limits, schedule, spam rules, corpus term
frequencies), loaded once from ``resources/outreach/`` into one immutable :class:`OutreachKit`."""

from __future__ import annotations

import json
import re
import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

# Channels in the order they are drafted and shown. ``voicemail_email`` is the voicemail's
# paired email and is drafted with it; ``follow_up`` expands into one message per step.
CHANNELS = (
    "email",
    "sms",
    "linkedin_note",
    "inmail",
    "voicemail",
    "follow_up",
    "applicant_next_steps",
    "feedback_request",
)
WRITER_PLACEHOLDERS = ("first_name", "their_skill", "where_we_found_you", "sender_name", "company")


@dataclass(frozen=True, slots=True)
class Template:
    """One channel in one tone: subject variants (empty for SMS, notes and voicemail) and body
    variants, longest first."""

    subjects: tuple[str, ...]
    variants: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class SpamRule:
    """A spam-trigger pattern, where it applies (body, subject or any) and why it is flagged."""

    id: str
    where: str  # body | subject | any
    pattern: re.Pattern[str]
    message: str
    source: str
    severity: str = "warning"
    # The same pattern without IGNORECASE, for lower-cased text (about twice as fast); None
    # for case-sensitive rules ("OPPORTUNITY" in capitals).
    lowered: re.Pattern[str] | None = None
    flags: tuple[str, ...] = ()
    passes: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Pattern:
    """A pattern with what to say when it matches."""

    pattern: re.Pattern[str]
    say: str = ""


@dataclass(frozen=True)
class OutreachKit:
    """Everything outreach reads from resources: templates, tones,
    phrases, limits and spam rules."""

    templates: dict[str, dict[str, Template]]
    tones: dict[str, str]
    default_tone: str
    sentences: dict[str, str]
    defaults: dict[str, str]
    typical: dict[str, str]
    call_to_action: tuple[str, ...]
    limits: dict[str, dict[str, Any]]
    schedule: dict[str, Any]
    spam_rules: tuple[SpamRule, ...]
    spam_source: str
    work_modes: tuple[Pattern, ...]
    places: tuple[Pattern, ...]
    next_steps: tuple[Pattern, ...]
    expect: dict[str, str]
    benefit_labels: dict[str, str]
    messages: dict[str, dict[str, str]] = field(default_factory=dict)
    spam_why: str = ""
    title_label: re.Pattern[str] | None = None
    not_title: re.Pattern[str] | None = None
    title_trim: re.Pattern[str] | None = None
    title_blocks: int = 8
    # stem -> number of dev-split postings using it, and how many postings were counted
    document_frequency: dict[str, int] = field(default_factory=dict)
    documents: int = 0

    def template(self, channel: str, tone: str | None) -> Template:
        tones = self.templates[channel]
        return tones.get(tone or self.default_tone) or tones[self.default_tone]


def _toml(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except (OSError, tomllib.TOMLDecodeError) as error:
        raise ValueError(f"{path}: {error}") from None


def _templates(raw: dict[str, Any]) -> dict[str, dict[str, Template]]:
    result: dict[str, dict[str, Template]] = {}
    for channel, body in raw.get("channel", {}).items():
        tones: dict[str, Template] = {}
        for tone, spec in body.items():
            if isinstance(spec, dict):
                variants = tuple(str(v).strip() for v in spec.get("variants", ()))
                if not variants:
                    raise ValueError(f"templates.toml: {channel}.{tone} has no variants")
                tones[tone] = Template(tuple(spec.get("subjects", ())), variants)
        result[channel] = tones
    return result


def _spam_rules(raw: dict[str, Any]) -> tuple[SpamRule, ...]:
    source = str(raw.get("source", ""))
    rules = []
    for item in raw.get("rule", []):
        case = bool(item.get("case"))
        flags = 0 if case else re.IGNORECASE
        rules.append(
            SpamRule(
                id=item["id"],
                where=item.get("where", "any"),
                pattern=re.compile(item["pattern"], flags),
                message=item["message"],
                severity=item.get("severity", "warning"),
                source=f"{source}: {item.get('sa', '')}".rstrip(": "),
                lowered=None if case else re.compile(item["pattern"]),
                flags=tuple(item.get("flags", ())),
                passes=tuple(item.get("passes", ())),
            )
        )
    return tuple(rules)


def _patterns(items: list[dict[str, Any]]) -> tuple[Pattern, ...]:
    return tuple(Pattern(re.compile(i["pattern"], re.IGNORECASE), i.get("say", "")) for i in items)


def load_kit(resources: Path, language: str = "en") -> OutreachKit:
    """Load the outreach kit for ``language`` from
    ``resources``/outreach and the shared lexicons."""
    folder = resources / "outreach"
    templates = _toml(folder / language / "templates.toml")
    phrases = _toml(folder / language / "phrases.toml")
    facts = _toml(folder / language / "facts.toml")
    spam = _toml(folder / "spam.toml")
    messages = _toml(folder / language / "messages.toml")
    benefits = _toml(resources / "lexicons" / "benefits.toml").get("benefit", {})
    frequencies: dict[str, Any] = {}
    frequency_file = folder / "term_frequencies.json"
    if frequency_file.exists():
        frequencies = json.loads(frequency_file.read_text(encoding="utf-8"))
    # Place patterns need capitals to find names, so they are matched case-sensitively.
    title = facts.get("title", {})
    places = tuple(Pattern(re.compile(i["pattern"])) for i in facts.get("place", []))
    return OutreachKit(
        templates=_templates(templates),
        tones={k: v.get("label", k) for k, v in templates.get("tone", {}).items()},
        default_tone=templates.get("default_tone", "warm"),
        sentences=dict(phrases.get("sentences", {})),
        defaults=dict(phrases.get("defaults", {})),
        typical=dict(phrases.get("typical", {})),
        call_to_action=tuple(phrases.get("call_to_action", {}).get("phrases", ())),
        limits=_toml(folder / "limits.toml"),
        schedule=_toml(folder / "schedule.toml"),
        spam_rules=_spam_rules(spam),
        spam_source=str(spam.get("source", "")),
        work_modes=_patterns(facts.get("work_mode", [])),
        places=places,
        next_steps=_patterns(facts.get("next_step", [])),
        expect=dict(facts.get("expect", {})),
        benefit_labels={k: str(v.get("label", k)) for k, v in benefits.items()},
        messages=dict(messages.get("rule", {})),
        spam_why=str(messages.get("spam", {}).get("why", "")),
        title_label=re.compile(title["labels"], re.IGNORECASE) if "labels" in title else None,
        not_title=re.compile(title["not_titles"], re.IGNORECASE) if "not_titles" in title else None,
        title_trim=re.compile(title["trim"], re.IGNORECASE | re.DOTALL)
        if "trim" in title
        else None,
        title_blocks=int(title.get("search_blocks", 8)),
        document_frequency=dict(frequencies.get("document_frequency", {})),
        documents=int(frequencies.get("documents", 0)),
    )


@lru_cache(maxsize=4)
def kit_for(resources: Path, language: str = "en") -> OutreachKit:
    """The kit for a resources folder, loaded once per process."""
    return load_kit(resources, language)
