"""Undo and redo per case, as steps over the change log (pure Python, no Qt).

A ``Step`` is what one user action changed: for each stored field its value before and
after (``Edit``), taken from the ``Change`` records the store returned. Undoing writes
the old values back as a new transaction (the history stays append-only; see
``ops.edit.apply_step``); redoing writes the new ones again.

Saves of one field that follow each other without another action in between (typing
a sentence is many saves) share a ``group`` and become one step: Ctrl+Z takes back the
whole sentence, not its last letters. A step that was undone and redone is closed:
nothing merges into it any more.

The stacks hold case data, so the window drops them when it locks (``clear``).
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from dataclasses import dataclass, field
from typing import Any

from casusregie.store.database import Change

__all__ = ["Edit", "Step", "UndoHistory"]


@dataclass(frozen=True)
class Edit:
    entity_type: str
    entity_id: str
    field: str
    old: Any
    new: Any


@dataclass
class Step:
    label: str
    edits: list[Edit]
    group: Hashable | None = None
    closed: bool = False

    @classmethod
    def from_changes(
        cls, label: str, changes: Sequence[Change], group: Hashable | None = None
    ) -> Step:
        edits = [Edit(c.entity_type, c.entity_id, c.field, c.old, c.new) for c in changes]
        return cls(label, edits, group)

    def merged(self, later: Step) -> Step:
        """This step followed by ``later``: each field from its first old value to its
        last new value."""
        order: dict[tuple[str, str, str], Edit] = {}
        for edit in [*self.edits, *later.edits]:
            where = (edit.entity_type, edit.entity_id, edit.field)
            first = order.get(where)
            old = first.old if first is not None else edit.old
            order[where] = Edit(edit.entity_type, edit.entity_id, edit.field, old, edit.new)
        return Step(self.label, list(order.values()), self.group)


@dataclass
class _Stacks:
    undo: list[Step] = field(default_factory=list)
    redo: list[Step] = field(default_factory=list)


class UndoHistory:
    """The undo and redo stacks of every case opened since the last unlock."""

    def __init__(self) -> None:
        self._cases: dict[str, _Stacks] = {}

    def _stacks(self, case_id: str) -> _Stacks:
        return self._cases.setdefault(case_id, _Stacks())

    def record(self, case_id: str, step: Step) -> None:
        """A new user action: it may merge into the last step; redo is forgotten."""
        if not step.edits:
            return
        stacks = self._stacks(case_id)
        top = stacks.undo[-1] if stacks.undo else None
        same = top is not None and not top.closed and step.group is not None
        if same and top is not None and top.group == step.group:
            stacks.undo[-1] = top.merged(step)
            stacks.redo.clear()
            return
        stacks.undo.append(step)
        stacks.redo.clear()

    def next_undo(self, case_id: str) -> Step | None:
        stacks = self._cases.get(case_id)
        return stacks.undo[-1] if stacks and stacks.undo else None

    def next_redo(self, case_id: str) -> Step | None:
        stacks = self._cases.get(case_id)
        return stacks.redo[-1] if stacks and stacks.redo else None

    def undone(self, case_id: str, step: Step) -> None:
        stacks = self._stacks(case_id)
        if stacks.undo and stacks.undo[-1] is step:
            stacks.undo.pop()
            step.closed = True
            stacks.redo.append(step)

    def redone(self, case_id: str, step: Step) -> None:
        stacks = self._stacks(case_id)
        if stacks.redo and stacks.redo[-1] is step:
            stacks.redo.pop()
            stacks.undo.append(step)

    def forget(self, case_id: str, step: Step) -> None:
        """A step that could not be applied (the data changed elsewhere): drop it."""
        stacks = self._stacks(case_id)
        for stack in (stacks.undo, stacks.redo):
            if stack and stack[-1] is step:
                stack.pop()

    def clear(self) -> None:
        self._cases.clear()
