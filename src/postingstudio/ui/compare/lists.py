"""The comparison's three lists (layout): what they offer that you don't, shared clichés, and
what makes you different.

Each row keeps the core item it shows (``Offer``, ``SharedCliche``, ``DistinctiveTerm``) under
``ItemRole``; clicking a row only emits it, and the compare mode decides what to select where.
Offers carry a drawn kind icon (a letter on a coloured tile, so shape and letter, not colour,
tell section, benefit and fact apart). Under the offers sits the one action the selected offer
allows, "Insert … template", whose text the mode sets.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt, Signal
from PySide6.QtGui import QColor, QFont, QIcon, QPainter, QPixmap
from PySide6.QtWidgets import (
    QLabel,
    QPushButton,
    QTabWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from postingstudio.core.compare import (
    Comparison,
    DistinctiveTerm,
    Offer,
    OfferKind,
    SharedCliche,
)
from postingstudio.ui.common.theme import OKABE_ITO

ItemRole = Qt.ItemDataRole.UserRole + 1
_KIND_ICON = {
    OfferKind.SECTION: ("§", OKABE_ITO["reddish_purple"], "Section"),
    OfferKind.BENEFIT: ("B", OKABE_ITO["bluish_green"], "Benefit"),
    OfferKind.FACT: ("i", OKABE_ITO["blue"], "Fact"),
}


def kind_icon(kind: OfferKind, size: int = 18) -> QIcon:
    """A square badge with the letter and colour of an offer kind, so
    kind is not told by colour alone."""
    letter, colour, _label = _KIND_ICON[kind]
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setBrush(QColor(colour))
    painter.setPen(Qt.PenStyle.NoPen)
    painter.drawRoundedRect(QRectF(1, 1, size - 2, size - 2), 4, 4)
    font = QFont()
    font.setBold(True)
    font.setPixelSize(int(size * 0.65))
    painter.setFont(font)
    painter.setPen(QColor("#ffffff"))
    painter.drawText(QRectF(0, 0, size, size), Qt.AlignmentFlag.AlignCenter, letter)
    painter.end()
    return QIcon(pixmap)


def _tree(parent: QWidget, name: str, headers: list[str]) -> QTreeWidget:
    tree = QTreeWidget(parent)
    tree.setObjectName(name)
    tree.setAccessibleName(headers[0])
    tree.setRootIsDecorated(False)
    tree.setUniformRowHeights(True)
    tree.setHeaderLabels(headers)
    tree.setAlternatingRowColors(True)
    # Names from job sites are long and alike at the start: keep both ends; the tooltip has all.
    tree.setTextElideMode(Qt.TextElideMode.ElideMiddle)
    return tree


def _one_line(text: str, limit: int = 140) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


class CompareLists(QTabWidget):
    """Tabs of what competitors offer, shared clichés and my
    distinctive terms; rows ask for actions."""

    offerActivated = Signal(object)  # Offer
    insertRequested = Signal(object)  # Offer
    clicheActivated = Signal(object)  # SharedCliche
    distinctiveActivated = Signal(object)  # DistinctiveTerm

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("compareLists")
        page = QWidget(self)
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        self.offers = _tree(page, "offerList", [self.tr("They offer"), self.tr("Who")])
        self.offers.itemClicked.connect(lambda item, _c: self._emit(item, self.offerActivated))
        self.offers.itemActivated.connect(lambda item, _c: self._emit(item, self.offerActivated))
        layout.addWidget(self.offers, 1)
        self.insert_button = QPushButton(self.tr("Insert a matching section in yours"), page)
        self.insert_button.setObjectName("insertOffer")
        self.insert_button.setEnabled(False)
        self.insert_button.clicked.connect(self._insert)
        layout.addWidget(self.insert_button)
        self.addTab(page, self.tr("They offer, you don't"))
        self.cliches = _tree(self, "clicheList", [self.tr("Phrase"), self.tr("Also in")])
        self.cliches.itemClicked.connect(lambda item, _c: self._emit(item, self.clicheActivated))
        self.addTab(self.cliches, self.tr("Shared clichés"))
        page = QWidget(self)
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        self.distinctive = _tree(page, "distinctiveList", [self.tr("Term"), self.tr("Times")])
        self.distinctive.itemClicked.connect(
            lambda item, _c: self._emit(item, self.distinctiveActivated)
        )
        layout.addWidget(self.distinctive, 1)
        hint = QLabel(self.tr("Only you say these: consider putting them first."), page)
        hint.setWordWrap(True)
        layout.addWidget(hint)
        self.addTab(page, self.tr("What makes you different"))
        self.current_offer: Offer | None = None

    # -- filling ----------------------------------------------------------------------------
    def set_comparison(self, comparison: Comparison | None) -> None:
        for tree in (self.offers, self.cliches, self.distinctive):
            tree.clear()
        self.current_offer = None
        self.insert_button.setEnabled(False)
        if comparison is None:
            return
        names = [p.name for p in comparison.postings]
        for offer in comparison.they_offer:
            who = names[offer.competitor]
            item = QTreeWidgetItem([offer.label, f"[{offer.competitor}] {who}"])
            item.setToolTip(1, f"[{offer.competitor}] {who}")
            item.setIcon(0, kind_icon(offer.kind))
            kind = self.tr(_KIND_ICON[offer.kind][2])
            quote = _one_line(offer.evidence.text) if offer.evidence else ""
            item.setToolTip(0, f"{kind}: {offer.label}\n{quote}".strip())
            item.setData(0, ItemRole, offer)
            self.offers.addTopLevelItem(item)
        for cliche in comparison.shared_cliches:
            also = ", ".join(f"[{n}] {names[n]}" for n in cliche.competitors)
            item = QTreeWidgetItem([cliche.phrase, also])
            item.setToolTip(1, also)
            item.setToolTip(0, f"{cliche.phrase}: {cliche.message}\n{_one_line(cliche.mine.text)}")
            item.setData(0, ItemRole, cliche)
            self.cliches.addTopLevelItem(item)
        for term in comparison.distinctive:
            item = QTreeWidgetItem([term.term, str(term.count)])
            item.setToolTip(0, f"{term.term}\n{_one_line(term.evidence.text)}")
            item.setData(0, ItemRole, term)
            self.distinctive.addTopLevelItem(item)
        self.setTabText(
            0, self.tr("They offer, you don't ({0})").format(len(comparison.they_offer))
        )
        self.setTabText(1, self.tr("Shared clichés ({0})").format(len(comparison.shared_cliches)))
        self.setTabText(
            2, self.tr("What makes you different ({0})").format(len(comparison.distinctive))
        )
        for tree in (self.offers, self.cliches, self.distinctive):
            tree.resizeColumnToContents(0)

    def set_insert_action(self, text: str | None) -> None:
        """What Insert would do for the selected offer (None: nothing to insert)."""
        self.insert_button.setText(text or self.tr("Insert a matching section in yours"))
        self.insert_button.setEnabled(bool(text))

    # -- items -----------------------------------------------------------------------------
    def item_for(self, tree: QTreeWidget, match: object) -> QTreeWidgetItem | None:
        for number in range(tree.topLevelItemCount()):
            item = tree.topLevelItem(number)
            if item.data(0, ItemRole) == match:
                return item
        return None

    def _emit(self, item: QTreeWidgetItem, signal: Signal) -> None:
        value = item.data(0, ItemRole)
        if isinstance(value, Offer):
            self.current_offer = value
        if isinstance(value, Offer | SharedCliche | DistinctiveTerm):
            signal.emit(value)  # type: ignore[attr-defined]

    def _insert(self) -> None:
        if self.current_offer is not None:
            self.insertRequested.emit(self.current_offer)
