"""'Niet delen met…': what a marking is about, and saving it (no Qt).

``RestrictTarget`` names a field, or a whole row, of a case; ``existing`` and
``hidden_from`` read the markings of a loaded case; ``save_restriction`` creates,
changes or removes one in a single transaction (run on a worker through
``Session.change``). The dialog and the links are in ``ui.forms.restrictions``.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass

from casusregie.domain.model import ANSWER_PREFIX, CaseFile, Entity, Restriction, new_id
from casusregie.domain.restrictions import restrictions_on
from casusregie.store.database import Change, Store
from casusregie.templates.field_ref import FieldRef

__all__ = ["RestrictTarget", "existing", "hidden_from", "save_restriction"]


@dataclass(frozen=True)
class RestrictTarget:
    """What a marking is about: an entity, or one field of it (the attribute, or the
    answer key of a form or item), and how the screen calls it."""

    case_id: str
    entity_type: str
    entity_id: str
    field: str | None
    label: str
    #: the person this is about (not offered in the list: hiding from oneself)
    about: str | None = None
    #: for a whole row: its fields that may be marked one by one (name, label)
    parts: tuple[tuple[str, str], ...] = ()

    def part(self, name: str | None, label: str) -> RestrictTarget:
        return dataclasses.replace(self, field=name, label=label, parts=())

    @classmethod
    def of_field(cls, ref: FieldRef) -> RestrictTarget:
        target = ref.target()
        name = target.name
        if target.entity_type == "form":
            name = name.removeprefix(ANSWER_PREFIX)
        about = target.entity_id if target.entity_type == "person" else ref.person
        return cls(ref.case_id, target.entity_type, target.entity_id, name, ref.field.label, about)

    @classmethod
    def of_row(
        cls, entity: Entity, label: str, parts: tuple[tuple[str, str], ...] = ()
    ) -> RestrictTarget:
        about = entity.id if entity.ENTITY_TYPE == "person" else None
        return cls(entity.case_id, entity.ENTITY_TYPE, entity.id, None, label, about, parts)


def existing(cf: CaseFile, target: RestrictTarget) -> Restriction | None:
    """The marking on exactly this field (or this whole entity), if there is one."""
    for r in cf.restrictions:
        if (r.target_type, r.target_id, r.field) == (
            target.entity_type,
            target.entity_id,
            target.field,
        ):
            return r
    return None


def hidden_from(cf: CaseFile, target: RestrictTarget) -> list[str]:
    """Everyone the field (or entity) is hidden from, also by a marking of the whole."""
    out: list[str] = []
    for r in restrictions_on(cf, target.entity_type, target.entity_id, target.field):
        out += [p for p in r.hidden_from if p not in out]
    return out


def save_restriction(
    store: Store, target: RestrictTarget, persons: Sequence[str], reason: str, action: str
) -> list[Change]:
    """Create, change or (nobody left) remove the marking: one transaction."""
    cf = store.load_case(target.case_id)
    old = existing(cf, target)
    with store.write(action) as tx:
        if not persons:
            if old is not None:
                tx.delete("restriction", old.id)
        elif old is None:
            tx.create(
                Restriction(
                    id=new_id(),
                    case_id=target.case_id,
                    target_type=target.entity_type,
                    target_id=target.entity_id,
                    field=target.field,
                    hidden_from=list(persons),
                    reason=reason,
                )
            )
        else:
            tx.update(dataclasses.replace(old, hidden_from=list(persons), reason=reason))
        return list(tx.changes)
