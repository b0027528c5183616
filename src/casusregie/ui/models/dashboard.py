"""The two lists on the dashboard: every finding of the rules, and the children.

``FindingsModel`` (one column): the findings of ``check_case``, most urgent first (acuut,
aandacht, administratief, ter info). Repeated findings of one rule and code are one line
with a count ("en nog 8 van deze soort"); Enter or a click on that line opens it to
show each one, and again closes it. Every single finding leads to where it is resolved.
Roles: DisplayRole "<Severity>: <message>" (the severity in words, never colour alone),
ToolTipRole the rule's name and where Enter leads, ``TARGET_ROLE`` the ``Target`` (None
on a group line), ``CODE_ROLE`` the finding's code, ``GROUP_ROLE`` the group's number on
a group line (None elsewhere).

``ChildrenModel`` columns: Kind, Leeftijd, Laatst gesproken, Vergewisplicht.
Roles: ``TARGET_ROLE`` where the conversations with this child are recorded.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QObject,
    QSize,
    Qt,
)
from PySide6.QtGui import QFont

from casusregie.domain.overview import ChildRow, dutch_date
from casusregie.domain.rules import RULES
from casusregie.domain.rules.base import Finding, Target, grouped
from casusregie.domain.rules.children import AGE_GROUPS
from casusregie.ui.models.base import Index, RowTableModel

__all__ = ["CODE_ROLE", "GROUP_ROLE", "TARGET_ROLE", "ChildrenModel", "FindingsModel"]

TARGET_ROLE = Qt.ItemDataRole.UserRole + 1
CODE_ROLE = Qt.ItemDataRole.UserRole + 2
GROUP_ROLE = Qt.ItemDataRole.UserRole + 3


class FindingsModel(QAbstractListModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._groups: list[list[Finding]] = []
        self._open: set[int] = set()
        #: (group, member) per row; member None: the group's own line
        self._rows: list[tuple[int, int | None]] = []
        #: the size a row's text needs at the list's width (SizeHintRole), set by the
        #: view's page; no Python item delegate (PySide 6.12 leaks None through those)
        self.measure: Callable[[str, Any], QSize] | None = None

    def set_findings(self, findings: Sequence[Finding]) -> None:
        self.beginResetModel()
        self._groups = grouped(list(findings))
        self._open = set()
        self._layout()
        self.endResetModel()

    def _layout(self) -> None:
        self._rows = []
        for g, group in enumerate(self._groups):
            if len(group) == 1:
                self._rows.append((g, 0))
                continue
            self._rows.append((g, None))
            if g in self._open:
                self._rows += [(g, m) for m in range(len(group))]

    def toggle(self, group: int) -> None:
        """Open or close the lines of a repeated finding."""
        self.beginResetModel()
        self._open ^= {group}
        self._layout()
        self.endResetModel()

    def expand_all(self) -> None:
        self.beginResetModel()
        self._open = set(range(len(self._groups)))
        self._layout()
        self.endResetModel()

    def clear(self) -> None:
        self.set_findings([])

    def findings(self) -> list[Finding]:
        return [f for group in self._groups for f in group]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 (Qt)
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 (Qt)
        return 0 if parent.isValid() else 1

    def _label(self, severity: str) -> str:
        return {
            "acuut": self.tr("Acuut"),
            "aandacht": self.tr("Aandacht"),
            "administratief": self.tr("Administratief"),
        }.get(severity, self.tr("Ter info"))

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        if role == Qt.ItemDataRole.SizeHintRole:
            if self.measure is None:
                return None
            return self.measure(
                str(self.data(index, Qt.ItemDataRole.DisplayRole) or ""),
                self.data(index, Qt.ItemDataRole.FontRole),
            )
        g, member = self._rows[index.row()]
        group = self._groups[g]
        finding = group[member or 0]
        if role == Qt.ItemDataRole.DisplayRole:
            if member is None:
                more = (
                    self.tr("klik om ze te verbergen")
                    if g in self._open
                    else self.tr("klik om ze te tonen")
                )
                return self.tr(
                    "{level} ({n}×): {message} (en nog {rest} van deze soort; {more})"
                ).format(
                    level=self._label(finding.severity),
                    n=len(group),
                    message=finding.message,
                    rest=len(group) - 1,
                    more=more,
                )
            if len(group) > 1:
                return f"    · {finding.message}"
            return f"{self._label(finding.severity)}: {finding.message}"
        if role == Qt.ItemDataRole.ToolTipRole:
            if member is None:
                where = self.tr("Enter of klik: de {n} bevindingen tonen of verbergen.").format(
                    n=len(group)
                )
            elif finding.target is not None:
                where = self.tr("Enter of klik: naar het onderdeel waar u dit oplost.")
            else:
                where = self.tr("Hier hoort geen apart onderdeel bij.")
            return f"{RULES.get(finding.rule, finding.rule)}\n{where}"
        if role == TARGET_ROLE:
            return None if member is None else finding.target
        if role == CODE_ROLE:
            return finding.code
        if role == GROUP_ROLE:
            return g if member is None else None
        if role == Qt.ItemDataRole.FontRole and finding.severity == "acuut":
            font = QFont()
            font.setBold(True)
            return font
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable


class ChildrenModel(RowTableModel[ChildRow]):
    def set_children(self, rows: Sequence[ChildRow]) -> None:
        self.set_rows(rows)

    def headers(self) -> Sequence[str]:
        # short: the overview's column is narrow
        return (self.tr("Kind"), self.tr("Leeftijd"), self.tr("Gesproken"), self.tr("Stand"))

    def header_tip(self, column: int) -> str | None:
        return (
            self.tr("Het kind"),
            self.tr("Leeftijd (de leeftijdsgroep staat bij het getal)"),
            self.tr("Wanneer het kind voor het laatst gesproken is"),
            self.tr("Vergewisplicht: is het kind kort geleden gesproken?"),
        )[column]

    def texts(self, row: ChildRow) -> Sequence[str]:
        age = self.tr("onbekend") if row.age is None else self.tr("{n} jaar").format(n=row.age)
        spoken = dutch_date(row.last_spoken) or self.tr("nog nooit")
        if row.recent:
            status = self.tr("In orde")
        elif row.reason_not:
            status = self.tr("Niet gesproken; de reden is vastgelegd")
        elif row.last_spoken:
            status = self.tr("Let op: te lang geleden gesproken")
        else:
            status = self.tr("Let op: nog nooit gesproken")
        return (row.name or self.tr("(naam onbekend)"), age, spoken, status)

    def extra(self, row: ChildRow, index: Index, role: int) -> Any:
        column = index.column()
        if role == Qt.ItemDataRole.ToolTipRole and column == 1:
            if row.age is not None and row.age_group:
                # the age group (how to talk with the child) in full; the cell: the age
                return self.tr("{n} jaar ({group})").format(
                    n=row.age, group=AGE_GROUPS[row.age_group]
                )
            return None
        if role == TARGET_ROLE:
            return Target(
                template="gesprekken_kinderen", section="gesprekken", person=row.person_id
            )
        if role == Qt.ItemDataRole.FontRole and column == 3 and row.overdue:
            font = QFont()
            font.setBold(True)
            return font
        return None
