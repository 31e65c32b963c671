"""Documents on disk: read .docx/.docm/.txt/.md/.html into a Posting, and export one back out.

The public surface is small: :func:`load_posting`, :func:`save_posting` and the
:class:`DocumentError` family. Nothing here imports Qt.
"""

from __future__ import annotations

from .errors import (
    CorruptArchiveError,
    CorruptDocumentError,
    DocumentError,
    EncryptedError,
    ExportError,
    FileUnreadableError,
    LegacyDocError,
    NotADocxError,
    TargetExistsError,
    TooLargeError,
    UnsafeXmlError,
    UnsupportedFormatError,
    ZipBombError,
)
from .export import EXPORT_FORMATS, save_posting
from .load import READ_FORMATS, load_posting

__all__ = [
    "EXPORT_FORMATS",
    "READ_FORMATS",
    "CorruptArchiveError",
    "CorruptDocumentError",
    "DocumentError",
    "EncryptedError",
    "ExportError",
    "FileUnreadableError",
    "LegacyDocError",
    "NotADocxError",
    "TargetExistsError",
    "TooLargeError",
    "UnsafeXmlError",
    "UnsupportedFormatError",
    "ZipBombError",
    "load_posting",
    "save_posting",
]
