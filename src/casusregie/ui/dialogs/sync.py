"""Sync you can see: "Koppelen aan kantoor…" and the conflicts screen.

``CoupleDialog`` asks the office's address and the one-time code the office gave
(``casusregie-office device add``). While the code is typed it shows the start of the
office certificate's fingerprint that the code carries, so the regisseur can compare it
with what the office administrator reads out; after coupling, the full fingerprint the
app pinned is shown. The coupling itself (``sync.enroll``) runs on a worker.

``ConflictsDialog`` lists the open conflicts of a sync (two devices changed one field):
for each the value that lost, the value that is there now, who changed it and when; the
regisseur chooses "Huidige waarde houden" or "Mijn waarde terugzetten" (a new edit that
wins on the next sync). Reading and choosing run on workers (``Session``); a choice that
writes a value goes out on ``Session.changed`` like every edit.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from casusregie.ui.operations import user_message
from casusregie.ui.ops.sync import ConflictRow, read_conflicts, resolve
from casusregie.ui.session import Session
from casusregie.ui.widgets import error_label, heading, hint_label

__all__ = [
    "ConflictsDialog",
    "CoupleDialog",
    "grouped_fingerprint",
]


def grouped_fingerprint(hex_text: str) -> str:
    """'ab12cd34…' as 'AB12 CD34 …': easier to read out and compare."""
    clean = "".join(c for c in hex_text if c.isalnum()).upper()
    return " ".join(clean[i : i + 4] for i in range(0, len(clean), 4))


class CoupleDialog(QDialog):
    #: coupled: (office name, full fingerprint); for tests
    coupled = Signal(str, str)

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self.setWindowTitle(self.tr("Koppelen aan kantoor"))
        self.setMinimumWidth(520)
        box = QVBoxLayout(self)
        box.addWidget(heading(self.tr("Koppelen aan kantoor"), 2, self))
        box.addWidget(
            hint_label(
                self.tr(
                    "Vul het adres van het kantoor in en de eenmalige code die u van de "
                    "beheerder kreeg. Vergelijk de vingerafdruk hieronder met wat de "
                    "beheerder voorleest: zo weet u zeker dat u met uw eigen kantoor praat."
                ),
                self,
            )
        )
        form = QFormLayout()
        self.url_edit = QLineEdit(self)
        self.url_edit.setPlaceholderText("https://kantoor.voorbeeld.nl:8443")
        self.code_edit = QLineEdit(self)
        self.code_edit.setPlaceholderText("XXXX-XXXX-XXXX-XXXX-0123456789abcdef")
        self.name_edit = QLineEdit(self)
        self.name_edit.setPlaceholderText(self.tr("bijvoorbeeld: laptop Ilse"))
        self.fingerprint = QLabel(self.tr("(nog geen code)"), self)
        self.fingerprint.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        for label, widget in (
            (self.tr("Adres van het kantoor"), self.url_edit),
            (self.tr("Code"), self.code_edit),
            (self.tr("Naam van dit apparaat"), self.name_edit),
            (self.tr("Vingerafdruk (begin)"), self.fingerprint),
        ):
            widget.setAccessibleName(label)
            form.addRow(label, widget)
        box.addLayout(form)
        self.error = error_label(self)
        box.addWidget(self.error)
        self.outcome = hint_label("", self)
        self.outcome.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        box.addWidget(self.outcome)
        buttons = QDialogButtonBox(self)
        self.couple_button = buttons.addButton(
            self.tr("Koppelen"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.close_button = buttons.addButton(
            self.tr("Sluiten"), QDialogButtonBox.ButtonRole.RejectRole
        )
        box.addWidget(buttons)
        self.couple_button.clicked.connect(self.couple)
        self.close_button.clicked.connect(self.reject)
        for edit in (self.url_edit, self.code_edit):
            edit.textChanged.connect(self._check)
        self._check()

    @Slot()
    def _check(self) -> None:
        from casusregie.sync.enrolment import parse_code  # no network: only the form
        from casusregie.sync.transport import OfficeError

        code = self.code_edit.text().strip()
        try:
            _secret, prefix = parse_code(code) if code else ("", "")
        except OfficeError:
            prefix = ""
        self.fingerprint.setText(
            grouped_fingerprint(prefix) if prefix else self.tr("(nog geen geldige code)")
        )
        url = self.url_edit.text().strip()
        self.couple_button.setEnabled(bool(prefix) and url.startswith("https://"))

    @Slot()
    def couple(self) -> None:
        from casusregie.sync import enroll

        url, code = self.url_edit.text().strip(), self.code_edit.text().strip()
        name = self.name_edit.text().strip()
        self.error.setVisible(False)
        self.couple_button.setEnabled(False)
        self.outcome.setText(self.tr("Bezig met koppelen…"))
        self._session.query(
            self,
            lambda store: enroll(store, url, code, name),
            self._done,
            self._failed,
        )

    def _done(self, enrolment: Any) -> None:
        self.outcome.setText(
            self.tr("Gekoppeld aan {office}. Vingerafdruk van het kantoor:\n{fingerprint}").format(
                office=enrolment.office_name or enrolment.office_url,
                fingerprint=grouped_fingerprint(enrolment.fingerprint),
            )
        )
        self.code_edit.clear()  # a one-time code: it is used now
        self.coupled.emit(enrolment.office_name, enrolment.fingerprint)

    def _failed(self, exc: BaseException) -> None:
        self.outcome.setText("")
        self.error.setText(user_message(exc))
        self.error.setVisible(True)
        self._check()


class ConflictsDialog(QDialog):
    #: the list was read (its number of rows); for tests
    loaded = Signal(int)

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self._rows: list[ConflictRow] = []
        self.setWindowTitle(self.tr("Conflicten na synchroniseren"))
        self.resize(860, 420)
        box = QVBoxLayout(self)
        box.addWidget(heading(self.tr("Conflicten na synchroniseren"), 2, self))
        box.addWidget(
            hint_label(
                self.tr(
                    "Op twee plaatsen is hetzelfde veld veranderd. De laatste wijziging "
                    "staat er nu; uw eerdere waarde is bewaard. Kies per regel wat blijft."
                ),
                self,
            )
        )
        self.table = QTableWidget(0, 5, self)
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("Wat"),
                self.tr("Uw waarde (niet gebruikt)"),
                self.tr("Waarde nu"),
                self.tr("Gewijzigd door"),
                self.tr("Wanneer"),
            ]
        )
        self.table.setAccessibleName(self.tr("Conflicten"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(True)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        box.addWidget(self.table, 1)
        self.empty = hint_label(self.tr("Er zijn geen conflicten."), self)
        box.addWidget(self.empty)
        row = QHBoxLayout()
        self.keep_button = QPushButton(self.tr("Huidige waarde houden"), self)
        self.restore_button = QPushButton(self.tr("Mijn waarde terugzetten"), self)
        close = QPushButton(self.tr("Sluiten"), self)
        for button in (self.keep_button, self.restore_button):
            row.addWidget(button)
        row.addStretch(1)
        row.addWidget(close)
        box.addLayout(row)
        self.keep_button.clicked.connect(lambda: self._choose(False))
        self.restore_button.clicked.connect(lambda: self._choose(True))
        close.clicked.connect(self.accept)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.reload()

    def reload(self) -> None:
        self._session.query(self, read_conflicts, self._show)

    def _show(self, rows: list[ConflictRow]) -> None:
        self._rows = rows
        self.table.setRowCount(len(rows))
        for r, row in enumerate(rows):
            for c, text in enumerate((row.what, row.lost, row.now, row.who, row.when)):
                self.table.setItem(r, c, QTableWidgetItem(text))
        self.table.resizeRowsToContents()
        self.empty.setVisible(not rows)
        self.table.setVisible(bool(rows))
        if rows:
            self.table.selectRow(0)
        self._update_buttons()
        self.loaded.emit(len(rows))

    @Slot()
    def _update_buttons(self) -> None:
        chosen = self.table.currentRow() >= 0 and bool(self._rows)
        self.keep_button.setEnabled(chosen)
        self.restore_button.setEnabled(chosen)

    def _choose(self, restore: bool) -> None:
        row = self.table.currentRow()
        if not 0 <= row < len(self._rows):
            return
        seq = self._rows[row].seq
        self._session.change(
            self, lambda store: resolve(store, seq, restore), lambda _changes: self.reload()
        )
