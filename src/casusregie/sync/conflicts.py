"""Conflicts: the losing value of a concurrent edit, kept and shown to the user.

Last writer wins per field (by HLC stamp, the same on every device), so sync never
stops for a conflict; but the value that lost is never silently dropped. The UI lists
``open_conflicts`` and lets the user keep the winner or restore the loser (which is a
new local edit, so it wins on the next sync).
"""

from __future__ import annotations

from casusregie.domain.errors import NotFound
from casusregie.store.database import Store
from casusregie.store.syncstate import Conflict, SyncState

__all__ = ["Conflict", "open_conflicts", "resolve_conflict"]


def open_conflicts(store: Store, case_id: str | None = None) -> list[Conflict]:
    return SyncState(store).conflicts(case_id)


def resolve_conflict(store: Store, seq: int, *, restore_loser: bool = False) -> None:
    """Close conflict ``seq``; with ``restore_loser`` the losing value is set again."""
    state = SyncState(store)
    found = next((c for c in state.conflicts() if c.seq == seq), None)
    if found is None:
        raise NotFound("Dit conflict bestaat niet of is al opgelost.")
    action = "Conflict opgelost: vorige waarde hersteld" if restore_loser else "Conflict bekeken"
    with state.write(action) as w:
        if restore_loser:
            if found.field == "_exists":
                raise NotFound("Een verwijdering kan hier niet worden teruggedraaid.")
            w.tx.set(found.entity_type, found.entity_id, found.field, found.value)
        w.resolve_conflict(seq)
