"""The action list of a case discussion: who does what, when (the interventies).

``ActionModel`` columns: Wie (owner), Wat (what), Wanneer (deadline), Status; one row
per interventie ``Item`` of the meeting and phase. It is edited in place (F2, a
letter, or a double click; Enter keeps it): ``setData`` shows the new value at once and
emits ``edited(item id, answer key, value)``; the page saves it. A row without an owner
says so in words ("(nog niemand)"), not only in colour: an action without an owner
keeps the meeting from being closed.

Roles: DisplayRole the value as read (dates in Dutch, choices by label), EditRole the
stored value, ``ITEM_ID_ROLE`` the item's id, ToolTipRole the full text.

``ActionDelegate`` edits a cell with the editors of the forms (``make_editor``), a
date as one line read by ``parse_dutch`` (a date that cannot be read is not stored).
"""

from __future__ import annotations

import contextlib
import dataclasses
from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import QStyledItemDelegate, QStyleOptionViewItem, QWidget

from casusregie.domain.dates import PartialDate, parse_dutch
from casusregie.domain.model import Item
from casusregie.templates import Field, Section
from casusregie.ui.display import display_text
from casusregie.ui.editors.factory import make_editor
from casusregie.ui.editors.fields import TextEditor

__all__ = ["ITEM_ID_ROLE", "KEYS", "ActionDelegate", "ActionModel"]

ITEM_ID_ROLE = Qt.ItemDataRole.UserRole + 1
KEYS = ("owner", "what", "deadline", "status")
Index = QModelIndex | QPersistentModelIndex
_MISSING = QColor("#fff3d6")


class ActionModel(QAbstractTableModel):
    edited = Signal(str, str, object)  # item id, answer key, value (None: empty)

    def __init__(self, section: Section, parent: QObject | None = None) -> None:
        super().__init__(parent)
        fields = {f.key: f for f in section.fields}
        self.fields: tuple[Field, ...] = tuple(fields[k] for k in KEYS)
        self._items: list[Item] = []
        #: cells edited here whose save is not back yet: a reload must not undo them
        self.is_dirty: Callable[[str, str], bool] = lambda _item, _key: False

    # -- rows ----------------------------------------------------------------------

    def set_items(self, items: Sequence[Item]) -> None:
        """Show these rows. The same rows in the same order are updated in place (an
        open cell editor stays open); otherwise the model is reset."""
        new = list(items)
        if [i.id for i in new] != [i.id for i in self._items]:
            self.beginResetModel()
            self._items = new
            self.endResetModel()
            return
        for row, item in enumerate(new):
            old = self._items[row]
            answers = dict(item.answers)
            for key in KEYS:
                if self.is_dirty(item.id, key):
                    answers[key] = old.answers.get(key)
                    if answers[key] is None:
                        answers.pop(key)
            self._items[row] = dataclasses.replace(item, answers=answers)
        if new:
            self.dataChanged.emit(self.index(0, 0), self.index(len(new) - 1, len(KEYS) - 1))

    def clear(self) -> None:
        self.set_items([])

    def items(self) -> list[Item]:
        return list(self._items)

    def row_of(self, item_id: str) -> int:
        return next((r for r, i in enumerate(self._items) if i.id == item_id), -1)

    def owner_missing(self) -> list[Item]:
        return [i for i in self._items if not str(i.answers.get("owner") or "").strip()]

    # -- Qt ------------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 (Qt)
        return 0 if parent.isValid() else len(self._items)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 (Qt)
        return 0 if parent.isValid() else len(KEYS)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._items):
            return None
        item = self._items[index.row()]
        field = self.fields[index.column()]
        value = item.answers.get(field.key)
        if role == Qt.ItemDataRole.EditRole:
            return value
        if role == ITEM_ID_ROLE:
            return item.id
        no_owner = field.key == "owner" and not str(value or "").strip()
        if role == Qt.ItemDataRole.DisplayRole:
            if no_owner:
                return self.tr("(nog niemand)")
            return display_text(field, value, {})
        if role == Qt.ItemDataRole.ToolTipRole:
            if no_owner:
                return self.tr("Wie doet dit? Zonder eigenaar kan het overleg niet dicht.")
            return display_text(field, value, {}) or None
        if no_owner and role == Qt.ItemDataRole.BackgroundRole:
            return QBrush(_MISSING)
        if no_owner and role == Qt.ItemDataRole.FontRole:
            font = QFont()
            font.setItalic(True)
            return font
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid():
            return False
        item = self._items[index.row()]
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
        self._items[index.row()] = dataclasses.replace(item, answers=answers)
        self.dataChanged.emit(index, index)
        self.edited.emit(item.id, key, value)
        return True

    def headerData(
        self,
        section: int,
        orientation: Qt.Orientation,
        role: int = Qt.ItemDataRole.DisplayRole,
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(KEYS):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return (self.tr("Wie"), self.tr("Wat"), self.tr("Wanneer"), self.tr("Status"))[section]
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.fields[section].label
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEditable


class ActionDelegate(QStyledItemDelegate):
    """Edits a cell with the form's editor for its field (one line for long text)."""

    def _field(self, index: Index) -> Field | None:
        model = index.model()
        return model.fields[index.column()] if isinstance(model, ActionModel) else None

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:
        field = self._field(index)
        editor: QWidget
        if field is None or field.type in ("text", "longtext", "date", "partial_date"):
            line = TextEditor(parent)
            if field is not None and field.type in ("date", "partial_date"):
                line.setPlaceholderText(self.tr("bijvoorbeeld 14-05-2026"))
            editor = line
        else:
            editor = make_editor(field, (), parent, required=field.key == "status")
        editor.setAccessibleName(field.label if field is not None else "")
        editor.setAutoFillBackground(True)
        return editor

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        field = self._field(index)
        value = index.data(Qt.ItemDataRole.EditRole)
        if field is not None and field.type in ("date", "partial_date") and value:
            with contextlib.suppress(ValueError):  # an unreadable stored date: as it is
                value = PartialDate.parse(str(value)).dutch()
        editor.set_value(value)  # type: ignore[attr-defined]

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: Index) -> None:
        field = self._field(index)
        value = editor.value()  # type: ignore[attr-defined]
        if field is not None and field.type in ("date", "partial_date") and value:
            try:
                value = str(parse_dutch(str(value)))
            except ValueError:
                return  # not a date: nothing is stored, the old value stays
        model.setData(index, value, Qt.ItemDataRole.EditRole)
