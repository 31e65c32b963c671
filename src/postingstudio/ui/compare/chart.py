"""A grouped bar chart of every posting's scores (overall and the four sub-scores), with QPainter.

:func:`chart_data` reads the numbers out of a comparison; :class:`ScoreChart` only draws them.
Each posting keeps one colour from the Okabe–Ito palette *and* one fill pattern (mine solid,
competitors hatched), each bar carries its number, and the legend repeats colour, pattern and
name, so the chart reads the same for colour-blind writers and in greyscale print.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QPainter, QPaintEvent, QPen
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
                f"{name}: "
                + ", ".join(f"{label} {v}" for label, v in zip(SCORE_LABELS, row, strict=True))
                for name, row in zip(data.names, data.values, strict=True)
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

    def paintEvent(self, _event: QPaintEvent) -> None:  # noqa: N802
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        text = palette.windowText().color()
        painter.fillRect(self.rect(), palette.base())
        if self.data is None or not self.data.values:
            painter.setPen(text)
            painter.drawText(
                self.rect(), Qt.AlignmentFlag.AlignCenter, self.tr("Scores appear here.")
            )
            return
        font = QFont(self.font())
        font.setPointSizeF(max(7.0, font.pointSizeF() * 0.85))
        painter.setFont(font)
        metrics = painter.fontMetrics()
        line = metrics.height()
        postings = len(self.data.values)
        legend_rows = (postings + 1) // 2
        legend_height = legend_rows * (line + 4) + 6
        left, right, top = 30.0, 8.0, line + 6.0
        bottom = self.height() - legend_height - line - 8.0
        plot = QRectF(left, top, max(10.0, self.width() - left - right), max(10.0, bottom - top))

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

        groups = len(SCORES)
        group_width = plot.width() / groups
        bar_width = max(3.0, (group_width * 0.8) / postings)
        for group, label in enumerate(SCORE_LABELS):
            x0 = plot.left() + group * group_width + group_width * 0.1
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
            painter.drawText(
                QRectF(plot.left() + group * group_width, plot.bottom() + 2, group_width, line),
                Qt.AlignmentFlag.AlignCenter,
                self.tr(label),
            )

        # Legend: swatch (colour and pattern) and name, two per row.
        y = plot.bottom() + line + 8
        column_width = self.width() / 2
        for series, name in enumerate(self.data.names):
            column, row = series % 2, series // 2
            x = 8 + column * column_width
            swatch = QRectF(x, y + row * (line + 4) + 2, 18, line - 2)
            self._bar(painter, swatch, series)
            painter.setPen(text)
            caption = self.tr("{0} (yours)").format(name) if series == 0 else f"[{series}] {name}"
            caption = metrics.elidedText(
                caption, Qt.TextElideMode.ElideMiddle, int(column_width - 34)
            )
            painter.drawText(
                QRectF(x + 24, y + row * (line + 4), column_width - 30, line),
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                caption,
            )
        painter.end()
