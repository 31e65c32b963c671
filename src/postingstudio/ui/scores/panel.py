"""The score panel (layout): the overall gauge, sub-score bars and the measures behind them.

Reading grade is drawn against its target band, word count against the length profile's band,
bullet share against its band and "you" against "we" as a split bar. The numbers come from the
report's ``scores`` and ``metrics``; this panel only arranges the painted widgets in
:mod:`gauges` and words their captions.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import QLabel, QStyle, QStyleOptionFocusRect, QVBoxLayout, QWidget

from postingstudio.core.report import Report
from postingstudio.ui.scores.gauges import BandBar, RatioBar, ScoreBar, ScoreGauge

# Bullet share band when the rule book has none (Textio: about a third of the text).
DEFAULT_BULLET_BAND = (0.15, 0.65)


class ScorePanel(QWidget):
    """The scores dock: the overall gauge, the sub-score bars and the measures behind them."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("scorePanel")
        # F6 reaches the scores; a screen reader reads each gauge's accessible name.
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAccessibleName(self.tr("Scores"))
        self.bullet_band = DEFAULT_BULLET_BAND
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        self.gauge = ScoreGauge(self)
        layout.addWidget(self.gauge)
        self.bars = {
            "clarity": ScoreBar(self.tr("Clarity"), self),
            "vibrancy": ScoreBar(self.tr("Vibrancy"), self),
            "completeness": ScoreBar(self.tr("Completeness"), self),
            "inclusivity": ScoreBar(self.tr("Inclusivity"), self),
        }
        for bar in self.bars.values():
            layout.addWidget(bar)
        self.grade = BandBar(self.tr("Reading grade"), self)
        self.words = BandBar(self.tr("Words"), self)
        self.bullets = BandBar(self.tr("Bullets"), self)
        self.voice = RatioBar(self.tr("You / we"), self)
        for widget in (self.grade, self.words, self.bullets, self.voice):
            layout.addWidget(widget)
        self.note = QLabel(self)
        self.note.setWordWrap(True)
        layout.addWidget(self.note)
        layout.addStretch(1)
        self.gauge.set_value(None, self.tr("Overall"))

    def paintEvent(self, event: object) -> None:  # noqa: N802
        super().paintEvent(event)  # type: ignore[arg-type]
        if self.hasFocus():
            option = QStyleOptionFocusRect()
            option.initFrom(self)
            option.rect = self.rect().adjusted(1, 1, -1, -1)
            painter = QPainter(self)
            self.style().drawPrimitive(QStyle.PrimitiveElement.PE_FrameFocusRect, option, painter)

    def focusInEvent(self, event: object) -> None:  # noqa: N802
        super().focusInEvent(event)  # type: ignore[arg-type]
        self.update()

    def focusOutEvent(self, event: object) -> None:  # noqa: N802
        super().focusOutEvent(event)  # type: ignore[arg-type]
        self.update()

    def set_bullet_band(self, profiles: Mapping[str, Any]) -> None:
        bullets = profiles.get("bullets", {})
        self.bullet_band = (
            float(bullets.get("low", DEFAULT_BULLET_BAND[0])),
            float(bullets.get("high", DEFAULT_BULLET_BAND[1])),
        )

    def set_report(self, report: Report) -> None:
        scores, metrics = report.scores, report.metrics
        self.gauge.set_value(scores.overall if scores.scored else None, self.tr("Overall"))
        for name, bar in self.bars.items():
            bar.set_value(int(getattr(scores, name)) if scores.scored else None)

        grade = float(metrics.get("reading_grade", 0.0))
        target = float(metrics.get("target_grade", 9.0))
        verdict = self.tr("on target") if grade <= target else self.tr("above target")
        self.grade.set_values(
            grade,
            (0.0, target),
            (0.0, max(18.0, grade + 1)),
            self.tr("{0:.1f} (target ≤ {1:g}, {2})").format(grade, target, verdict),
        )

        words = int(metrics.get("words", 0))
        low, high = (list(metrics.get("length_band", [300, 700])) + [300, 700])[:2]
        if words < low:
            verdict = self.tr("too short")
        elif words > high:
            verdict = self.tr("too long")
        else:
            verdict = self.tr("in range")
        self.words.set_values(
            words,
            (float(low), float(high)),
            (0.0, max(high * 1.4, words * 1.1)),
            self.tr("{0} (aim {1}–{2}, {3})").format(words, low, high, verdict),
        )

        share = float(metrics.get("bullet_share", 0.0))
        low_b, high_b = self.bullet_band
        verdict = self.tr("in range") if low_b <= share <= high_b else self.tr("off range")
        self.bullets.set_values(
            share,
            self.bullet_band,
            (0.0, 1.0),
            self.tr("{0:.0%} (aim {1:.0%}–{2:.0%}, {3})").format(share, low_b, high_b, verdict),
        )

        you, we = int(metrics.get("you_count", 0)), int(metrics.get("we_count", 0))
        lean = self.tr("speaks to the reader") if you >= we else self.tr("talks about the company")
        self.voice.set_parts((self.tr("you"), you), (self.tr("we"), we), lean)
        profile = metrics.get("length_profile", "")
        self.note.setText(self.tr("Length profile: {0}").format(profile) if profile else "")
        if not scores.scored:
            self.note.setText(str(metrics.get("empty_state", "")))
