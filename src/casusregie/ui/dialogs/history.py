"""The history of one field: who changed what, and when (Ctrl+H in a field).

``HistoryDialog`` shows ``models.history.FieldHistoryModel`` (newest first), read-only.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from PySide6.QtCore import (
    QModelIndex,
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

from casusregie.templates import Field
from casusregie.ui.models.history import FieldHistoryModel
from casusregie.ui.ops.edit import HistoryEntry
from casusregie.ui.widgets import heading, hint_label

__all__ = ["HistoryDialog"]

Index = QModelIndex | QPersistentModelIndex


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
