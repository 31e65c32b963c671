"""Documents on disk: read .docx/.docm/.txt/.md/.html into a Posting, and export one back out.

The public surface is small: :func:`load_posting`, :func:`save_posting` and the
:class:`DocumentError` family. Nothing here imports Qt. The readers and writers are imported
when first named: ``check`` of a .txt needs neither the exporters nor lxml (~15 ms of its start).
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

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

if TYPE_CHECKING:
    from .export import EXPORT_FORMATS, save_posting
    from .load import READ_FORMATS, load_posting

_LAZY = {
    "EXPORT_FORMATS": "export",
    "save_posting": "export",
    "READ_FORMATS": "load",
    "load_posting": "load",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{module}"), name)
    globals()[name] = value
    return value


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
