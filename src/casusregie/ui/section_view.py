"""One template section shown for one case, read-only, in a group box.

Case-bound sections are rows of label, prompt and value; person-bound sections repeat
those rows for each person whose role matches, headed by name and birth date; list
sections are a table (``EntityTableModel``). Any template renders this way.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGridLayout, QGroupBox, QVBoxLayout, QWidget

from casusregie.templates import Field, Section, Template
from casusregie.ui.case_values import CaseValues
from casusregie.ui.display import display_text, person_heading
from casusregie.ui.entity_model import EntityTableModel
from casusregie.ui.table_view import FittedTableView
from casusregie.ui.widgets import heading, hint_label, value_label

__all__ = ["SectionView"]

#: attributes already shown in the heading of a person block
_IN_PERSON_HEADING = frozenset({"name", "birth_date"})


class SectionView(QGroupBox):
    def __init__(
        self,
        template: Template,
        section: Section,
        values: CaseValues,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(section.label, parent)
        self._template = template
        self._section = section
        self._values = values
        self.models: list[EntityTableModel] = []
        # Only the title is bold: a style sheet font does not pass on to the children.
        self.setStyleSheet("QGroupBox { font-weight: bold; }")
        self._box = QVBoxLayout(self)
        if section.prompt:
            self._box.addWidget(hint_label(section.prompt, self))
        kind = section.binding.kind
        if kind == "case":
            self._add_rows([(f, values.case_value(template, section, f)) for f in section.fields])
        elif kind == "person":
            self._add_persons()
        else:
            self._add_table()

    def _add_rows(self, rows: list[tuple[Field, object]]) -> None:
        grid = QGridLayout()
        grid.setColumnStretch(0, 2)
        grid.setColumnStretch(1, 3)
        grid.setHorizontalSpacing(18)
        grid.setVerticalSpacing(10)
        names = self._values.person_names
        empty = self.tr("Nog niet ingevuld")
        for row, (field, value) in enumerate(rows):
            left = QWidget(self)
            column = QVBoxLayout(left)
            column.setContentsMargins(0, 0, 0, 0)
            column.setSpacing(2)
            label = heading(field.label, 4, left)
            column.addWidget(label)
            if field.prompt:
                column.addWidget(hint_label(field.prompt, left, smaller=True))
            text = value_label(display_text(field, value, names), empty, self)
            label.setBuddy(text)
            grid.addWidget(left, row, 0, Qt.AlignmentFlag.AlignTop)
            grid.addWidget(text, row, 1, Qt.AlignmentFlag.AlignTop)
        self._box.addLayout(grid)

    def _add_persons(self) -> None:
        persons = self._values.persons_for(self._section)
        if not persons:
            self._box.addWidget(
                hint_label(self.tr("Er is (nog) niemand met deze rol in het gezin."), self)
            )
            return
        fields = [f for f in self._section.fields if f.attr not in _IN_PERSON_HEADING]
        for person in persons:
            title = heading(person_heading(person.name, person.birth_date), 3, self)
            title.setContentsMargins(0, 8, 0, 0)
            self._box.addWidget(title)
            self._add_rows(
                [
                    (f, self._values.person_value(self._template, self._section, f, person))
                    for f in fields
                ]
            )

    def _add_table(self) -> None:
        model = EntityTableModel(self._section, self)
        rows = self._values.list_rows(self._template, self._section)
        model.set_rows(rows, self._values.person_names)
        view = FittedTableView(self)
        view.setModel(model)
        view.setAccessibleName(self._section.label)
        self.models.append(model)
        self._box.addWidget(view)
        if not rows:
            self._box.addWidget(hint_label(self.tr("Nog niets ingevuld."), self))

    def clear(self) -> None:
        for model in self.models:
            model.clear()
