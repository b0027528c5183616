"""The model behind the case list: every family in the store, searchable by name.

``CaseListModel`` columns:
    0 Gezin      the family name
    1 Fase       the phase of the case (its Dutch label)
    2 Regisseur  who holds regie
Roles: ``CASE_ID_ROLE`` (the case id), ``SEARCH_ROLE`` (family and person names,
folded: lower case, no accents) and ``SORT_ROLE`` (the cell folded, so 'Özdemir' sorts
with the O whatever the system's locale). The names are held only while the store is open.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)

from casusregie.ui.case_ops import CaseRow

__all__ = ["CASE_ID_ROLE", "SEARCH_ROLE", "SORT_ROLE", "CaseFilterProxy", "CaseListModel", "fold"]

CASE_ID_ROLE = Qt.ItemDataRole.UserRole + 1
SEARCH_ROLE = Qt.ItemDataRole.UserRole + 2
SORT_ROLE = Qt.ItemDataRole.UserRole + 3
Index = QModelIndex | QPersistentModelIndex


def fold(text: str) -> str:
    """Lower case without accents, so 'Özdemir' is found by 'ozdemir'."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


class CaseListModel(QAbstractTableModel):
    COLUMNS = 3

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[CaseRow] = []
        self._search: list[str] = []

    def set_rows(self, rows: Sequence[CaseRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self._search = [fold("\n".join((r.family_name, *r.person_names))) for r in rows]
        self.endResetModel()

    def clear(self) -> None:
        self.set_rows([])

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 (Qt)
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 (Qt)
        return 0 if parent.isValid() else self.COLUMNS

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        row = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return (row.family_name, row.phase, row.regisseur)[index.column()]
        if role == SORT_ROLE:
            return fold((row.family_name, row.phase, row.regisseur)[index.column()])
        if role == CASE_ID_ROLE:
            return row.case_id
        if role == SEARCH_ROLE:
            return self._search[index.row()]
        return None

    def headerData(
        self,
        section: int,
        orientation: Qt.Orientation,
        role: int = Qt.ItemDataRole.DisplayRole,
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole or not 0 <= section < self.COLUMNS:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return self.tr(("Gezin", "Fase", "Regisseur")[section])
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable


class CaseFilterProxy(QSortFilterProxyModel):
    """Keeps the rows whose family or person names contain every word typed."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._words: list[str] = []
        self.setSortRole(SORT_ROLE)

    def set_query(self, text: str) -> None:
        if hasattr(self, "beginFilterChange"):  # Qt 6.9 and later
            self.beginFilterChange()
            self._words = fold(text).split()
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:
            self._words = fold(text).split()
            self.invalidateRowsFilter()

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        if not self._words:
            return True
        model = self.sourceModel()
        text = str(model.data(model.index(source_row, 0, source_parent), SEARCH_ROLE) or "")
        return all(word in text for word in self._words)
