"""Access: unenrolled, revoked and other devices' tokens are refused; no device reads
or writes a case not assigned to it; malformed requests get 4xx and write nothing."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from officekit import ThreadOffice, consent, enrolled, new_store

from casusregie.office import repo
from casusregie.protocol import PushBatch
from casusregie.store.database import Store
from casusregie.store.syncstate import SyncState
from casusregie.sync import OfficeError, enroll, run_sync
from casusregie.sync.transport import Connection, PinMismatch, Rejected, Unauthorized
from helpers import CASE_ID

OP = {
    "kind": "set", "op_id": "0" * 32 + "-0", "entity_type": "case", "entity_id": CASE_ID,
    "field": "family_name", "value": "X", "hlc": "000000000000001-000000-dev",
    "category": "identiteit", "epoch": 0,
}  # fmt: skip


def conn(office: ThreadOffice, token: str | None) -> Connection:
    return Connection(office.url, office.fingerprint, token, timeout=10, attempts=1)


def token_of(store: Store) -> str:
    token = SyncState(store).meta("token")
    assert token
    return token


def status(
    office: ThreadOffice, token: str | None, method: str, path: str, body: object = None
) -> int:
    try:
        conn(office, token).request(method, path, body)
    except Unauthorized:
        return 401
    except Rejected as exc:
        return exc.status
    return 200


PATHS = [
    ("GET", "/v1/cases"),
    ("GET", f"/v1/cases/{CASE_ID}/fields"),
    ("GET", f"/v1/cases/{CASE_ID}/digest"),
    ("POST", f"/v1/cases/{CASE_ID}/ops"),
]


def test_tokens_and_assignment(office: ThreadOffice, device: Store, tmp_path: Path) -> None:
    a_id = enrolled(device, office, "A")
    consent(device, CASE_ID, ["identiteit"])
    assert run_sync(device).ok
    assert office.show(CASE_ID)["device_id"] == a_id  # claimed by its first push

    other = new_store(tmp_path / "b")
    try:
        b_id = enrolled(other, office, "B")
        b_token = token_of(other)
        for method, path in PATHS:
            body = {"ops": [OP]} if method == "POST" else None
            assert status(office, None, method, path, body) == 401
            assert status(office, "verzonnen-sleutel", method, path, body) == 401
            if path != "/v1/cases":
                assert status(office, b_token, method, path, body) == 403
        feed = json.loads(conn(office, b_token).request("GET", "/v1/cases?after=0"))
        assert feed["cases"] == []
        assert office.show(CASE_ID)["entities"][0]["fields"]["family_name"]["value"] != "X"

        # a handover: the case goes to B; B gets it, A may no longer touch it
        repo.assign(office.db, CASE_ID, b_id)
        result = run_sync(other)
        assert result.ok and result.new_cases == [CASE_ID]
        got = other.load_case(CASE_ID)
        assert got.case.family_name == "Çelik-Nguyễn"
        assert {p.name for p in got.persons} >= {"Anaïs Çelik"}
        assert got.help_episodes == []  # never consented: never at the office
        with device.write("Na de overdracht") as tx:
            tx.set("case", CASE_ID, "family_name", "Nieuw")
        result = run_sync(device)
        assert result.ok and CASE_ID in result.handed_over
        assert status(office, token_of(device), "GET", f"/v1/cases/{CASE_ID}/fields") == 403
        assert office.show(CASE_ID)["entities"][0]["fields"]["family_name"]["value"] != "Nieuw"

        # revoked: every endpoint refuses the token, sync says so
        assert repo.revoke(office.db, b_id)
        for method, path in PATHS:
            body = {"ops": [OP]} if method == "POST" else None
            assert status(office, b_token, method, path, body) == 401
        result = run_sync(other)
        assert result.state == "not_enrolled"
        assert b_token not in result.message
    finally:
        other.close()


def test_enrolment_code_is_one_time_and_pinned(
    office: ThreadOffice, device: Store, tmp_path: Path
) -> None:
    _, code = office.add_device("A")
    enroll(device, office.url, code)
    other = new_store(tmp_path / "b")
    try:
        with pytest.raises(OfficeError, match="onbekend, al gebruikt of verlopen"):
            enroll(other, office.url, code)
        _, fresh = office.add_device("B")
        wrong = fresh[:-16] + ("0" * 16 if not fresh.endswith("0" * 16) else "1" * 16)
        with pytest.raises(PinMismatch):
            enroll(other, office.url, wrong)  # not this office's certificate: no secret sent
        assert SyncState(other).meta("token") is None
        enroll(other, office.url, fresh)  # the code was not used up by the refused try
        with pytest.raises(OfficeError, match="XXXX"):
            enroll(other, office.url, "geen-code")
    finally:
        other.close()
    # the token is only in the encrypted store: no file of the profile holds it
    token = token_of(device).encode()
    for path in device.path.parent.rglob("*"):
        if path.is_file():
            assert token not in path.read_bytes(), path.name


@pytest.mark.parametrize(
    "body",
    [
        b"{",
        b"[]",
        json.dumps({"ops": []}).encode(),
        json.dumps({"ops": [{**OP, "extra": 1}]}).encode(),
        json.dumps({"ops": [{**OP, "hlc": "gisteren"}]}).encode(),
        json.dumps({"ops": [{**OP, "kind": "drop"}]}).encode(),
        json.dumps({"ops": [OP] * 1001}).encode(),
        json.dumps({"ops": [{**OP, "entity_id": "../" * 10}]}).encode(),
    ],
    ids=["broken", "array", "empty", "extra", "stamp", "kind", "too-many", "id"],
)
def test_malformed_pushes_are_refused_whole(
    office: ThreadOffice, device: Store, body: bytes
) -> None:
    enrolled(device, office)
    assert status(office, token_of(device), "POST", f"/v1/cases/{CASE_ID}/ops", body) == 422
    assert office.show(CASE_ID) is None
    assert PushBatch  # the model the office validates with


def test_oversized_body_is_refused(office: ThreadOffice, device: Store) -> None:
    enrolled(device, office)
    big = b'{"ops": [' + b" " * (9 * 1024 * 1024) + b"]}"
    assert status(office, token_of(device), "POST", f"/v1/cases/{CASE_ID}/ops", big) == 413
