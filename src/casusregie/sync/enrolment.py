"""Enrolment: a device joins the office with a one-time code and pins its certificate.

The code that ``casusregie-office device add`` prints is ``XXXX-XXXX-XXXX-XXXX-<16 hex>``:
the secret, then the first 16 hex digits of the office certificate's SHA-256
fingerprint. The device connects, checks the certificate against those digits before
sending the secret, and pins the full fingerprint from then on. The token it gets back
is stored in the encrypted store only.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from casusregie.protocol import PROTOCOL_VERSION, EnrolResponse, OfficeInfo
from casusregie.store.database import Store
from casusregie.store.syncstate import SyncState
from casusregie.sync.transport import Connection, OfficeError

__all__ = ["Enrolment", "enroll", "parse_code", "status"]

_CODE = re.compile(r"^\s*([A-Za-z2-7]{4}(?:-?[A-Za-z2-7]{4}){3})-([0-9a-fA-F]{16,64})\s*$")


@dataclass(frozen=True)
class Enrolment:
    office_url: str
    office_id: str
    office_name: str
    device_id: str
    fingerprint: str


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
        body = {"code": secret, "label": label[:200], "client_device": store.device_id}
        answer = EnrolResponse.model_validate_json(conn.request("POST", "/v1/enroll", body))
        fingerprint = conn.peer_fingerprint
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
    )
    return Enrolment(url, answer.office_id, info.name, answer.device_id, fingerprint)


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
