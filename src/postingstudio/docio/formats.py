"""The one registry of file formats Posting Studio reads and writes: postings and reports.

Every list of suffixes elsewhere (what ``load_posting`` accepts, what ``save_posting`` writes,
the UI's open and save filters, the CLI's export choices, what the editor accepts when files are
dropped) is built from :data:`FORMATS`, and each row names the function that reads or writes it,
so a new format is one row here plus the module that does the work. Comparison reports (the
compare view's Export, ``compare --report``) are the second table, :data:`REPORT_FORMATS`, with
the same rows: its save filter, the CLI's help and refusal, and the writer dispatch come from it.

Readers and writers are named as ``"module:function"`` strings and imported only when used
(:func:`resolve`), so importing this table stays cheap: the PDF and .docx writers pull in
ReportLab and lxml, which the CLI's ``check`` never needs.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

# A writer: ``writer(posting, template=..., source=...)`` returns the file's bytes, or a function
# that writes a given temporary path (for writers such as ReportLab that want a file name).
# A reader: ``reader(name, data)`` for binary formats, ``reader(name, text)`` for text formats.
Codec = Callable[..., Any] | str


@dataclass(frozen=True)
class FileFormat:
    """One format: its suffixes (first is the one suggested on save) and what we can do with it.

    ``also_reads`` are suffixes accepted when opening but not offered in dialogs (templates,
    legacy names, files without an extension). ``binary`` readers get the file's bytes; the
    others get text decoded by :mod:`.text_reader`.
    """

    key: str
    label: str
    suffixes: tuple[str, ...]
    reader: Codec | None = None
    writer: Codec | None = None
    also_reads: tuple[str, ...] = ()
    binary: bool = False

    @property
    def can_read(self) -> bool:
        return self.reader is not None

    @property
    def can_export(self) -> bool:
        return self.writer is not None


_IO = "postingstudio.docio.format_io"

FORMATS: tuple[FileFormat, ...] = (
    FileFormat(
        "docx",
        "Word document",
        (".docx", ".docm"),
        reader=f"{_IO}:read_docx",
        writer=f"{_IO}:write_docx",
        also_reads=(".dotx", ".dotm", ".doc"),
        binary=True,
    ),
    FileFormat(
        "html",
        "Web page",
        (".html", ".htm"),
        reader=f"{_IO}:read_html",
        writer=f"{_IO}:write_html",
        also_reads=(".xhtml",),
    ),
    FileFormat(
        "md",
        "Markdown",
        (".md", ".markdown"),
        reader=f"{_IO}:read_markdown",
        writer=f"{_IO}:write_markdown",
    ),
    FileFormat(
        "txt",
        "Plain text",
        (".txt",),
        reader=f"{_IO}:read_text",
        writer=f"{_IO}:write_text",
        also_reads=(".text", ""),
    ),
    FileFormat("pdf", "PDF", (".pdf",), writer=f"{_IO}:write_pdf"),
)


_REPORTS = "postingstudio.docio.compare_report"

# A report writer: ``writer(comparison)`` returns the bytes or a function of a temporary path,
# as a posting writer does; :func:`.compare_report.write_comparison_report` writes it atomically.
REPORT_FORMATS: tuple[FileFormat, ...] = (
    FileFormat("html", "Web page", (".html", ".htm"), writer=f"{_REPORTS}:html_report"),
    FileFormat("pdf", "PDF", (".pdf",), writer=f"{_REPORTS}:pdf_report"),
)


def resolve(codec: Codec | None) -> Callable[..., Any]:
    """The function a row names: a callable as is, or ``"module:function"`` imported now."""
    if codec is None:  # a row without a reader (or writer) was asked for one
        raise LookupError("this format has no function for that direction")
    if callable(codec):
        return codec
    module, _, name = codec.partition(":")
    return getattr(importlib.import_module(module), name)


def formats_by_key() -> dict[str, FileFormat]:
    """The table keyed by format key (built on each call, so a patched table is seen)."""
    return {fmt.key: fmt for fmt in FORMATS}


@lru_cache(maxsize=64)
def suffix_of(name: str) -> str:
    """``Path(name).suffix.lower()``, made once per name: reading a file for ``check --format
    json`` asks three times (a Path each time was a tenth of reading a posting)."""
    return Path(name).suffix.lower()


def looks_like_html(name: str, text: str) -> bool:
    """Whether ``name`` reads as HTML: by its suffix, or without one when the text is a page."""
    suffix = suffix_of(name)
    if suffix:
        fmt = for_suffix(suffix, reading=True)
        return fmt is not None and fmt.key == "html"
    return text.lstrip()[:15].lower().startswith(("<!doctype html", "<html"))


def for_suffix(suffix: str, *, reading: bool = False) -> FileFormat | None:
    """The row that reads (``reading``) or exports a file with ``suffix``, if any."""
    suffix = suffix.lower()
    for fmt in FORMATS:
        if reading and fmt.can_read and (suffix in fmt.suffixes or suffix in fmt.also_reads):
            return fmt
        if not reading and fmt.can_export and suffix in export_suffixes_of(fmt):
            return fmt
    return None


def export_suffixes_of(fmt: FileFormat) -> tuple[str, ...]:
    """The suffixes ``fmt`` is exported to (.docm is written only as .docx: no macros)."""
    return tuple(s for s in fmt.suffixes if s != ".docm")


def read_suffixes() -> tuple[str, ...]:
    """Every suffix a posting can be opened from."""
    return tuple(s for f in FORMATS if f.can_read for s in f.suffixes)


def export_suffixes() -> tuple[str, ...]:
    """Every suffix a posting can be exported to."""
    return tuple(s for f in FORMATS if f.can_export for s in export_suffixes_of(f))


def open_filter() -> str:
    """The open dialog's filter: all readable suffixes, then all files."""
    patterns = " ".join(f"*{s}" for s in read_suffixes())
    return f"Postings ({patterns});;All files (*)"


def save_formats() -> tuple[tuple[str, str], ...]:
    """(extension, dialog label) for every exportable format; the first is the default."""
    return _save_filters(FORMATS)


def report_save_formats() -> tuple[tuple[str, str], ...]:
    """(extension, dialog label) for every comparison report format; the first is the default."""
    return _save_filters(REPORT_FORMATS)


def _save_filters(table: tuple[FileFormat, ...]) -> tuple[tuple[str, str], ...]:
    return tuple((f.key, f"{f.label} (*{f.suffixes[0]})") for f in table if f.can_export)


def report_format_for(suffix: str) -> FileFormat | None:
    """The report row that writes a file with ``suffix``, if any."""
    suffix = suffix.lower()
    return next((f for f in REPORT_FORMATS if f.can_export and suffix in f.suffixes), None)


def report_suffixes_text() -> str:
    """The report formats for a sentence: ``".html or .pdf"`` (each row's first suffix)."""
    names = [f.suffixes[0] for f in REPORT_FORMATS if f.can_export]
    return names[-1] if len(names) < 2 else f"{', '.join(names[:-1])} or {names[-1]}"
