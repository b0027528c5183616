"""The sync operations, run on a worker through the session: a sync, its status and
preview, and the open conflicts (read, resolve). Plain functions over the store, no Qt.

The sync package (pydantic models, HTTP client) is imported on first use, on a worker:
not while the window starts.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from casusregie.domain.hlc import HLC

if TYPE_CHECKING:  # the main window imports this module: no database at start
    from casusregie.store.database import Change, Store
    from casusregie.sync import SyncResult
    from casusregie.sync.preview import CasePreview

__all__ = [
    "ConflictRow",
    "build_preview",
    "format_preview",
    "office_reachable",
    "read_conflicts",
    "record_shown",
    "resolve",
    "run_sync",
    "status",
]


def run_sync(store: Store, **kwargs: Any) -> SyncResult:
    from casusregie.sync import run_sync as run

    return run(store, **kwargs)


def status(store: Store) -> dict[str, Any]:
    from casusregie.sync import status as sync_status

    return sync_status(store)


def office_reachable(store: Store) -> bool:
    from casusregie.sync import office_reachable as reachable

    return reachable(store)


def build_preview(store: Store, **kwargs: Any) -> list[CasePreview]:
    from casusregie.sync.preview import build_preview as build

    return build(store, **kwargs)


def format_preview(previews: list[CasePreview]) -> str:
    from casusregie.sync.preview import format_preview as fmt

    return fmt(previews)


def record_shown(store: Store, previews: list[CasePreview]) -> Any:
    from casusregie.sync.preview import record_shown as record

    return record(store, previews)


@dataclass(frozen=True)
class ConflictRow:
    """One open conflict as the screen shows it."""

    seq: int
    what: str
    lost: str
    now: str
    who: str
    when: str


def _text(value: Any) -> str:
    if value is None or value == "":
        return "(leeg)"
    if isinstance(value, bool):
        return "ja" if value else "nee"
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    return str(value)


def _when(stamp: str) -> str:
    """The moment of a change, from its HLC stamp (milliseconds since 1970, UTC)."""
    try:
        millis = HLC.decode(stamp).millis
    except ValueError:
        return ""
    moment = dt.datetime.fromtimestamp(millis / 1000, tz=dt.UTC)
    return moment.astimezone().strftime("%d-%m-%Y %H:%M")


def read_conflicts(store: Store) -> list[ConflictRow]:
    """The open conflicts with the current value and who set it (on a worker)."""
    from casusregie.sync import open_conflicts

    rows = []
    for c in open_conflicts(store):
        history = store.history(c.entity_type, c.entity_id, c.field)
        last = history[-1] if history else None
        now = last.new if last is not None else None
        what = f"{c.entity_type} · {c.field}"
        if c.field == "_exists":
            what = f"{c.entity_type} · bestaat"
        rows.append(
            ConflictRow(
                seq=c.seq,
                what=what,
                lost=_text(c.value),
                now=_text(now),
                who=last.author if last is not None else "",
                when=_when(last.hlc) if last is not None else "",
            )
        )
    return rows


def resolve(store: Store, seq: int, restore: bool) -> list[Change]:
    """Close conflict ``seq`` (restoring the lost value if asked); the changes it made."""
    from casusregie.sync import open_conflicts, resolve_conflict

    found = next((c for c in open_conflicts(store) if c.seq == seq), None)
    before = len(store.history(found.entity_type, found.entity_id, found.field)) if found else 0
    resolve_conflict(store, seq, restore_loser=restore)
    if found is None:
        return []
    return store.history(found.entity_type, found.entity_id, found.field)[before:]
