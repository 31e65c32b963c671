"""Documents on disk: read .docx/.docm/.txt/.md/.html into a Posting, and export one back out.

The public surface is small: :func:`load_posting`, :func:`save_posting` and the
:class:`DocumentError` family. Nothing here imports Qt.
"""

from __future__ import annotations

from .errors import (
    CorruptArchive,
    CorruptDocument,
    DocumentError,
    Encrypted,
    ExportError,
    FileUnreadable,
    LegacyDoc,
    NotADocx,
    TargetExists,
    TooLarge,
    UnsafeXml,
    UnsupportedFormat,
    ZipBomb,
)
from .export import EXPORT_FORMATS, save_posting
from .load import READ_FORMATS, load_posting

__all__ = [
    "EXPORT_FORMATS",
    "READ_FORMATS",
    "CorruptArchive",
    "CorruptDocument",
    "DocumentError",
    "Encrypted",
    "ExportError",
    "FileUnreadable",
    "LegacyDoc",
    "NotADocx",
    "TargetExists",
    "TooLarge",
    "UnsafeXml",
    "UnsupportedFormat",
    "ZipBomb",
    "load_posting",
    "save_posting",
]
