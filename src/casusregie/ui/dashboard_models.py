"""The two lists on the dashboard: every finding of the rules, and the children.

``FindingsModel`` (one column): the findings of ``check_case``, ranked: the ones to act
on ('Let op') first, the most acute first (the finding's ``severity`` where the rules
give one, else ``FALLBACK_RANK`` by rule), then in the order of ``RULES``. Findings of
the same kind (rule and code) are one row with a count: "Let op: Afspraak over tijd
(26×)"; the tooltip lists them, Enter leads to the first.
Roles: DisplayRole "Let op: <message>" (the level in words, never colour alone),
ToolTipRole the rule's name, the findings of a collapsed row and where Enter leads,
``TARGET_ROLE`` the ``Target`` (or None), ``CODE_ROLE`` the finding's code,
``COUNT_ROLE`` how many findings the row stands for.

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

from casusregie.domain.rules import RULES, agreements, children, facts, handover, meetings
from casusregie.domain.rules import phase as phase_rule
from casusregie.domain.rules import safety as safety_rule
from casusregie.domain.rules.base import Finding, Target
from casusregie.domain.rules.children import AGE_GROUPS
from casusregie.ui.dashboard_data import ChildRow, dutch_date

__all__ = [
    "CODE_ROLE",
    "COUNT_ROLE",
    "FALLBACK_RANK",
    "TARGET_ROLE",
    "ChildrenModel",
    "FindingsModel",
    "rank",
]

TARGET_ROLE = Qt.ItemDataRole.UserRole + 1
CODE_ROLE = Qt.ItemDataRole.UserRole + 2
COUNT_ROLE = Qt.ItemDataRole.UserRole + 3
Index = QModelIndex | QPersistentModelIndex
_RULE_ORDER = {rule: n for n, rule in enumerate(RULES)}
#: how acute a rule's findings are when the finding itself says nothing (0 = most):
#: safety first, then a child not seen and the network not met, then the rest
FALLBACK_RANK = {
    safety_rule.RULE: 0,
    children.RULE: 1,
    meetings.RULE: 1,
    agreements.RULE: 2,
    phase_rule.RULE: 2,
    handover.RULE: 3,
    facts.RULE: 3,
}
#: severities by name (the rules may give one: a word, a number or an enum)
_SEVERITY_WORDS = {
    "acuut": 0,
    "acute": 0,
    "critical": 0,
    "kritiek": 0,
    "hoog": 1,
    "high": 1,
    "urgent": 1,
    "midden": 2,
    "middel": 2,
    "medium": 2,
    "normaal": 2,
    "laag": 3,
    "low": 3,
    "info": 4,
}


def _severity(finding: Finding) -> int:
    value = getattr(finding, "severity", None)
    if value is not None:
        number = getattr(value, "rank", None)
        if isinstance(number, int):
            return number
        if isinstance(value, int) and not isinstance(value, bool):
            return value
        word = str(getattr(value, "value", value)).strip().lower()
        if word in _SEVERITY_WORDS:
            return _SEVERITY_WORDS[word]
    return FALLBACK_RANK.get(finding.rule, 3)


def rank(finding: Finding) -> tuple[bool, int, int]:
    """Sort key: to act on first, then the most acute, then the order of the rules."""
    return (finding.level != "let_op", _severity(finding), _RULE_ORDER.get(finding.rule, 99))


def _common_head(group: Sequence[Finding]) -> str:
    """The text before ':' when every finding of a group starts with it ('Afspraak over
    tijd'), else ''."""
    heads = {f.message.split(":", 1)[0] for f in group if ":" in f.message}
    if len(heads) == 1 and all(":" in f.message for f in group):
        return heads.pop()
    return ""


class FindingsModel(QAbstractListModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._groups: list[list[Finding]] = []

    def set_findings(self, findings: Sequence[Finding]) -> None:
        self.beginResetModel()
        groups: dict[tuple[str, str, str], list[Finding]] = {}
        for finding in sorted(findings, key=rank):
            groups.setdefault((finding.level, finding.rule, finding.code), []).append(finding)
        self._groups = list(groups.values())
        self.endResetModel()

    def clear(self) -> None:
        self.set_findings([])

    def findings(self) -> list[Finding]:
        """Every finding, ranked (a collapsed row's findings one after the other)."""
        return [f for group in self._groups for f in group]

    def group(self, row: int) -> list[Finding]:
        return list(self._groups[row]) if 0 <= row < len(self._groups) else []

    def _text(self, group: list[Finding]) -> str:
        finding = group[0]
        level = self.tr("Let op") if finding.level == "let_op" else self.tr("Ter info")
        if len(group) == 1:
            return f"{level}: {finding.message}"
        head = _common_head(group)
        if head:
            return f"{level}: {head} ({len(group)}×)"
        return self.tr("{level}: {message} (en nog {n} vergelijkbare)").format(
            level=level, message=finding.message, n=len(group) - 1
        )

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 (Qt)
        return 0 if parent.isValid() else len(self._groups)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 (Qt)
        return 0 if parent.isValid() else 1

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._groups):
            return None
        group = self._groups[index.row()]
        finding = group[0]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(group)
        if role == COUNT_ROLE:
            return len(group)
        if role == Qt.ItemDataRole.ToolTipRole:
            where = (
                self.tr("Enter of klik: naar het onderdeel waar u dit oplost.")
                if finding.target is not None
                else self.tr("Hier hoort geen apart onderdeel bij.")
            )
            lines = [RULES.get(finding.rule, finding.rule)]
            if len(group) > 1:
                lines += [f"• {f.message}" for f in group[:12]]
                if len(group) > 12:
                    lines.append(self.tr("… en nog {n}").format(n=len(group) - 12))
            return "\n".join([*lines, where])
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
