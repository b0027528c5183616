"""The two lists on the dashboard: every finding of the rules, and the children.

``FindingsModel`` (one column): each ``Finding`` of ``check_case``, the ones to act on
('Let op') before the ones for information, in the order of ``RULES``.
Roles: DisplayRole "Let op: <message>" (the level in words, never colour alone),
ToolTipRole the rule's name and where Enter leads,
``TARGET_ROLE`` the ``Target`` (or None), ``CODE_ROLE`` the finding's code.

``ChildrenModel`` columns: Kind, Leeftijd, Laatst gesproken, Vergewisplicht.
Roles: ``TARGET_ROLE`` where the conversations with this child are recorded.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QFont

from casusregie.domain.rules import RULES
from casusregie.domain.rules.base import Finding, Target
from casusregie.domain.rules.children import AGE_GROUPS
from casusregie.ui.dashboard_data import ChildRow, dutch_date

__all__ = ["CODE_ROLE", "TARGET_ROLE", "ChildrenModel", "FindingsModel"]

TARGET_ROLE = Qt.ItemDataRole.UserRole + 1
CODE_ROLE = Qt.ItemDataRole.UserRole + 2
Index = QModelIndex | QPersistentModelIndex
_RULE_ORDER = {rule: n for n, rule in enumerate(RULES)}


class FindingsModel(QAbstractListModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[Finding] = []

    def set_findings(self, findings: Sequence[Finding]) -> None:
        self.beginResetModel()
        self._rows = sorted(
            findings, key=lambda f: (f.level != "let_op", _RULE_ORDER.get(f.rule, 99))
        )
        self.endResetModel()

    def clear(self) -> None:
        self.set_findings([])

    def findings(self) -> list[Finding]:
        return list(self._rows)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 (Qt)
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 (Qt)
        return 0 if parent.isValid() else 1

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        finding = self._rows[index.row()]
        act = finding.level == "let_op"
        if role == Qt.ItemDataRole.DisplayRole:
            level = self.tr("Let op") if act else self.tr("Ter info")
            return f"{level}: {finding.message}"
        if role == Qt.ItemDataRole.ToolTipRole:
            where = (
                self.tr("Enter of klik: naar het onderdeel waar u dit oplost.")
                if finding.target is not None
                else self.tr("Hier hoort geen apart onderdeel bij.")
            )
            return f"{RULES.get(finding.rule, finding.rule)}\n{where}"
        if role == TARGET_ROLE:
            return finding.target
        if role == CODE_ROLE:
            return finding.code
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable


class ChildrenModel(QAbstractTableModel):
    COLUMNS = 4

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[ChildRow] = []
        self._cells: list[tuple[str, str, str, str]] = []

    def set_children(self, rows: Sequence[ChildRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self._cells = [self._texts(r) for r in self._rows]
        self.endResetModel()

    def clear(self) -> None:
        self.set_children([])

    def _texts(self, row: ChildRow) -> tuple[str, str, str, str]:
        if row.age is None:
            age = self.tr("onbekend")
        else:
            age = self.tr("{n} jaar ({group})").format(n=row.age, group=AGE_GROUPS[row.age_group])
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

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 (Qt)
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 (Qt)
        return 0 if parent.isValid() else self.COLUMNS

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        row = self._rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self._cells[index.row()][index.column()]
        if role == TARGET_ROLE:
            return Target(
                template="gesprekken_kinderen", section="gesprekken", person=row.person_id
            )
        if role == Qt.ItemDataRole.FontRole and index.column() == 3 and row.overdue:
            font = QFont()
            font.setBold(True)
            return font
        return None

    def headerData(
        self,
        section: int,
        orientation: Qt.Orientation,
        role: int = Qt.ItemDataRole.DisplayRole,
    ) -> Any:
        if (
            role != Qt.ItemDataRole.DisplayRole
            or orientation != Qt.Orientation.Horizontal
            or not 0 <= section < self.COLUMNS
        ):
            return None
        return (
            self.tr("Kind"),
            self.tr("Leeftijd"),
            self.tr("Laatst gesproken"),
            self.tr("Vergewisplicht"),
        )[section]

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
