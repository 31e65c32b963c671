"""The Outreach window: a channel chooser, the draft (subject and body, editable), its checks
and live counters, and copy/export buttons. Every edit is measured and checked again at once
(``core.outreach.recheck``: a few milliseconds), so the counters follow the typing."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from postingstudio.core.outreach import DraftOptions, Message, OutreachDrafts, OutreachKit, recheck
from postingstudio.core.rules.rulebook import RuleBook

from .export import ExportActions, Questions

Drafter = Callable[[DraftOptions], OutreachDrafts]


def message_label(message: Message) -> str:
    """A draft's name in the list: its channel, and step and day for a follow-up."""
    label = message.channel.replace("_", " ")
    if message.step is not None:
        label += f" {message.step} (day {message.day})"
    return label


def counter_text(message: Message) -> str:
    """Counters for the status line, like "203/306 characters · 2 SMS segments (GSM-7)"."""
    parts = []
    if message.limit is not None:
        parts.append(f"{message.length:g}/{message.limit:g} {message.unit}")
    else:
        parts.append(f"{message.length:g} {message.unit}")
    if message.sms is not None:
        parts.append(f"{message.sms.segments} SMS segment(s), {message.sms.encoding}")
        if message.sms.forcing_ucs2:
            parts.append("UCS-2 forced by " + " ".join(message.sms.forcing_ucs2))
    if message.subject is not None:
        measured = message.measured_subject or message.subject
        parts.append(f"subject {len(measured)}/{message.subject_limit or '–'}")
    return " · ".join(parts)


class OutreachView(QDialog):
    """Non-modal: the writer keeps editing the posting; "Draft Again" picks up the changes."""

    messageChanged = Signal(object)  # Message, after each edit's recheck

    def __init__(
        self,
        drafter: Drafter,
        book: RuleBook,
        kit: OutreachKit,
        questions: Questions,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("outreachView")
        self.setWindowTitle(self.tr("Outreach Kit"))
        self.resize(980, 680)
        self._drafter, self._book, self._kit = drafter, book, kit
        self.messages: list[Message] = []
        self._updating = False
        self._build()
        self.export = ExportActions(self, kit, questions)
        self.redraft()

    # -- layout ------------------------------------------------------------------------------
    def _build(self) -> None:
        top = QHBoxLayout()
        self.channel = QComboBox(objectName="outreachChannel")
        self.tone = QComboBox(objectName="outreachTone")
        for tone, label in self._kit.tones.items():
            self.tone.addItem(label, tone)
        self.third_party = QCheckBox(self.tr("Contact found on a third-party site (GDPR Art. 14)"))
        self.premium = QCheckBox(self.tr("LinkedIn Premium"))
        self.redraft_button = QPushButton(self.tr("Draft Again"))
        for widget in (
            QLabel(self.tr("Channel:")),
            self.channel,
            QLabel(self.tr("Tone:")),
            self.tone,
            self.third_party,
            self.premium,
        ):
            top.addWidget(widget)
        top.addStretch(1)
        top.addWidget(self.redraft_button)

        self.subject = QLineEdit(objectName="outreachSubject")
        self.subject.setPlaceholderText(self.tr("Subject"))
        self.preview = QLabel(objectName="outreachPreview")
        self.body = QPlainTextEdit(objectName="outreachBody")
        self.counters = QLabel(objectName="outreachCounters")
        self.counters.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.findings = QListWidget(objectName="outreachFindings")
        self.findings.setWordWrap(True)
        self.advice = QLabel(wordWrap=True, objectName="outreachAdvice")

        editor = QWidget()
        column = QVBoxLayout(editor)
        column.setContentsMargins(0, 0, 0, 0)
        for widget in (self.subject, self.preview, self.body, self.counters):
            column.addWidget(widget)
        checks = QWidget()
        right = QVBoxLayout(checks)
        right.setContentsMargins(0, 0, 0, 0)
        right.addWidget(QLabel(self.tr("Checks")))
        right.addWidget(self.findings, 1)
        right.addWidget(self.advice)
        split = QSplitter()
        split.addWidget(editor)
        split.addWidget(checks)
        split.setSizes([600, 380])

        buttons = QHBoxLayout()
        self.copy_button = QPushButton(self.tr("Copy"), objectName="outreachCopy")
        self.txt_button = QPushButton(self.tr("Export .txt…"))
        self.eml_button = QPushButton(self.tr("Export .eml…"))
        self.merge_button = QPushButton(self.tr("Merge with Contacts…"))
        for button in (self.copy_button, self.txt_button, self.eml_button, self.merge_button):
            buttons.addWidget(button)
        buttons.addStretch(1)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(split, 1)
        layout.addLayout(buttons)

        self.channel.currentIndexChanged.connect(self._show_current)
        self.tone.currentIndexChanged.connect(lambda _i: self.redraft())
        self.third_party.toggled.connect(lambda _on: self.redraft())
        self.premium.toggled.connect(lambda _on: self.redraft())
        self.redraft_button.clicked.connect(self.redraft)
        self.body.textChanged.connect(self._edited)
        self.subject.textEdited.connect(lambda _t: self._edited())
        self.copy_button.clicked.connect(self.copy)

    # -- drafting ----------------------------------------------------------------------------
    def options(self) -> DraftOptions:
        return DraftOptions(
            tone=self.tone.currentData(),
            third_party=self.third_party.isChecked(),
            premium=self.premium.isChecked(),
        )

    def redraft(self) -> None:
        drafts = self._drafter(self.options())
        keep = self.channel.currentIndex()
        self.messages = list(drafts.messages)
        self._updating = True
        self.channel.clear()
        for message in self.messages:
            self.channel.addItem(message_label(message))
        self._updating = False
        send = drafts.schedule.get("send_time", {}) if isinstance(drafts.schedule, dict) else {}
        self.advice.setText(f"{send.get('advice', '')}\n({send.get('source', '')})" if send else "")
        self.channel.setCurrentIndex(max(0, min(keep, len(self.messages) - 1)))
        self._show_current()

    def current(self) -> Message:
        return self.messages[max(0, self.channel.currentIndex())]

    def select_channel(self, channel: str, step: int | None = None) -> None:
        for number, message in enumerate(self.messages):
            if message.channel == channel and (step is None or message.step == step):
                self.channel.setCurrentIndex(number)
                return
        raise KeyError(channel)

    def _show_current(self, *_args: object) -> None:
        if self._updating or not self.messages:
            return
        message = self.current()
        self._updating = True
        self.subject.setVisible(message.subject is not None)
        self.preview.setVisible(message.subject is not None)
        self.subject.setText(message.subject or "")
        self.body.setPlainText(message.body)
        self._updating = False
        self._show_checks(message)

    def _edited(self) -> None:
        if self._updating or not self.messages:
            return
        index = max(0, self.channel.currentIndex())
        old = self.messages[index]
        subject = self.subject.text() if old.subject is not None else None
        edited = replace(old, body=self.body.toPlainText(), subject=subject)
        self.messages[index] = recheck(edited, self._book, self._kit, self.third_party.isChecked())
        self._show_checks(self.messages[index])
        self.messageChanged.emit(self.messages[index])

    def _show_checks(self, message: Message) -> None:
        self.counters.setText(counter_text(message))
        over = not message.within_limits
        self.counters.setStyleSheet("color: #b00020; font-weight: bold;" if over else "")
        if message.subject is not None:
            self.preview.setText(
                self.tr("Mobile preview: ")
                + f"“{(message.measured_subject or message.subject)[:40]}”"
            )
        self.findings.clear()
        for finding in message.findings:
            where = " (subject)" if finding.extra.get("field") == "subject" else ""
            quoted = f" “{finding.text}”" if finding.text else ""
            item = QListWidgetItem(f"{finding.severity}{where}:{quoted} {finding.message}")
            item.setToolTip(f"{finding.why}\n{finding.source}")
            item.setData(Qt.ItemDataRole.UserRole, finding.rule_id)
            self.findings.addItem(item)
        if not message.findings:
            self.findings.addItem(self.tr("No problems found."))

    def rule_ids(self) -> Sequence[str]:
        return [
            self.findings.item(i).data(Qt.ItemDataRole.UserRole)
            for i in range(self.findings.count())
            if self.findings.item(i).data(Qt.ItemDataRole.UserRole)
        ]

    # -- output ------------------------------------------------------------------------------
    def copy(self) -> None:
        message = self.current()
        text = (f"Subject: {message.subject}\n\n" if message.subject else "") + message.body
        QGuiApplication.clipboard().setText(text)

    def suggested_name(self, suffix: str) -> str:
        return str(Path.home() / f"{self.current().channel}{suffix}")
