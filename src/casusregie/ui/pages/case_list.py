"""The case list page: search, pick a family, open its case.

Keyboard: type in the search field, Down moves into the list, Enter opens the case
(from the search field: the selected or first case). A double click opens too.
The rows come from the store through a query; they are cleared when the app locks.

Columns: gezin, indexkind, fase, regisseur, volgende termijn (an overdue one reads
"Te laat: …", red and bold), laatste wijziging, let op; a click on a header sorts
(dates as dates). Filters: the phase, and "alleen met" netwerkberaad te laat / kind niet gesproken /
overdracht niet compleet (a case shows if it has at least one of the ticked ones). Those
come from the rules (``check_case``), run on a worker after the rows are shown; the
family members' names to search on come with them (``ops.case.case_details``).
"Nieuwe casus" (Ctrl+N) asks for the family name, regisseur and phase, makes the case
through the change API and opens it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence

from PySide6.QtCore import QEvent, QModelIndex, QObject, Qt, Signal, Slot
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from casusregie.domain.model import Phase
from casusregie.store.database import Change, Store
from casusregie.ui.dialogs.new_case import NewCase, NewCaseDialog
from casusregie.ui.models.case_list import (
    CASE_ID_ROLE,
    COL_ATTENTION,
    FLAGS,
    CaseFilterProxy,
    CaseListModel,
    flag_label,
)
from casusregie.ui.operations import user_message
from casusregie.ui.ops.case import CaseDetails, CaseRow, case_details, case_rows, create_case
from casusregie.ui.session import Session
from casusregie.ui.widgets import heading, hint_label

__all__ = ["CaseFilterProxy", "CaseListModel", "CaseListPage"]


class CaseListPage(QWidget):
    open_requested = Signal(str)  # case id
    loaded = Signal()
    #: every case was read: search on family members and the attention filters work
    flags_loaded = Signal()

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self.today: Callable[[], dt.date] = dt.date.today
        self._author = ""
        self._details_stale = False
        self.new_case_dialog: NewCaseDialog | None = None
        self.model = CaseListModel(self)
        self.model.today = lambda: self.today()
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
        box.addLayout(self._filter_row())
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
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        # Each column as wide as its content up to a cap (longer: cut with "…", whole
        # in the tooltip); "Let op" takes the rest. A narrow window keeps every column.
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setMaximumSectionSize(self.fontMetrics().horizontalAdvance("M" * 20))
        header.setSectionResizeMode(COL_ATTENTION, QHeaderView.ResizeMode.Stretch)
        header.setSortIndicatorShown(True)
        box.addWidget(self.table, 1)
        self.status = hint_label("", self)
        box.addWidget(self.status)
        self.search.textChanged.connect(self._filter)
        self.search.returnPressed.connect(self._open_current)
        self.table.activated.connect(self._open_index)

    def _filter_row(self) -> QVBoxLayout:
        """Two lines (the phase and Nieuwe casus; the attention filters), so the list
        also fits a narrow window (200% scaling on a laptop screen)."""
        rows = QVBoxLayout()
        rows.setSpacing(6)
        row = QHBoxLayout()
        row.setSpacing(10)
        self.phase_filter = QComboBox(self)
        self.phase_filter.setAccessibleName(self.tr("Toon fase"))
        self.phase_filter.addItem(self.tr("Alle fasen"), None)
        for phase in Phase:
            self.phase_filter.addItem(phase.label, phase.value)
        phase_label = QLabel(self.tr("&Fase:"), self)
        phase_label.setBuddy(self.phase_filter)
        row.addWidget(phase_label)
        row.addWidget(self.phase_filter)
        row.addStretch(1)
        flags = QHBoxLayout()
        flags.setSpacing(10)
        flags.addWidget(QLabel(self.tr("Alleen met:"), self))
        self.flag_boxes: dict[str, QCheckBox] = {}
        for flag in FLAGS:
            check = QCheckBox(flag_label(flag), self)
            check.setAccessibleName(self.tr("Alleen met: {what}").format(what=flag_label(flag)))
            check.toggled.connect(self._filter_flags)
            self.flag_boxes[flag] = check
            flags.addWidget(check)
        flags.addStretch(1)
        self.new_case_action = QAction(self.tr("Nieuwe casus…"), self)
        self.new_case_action.setShortcut(QKeySequence(QKeySequence.StandardKey.New))
        self.new_case_action.setToolTip(self.tr("Nieuwe casus (Ctrl+N)"))
        self.new_case_action.triggered.connect(self.new_case)
        self.addAction(self.new_case_action)
        self.new_case_button = QPushButton(self.tr("Nieuwe casus…"), self)
        self.new_case_button.setToolTip(self.tr("Nieuwe casus (Ctrl+N)"))
        self.new_case_button.setAccessibleName(self.tr("Nieuwe casus"))
        self.new_case_button.clicked.connect(self.new_case_action.trigger)
        row.addWidget(self.new_case_button)
        self.phase_filter.currentIndexChanged.connect(self._filter_phase)
        rows.addLayout(row)
        rows.addLayout(flags)
        return rows

    # -- data --------------------------------------------------------------------

    def reload(self, details: bool = True) -> None:
        """Read the rows; then (or, with ``details`` False, once the page is shown) read
        every case for the names and flags."""
        self._session.query(self, case_rows, lambda rows: self._show(rows, details))
        self._session.query(self, lambda store: store.author, self._set_author)

    def _show(self, rows: Sequence[CaseRow], details: bool = True) -> None:
        self.model.set_rows(rows)
        self._select_first()
        self._update_status()
        self.loaded.emit()
        self._details_stale = True
        if details or self.isVisible():
            self._read_details()

    def _read_details(self) -> None:
        self._details_stale = False
        today = self.today()
        self._session.query(self, lambda store: case_details(store, today), self._show_details)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._details_stale and self._session.is_unlocked:
            self._read_details()

    def _show_details(self, details: dict[str, CaseDetails]) -> None:
        self.model.set_details(details)
        self._select_first()
        self._update_status()
        self.flags_loaded.emit()

    def _set_author(self, author: str) -> None:
        self._author = author

    @Slot(object)
    def _on_changed(self, changes: Sequence[Change]) -> None:
        # While a case is being edited, only the rows are read again (cheap); reading
        # every case for names and flags waits until the list is shown.
        if changes and self._session.is_unlocked:
            self.reload(details=self.isVisible())

    def clear(self) -> None:
        """Forget every row and the search text (it may be a name)."""
        self.search.setText("")
        self.model.clear()
        self.status.setText("")
        self._author = ""
        dialog, self.new_case_dialog = self.new_case_dialog, None
        if dialog is not None:  # what was typed in it may be a name
            dialog.reject()
            dialog.deleteLater()

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

    @Slot(int)
    def _filter_phase(self, _index: int) -> None:
        self.proxy.set_phase(self.phase_filter.currentData())
        self._select_first()
        self._update_status()

    @Slot()
    def _filter_flags(self) -> None:
        chosen = frozenset(f for f, box in self.flag_boxes.items() if box.isChecked())
        self.proxy.set_flags(chosen)
        self._select_first()
        self._update_status()

    def _filters_chosen(self) -> bool:
        return self.phase_filter.currentIndex() > 0 or any(
            box.isChecked() for box in self.flag_boxes.values()
        )

    def _update_status(self) -> None:
        shown, total = self.proxy.rowCount(), self.model.rowCount()
        checking = bool(total) and not self.model.flags_known
        if total == 0:
            text = self.tr("Er zijn nog geen casussen.")
        elif shown == 0 and checking:
            text = self.tr("De gezinsleden en aandachtspunten worden nog nagekeken…")
        elif shown == 0 and self.search.text().strip() and self._filters_chosen():
            text = self.tr("Geen gezin of persoon gevonden met deze zoekterm en filters.")
        elif shown == 0 and self.search.text().strip():
            text = self.tr("Geen gezin of persoon gevonden met deze zoekterm.")
        elif shown == 0:
            text = self.tr("Geen casus past bij deze filters.")
        elif shown == total:
            text = self.tr("1 casus") if total == 1 else self.tr("{n} casussen").format(n=total)
        else:
            text = self.tr("{shown} van {total} casussen").format(shown=shown, total=total)
        self.status.setText(text)

    # -- a new case ------------------------------------------------------------------

    @Slot()
    def new_case(self) -> None:
        """Ask for the new family's name, regisseur and phase (window-modal)."""
        if not self._session.is_unlocked:
            return
        if self.new_case_dialog is not None:
            self.new_case_dialog.raise_()
            self.new_case_dialog.activateWindow()
            return
        dialog = NewCaseDialog(self._author, self.today(), self.window())
        dialog.submitted.connect(self._create)
        dialog.finished.connect(self._dialog_closed)
        self.new_case_dialog = dialog
        dialog.open()

    @Slot(int)
    def _dialog_closed(self, _result: int) -> None:
        if self.new_case_dialog is not None:
            self.new_case_dialog.deleteLater()
            self.new_case_dialog = None

    @Slot(object)
    def _create(self, new: NewCase) -> None:
        dialog = self.new_case_dialog
        holder: list[str] = []

        def make(store: Store) -> Sequence[Change]:
            changes = create_case(store, new.family_name, new.regisseur, new.phase, new.opened_on)
            holder.extend(c.case_id for c in changes[:1])
            return changes

        def made(_changes: Sequence[Change]) -> None:
            if dialog is not None:
                dialog.done_creating()
            if holder:
                self.open_requested.emit(holder[0])

        def failed(exc: BaseException) -> None:
            if dialog is not None:
                dialog.show_error(user_message(exc))

        self._session.change(self, make, made, failed)

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
