"""The history of one field: who changed what, and when (Ctrl+H in a field).

``FieldHistoryModel`` (a table, newest first) has the columns:
    Wanneer   Dutch date and time ("14 mei 2025, 09:32"), local time
    Wie       the author of the change (the regisseur's name on that device)
    Was       the value before, as the form shows it ("(leeg)" when empty)
    Werd      the value after
    Actie     what was done ("Veld gewijzigd: ...", "Ongedaan gemaakt: ...")
Roles: DisplayRole; ToolTipRole with the same text (long answers are cut off).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from casusregie.domain.dates import PartialDate
from casusregie.templates import Field
from casusregie.ui.display import display_text
from casusregie.ui.ops.edit import HistoryEntry
from casusregie.ui.widgets import heading, hint_label

__all__ = ["FieldHistoryModel", "HistoryDialog", "dutch_moment"]

Index = QModelIndex | QPersistentModelIndex


def dutch_moment(millis: int) -> str:
    """'14 mei 2025, 09:32' in local time."""
    moment = dt.datetime.fromtimestamp(millis / 1000).astimezone()
    day = PartialDate(moment.year, moment.month, moment.day).dutch()
    return f"{day}, {moment:%H:%M}"


class FieldHistoryModel(QAbstractTableModel):
    def __init__(
        self,
        field: Field,
        entries: Sequence[HistoryEntry],
        persons: Mapping[str, str],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        empty = QCoreApplication.translate("history_dialog", "(leeg)")
        self._headers = [
            QCoreApplication.translate("history_dialog", text)
            for text in ("Wanneer", "Wie", "Was", "Werd", "Actie")
        ]
        self._rows = [
            [
                dutch_moment(e.millis),
                e.author,
                display_text(field, e.old, persons) or empty,
                display_text(field, e.new, persons) or empty,
                e.action,
            ]
            for e in entries
        ]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 (Qt)
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 (Qt)
        return 0 if parent.isValid() else len(self._headers)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self._rows[index.row()][index.column()]
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self._headers):
            return self._headers[section]
        if orientation == Qt.Orientation.Vertical and 0 <= section < len(self._rows):
            return str(section + 1)
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable


class HistoryDialog(QDialog):
    """Read-only; opened window-modal with ``open()``, so nothing waits on it."""

    def __init__(
        self,
        field: Field,
        entries: Sequence[HistoryEntry],
        persons: Mapping[str, str],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Historie van een veld"))
        self.model = FieldHistoryModel(field, entries, persons, self)
        box = QVBoxLayout(self)
        box.addWidget(heading(self.tr("Historie: {label}").format(label=field.label), 2, self))
        if not entries:
            box.addWidget(hint_label(self.tr("Dit veld is nog nooit ingevuld."), self))
        else:
            box.addWidget(hint_label(self.tr("De nieuwste wijziging staat bovenaan."), self))
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setAccessibleName(self.tr("Wijzigingen van {label}").format(label=field.label))
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setWordWrap(True)
        self.table.setAlternatingRowColors(True)
        header = self.table.horizontalHeader()
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        for column, mode in enumerate(
            [QHeaderView.ResizeMode.ResizeToContents] * 2 + [QHeaderView.ResizeMode.Stretch] * 3
        ):
            header.setSectionResizeMode(column, mode)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        box.addWidget(self.table, 1)
        buttons = QDialogButtonBox(self)
        close = buttons.addButton(self.tr("Sluiten"), QDialogButtonBox.ButtonRole.RejectRole)
        close.setAccessibleName(self.tr("Sluiten"))
        buttons.rejected.connect(self.reject)
        box.addWidget(buttons)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.resize(900, 420)
