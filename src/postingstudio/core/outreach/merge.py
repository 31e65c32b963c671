"""Merging one draft with a list of contacts: the writer's placeholders filled from each row,
the row's draft measured against the channel's limit, and rows missing a field or overflowing
reported. Pure: the CSV reading and the writing live in ``docio.outreach_export``."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from .drafts import Message, fill, measure, placeholders_in
from .kit import OutreachKit

# Placeholders a row may leave empty: the sender and company are the writer's, not the
# contact's, and come from the merge options.
_WRITER_OWN = ("sender_name", "company")


@dataclass(frozen=True, slots=True)
class MergedRow:
    """One mail-merge row filled in, with the columns it lacked and why it overflows (or None)."""

    number: int  # 1-based data row (the header is row 0)
    subject: str | None
    body: str
    missing: tuple[str, ...]
    overflow: str | None  # why the filled draft breaks the channel's limit, or None

    @property
    def ok(self) -> bool:
        return not self.missing and self.overflow is None


@dataclass
class MergeReport:
    """Tally of a mail merge: rows read and written, and which rows lacked data or overflowed."""

    rows: int = 0
    written: int = 0
    missing: list[tuple[int, tuple[str, ...]]] = field(default_factory=list)
    overflowing: list[tuple[int, str]] = field(default_factory=list)

    def add(self, row: MergedRow) -> None:
        self.rows += 1
        if row.missing:
            self.missing.append((row.number, row.missing))
        if row.overflow:
            self.overflowing.append((row.number, row.overflow))
        if row.ok:
            self.written += 1

    def to_json(self) -> dict[str, object]:
        return {
            "rows": self.rows,
            "written": self.written,
            "missing": [{"row": n, "fields": list(f)} for n, f in self.missing],
            "overflowing": [{"row": n, "reason": r} for n, r in self.overflowing],
        }

    def summary(self) -> str:
        lines = [f"{self.written} of {self.rows} rows merged."]
        for number, fields in self.missing[:20]:
            lines.append(f"row {number}: missing {', '.join(fields)}")
        if len(self.missing) > 20:
            lines.append(f"… and {len(self.missing) - 20} more rows missing fields")
        for number, reason in self.overflowing[:20]:
            lines.append(f"row {number}: {reason}")
        if len(self.overflowing) > 20:
            lines.append(f"… and {len(self.overflowing) - 20} more rows too long")
        return "\n".join(lines)


def required_fields(message: Message) -> tuple[str, ...]:
    """The placeholders a contacts file must fill for this draft."""
    return tuple(p for p in placeholders_in(message.subject, message.body) if p not in _WRITER_OWN)


def missing_columns(message: Message, columns: list[str]) -> tuple[str, ...]:
    """The placeholders ``message`` needs that the contact file's ``columns`` do not supply."""
    present = {c.strip().lower() for c in columns}
    return tuple(name for name in required_fields(message) if name not in present)


def merge_row(
    message: Message,
    number: int,
    row: Mapping[str, str],
    kit: OutreachKit,
    writer: Mapping[str, str] | None = None,
) -> MergedRow:
    """The draft for one contact. Values are stripped; an empty value counts as missing."""
    values = {k.strip().lower(): (v or "").strip() for k, v in row.items() if k}
    values.update({k: v for k, v in (writer or {}).items() if v})
    missing = tuple(name for name in required_fields(message) if not values.get(name))
    present = {k: v for k, v in values.items() if v}
    body = fill(message.body, present)
    subject = fill(message.subject, present) if message.subject is not None else None
    measured = measure(message.channel, body, subject, kit)
    overflow = None
    limit = measured.get("limit")
    if limit is not None and float(measured["length"]) > float(limit):  # type: ignore[arg-type]
        overflow = f"{measured['length']} {measured['unit']} of {limit} allowed"
    subject_limit = measured.get("subject_limit")
    if subject is not None and subject_limit and len(subject) > int(subject_limit):  # type: ignore[call-overload]
        overflow = f"subject {len(subject)} characters of {subject_limit}"
    return MergedRow(number, subject, body, missing, overflow)


def merge_contacts(
    message: Message,
    rows: list[Mapping[str, str]],
    kit: OutreachKit,
    writer: Mapping[str, str] | None = None,
) -> tuple[list[MergedRow], MergeReport]:
    """Every row merged (in memory; the exporter streams instead for large files)."""
    report = MergeReport()
    merged = []
    for number, row in enumerate(rows, start=1):
        item = merge_row(message, number, row, kit, writer)
        report.add(item)
        merged.append(item)
    return merged, report
