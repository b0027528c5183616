"""Hostile requests against the office (issue 16 items 5 and 6).

Item 5: every error is RFC 9457 problem+json (also 404, 405, 413, 422 and 500); values
are validated strictly: no lone UTF-16 surrogates (they gave a 500 with a plain-text
body), no NaN, Infinity or 1e999, no text longer than the desktop's field limit.
Item 6: failed enrolments are rate-limited per client in memory, without a database
write per failure; the audit log gets one aggregated row.
"""

from __future__ import annotations

import http.client
import json
import ssl
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

# isort: off
from adversarial import probekit  # puts tests/sync (officekit) on sys.path
from officekit import ThreadOffice, enrolled
# isort: on

from casusregie.office import repo
from casusregie.office.storage import Database
from casusregie.protocol import FieldOp
from casusregie.store.database import Store
from casusregie.store.profile import Profile
from casusregie.store.syncstate import SyncState
from helpers import CASE_ID

PROBLEM_KEYS = {"type", "title", "status", "detail"}
#: the field limit chosen for issue 16 (domain.limits.MAX_TEXT, shared by both sides)
MAX_TEXT = 20_000

device = probekit.device  # the fixture, shared with the other office tests


@pytest.fixture
def office(tmp_path: Path) -> Iterator[ThreadOffice]:
    server = ThreadOffice(str(tmp_path / "kantoor.db"), tmp_path / "kantoor")
    try:
        yield server
    finally:
        server.stop()


def raw(
    office: ThreadOffice,
    method: str,
    path: str,
    body: bytes | None = None,
    token: str | None = None,
    content_type: str = "application/json",
) -> tuple[int, dict[str, str], bytes]:
    ctx = ssl.create_default_context()
    ctx.check_hostname = False
    ctx.verify_mode = ssl.CERT_NONE
    conn = http.client.HTTPSConnection("127.0.0.1", office.port, context=ctx, timeout=20)
    headers = {"Content-Type": content_type} if body is not None else {}
    if token:
        headers["Authorization"] = f"Bearer {token}"
    try:
        conn.request(method, path, body=body, headers=headers)
        response = conn.getresponse()
        return response.status, {k.lower(): v for k, v in response.getheaders()}, response.read()
    finally:
        conn.close()


def assert_problem(status: int, headers: dict[str, str], body: bytes, expected: int) -> str:
    assert status == expected, (status, body[:200])
    assert headers["content-type"].startswith("application/problem+json"), headers
    doc = json.loads(body)
    assert set(doc) == PROBLEM_KEYS, doc
    assert doc["status"] == expected
    assert doc["type"] == "about:blank"
    assert isinstance(doc["detail"], str) and doc["detail"]
    return str(doc["detail"])


def _op(value_json: str) -> bytes:
    """A push body with the value spliced in as raw JSON text (so NaN, lone surrogate
    escapes and 1e999 reach the server exactly as a hostile client sends them)."""
    op = {
        "kind": "set", "op_id": "0" * 32 + "-0", "entity_type": "case", "entity_id": CASE_ID,
        "field": "family_name", "value": "__V__", "hlc": "000000000000001-000000-dev",
        "category": "identiteit", "epoch": 0,
    }  # fmt: skip
    return json.dumps({"ops": [op]}).replace('"__V__"', value_json).encode("utf-8")


def _token(store: Store) -> str:
    token = SyncState(store).meta("token")
    assert token
    return token


HOSTILE_VALUES = {
    "lone-surrogate": '"abc\\ud800def"',
    "lone-low-surrogate": '"\\udc00"',
    "surrogate-in-list": '["ok", "\\udfff"]',
    "surrogate-as-key": '{"\\ud83d": 1}',
    "nan": "NaN",
    "infinity": "Infinity",
    "minus-infinity": "-Infinity",
    "1e999": "1e999",
    "nan-in-object": '{"a": [NaN]}',
    "too-long": json.dumps("x" * (MAX_TEXT + 1)),
    "seven-megabytes": json.dumps("y" * (7 * 1024 * 1024)),
    "deep": "[" * 50 + "]" * 50,
}


@pytest.mark.parametrize("value", HOSTILE_VALUES.values(), ids=HOSTILE_VALUES.keys())
def test_hostile_values_are_422_problems(office: ThreadOffice, device: Store, value: str) -> None:
    """Issue 16 item 5: strict values, refused whole with a problem+json 422 (a lone
    surrogate gave a 500 with a plain-text body; NaN, Infinity, 1e999 and 7 MB strings
    were stored)."""
    enrolled(device, office)
    status, headers, body = raw(
        office, "POST", f"/v1/cases/{CASE_ID}/ops", _op(value), _token(device)
    )
    detail = assert_problem(status, headers, body, 422)
    assert "ud800" not in detail and "xxxx" not in detail
    assert office.show(CASE_ID) is None  # refused whole: nothing written


def test_unparsable_number_is_a_problem_not_a_500(office: ThreadOffice, device: Store) -> None:
    """Issue 16 item 5: a number beyond the JSON parser's limit: a 4xx problem+json."""
    enrolled(device, office)
    body = _op("1" + "0" * 5000)
    status, headers, raw_body = raw(
        office, "POST", f"/v1/cases/{CASE_ID}/ops", body, _token(device)
    )
    assert status in (400, 422)
    assert_problem(status, headers, raw_body, status)
    assert office.show(CASE_ID) is None


def test_longest_allowed_text_is_accepted(office: ThreadOffice, device: Store) -> None:
    """Issue 16 item 5: exactly MAX_TEXT characters (also non-ASCII) still goes through."""
    enrolled(device, office)
    text = "é" * MAX_TEXT
    status, _, body = raw(
        office, "POST", f"/v1/cases/{CASE_ID}/ops", _op(json.dumps(text)), _token(device)
    )
    assert status == 200, body[:300]
    shown = office.show(CASE_ID)
    assert shown is not None
    assert shown["entities"][0]["fields"]["family_name"]["value"] == text


def test_surrogate_in_enrolment_label(office: ThreadOffice) -> None:
    """Issue 16 item 5: the same in other texts (the enrolment's label)."""
    body = b'{"code": "AAAA-BBBB-CCCC-DDDD", "label": "\\ud800"}'
    status, headers, raw_body = raw(office, "POST", "/v1/enroll", body)
    assert_problem(status, headers, raw_body, 422)


@pytest.mark.parametrize(
    ("method", "path", "body", "expected"),
    [
        ("GET", "/v1/nergens", None, 404),
        ("DELETE", "/v1/info", None, 405),
        ("GET", "/v1/cases", None, 401),
        ("POST", "/v1/enroll", b"{", 422),
        ("POST", "/v1/enroll", b'{"code": "AAAA-BBBB-CCCC-DDDD"}', 401),
        ("GET", "/v1/cases/..%2F..%2Fetc/digest", None, 422),
    ],
)
def test_every_error_is_problem_json(
    office: ThreadOffice, method: str, path: str, body: bytes | None, expected: int
) -> None:
    """Issue 16 item 5: RFC 9457 for every 4xx, also the ones the framework makes."""
    status, headers, raw_body = raw(office, method, path, body)
    if expected == 422 and status == 404:  # the router may refuse the odd path first
        expected = 404
    assert_problem(status, headers, raw_body, expected)


def test_oversized_body_is_problem_json(office: ThreadOffice, device: Store) -> None:
    """Issue 16 item 5: the 413 from the outermost guard too."""
    enrolled(device, office)
    big = b'{"ops": [' + b" " * (9 * 1024 * 1024) + b"]}"
    status, headers, body = raw(office, "POST", f"/v1/cases/{CASE_ID}/ops", big, _token(device))
    assert_problem(status, headers, body, 413)


def test_internal_error_is_problem_json(
    office: ThreadOffice, device: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Issue 16 item 5: a 500 says nothing about the data, as problem+json."""
    enrolled(device, office)

    def broken(*_: Any, **__: Any) -> Any:
        raise RuntimeError("geheime casusgegevens")

    monkeypatch.setattr(repo, "feed", broken)
    status, headers, body = raw(office, "GET", "/v1/cases", token=_token(device))
    detail = assert_problem(status, headers, body, 500)
    assert "geheime" not in body.decode()
    assert "Interne fout" in detail


def test_field_limits_shared_with_the_desktop() -> None:
    """Issue 16 item 5: the wire model and the desktop share one limit."""
    from casusregie.domain import limits
    from casusregie.protocol import models

    assert limits.MAX_TEXT == MAX_TEXT

    assert models.MAX_TEXT == MAX_TEXT == 20_000
    base = {
        "op_id": "0" * 32, "entity_type": "case", "entity_id": "c", "field": "naam",
        "hlc": "000000000000001-000000-dev", "category": "identiteit",
    }  # fmt: skip
    FieldOp(**base, value="x" * MAX_TEXT)
    with pytest.raises(ValueError):
        FieldOp(**base, value="x" * (MAX_TEXT + 1))


# -- item 6: enrolment rate limit -------------------------------------------------------


def _audit_rows(office: ThreadOffice) -> list[dict[str, Any]]:
    return [e for e in repo.audit(office.db, 10_000)["events"] if "inschrijving" in e["action"]]


def test_failed_enrolments_are_rate_limited_without_writes(office: ThreadOffice) -> None:
    """Issue 16 item 6: after 10 wrong codes from one address: 429 with Retry-After,
    and not one database row per failure (there used to be an fsynced audit row each)."""
    assert office.db.path is not None
    before = office.db.path.stat().st_size, _wal_size(office.db.path)
    codes = []
    for i in range(25):
        body = json.dumps({"code": f"ZZZZ-ZZZZ-ZZZZ-{i:04d}"}).encode()
        status, headers, raw_body = raw(office, "POST", "/v1/enroll", body)
        codes.append(status)
        if status == 429:
            assert "retry-after" in headers
            assert_problem(status, headers, raw_body, 429)
    assert codes[:10] == [401] * 10
    assert set(codes[10:]) == {429}
    assert _audit_rows(office) == []  # aggregated: at most one row a minute
    assert (office.db.path.stat().st_size, _wal_size(office.db.path)) == before


def test_blocked_client_is_refused_even_with_a_good_code(office: ThreadOffice) -> None:
    """Issue 16 item 6: while blocked, the code is not even looked at (no guessing)."""
    _, good = office.add_device("Laptop")
    secret = good.rsplit("-", 1)[0]
    for i in range(10):
        raw(office, "POST", "/v1/enroll", json.dumps({"code": f"QQQQ-QQQQ-QQQQ-{i:04d}"}).encode())
    status, _, _ = raw(office, "POST", "/v1/enroll", json.dumps({"code": secret}).encode())
    assert status == 429


def _wal_size(db: Path) -> int:
    wal = db.with_name(db.name + "-wal")
    return wal.stat().st_size if wal.exists() else 0


def test_limiter_window_and_aggregated_audit(tmp_path: Path) -> None:
    """Issue 16 item 6: the block lifts after the window; refusals reach the audit log as
    one row per minute with the counts, never one row per try."""
    from casusregie.office.app import EnrolLimiter

    now = [1000.0]
    limiter = EnrolLimiter(max_failures=3, window=600, audit_every=60, clock=lambda: now[0])
    for _ in range(3):
        assert limiter.retry_after("10.0.0.1") == 0
        limiter.failed("10.0.0.1")
    assert limiter.retry_after("10.0.0.1") > 0
    assert limiter.retry_after("10.0.0.2") == 0  # per client
    assert limiter.due() is None  # not a minute yet
    now[0] += 61
    assert limiter.due() == (3, 1, 1)
    assert limiter.due() is None
    now[0] += 600
    assert limiter.retry_after("10.0.0.1") == 0
    db = Database(tmp_path / "k.db")
    try:
        repo.record_enrol_refusals(db, 3, 1, 1)
        events = repo.audit(db)["events"]
        assert [e["action"] for e in events] == ["inschrijvingen geweigerd"]
    finally:
        db.close()


def test_limiter_memory_is_bounded() -> None:
    """Issue 16 item 6: many addresses cannot grow memory without end."""
    from casusregie.office.app import EnrolLimiter

    limiter = EnrolLimiter(max_clients=100)
    for i in range(1000):
        limiter.failed(f"10.0.{i // 250}.{i % 250}")
    assert len(limiter._failures) <= 100


def test_desktop_store_refuses_what_the_office_would(store: Store) -> None:
    """Issue 16 item 5: the desktop applies the same limit when saving a field, so it
    never holds a value the office would refuse (a sync would stall on it)."""
    from casusregie.domain.errors import CasusregieError

    with store.write("Veld gewijzigd") as tx:
        tx.set("case", CASE_ID, "aanleiding", "z" * MAX_TEXT)
    for bad in ("z" * (MAX_TEXT + 1), "\ud800", float("nan")):
        with pytest.raises(CasusregieError), store.write("Veld gewijzigd") as tx:
            tx.set("case", CASE_ID, "aanleiding", bad)
    assert store.load_case(CASE_ID).case.aanleiding == "z" * MAX_TEXT


def test_import_refuses_too_long_text(filled_profile: Profile, tmp_path: Path) -> None:
    """Issue 16 item 5: an import with a text over the limit is refused whole (exit 8)."""
    from casusregie.domain.errors import ImportRefused
    from casusregie.store.caseio import import_case
    from helpers import PASSPHRASE, sample_document

    doc = sample_document("casus-lang")
    for person in doc["persons"]:
        person["id"] = "lang-" + person["id"]
    doc["case"]["aanleiding"] = "a" * (MAX_TEXT + 1)
    opened = filled_profile.unlock(PASSPHRASE)
    try:
        with pytest.raises(ImportRefused):
            import_case(opened, doc)
        assert not opened.has_case("casus-lang")
    finally:
        opened.close()
