"""Where a template field's value lives in a case file (pure Python, no Qt).

A field with ``attr`` shows an attribute of the bound entity (the case, a person, a
life event...); a field without shows a free answer kept in a ``Form`` (case- and
person-bound sections) or an ``Item`` (list sections of items). The PDF reports will
need the same lookup; it can move down a layer then.
"""

from __future__ import annotations

from typing import Any

from casusregie.domain.dates import PartialDate
from casusregie.domain.model import CaseFile, Entity, Form, HelpEpisode, Item, Person
from casusregie.templates import Field, Section, Template

__all__ = ["CaseValues"]


def _date_key(value: Any) -> tuple[int, int, int]:
    try:
        return PartialDate.parse(value).sort_key()
    except (ValueError, AttributeError, TypeError):
        return (9999, 99, 99)  # no date: last


class CaseValues:
    """Answers the UI's questions about one loaded case."""

    def __init__(self, cf: CaseFile) -> None:
        self.cf = cf
        self._forms: dict[tuple[str, str, str | None], Form] = {
            (f.template, f.section, f.person): f for f in cf.forms
        }
        self.person_names: dict[str, str] = {p.id: p.name for p in cf.persons}

    def case_value(self, template: Template, section: Section, field: Field) -> Any:
        if field.attr:
            return getattr(self.cf.case, field.attr, None)
        form = self._forms.get((template.id, section.key, None))
        return form.answers.get(field.key) if form else None

    def persons_for(self, section: Section) -> list[Person]:
        """The persons a person-bound section is about, oldest first."""
        persons = [p for p in self.cf.persons if p.role in section.binding.roles]
        return sorted(persons, key=lambda p: _date_key(p.birth_date))

    def person_value(
        self, template: Template, section: Section, field: Field, person: Person
    ) -> Any:
        if field.attr:
            return getattr(person, field.attr, None)
        form = self._forms.get((template.id, section.key, person.id))
        return form.answers.get(field.key) if form else None

    def list_rows(self, template: Template, section: Section) -> list[Entity]:
        """The rows of a list section; life events and help in order of time."""
        binding = section.binding
        if binding.entity == "item":
            items: list[Item] = [
                i for i in self.cf.items if i.template == template.id and i.section == section.key
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
