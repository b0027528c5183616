"""Case ownership at the office; squatting case ids (issue 16 item 7).

Any enrolled device could claim an unknown case id by pushing to it first; imported
cases keep their ids, so ids could be squatted before their real owner synced. Now a
push never claims: a case belongs to the device it is assigned to, or that reserved its
id (the cases it held at enrolment, or an id the office issued to it).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

# isort: off
from adversarial import probekit  # puts tests/sync (officekit) on sys.path
from officekit import ThreadOffice, consent, enrolled, new_store
# isort: on

from casusregie.office import repo
from casusregie.office.storage import Database
from casusregie.store.caseio import import_case
from casusregie.store.database import Store
from casusregie.store.syncstate import SyncState
from casusregie.sync import run_sync
from casusregie.sync.transport import Connection, Rejected
from helpers import CASE_ID, sample_document

device = probekit.device  # the fixture, shared with the other office tests


@pytest.fixture
def office(tmp_path: Path) -> Iterator[ThreadOffice]:
    server = ThreadOffice(str(tmp_path / "kantoor.db"), tmp_path / "kantoor")
    try:
        yield server
    finally:
        server.stop()


def _prefixed(doc: dict[str, Any], prefix: str) -> dict[str, Any]:
    """The sample case with its own entity ids (ids are unique per store)."""
    ids = {e["id"] for key in ("persons", "relations", "life_events", "help_episodes",
                               "items") for e in doc[key]}  # fmt: skip

    def fix(value: Any) -> Any:
        if isinstance(value, str) and value in ids:
            return prefix + value
        if isinstance(value, list):
            return [fix(v) for v in value]
        if isinstance(value, dict):
            return {k: fix(v) for k, v in value.items()}
        return value

    return {k: (v if k == "case" else fix(v)) for k, v in doc.items()}


def _token(store: Store) -> str:
    token = SyncState(store).meta("token")
    assert token
    return token


def _push_status(office: ThreadOffice, store: Store, case_id: str) -> int:
    op = {
        "kind": "set", "op_id": "1" * 32 + "-0", "entity_type": "case", "entity_id": case_id,
        "field": "family_name", "value": "Overgenomen", "hlc": "000000000000001-000000-x",
        "category": "identiteit", "epoch": 0,
    }  # fmt: skip
    try:
        Connection(office.url, office.fingerprint, _token(store), timeout=10, attempts=1).request(
            "POST", f"/v1/cases/{case_id}/ops", {"ops": [op]}
        )
    except Rejected as exc:
        return exc.status
    return 200


def test_squatting_an_imported_case_id_is_refused(
    office: ThreadOffice, device: Store, tmp_path: Path
) -> None:
    """Issue 16 item 7: A holds the case and enrols; B imports a copy of the same case
    (same ids) and pushes first. B is refused; A's sync goes through; the office holds
    A's case under A's device."""
    a_id = enrolled(device, office, "A")
    squatter = new_store(tmp_path / "b")
    try:
        import_case(squatter, sample_document(CASE_ID))
        b_id = enrolled(squatter, office, "B")
        consent(squatter, CASE_ID, ["identiteit", "hulpverlening"])
        assert _push_status(office, squatter, CASE_ID) == 403
        run_sync(squatter)  # its sync cannot take the case either
    finally:
        squatter.close()
    assert office.show(CASE_ID) is None  # nothing of B's copy reached the office
    consent(device, CASE_ID, ["identiteit"])
    assert run_sync(device).ok
    shown = office.show(CASE_ID)
    assert shown is not None and shown["device_id"] == a_id != b_id


def test_unknown_case_id_cannot_be_claimed_by_a_push(
    office: ThreadOffice, device: Store, tmp_path: Path
) -> None:
    """Issue 16 item 7: a push to an id nobody reserved is refused (404) and makes no
    case; it used to claim the id for the pusher."""
    enrolled(device, office)
    assert _push_status(office, device, "casus-van-iemand-anders") == 404
    assert office.show("casus-van-iemand-anders") is None


def test_case_imported_after_enrolment_waits_for_the_administrator(
    office: ThreadOffice, device: Store
) -> None:
    """Issue 16 item 7: an imported case keeps its id, but cannot claim it: the sync
    reports it as not registered (nothing sent) until the administrator assigns it."""
    device_id = enrolled(device, office)
    import_case(device, _prefixed(sample_document("casus-later"), "later-"))
    consent(device, "casus-later", ["identiteit"], given_by=["later-p-moeder", "later-p-kind"])
    result = run_sync(device)
    assert result.ok and result.unregistered == ["casus-later"]
    assert office.show("casus-later") is None
    repo.assign(office.db, "casus-later", device_id)  # the administrator decides
    result = run_sync(device)
    assert result.ok and result.unregistered == []
    assert office.categories("casus-later") == {"identiteit"}


def test_office_issued_id_belongs_to_its_device(
    office: ThreadOffice, device: Store, tmp_path: Path
) -> None:
    """Issue 16 item 7: a new case made with an office-issued id syncs without the
    administrator; another device cannot take that id."""
    from casusregie.sync import take_case_id

    enrolled(device, office, "A")
    case_id = take_case_id(device)
    assert case_id is not None and case_id.startswith("k-")
    other = new_store(tmp_path / "b")
    try:
        enrolled(other, office, "B")
        assert _push_status(office, other, case_id) == 403
    finally:
        other.close()
    import_case(device, _prefixed(sample_document(case_id), "n-"))
    consent(device, case_id, ["identiteit"], given_by=["n-p-moeder", "n-p-kind"])
    assert run_sync(device).ok
    assert office.categories(case_id) == {"identiteit"}


def test_reservations_hold_no_case_id(tmp_path: Path) -> None:
    """Issue 16 item 7: a reservation keeps only a hash: before consent, no case id is
    stored at the office."""
    db = Database(tmp_path / "k.db")
    try:
        device_id, code = repo.add_device(db, "A")
        found = repo.enrol(db, code, "", "", ["casus-geheim-123"])
        assert found is not None and found[2] == ["casus-geheim-123"]
        assert repo.show_case(db, "casus-geheim-123") is None
        assert db.path is not None
        db.compact()
        assert b"casus-geheim-123" not in db.path.read_bytes()
        again = repo.add_device(db, "B")[1]
        second = repo.enrol(db, again, "", "", ["casus-geheim-123"])
        assert second is not None and second[3] == ["casus-geheim-123"]  # not taken over
    finally:
        db.close()
    del device_id
