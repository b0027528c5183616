"""``DateEditor``: a date typed the way people say it, with feedback in Dutch.

Accepts a year ("2016"), a month ("05-2016", "mei 2016") or a day ("14-05-2016",
"14/5/2016", "14 mei 2016", "2016-05-14"); see ``domain.dates.parse_dutch``. Below
the field one line says how it was read ("Wordt opgeslagen als: 14 mei 2016") or,
in red, what is wrong. A date that is not (yet) valid is not saved; when the field
is left, a valid date is shown in words.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import QVBoxLayout, QWidget

from casusregie.domain.dates import PartialDate, parse_dutch
from casusregie.ui.editors.fields import TextEditor
from casusregie.ui.widgets import ERROR_STYLE, HINT_STYLE, hint_label

__all__ = ["DateEditor"]


def _words(value: Any) -> str:
    try:
        return PartialDate.parse(str(value)).dutch()
    except ValueError:
        return "" if value is None else str(value)


class DateEditor(QWidget):
    edited = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(2)
        self.line = TextEditor(self)
        self.line.setPlaceholderText(self.tr("bijvoorbeeld 14-05-2016, mei 2016 of 2016"))
        self.line.setMaximumWidth(320)
        self.feedback = hint_label("", self, smaller=True)
        self.feedback.setVisible(False)
        box.addWidget(self.line)
        box.addWidget(self.feedback)
        self.setFocusProxy(self.line)
        self.line.edited.connect(self._on_edited)
        self.line.editingFinished.connect(self._tidy)

    def setAccessibleName(self, name: str) -> None:
        super().setAccessibleName(name)
        self.line.setAccessibleName(name)

    def setAccessibleDescription(self, text: str) -> None:
        super().setAccessibleDescription(text)
        self.line.setAccessibleDescription(text)

    def _parsed(self) -> PartialDate | None:
        """The date typed, None when empty; raises ValueError when it is no date."""
        text = self.line.text().strip()
        return parse_dutch(text) if text else None

    @Slot()
    def _on_edited(self) -> None:
        self._show_feedback()
        self.edited.emit()

    def _show_feedback(self) -> None:
        try:
            date = self._parsed()
        except ValueError as exc:
            self.feedback.setText(
                self.tr("Deze datum bestaat niet. Kijk de dag en de maand na.")
                if "bestaat niet" in str(exc)
                else self.tr(
                    "Dit is nog geen datum. Typ bijvoorbeeld 2016, 05-2016, "
                    "14-05-2016 of 14 mei 2016."
                )
            )
            self.feedback.setStyleSheet(ERROR_STYLE)
            self.feedback.setVisible(True)
            return
        words = date.dutch() if date is not None else ""
        same = words == self.line.text().strip()
        self.feedback.setText(self.tr("Wordt opgeslagen als: {date}").format(date=words))
        self.feedback.setStyleSheet(HINT_STYLE)
        self.feedback.setVisible(bool(words) and not same)

    @Slot()
    def _tidy(self) -> None:
        """Leaving the field: show a valid date in words."""
        try:
            date = self._parsed()
        except ValueError:
            return
        self.line.setText(date.dutch() if date is not None else "")
        self.feedback.setVisible(False)

    def value(self) -> Any:
        try:
            date = self._parsed()
        except ValueError:
            return None
        return None if date is None else str(date)

    def set_value(self, value: Any) -> None:
        text = "" if value is None else _words(value)
        if self.is_valid() and self.value() == (None if value is None else str(value)):
            return  # the same date, perhaps typed differently: leave the user's text
        self.line.setText(text)
        self._show_feedback()

    def is_valid(self) -> bool:
        try:
            self._parsed()
        except ValueError:
            return False
        return True
