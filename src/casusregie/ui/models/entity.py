"""``EntityTableModel``: the rows of one list section of a template, as a table.

Columns are the section's fields in template order; the header shows each field's
label, with label and prompt as tooltip. Rows are entities of the case (life events, help
episodes, network persons, relations) or template items, in the order given (the
caller sorts: life events chronologically).

Roles:
    DisplayRole     the value as text (dates in Dutch, choices by label, names for ids)
    ToolTipRole     the same text, for long values cut off in a narrow column
    ENTITY_ID_ROLE  the row's entity id (``entity(row)`` gives the entity, for editing)
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)

from casusregie.domain.model import Entity
from casusregie.templates import Section
from casusregie.templates.values import CaseValues
from casusregie.ui.display import display_text

__all__ = ["ENTITY_ID_ROLE", "EntityTableModel"]

ENTITY_ID_ROLE = Qt.ItemDataRole.UserRole + 1
Index = QModelIndex | QPersistentModelIndex


class EntityTableModel(QAbstractTableModel):
    def __init__(self, section: Section, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._section = section
        self._fields = section.fields
        self._rows: list[Entity] = []
        #: each row's texts, made when the row is first shown (2,000 rows: no waiting)
        self._cells: list[list[str] | None] = []
        self._persons: Mapping[str, str] = {}

    @property
    def section(self) -> Section:
        return self._section

    def set_rows(self, rows: Sequence[Entity], persons: Mapping[str, str]) -> None:
        """Show ``rows``; ``persons`` maps person ids to names for person fields."""
        self.beginResetModel()
        self._rows = list(rows)
        self._persons = persons
        self._cells = [None] * len(self._rows)
        self.endResetModel()

    def _texts(self, row: int) -> list[str]:
        cells = self._cells[row]
        if cells is None:
            entity, persons = self._rows[row], self._persons
            cells = [
                display_text(f, CaseValues.row_value(entity, f), persons) for f in self._fields
            ]
            self._cells[row] = cells
        return cells

    def entity(self, row: int) -> Entity | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of(self, entity_id: str) -> int:
        """The row showing ``entity_id``, or -1."""
        return next((r for r, e in enumerate(self._rows) if e.id == entity_id), -1)

    def clear(self) -> None:
        self.beginResetModel()
        self._rows = []
        self._cells = []
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 (Qt)
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 (Qt)
        return 0 if parent.isValid() else len(self._fields)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._cells):
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            text = self._texts(index.row())[index.column()]
            return text if text or role == Qt.ItemDataRole.DisplayRole else None
        if role == ENTITY_ID_ROLE:
            return self._rows[index.row()].id
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        return None

    def headerData(
        self,
        section: int,
        orientation: Qt.Orientation,
        role: int = Qt.ItemDataRole.DisplayRole,
    ) -> Any:
        if orientation == Qt.Orientation.Vertical:
            if role == Qt.ItemDataRole.DisplayRole and 0 <= section < len(self._rows):
                return str(section + 1)
            return None
        if not 0 <= section < len(self._fields):
            return None
        field = self._fields[section]
        if role == Qt.ItemDataRole.DisplayRole:
            return field.label
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{field.label}\n{field.prompt}" if field.prompt else field.label
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
