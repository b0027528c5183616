"""``ListSection``: the rows of a list section, with Toevoegen, Wijzigen, Verwijderen
and "Niet delen met…" (the selected row, or one of its fields; the note under the
table says who may not see the selected row).

The table (``FittedTableView`` over ``EntityTableModel``) shows the rows; Enter or a
double click changes the current row, Delete removes it (after a question). A wide
list (more than ``WIDE`` fields: kernbesluiten, privacy-afweging, afspraken, netwerk)
is a short list of its first ``SHORT`` columns with the selected row in full in a
detail pane beside it (list and detail), instead of a table no one can read. The
buttons do the same, so nothing needs the mouse. After a reload the same row stays
selected; a row just added is selected.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt, Slot
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from casusregie.domain.model import Entity
from casusregie.templates import Section, Template
from casusregie.templates.values import CaseValues
from casusregie.ui.display import display_text
from casusregie.ui.forms.restrictions import marker_text
from casusregie.ui.forms.row_actions import RowActions
from casusregie.ui.forms.table import FittedTableView
from casusregie.ui.models.entity import EntityTableModel
from casusregie.ui.ops.restriction import RestrictTarget, hidden_from
from casusregie.ui.widgets import hint_label, value_label

__all__ = ["SHORT", "WIDE", "ListSection"]

#: more fields than this: list and detail
WIDE = 4
#: columns in the short list of a wide section
SHORT = 3


class ListSection(QWidget):
    def __init__(
        self,
        template: Template,
        section: Section,
        values: CaseValues,
        instance: str | None,
        rows: RowActions,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._template = template
        self._section = section
        self._values = values
        self._instance = instance
        self._rows = rows
        self._select_next: str | None = None
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        self.model = EntityTableModel(section, self)
        self.table = FittedTableView(self)
        self.table.setModel(self.model)
        self.table.setAccessibleName(section.label)
        self.table.activated.connect(self._edit_index)
        self.detail: QFrame | None = None
        self._detail_form: QFormLayout | None = None
        if len(section.fields) > WIDE:
            row = QHBoxLayout()
            row.setSpacing(12)
            row.addWidget(self.table, 3, Qt.AlignmentFlag.AlignTop)
            self.detail = QFrame(self)
            self.detail.setFrameShape(QFrame.Shape.StyledPanel)
            self.detail.setAccessibleName(
                self.tr("Gekozen regel: {section}").format(section=section.label)
            )
            self._detail_form = QFormLayout(self.detail)
            self._detail_form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)
            row.addWidget(self.detail, 2, Qt.AlignmentFlag.AlignTop)
            box.addLayout(row)
        else:
            box.addWidget(self.table)
        self.empty = hint_label(self.tr("Nog niets ingevuld."), self)
        box.addWidget(self.empty)
        buttons = QHBoxLayout()
        self.add_button = QPushButton(self.tr("Toevoegen…"), self)
        self.edit_button = QPushButton(self.tr("Wijzigen…"), self)
        self.delete_button = QPushButton(self.tr("Verwijderen…"), self)
        self.restrict_button = QPushButton(self.tr("Niet delen met…"), self)
        self.restrict_button.setToolTip(
            self.tr("De gekozen rij (of een veld ervan) weglaten uit het exemplaar van sommigen")
        )
        for button, verb in (
            (self.add_button, self.tr("Toevoegen")),
            (self.edit_button, self.tr("Wijzigen")),
            (self.delete_button, self.tr("Verwijderen")),
            (self.restrict_button, self.tr("Niet delen met")),
        ):
            button.setAccessibleName(f"{verb}: {section.label}")
            buttons.addWidget(button)
        self.marker = QLabel(self)
        self.marker.setStyleSheet("QLabel { color: #8a1a1a; }")
        buttons.addWidget(self.marker)
        buttons.addStretch(1)
        box.addLayout(buttons)
        self.restrict_button.clicked.connect(self.restrict)
        self.add_button.clicked.connect(self.add)
        self.edit_button.clicked.connect(self.edit)
        self.delete_button.clicked.connect(self.delete)
        delete_key = QShortcut(QKeySequence(QKeySequence.StandardKey.Delete), self.table)
        delete_key.setContext(Qt.ShortcutContext.WidgetShortcut)
        delete_key.activated.connect(self.delete)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        self.table.selectionModel().selectionChanged.connect(self._show_detail)
        rows.saved.connect(self._remember)
        self.refresh(values)
        if self.detail is not None:
            self.table.show_columns(SHORT)

    def refresh(self, values: CaseValues) -> None:
        """Show the rows of a fresh read; keep (or move to) the selected row."""
        self._values = values
        current = self.current()
        wanted = [self._select_next, current.id if current is not None else None]
        self._select_next = None
        rows = values.list_rows(self._template, self._section, self._instance)
        self.model.set_rows(rows, values.person_names)
        self.empty.setVisible(not rows)
        row = next((r for r in (self.model.row_of(i) for i in wanted if i) if r >= 0), -1)
        if row < 0 and rows and self.detail is not None:
            row = 0  # list and detail: always a row in the detail pane
        if row >= 0:
            self.table.selectRow(row)
        self._update_buttons()
        self._show_detail()

    def current(self) -> Entity | None:
        index = self.table.currentIndex()
        selected = self.table.selectionModel().hasSelection()
        return self.model.entity(index.row()) if index.isValid() and selected else None

    @Slot()
    def _show_detail(self) -> None:
        """The selected row in full: each field's label and value."""
        form = self._detail_form
        if form is None or self.detail is None:
            return
        while form.rowCount():
            form.removeRow(0)
        entity = self.current()
        self.detail.setVisible(entity is not None)
        if entity is None:
            return
        persons = self._values.person_names
        for field in self._section.fields:
            value = display_text(field, CaseValues.row_value(entity, field), persons)
            label = QLabel(field.label, self.detail)
            label.setStyleSheet("font-weight: bold;")
            label.setWordWrap(True)
            shown = value_label(value, self.tr("(leeg)"), self.detail)
            shown.setAccessibleName(field.label)
            form.addRow(label, shown)

    @Slot(str)
    def _remember(self, entity_id: str) -> None:
        self._select_next = entity_id or None

    @Slot()
    def _update_buttons(self) -> None:
        current = self.current()
        chosen = current is not None
        self.edit_button.setEnabled(chosen)
        self.delete_button.setEnabled(chosen)
        self.restrict_button.setEnabled(chosen)
        persons: list[str] = []
        if current is not None:
            persons = hidden_from(self._values.cf, self.restrict_target(current))
            for part, _label in self.restrict_target(current).parts:
                more = hidden_from(self._values.cf, self.restrict_target(current).part(part, ""))
                persons += [p for p in more if p not in persons]
        names = self._values.person_names
        self.marker.setText(marker_text(len(persons)))
        self.marker.setToolTip(
            self.tr("Niet delen met: {names}").format(
                names=", ".join(names.get(p, "?") for p in persons)
            )
            if persons
            else ""
        )
        self.marker.setVisible(bool(persons))

    def restrict_target(self, entity: Entity) -> RestrictTarget:
        if entity.ENTITY_TYPE in ("item", "form"):
            parts = tuple((f.key, f.label) for f in self._section.fields)
        else:
            parts = tuple((f.attr, f.label) for f in self._section.fields if f.attr)
        name = getattr(entity, "name", "") if entity.ENTITY_TYPE == "person" else ""
        return RestrictTarget.of_row(entity, name or self._section.label, parts)

    @Slot()
    def restrict(self) -> None:
        """ "Niet delen met…" for the selected row (or one of its fields)."""
        entity = self.current()
        if entity is not None:
            self._rows.restrictions.mark(self.restrict_target(entity), self._values.cf)

    @Slot()
    def add(self) -> None:
        self._rows.add(self._template, self._section, self._values, self._instance)

    @Slot(QModelIndex)
    def _edit_index(self, index: QModelIndex) -> None:
        entity = self.model.entity(index.row())
        if entity is not None:
            self._rows.edit(self._section, self._values, entity)

    @Slot()
    def edit(self) -> None:
        entity = self.current()
        if entity is not None:
            self._rows.edit(self._section, self._values, entity)

    @Slot()
    def delete(self) -> None:
        entity = self.current()
        if entity is not None:
            self._rows.delete(self._section, entity)

    def clear(self) -> None:
        self.model.clear()
