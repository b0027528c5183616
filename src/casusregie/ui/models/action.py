"""The action list of a case discussion: who does what, when (the interventies).

``ActionModel`` columns: Wie (owner), Wat (what), Wanneer (deadline), Status; one row
per interventie ``Item`` of the meeting and phase. It is edited in place (F2, a
letter, or a double click; Enter keeps it): ``setData`` shows the new value at once and
emits ``edited(item id, answer key, value)``; the page saves it. A row without an owner
says so in words ("(nog niemand)"), not only in colour: an action without an owner
keeps the meeting from being closed.

Roles: DisplayRole the value as read (dates in Dutch, choices by label), EditRole the
stored value, ``ITEM_ID_ROLE`` the item's id, ToolTipRole the full text. The cells are
edited with ``editors.cells.FieldDelegate``.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont

from casusregie.domain.model import Item
from casusregie.templates import Field, Section
from casusregie.ui.display import display_text
from casusregie.ui.models.base import Index, RowTableModel

__all__ = ["ITEM_ID_ROLE", "KEYS", "ActionModel"]

ITEM_ID_ROLE = Qt.ItemDataRole.UserRole + 1
KEYS = ("owner", "what", "deadline", "status")
_MISSING = QColor("#fff3d6")


class ActionModel(RowTableModel[Item]):
    edited = Signal(str, str, object)  # item id, answer key, value (None: empty)

    def __init__(self, section: Section, parent: QObject | None = None) -> None:
        super().__init__(parent)
        fields = {f.key: f for f in section.fields}
        self.fields: tuple[Field, ...] = tuple(fields[k] for k in KEYS)
        #: cells edited here whose save is not back yet: a reload must not undo them
        self.is_dirty: Callable[[str, str], bool] = lambda _item, _key: False

    # -- rows ----------------------------------------------------------------------

    def set_items(self, items: Sequence[Item]) -> None:
        """Show these rows. The same rows in the same order are updated in place (an
        open cell editor stays open); otherwise the model is reset."""
        new = list(items)
        old_rows = self.rows()
        if [i.id for i in new] != [i.id for i in old_rows]:
            self.set_rows(new)
            return
        for row, item in enumerate(new):
            old = old_rows[row]
            answers = dict(item.answers)
            for key in KEYS:
                if self.is_dirty(item.id, key):
                    answers[key] = old.answers.get(key)
                    if answers[key] is None:
                        answers.pop(key)
            self._rows[row] = dataclasses.replace(item, answers=answers)
        self.refresh()

    def items(self) -> list[Item]:
        return self.rows()

    def row_of(self, item_id: str) -> int:
        return self.find(lambda i: i.id == item_id)

    def owner_missing(self) -> list[Item]:
        return [i for i in self._rows if not str(i.answers.get("owner") or "").strip()]

    # -- what the table shows --------------------------------------------------------

    def headers(self) -> Sequence[str]:
        return (self.tr("Wie"), self.tr("Wat"), self.tr("Wanneer"), self.tr("Status"))

    def header_tip(self, column: int) -> str | None:
        return self.fields[column].label

    def texts(self, row: Item) -> Sequence[str]:
        out = [display_text(f, row.answers.get(f.key), {}) for f in self.fields]
        if _no_owner(row):
            out[0] = self.tr("(nog niemand)")
        return out

    def extra(self, row: Item, index: Index, role: int) -> Any:
        if role == Qt.ItemDataRole.EditRole:
            return row.answers.get(self.fields[index.column()].key)
        if role == ITEM_ID_ROLE:
            return row.id
        if index.column() != 0 or not _no_owner(row):
            return None
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.tr("Wie doet dit? Zonder eigenaar kan het overleg niet dicht.")
        if role == Qt.ItemDataRole.BackgroundRole:
            return QBrush(_MISSING)
        if role == Qt.ItemDataRole.FontRole:
            font = QFont()
            font.setItalic(True)
            return font
        return None

    # -- editing in place --------------------------------------------------------------

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid():
            return False
        item = self._rows[index.row()]
        key = self.fields[index.column()].key
        if isinstance(value, str):
            value = value.strip() or None
        if item.answers.get(key) == value:
            return False
        answers = dict(item.answers)
        if value is None:
            answers.pop(key, None)
        else:
            answers[key] = value
        self.replace_row(index.row(), dataclasses.replace(item, answers=answers))
        self.edited.emit(item.id, key, value)
        return True

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return super().flags(index) | Qt.ItemFlag.ItemIsEditable


def _no_owner(item: Item) -> bool:
    return not str(item.answers.get("owner") or "").strip()
