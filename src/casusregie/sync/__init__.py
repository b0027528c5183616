"""Sync with the central office (the client side). No Qt: the app runs it on a worker.

What the UI calls (each runs on a worker thread, never on the UI thread):

- ``run_sync(store, progress=cb, cancel=event, confirm_deletions=case_ids)``: one sync;
  ``cb(Progress)`` is called from the worker (phase, done, total, Dutch text); returns
  a ``SyncResult`` (``state``: ok / offline / not_enrolled / refused / cancelled /
  error; ``summary()`` is a Dutch line for the status bar; ``held`` lists cases whose
  inbound deletions wait for confirmation: ask, then sync again with
  ``confirm_deletions``). Never raises for network or office trouble.
- ``office_reachable(store, timeout=2.0)``: a cheap check for "sync automatically when
  the office is reachable"; False means show the offline state.
- ``status(store)``: enrolled?, office, last sync, fields waiting, conflicts.
- ``enroll(store, url, code, label)``: join an office (raises ``OfficeError``); the
  cases held then are registered to this device at the office.
- ``take_case_id(store)``: an office-issued id for a new case (None when there is none
  in reserve). A push never claims a case the office does not know.
- ``open_conflicts(store, case_id)`` / ``resolve_conflict(store, seq, restore_loser=)``.

The consent ledger itself is edited through ``casusregie.store.consents``.
"""

from casusregie.sync.conflicts import open_conflicts, resolve_conflict
from casusregie.sync.engine import Progress, SyncResult, run_sync
from casusregie.sync.enrolment import Enrolment, enroll, parse_code, status, take_case_id
from casusregie.sync.transport import OfficeError, Offline, PinMismatch, Unauthorized

__all__ = [
    "Enrolment",
    "OfficeError",
    "Offline",
    "PinMismatch",
    "Progress",
    "SyncResult",
    "Unauthorized",
    "enroll",
    "office_reachable",
    "open_conflicts",
    "parse_code",
    "resolve_conflict",
    "run_sync",
    "status",
    "take_case_id",
]


def office_reachable(store: object, timeout: float = 2.0) -> bool:
    """Whether the enrolled office answers now (pinned TLS, ``GET /v1/info``)."""
    from casusregie.store.database import Store
    from casusregie.store.syncstate import SyncState
    from casusregie.sync.transport import Connection

    assert isinstance(store, Store)
    state = SyncState(store)
    url, pin = state.meta("office_url"), state.meta("fingerprint")
    if not url or not pin:
        return False
    try:
        with Connection(url, pin, timeout=timeout, attempts=1) as conn:
            conn.request("GET", "/v1/info")
    except OfficeError:
        return False
    return True
