"""The editing operations: plain functions over the store, run on a worker.

Each is one user action and one transaction, with a Dutch action label that names
what kind of thing changed, never a value ("Veld gewijzigd: Datum bespreking"). Each
returns the ``Change`` records it made, which ``Session.change`` announces and the
undo history keeps.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from casusregie.domain.errors import NotFound
from casusregie.domain.hlc import HLC
from casusregie.domain.model import Entity
from casusregie.store.database import EXISTS, Change, Store, Transaction
from casusregie.templates.field_ref import Target, Write, is_empty
from casusregie.ui.ops.undo import Step

__all__ = [
    "HistoryEntry",
    "apply_step",
    "create_entity",
    "delete_entity",
    "field_history",
    "save_fields",
    "update_entity",
]


def _current(store: Store, target: Target) -> Any:
    try:
        return store.get(target.entity_type, target.entity_id).to_fields().get(target.name)
    except NotFound:
        return None


def _alive(store: Store, entity_type: str, entity_id: str) -> bool:
    try:
        store.get(entity_type, entity_id)
    except NotFound:
        return False
    return True


def save_fields(store: Store, writes: Sequence[Write], action: str) -> list[Change]:
    """One save: set each field, making the section's Form first if needed."""
    with store.write(action) as tx:
        for write in writes:
            target = write.target
            if target.form is not None and not _alive(store, "form", target.entity_id):
                tx.create(target.form)
            if write.only_if_empty and not is_empty(_current(store, target)):
                continue
            tx.set(target.entity_type, target.entity_id, target.name, write.value)
        return list(tx.changes)


def create_entity(store: Store, entity: Entity, action: str) -> list[Change]:
    with store.write(action) as tx:
        tx.create(entity)
        return list(tx.changes)


def update_entity(store: Store, entity: Entity, action: str) -> list[Change]:
    with store.write(action) as tx:
        tx.update(entity)
        return list(tx.changes)


def delete_entity(store: Store, entity_type: str, entity_id: str, action: str) -> list[Change]:
    """Delete one row. A person takes along what only makes sense with them: their
    relations and their answers; they are taken out of events and help they were
    part of. All in one transaction, so one undo brings everything back."""
    with store.write(action) as tx:
        if entity_type == "person":
            _forget_person(store, tx, store.get("person", entity_id).case_id, entity_id)
        tx.delete(entity_type, entity_id)
        return list(tx.changes)


def _forget_person(store: Store, tx: Transaction, case_id: str, person_id: str) -> None:
    cf = store.load_case(case_id)
    for relation in cf.relations:
        if person_id in (relation.person_a, relation.person_b):
            tx.delete("relation", relation.id)
    for form in cf.forms:
        if form.person == person_id:
            tx.delete("form", form.id)
    for entity in [*cf.life_events, *cf.help_episodes]:
        persons = getattr(entity, "persons", [])
        if person_id in persons:
            kept = [p for p in persons if p != person_id]
            tx.set(entity.ENTITY_TYPE, entity.id, "persons", kept)


def apply_step(store: Store, step: Step, forward: bool, action: str) -> list[Change]:
    """Undo (``forward`` False: old values back, in reverse order) or redo a step.

    An entity the step created or deleted is deleted or restored as a whole; a
    deleted entity keeps its fields, so restoring it brings them back too."""
    toggled = {(e.entity_type, e.entity_id) for e in step.edits if e.field == EXISTS}
    edits = step.edits if forward else list(reversed(step.edits))
    with store.write(action) as tx:
        for edit in edits:
            value = edit.new if forward else edit.old
            if edit.field == EXISTS:
                if value:
                    tx.restore(edit.entity_type, edit.entity_id)
                else:
                    tx.delete(edit.entity_type, edit.entity_id)
            elif (edit.entity_type, edit.entity_id) not in toggled:
                tx.set(edit.entity_type, edit.entity_id, edit.field, value)
        return list(tx.changes)


@dataclass(frozen=True)
class HistoryEntry:
    """One change of one field, for the history dialog."""

    millis: int  # when (milliseconds since 1970, UTC)
    author: str
    action: str  # the Dutch action label of its transaction
    old: Any
    new: Any


def field_history(store: Store, target: Target) -> list[HistoryEntry]:
    """Who changed this field, when, from what to what: newest first."""
    changes = store.history(target.entity_type, target.entity_id, target.name)
    actions: dict[str, str] = {}
    out = []
    for change in reversed(changes):
        if change.txn_id not in actions:
            actions[change.txn_id] = store.action_of(change.txn_id)
        millis = HLC.decode(change.hlc).millis
        out.append(
            HistoryEntry(millis, change.author, actions[change.txn_id], change.old, change.new)
        )
    return out
