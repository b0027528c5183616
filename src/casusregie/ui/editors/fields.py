"""The text editors, and the interface every field editor shares (which editor a
field type gets is decided by ``editors.factory.make_editor``).

Every editor has the same small interface: ``value()`` (what to store; None when
empty), ``set_value(v)`` (show a stored value without counting as an edit),
``is_valid()`` (a half-typed date is not) and the signal ``edited`` (the user changed
something). Its accessible name is the field's label, its description the prompt.

Ctrl+Z and Ctrl+Shift+Z are not the editors' own: they undo whole saves of the case
(see ``editing``), so the editors let those shortcuts through.

    text            TextEditor (QLineEdit)
    longtext        LongTextEditor (QPlainTextEdit, grows with its text)
    date, partial_date   DateEditor (editors.date: "2016", "05-2016", "14 mei 2016")
    choice, person  ChoiceEditor (editors.choice: QComboBox, Dutch labels, names)
    multichoice, persons CheckList (check_list: a list of checkboxes)
    bool            BoolEditor (editors.choice: QCheckBox "Ja")
    number          NumberEditor (editors.choice: QSpinBox, empty allowed)
    scale           ScaleEditor (editors.scale: 1-10 buttons with the anchor texts)
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QPoint, Signal, Slot
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QLineEdit,
    QPlainTextEdit,
    QSizePolicy,
    QToolTip,
    QWidget,
)

from casusregie.domain.limits import MAX_TEXT_LENGTH, too_long_message

__all__ = ["LongTextEditor", "TextEditor", "passes_undo_keys"]

_UNDO_KEYS = (QKeySequence.StandardKey.Undo, QKeySequence.StandardKey.Redo)


def passes_undo_keys(event: QEvent) -> bool:
    """For ``event()``: True when this is Ctrl+Z/Ctrl+Shift+Z asking to be overridden;
    the caller then ignores it, so the window's undo action gets the keys."""
    if event.type() != QEvent.Type.ShortcutOverride or not isinstance(event, QKeyEvent):
        return False
    if any(event.matches(key) for key in _UNDO_KEYS):
        event.ignore()
        return True
    return False


class TextEditor(QLineEdit):
    edited = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setMaxLength(MAX_TEXT_LENGTH)
        self.textEdited.connect(self.edited)

    def value(self) -> Any:
        return self.text() or None

    def set_value(self, value: Any) -> None:
        text = "" if value is None else str(value)
        if text != self.text():
            self.setText(text)

    def is_valid(self) -> bool:
        return True

    def event(self, event: QEvent) -> bool:
        return True if passes_undo_keys(event) else super().event(event)


class LongTextEditor(QPlainTextEdit):
    """Several lines of text; as tall as its text (from 3 up to 18 lines, then it
    scrolls). Tab moves on to the next field, as everywhere in the form."""

    edited = Signal()
    MIN_LINES, MAX_LINES = 3, 18

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._loading = False
        self.setTabChangesFocus(True)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.textChanged.connect(self._on_text)
        self.document().documentLayout().documentSizeChanged.connect(self._fit)
        self._fit()

    @Slot()
    def _on_text(self) -> None:
        too_long = not self.is_valid()
        self.setProperty("invalid", too_long)
        self.setToolTip(self.too_long_text() if too_long else "")
        if too_long and not self._loading:
            QToolTip.showText(self.mapToGlobal(QPoint(8, 8)), self.too_long_text(), self)
        if not self._loading:
            self.edited.emit()

    def too_long_text(self) -> str:
        """The refusal shown while the text is over the limit (it is not saved then)."""
        over = len(self.toPlainText()) - MAX_TEXT_LENGTH
        return self.tr("{message} Dit wordt niet opgeslagen; haal er {n} tekens af.").format(
            message=too_long_message(self.accessibleName()), n=f"{over:,}".replace(",", ".")
        )

    @Slot()
    def _fit(self) -> None:
        line = self.fontMetrics().lineSpacing()
        block, height = self.document().firstBlock(), 0.0
        while block.isValid():
            height += self.blockBoundingRect(block).height()
            block = block.next()
        height = max(self.MIN_LINES * line, min(self.MAX_LINES * line, height))
        margins = self.contentsMargins()
        extra = 2 * self.frameWidth() + 2 * self.document().documentMargin()
        self.setFixedHeight(int(height + extra + margins.top() + margins.bottom()))

    def resizeEvent(self, event: Any) -> None:
        super().resizeEvent(event)
        self._fit()

    def value(self) -> Any:
        return self.toPlainText() or None

    def set_value(self, value: Any) -> None:
        text = "" if value is None else str(value)
        if text != self.toPlainText():
            self._loading = True
            try:
                self.setPlainText(text)
            finally:
                self._loading = False

    def is_valid(self) -> bool:
        return len(self.toPlainText()) <= MAX_TEXT_LENGTH

    def event(self, event: QEvent) -> bool:
        return True if passes_undo_keys(event) else super().event(event)
