"""The rewrite engine: every change a posting's findings and the engine's own clause rewrites
propose, each fitted into its sentence and re-checked before it counts as safe.

Work goes sentence by sentence. The clause rewrites come first (third person -> "you", duty
lists -> verbs), then the rules' one-word and phrase replacements that do not overlap them. Each
step is applied to the sentence as it stands after the steps before, and the engine's agreement
checks run on the result; a step that adds a problem is kept out of the sentence and offered
unticked with the problem as its reason.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from ..findings import Finding
from .agreement import new_problems
from .duties import duty_edits
from .fit import Edit, fit, keep_verb_form
from .person import agree_after, compound_comma, refer_back_edits, you_edits
from .placement import repeats
from .tokens import sentences

# The ``schema`` of ``postingstudio polish --format json`` (docs/json.md), whose ``changes`` and
# ``offered`` are these Changes; raise it when a field is removed, renamed or changes meaning.
POLISH_SCHEMA_VERSION = 1
YOU_RULE = "rewrite.you"
DUTY_RULE = "rewrite.responsible_for"


@dataclass(frozen=True, slots=True)
class Change:
    """One reviewable change: ``text[start:end]`` (code-point offsets into the input) becomes
    ``after``. ``safe`` changes are applied by default; the others carry the ``reason``."""

    rule_id: str
    start: int
    end: int
    before: str
    after: str
    safe: bool = True
    reason: str = ""
    message: str = ""
    edits: tuple[Edit, ...] = ()

    def to_json(self) -> dict[str, object]:
        return {
            "rule_id": self.rule_id,
            "start": self.start,
            "end": self.end,
            "before": self.before,
            "after": self.after,
            "safe": self.safe,
            "reason": self.reason,
        }


# A finding's candidate replacements -> (replacement, reason it is not safe; "" when it is).
Screen = Callable[[Finding], list[tuple[str, str]]]


def apply_edits(text: str, edits: Iterable[Edit], offset: int = 0) -> str:
    """``text`` with ``edits`` applied from last to first; edit
    offsets are ``offset`` ahead of it."""
    out = text
    for edit in sorted(edits, key=lambda e: e.start, reverse=True):
        out = out[: edit.start - offset] + edit.after + out[edit.end - offset :]
    return out


def apply_changes(text: str, changes: Iterable[Change]) -> str:
    """``text`` with every edit of ``changes`` applied."""
    return apply_edits(text, (edit for change in changes for edit in change.edits))


class _Sentence:
    """One sentence and the edits accepted into it so far (in input-text offsets)."""

    def __init__(self, text: str, begin: int, end: int) -> None:
        self.text, self.begin, self.end = text, begin, end
        self.edits: list[Edit] = []

    def current(self, extra: Sequence[Edit] = ()) -> str:
        return apply_edits(self.text[self.begin : self.end], [*self.edits, *extra], self.begin)

    def free(self, start: int, end: int) -> bool:
        return all(end <= e.start or start >= e.end for e in self.edits)

    def attempt(self, rule_id: str, edits: Sequence[Edit], message: str = "") -> Change:
        before = self.current()
        after = self.current(edits)
        # An edit the clause rewrite itself marked (a verb it cannot tell from a noun, a
        # pronoun that may name someone else) keeps the whole change for the writer.
        problems = [e.reason for e in edits if e.reason] or new_problems(before, after)
        start, end = min(e.start for e in edits), max(e.end for e in edits)
        change = Change(
            rule_id,
            start,
            end,
            self.text[start:end],
            apply_edits(self.text[start:end], edits, start),
            safe=not problems,
            reason=_reason(problems, edits),
            message=message,
            edits=tuple(edits),
        )
        if change.safe:
            self.edits.extend(edits)
        return change


def _reason(problems: Sequence[str], edits: Sequence[Edit]) -> str:
    if not problems:
        return ""
    if any(e.reason for e in edits):
        return f"needs your judgement: {problems[0]}"
    return f"would break agreement: {problems[0]}"


def propose(text: str, findings: Sequence[Finding], screen: Screen) -> list[Change]:
    """Every change for ``text``: safe ones first fitted and checked, the rest with reasons."""
    bounds = sentences(text)
    starts = [begin for begin, _ in bounds]
    by_sentence: dict[int, list[Finding]] = {}
    for finding in findings:
        if finding.is_span:
            number = max(0, bisect_right(starts, finding.start) - 1)
            if finding.end <= bounds[number][1]:  # a finding across sentences is left out
                by_sentence.setdefault(number, []).append(finding)
    changes: list[Change] = []
    for number, (begin, end) in enumerate(bounds):
        found = by_sentence.get(number, [])
        changes.extend(_sentence_changes(text, begin, end, found, screen))
    changes.sort(key=lambda c: (c.start, c.end))
    return changes


def _sentence_changes(
    text: str, begin: int, end: int, findings: list[Finding], screen: Screen
) -> list[Change]:
    sentence = _Sentence(text, begin, end)
    out: list[Change] = []
    refused: list[tuple[int, int]] = []
    person = you_edits(text, begin, end, refused)
    duties = duty_edits(text, begin, end, you=person)
    absorbed = [d for d in duties if any(d.start <= e.start < d.end for e in person)]
    if absorbed:
        # The verb the "you" rewrite re-agreed is inside a duty rewrite: one change, together.
        person = [e for e in person if not any(d.start <= e.start < d.end for d in absorbed)]
        person = sorted([*person, *absorbed], key=lambda e: e.start)
        duties = [d for d in duties if d not in absorbed]
    person = _with_plain_verbs(person, findings, screen)
    if person:
        out.append(sentence.attempt(YOU_RULE, person, "Addresses the reader as “you”."))
    for duty in duties:
        if sentence.free(duty.start, duty.end):
            out.append(sentence.attempt(DUTY_RULE, [duty], "Says the work as a verb."))
    taken = [(e.start, e.end) for change in out for e in change.edits]
    for finding in sorted(findings, key=lambda f: (f.start, -f.end)):
        if any(finding.start < e and finding.end > s for s, e in taken):
            continue  # a clause rewrite already covers these words
        change = _finding_change(text, sentence, finding, screen, refused)
        if change is not None:
            out.append(change)
            taken.append((change.start, change.end))
    return out


def _with_plain_verbs(person: list[Edit], findings: list[Finding], screen: Screen) -> list[Edit]:
    """A re-agreed verb that a rule also flags ("utilizes" -> "utilize", and "utilize" ->
    "use") takes the rule's plain word in the agreed form ("use"), in the one change."""
    spans = {(f.start, f.end): f for f in findings}
    out = []
    for edit in person:
        finding = spans.get((edit.start, edit.end))
        safe = [r for r, why in screen(finding) if not why] if finding else []
        if safe and " " not in safe[0] and " " not in edit.after:
            edit = Edit(edit.start, edit.end, keep_verb_form(edit.after, safe[0]), edit.reason)
        out.append(edit)
    return out


def _finding_change(
    text: str,
    sentence: _Sentence,
    finding: Finding,
    screen: Screen,
    refused: Sequence[tuple[int, int]] = (),
) -> Change | None:
    options = screen(finding)
    if not options:
        return None
    first_unsafe: Change | None = None
    for replacement, reason in options:
        edit = fit(text, finding.start, finding.end, replacement)
        if not sentence.free(edit.start, edit.end):
            return None
        repeated = (
            ""
            if reason or edit.reason
            else repeats(sentence.current(), text[edit.start : edit.end], edit.after)
        )
        if repeated:
            # The next option is a different word for the sentence's own ("provides support for
            # applications" -> "helps applications"), not a plain equivalent: stop here.
            return first_unsafe or _unsafe(text, finding, edit, repeated)
        why = reason or edit.reason
        left = any(s < edit.end and edit.start < e for s, e in refused)
        if not why and edit.after.lower().startswith("you") and left:
            # The clause rewrite runs first and left these words as they are on purpose (a
            # heading, someone other than the reader): a rule's bare "you" must not undo that.
            why = "these words may not name the reader, or stand as a heading"
        if why:
            first_unsafe = first_unsafe or _unsafe(text, finding, edit, why)
            continue
        edits = [edit]
        if edit.after.lower().startswith("you"):  # a subject became "you": so do its pronouns
            edits += refer_back_edits(text, edit.end, sentence.end)
            if edit.after.lower() == "you":
                edits += agree_after(text, edit.end, sentence.end)
            edits += compound_comma(text, edit.start, sentence.begin)
            edits = [e for e in edits if sentence.free(e.start, e.end)]
        change = sentence.attempt(finding.rule_id, edits, finding.message)
        if change.safe:
            return change
        first_unsafe = first_unsafe or change
    return first_unsafe


def _unsafe(text: str, finding: Finding, edit: Edit, reason: str) -> Change:
    return Change(
        finding.rule_id,
        edit.start,
        edit.end,
        text[edit.start : edit.end],
        edit.after,
        safe=False,
        reason=reason,
        message=finding.message,
        edits=(edit,),
    )
