"""``ScaleEditor``: a scaling question, 1 to 10 as buttons, with its anchor texts.

The anchors (what 1 and 10 mean, from the template) stand under the buttons, low on
the left and high on the right, so the family at the table sees what the numbers
mean. Pressing the chosen number again takes the answer back.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from casusregie.ui.editors.fields import passes_undo_keys
from casusregie.ui.widgets import hint_label

__all__ = ["ScaleEditor"]

LOW, HIGH = 1, 10
#: the chosen number must stand out (not only by colour: it is also bold and framed)
BUTTON_STYLE = (
    "QPushButton { background: #ffffff; border: 1px solid #8a8a8a; border-radius: 3px;"
    " padding: 4px 0px; }"
    " QPushButton:hover { background: #eef3f9; }"
    " QPushButton:focus { border: 2px solid #1a4f8a; }"
    " QPushButton:checked { background: #1a4f8a; color: #ffffff; font-weight: bold;"
    " border: 2px solid #0e2f55; }"
)


class _ScaleButton(QPushButton):
    def event(self, event: Any) -> bool:
        return True if passes_undo_keys(event) else super().event(event)


class ScaleEditor(QWidget):
    edited = Signal()

    def __init__(self, anchors: tuple[str, str] | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._value: int | None = None
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(4)
        row = QHBoxLayout()
        row.setSpacing(4)
        self.buttons: list[QPushButton] = []
        for number in range(LOW, HIGH + 1):
            button = _ScaleButton(str(number), self)
            button.setCheckable(True)
            button.setStyleSheet(BUTTON_STYLE)
            button.setFixedWidth(max(36, button.fontMetrics().horizontalAdvance("10") + 20))
            button.clicked.connect(lambda _=False, n=number: self._on_click(n))
            self.buttons.append(button)
            row.addWidget(button)
        row.addStretch(1)
        box.addLayout(row)
        if anchors:
            under = QGridLayout()
            under.setHorizontalSpacing(24)
            low, high = hint_label(anchors[0], self, True), hint_label(anchors[1], self, True)
            high.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
            under.addWidget(low, 0, 0, Qt.AlignmentFlag.AlignTop)
            under.addWidget(high, 0, 1, Qt.AlignmentFlag.AlignTop)
            box.addLayout(under)
        self.setMaximumWidth(max(520, 10 * 44))
        self.setFocusProxy(self.buttons[0])

    def setAccessibleName(self, name: str) -> None:
        super().setAccessibleName(name)
        for number, button in enumerate(self.buttons, start=LOW):
            button.setAccessibleName(f"{name}: {number}")

    def setAccessibleDescription(self, text: str) -> None:
        super().setAccessibleDescription(text)
        for button in self.buttons:
            button.setAccessibleDescription(text)

    @Slot()
    def _on_click(self, number: int) -> None:
        self._value = number if self.buttons[number - LOW].isChecked() else None
        self._show()
        self.edited.emit()

    def _show(self) -> None:
        for number, button in enumerate(self.buttons, start=LOW):
            button.setChecked(number == self._value)

    def value(self) -> Any:
        return self._value

    def set_value(self, value: Any) -> None:
        number = int(value) if isinstance(value, int | float) else None
        self._value = number if number is not None and LOW <= number <= HIGH else None
        self._show()

    def is_valid(self) -> bool:
        return True
