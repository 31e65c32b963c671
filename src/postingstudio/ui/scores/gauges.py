"""Painted measures (behaviour-free drawing): a score gauge, score bars, band bars and a ratio bar.

Each widget is told its numbers and paints them with ``QPainter``; none of them knows about
reports. Good/bad is never told by colour alone: a band bar draws the target band as a shaded
region with the value as a marker (a filled circle inside the band, a hollow diamond outside)
and prints the verdict; a score carries its number.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPainterPath, QPen, QPolygonF
from PySide6.QtWidgets import QSizePolicy, QWidget

from postingstudio.ui.common.theme import OKABE_ITO


def score_colour(score: float) -> QColor:
    """A gauge's colour for ``score`` (0–100): vermillion below 50, orange below 75, else green."""
    if score < 50:
        return QColor(OKABE_ITO["vermillion"])
    if score < 75:
        return QColor(OKABE_ITO["orange"])
    return QColor(OKABE_ITO["bluish_green"])


class _Painted(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def _text_colour(self) -> QColor:
        return self.palette().color(self.foregroundRole())

    def _track_colour(self) -> QColor:
        colour = self.palette().color(self.foregroundRole())
        colour.setAlpha(40)
        return colour


class ScoreGauge(_Painted):
    """A half-circle gauge 0–100 with the number in the middle."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.value: int | None = None
        self.caption = ""
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)

    def sizeHint(self) -> QSize:  # noqa: N802
        return QSize(200, 120)

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        return QSize(140, 90)

    def set_value(self, value: int | None, caption: str = "") -> None:
        self.value, self.caption = value, caption
        self.setAccessibleName(f"{caption} {value}")
        self.update()

    def paintEvent(self, _event: object) -> None:  # noqa: N802
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        side = min(self.width() - 16, (self.height() - 12) * 2)
        thickness = max(8.0, side / 10)
        rect = QRectF((self.width() - side) / 2, 8, side, side)
        rect.adjust(thickness / 2, thickness / 2, -thickness / 2, -thickness / 2)
        pen = QPen(self._track_colour(), thickness, Qt.PenStyle.SolidLine, Qt.PenCapStyle.FlatCap)
        painter.setPen(pen)
        painter.drawArc(rect, 0, 180 * 16)
        if self.value is not None:
            pen.setColor(score_colour(self.value))
            painter.setPen(pen)
            span = int(180 * 16 * max(0, min(100, self.value)) / 100)
            painter.drawArc(rect, 180 * 16, -span)
        painter.setPen(self._text_colour())
        font = QFont(self.font())
        font.setPointSizeF(max(10.0, side / 7))
        font.setBold(True)
        painter.setFont(font)
        centre = QRectF(rect.left(), rect.center().y() - side / 4, rect.width(), side / 4)
        painter.drawText(
            centre, Qt.AlignmentFlag.AlignCenter, "–" if self.value is None else str(self.value)
        )
        font.setPointSizeF(max(8.0, side / 16))
        font.setBold(False)
        painter.setFont(font)
        below = QRectF(rect.left(), rect.center().y(), rect.width(), side / 8 + 4)
        painter.drawText(below, Qt.AlignmentFlag.AlignCenter, self.caption)


class ScoreBar(_Painted):
    """A label, a 0–100 bar and the number."""

    def __init__(self, label: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.label, self.value = label, None
        self.setFixedHeight(22)

    def set_value(self, value: int | None) -> None:
        self.value = value
        self.setAccessibleName(f"{self.label} {value}")
        self.update()

    def paintEvent(self, _event: object) -> None:  # noqa: N802
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        label_width = min(110, self.width() // 3)
        painter.setPen(self._text_colour())
        painter.drawText(
            QRectF(0, 0, label_width, self.height()), Qt.AlignmentFlag.AlignVCenter, self.label
        )
        bar = QRectF(label_width, 5, max(10, self.width() - label_width - 36), self.height() - 10)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(self._track_colour())
        painter.drawRoundedRect(bar, 3, 3)
        if self.value is not None:
            filled = QRectF(bar)
            filled.setWidth(bar.width() * max(0, min(100, self.value)) / 100)
            painter.setBrush(score_colour(self.value))
            painter.drawRoundedRect(filled, 3, 3)
        painter.setPen(self._text_colour())
        number = "–" if self.value is None else str(self.value)
        painter.drawText(
            QRectF(bar.right() + 4, 0, 32, self.height()),
            Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignRight,
            number,
        )


class BandBar(_Painted):
    """A scale with a target band shaded and the value marked; the caption says the verdict."""

    def __init__(self, label: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.label = label
        self.value: float | None = None
        self.band = (0.0, 1.0)
        self.scale = (0.0, 1.0)
        self.text = ""
        self.setFixedHeight(44)

    def set_values(
        self, value: float | None, band: tuple[float, float], scale: tuple[float, float], text: str
    ) -> None:
        self.value, self.band, self.scale, self.text = value, band, scale, text
        self.setAccessibleName(f"{self.label}: {text}")
        self.update()

    def inside(self) -> bool:
        return self.value is not None and self.band[0] <= self.value <= self.band[1]

    def _x(self, value: float, left: float, width: float) -> float:
        low, high = self.scale
        share = (value - low) / (high - low) if high > low else 0
        return left + width * max(0.0, min(1.0, share))

    def paintEvent(self, _event: object) -> None:  # noqa: N802
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(self._text_colour())
        painter.drawText(
            QRectF(0, 0, self.width(), 18),
            Qt.AlignmentFlag.AlignVCenter,
            f"{self.label}: {self.text}",
        )
        left, width = 6.0, self.width() - 12.0
        track = QRectF(left, 26, width, 8)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(self._track_colour())
        painter.drawRoundedRect(track, 3, 3)
        band = QColor(OKABE_ITO["bluish_green"])
        band.setAlpha(110)
        painter.setBrush(band)
        x1, x2 = self._x(self.band[0], left, width), self._x(self.band[1], left, width)
        painter.drawRect(QRectF(x1, 24, max(2.0, x2 - x1), 12))
        if self.value is None:
            return
        x = self._x(self.value, left, width)
        centre = QPointF(x, 30)
        if self.inside():
            painter.setBrush(self._text_colour())
            painter.drawEllipse(centre, 6, 6)
        else:
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.setPen(QPen(QColor(OKABE_ITO["vermillion"]), 2.5))
            diamond = QPolygonF(
                [QPointF(x, 23), QPointF(x + 7, 30), QPointF(x, 37), QPointF(x - 7, 30)]
            )
            painter.drawPolygon(diamond)


class RatioBar(_Painted):
    """Two counts as one split bar ("you" against "we"), each part labelled with its count."""

    def __init__(self, label: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.label = label
        self.parts: tuple[tuple[str, int], tuple[str, int]] = (("", 0), ("", 0))
        self.text = ""
        self.setFixedHeight(44)

    def set_parts(self, left: tuple[str, int], right: tuple[str, int], text: str) -> None:
        self.parts, self.text = (left, right), text
        self.setAccessibleName(f"{self.label}: {text}")
        self.update()

    def paintEvent(self, _event: object) -> None:  # noqa: N802
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(self._text_colour())
        painter.drawText(
            QRectF(0, 0, self.width(), 18),
            Qt.AlignmentFlag.AlignVCenter,
            f"{self.label}: {self.text}",
        )
        (left_name, left_count), (right_name, right_count) = self.parts
        total = left_count + right_count
        bar = QRectF(6, 22, self.width() - 12, 18)
        path = QPainterPath()
        path.addRoundedRect(bar, 4, 4)
        painter.setClipPath(path)
        painter.fillRect(bar, self._track_colour())
        if total:
            split = bar.left() + bar.width() * left_count / total
            painter.fillRect(
                QRectF(bar.left(), bar.top(), split - bar.left(), bar.height()),
                QColor(OKABE_ITO["bluish_green"]),
            )
            # The "we" side is hatched as well as coloured, so the split reads without colour.
            painter.fillRect(
                QRectF(split, bar.top(), bar.right() - split, bar.height()),
                QColor(OKABE_ITO["sky_blue"]),
            )
            painter.fillRect(
                QRectF(split, bar.top(), bar.right() - split, bar.height()),
                Qt.BrushStyle.BDiagPattern,
            )
        painter.setClipping(False)
        painter.setPen(QColor("#000000"))
        painter.drawText(
            bar.adjusted(6, 0, -6, 0),
            Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft,
            f"{left_name} {left_count}",
        )
        painter.drawText(
            bar.adjusted(6, 0, -6, 0),
            Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignRight,
            f"{right_name} {right_count}",
        )
