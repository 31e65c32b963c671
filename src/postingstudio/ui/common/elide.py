"""Labels that do not fit are elided at a word boundary, with the full text in a tooltip.

``QFontMetrics.elidedText(..., ElideRight, width)`` finds how much fits; the cut then backs off to
the last whole word, so a fix never reads "projects such as <e.g. the off…". Only a single word
wider than the space is cut inside itself (there is no other way to show part of it).
:class:`ElidedButton` re-elides whenever its width changes.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QFontMetrics, QResizeEvent
from PySide6.QtWidgets import QPushButton, QStyle, QStyleOptionButton, QWidget

ELLIPSIS = "…"


def elide_words(metrics: QFontMetrics, text: str, width: int) -> str:
    """``text`` if it fits in ``width`` pixels, else its longest run of whole words plus "…"."""
    text = " ".join(text.split())
    if metrics.horizontalAdvance(text) <= width:
        return text
    fitted = metrics.elidedText(text, Qt.TextElideMode.ElideRight, width)
    kept = fitted[:-1] if fitted.endswith(ELLIPSIS) else fitted
    if len(kept) < len(text) and text[len(kept) : len(kept) + 1] not in (" ", ""):
        boundary = kept.rstrip().rfind(" ")
        if boundary > 0:
            kept = kept[:boundary]
    kept = kept.rstrip(" ,;:–—-(“\"'")
    return (kept or fitted.rstrip(ELLIPSIS)) + ELLIPSIS


def shorten_words(text: str, limit: int) -> str:
    """``text`` (spaces collapsed) if it has at most ``limit`` characters, else its longest run
    of whole words within ``limit`` plus "…" (for text shown where no font is measured, such as
    a quote inside a list row)."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    kept = text[: limit - 1]
    if text[limit - 1] != " " and " " in kept:
        kept = kept[: kept.rfind(" ")]
    return kept.rstrip(" ,;:–—-(“\"'") + ELLIPSIS


class ElidedButton(QPushButton):
    """A push button whose label is elided at a word to fit (at most ``max_chars`` average
    characters wide), with the full label as its tooltip when it is elided."""

    def __init__(
        self, text: str, parent: QWidget | None = None, *, max_chars: int = 32, tooltip: str = ""
    ) -> None:
        super().__init__(parent)
        self.full_text = " ".join(text.split())
        self._max_chars = max_chars
        self._tooltip = tooltip
        self._refit(self._text_budget(self._preferred_width()))

    def _padding(self) -> int:
        option = QStyleOptionButton()
        self.initStyleOption(option)
        empty = self.style().sizeFromContents(
            QStyle.ContentsType.CT_PushButton, option, QSize(0, 0), self
        )
        return empty.width() + 4

    def _preferred_width(self) -> int:
        metrics = self.fontMetrics()
        cap = metrics.averageCharWidth() * self._max_chars
        return min(metrics.horizontalAdvance(self.full_text), cap) + self._padding()

    def _text_budget(self, width: int) -> int:
        return max(0, width - self._padding())

    def _refit(self, budget: int) -> None:
        shown = elide_words(self.fontMetrics(), self.full_text, budget)
        if shown != self.text():
            self.setText(shown)
        elided = shown != self.full_text
        self.setToolTip(self._tooltip or (self.full_text if elided else ""))

    def sizeHint(self) -> QSize:  # noqa: N802
        hint = super().sizeHint()
        return QSize(self._preferred_width(), hint.height())

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        hint = super().minimumSizeHint()
        metrics = self.fontMetrics()
        return QSize(metrics.horizontalAdvance("M" + ELLIPSIS) + self._padding(), hint.height())

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        super().resizeEvent(event)
        self._refit(self._text_budget(event.size().width()))
