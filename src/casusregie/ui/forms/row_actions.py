"""Adding, changing and deleting the rows of list sections, and new occasions.

Rows are persons, relations, life events, help episodes or template items (an
agreement, a goal, who attended). ``add`` and ``edit`` ask ``RowEditor`` for the values
and save them as one entity, in one transaction; ``delete`` asks first. New rows get
an id from ``new_id()``; an item belongs to the occasion on screen and goes last. A
row in a list that only holds some roles or statuses gets that role or status.
Each of these is one undo step. ``restrictions`` marks a row or field "niet delen
met…" (``forms.restrictions``).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QObject, Signal, Slot
from PySide6.QtWidgets import QMessageBox, QWidget

from casusregie.domain.entities import ENTITY_TYPES
from casusregie.domain.model import Entity, Item, new_id
from casusregie.domain.sensitivity import is_classified_row
from casusregie.store.database import Change, Store
from casusregie.templates import Section, Template
from casusregie.templates.field_ref import empty_value, is_empty, with_anchor
from casusregie.templates.occasions import new_occasion_form
from casusregie.templates.values import CaseValues
from casusregie.ui.dialogs.row_editor import RowEditor, RowSpec
from casusregie.ui.forms.restrictions import RestrictionActions
from casusregie.ui.ops.edit import create_entity, delete_entity, update_entity
from casusregie.ui.ops.undo import Step, UndoHistory
from casusregie.ui.session import Session

__all__ = ["REQUIRED", "RowActions", "confirm_delete"]

#: attributes a row cannot do without
REQUIRED = {
    "person": frozenset({"name", "role"}),
    "relation": frozenset({"kind", "type", "person_a", "person_b"}),
    "life_event": frozenset({"date", "description"}),
}


def confirm_delete(parent: QWidget | None, what: str) -> bool:
    """Ask before deleting (tests replace this)."""
    box = QMessageBox(QMessageBox.Icon.Question, what, what, parent=parent)
    box.setText(
        QObject.tr(box, "Wilt u deze rij verwijderen? U kunt dit ongedaan maken met Ctrl+Z.")
    )
    delete = box.addButton(QObject.tr(box, "Verwijderen"), QMessageBox.ButtonRole.AcceptRole)
    box.addButton(QObject.tr(box, "Annuleren"), QMessageBox.ButtonRole.RejectRole)
    box.exec()
    return box.clickedButton() is delete


class RowActions(QObject):
    #: a row was added or changed (its entity id); for tests and selecting it
    saved = Signal(str)

    def __init__(self, session: Session, history: UndoHistory, parent: QWidget) -> None:
        super().__init__(parent)
        self._session = session
        self._history = history
        self._window = parent
        self.restrictions = RestrictionActions(session, history, parent)
        session.locked.connect(self._close_dialogs)

    @staticmethod
    def rules(
        section: Section,
    ) -> tuple[frozenset[str], dict[str, tuple[tuple[str, str], ...]]]:
        """The keys of the fields a row cannot do without, and the narrowed choice lists
        (a list of some roles only offers those roles), for the dialog and the detail
        pane alike."""
        entity = section.binding.entity or "item"
        keys = {f.attr: f.key for f in section.fields if f.attr}
        required = frozenset(keys[a] for a in REQUIRED.get(entity, ()) if a in keys)
        where = dict(section.binding.where)
        choices = {}
        for field in section.fields:
            wanted = where.get(field.attr or "")
            if isinstance(wanted, tuple) and field.choices:
                choices[field.key] = tuple(c for c in field.choices if c[0] in wanted)
        return required, choices

    def _spec(
        self,
        title: str,
        section: Section,
        values: CaseValues,
        start: dict[str, Any],
        template_id: str = "",
    ) -> RowSpec:
        entity = section.binding.entity or "item"
        required, choices = self.rules(section)
        persons = tuple(values.person_names.items())
        classified = is_classified_row(entity, template_id, section.key)
        return RowSpec(
            title,
            section.fields,
            start,
            persons,
            required,
            choices,
            entity == "relation",
            entity if classified else None,
        )

    def add(
        self, template: Template, section: Section, values: CaseValues, instance: str | None
    ) -> None:
        entity_type = section.binding.entity or "item"
        case_id = values.cf.case.id
        if entity_type == "item":
            start: dict[str, Any] = {}
        else:
            blank = ENTITY_TYPES[entity_type](id="", case_id=case_id).to_fields()
            for name, wanted in section.binding.where:
                blank[name] = wanted[0] if isinstance(wanted, tuple) else wanted
            start = {f.key: blank.get(f.attr) for f in section.fields if f.attr}
        title = self.tr("Toevoegen: {section}").format(section=section.label)
        answers = RowEditor.ask(
            self._spec(title, section, values, start, template.id), self._window
        )
        if answers is None:
            return
        answers = with_anchor(section.fields, answers)
        if entity_type == "item":
            rows = values.list_rows(template, section, instance)
            position = max((r.position for r in rows if isinstance(r, Item)), default=-1) + 1
            entity: Entity = Item(
                id=new_id(),
                case_id=case_id,
                template=template.id,
                section=section.key,
                instance=instance,
                version=template.version,
                position=position,
                answers={k: v for k, v in answers.items() if not is_empty(v)},
            )
        else:
            attrs = {
                name: (wanted[0] if isinstance(wanted, tuple) else wanted)
                for name, wanted in section.binding.where
            }
            attrs |= self._attributes(entity_type, section, answers)
            entity = ENTITY_TYPES[entity_type](id=new_id(), case_id=case_id, **attrs)
        label = self.tr("Rij toegevoegd: {section}").format(section=section.label)
        self._run(case_id, label, lambda store: create_entity(store, entity, label), entity.id)

    def edit_spec(self, section: Section, values: CaseValues, row: Entity) -> RowSpec:
        """The dialog for changing ``row`` (also for the screenshots)."""
        if isinstance(row, Item):
            start = dict(row.answers)
        else:
            start = {f.key: getattr(row, f.attr) for f in section.fields if f.attr}
        title = self.tr("Wijzigen: {section}").format(section=section.label)
        template_id = row.template if isinstance(row, Item) else ""
        return self._spec(title, section, values, start, template_id)

    def edit(self, section: Section, values: CaseValues, row: Entity) -> None:
        answers = RowEditor.ask(self.edit_spec(section, values, row), self._window)
        if answers is None:
            return
        answers = with_anchor(section.fields, answers)
        if isinstance(row, Item):
            kept = {k: v for k, v in row.answers.items() if section.field(k) is None}
            kept |= {k: v for k, v in answers.items() if not is_empty(v)}
            changed: Entity = dataclasses.replace(row, answers=kept)
        else:
            attrs = self._attributes(row.ENTITY_TYPE, section, answers)
            changed = dataclasses.replace(row, **attrs)
        label = self.tr("Rij gewijzigd: {section}").format(section=section.label)
        self._run(row.case_id, label, lambda store: update_entity(store, changed, label), row.id)

    def delete(self, section: Section, row: Entity) -> None:
        if not confirm_delete(
            self._window, self.tr("Verwijderen: {section}").format(section=section.label)
        ):
            return
        label = self.tr("Rij verwijderd: {section}").format(section=section.label)
        kind = row.ENTITY_TYPE
        self._run(row.case_id, label, lambda store: delete_entity(store, kind, row.id, label), "")

    def new_occasion(self, template: Template, case_id: str, today: dt.date | None = None) -> None:
        form = new_occasion_form(case_id, template, today or dt.date.today())
        label = self.tr("Nieuw overleg: {template}").format(template=template.title)
        self._run(
            case_id, label, lambda store: create_entity(store, form, label), form.instance or ""
        )

    @Slot()
    def _close_dialogs(self) -> None:
        """Locked: no dialog may keep showing a row (it is cancelled, nothing saved)."""
        window = self._window.window()
        for dialog in window.findChildren(RowEditor):
            dialog.reject()

    @staticmethod
    def _attributes(entity_type: str, section: Section, answers: dict[str, Any]) -> dict[str, Any]:
        out = {}
        for field in section.fields:
            if field.attr and field.key in answers:
                value = answers[field.key]
                out[field.attr] = empty_value(entity_type, field.attr) if is_empty(value) else value
        return out

    def _run(
        self, case_id: str, label: str, fn: Callable[[Store], Sequence[Change]], made: str
    ) -> None:
        def done(changes: Sequence[Change]) -> None:
            self._history.record(case_id, Step.from_changes(label, changes))
            self.saved.emit(made)

        self._session.change(self._window, fn, done)
