"""The occasions of a ``multiple`` template (pure Python, no Qt).

A gespreksleidraad is filled in once per case discussion, a netwerkberaad once per
meeting, a weging once per moment. Each occasion is an ``instance`` id on the forms and
items of that template. This module lists them, with the date and kind that tell them
apart on screen (the template's first date field and the first choice of its first
section), and makes the first form of a new one.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from casusregie.domain.dates import PartialDate
from casusregie.domain.model import CaseFile, Form, new_id
from casusregie.templates import Field, Section, Template

__all__ = ["Occasion", "date_field", "new_occasion_form", "occasions"]


@dataclass(frozen=True)
class Occasion:
    instance: str | None
    day: PartialDate | None = None
    #: the label of the chosen kind (e.g. "Casusbespreking"), or ""
    kind: str = ""


def date_field(template: Template) -> tuple[Section, Field] | None:
    """The field that dates an occasion: the first date in a case-bound section."""
    for section in template.sections:
        if section.binding.kind == "case":
            for field in section.fields:
                if field.type in ("date", "partial_date") and not field.attr:
                    return section, field
    return None


def _kind_field(template: Template) -> tuple[Section, Field] | None:
    first = template.sections[0] if template.sections else None
    if first is None or first.binding.kind != "case":
        return None
    field = next((f for f in first.fields if f.type == "choice" and not f.attr), None)
    return None if field is None else (first, field)


def _day(value: object) -> PartialDate | None:
    try:
        return PartialDate.parse(str(value)) if value else None
    except ValueError:
        return None


def occasions(cf: CaseFile, template: Template) -> list[Occasion]:
    """Every occasion with answers, newest first (those without a date last)."""
    ids: dict[str | None, None] = {}
    for entity in [*cf.forms, *cf.items]:
        if entity.template == template.id:
            ids.setdefault(entity.instance)
    dated, kinds = date_field(template), _kind_field(template)
    forms = {(f.section, f.instance): f for f in cf.forms if f.template == template.id}

    def answer(where: tuple[Section, Field] | None, instance: str | None) -> object:
        form = forms.get((where[0].key, instance)) if where else None
        return form.answers.get(where[1].key) if form and where else None

    out = []
    for instance in ids:
        kind = answer(kinds, instance)
        label = dict(kinds[1].choices).get(str(kind), "") if kinds and kind else ""
        out.append(Occasion(instance, _day(answer(dated, instance)), label))
    out.sort(key=lambda o: (o.day is not None, o.day.sort_key() if o.day else (0, 0, 0)))
    out.reverse()
    return out


def new_occasion_form(case_id: str, template: Template, today: dt.date) -> Form:
    """The first form of a new occasion, so that it is listed at once. When the first
    section holds the date (the day of the meeting), it is today; the regisseur can
    change it. Otherwise (a weging is dated by its decision) the form starts empty."""
    instance = new_id()
    section = template.sections[0]
    dated = date_field(template)
    answers = {dated[1].key: today.isoformat()} if dated and dated[0] is section else {}
    return Form(
        id=Form.make_id(case_id, template.id, section.key, None, instance),
        case_id=case_id,
        template=template.id,
        section=section.key,
        instance=instance,
        version=template.version,
        answers=answers,
    )
