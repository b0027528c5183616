"""The model behind the case list: every family in the store, searchable by name.

``CaseListModel`` columns:
    0 Gezin      the family name
    1 Fase       the phase of the case (its Dutch label)
    2 Regisseur  who holds regie
    3 Let op     what the case needs attention for (netwerkberaad te laat, ...)
The person names and the flags come a moment after the rows (``set_details``: every
case loaded and checked on a worker).
Roles: ``CASE_ID_ROLE`` (the case id), ``SEARCH_ROLE`` (family and person names,
folded: lower case, no accents) and ``SORT_ROLE`` (the cell folded, so 'Özdemir' sorts
with the O whatever the system's locale), ``PHASE_ROLE`` (the stored phase) and
``FLAGS_ROLE`` (a frozenset of ``case_ops.FLAG_*``, None while not yet known).
The names are held only while the store is open.

``CaseFilterProxy`` keeps the rows that match the search words, the chosen phase (if
any) and at least one of the chosen flags (if any).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)

from casusregie.ui.ops.case import (
    FLAG_CHILD,
    FLAG_HANDOVER,
    FLAG_MEETING_LATE,
    CaseDetails,
    CaseRow,
)

__all__ = [
    "CASE_ID_ROLE",
    "FLAGS",
    "FLAGS_ROLE",
    "PHASE_ROLE",
    "SEARCH_ROLE",
    "SORT_ROLE",
    "CaseFilterProxy",
    "CaseListModel",
    "flag_label",
    "fold",
]

CASE_ID_ROLE = Qt.ItemDataRole.UserRole + 1
SEARCH_ROLE = Qt.ItemDataRole.UserRole + 2
SORT_ROLE = Qt.ItemDataRole.UserRole + 3
PHASE_ROLE = Qt.ItemDataRole.UserRole + 4
FLAGS_ROLE = Qt.ItemDataRole.UserRole + 5
Index = QModelIndex | QPersistentModelIndex
#: the attention flags, in the order the list shows them
FLAGS = (FLAG_MEETING_LATE, FLAG_CHILD, FLAG_HANDOVER)


def flag_label(flag: str) -> str:
    labels = {
        FLAG_MEETING_LATE: QCoreApplication.translate("CaseListModel", "Netwerkberaad te laat"),
        FLAG_CHILD: QCoreApplication.translate("CaseListModel", "Kind niet gesproken"),
        FLAG_HANDOVER: QCoreApplication.translate("CaseListModel", "Overdracht niet compleet"),
    }
    return labels.get(flag, flag)


def fold(text: str) -> str:
    """Lower case without accents, so 'Özdemir' is found by 'ozdemir'."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


class CaseListModel(QAbstractTableModel):
    COLUMNS = 4

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[CaseRow] = []
        self._search: list[str] = []
        self._flags: dict[str, frozenset[str]] = {}
        self._details_known = False

    def set_rows(self, rows: Sequence[CaseRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self._search = [fold("\n".join((r.family_name, *r.person_names))) for r in rows]
        self._flags = {}
        self._details_known = False
        self.endResetModel()

    def set_details(self, details: dict[str, CaseDetails]) -> None:
        """The family members' names (to search on) and what each case needs attention
        for, once every case has been read."""
        self._flags = {case_id: d.flags for case_id, d in details.items()}
        for row, case in enumerate(self._rows):
            found = details.get(case.case_id)
            if found is not None:
                self._search[row] = fold("\n".join((case.family_name, *found.person_names)))
        self._details_known = True
        if self._rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._rows) - 1, 3))

    @property
    def flags_known(self) -> bool:
        """Whether the names and flags of the rows are there (``set_details``)."""
        return self._details_known or not self._rows

    def _cells(self, row: CaseRow) -> tuple[str, str, str, str]:
        flags = self._flags.get(row.case_id, frozenset())
        attention = ", ".join(flag_label(f) for f in FLAGS if f in flags)
        return (row.family_name, row.phase, row.regisseur, attention)

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
            return self._cells(row)[index.column()]
        if role == SORT_ROLE:
            return fold(self._cells(row)[index.column()])
        if role == CASE_ID_ROLE:
            return row.case_id
        if role == SEARCH_ROLE:
            return self._search[index.row()]
        if role == PHASE_ROLE:
            return row.phase_value
        if role == FLAGS_ROLE:
            return self._flags.get(row.case_id)
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
            return (self.tr("Gezin"), self.tr("Fase"), self.tr("Regisseur"), self.tr("Let op"))[
                section
            ]
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable


class CaseFilterProxy(QSortFilterProxyModel):
    """Keeps the rows whose family or person names contain every word typed, in the
    chosen phase, with at least one of the chosen attention flags."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._words: list[str] = []
        self._phase: str | None = None
        self._flags: frozenset[str] = frozenset()
        self.setSortRole(SORT_ROLE)

    def _refilter(self, apply: Callable[[], None]) -> None:
        if hasattr(self, "beginFilterChange"):  # Qt 6.9 and later
            self.beginFilterChange()
            apply()
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:
            apply()
            self.invalidateRowsFilter()

    def set_query(self, text: str) -> None:
        self._refilter(lambda: setattr(self, "_words", fold(text).split()))

    def set_phase(self, phase: str | None) -> None:
        """Only cases in this phase (a ``Phase`` value); None: every phase."""
        self._refilter(lambda: setattr(self, "_phase", phase or None))

    def set_flags(self, flags: frozenset[str]) -> None:
        """Only cases with at least one of these flags; empty: no such filter."""
        self._refilter(lambda: setattr(self, "_flags", frozenset(flags)))

    @property
    def filtering(self) -> bool:
        return bool(self._words or self._phase or self._flags)

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        model = self.sourceModel()
        index = model.index(source_row, 0, source_parent)
        if self._phase is not None and index.data(PHASE_ROLE) != self._phase:
            return False
        if self._flags and not self._flags & (index.data(FLAGS_ROLE) or frozenset()):
            return False
        if not self._words:
            return True
        text = str(index.data(SEARCH_ROLE) or "")
        return all(word in text for word in self._words)
