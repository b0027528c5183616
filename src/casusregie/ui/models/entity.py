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

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from PySide6.QtCore import QObject, Qt

from casusregie.domain.model import Entity
from casusregie.templates import Section
from casusregie.templates.values import CaseValues
from casusregie.ui.display import display_text
from casusregie.ui.models.base import Index, RowTableModel

__all__ = ["ENTITY_ID_ROLE", "EntityTableModel"]

ENTITY_ID_ROLE = Qt.ItemDataRole.UserRole + 1


class EntityTableModel(RowTableModel[Entity]):
    NUMBERED = True
    TOP_LEFT = True

    def __init__(self, section: Section, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._section = section
        self._fields = section.fields
        self._persons: Mapping[str, str] = {}

    @property
    def section(self) -> Section:
        return self._section

    def set_rows(self, rows: Iterable[Entity], persons: Mapping[str, str] | None = None) -> None:
        """Show ``rows``; ``persons`` maps person ids to names for person fields."""
        if persons is not None:
            self._persons = persons
        super().set_rows(rows)

    def entity(self, row: int) -> Entity | None:
        return self.row(row)

    def row_of(self, entity_id: str) -> int:
        """The row showing ``entity_id``, or -1."""
        return self.find(lambda e: e.id == entity_id)

    def headers(self) -> Sequence[str]:
        return [f.label for f in self._fields]

    def header_tip(self, column: int) -> str | None:
        field = self._fields[column]
        return f"{field.label}\n{field.prompt}" if field.prompt else field.label

    def texts(self, row: Entity) -> Sequence[str]:
        return [display_text(f, CaseValues.row_value(row, f), self._persons) for f in self._fields]

    def extra(self, row: Entity, index: Index, role: int) -> Any:
        return row.id if role == ENTITY_ID_ROLE else None
