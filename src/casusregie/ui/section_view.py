"""One template section for one case, editable, in a group box.

Case-bound sections are a form (``FormRows``: label, prompt, editor); person-bound
sections repeat that form for each person whose role matches, headed by name and birth
date, with "Persoon toevoegen…" for someone not yet in the family (the role is the
section's); list sections are a table with Toevoegen/Wijzigen/Verwijderen (``ListSection``).
Any template renders this way. For a ``multiple`` template everything shown belongs to
one occasion (``instance``). The box's object name is the section key (``focus`` finds
it by that).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import Slot
from PySide6.QtWidgets import QGroupBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from casusregie.domain.model import Person
from casusregie.templates import Binding, Field, Section, Template
from casusregie.ui.case_values import CaseValues
from casusregie.ui.display import person_heading
from casusregie.ui.editing import Bound, Editing
from casusregie.ui.entity_model import EntityTableModel
from casusregie.ui.field_ref import FieldRef
from casusregie.ui.form_rows import FormRows
from casusregie.ui.list_section import ListSection
from casusregie.ui.row_actions import RowActions
from casusregie.ui.widgets import heading, hint_label

__all__ = ["SectionView", "ViewContext"]


@dataclass(frozen=True)
class ViewContext:
    """What every section needs to edit: the bindings, the row actions and the way to
    open a field's history."""

    editing: Editing
    rows: RowActions
    open_history: Callable[[Bound], None]


class SectionView(QGroupBox):
    def __init__(
        self,
        template: Template,
        section: Section,
        values: CaseValues,
        context: ViewContext,
        instance: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(section.label, parent)
        self.setObjectName(section.key)
        self._template = template
        self._section = section
        self._instance = instance
        self._context = context
        self._values = values
        self._headings: dict[str, QLabel] = {}
        self.forms: list[FormRows] = []
        self.lists: list[ListSection] = []
        # Only the title is bold: a style sheet font does not pass on to the children.
        self.setStyleSheet("QGroupBox { font-weight: bold; }")
        self._box = QVBoxLayout(self)
        self._box.setSpacing(10)
        if section.prompt:
            self._box.addWidget(hint_label(section.prompt, self))
        kind = section.binding.kind
        if kind == "case":
            refs = [values.case_ref(template, section, f, instance) for f in section.fields]
            self._box.addWidget(self._form(refs, values))
        elif kind == "person":
            self._add_persons(values)
        else:
            rows = ListSection(template, section, values, instance, context.rows, self)
            self.lists.append(rows)
            self._box.addWidget(rows)

    @property
    def section(self) -> Section:
        return self._section

    @property
    def models(self) -> list[EntityTableModel]:
        return [rows.model for rows in self.lists]

    def _form(self, refs: list[FieldRef], values: CaseValues) -> FormRows:
        ctx = self._context
        form = FormRows(
            self._section,
            refs,
            values,
            ctx.editing,
            ctx.open_history,
            self,
            restrict=lambda target: ctx.rows.restrictions.mark(target, self._values.cf),
        )
        self.forms.append(form)
        return form

    def _add_persons(self, values: CaseValues) -> None:
        persons = values.persons_for(self._section)
        if not persons:
            self._box.addWidget(
                hint_label(self.tr("Er is (nog) niemand met deze rol in het gezin."), self)
            )
        self._add_persons_rows(persons, values)
        add = QPushButton(self.tr("Persoon toevoegen…"), self)
        add.setAccessibleName(
            self.tr("Persoon toevoegen: {section}").format(section=self._section.label)
        )
        add.clicked.connect(self._new_person)
        row = QHBoxLayout()
        row.addWidget(add)
        row.addStretch(1)
        self._box.addLayout(row)

    @Slot()
    def _new_person(self) -> None:
        """Someone with this section's role: the row dialog for a person, asking the
        section's own person fields (at least the name)."""
        fields = tuple(f for f in self._section.fields if f.attr)
        if not any(f.attr == "name" for f in fields):
            name = Field("name", self.tr("Naam"), "text", False, "identiteit", attr="name")
            fields = (name, *fields)
        roles = self._section.binding.roles
        as_list = Section(
            self._section.key,
            self._section.label,
            Binding("list", entity="person", where=(("role", roles),)),
            fields,
        )
        self._context.rows.add(self._template, as_list, self._values, None)

    def _add_persons_rows(self, persons: list[Person], values: CaseValues) -> None:
        for person in persons:
            title = heading(person_heading(person.name, person.birth_date), 3, self)
            title.setContentsMargins(0, 8, 0, 0)
            self._headings[person.id] = title
            self._box.addWidget(title)
            refs = [
                values.person_ref(self._template, self._section, f, person, self._instance)
                for f in self._section.fields
            ]
            self._box.addWidget(self._form(refs, values))

    def refresh(self, values: CaseValues) -> None:
        """New values from a fresh read (the editors are refreshed by ``Editing``)."""
        self._values = values
        for person_id, title in self._headings.items():
            person = values.cf.person(person_id)
            if person is not None:
                title.setText(person_heading(person.name, person.birth_date))
        for form in self.forms:
            form.refresh(values)
        for rows in self.lists:
            rows.refresh(values)

    def clear(self) -> None:
        for rows in self.lists:
            rows.clear()
