"""A warning after Save and Export when ``<placeholders>`` are left in the posting.

Placeholders from inserted templates or fixes are printed as they are in the saved file, the
HTML and the PDF; the writer is told how many are left and which, and can still go on (the
file is written either way, as they asked).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Signal

from postingstudio.core.fixes import find_placeholders


def placeholder_warning(text: str) -> str | None:
    """The warning for ``text``, or None when no placeholder is left."""
    spans = find_placeholders(text)
    if not spans:
        return None
    examples = ", ".join(dict.fromkeys(text[s:e] for s, e in spans[:3]))
    return f"{len(spans)} unfilled placeholder(s) left in the file: {examples}"


class PlaceholderWarning(QObject):
    """Listens to a file controller's ``saved``/``exported`` signals."""

    statusMessage = Signal(str)

    def __init__(self, files: QObject, text: Callable[[], str]) -> None:
        super().__init__(files)
        self._text = text
        self.last: str | None = None
        files.saved.connect(self.check)  # type: ignore[attr-defined]
        files.exported.connect(self.check)  # type: ignore[attr-defined]

    def check(self, _path: str = "") -> None:
        self.last = placeholder_warning(self._text())
        if self.last:
            self.statusMessage.emit(self.tr("Warning: {0}").format(self.last))
