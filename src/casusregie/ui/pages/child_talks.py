"""The 'Gesprekken in eigen woorden' page under Kinderen: what each child said or drew.

Choose a child at the top; the conversations with that child are listed by date
(newest first) with the vergewisplicht in one line above them ("Laatste gesprek: ...",
or "Nog nooit gesproken"). The selected conversation is shown beside the list: per
house the child's own words and drawings. "Nieuw gesprek…" and "Wijzigen…" open
``ChildTalkDialog``; "Tekening toevoegen…" reads a photo or scan (PNG or JPEG) into the
encrypted store, made smaller in memory first when it is large (no temp file);
"Werkblad…" prints or saves the Drie Huizen or Woorden en plaatjes sheet through the
app's one print path (``deliver``, from the report actions), which logs it.

Reads and writes go through the session; ``clear()`` drops everything (locking).
"""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QItemSelection, Qt, Slot
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from casusregie.domain.child_talks import (
    HOUSES,
    IMAGE_TYPES,
    ChildDrawing,
    ChildTalk,
    House,
    Presence,
    TalkMethod,
    drawings_of,
    talk_date,
    talks_with,
)
from casusregie.domain.dates import PartialDate
from casusregie.domain.limits import MAX_IMAGE_BYTES
from casusregie.domain.model import CaseFile, Person, Role
from casusregie.domain.rules.children import contact
from casusregie.store.database import Change
from casusregie.ui.dialogs.child_talk import ChildTalkDialog, WorksheetChoice, WorksheetDialog
from casusregie.ui.models.child_talks import ChildTalkModel
from casusregie.ui.operations import show_failure
from casusregie.ui.ops.child_talks import add_drawing, delete_drawing, delete_talk, save_talk
from casusregie.ui.session import Session
from casusregie.ui.widgets import EMPTY_STYLE, heading, hint_label

if TYPE_CHECKING:
    from casusregie.reports.service import Report

__all__ = ["ChildTalkPage", "shrink_image"]

#: a drawing larger than this (pixels on its longest side) is made smaller before storing
MAX_SIDE = 1800
THUMB = 220


def shrink_image(raw: bytes) -> bytes:
    """A photo or scan as stored: unchanged when it is a small PNG or JPEG, else made
    smaller (longest side ``MAX_SIDE``) as JPEG, in memory. ValueError if Qt cannot
    read it as an image."""
    image = QImage.fromData(QByteArray(raw))
    if image.isNull():
        raise ValueError("Dit bestand is geen afbeelding die Casusregie kan lezen.")
    small = len(raw) <= MAX_IMAGE_BYTES // 4 and max(image.width(), image.height()) <= MAX_SIDE
    if small and any(raw.startswith(magic) for magic in IMAGE_TYPES.values()):
        return raw
    if max(image.width(), image.height()) > MAX_SIDE:
        image = image.scaled(
            MAX_SIDE,
            MAX_SIDE,
            Qt.AspectRatioMode.KeepAspectRatio,
            Qt.TransformationMode.SmoothTransformation,
        )
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    # PySide6's stubs type the format as bytes, but the binding rejects bytes: str it is
    jpeg = image.convertToFormat(QImage.Format.Format_RGB32)
    jpeg.save(buffer, "JPEG", 85)  # type: ignore[call-overload]
    buffer.close()
    return bytes(data.data())


class ChildTalkPage(QWidget):
    """See the module docstring."""

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self._cf: CaseFile | None = None
        self._selected: str | None = None  # the talk shown beside the list
        #: prints or saves a made report and logs it (set by the main window)
        self.deliver: Callable[[Report, str], None] | None = None
        self._setup_ui()
        self.clear()

    def _setup_ui(self) -> None:
        box = QVBoxLayout(self)
        box.addWidget(heading(self.tr("Gesprekken met kinderen, in hun eigen woorden"), 2, self))
        box.addWidget(
            hint_label(
                self.tr(
                    "Wat een kind vertelde of tekende (De drie huizen, Woorden en plaatjes, "
                    "een gesprek). Het staat alleen in het exemplaar van het kind zelf; naar "
                    "het kantoor gaat het alleen met een grondslag voor 'Wat een kind "
                    "vertelde of tekende'."
                ),
                self,
            )
        )
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Kind:"), self))
        self.child = QComboBox(self)
        self.child.setAccessibleName(self.tr("Kind"))
        self.child.currentIndexChanged.connect(self._child_chosen)
        top.addWidget(self.child, 1)
        self.new_button = QPushButton(self.tr("Nieuw gesprek…"), self)
        self.sheet_button = QPushButton(self.tr("Werkblad…"), self)
        self.sheet_button.setToolTip(
            self.tr("De drie huizen of Woorden en plaatjes afdrukken, leeg of ingevuld")
        )
        top.addWidget(self.new_button)
        top.addWidget(self.sheet_button)
        box.addLayout(top)
        self.status = hint_label("", self)
        self.status.setAccessibleName(self.tr("Vergewisplicht"))
        box.addWidget(self.status)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.model = ChildTalkModel(self)
        self.table = QTableView(self.splitter)
        self.table.setModel(self.model)
        self.table.setAccessibleName(self.tr("Gesprekken"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.selectionModel().selectionChanged.connect(self._row_chosen)
        self.table.doubleClicked.connect(self._edit)
        detail = QWidget(self.splitter)
        side = QVBoxLayout(detail)
        side.setContentsMargins(8, 0, 0, 0)
        buttons = QHBoxLayout()
        self.edit_button = QPushButton(self.tr("Wijzigen…"), detail)
        self.drawing_button = QPushButton(self.tr("Tekening toevoegen…"), detail)
        self.delete_button = QPushButton(self.tr("Verwijderen…"), detail)
        for button in (self.edit_button, self.drawing_button, self.delete_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        side.addLayout(buttons)
        self.details = QScrollArea(detail)
        self.details.setWidgetResizable(True)
        self.details.setAccessibleName(self.tr("Wat het kind vertelde"))
        side.addWidget(self.details, 1)
        self.splitter.addWidget(self.table)
        self.splitter.addWidget(detail)
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 3)
        box.addWidget(self.splitter, 1)
        self.new_button.clicked.connect(self._new)
        self.edit_button.clicked.connect(self._edit)
        self.drawing_button.clicked.connect(self._add_drawing)
        self.delete_button.clicked.connect(self._delete)
        self.sheet_button.clicked.connect(self._sheet)

    # -- showing ---------------------------------------------------------------------

    def child_persons(self) -> list[Person]:
        """The children of the case (role kind), as the list offers them."""
        cf = self._cf
        if cf is None:
            return []
        return [p for p in cf.persons if p.role == Role.KIND.value and not p.deceased]

    def current_child(self) -> Person | None:
        cf = self._cf
        child_id = self.child.currentData()
        return cf.person(child_id) if cf is not None and child_id else None

    def show_case(self, cf: CaseFile) -> None:
        """Show (or show again, after a change) the case's children and conversations."""
        keep = self.child.currentData() if self._cf and self._cf.case.id == cf.case.id else None
        self._cf = cf
        self.child.blockSignals(True)
        self.child.clear()
        for p in self.child_persons():
            self.child.addItem(p.name or self.tr("(kind zonder naam)"), p.id)
        if keep is not None and self.child.findData(keep) >= 0:
            self.child.setCurrentIndex(self.child.findData(keep))
        self.child.blockSignals(False)
        self.new_button.setEnabled(self.child.count() > 0)
        self.sheet_button.setEnabled(self.child.count() > 0)
        self._child_chosen()

    @Slot()
    def _child_chosen(self) -> None:
        cf, child = self._cf, self.current_child()
        talks = talks_with(cf, child.id) if cf is not None and child is not None else []
        self.model.set_talks(talks)
        self.status.setText(self._status(cf, child) if cf and child else "")
        if not talks:
            self._selected = None
        elif self._selected is None or self.model.row_of(self._selected) < 0:
            self._selected = talks[0].id
        row = self.model.row_of(self._selected) if self._selected else -1
        if row >= 0:
            self.table.selectRow(row)
        self._show_detail()

    def _status(self, cf: CaseFile, child: Person) -> str:
        last = contact(cf, child).last_spoken
        if last is None:
            return self.tr("Met {name} is nog nooit gesproken.").format(name=child.name)
        days = (dt.date.today() - last).days
        return self.tr("Laatste gesprek met {name}: {date} ({days} dagen geleden).").format(
            name=child.name, date=talk_date_text(last), days=days
        )

    @Slot(QItemSelection, QItemSelection)
    def _row_chosen(self, *_: object) -> None:
        rows = self.table.selectionModel().selectedRows()
        talk = self.model.talk(rows[0].row()) if rows else None
        self._selected = talk.id if talk is not None else None
        self._show_detail()

    def selected_talk(self) -> ChildTalk | None:
        cf = self._cf
        if cf is None or self._selected is None:
            return None
        return next((t for t in cf.child_talks if t.id == self._selected), None)

    def _show_detail(self) -> None:
        talk = self.selected_talk()
        for button in (self.edit_button, self.drawing_button, self.delete_button):
            button.setEnabled(talk is not None)
        body = QWidget()
        lay = QVBoxLayout(body)
        if talk is None or self._cf is None:
            empty = QLabel(self.tr("Nog geen gesprek vastgelegd met dit kind."), body)
            empty.setStyleSheet(EMPTY_STYLE)
            lay.addWidget(empty)
        else:
            self._detail(lay, body, talk, drawings_of(self._cf, talk.id))
        lay.addStretch(1)
        self.details.setWidget(body)

    def _detail(
        self, lay: QVBoxLayout, body: QWidget, talk: ChildTalk, drawings: Sequence[ChildDrawing]
    ) -> None:
        lay.addWidget(
            heading(f"{talk_date(talk)} · {self.tr(TalkMethod.label_of(talk.method))}", 3, body)
        )
        meta = [
            self.tr("door {name}").format(name=talk.held_by) if talk.held_by else "",
            self.tr(Presence.label_of(talk.presence)).lower() if talk.presence else "",
            self.tr("erbij: {who}").format(who=talk.present) if talk.present else "",
        ]
        lay.addWidget(hint_label(", ".join(m for m in meta if m), body))
        for house, (attr, _question) in HOUSES.items():
            self._words(lay, body, House.label_of(house), getattr(talk, attr))
            self._drawings(lay, body, [d for d in drawings if d.house == house])
        for attr, label in (
            ("child_words", "Wat het kind zei"),
            ("explained", "Wat het kind is uitgelegd"),
            ("observed", "Wat u zag"),
        ):
            if getattr(talk, attr):
                self._words(lay, body, label, getattr(talk, attr))
        loose = [d for d in drawings if d.house not in HOUSES]
        if loose:
            lay.addWidget(heading(self.tr("Tekeningen"), 4, body))
            self._drawings(lay, body, loose)

    def _words(self, lay: QVBoxLayout, body: QWidget, label: str, words: str) -> None:
        lay.addWidget(heading(self.tr(label), 4, body))
        text = QLabel(words or self.tr("(niets opgeschreven)"), body)
        text.setWordWrap(True)
        text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        text.setTextFormat(Qt.TextFormat.PlainText)
        if not words:
            text.setStyleSheet(EMPTY_STYLE)
        lay.addWidget(text)

    def _drawings(self, lay: QVBoxLayout, body: QWidget, drawings: Sequence[ChildDrawing]) -> None:
        for drawing in drawings:
            row = QHBoxLayout()
            picture = QLabel(body)
            pixmap = QPixmap()
            with contextlib.suppress(ValueError):
                pixmap.loadFromData(drawing.image())
            if pixmap.isNull():
                picture.setText(self.tr("(tekening niet te lezen)"))
            else:
                picture.setPixmap(
                    pixmap.scaled(
                        THUMB,
                        THUMB,
                        Qt.AspectRatioMode.KeepAspectRatio,
                        Qt.TransformationMode.SmoothTransformation,
                    )
                )
            picture.setAccessibleName(drawing.caption or self.tr("Tekening"))
            row.addWidget(picture)
            remove = QPushButton(self.tr("Tekening verwijderen"), body)
            remove.clicked.connect(lambda _=False, d=drawing.id: self._remove_drawing(d))
            row.addWidget(remove, 0, Qt.AlignmentFlag.AlignBottom)
            row.addStretch(1)
            lay.addLayout(row)

    # -- changing --------------------------------------------------------------------

    def _write(self, fn: Callable[..., Sequence[Change]]) -> None:
        self._session.change(self, fn)

    @Slot()
    def _new(self) -> None:
        child = self.current_child()
        if child is None:
            return
        talk = self.ask_talk(child, None)
        if talk is not None:
            self._selected = talk.id
            self._write(lambda store: save_talk(store, talk))

    @Slot()
    def _edit(self, *_: object) -> None:
        child, old = self.current_child(), self.selected_talk()
        if child is None or old is None:
            return
        talk = self.ask_talk(child, old)
        if talk is not None:
            self._write(lambda store: save_talk(store, talk))

    @Slot()
    def _add_drawing(self) -> None:
        talk = self.selected_talk()
        if talk is None:
            return
        raw = self.choose_image()
        if raw is None:
            return
        try:
            image = shrink_image(raw)
        except ValueError as exc:
            show_failure(self, exc)
            return
        house = self.choose_house()
        if house is None:
            return
        case_id, talk_id = talk.case_id, talk.id
        self._write(lambda store: add_drawing(store, case_id, talk_id, image, house or None))

    def _remove_drawing(self, drawing_id: str) -> None:
        if self.confirm(self.tr("Deze tekening verwijderen?")):
            self._write(lambda store: delete_drawing(store, drawing_id))

    @Slot()
    def _delete(self) -> None:
        talk = self.selected_talk()
        if talk is None:
            return
        question = self.tr("Het gesprek van {date} en de tekeningen erbij verwijderen?").format(
            date=talk_date(talk)
        )
        if self.confirm(question):
            case_id, talk_id = talk.case_id, talk.id
            self._selected = None
            self._write(lambda store: delete_talk(store, case_id, talk_id))

    @Slot()
    def _sheet(self) -> None:
        cf, child = self._cf, self.current_child()
        if cf is None or child is None:
            return
        choice = self.ask_sheet(cf, child, talks_with(cf, child.id))
        if choice is None:
            return
        from casusregie.reports.worksheets import make_worksheet

        case_id = cf.case.id
        self._session.query(
            self,
            lambda store: make_worksheet(
                store,
                choice.kind,
                case_id,
                child.id,
                choice.talk_id,
                choice.for_person,
                child_agreed=choice.child_agreed,
            ),
            lambda report: self.deliver(report, choice.channel) if self.deliver else None,
        )

    # -- the modal questions (tests replace these) ------------------------------------

    def ask_talk(self, child: Person, talk: ChildTalk | None) -> ChildTalk | None:
        return ChildTalkDialog.ask(child, talk, self)

    def ask_sheet(
        self, cf: CaseFile, child: Person, talks: Sequence[ChildTalk]
    ) -> WorksheetChoice | None:
        return WorksheetDialog.ask(cf, child, talks, self._selected, self)

    def choose_image(self) -> bytes | None:
        path, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("Tekening toevoegen"),
            "",
            self.tr("Foto of scan (*.png *.jpg *.jpeg)"),
        )
        if not path:
            return None
        with open(path, "rb") as fh:
            return fh.read(MAX_IMAGE_BYTES * 8 + 1)

    def choose_house(self) -> str | None:
        """The house the drawing belongs to ('' for the whole conversation), or None:
        stop."""
        labels = [House.label_of(h) for h in HOUSES] + [self.tr("Bij het hele gesprek")]
        label, ok = QInputDialog.getItem(
            self, self.tr("Tekening"), self.tr("Bij welk huis hoort de tekening?"), labels, 0, False
        )
        if not ok:
            return None
        return next((h for h in HOUSES if House.label_of(h) == label), "")

    def confirm(self, question: str) -> bool:
        answer = QMessageBox.question(self, self.tr("Verwijderen"), question)
        return answer == QMessageBox.StandardButton.Yes

    def clear(self) -> None:
        """Forget the case (locking): no names, no words, no drawings."""
        self._cf = None
        self._selected = None
        self.child.blockSignals(True)
        self.child.clear()
        self.child.blockSignals(False)
        self.model.set_talks([])
        self.status.setText("")
        self._show_detail()
        self.new_button.setEnabled(False)
        self.sheet_button.setEnabled(False)


def talk_date_text(day: dt.date) -> str:
    return PartialDate.from_date(day).dutch()
