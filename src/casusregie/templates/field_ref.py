"""Where one editor's value is stored (pure Python, no Qt).

A ``FieldRef`` names a template field as it appears on screen: in which section, for
which person (person-bound sections) and which occasion (``multiple`` templates). A
field with ``attr`` is an attribute of an entity (the case, a person, or the row of a
list shown in its detail pane); the others are answers kept in a ``Form`` (or, for a
row of a list of items, in that ``Item``). ``Target`` is the stored field a save
writes: entity type, id and field name, and the ``Form`` to create first if this is its
first answer.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any

from casusregie.domain.entities import ENTITY_TYPES
from casusregie.domain.model import ANSWER_PREFIX, Form
from casusregie.templates import Field

__all__ = [
    "ANCHOR_KEY",
    "FieldRef",
    "Target",
    "Write",
    "anchor_text",
    "empty_value",
    "is_empty",
    "with_anchor",
]

#: the text field beside a scaling question that keeps what 1 and 10 meant
ANCHOR_KEY = "ankertekst"


@dataclass(frozen=True)
class FieldRef:
    template: str
    section: str
    field: Field
    case_id: str
    version: int = 1
    person: str | None = None
    instance: str | None = None
    #: (entity type, id) whose attribute ``field.attr`` this is; None for an answer.
    #: ("item", id) for an answer kept in that item (a row of a list of items).
    entity: tuple[str, str] | None = None
    #: the field must not be saved empty (a required field of a list's row)
    required: bool = False

    @property
    def key(
        self,
    ) -> tuple[str, str, str, str | None, str | None, tuple[str, str] | None]:
        """Identifies the field on screen: one editor, one pending save, one undo group
        (a list's row is told apart by its entity)."""
        return (
            self.template,
            self.section,
            self.field.key,
            self.person,
            self.instance,
            self.entity,
        )

    def target(self) -> Target:
        if self.entity is not None and self.entity[0] == "item":
            return Target("item", self.entity[1], ANSWER_PREFIX + self.field.key)
        if self.entity is not None and self.field.attr:
            return Target(self.entity[0], self.entity[1], self.field.attr)
        form_id = Form.make_id(
            self.case_id, self.template, self.section, self.person, self.instance
        )
        form = Form(
            id=form_id,
            case_id=self.case_id,
            template=self.template,
            section=self.section,
            instance=self.instance,
            version=self.version,
            person=self.person,
        )
        return Target("form", form_id, ANSWER_PREFIX + self.field.key, form)

    def stored(self, value: Any) -> Any:
        """The value to store for what an editor holds (an empty answer is removed; an
        empty attribute gets its type's default: '' for a name, False for a flag)."""
        if not is_empty(value):
            return value
        if self.entity is not None and self.field.attr:
            return empty_value(self.entity[0], self.field.attr)
        return None


@dataclass(frozen=True)
class Target:
    entity_type: str
    entity_id: str
    name: str
    #: the Form to create when it does not exist yet (the first answer of a section)
    form: Form | None = None


@dataclass(frozen=True)
class Write:
    """One stored field set by a save. ``only_if_empty``: keep a value already there
    (the anchor text beside a scale answer must not overwrite the regisseur's words)."""

    target: Target
    value: Any
    only_if_empty: bool = False


def is_empty(value: Any) -> bool:
    return value is None or value == "" or value == []


def empty_value(entity_type: str, attr: str) -> Any:
    """The default of an entity attribute: what 'nothing filled in' is stored as."""
    cls = ENTITY_TYPES[entity_type]
    for f in dataclasses.fields(cls):
        if f.name == attr:
            if f.default is not dataclasses.MISSING:
                return f.default
            if f.default_factory is not dataclasses.MISSING:
                return f.default_factory()
    return None


def anchor_text(field: Field) -> str:
    """What the numbers of a scale meant, as kept beside the answer."""
    low, high = field.scale_anchors or ("", "")
    return f"{low}; {high}"


def with_anchor(fields: tuple[Field, ...], answers: dict[str, Any]) -> dict[str, Any]:
    """Answers of a row (or form) with the anchor text filled in when a scale is
    answered and the anchor field is still empty."""
    anchor = next((f for f in fields if f.key == ANCHOR_KEY), None)
    if anchor is None or not is_empty(answers.get(ANCHOR_KEY)):
        return answers
    for field in fields:
        if field.type == "scale" and field.scale_anchors and not is_empty(answers.get(field.key)):
            return {**answers, ANCHOR_KEY: anchor_text(field)}
    return answers
