"""'Niet delen met…': marking a field or a row as not for some family members.

A ``Restriction`` (``domain.model``) keeps a field, or a whole row, out of the copies
for the persons it names (``domain.restrictions.redact``; the per-person
veiligheidsplan). Here the regisseur sets it: the "Niet delen met…" link beside every
form field (and its context menu), the button under a list (acting on the selected row)
open ``RestrictionDialog``: the family as check boxes and a reason. Saving is one
transaction (create, update or, with nobody ticked, delete of the restriction) and one
undo step, with an action label that names no case data.

``RestrictTarget`` (``ui.ops.restriction``, with the save) names what is marked;
``marker_text`` is the small note beside a marked field ("niet voor: 1 persoon").
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication, QObject, Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from casusregie.domain.model import CaseFile
from casusregie.store.database import Change
from casusregie.ui.ops.restriction import RestrictTarget, existing, save_restriction
from casusregie.ui.ops.undo import Step, UndoHistory
from casusregie.ui.session import Session
from casusregie.ui.widgets import heading, hint_label

__all__ = ["ACTION", "RestrictionActions", "RestrictionDialog", "marker_text"]


def _tr(text: str) -> str:
    return QCoreApplication.translate("restrictions_ui", text)


#: the action label of a save (never case data: it goes into the change log)
ACTION = "Niet delen met gewijzigd"


def marker_text(count: int) -> str:
    if count == 0:
        return ""
    if count == 1:
        return _tr("niet voor: 1 persoon")
    return _tr("niet voor: {n} personen").format(n=count)


class RestrictionDialog(QDialog):
    """The family as check boxes ("Niet delen met"), and a reason."""

    def __init__(self, target: RestrictTarget, cf: CaseFile, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Niet delen met…"))  # no case data in a title
        self.setMinimumWidth(440)
        self._target = target
        self._cf = cf
        box = QVBoxLayout(self)
        box.addWidget(heading(target.label, 3, self))
        self.what: QComboBox | None = None
        if target.parts:
            self.what = QComboBox(self)
            self.what.addItem(self.tr("De hele rij"), None)
            for name, label in target.parts:
                self.what.addItem(self.tr("Alleen: {label}").format(label=label), name)
            what_row = QFormLayout()
            what_row.addRow(self.tr("&Wat:"), self.what)
            box.addLayout(what_row)
        box.addWidget(
            hint_label(
                self.tr(
                    "Wie mag dit niet zien? Hun exemplaar van het veiligheidsplan en andere "
                    "stukken voor het gezin laat het weg. Vink niemand aan om de markering "
                    "op te heffen."
                ),
                self,
                smaller=True,
            )
        )
        box.addWidget(heading(self.tr("Niet delen met:"), 4, self))
        self.boxes: dict[str, QCheckBox] = {}
        for person in cf.persons:
            if person.id == target.about:
                continue  # nobody's copy leaves out their own address
            check = QCheckBox(person.name or self.tr("(naam onbekend)"), self)
            self.boxes[person.id] = check
            box.addWidget(check)
        form = QFormLayout()
        self.reason = QLineEdit(self)
        self.reason.setPlaceholderText(self.tr("bijvoorbeeld: moeder is gevlucht"))
        form.addRow(self.tr("&Reden:"), self.reason)
        box.addLayout(form)
        buttons = QDialogButtonBox(self)
        buttons.addButton(self.tr("Opslaan"), QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.tr("Annuleren"), QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        box.addWidget(buttons)
        self._show_existing()
        if self.what is not None:
            self.what.currentIndexChanged.connect(self._show_existing)
            self.what.setFocus()
        elif self.boxes:
            next(iter(self.boxes.values())).setFocus()

    def chosen(self) -> RestrictTarget:
        """The whole row, or the one field chosen under "Wat"."""
        if self.what is None or self.what.currentData() is None:
            return self._target
        label = dict(self._target.parts)[self.what.currentData()]
        return self._target.part(self.what.currentData(), label)

    @Slot()
    def _show_existing(self) -> None:
        old = existing(self._cf, self.chosen())
        ticked = set(old.hidden_from) if old is not None else set()
        for pid, check in self.boxes.items():
            check.setChecked(pid in ticked)
        self.reason.setText(old.reason if old is not None else "")

    def values(self) -> tuple[RestrictTarget, list[str], str]:
        persons = [pid for pid, check in self.boxes.items() if check.isChecked()]
        return self.chosen(), persons, self.reason.text().strip()

    @classmethod
    def ask(
        cls, target: RestrictTarget, cf: CaseFile, parent: QWidget | None
    ) -> tuple[RestrictTarget, list[str], str] | None:
        """(what, person ids, reason), or None when cancelled (tests replace this)."""
        dialog = cls(target, cf, parent)
        accepted = dialog.exec() == QDialog.DialogCode.Accepted
        values = dialog.values() if accepted else None
        dialog.deleteLater()
        return values


class RestrictionActions(QObject):
    """Asks for a marking and saves it (one undo step)."""

    def __init__(self, session: Session, history: UndoHistory, parent: QWidget) -> None:
        super().__init__(parent)
        self._session = session
        self._history = history
        self._window = parent
        session.locked.connect(self._close_dialogs)

    def mark(self, target: RestrictTarget, cf: CaseFile) -> None:
        answer = RestrictionDialog.ask(target, cf, self._window)
        if answer is None:
            return
        target, persons, reason = answer
        old = existing(cf, target)
        if old is None and not persons:
            return  # nothing was marked, nothing is
        if old is not None and (sorted(old.hidden_from), old.reason) == (sorted(persons), reason):
            return
        label = _tr(ACTION)

        def done(changes: Sequence[Change]) -> None:
            self._history.record(target.case_id, Step.from_changes(label, changes))

        self._session.change(
            self._window,
            lambda store: save_restriction(store, target, persons, reason, label),
            done,
        )

    @Slot()
    def _close_dialogs(self) -> None:
        for dialog in self._window.window().findChildren(RestrictionDialog):
            dialog.reject()
