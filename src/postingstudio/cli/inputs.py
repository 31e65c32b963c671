"""Reading a posting file for the CLI, turning every failure into one line a person understands.

Plain text and Markdown are read here without importing python-docx, so ``check`` on .txt
files stays light; Word and HTML files go through the ``docio`` readers.
"""

from __future__ import annotations

from pathlib import Path

from postingstudio.core.model import Posting
from postingstudio.core.plaintext import parse_text

TEXT_SUFFIXES = {".txt": False, ".text": False, ".md": True, ".markdown": True}
MAX_TEXT_BYTES = 20 * 1024 * 1024


class InputError(Exception):
    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def decode_text(data: bytes) -> str:
    if b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InputError("this is a binary file, not text")
    for encoding in ("utf-8-sig", "utf-16"):
        if encoding == "utf-16" and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
            continue
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("cp1252", errors="replace")


def read_posting(path: Path) -> Posting:
    """A Posting from a .txt/.md/.docx/.html file, or :class:`InputError` with the reason."""
    if not path.exists():
        raise InputError("no such file")
    if path.is_dir():
        raise InputError("is a folder, not a file")
    suffix = path.suffix.lower()
    if suffix in TEXT_SUFFIXES:
        try:
            size = path.stat().st_size
            if size > MAX_TEXT_BYTES:
                raise InputError(f"too large ({size // 1_048_576} MB; the limit is 20 MB)")
            data = path.read_bytes()
        except PermissionError:
            raise InputError("permission denied") from None
        except OSError as error:
            raise InputError(f"cannot be read ({error.strerror or error})") from None
        return parse_text(decode_text(data), markdown=TEXT_SUFFIXES[suffix], source_path=str(path))
    try:
        from postingstudio.docio import DocumentError, load_posting
    except ImportError:  # pragma: no cover - docio ships with the package
        raise InputError(f"unsupported file type '{suffix or path.name}'") from None
    try:
        return load_posting(path)
    except DocumentError as error:
        raise InputError(getattr(error, "reason", str(error))) from None
    except PermissionError:
        raise InputError("permission denied") from None
    except OSError as error:
        raise InputError(f"cannot be read ({error.strerror or error})") from None
