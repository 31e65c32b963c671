"""Writing outreach drafts: a .txt of drafts, a .eml for an email (stdlib ``email``), and a CSV
merge with a contacts file (one filled draft per row, plus a report of rows missing fields or
too long). Every file is written atomically (``atomic.write_atomic``): a bad row encoding, a
missing column or a full disk leaves no half-written file behind."""

from __future__ import annotations

import csv
import io
import os
from collections.abc import Callable, Iterable, Mapping
from email.message import EmailMessage
from email.policy import SMTP
from email.utils import formatdate, make_msgid
from pathlib import Path

from postingstudio.core.outreach import MergeReport, Message, OutreachKit
from postingstudio.core.outreach.merge import merge_row, missing_columns, required_fields

from .atomic import write_atomic
from .errors import DocumentError

Progress = Callable[[int, int], None]  # (rows done, rows in the file)
_PROGRESS_EVERY = 2000


class ContactsError(DocumentError):
    """The contacts file cannot be merged: unreadable, not UTF-8, or missing columns."""

    advice = "Correct the contacts file and run the merge again."


def messages_text(messages: Iterable[Message]) -> str:
    """Drafts as plain text, one after the other, with their channel (and subject) on top."""
    parts = []
    for message in messages:
        head = message.channel + (
            f" (step {message.step}, day {message.day})" if message.step else ""
        )
        lines = [f"== {head} =="]
        if message.subject is not None:
            lines.append(f"Subject: {message.subject}")
        lines += ["", message.body, ""]
        parts.append("\n".join(lines))
    return "\n".join(parts)


def export_txt(messages: Iterable[Message], path: str | os.PathLike[str]) -> None:
    """Write the drafts to one plain-text file, atomically."""
    write_atomic(path, messages_text(messages).encode("utf-8"))


def eml_bytes(
    subject: str, body: str, sender: str = "", recipient: str = "", domain: str = "example.invalid"
) -> bytes:
    """An RFC 5322 message (plain text, UTF-8) a mail client can open as a draft."""
    mail = EmailMessage()
    mail["Subject"] = subject
    mail["From"] = sender or f"Recruiter <recruiter@{domain}>"
    mail["To"] = recipient or f"Candidate <candidate@{domain}>"
    mail["Date"] = formatdate(localtime=False)
    mail["Message-ID"] = make_msgid(domain=domain)
    mail["X-Unsent"] = "1"  # Outlook and others open it as a draft to edit and send
    mail.set_content(body)
    return mail.as_bytes(policy=SMTP)


def export_eml(
    message: Message, path: str | os.PathLike[str], sender: str = "", recipient: str = ""
) -> None:
    """Write one draft as an .eml a mail client opens; a draft without a
    subject (SMS, LinkedIn) is refused."""
    if message.subject is None:
        raise DocumentError(path, f"a {message.channel} draft has no subject; export it as .txt")
    write_atomic(path, eml_bytes(message.subject, message.body, sender, recipient))


def _count_rows(path: Path) -> int:
    with path.open("rb") as stream:
        return max(
            0, sum(chunk.count(b"\n") for chunk in iter(lambda: stream.read(1 << 20), b"")) - 1
        )


def _open_contacts(path: Path) -> io.TextIOWrapper:
    try:
        return path.open(encoding="utf-8-sig", newline="", errors="strict")
    except FileNotFoundError:
        raise ContactsError(
            path, "the contacts file does not exist", advice="Check its name and folder."
        ) from None
    except OSError as error:
        raise ContactsError(
            path,
            "the contacts file cannot be read",
            advice="Check that you may open it, then try again.",
            detail=str(error),
        ) from None


def check_contacts(path: str | os.PathLike[str], message: Message) -> list[str]:
    """The header of the contacts file, or :class:`ContactsError` if a needed column is missing."""
    target = Path(path)
    with _open_contacts(target) as stream:
        try:
            header = next(csv.reader(stream), [])
        except UnicodeDecodeError as error:
            raise _not_utf8(target, error) from None
    missing = missing_columns(message, header)
    if missing:
        needed = ", ".join(required_fields(message))
        found = ", ".join(h for h in header if h) or "no header"
        raise ContactsError(
            target,
            f"the contacts file has no column for {', '.join(missing)} (it has: {found})",
            advice=f"Add a column for each field the draft uses: {needed}.",
        )
    return header


def _not_utf8(path: Path, error: UnicodeDecodeError) -> ContactsError:
    return ContactsError(
        path,
        "the contacts file is not UTF-8 text",
        advice="Save it from your spreadsheet as 'CSV UTF-8' and try again.",
        detail=f"undecodable byte at offset {error.start}",
    )


def merge_csv(
    message: Message,
    contacts: str | os.PathLike[str],
    target: str | os.PathLike[str],
    kit: OutreachKit,
    writer: Mapping[str, str] | None = None,
    progress: Progress | None = None,
) -> MergeReport:
    """One row per contact with the draft filled in, written atomically to ``target``.

    Rows missing a field or too long for the channel are still listed (``ok`` = no) so the
    writer can fix them; the report says which. A decoding error anywhere aborts the whole
    merge and leaves ``target`` untouched.
    """
    source = Path(contacts)
    header = check_contacts(source, message)
    total = _count_rows(source)
    report = MergeReport()

    def write(temporary: str) -> None:
        with (
            _open_contacts(source) as stream,
            open(temporary, "w", encoding="utf-8", newline="") as out,
        ):
            rows = csv.DictReader(stream)
            sheet = csv.writer(out)
            sheet.writerow([*header, "subject", "body", "ok", "problem"])
            try:
                for number, row in enumerate(rows, start=1):
                    merged = merge_row(message, number, row, kit, writer)
                    report.add(merged)
                    problem = "; ".join(
                        ([f"missing {', '.join(merged.missing)}"] if merged.missing else [])
                        + ([merged.overflow] if merged.overflow else [])
                    )
                    values = [row.get(h, "") or "" for h in header]
                    sheet.writerow(
                        [
                            *values,
                            merged.subject or "",
                            merged.body,
                            "yes" if merged.ok else "no",
                            problem,
                        ]
                    )
                    if progress and number % _PROGRESS_EVERY == 0:
                        progress(number, total)
            except UnicodeDecodeError as error:
                raise _not_utf8(source, error) from None
            except csv.Error as error:
                raise ContactsError(
                    source,
                    "the contacts file is not a valid CSV table",
                    advice="Save it from your spreadsheet as 'CSV UTF-8' and try again.",
                    detail=str(error),
                ) from None
        if progress:
            progress(report.rows, max(total, report.rows))

    write_atomic(target, write)
    return report


def merge_to_folder(
    message: Message,
    contacts: str | os.PathLike[str],
    folder: str | os.PathLike[str],
    kit: OutreachKit,
    writer: Mapping[str, str] | None = None,
    progress: Progress | None = None,
) -> tuple[Path, Path, MergeReport]:
    """``<channel>-merge.csv`` and ``<channel>-merge-report.txt`` in ``folder``."""
    out = Path(folder)
    out.mkdir(parents=True, exist_ok=True)
    name = message.channel + (f"-{message.step}" if message.step else "")
    merged = out / f"{name}-merge.csv"
    report_path = out / f"{name}-merge-report.txt"
    report = merge_csv(message, contacts, merged, kit, writer, progress)
    write_atomic(report_path, (report.summary() + "\n").encode("utf-8"))
    return merged, report_path, report
