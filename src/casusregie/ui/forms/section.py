"""One template section for one case, editable, in a group box.

Case-bound sections are a form (``FormRows``: label, prompt, editor); person-bound
sections show that form for each person whose role matches, headed by name and birth
date, with "Persoon toevoegen…" for someone not yet in the family (the role is the
section's). With more than one such person (the children) a short list of them sits
beside one form, for the person chosen in the list (list and detail: a family with many
children does not get a wall of forms, and the page is built quickly). List sections
are a short list with the selected row edited beside it, Toevoegen and Verwijderen
(``ListSection``).
Any template renders this way. For a ``multiple`` template everything shown belongs to
one occasion (``instance``). The box's object name is the section key (``focus`` finds
it by that).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from casusregie.domain.model import Person
from casusregie.templates import Binding, Field, Section, Template
from casusregie.templates.field_ref import FieldRef
from casusregie.templates.values import CaseValues
from casusregie.ui.display import person_heading
from casusregie.ui.editors.editing import Bound, Editing
from casusregie.ui.forms.form_rows import FormRows
from casusregie.ui.forms.list_section import ListSection
from casusregie.ui.forms.row_actions import RowActions
from casusregie.ui.models.entity import ENTITY_ID_ROLE, EntityTableModel
from casusregie.ui.widgets import Explanation, heading, hint_label

__all__ = ["SectionView", "ViewContext"]


@dataclass(frozen=True)
class ViewContext:
    """What every section needs to edit: the bindings, the row actions and the way to
    open a field's history."""

    editing: Editing
    rows: RowActions
    open_history: Callable[[Bound], None]
    #: a privacy category's Dutch label (None: the section does not show its category)
    privacy_label: Callable[[str], str] | None = None


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
        #: with more than one person: who they are, and the one whose form is shown
        self.person_list: QListWidget | None = None
        self._detail: QVBoxLayout | None = None
        self._persons: list[Person] = []
        # Only the title is bold: a style sheet font does not pass on to the children.
        self.setStyleSheet("QGroupBox { font-weight: bold; }")
        self._box = QVBoxLayout(self)
        self._box.setSpacing(10)
        self.privacy_note: QLabel | None = None
        if context.privacy_label is not None and self._categories():
            self.privacy_note = hint_label("", self, smaller=True)
            self._box.addWidget(self.privacy_note)
            self._show_privacy(values)
        if section.prompt:
            self._box.addWidget(Explanation(section.prompt, self))
        kind = section.binding.kind
        if kind == "case":
            refs = [values.case_ref(template, section, f, instance) for f in section.fields]
            self._box.addWidget(self._form(refs, values))
        elif kind == "person":
            self._add_persons(values)
        else:
            rows = ListSection(
                template, section, values, instance, context.rows, context.editing, self
            )
            self.lists.append(rows)
            self._box.addWidget(rows)

    def _categories(self) -> list[str]:
        seen: list[str] = []
        for f in self._section.fields:
            if f.privacy and f.privacy not in seen:
                seen.append(f.privacy)
        return seen

    def _show_privacy(self, values: CaseValues) -> None:
        """Which privacy category the section falls under, and whether the office may
        have it now (an active consent or other basis; default: not shared)."""
        label = self._context.privacy_label
        if self.privacy_note is None or label is None:
            return
        import datetime as dt

        from casusregie.domain.consent import OFFICE, active_bases

        allowed = active_bases(values.cf, OFFICE, dt.date.today())
        parts = []
        for category in self._categories():
            try:
                name = label(category)
            except KeyError:
                name = category
            shared = (
                self.tr("mag nu naar het kantoor")
                if category in allowed
                else self.tr("wordt nu niet gedeeld")
            )
            parts.append(f"{name}: {shared}")
        self.privacy_note.setText(self.tr("Privacy · {parts}").format(parts="; ".join(parts)))

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
        if len(persons) > 1:
            self._add_person_chooser(persons, values)
            return
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

    def _add_person_chooser(self, persons: list[Person], values: CaseValues) -> None:
        """A list of the persons beside the form of the one chosen (the first at first)."""
        self._persons = persons
        row = QHBoxLayout()
        row.setSpacing(16)
        chooser = QListWidget(self)
        chooser.setAccessibleName(
            self.tr("Kies een persoon: {section}").format(section=self._section.label)
        )
        for person in persons:
            item = QListWidgetItem(person_heading(person.name, person.birth_date), chooser)
            item.setData(ENTITY_ID_ROLE, person.id)
        width = max(chooser.sizeHintForColumn(0) + 2 * chooser.frameWidth() + 24, 160)
        chooser.setFixedWidth(min(width, 280))
        chooser.setMaximumHeight(chooser.sizeHintForRow(0) * min(len(persons), 12) + 8)
        row.addWidget(chooser, 0, Qt.AlignmentFlag.AlignTop)
        detail = QVBoxLayout()
        detail.setContentsMargins(0, 0, 0, 0)
        row.addLayout(detail, 1)
        self._box.addLayout(row)
        self.person_list, self._detail = chooser, detail
        chooser.currentRowChanged.connect(self._show_person)
        chooser.setCurrentRow(0)

    @Slot(int)
    def _show_person(self, row: int) -> None:
        """The chosen person's form replaces the one shown (saving what was typed)."""
        if self._detail is None or not 0 <= row < len(self._persons):
            return
        for form in self.forms:
            self._context.editing.unbind(form.editors)
        while self._detail.count():
            taken = self._detail.takeAt(0)
            old = taken.widget() if taken is not None else None
            if old is not None:
                old.hide()
                old.deleteLater()
        self.forms.clear()
        self._headings.clear()
        person = self._persons[row]
        title = heading(person_heading(person.name, person.birth_date), 3, self)
        self._headings[person.id] = title
        self._detail.addWidget(title)
        refs = [
            self._values.person_ref(self._template, self._section, f, person, self._instance)
            for f in self._section.fields
        ]
        self._detail.addWidget(self._form(refs, self._values))

    def refresh(self, values: CaseValues) -> None:
        """New values from a fresh read (the editors are refreshed by ``Editing``)."""
        self._values = values
        self._show_privacy(values)
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
