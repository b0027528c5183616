"""The 'Toestemming' tab of the case page: the consent ledger of the case.

A table of the ledger lines (category, recipient, basis, who gave it, form, dates,
status, with what is missing as tooltip). "Toestemming vastleggen…" opens a short
dialog made for a home visit (``ConsentDialog.ask``); "Intrekken…" withdraws the
selected line after a confirmation. Reads and writes run on a worker through the
session (``store.consents``; the writes: ``ui.ops.consent``); ``clear()`` drops
everything (locking).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import (
    QDate,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Slot,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from casusregie.domain.consent import (
    AFWEGING,
    OFFICE,
    Basis,
    ConsentForm,
    needed_grantors,
)
from casusregie.domain.model import CaseFile, Person, Role
from casusregie.store.consents import (
    ConsentLine,
    consentable_categories,
    list_consents,
)
from casusregie.ui.models.consent import ConsentModel
from casusregie.ui.ops import consent as consent_ops
from casusregie.ui.session import Session
from casusregie.ui.widgets import hint_label

__all__ = ["ConsentDialog", "ConsentPage"]

Index = QModelIndex | QPersistentModelIndex
AFWEGING_LABELS = {
    "why_no_consent": "Waarom geen toestemming",
    "consulted": "Wie geraadpleegd",
    "what_shared": "Wat wordt gedeeld",
    "shared_with": "Met wie",
    "reasons": "Waarom",
}
assert set(AFWEGING_LABELS) == set(AFWEGING)


# -- the dialog ----------------------------------------------------------------------------


class ConsentDialog(QDialog):
    """Toestemming vastleggen: quick to fill in during a home visit."""

    def __init__(
        self,
        cf: CaseFile,
        categories: Sequence[tuple[str, str]],
        parent: QWidget | None = None,
        today: dt.date | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Toestemming vastleggen"))
        self._today = today or dt.date.today()
        outer = QVBoxLayout(self)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        body = QWidget(scroll)
        box = QVBoxLayout(body)
        scroll.setWidget(body)
        outer.addWidget(scroll, 1)

        what = QGroupBox(self.tr("Wat mag naar het kantoor?"), body)
        grid = QGridLayout(what)
        self.category_boxes: dict[str, QCheckBox] = {}
        for n, (key, label) in enumerate(categories):
            check = QCheckBox(label, what)
            check.toggled.connect(self._update)
            grid.addWidget(check, n // 2, n % 2)
            self.category_boxes[key] = check
        box.addWidget(what)

        form = QFormLayout()
        self.basis = QComboBox(body)
        for basis in Basis:
            self.basis.addItem(basis.label, basis.value)
        self.basis.currentIndexChanged.connect(self._update)
        form.addRow(self.tr("Grondslag"), self.basis)
        self.purpose = QLineEdit(body)
        self.purpose.setPlaceholderText(self.tr("bijvoorbeeld: overdracht aan het kantoor"))
        form.addRow(self.tr("Doel"), self.purpose)
        # from parts: the 6.11 stubs know no QDate(date); addYears keeps 29 February valid
        shown = QDate(self._today.year, self._today.month, self._today.day)
        self.given_on = QDateEdit(shown, body)
        self.given_on.setCalendarPopup(True)
        self.given_on.setDisplayFormat("dd-MM-yyyy")
        form.addRow(self.tr("Datum"), self.given_on)
        until = QHBoxLayout()
        self.has_until = QCheckBox(self.tr("Geldig tot"), body)
        self.valid_until = QDateEdit(shown.addYears(1), body)
        self.valid_until.setCalendarPopup(True)
        self.valid_until.setDisplayFormat("dd-MM-yyyy")
        self.valid_until.setEnabled(False)
        self.has_until.toggled.connect(self.valid_until.setEnabled)
        until.addWidget(self.has_until)
        until.addWidget(self.valid_until, 1)
        form.addRow(self.tr("Einde"), until)
        box.addLayout(form)

        self.consent_box = QGroupBox(self.tr("Wie gaf toestemming?"), body)
        who = QVBoxLayout(self.consent_box)
        self.person_boxes: dict[str, QCheckBox] = {}
        for person in cf.persons:
            if person.deceased:
                continue
            check = QCheckBox(self._person_text(person), self.consent_box)
            who.addWidget(check)
            self.person_boxes[person.id] = check
        advice = self._advice(cf)
        if advice:
            who.addWidget(hint_label("\n".join(advice), self.consent_box, smaller=True))
        forms = QHBoxLayout()
        self.form_group = QButtonGroup(self)
        for n, choice in enumerate(ConsentForm):
            radio = QRadioButton(choice.label, self.consent_box)
            radio.setProperty("value", choice.value)
            radio.setChecked(n == 0)
            self.form_group.addButton(radio)
            forms.addWidget(radio)
        forms.addStretch(1)
        who.addLayout(forms)
        box.addWidget(self.consent_box)

        self.afweging_box = QGroupBox(self.tr("Afweging (zonder toestemming)"), body)
        weigh = QFormLayout(self.afweging_box)
        self.afweging: dict[str, QLineEdit] = {}
        for name, label in AFWEGING_LABELS.items():
            edit = QLineEdit(self.afweging_box)
            weigh.addRow(self.tr(label), edit)
            self.afweging[name] = edit
        box.addWidget(self.afweging_box)
        box.addStretch(1)

        buttons = QDialogButtonBox(self)
        self.ok_button = buttons.addButton(
            self.tr("Vastleggen"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        buttons.addButton(self.tr("Annuleren"), QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        outer.addWidget(buttons)
        self.resize(620, 640)
        self._update()

    def _person_text(self, person: Person) -> str:
        role = Role.label_of(person.role)
        name = person.name or self.tr("(zonder naam)")
        return f"{name} ({role.lower()})" if role else name

    def _advice(self, cf: CaseFile) -> list[str]:
        """Who must consent, per child, by age (``store.consents.grantor_advice``, with
        the child's name: the dialog is only open while unlocked)."""
        out = []
        for child, group, needed in needed_grantors(cf, self._today):
            names = sorted(
                (p.name or self.tr("(zonder naam)"))
                for pid in needed
                if (p := cf.person(pid)) is not None
            )
            who = ", ".join(names) if names else self.tr("niemand vastgelegd (gezag?)")
            out.append(f"{child.name or self.tr('Kind')}: {group.label} — {who}")
        return out

    @Slot()
    def _update(self) -> None:
        consent = self.basis.currentData() == Basis.TOESTEMMING.value
        self.consent_box.setVisible(consent)
        self.afweging_box.setVisible(not consent)
        self.ok_button.setEnabled(any(c.isChecked() for c in self.category_boxes.values()))

    def values(self) -> dict[str, Any]:
        """Keyword arguments for ``store.consents.record_consent``."""
        basis = str(self.basis.currentData())
        consent = basis == Basis.TOESTEMMING.value
        checked = self.form_group.checkedButton()
        out: dict[str, Any] = {
            "categories": [k for k, c in self.category_boxes.items() if c.isChecked()],
            "basis": basis,
            "given_by": [p for p, c in self.person_boxes.items() if c.isChecked()]
            if consent
            else [],
            "form": str(checked.property("value")) if consent and checked else None,
            "given_on": self.given_on.date().toString(Qt.DateFormat.ISODate),
            "purpose": self.purpose.text().strip(),
            "valid_until": self.valid_until.date().toString(Qt.DateFormat.ISODate)
            if self.has_until.isChecked()
            else None,
            "recipient": OFFICE,
        }
        if not consent:
            out["afweging"] = {k: e.text().strip() for k, e in self.afweging.items()}
        return out

    @classmethod
    def ask(
        cls, cf: CaseFile, categories: Sequence[tuple[str, str]], parent: QWidget | None
    ) -> dict[str, Any] | None:
        dialog = cls(cf, categories, parent)
        return dialog.values() if dialog.exec() == QDialog.DialogCode.Accepted else None


# -- the page ------------------------------------------------------------------------------


class ConsentPage(QWidget):
    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self._cf: CaseFile | None = None
        self._reads = 0
        box = QVBoxLayout(self)
        box.setContentsMargins(8, 8, 8, 8)
        box.addWidget(
            hint_label(
                self.tr(
                    "Per categorie: op welke grondslag gegevens naar het kantoor mogen. "
                    "Zonder actieve grondslag gaat er niets van die categorie heen."
                ),
                self,
            )
        )
        buttons = QHBoxLayout()
        self.record_button = QPushButton(self.tr("Toestemming vastleggen…"), self)
        self.withdraw_button = QPushButton(self.tr("Intrekken…"), self)
        self.record_button.clicked.connect(self.record)
        self.withdraw_button.clicked.connect(self.withdraw)
        buttons.addWidget(self.record_button)
        buttons.addWidget(self.withdraw_button)
        buttons.addStretch(1)
        box.addLayout(buttons)
        self.model = ConsentModel(self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setAccessibleName(self.tr("Vastgelegde toestemming en grondslag"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        # long cells (a category, who gave it) wrap within a capped width, so the table
        # also fits a narrow window
        self.table.setWordWrap(True)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setMaximumSectionSize(self.fontMetrics().horizontalAdvance("M" * 11))
        header.setStretchLastSection(True)
        self.table.selectionModel().selectionChanged.connect(self._update)
        box.addWidget(self.table, 1)
        self.empty = hint_label(self.tr("Nog niets vastgelegd voor dit gezin."), self)
        box.addWidget(self.empty)
        self._update()

    @property
    def is_ready(self) -> bool:
        """The lines of the case on screen are shown (for tests and screenshots)."""
        return self._cf is not None and self._reads == 0

    def show_case(self, cf: CaseFile) -> None:
        self._cf = cf
        self._reads += 1
        read = self._reads
        case_id = cf.case.id
        self._session.query(
            self,
            lambda store: list_consents(store, case_id),
            lambda lines: self._show(lines, read, case_id),
        )

    def _show(self, lines: list[ConsentLine], read: int, case_id: str) -> None:
        if self._cf is None or self._cf.case.id != case_id or read != self._reads:
            return
        self._reads = 0
        self.model.set_lines(lines, {p.id: p.name for p in self._cf.persons})
        self._update()

    def clear(self) -> None:
        self._cf = None
        self._reads = 0
        self.model.clear()
        self._update()

    @Slot()
    def _update(self) -> None:
        self.record_button.setEnabled(self._cf is not None)
        line = self.selected()
        self.withdraw_button.setEnabled(line is not None and line.status != "ingetrokken")
        self.empty.setVisible(self._cf is not None and self.model.rowCount() == 0)

    def selected(self) -> ConsentLine | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.line(rows[0].row()) if rows else None

    @Slot()
    def record(self) -> None:
        cf = self._cf
        if cf is None:
            return
        values = ConsentDialog.ask(cf, consentable_categories(), self)
        if values is None or self._cf is None:
            return
        case_id = cf.case.id
        categories = values.pop("categories")
        self._session.change(
            self,
            lambda store: consent_ops.record(store, case_id, {"categories": categories, **values}),
        )

    @Slot()
    def withdraw(self) -> None:
        line = self.selected()
        if line is None or not self.confirm_withdraw(line):
            return
        consent_id = line.consent.id
        self._session.change(self, lambda store: consent_ops.withdraw(store, consent_id))

    def confirm_withdraw(self, line: ConsentLine) -> bool:
        """Ask before withdrawing (tests replace this)."""
        box = QMessageBox(
            QMessageBox.Icon.Question,
            self.tr("Toestemming intrekken"),
            self.tr(
                "Toestemming voor '{category}' intrekken? Vanaf vandaag gaat er niets meer "
                "van naar het kantoor, en bij de volgende synchronisatie verwijdert het "
                "kantoor wat het ervan heeft."
            ).format(category=line.category_label),
            QMessageBox.StandardButton.NoButton,
            self,
        )
        yes = box.addButton(self.tr("Intrekken"), QMessageBox.ButtonRole.AcceptRole)
        box.addButton(self.tr("Annuleren"), QMessageBox.ButtonRole.RejectRole)
        box.exec()
        return box.clickedButton() is yes
