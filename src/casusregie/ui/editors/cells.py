"""``FieldDelegate``: a table's cells edited with the editors of the forms
(``make_editor``): column n holds template field n (the action list of a case
discussion, ``models.action``). Long text is one line; a date is one line read by
``parse_dutch`` (a date that cannot be read is not stored).
"""

from __future__ import annotations

import contextlib
from collections.abc import Collection, Sequence

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QStyledItemDelegate, QStyleOptionViewItem, QWidget

from casusregie.domain.dates import PartialDate, parse_dutch
from casusregie.templates import Field
from casusregie.ui.editors.factory import as_editor, make_editor
from casusregie.ui.editors.fields import TextEditor

__all__ = ["FieldDelegate"]

Index = QModelIndex | QPersistentModelIndex


class FieldDelegate(QStyledItemDelegate):
    """Edits a cell with the form's editor for its column's field; the fields named in
    ``required`` offer no empty choice."""

    def __init__(
        self, fields: Sequence[Field], required: Collection[str] = (), parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._fields = tuple(fields)
        self._required = frozenset(required)

    def _field(self, index: Index) -> Field | None:
        column = index.column()
        return self._fields[column] if 0 <= column < len(self._fields) else None

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:
        field = self._field(index)
        editor: QWidget
        if field is None or field.type in ("text", "longtext", "date", "partial_date"):
            line = TextEditor(parent)
            if field is not None and field.type in ("date", "partial_date"):
                line.setPlaceholderText(self.tr("bijvoorbeeld 14-05-2026"))
            editor = line
        else:
            editor = make_editor(field, (), parent, required=field.key in self._required)
        editor.setAccessibleName(field.label if field is not None else "")
        editor.setAutoFillBackground(True)
        return editor

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        field = self._field(index)
        value = index.data(Qt.ItemDataRole.EditRole)
        if field is not None and field.type in ("date", "partial_date") and value:
            with contextlib.suppress(ValueError):  # an unreadable stored date: as it is
                value = PartialDate.parse(str(value)).dutch()
        as_editor(editor).set_value(value)

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: Index) -> None:
        field = self._field(index)
        value = as_editor(editor).value()
        if field is not None and field.type in ("date", "partial_date") and value:
            try:
                value = str(parse_dutch(str(value)))
            except ValueError:
                return  # not a date: nothing is stored, the old value stays
        model.setData(index, value, Qt.ItemDataRole.EditRole)
