"""``CheckList``: pick any number from a list (multichoice answers, persons).

A list view of checkable lines, as tall as its lines (it sits in a scrolling page).
Keyboard: Tab into the list, arrows to move, Space to tick. The value is the ticked
values in list order, or None when nothing is ticked.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QSize, Qt, Signal, Slot
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QAbstractItemView, QListView, QSizePolicy, QWidget

from casusregie.ui.editors.fields import passes_undo_keys

__all__ = ["CheckList"]

VALUE_ROLE = Qt.ItemDataRole.UserRole + 1


class CheckList(QListView):
    edited = Signal()

    def __init__(self, choices: tuple[tuple[str, str], ...], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._loading = False
        self._model = QStandardItemModel(self)
        self.setModel(self._model)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setWordWrap(True)
        self._model.itemChanged.connect(self._on_item)
        self.set_choices(choices)

    def set_choices(self, choices: tuple[tuple[str, str], ...]) -> None:
        """New lines (a person was renamed or added), keeping what is ticked."""
        ticked = self.value() or []
        self._loading = True
        try:
            self._model.clear()
            for value, label in choices:
                item = QStandardItem(label)
                item.setData(value, VALUE_ROLE)
                item.setCheckable(True)
                item.setEditable(False)
                self._model.appendRow(item)
        finally:
            self._loading = False
        self.set_value(ticked)
        self.updateGeometry()

    @Slot(QStandardItem)
    def _on_item(self, _item: QStandardItem) -> None:
        if not self._loading:
            self.edited.emit()

    def _items(self) -> list[QStandardItem]:
        return [self._model.item(row) for row in range(self._model.rowCount())]

    def value(self) -> Any:
        ticked = [
            item.data(VALUE_ROLE)
            for item in self._items()
            if item.checkState() == Qt.CheckState.Checked
        ]
        return ticked or None

    def set_value(self, value: Any) -> None:
        wanted = set(value) if isinstance(value, list) else set()
        known = {item.data(VALUE_ROLE) for item in self._items()}
        self._loading = True
        try:
            for missing in sorted(wanted - known, key=str):  # a value the list lost
                item = QStandardItem(str(missing))
                item.setData(missing, VALUE_ROLE)
                item.setCheckable(True)
                item.setEditable(False)
                self._model.appendRow(item)
            for item in self._items():
                state = item.data(VALUE_ROLE) in wanted
                item.setCheckState(Qt.CheckState.Checked if state else Qt.CheckState.Unchecked)
        finally:
            self._loading = False

    def is_valid(self) -> bool:
        return True

    def sizeHint(self) -> QSize:
        rows = max(1, self._model.rowCount())
        row = self.sizeHintForRow(0) if self._model.rowCount() else self.fontMetrics().height()
        height = min(rows, 20) * max(row, self.fontMetrics().height() + 4)
        return QSize(super().sizeHint().width(), height + 2 * self.frameWidth() + 2)

    def minimumSizeHint(self) -> QSize:
        return self.sizeHint()

    def event(self, event: Any) -> bool:
        return True if passes_undo_keys(event) else super().event(event)
