"""``OccasionBar``: which occasion of a ``multiple`` template is on screen.

A list of the occasions by date and kind ("27 maart 2025 · Casusbespreking"), newest
first, and a button "Nieuw overleg". Choosing emits ``chosen(instance)``; the button
emits ``new_requested``. ``set_occasions`` renews the texts (the date was just typed)
without changing the choice.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QPushButton, QWidget

from casusregie.templates.occasions import Occasion
from casusregie.ui.widgets import hint_label

__all__ = ["OccasionBar"]


class OccasionBar(QWidget):
    chosen = Signal(object)  # the instance id (None: answers from before occasions)
    new_requested = Signal()

    def __init__(
        self, found: Sequence[Occasion], current: str | None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 4, 0, 4)
        self.label = QLabel(self.tr("Welk overleg:"), self)
        self.combo = QComboBox(self)
        self.combo.setAccessibleName(self.tr("Welk overleg"))
        self.combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.combo.setMinimumContentsLength(28)
        self.label.setBuddy(self.combo)
        self.new_button = QPushButton(self.tr("Nieuw overleg"), self)
        self.new_button.setAccessibleName(self.tr("Nieuw overleg"))
        self.new_button.setToolTip(self.tr("Een nieuw overleg beginnen, met de datum van vandaag"))
        row.addWidget(self.label)
        row.addWidget(self.combo)
        row.addWidget(self.new_button)
        row.addStretch(1)
        self.empty = hint_label(
            self.tr("Er is nog geen overleg vastgelegd. Kies 'Nieuw overleg' om te beginnen."),
            self,
        )
        row.addWidget(self.empty)
        self.set_occasions(found, current)
        self.combo.activated.connect(self._on_activated)
        self.new_button.clicked.connect(self.new_requested)

    def text_of(self, occasion: Occasion) -> str:
        day = occasion.day.dutch() if occasion.day else self.tr("zonder datum")
        return f"{day} · {occasion.kind}" if occasion.kind else day

    def set_occasions(self, found: Sequence[Occasion], current: str | None) -> None:
        self.combo.blockSignals(True)
        self.combo.clear()
        for occasion in found:
            self.combo.addItem(self.text_of(occasion), occasion.instance)
        index = next((i for i, o in enumerate(found) if o.instance == current), 0)
        self.combo.setCurrentIndex(index if found else -1)
        self.combo.blockSignals(False)
        self.combo.setVisible(bool(found))
        self.label.setVisible(bool(found))
        self.empty.setVisible(not found)

    def current(self) -> str | None:
        data = self.combo.currentData()
        return data if isinstance(data, str) else None

    @Slot(int)
    def _on_activated(self, index: int) -> None:
        self.chosen.emit(self.combo.itemData(index))
