"""The one table of file formats Posting Studio reads and writes.

Every list of suffixes elsewhere (what ``load_posting`` accepts, what ``save_posting`` writes,
the UI's open and save filters, what the editor accepts when files are dropped) is built from
:data:`FORMATS`, so a new format is one row here plus the module that reads or writes it.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class FileFormat:
    """One format: its suffixes (first is the one suggested on save) and what we can do with it."""

    key: str
    label: str
    suffixes: tuple[str, ...]
    can_read: bool
    can_export: bool


FORMATS: tuple[FileFormat, ...] = (
    FileFormat("docx", "Word document", (".docx", ".docm"), can_read=True, can_export=True),
    FileFormat("html", "Web page", (".html", ".htm"), can_read=True, can_export=True),
    FileFormat("md", "Markdown", (".md", ".markdown"), can_read=True, can_export=True),
    FileFormat("txt", "Plain text", (".txt",), can_read=True, can_export=True),
    FileFormat("pdf", "PDF", (".pdf",), can_read=False, can_export=True),
)


def read_suffixes() -> tuple[str, ...]:
    """Every suffix a posting can be opened from."""
    return tuple(s for f in FORMATS if f.can_read for s in f.suffixes)


def export_suffixes() -> tuple[str, ...]:
    """Every suffix a posting can be exported to (.docm is written only as .docx)."""
    return tuple(s for f in FORMATS if f.can_export for s in f.suffixes if s != ".docm")


def open_filter() -> str:
    """The open dialog's filter: all readable suffixes, then all files."""
    patterns = " ".join(f"*{s}" for s in read_suffixes())
    return f"Postings ({patterns});;All files (*)"


def save_formats() -> tuple[tuple[str, str], ...]:
    """(extension, dialog label) for every exportable format; the first is the default."""
    return tuple((f.key, f"{f.label} (*{f.suffixes[0]})") for f in FORMATS if f.can_export)
