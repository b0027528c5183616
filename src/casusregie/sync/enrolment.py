"""Enrolment: a device joins the office with a one-time code and pins its certificate.

The code that ``casusregie-office device add`` prints is ``XXXX-XXXX-XXXX-XXXX-<16 hex>``:
the secret, then the first 16 hex digits of the office certificate's SHA-256
fingerprint. The device connects, checks the certificate against those digits before
sending the secret, and pins the full fingerprint from then on. The token it gets back
is stored in the encrypted store only.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

from casusregie.protocol import PROTOCOL_VERSION, CaseIds, EnrolResponse, OfficeInfo
from casusregie.protocol.models import MAX_ENROL_CASES
from casusregie.store.database import Store
from casusregie.store.syncstate import SyncState
from casusregie.sync.transport import Connection, OfficeError

__all__ = ["Enrolment", "enroll", "parse_code", "status", "take_case_id", "top_up_case_ids"]

#: office-issued case ids kept in reserve, so a case made offline can use one
POOL_SIZE = 10
_POOL = "case_id_pool"

_CODE = re.compile(r"^\s*([A-Za-z2-7]{4}(?:-?[A-Za-z2-7]{4}){3})-([0-9a-fA-F]{16,64})\s*$")


@dataclass(frozen=True)
class Enrolment:
    office_url: str
    office_id: str
    office_name: str
    device_id: str
    fingerprint: str
    #: held case ids the office already had registered to another device
    refused: tuple[str, ...] | list[str] = ()


def parse_code(code: str) -> tuple[str, str]:
    """(secret, fingerprint prefix) from the printed enrolment code."""
    match = _CODE.match(code)
    if not match:
        raise OfficeError(
            "Deze inschrijfcode heeft niet de vorm XXXX-XXXX-XXXX-XXXX-<16 tekens>; "
            "neem hem precies over zoals het kantoor hem gaf."
        )
    return match.group(1).upper(), match.group(2).lower()


def enroll(store: Store, url: str, code: str, label: str = "") -> Enrolment:
    """Enrol this store's device with the office at ``url``. Replaces an earlier
    enrolment: what this device knew about the office is forgotten (the cases stay)."""
    secret, prefix = parse_code(code)
    url = url.rstrip("/")
    with Connection(url, prefix) as conn:
        info = OfficeInfo.model_validate_json(conn.request("GET", "/v1/info"))
        if info.protocol_version != PROTOCOL_VERSION:
            raise OfficeError(
                f"Het kantoor spreekt protocolversie {info.protocol_version}; deze versie "
                f"van Casusregie spreekt {PROTOCOL_VERSION}. Werk Casusregie bij."
            )
        # The cases held now are registered to this device at the office (ids it already
        # knows stay with their device): a later push never claims a case.
        held = [case.id for case in store.list_cases()][:MAX_ENROL_CASES]
        body = {
            "code": secret,
            "label": label[:200],
            "client_device": store.device_id,
            "cases": held,
        }
        answer = EnrolResponse.model_validate_json(conn.request("POST", "/v1/enroll", body))
        fingerprint = conn.peer_fingerprint
        conn.token = answer.token
        issued = CaseIds.model_validate_json(conn.request("POST", f"/v1/case-ids?n={POOL_SIZE}"))
    state = SyncState(store)
    state.clear_enrolment()
    state.set_meta(
        office_url=url,
        office_id=answer.office_id,
        office_name=info.name,
        device_id=answer.device_id,
        token=answer.token,
        fingerprint=fingerprint,
        label=label,
        **{_POOL: json.dumps(issued.case_ids)},
    )
    return Enrolment(
        url, answer.office_id, info.name, answer.device_id, fingerprint, answer.refused
    )


def top_up_case_ids(store: Store, conn: Connection) -> None:
    """Keep ``POOL_SIZE`` office-issued case ids in reserve (during a sync)."""
    state = SyncState(store)
    pool = _pool(state)
    if len(pool) >= POOL_SIZE // 2:
        return
    issued = CaseIds.model_validate_json(
        conn.request("POST", f"/v1/case-ids?n={POOL_SIZE - len(pool)}")
    )
    state.set_meta(**{_POOL: json.dumps(pool + issued.case_ids)})


def take_case_id(store: Store) -> str | None:
    """An office-issued id for a new case, or None (not enrolled, or none in reserve:
    then the case gets a local id and the administrator assigns it to sync)."""
    state = SyncState(store)
    pool = _pool(state)
    if not pool:
        return None
    state.set_meta(**{_POOL: json.dumps(pool[1:])})
    return pool[0]


def _pool(state: SyncState) -> list[str]:
    try:
        pool = json.loads(state.meta(_POOL) or "[]")
    except ValueError:
        return []
    return [str(x) for x in pool] if isinstance(pool, list) else []


def status(store: Store) -> dict[str, object]:
    """For an offline/online indicator: enrolled?, office, last sync, what is owed."""
    state = SyncState(store)
    counts = state.counts()
    return {
        "enrolled": bool(state.meta("token")),
        "office_url": state.meta("office_url") or "",
        "office_name": state.meta("office_name") or "",
        "device_id": state.meta("device_id") or "",
        "last_sync": state.meta("last_sync") or "",
        **counts,
    }
