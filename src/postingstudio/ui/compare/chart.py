"""A grouped bar chart of every posting's scores (overall and the four sub-scores), with QPainter.

:func:`chart_data` reads the numbers out of a comparison; :class:`ScoreChart` only draws them.
Each posting keeps one colour from the Okabe–Ito palette *and* one fill pattern (mine solid,
competitors hatched), each bar carries its number, and the legend repeats colour, pattern and
name, so the chart reads the same for colour-blind writers and in greyscale print.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontMetricsF,
    QPainter,
    QPaintEvent,
    QPen,
)
from PySide6.QtWidgets import QSizePolicy, QWidget

from postingstudio.core.compare import Comparison
from postingstudio.ui.common.theme import OKABE_ITO

SCORES = ("overall", "clarity", "vibrancy", "completeness", "inclusivity")
SCORE_LABELS = ("Overall", "Clarity", "Vibrancy", "Completeness", "Inclusivity")
SERIES_COLOURS = (
    OKABE_ITO["blue"],
    OKABE_ITO["orange"],
    OKABE_ITO["bluish_green"],
    OKABE_ITO["reddish_purple"],
    OKABE_ITO["sky_blue"],
    OKABE_ITO["vermillion"],
)
SERIES_PATTERNS = (
    Qt.BrushStyle.SolidPattern,
    Qt.BrushStyle.BDiagPattern,
    Qt.BrushStyle.FDiagPattern,
    Qt.BrushStyle.CrossPattern,
    Qt.BrushStyle.DiagCrossPattern,
    Qt.BrushStyle.HorPattern,
)


@dataclass(frozen=True)
class ChartData:
    """``values[p][s]``: posting ``p``'s score ``SCORES[s]`` (0–100); posting 0 is mine."""

    names: tuple[str, ...]
    values: tuple[tuple[int, ...], ...]


@dataclass(frozen=True)
class Caption:
    """A painted caption: what is shown, the full text, and the box it is drawn in."""

    shown: str
    full: str
    rect: QRectF
    metrics: QFontMetricsF

    @property
    def advance(self) -> float:
        return self.metrics.horizontalAdvance(self.shown)

    @property
    def room(self) -> float:
        return self.rect.width()


@dataclass(frozen=True)
class ChartLayout:
    """Where the chart paints at its current size: fonts, line height, the plot, the group
    names and the legend (swatch and caption per posting)."""

    font: QFont
    label_font: QFont
    line: float
    plot: QRectF
    groups: list[Caption]
    legend: list[tuple[QRectF, Caption]]


def chart_data(comparison: Comparison) -> ChartData:
    """Names and scores of every posting in ``comparison``, in the order the chart draws them."""
    names = tuple(p.name for p in comparison.postings)
    values = tuple(
        tuple(int(getattr(p.report.scores, key)) for key in SCORES) for p in comparison.postings
    )
    return ChartData(names, values)


class ScoreChart(QWidget):
    """Draws the grouped score bars of a :class:`ChartData`; holds no comparison logic."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("compareChart")
        self.data: ChartData | None = None
        self.setMinimumSize(QSize(320, 200))
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setAccessibleName(self.tr("Scores of all postings"))

    def set_data(self, data: ChartData | None) -> None:
        self.data = data
        if data is not None:
            lines = [
                f"{self.caption_for(series, name)}: "
                + ", ".join(f"{label} {v}" for label, v in zip(SCORE_LABELS, row, strict=True))
                for series, (name, row) in enumerate(zip(data.names, data.values, strict=True))
            ]
            self.setToolTip("\n".join(lines))
            self.setAccessibleDescription("; ".join(lines))
        self.update()

    def sizeHint(self) -> QSize:  # noqa: N802
        return QSize(460, 260)

    @staticmethod
    def brush(series: int) -> tuple[QColor, QBrush]:
        colour = QColor(SERIES_COLOURS[series % len(SERIES_COLOURS)])
        pattern = SERIES_PATTERNS[series % len(SERIES_PATTERNS)]
        return colour, QBrush(colour, pattern)

    def _bar(self, painter: QPainter, rect: QRectF, series: int) -> None:
        colour, brush = self.brush(series)
        faint = QColor(colour)
        faint.setAlpha(70)
        painter.fillRect(rect, faint)  # a light fill under the hatching, so thin bars still show
        painter.fillRect(rect, brush)
        painter.setPen(QPen(colour.darker(130), 1))
        painter.drawRect(rect)

    def caption_for(self, series: int, name: str) -> str:
        return self.tr("{0} (yours)").format(name) if series == 0 else f"[{series}] {name}"

    def _font(self, scale: float) -> QFont:
        font = QFont(self.font())
        font.setPointSizeF(max(7.0, font.pointSizeF() * scale))
        return font

    @staticmethod
    def _label_font(font: QFont, labels: list[str], room: float) -> tuple[QFont, float, bool]:
        """The group names' font, the room each has, and whether they alternate between two
        rows: a smaller font first (down to 7 pt), then two rows (each name gets two groups'
        width), then eliding."""
        smaller = QFont(font)
        while True:
            widest = max(QFontMetricsF(smaller).horizontalAdvance(t) for t in labels)
            if widest <= room:
                return smaller, room, False
            if smaller.pointSizeF() <= 7.0:
                break
            smaller.setPointSizeF(max(7.0, smaller.pointSizeF() - 0.5))
        return smaller, 2 * room, True

    def layout(self) -> ChartLayout | None:
        """Where everything goes at the current size; None with nothing to draw.

        Group names that do not fit their group get a smaller font or two rows, and are elided
        only when even that is too narrow; a legend name is elided in the middle but keeps its
        "(yours)" or "[n]", and the legend takes one column when two would cut names. The full
        names are in the tooltip."""
        if self.data is None or not self.data.values:
            return None
        font = self._font(0.85)
        metrics = QFontMetricsF(font)
        line = metrics.height()
        postings = len(self.data.values)
        labels = [self.tr(label) for label in SCORE_LABELS]
        captions = [self.caption_for(i, n) for i, n in enumerate(self.data.names)]
        widest = max(metrics.horizontalAdvance(c) for c in captions) + 34
        columns = 2 if self.width() >= 2 * widest or postings == 1 else 1
        columns = min(columns, postings)
        legend_rows = (postings + columns - 1) // columns
        legend_height = legend_rows * (line + 4) + 6
        left, right, top = 30.0, 8.0, line + 6.0
        group_width = max(10.0, self.width() - left - right) / len(SCORES)
        label_font, room, stagger = self._label_font(font, labels, group_width - 2)
        label_metrics = QFontMetricsF(label_font)
        rows = 2 if stagger else 1
        bottom = self.height() - legend_height - rows * line - 8.0
        plot = QRectF(left, top, max(10.0, self.width() - left - right), max(10.0, bottom - top))
        groups = []
        for i, text in enumerate(labels):
            centre = plot.left() + (i + 0.5) * group_width
            y = plot.bottom() + 2 + (line if stagger and i % 2 else 0)
            groups.append(
                Caption(
                    label_metrics.elidedText(text, Qt.TextElideMode.ElideRight, room),
                    text,
                    QRectF(centre - room / 2, y, room, line),
                    label_metrics,
                )
            )
        legend = []
        column_width = self.width() / columns
        y = plot.bottom() + rows * line + 8
        for series, (name, full) in enumerate(zip(self.data.names, captions, strict=True)):
            column, row = series % columns, series // columns
            x = 8 + column * column_width
            rect = QRectF(x + 24, y + row * (line + 4), column_width - 32, line)
            shown = full
            if metrics.horizontalAdvance(full) > rect.width():
                suffix = full[len(name) :] if series == 0 else ""
                prefix = "" if series == 0 else f"[{series}] "
                keep = rect.width() - metrics.horizontalAdvance(prefix + suffix)
                short = metrics.elidedText(name, Qt.TextElideMode.ElideMiddle, max(0.0, keep))
                shown = prefix + short + suffix
            legend.append(
                (QRectF(x, rect.top() + 2, 18, line - 2), Caption(shown, full, rect, metrics))
            )
        return ChartLayout(font, label_font, line, plot, groups, legend)

    def captions(self) -> list[Caption]:
        """Every caption the chart paints, with the room it has (for measuring)."""
        layout = self.layout()
        return [] if layout is None else layout.groups + [c for _s, c in layout.legend]

    def paintEvent(self, _event: QPaintEvent) -> None:  # noqa: N802
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        text = palette.windowText().color()
        painter.fillRect(self.rect(), palette.base())
        layout = self.layout()
        if layout is None or self.data is None:
            painter.setPen(text)
            painter.drawText(
                self.rect(), Qt.AlignmentFlag.AlignCenter, self.tr("Scores appear here.")
            )
            return
        painter.setFont(layout.font)
        line, plot = layout.line, layout.plot
        left = plot.left()

        # Axis and grid lines every 25 points.
        grid = QColor(text)
        grid.setAlpha(50)
        for tick in (0, 25, 50, 75, 100):
            y = plot.bottom() - plot.height() * tick / 100
            painter.setPen(QPen(grid, 1, Qt.PenStyle.DashLine if tick else Qt.PenStyle.SolidLine))
            painter.drawLine(plot.left(), y, plot.right(), y)
            painter.setPen(text)
            painter.drawText(
                QRectF(0, y - line / 2, left - 4, line),
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                str(tick),
            )

        postings = len(self.data.values)
        group_width = plot.width() / len(SCORES)
        bar_width = max(3.0, (group_width * 0.8) / postings)
        for group, caption in enumerate(layout.groups):
            x0 = plot.left() + group * group_width + group_width * 0.1
            painter.setFont(layout.font)
            for series, row in enumerate(self.data.values):
                value = max(0, min(100, row[group]))
                height = plot.height() * value / 100
                rect = QRectF(
                    x0 + series * bar_width, plot.bottom() - height, bar_width - 2, height
                )
                self._bar(painter, rect, series)
                painter.setPen(text)
                painter.drawText(
                    QRectF(rect.left() - 6, rect.top() - line, rect.width() + 12, line),
                    Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignBottom,
                    str(value),
                )
            painter.setPen(text)
            painter.setFont(layout.label_font)
            painter.drawText(caption.rect, Qt.AlignmentFlag.AlignCenter, caption.shown)

        # Legend: swatch (colour and pattern) and name.
        painter.setFont(layout.font)
        for series, (swatch, caption) in enumerate(layout.legend):
            self._bar(painter, swatch, series)
            painter.setPen(text)
            painter.drawText(
                caption.rect,
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                caption.shown,
            )
        painter.end()
