"""The "Nieuwe casus" dialog: family name, regisseur and phase; opened today.

Window-modal but without a loop of its own (``open()``), so a test can type into it as
a user does. ``submitted(NewCase)`` says what to make; the case list makes it through
the change API and closes the dialog with ``done_creating()``, or shows why it could
not with ``show_error()``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from casusregie.domain.model import Phase
from casusregie.domain.overview import dutch_date
from casusregie.ui.widgets import error_label, hint_label

__all__ = ["NewCase", "NewCaseDialog"]


@dataclass(frozen=True)
class NewCase:
    family_name: str
    regisseur: str
    phase: str  #: a ``Phase`` value
    opened_on: dt.date


class NewCaseDialog(QDialog):
    submitted = Signal(object)  # NewCase

    def __init__(self, regisseur: str, today: dt.date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._today = today
        self.setWindowTitle(self.tr("Nieuwe casus"))
        self._setup_ui(regisseur)

    def _setup_ui(self, regisseur: str) -> None:
        box = QVBoxLayout(self)
        form = QFormLayout()
        self.family_edit = QLineEdit(self)
        self.family_edit.setAccessibleName(self.tr("Naam van het gezin"))
        self.family_edit.setPlaceholderText(self.tr("Bijvoorbeeld: Jansen"))
        self.regisseur_edit = QLineEdit(regisseur, self)
        self.regisseur_edit.setAccessibleName(self.tr("Regisseur"))
        self.phase_combo = QComboBox(self)
        self.phase_combo.setAccessibleName(self.tr("Fase"))
        for phase in Phase:
            self.phase_combo.addItem(phase.label, phase.value)
        family = QLabel(self.tr("&Gezin"), self)
        family.setBuddy(self.family_edit)
        who = QLabel(self.tr("&Regisseur"), self)
        who.setBuddy(self.regisseur_edit)
        stage = QLabel(self.tr("&Fase"), self)
        stage.setBuddy(self.phase_combo)
        form.addRow(family, self.family_edit)
        form.addRow(who, self.regisseur_edit)
        form.addRow(stage, self.phase_combo)
        form.addRow(QLabel(self.tr("Geopend op"), self), QLabel(dutch_date(self._today), self))
        box.addLayout(form)
        box.addWidget(
            hint_label(self.tr("De rest vult u daarna in, in de tabbladen van de casus."), self)
        )
        self.error = error_label(self)
        box.addWidget(self.error)
        self.buttons = QDialogButtonBox(self)
        self.create_button = self.buttons.addButton(
            self.tr("Casus aanmaken"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.create_button.setDefault(True)
        cancel = self.buttons.addButton(
            self.tr("Annuleren"), QDialogButtonBox.ButtonRole.RejectRole
        )
        cancel.setAutoDefault(False)
        self.buttons.accepted.connect(self._submit)
        self.buttons.rejected.connect(self.reject)
        box.addWidget(self.buttons)
        self.family_edit.setFocus()
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 60)

    @Slot()
    def _submit(self) -> None:
        name = self.family_edit.text().strip()
        if not name:
            self.show_error(self.tr("Vul de naam van het gezin in."))
            self.family_edit.setFocus()
            return
        self.error.setVisible(False)
        self.create_button.setEnabled(False)
        self.submitted.emit(
            NewCase(
                name,
                self.regisseur_edit.text().strip(),
                str(self.phase_combo.currentData()),
                self._today,
            )
        )

    def show_error(self, message: str) -> None:
        self.error.setText(message)
        self.error.setVisible(True)
        self.create_button.setEnabled(True)

    def done_creating(self) -> None:
        self.accept()
