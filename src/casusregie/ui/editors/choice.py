"""The editors that pick rather than type: ``ChoiceEditor`` (a list by Dutch label,
or persons by name), ``BoolEditor`` (a "Ja" box) and ``NumberEditor`` (a whole number,
empty allowed). Same interface as every editor (see ``editors.fields``). Turning the
mouse wheel over a page does not change an answer that has no focus.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QSize, Signal, Slot
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QCheckBox, QComboBox, QSpinBox, QWidget

from casusregie.ui.editors.fields import passes_undo_keys

__all__ = ["BoolEditor", "ChoiceEditor", "NumberEditor"]


class ChoiceEditor(QComboBox):
    """A closed list by Dutch label (or persons by name); ``empty`` is the text of the
    'nothing chosen' line, or None when an answer is required."""

    edited = Signal()

    def __init__(
        self,
        choices: tuple[tuple[str, str], ...],
        empty: str | None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._empty = empty
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.setMinimumContentsLength(12)
        self.set_choices(choices)
        self.activated.connect(self.edited)

    def set_choices(self, choices: tuple[tuple[str, str], ...]) -> None:
        """New labels (a person was renamed) without changing the chosen value."""
        current = self.value()
        self.blockSignals(True)
        self.clear()
        if self._empty is not None:
            self.addItem(self._empty, None)
        for value, label in choices:
            self.addItem(label, value)
        self.blockSignals(False)
        self.set_value(current)

    def value(self) -> Any:
        return self.currentData()

    def set_value(self, value: Any) -> None:
        index = self.findData(value) if value is not None else (0 if self._empty else -1)
        if index < 0 and value is not None:  # a stored value the list no longer has
            self.addItem(str(value), value)
            index = self.count() - 1
        self.setCurrentIndex(index)

    def is_valid(self) -> bool:
        return True

    def wheelEvent(self, event: QWheelEvent) -> None:
        if self.hasFocus():  # scrolling the page must not change an answer
            super().wheelEvent(event)
        else:
            event.ignore()

    def event(self, event: QEvent) -> bool:
        return True if passes_undo_keys(event) else super().event(event)


class BoolEditor(QCheckBox):
    edited = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setText(self.tr("Ja"))
        self.clicked.connect(self.edited)

    def value(self) -> Any:
        return self.isChecked()

    def set_value(self, value: Any) -> None:
        self.setChecked(bool(value))

    def is_valid(self) -> bool:
        return True


class NumberEditor(QSpinBox):
    """A whole number; the lowest position means 'not filled in'."""

    edited = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._loading = False
        self.setRange(-1, 999_999)
        self.setSpecialValueText(self.tr("nog niet ingevuld"))
        self.setMaximumWidth(240)
        self.valueChanged.connect(self._on_value)

    @Slot(int)
    def _on_value(self, _value: int) -> None:
        if not self._loading:
            self.edited.emit()

    def value(self) -> Any:
        number = super().value()
        return None if number < 0 else number

    def set_value(self, value: Any) -> None:
        self._loading = True
        try:
            self.setValue(int(value) if isinstance(value, int | float) else -1)
        finally:
            self._loading = False

    def is_valid(self) -> bool:
        return True

    def setAccessibleName(self, name: str) -> None:
        super().setAccessibleName(name)
        self.lineEdit().setAccessibleName(name)  # the part that has the focus

    def sizeHint(self) -> QSize:
        return QSize(max(160, super().sizeHint().width()), super().sizeHint().height())

    def wheelEvent(self, event: QWheelEvent) -> None:
        if self.hasFocus():
            super().wheelEvent(event)
        else:
            event.ignore()

    def event(self, event: QEvent) -> bool:
        return True if passes_undo_keys(event) else super().event(event)
