"""The section checklist (layout): each expected section as present, thin or missing, with why.

Each row has a drawn state mark (a tick, a half-filled circle, a cross: shape and colour), the
section's label and the detector's reason. A missing section has "Insert", which asks the window
to add the section's template at ``SectionResult.insert_at``; a thin one with something to add
has "Strengthen", which asks to add what it lacks (``SectionResult.additions``) at its end. A
present or thin one can be clicked to jump to it. Until section detection reports anything, the
panel says so.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFocusEvent, QKeyEvent, QMouseEvent, QPainter, QPen
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from postingstudio.core.report import SectionResult, SectionState
from postingstudio.ui.common.theme import OKABE_ITO

_STATE_COLOUR = {
    SectionState.PRESENT: OKABE_ITO["bluish_green"],
    SectionState.THIN: OKABE_ITO["orange"],
    SectionState.MISSING: OKABE_ITO["vermillion"],
}


class StateMark(QWidget):
    """A tick (present), a half-filled circle (thin) or a cross (missing)."""

    def __init__(self, state: SectionState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self.setFixedSize(QSize(18, 18))
        self.setAccessibleName(str(state))

    def paintEvent(self, _event: object) -> None:  # noqa: N802
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        colour = QColor(_STATE_COLOUR[self.state])
        painter.setPen(QPen(colour, 2.5))
        if self.state is SectionState.PRESENT:
            painter.drawPolyline([QPointF(3, 9), QPointF(7, 14), QPointF(15, 4)])
        elif self.state is SectionState.THIN:
            painter.drawEllipse(QRectF(2, 2, 14, 14))
            painter.setBrush(colour)
            painter.drawPie(QRectF(2, 2, 14, 14), 90 * 16, 180 * 16)
        else:
            painter.drawLine(QPointF(4, 4), QPointF(14, 14))
            painter.drawLine(QPointF(14, 4), QPointF(4, 14))


class SectionRow(QFrame):
    """One checklist line; clicking it asks to show the section."""

    clicked = Signal(str)

    def __init__(self, section: SectionResult, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.section = section
        self.setObjectName(f"section_{section.id}")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.addWidget(StateMark(section.state, self), 0, Qt.AlignmentFlag.AlignTop)
        texts = QVBoxLayout()
        state_words = {
            SectionState.PRESENT: self.tr("present"),
            SectionState.THIN: self.tr("thin"),
            SectionState.MISSING: self.tr("missing"),
        }
        title = QLabel(f"<b>{section.label}</b> — {state_words[section.state]}", self)
        reason = QLabel(section.reason, self)
        reason.setWordWrap(True)
        reason.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.MinimumExpanding)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        texts.addWidget(title)
        texts.addWidget(reason)
        layout.addLayout(texts, 1)
        self.insert_button: QPushButton | None = None
        if section.state is SectionState.MISSING:
            self.insert_button = QPushButton(self.tr("Insert"), self)
            self.insert_button.setObjectName(f"insert_{section.id}")
            self.insert_button.setToolTip(
                self.tr("Add a {0} section with placeholders").format(section.label)
            )
            layout.addWidget(self.insert_button, 0, Qt.AlignmentFlag.AlignTop)
        self.strengthen_button: QPushButton | None = None
        if section.state is SectionState.THIN and section.additions:
            self.strengthen_button = QPushButton(self.tr("Strengthen"), self)
            self.strengthen_button.setObjectName(f"strengthen_{section.id}")
            self.strengthen_button.setToolTip(
                self.tr("Add what {0} lacks, with placeholders for your words:\n{1}").format(
                    section.label, section.additions
                )
            )
            self.strengthen_button.setAccessibleName(
                self.tr("Strengthen {0}").format(section.label)
            )
            layout.addWidget(self.strengthen_button, 0, Qt.AlignmentFlag.AlignTop)
        # Reachable from the keyboard (F6, then Tab): Enter inserts, strengthens or shows it.
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAccessibleName(f"{section.label}: {state_words[section.state]}")
        self.setAccessibleDescription(section.reason)

    def focusInEvent(self, event: QFocusEvent) -> None:  # noqa: N802
        self.setFrameShape(QFrame.Shape.Box)  # where the keyboard is, drawn
        super().focusInEvent(event)

    def focusOutEvent(self, event: QFocusEvent) -> None:  # noqa: N802
        self.setFrameShape(QFrame.Shape.NoFrame)
        super().focusOutEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space):
            button = self.insert_button or self.strengthen_button
            if button is not None:
                button.click()
            else:
                self.clicked.emit(self.section.id)
            return
        super().keyPressEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        if event.button() == Qt.MouseButton.LeftButton:
            self.clicked.emit(self.section.id)
        super().mouseReleaseEvent(event)


class ChecklistPanel(QWidget):
    """The section checklist: one row per section with its state; rows
    ask to insert a missing section."""

    insertRequested = Signal(str)  # section id
    strengthenRequested = Signal(str)  # section id
    sectionActivated = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("checklistPanel")
        self.rows: dict[str, SectionRow] = {}
        self._signature: list[tuple[object, ...]] = []
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        self.summary = QLabel(self)
        self.summary.setContentsMargins(6, 6, 6, 0)
        outer.addWidget(self.summary)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        self._body = QWidget(scroll)
        self._list = QVBoxLayout(self._body)
        self._list.setContentsMargins(6, 6, 6, 6)
        # Word-wrapped reasons need their full height; never squeeze rows into the viewport.
        self._list.setSizeConstraint(QVBoxLayout.SizeConstraint.SetMinAndMaxSize)
        self._list.addStretch(1)
        scroll.setWidget(self._body)
        outer.addWidget(scroll, 1)
        self.set_sections(())

    def set_sections(self, sections: Sequence[SectionResult]) -> None:
        signature = [(s.id, s.label, s.state, s.reason, s.additions) for s in sections]
        if signature == self._signature and self.rows:
            for section in sections:  # same checklist; keep rows, refresh their offsets
                self.rows[section.id].section = section
            return
        self._signature = signature
        for row in self.rows.values():
            self._list.removeWidget(row)
            row.deleteLater()
        self.rows = {}
        if not sections:
            self.summary.setText(
                self.tr("The section checklist appears once sections are detected.")
            )
            return
        counts = {state: sum(1 for s in sections if s.state is state) for state in SectionState}
        self.summary.setText(
            self.tr("{0} present · {1} thin · {2} missing").format(
                counts[SectionState.PRESENT],
                counts[SectionState.THIN],
                counts[SectionState.MISSING],
            )
        )
        for position, section in enumerate(sections):
            row = SectionRow(section, self._body)
            row.clicked.connect(self.sectionActivated)
            if row.insert_button is not None:
                row.insert_button.clicked.connect(
                    lambda _=False, sid=section.id: self.insertRequested.emit(sid)
                )
            if row.strengthen_button is not None:
                row.strengthen_button.clicked.connect(
                    lambda _=False, sid=section.id: self.strengthenRequested.emit(sid)
                )
            self._list.insertWidget(position, row)
            self.rows[section.id] = row

    def first_row(self) -> QWidget | None:
        """Where the keyboard lands when it moves to this panel."""
        return next(iter(self.rows.values()), None)
