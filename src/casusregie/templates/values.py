"""Where a template field's value lives in a case file (pure Python, no Qt).

A field with ``attr`` shows an attribute of the bound entity (the case, a person, a
life event...); a field without shows a free answer kept in a ``Form`` (case- and
person-bound sections) or an ``Item`` (list sections of items). A ``multiple`` template
is filled in once per occasion: its forms and items carry an ``instance``, and only
those of the chosen occasion are shown. The PDF reports will need the same lookup; it
can move down a layer then.
"""

from __future__ import annotations

from collections.abc import Set
from typing import Any

from casusregie.domain.dates import PartialDate
from casusregie.domain.model import CaseFile, Entity, Form, HelpEpisode, Item, Person
from casusregie.templates import Field, Section, Template
from casusregie.templates.field_ref import FieldRef

__all__ = ["CaseValues"]


def _date_key(value: Any) -> tuple[int, int, int]:
    try:
        return PartialDate.parse(value).sort_key()
    except (ValueError, AttributeError, TypeError):
        return (9999, 99, 99)  # no date: last


class CaseValues:
    """Answers the UI's questions about one loaded case."""

    def __init__(self, cf: CaseFile, history: Set[tuple[str, str, str]] = frozenset()) -> None:
        self.cf = cf
        #: (entity type, id, field) of the fields that held another value before
        #: (``Store.fields_with_history``): where a form shows its "historie" badge
        self.history = history
        self._forms: dict[tuple[str, str, str | None, str | None], Form] = {
            (f.template, f.section, f.person, f.instance): f for f in cf.forms
        }
        self.person_names: dict[str, str] = {p.id: p.name for p in cf.persons}
        self._rows: dict[tuple[str, str], Entity] | None = None  # made when first asked

    def case_ref(
        self, template: Template, section: Section, field: Field, instance: str | None = None
    ) -> FieldRef:
        """A field of a case-bound section (of one occasion, for a ``multiple`` template)."""
        return FieldRef(
            template.id,
            section.key,
            field,
            self.cf.case.id,
            template.version,
            instance=instance,
            entity=("case", self.cf.case.id) if field.attr else None,
        )

    def person_ref(
        self,
        template: Template,
        section: Section,
        field: Field,
        person: Person,
        instance: str | None = None,
    ) -> FieldRef:
        return FieldRef(
            template.id,
            section.key,
            field,
            self.cf.case.id,
            template.version,
            person=person.id,
            instance=instance,
            entity=("person", person.id) if field.attr else None,
        )

    def row_ref(
        self, template: Template, section: Section, field: Field, row: Entity, required: bool
    ) -> FieldRef:
        """A field of one row of a list section (as its detail pane edits it)."""
        return FieldRef(
            template.id,
            section.key,
            field,
            self.cf.case.id,
            template.version,
            instance=row.instance if isinstance(row, Item) else None,
            entity=(row.ENTITY_TYPE, row.id),
            required=required,
        )

    def row(self, entity_type: str, entity_id: str) -> Entity | None:
        """The row (life event, help, relation, item...) with this id, if it is there."""
        if self._rows is None:
            cf = self.cf
            found: list[Entity] = [
                *cf.persons,
                *cf.relations,
                *cf.life_events,
                *cf.help_episodes,
                *cf.items,
            ]
            self._rows = {(e.ENTITY_TYPE, e.id): e for e in found}
        return self._rows.get((entity_type, entity_id))

    def has_history(self, ref: FieldRef) -> bool:
        """Whether the field behind ``ref`` was changed or cleared after it was filled."""
        target = ref.target()
        return (target.entity_type, target.entity_id, target.name) in self.history

    def value(self, ref: FieldRef) -> Any:
        """What is stored for ``ref`` now (None when nothing is)."""
        if ref.entity is not None and ref.entity[0] not in ("case", "person"):
            row = self.row(*ref.entity)
            return self.row_value(row, ref.field) if row is not None else None
        if ref.entity is not None and ref.field.attr:
            kind, entity_id = ref.entity
            entity: Entity | None = self.cf.case if kind == "case" else self.cf.person(entity_id)
            return getattr(entity, ref.field.attr, None) if entity is not None else None
        form = self._forms.get((ref.template, ref.section, ref.person, ref.instance))
        return form.answers.get(ref.field.key) if form else None

    def case_value(
        self, template: Template, section: Section, field: Field, instance: str | None = None
    ) -> Any:
        return self.value(self.case_ref(template, section, field, instance))

    def persons_for(self, section: Section) -> list[Person]:
        """The persons a person-bound section is about, oldest first."""
        persons = [p for p in self.cf.persons if p.role in section.binding.roles]
        return sorted(persons, key=lambda p: _date_key(p.birth_date))

    def person_value(
        self,
        template: Template,
        section: Section,
        field: Field,
        person: Person,
        instance: str | None = None,
    ) -> Any:
        return self.value(self.person_ref(template, section, field, person, instance))

    def list_rows(
        self, template: Template, section: Section, instance: str | None = None
    ) -> list[Entity]:
        """The rows of a list section; life events and help in order of time; items
        of the given occasion only."""
        binding = section.binding
        if binding.entity == "item":
            items: list[Item] = [
                i
                for i in self.cf.items
                if (i.template, i.section, i.instance) == (template.id, section.key, instance)
            ]
            items.sort(key=lambda i: i.position)
            return list(items)
        rows: list[Entity]
        if binding.entity == "life_event":
            # not cf.sorted_events(): one unreadable date must not hide the whole list
            events = list(self.cf.life_events)
            events.sort(key=lambda e: (_date_key(e.date), e.description))
            rows = list(events)
        elif binding.entity == "help_episode":
            helps: list[HelpEpisode] = list(self.cf.help_episodes)
            helps.sort(key=lambda h: _date_key(h.start))
            rows = list(helps)
        elif binding.entity == "person":
            rows = list(self.cf.persons)
        elif binding.entity == "relation":
            rows = list(self.cf.relations)
        else:
            rows = []
        return [r for r in rows if binding.matches(r.to_fields())]

    @staticmethod
    def row_value(entity: Entity, field: Field) -> Any:
        if isinstance(entity, Item):
            return entity.answers.get(field.key)
        return getattr(entity, field.attr, None) if field.attr else None
