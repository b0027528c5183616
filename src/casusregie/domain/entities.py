"""The registry of entity types: one explicit list, the same whatever was imported first.

The store, sync, templates and the UI look up an entity class by its ``ENTITY_TYPE``
here. Every class is named below, so loading a case never depends on some other module
having been imported before (the consent ledger's ``Consent`` lives in its own module).
"""

from __future__ import annotations

from casusregie.domain.child_talks import ChildDrawing, ChildTalk
from casusregie.domain.consent import Consent
from casusregie.domain.model import (
    Case,
    Entity,
    Form,
    HelpEpisode,
    Item,
    LifeEvent,
    Person,
    Relation,
    Restriction,
)

__all__ = ["ENTITY_TYPES", "entity_class"]

ENTITY_TYPES: dict[str, type[Entity]] = {
    cls.ENTITY_TYPE: cls
    for cls in (
        Case,
        Person,
        Relation,
        LifeEvent,
        HelpEpisode,
        Form,
        Item,
        Restriction,
        Consent,
        ChildTalk,
        ChildDrawing,
    )
}


def entity_class(entity_type: str) -> type[Entity]:
    """The class stored under ``entity_type`` (KeyError for an unknown type)."""
    return ENTITY_TYPES[entity_type]
