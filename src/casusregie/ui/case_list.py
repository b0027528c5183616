"""The case list page: search, pick a family, open its case.

Keyboard: type in the search field, Down moves into the list, Enter opens the case
(from the search field: the selected or first case). A double click opens too.
The rows come from the store through a query; they are cleared when the app locks.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent, QModelIndex, QObject, Qt, Signal, Slot
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from casusregie.store.database import Change
from casusregie.ui.case_list_model import CASE_ID_ROLE, CaseFilterProxy, CaseListModel
from casusregie.ui.case_ops import CaseRow, case_rows
from casusregie.ui.session import Session
from casusregie.ui.widgets import heading, hint_label

__all__ = ["CaseFilterProxy", "CaseListModel", "CaseListPage"]


class CaseListPage(QWidget):
    open_requested = Signal(str)  # case id
    loaded = Signal()

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self.model = CaseListModel(self)
        self.proxy = CaseFilterProxy(self)
        self.proxy.setSourceModel(self.model)
        self._setup_ui()
        session.changed.connect(self._on_changed)

    def _setup_ui(self) -> None:
        box = QVBoxLayout(self)
        box.setContentsMargins(16, 12, 16, 12)
        box.addWidget(heading(self.tr("Casussen"), 1, self))
        self.search = QLineEdit(self)
        self.search.setPlaceholderText(self.tr("Zoek op gezin of persoon"))
        self.search.setAccessibleName(self.tr("Zoek op gezin of persoon"))
        self.search.setClearButtonEnabled(True)
        self.search.installEventFilter(self)
        box.addWidget(self.search)
        box.addWidget(
            hint_label(
                self.tr("Kies een gezin en druk op Enter (of dubbelklik) om de casus te openen."),
                self,
            )
        )
        self.table = QTableView(self)
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setTabKeyNavigation(False)
        self.table.verticalHeader().setVisible(False)
        self.table.setAccessibleName(self.tr("Casussen"))
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in (1, 2):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        box.addWidget(self.table, 1)
        self.status = hint_label("", self)
        box.addWidget(self.status)
        self.search.textChanged.connect(self._filter)
        self.search.returnPressed.connect(self._open_current)
        self.table.activated.connect(self._open_index)

    # -- data --------------------------------------------------------------------

    def reload(self) -> None:
        self._session.query(self, case_rows, self._show)

    def _show(self, rows: Sequence[CaseRow]) -> None:
        self.model.set_rows(rows)
        self._select_first()
        self._update_status()
        self.loaded.emit()

    @Slot(object)
    def _on_changed(self, changes: Sequence[Change]) -> None:
        if changes and self._session.is_unlocked:
            self.reload()

    def clear(self) -> None:
        """Forget every row and the search text (it may be a name)."""
        self.search.setText("")
        self.model.clear()
        self.status.setText("")

    # -- search and open -----------------------------------------------------------

    @Slot(str)
    def _filter(self, text: str) -> None:
        self.proxy.set_query(text)
        self._select_first()
        self._update_status()

    def _select_first(self) -> None:
        if self.proxy.rowCount() and not self.table.currentIndex().isValid():
            self.table.setCurrentIndex(self.proxy.index(0, 0))
        elif self.proxy.rowCount():
            self.table.selectRow(self.table.currentIndex().row())

    def _update_status(self) -> None:
        shown, total = self.proxy.rowCount(), self.model.rowCount()
        if total == 0:
            text = self.tr("Er zijn nog geen casussen.")
        elif shown == 0:
            text = self.tr("Geen gezin of persoon gevonden met deze zoekterm.")
        elif shown == total:
            text = self.tr("1 casus") if total == 1 else self.tr("{n} casussen").format(n=total)
        else:
            text = self.tr("{shown} van {total} casussen").format(shown=shown, total=total)
        self.status.setText(text)

    @Slot()
    def _open_current(self) -> None:
        index = self.table.currentIndex()
        if not index.isValid() and self.proxy.rowCount():
            index = self.proxy.index(0, 0)
        self._open_index(index)

    @Slot(QModelIndex)
    def _open_index(self, index: QModelIndex) -> None:
        if index.isValid():
            self.open_requested.emit(str(index.data(CASE_ID_ROLE)))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.search and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            if event.key() in (Qt.Key.Key_Down, Qt.Key.Key_PageDown) and self.proxy.rowCount():
                self.table.setFocus()
                self._select_first()
                return True
        return super().eventFilter(watched, event)
