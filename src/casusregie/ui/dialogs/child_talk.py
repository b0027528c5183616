"""The dialogs of the Kinderen page: a conversation with a child, and a worksheet.

``ChildTalkDialog.ask(child, talk, parent)``: the date, who held it, the werkvorm,
with or without a parent, and per house what the child said, in the child's own
words. Texts over the limit are refused as everywhere (``LongTextEditor``).

``WorksheetDialog.ask(cf, child, talks, selected, parent)``: which sheet (De drie
huizen, Woorden en plaatjes), empty or filled from one conversation, for whom; a filled
sheet for someone other than the child or the regisseur's own file needs the child's
agreement, said out loud in the dialog and logged with the print.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QDate, QLocale, Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from casusregie.domain.child_talks import (
    HOUSES,
    ChildTalk,
    House,
    Presence,
    TalkMethod,
    talk_date,
)
from casusregie.domain.limits import MAX_TEXT_LENGTH
from casusregie.domain.model import CaseFile, Person, Role, new_id
from casusregie.ui.editors.fields import LongTextEditor
from casusregie.ui.widgets import hint_label

__all__ = ["ChildTalkDialog", "WorksheetChoice", "WorksheetDialog"]

#: attribute -> (label, hint) of the words fields after the houses
WORDS = {
    "child_words": ("Wat het kind zei", "In de eigen woorden van het kind."),
    "explained": (
        "Wat het kind is uitgelegd",
        "Bij Woorden en plaatjes: het verhaal. Een lege regel begint het volgende plaatje.",
    ),
    "observed": ("Wat u zag", "Hoe het kind erbij zat, wat opviel."),
}


class ChildTalkDialog(QDialog):
    """A conversation with one child (new, or to change). Use ``ask()``."""

    def __init__(
        self, child: Person, talk: ChildTalk | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._child = child
        self._talk = talk
        self.setWindowTitle(
            self.tr("Gesprek met {name}").format(name=child.name or self.tr("een kind"))
        )
        self._setup_ui()
        self.resize(640, 720)

    def _setup_ui(self) -> None:
        talk = self._talk
        outer = QVBoxLayout(self)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        body = QWidget(scroll)
        form = QFormLayout(body)
        self.date = QDateEdit(body)
        self.date.setCalendarPopup(True)
        self.date.setLocale(QLocale(QLocale.Language.Dutch, QLocale.Country.Netherlands))
        self.date.setDisplayFormat("d MMMM yyyy")
        day = dt.date.today()
        if talk is not None:
            with contextlib.suppress(ValueError):
                day = dt.date.fromisoformat(talk.date)
        self.date.setDate(QDate(day.year, day.month, day.day))
        self.date.setMaximumDate(QDate.currentDate())
        form.addRow(self.tr("Datum"), self.date)
        self.held_by = QLineEdit(talk.held_by if talk else "", body)
        self.held_by.setMaxLength(MAX_TEXT_LENGTH)
        form.addRow(self.tr("Gesprek gevoerd door"), self.held_by)
        self.method = QComboBox(body)
        for m in TalkMethod:
            self.method.addItem(self.tr(m.label), m.value)
        if talk is not None:
            self.method.setCurrentIndex(max(0, self.method.findData(talk.method)))
        form.addRow(self.tr("Werkvorm"), self.method)
        self.presence = QComboBox(body)
        self.presence.addItem(self.tr("(nog niet gekozen)"), None)
        for p in Presence:
            self.presence.addItem(self.tr(p.label), p.value)
        if talk is not None and talk.presence:
            self.presence.setCurrentIndex(max(0, self.presence.findData(talk.presence)))
        self.presence.setToolTip(
            self.tr(
                "Maak een bewuste keuze om het gesprek te voeren met of zonder ouders. "
                "Beide geven andere informatie."
            )
        )
        form.addRow(self.tr("Met of zonder ouders"), self.presence)
        self.present = QLineEdit(talk.present if talk else "", body)
        self.present.setMaxLength(MAX_TEXT_LENGTH)
        form.addRow(self.tr("Wie waren er nog bij"), self.present)
        form.addRow(
            hint_label(
                self.tr(
                    "Schrijf op wat het kind zei of schreef, zoals het kind het zei. "
                    "Alleen het kind zelf krijgt dit op papier; naar het kantoor gaat het "
                    "alleen met een grondslag voor 'Wat een kind vertelde of tekende'."
                ),
                body,
            )
        )
        self.words: dict[str, LongTextEditor] = {}
        for house, (attr, question) in HOUSES.items():
            self._text_row(form, body, attr, House.label_of(house), question)
        for attr, (label, hint) in WORDS.items():
            self._text_row(form, body, attr, label, hint)
        scroll.setWidget(body)
        outer.addWidget(scroll, 1)
        self.error = QLabel("", self)
        self.error.setWordWrap(True)
        outer.addWidget(self.error)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.button(QDialogButtonBox.StandardButton.Save).setText(self.tr("Opslaan"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Annuleren"))
        buttons.accepted.connect(self._save)
        buttons.rejected.connect(self.reject)
        outer.addWidget(buttons)

    def _text_row(self, form: QFormLayout, body: QWidget, attr: str, label: str, hint: str) -> None:
        editor = LongTextEditor(body)
        editor.setAccessibleName(self.tr(label))
        editor.setPlaceholderText(self.tr(hint))
        editor.set_value(getattr(self._talk, attr) if self._talk else "")
        self.words[attr] = editor
        form.addRow(self.tr(label), editor)

    @Slot()
    def _save(self) -> None:
        too_long = [e for e in self.words.values() if not e.is_valid()]
        if too_long:
            self.error.setText(too_long[0].too_long_text())
            too_long[0].setFocus()
            return
        self.accept()

    def talk(self) -> ChildTalk:
        """The conversation as filled in (same id when it was changed)."""
        base = self._talk
        day = self.date.date()
        fields = {
            "child": self._child.id,
            "date": dt.date(day.year(), day.month(), day.day()).isoformat(),
            "held_by": self.held_by.text().strip(),
            "method": self.method.currentData(),
            "presence": self.presence.currentData(),
            "present": self.present.text().strip(),
            **{attr: editor.toPlainText().strip() for attr, editor in self.words.items()},
        }
        talk_id = base.id if base is not None else new_id()
        return ChildTalk.from_fields(talk_id, self._child.case_id, fields)

    @classmethod
    def ask(cls, child: Person, talk: ChildTalk | None, parent: QWidget | None) -> ChildTalk | None:
        dialog = cls(child, talk, parent)
        return dialog.talk() if dialog.exec() == QDialog.DialogCode.Accepted else None


@dataclass(frozen=True)
class WorksheetChoice:
    kind: str  # "drie-huizen" or "woorden-en-plaatjes"
    talk_id: str | None
    for_person: str | None
    child_agreed: bool
    channel: str  # "PDF" or "afdruk"


OWN_FILE = "__eigen_dossier__"


class WorksheetDialog(QDialog):
    """Which worksheet, filled or not, for whom; then print or PDF. Use ``ask()``."""

    def __init__(
        self,
        cf: CaseFile,
        child: Person,
        talks: Sequence[ChildTalk],
        selected: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._child = child
        self._channel = "PDF"
        self.setWindowTitle(self.tr("Werkblad voor {name}").format(name=child.name))
        self._setup_ui(cf, talks, selected)

    def _setup_ui(self, cf: CaseFile, talks: Sequence[ChildTalk], selected: str | None) -> None:
        box = QVBoxLayout(self)
        self.houses = QRadioButton(self.tr("De drie huizen"), self)
        self.story = QRadioButton(self.tr("Woorden en plaatjes (een verhaal in tekeningen)"), self)
        self.houses.setChecked(True)
        box.addWidget(self.houses)
        box.addWidget(self.story)
        form = QFormLayout()
        self.source = QComboBox(self)
        self.source.addItem(self.tr("Leeg, om samen in te vullen"), None)
        for talk in talks:
            label = self.tr("Ingevuld: gesprek van {date}").format(date=talk_date(talk))
            self.source.addItem(label, talk.id)
        if selected is not None:
            self.source.setCurrentIndex(max(0, self.source.findData(selected)))
        form.addRow(self.tr("Inhoud"), self.source)
        self.reader = QComboBox(self)
        self.reader.addItem(
            self.tr("{name} zelf").format(name=self._child.name or self.tr("het kind")),
            self._child.id,
        )
        self.reader.addItem(self.tr("Mijn eigen dossier"), OWN_FILE)
        for p in cf.persons:
            if p.id != self._child.id and p.name and not p.deceased:
                self.reader.addItem(f"{p.name} ({Role.label_of(p.role).lower()})", p.id)
        form.addRow(self.tr("Voor wie"), self.reader)
        box.addLayout(form)
        first = (self._child.name or "").split(" ")[0] or self.tr("het kind")
        self.agreed = QCheckBox(
            self.tr("{name} vindt het goed dat deze persoon ziet wat {name} vertelde").format(
                name=first
            ),
            self,
        )
        box.addWidget(self.agreed)
        self.note = hint_label("", self)
        box.addWidget(self.note)
        self.print_button = QPushButton(self.tr("Afdrukken…"), self)
        self.pdf_button = QPushButton(self.tr("Opslaan als PDF…"), self)
        cancel = QPushButton(self.tr("Annuleren"), self)
        for button in (self.print_button, self.pdf_button, cancel):
            box.addWidget(button)
        self.print_button.clicked.connect(lambda: self._done("afdruk"))
        self.pdf_button.clicked.connect(lambda: self._done("PDF"))
        cancel.clicked.connect(self.reject)
        self.source.currentIndexChanged.connect(self._update)
        self.reader.currentIndexChanged.connect(self._update)
        self.agreed.toggled.connect(self._update)
        self._update()

    def _needs_agreement(self) -> bool:
        """A filled sheet for someone other than the child or the own file."""
        other = self.reader.currentData() not in (self._child.id, OWN_FILE)
        return other and self.source.currentData() is not None

    @Slot()
    def _update(self) -> None:
        filled = self.source.currentData() is not None
        needs = self._needs_agreement()
        self.agreed.setVisible(needs)
        allowed = not needs or self.agreed.isChecked()
        self.print_button.setEnabled(allowed)
        self.pdf_button.setEnabled(allowed)
        if needs and not allowed:
            self.note.setText(
                self.tr(
                    "Wat het kind vertelde is van het kind. Vraag eerst of het goed is dat "
                    "deze persoon het ziet."
                )
            )
        elif filled:
            self.note.setText(self.tr("Het werkblad komt in het overzicht van wat is gedeeld."))
        else:
            self.note.setText(self.tr("Een leeg werkblad met alleen de voornaam van het kind."))

    def _done(self, channel: str) -> None:
        self._channel = channel
        self.accept()

    def choice(self) -> WorksheetChoice:
        reader = self.reader.currentData()
        return WorksheetChoice(
            "drie-huizen" if self.houses.isChecked() else "woorden-en-plaatjes",
            self.source.currentData(),
            None if reader == OWN_FILE else reader,
            self._needs_agreement() and self.agreed.isChecked(),
            self._channel,
        )

    @classmethod
    def ask(
        cls,
        cf: CaseFile,
        child: Person,
        talks: Sequence[ChildTalk],
        selected: str | None,
        parent: QWidget | None,
    ) -> WorksheetChoice | None:
        dialog = cls(cf, child, talks, selected, parent)
        return dialog.choice() if dialog.exec() == QDialog.DialogCode.Accepted else None
