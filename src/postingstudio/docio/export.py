"""Export a :class:`Posting` by file extension: ``save_posting(posting, "out.html")``.

One entry point for the UI and the CLI. Every format is produced in memory (or into a temporary
file) first and then written atomically, so a failed export never damages an existing file, and
an existing file (above all the source document) is only replaced with ``overwrite=True``.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import TYPE_CHECKING

from postingstudio.core.model import Posting

from . import formats
from .atomic import check_target, write_atomic
from .errors import DocumentError, ExportError, UnsupportedFormatError

if TYPE_CHECKING:
    from .source import SourceDocument

log = logging.getLogger(__name__)

EXPORT_FORMATS = formats.export_suffixes()


def save_posting(
    posting: Posting,
    out_path: str | os.PathLike[str],
    *,
    template: str | os.PathLike[str] | None = None,
    overwrite: bool = False,
    source: SourceDocument | None = None,
) -> None:
    """Write ``posting`` to ``out_path`` in the format its extension names.

    ``.docx`` is written into a copy of ``template`` if given, else of the posting's source .docx,
    else of the shipped template. ``source`` is the source .docx as it was opened (kept by the
    editing session): a .docx is then written into *that* package by block identity, so every
    paragraph the writer did not touch comes back as it was. Raises :class:`DocumentError`
    subclasses (never a bare ``OSError``): :class:`TargetExistsError` when the file exists and
    ``overwrite`` is false.
    """
    target = os.fspath(out_path)
    extension = Path(target).suffix.lower()
    fmt = formats.for_suffix(extension)
    if fmt is None:
        suffixes = formats.export_suffixes()
        raise UnsupportedFormatError(
            target,
            f"Posting Studio exports {', '.join(suffixes)}, "
            f"not {extension or 'files without an extension'}",
        )
    check_target(target, overwrite=overwrite, source=posting.source_path)
    if template is not None and fmt.key not in ("docx", "pdf"):
        log.info("template %s ignored for %s export", template, extension)
    try:
        assert fmt.writer is not None  # for_suffix returns exportable rows only
        produced = formats.resolve(fmt.writer)(posting, template=template, source=source)
        write_atomic(target, produced)
    except DocumentError:
        raise
    except MemoryError:
        raise ExportError(
            target, "the posting is too large to export in the memory available"
        ) from None
    except (ValueError, RecursionError) as error:
        log.exception("export to %s failed", target)
        raise ExportError(target, f"the export could not be produced ({error})") from None
