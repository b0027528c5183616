"""The model behind the case list: every family in the store, searchable by name.

``CaseListModel`` columns:
    0 Gezin              the family name
    1 Indexkind          the child the case is about (when one is marked)
    2 Fase               the phase of the case (its Dutch label)
    3 Regisseur          who holds regie
    4 Volgende termijn   the first thing due: its day and what; an overdue one starts
                         with "Te laat:" (and is red and bold: not by colour alone)
    5 Laatste wijziging  when the case was last changed on this device
    6 Let op             what the case needs attention for (netwerkberaad te laat, ...)
The person names, the flags and the deadline come a moment after the rows
(``set_details``: every case loaded and checked on a worker).
Roles: ``CASE_ID_ROLE`` (the case id), ``SEARCH_ROLE`` (family and person names,
folded: lower case, no accents) and ``SORT_ROLE`` (the cell folded, so 'Özdemir' sorts
with the O whatever the system's locale), ``PHASE_ROLE`` (the stored phase) and
``FLAGS_ROLE`` (a frozenset of ``ops.case.FLAG_*``, None while not yet known).
Dates sort as dates (an empty cell last when ascending), not as their Dutch text.
The names are held only while the store is open.

``CaseFilterProxy`` keeps the rows that match the search words, the chosen phase (if
any) and at least one of the chosen flags (if any).
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from PySide6.QtCore import (
    QCoreApplication,
    QObject,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QBrush, QColor, QFont

from casusregie.domain.dates import PartialDate
from casusregie.ui.models.base import Index, RowTableModel
from casusregie.ui.ops.case import (
    FLAG_CHILD,
    FLAG_HANDOVER,
    FLAG_MEETING_LATE,
    CaseDetails,
    CaseRow,
)

__all__ = [
    "CASE_ID_ROLE",
    "COL_ATTENTION",
    "COL_CHANGED",
    "COL_CHILD",
    "COL_DEADLINE",
    "COL_FAMILY",
    "COL_PHASE",
    "COL_REGISSEUR",
    "FLAGS",
    "FLAGS_ROLE",
    "PHASE_ROLE",
    "SEARCH_ROLE",
    "SORT_ROLE",
    "CaseFilterProxy",
    "CaseListModel",
    "changed_text",
    "deadline_text",
    "flag_label",
    "fold",
]

CASE_ID_ROLE = Qt.ItemDataRole.UserRole + 1
SEARCH_ROLE = Qt.ItemDataRole.UserRole + 2
SORT_ROLE = Qt.ItemDataRole.UserRole + 3
PHASE_ROLE = Qt.ItemDataRole.UserRole + 4
FLAGS_ROLE = Qt.ItemDataRole.UserRole + 5
#: the attention flags, in the order the list shows them
FLAGS = (FLAG_MEETING_LATE, FLAG_CHILD, FLAG_HANDOVER)
COL_FAMILY, COL_CHILD, COL_PHASE, COL_REGISSEUR, COL_DEADLINE, COL_CHANGED, COL_ATTENTION = range(7)
#: a deadline's "what" is cut to this many characters in the cell (whole in the tooltip)
WHAT_CHARS = 38
OVERDUE_COLOUR = QColor("#a01818")
_MONTHS = ("jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec")


def short_date(day: dt.date, today: dt.date) -> str:
    """'3 dec' this year, '3 dec 2025' another year."""
    text = f"{day.day} {_MONTHS[day.month - 1]}"
    return text if day.year == today.year else f"{text} {day.year}"


def long_date(day: dt.date) -> str:
    """'3 december 2026'."""
    return PartialDate.from_date(day).dutch()


def deadline_text(deadline: tuple[dt.date, str] | None, today: dt.date, cut: bool = True) -> str:
    """'12 dec · Netwerkberaad'; overdue: 'Te laat: 3 dec · Netwerkberaad'."""
    if deadline is None:
        return ""
    day, what = deadline
    what = " ".join(what.split())
    if cut and len(what) > WHAT_CHARS:
        what = what[: WHAT_CHARS - 1].rstrip() + "…"
    text = f"{short_date(day, today)} · {what}"
    if day < today:
        return QCoreApplication.translate("CaseListModel", "Te laat: {text}").format(text=text)
    return text


def changed_text(when: dt.datetime | None, today: dt.date) -> str:
    """'vandaag 14:03', 'gisteren 09:12', or the day ('3 dec')."""
    if when is None:
        return ""
    day = when.date()
    if day == today:
        return QCoreApplication.translate("CaseListModel", "vandaag {time}").format(
            time=when.strftime("%H:%M")
        )
    if day == today - dt.timedelta(days=1):
        return QCoreApplication.translate("CaseListModel", "gisteren {time}").format(
            time=when.strftime("%H:%M")
        )
    return short_date(day, today)


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


class CaseListModel(RowTableModel[CaseRow]):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._search: list[str] = []
        self._flags: dict[str, frozenset[str]] = {}
        self._deadlines: dict[str, tuple[dt.date, str] | None] = {}
        self._details_known = False
        self._today: Callable[[], dt.date] = dt.date.today

    @property
    def today(self) -> Callable[[], dt.date]:
        """The day "te laat", "vandaag" and "gisteren" are reckoned from."""
        return self._today

    @today.setter
    def today(self, today: Callable[[], dt.date]) -> None:
        self._today = today
        self.refresh()

    def set_rows(self, rows: Iterable[CaseRow]) -> None:
        rows = list(rows)
        self._search = [fold("\n".join((r.family_name, *r.person_names))) for r in rows]
        self._flags = {}
        self._deadlines = {}
        self._details_known = False
        super().set_rows(rows)

    def set_details(self, details: dict[str, CaseDetails]) -> None:
        """The family members' names (to search on) and what each case needs attention
        for, once every case has been read."""
        self._flags = {case_id: d.flags for case_id, d in details.items()}
        self._deadlines = {case_id: d.next_deadline for case_id, d in details.items()}
        for row, case in enumerate(self._rows):
            found = details.get(case.case_id)
            if found is not None:
                self._search[row] = fold("\n".join((case.family_name, *found.person_names)))
        self._details_known = True
        self.refresh()

    @property
    def flags_known(self) -> bool:
        """Whether the names and flags of the rows are there (``set_details``)."""
        return self._details_known or not self._rows

    def headers(self) -> Sequence[str]:
        return (
            self.tr("Gezin"),
            self.tr("Indexkind"),
            self.tr("Fase"),
            self.tr("Regisseur"),
            self.tr("Volgende termijn"),
            self.tr("Laatste wijziging"),
            self.tr("Let op"),
        )

    def texts(self, row: CaseRow) -> Sequence[str]:
        today = self.today()
        flags = self._flags.get(row.case_id, frozenset())
        return (
            row.family_name,
            row.index_child,
            row.phase,
            row.regisseur,
            deadline_text(self._deadlines.get(row.case_id), today),
            changed_text(row.last_change, today),
            ", ".join(flag_label(f) for f in FLAGS if f in flags),
        )

    def _sort_key(self, row: CaseRow, number: int, column: int) -> str:
        # Dates as ISO text (the empty ones after them); the rest folded.
        if column == COL_DEADLINE:
            due = self._deadlines.get(row.case_id)
            return "~" if due is None else due[0].isoformat() + fold(due[1])
        if column == COL_CHANGED:
            return "~" if row.last_change is None else row.last_change.isoformat()
        return fold(self.cell(number, column))

    def _overdue(self, row: CaseRow, today: dt.date) -> bool:
        due = self._deadlines.get(row.case_id)
        return due is not None and due[0] < today

    def extra(self, row: CaseRow, index: Index, role: int) -> Any:
        column = index.column()
        if role == SORT_ROLE:
            return self._sort_key(row, index.row(), column)
        if column == COL_DEADLINE and role in (
            Qt.ItemDataRole.ForegroundRole,
            Qt.ItemDataRole.FontRole,
        ):
            if not self._overdue(row, self.today()):
                return None
            if role == Qt.ItemDataRole.FontRole:
                font = QFont()
                font.setBold(True)
                return font
            return QBrush(OVERDUE_COLOUR)
        # The tooltip: the whole text where a cell is cut (the base), the deadline and
        # the last change in words.
        if role == Qt.ItemDataRole.ToolTipRole and column in (COL_DEADLINE, COL_CHANGED):
            return self._tooltip(row, column)
        if role == CASE_ID_ROLE:
            return row.case_id
        if role == SEARCH_ROLE:
            return self._search[index.row()]
        if role == PHASE_ROLE:
            return row.phase_value
        if role == FLAGS_ROLE:
            return self._flags.get(row.case_id)
        return None

    def _tooltip(self, row: CaseRow, column: int) -> str | None:
        if column == COL_CHANGED:
            if row.last_change is None:
                return None
            return self.tr("Laatst gewijzigd op {day} om {time}").format(
                day=long_date(row.last_change.date()), time=row.last_change.strftime("%H:%M")
            )
        due = self._deadlines.get(row.case_id)
        if due is None:
            return None
        what = " ".join(due[1].split())
        if due[0] < self.today():
            return self.tr("Te laat: {what}, was {day}").format(what=what, day=long_date(due[0]))
        return self.tr("{what}, uiterlijk {day}").format(what=what, day=long_date(due[0]))


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
