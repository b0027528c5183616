"""The pictures of one case: genogram, tijdlijn, gezinspatroon and netwerk.

Pick a picture, zoom, fit, export (PNG, SVG, PDF). In the genogram a person can be
dragged sideways; the layout then places everyone else around that spot (the
positions are kept for the case until the app is locked; "Posities herstellen" forgets
them); "Emotionele relaties" switches that layer of lines on and off. The tijdlijn can
zoom to a period, show one person's events and help, and group help per leefgebied or
per person. ``clear()`` drops every item, as locking requires.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Literal

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMenu,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from casusregie.domain.model import CaseFile
from casusregie.layout import caf_triangle, genogram, sociogram, timeline
from casusregie.layout.primitives import Picture
from casusregie.ui.pictures.export import FORMATS, save_picture
from casusregie.ui.pictures.scene import PictureScene
from casusregie.ui.pictures.view import PictureView

__all__ = ["KINDS", "PicturesPanel"]

KINDS = ("genogram", "tijdlijn", "gezinspatroon", "netwerk")
#: how the tijdlijn groups help episodes (``layout.timeline``'s ``group_by``)
Grouping = Literal["leefgebied", "persoon"]


class PicturesPanel(QWidget):
    #: the picture on screen was redrawn (its kind); for tests
    drawn = Signal(str)
    #: a person dragged in the genogram: (person id, x in mm) — store it
    position_changed = Signal(str, float)
    #: "Posities herstellen": these persons' stored positions must be cleared
    positions_reset = Signal(list)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._cf: CaseFile | None = None
        self.picture: Picture | None = None
        self._setup_ui()

    def _setup_ui(self) -> None:
        box = QVBoxLayout(self)
        bar = QHBoxLayout()
        tools = QHBoxLayout()  # a second row: the panel also fits beside a form
        self.kind = QComboBox(self)
        names = (
            self.tr("Genogram"),
            self.tr("Tijdlijn"),
            self.tr("Gezinspatroon (CAF-driehoek)"),
            self.tr("Netwerk rond het kind (sociogram)"),
        )
        for key, name in zip(KINDS, names, strict=True):
            self.kind.addItem(name, key)
        self.kind.setAccessibleName(self.tr("Welke tekening"))
        bar.addWidget(self.kind)
        self.scene = PictureScene(self)
        self.view = PictureView(self.scene, self)
        self.view.setAccessibleName(self.tr("De tekening"))
        for text, slot in (
            (self.tr("Inzoomen"), self.view.zoom_in),
            (self.tr("Uitzoomen"), self.view.zoom_out),
            (self.tr("Passend"), self.view.fit),
        ):
            button = QPushButton(text, self)
            button.clicked.connect(slot)
            tools.addWidget(button)
        self.reset_button = QPushButton(self.tr("Posities herstellen"), self)
        self.reset_button.setToolTip(self.tr("Vergeet met de hand verschoven personen"))
        self.reset_button.clicked.connect(self._reset_positions)
        tools.addWidget(self.reset_button)
        self.emotions = QCheckBox(self.tr("Emotionele relaties"), self)
        self.emotions.setToolTip(
            self.tr("Toon of verberg de lijnen van hecht, conflict, geweld en verbroken contact")
        )
        self.emotions.setChecked(True)
        self.emotions.toggled.connect(self.redraw)
        tools.addWidget(self.emotions)
        tools.addStretch(1)
        bar.addStretch(1)
        export = QPushButton(self.tr("Opslaan als…"), self)
        menu = QMenu(export)
        for label, suffix in FORMATS.items():
            action = menu.addAction(label.split(" (")[0])
            action.setData(suffix)
        menu.triggered.connect(self._export_chosen)
        export.setMenu(menu)
        bar.addWidget(export)
        box.addLayout(bar)
        box.addLayout(tools)
        self.timeline_bar = QWidget(self)
        rows = QVBoxLayout(self.timeline_bar)
        rows.setContentsMargins(0, 0, 0, 0)
        self.from_year = self._year_box(self.tr("begin"))
        self.to_year = self._year_box(self.tr("nu"))
        self.person = QComboBox(self)
        self.group = QComboBox(self)
        self.group.addItem(self.tr("per leefgebied"), "leefgebied")
        self.group.addItem(self.tr("per persoon"), "persoon")
        for pair in (
            ((self.tr("Van"), self.from_year), (self.tr("tot en met"), self.to_year)),
            ((self.tr("Wie"), self.person), (self.tr("Hulp"), self.group)),
        ):
            row = QHBoxLayout()
            for label, widget in pair:
                caption = QLabel(label, self.timeline_bar)
                caption.setBuddy(widget)
                row.addWidget(caption)
                row.addWidget(widget)
            row.addStretch(1)
            rows.addLayout(row)
        box.addWidget(self.timeline_bar)
        box.addWidget(self.view, 1)
        self.kind.currentIndexChanged.connect(self.redraw)
        for combo in (self.person, self.group):
            combo.currentIndexChanged.connect(self.redraw)
        for spin in (self.from_year, self.to_year):
            spin.valueChanged.connect(self.redraw)
        self.scene.person_moved.connect(self._moved)

    def _year_box(self, special: str) -> QSpinBox:
        spin = QSpinBox(self)
        spin.setRange(1899, 2100)
        spin.setSpecialValueText(special)
        spin.setValue(1899)
        return spin

    # -- showing ---------------------------------------------------------------------

    def show_case(self, cf: CaseFile, draw: bool = True) -> None:
        """A case to draw (``draw=False``: only take it; the caller draws, e.g. on a
        worker with ``picture_request`` and ``show_made``)."""
        self._cf = cf
        self.person.blockSignals(True)
        self.person.clear()
        self.person.addItem(self.tr("iedereen"), "")
        for p in sorted(cf.persons, key=lambda p: p.name):
            self.person.addItem(p.name, p.id)
        self.person.blockSignals(False)
        if draw:
            self.redraw()
            self.view.fit()

    @property
    def case_id(self) -> str | None:
        return self._cf.case.id if self._cf is not None else None

    def refresh(self, cf: CaseFile, draw: bool = True) -> None:
        """The same case, read again after a change: redraw, keep zoom and filters."""
        self._cf = cf
        if draw:
            self.redraw()

    def picture_request(self) -> tuple[str, Callable[[], Picture | None]]:
        """(kind, make): the controls are read now; ``make()`` lays the picture out
        without touching a widget, so it may run on a worker (a long tijdlijn takes a
        while)."""
        kind = self.current_kind()
        cf = self._cf
        start = dt.date(self.from_year.value(), 1, 1) if self.from_year.value() > 1899 else None
        end = dt.date(self.to_year.value(), 12, 31) if self.to_year.value() > 1899 else None
        who = self.person.currentData()
        group: Grouping = "persoon" if self.group.currentData() == "persoon" else "leefgebied"
        emotions = self.emotions.isChecked()
        return kind, lambda: _layout(cf, kind, start, end, who, group, emotions)

    def show_made(self, kind: str, picture: Picture | None, fit: bool = False) -> None:
        """Show a picture made by ``picture_request`` (if the kind is still chosen)."""
        if kind != self.current_kind():
            return
        self.timeline_bar.setVisible(kind == "tijdlijn")
        self.reset_button.setVisible(kind == "genogram")
        self.emotions.setVisible(kind == "genogram")
        self.picture = picture
        if picture is None:
            self.scene.forget()
            return
        self.scene.show_picture(picture, movable=kind == "genogram")
        if fit:
            self.view.fit()
        self.drawn.emit(kind)

    def current_kind(self) -> str:
        return str(self.kind.currentData())

    def make_picture(self) -> Picture | None:
        _kind, make = self.picture_request()
        return make()

    @Slot()
    def redraw(self) -> None:
        kind = self.current_kind()
        self.timeline_bar.setVisible(kind == "tijdlijn")
        self.reset_button.setVisible(kind == "genogram")
        self.emotions.setVisible(kind == "genogram")
        self.picture = self.make_picture()
        if self.picture is None:
            self.scene.forget()
            return
        self.scene.show_picture(self.picture, movable=kind == "genogram")
        self.drawn.emit(kind)

    @Slot(str, float, float)
    def _moved(self, person_id: str, x: float, y: float) -> None:
        if self._cf is not None:
            self._remember(person_id, x)
            self.redraw()
            self.position_changed.emit(person_id, x)

    @Slot()
    def _reset_positions(self) -> None:
        if self._cf is not None:
            moved = [p.id for p in self._cf.persons if p.genogram_x is not None]
            for person in self._cf.persons:
                person.genogram_x = None
            self.redraw()
            if moved:
                self.positions_reset.emit(moved)

    def _remember(self, person_id: str, x: float) -> None:
        """Keep the drag in the case on screen at once; the owner stores it (signal)."""
        person = self._cf.person(person_id) if self._cf is not None else None
        if person is not None:
            person.genogram_x = x

    @Slot(QAction)
    def _export_chosen(self, action: QAction) -> None:
        self.export(str(action.data()))

    def export(self, suffix: str, path: Path | None = None) -> Path | None:
        """Save the picture on screen; asks where unless ``path`` is given."""
        if self.picture is None:
            return None
        if path is None:
            label = next(k for k, v in FORMATS.items() if v == suffix)
            name, _ = QFileDialog.getSaveFileName(
                self, self.tr("Tekening opslaan"), self.current_kind() + suffix, label
            )
            if not name:
                return None
            path = Path(name if name.lower().endswith(suffix) else name + suffix)
        try:
            save_picture(self.picture, path, self.kind.currentText())
        except (OSError, ValueError):
            box = QMessageBox(
                QMessageBox.Icon.Warning,
                self.tr("Niet opgeslagen"),
                self.tr("De tekening kon niet worden opgeslagen."),
                parent=self,
            )
            box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            box.open()  # not modal-blocking: the app (and a test) keeps running
            return None
        return path

    def clear(self) -> None:
        """Forget the case and the positions; no item with case data stays."""
        self._cf = None
        self.picture = None
        self.scene.forget()
        self.person.clear()


def _layout(
    cf: CaseFile | None,
    kind: str,
    start: dt.date | None,
    end: dt.date | None,
    who: str | None,
    group: Grouping,
    emotions: bool = True,
) -> Picture | None:
    """The picture of ``kind`` for ``cf`` (pure layout: no widget is touched)."""
    if cf is None:
        return None
    today = dt.date.today()
    # reportlab is imported on first use, not at app start
    from casusregie.reports.drawing import picture_labels

    labels = picture_labels()
    if kind == "genogram":
        return genogram(cf, as_of=today, emotions=emotions)
    if kind == "gezinspatroon":
        return caf_triangle(cf, labels["gezinspatroon"])
    if kind == "netwerk":
        return sociogram(cf)
    return timeline(
        cf,
        start=start,
        end=end,
        persons={who} if who else None,
        group_by=group,
        as_of=today,
        labels=labels["tijdlijn"],
    )
