"""The published OpenAPI document, and schemathesis against it on a real office:
whatever it generates, with and without a valid device token, no 5xx."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from officekit import ThreadOffice, consent, enrolled, new_store

from casusregie.office.app import openapi_document
from casusregie.office.storage import Database
from casusregie.store.caseio import import_case
from casusregie.store.syncstate import SyncState
from casusregie.sync import run_sync
from helpers import CASE_ID, sample_document

pytestmark = pytest.mark.filterwarnings("ignore::urllib3.exceptions.InsecureRequestWarning")


def test_openapi_document_lists_the_protocol() -> None:
    db = Database(":memory:")
    try:
        doc = openapi_document(db)
    finally:
        db.close()
    assert doc["info"]["version"] == "1"
    assert set(doc["paths"]) == {
        "/health", "/v1/info", "/v1/enroll", "/v1/cases", "/v1/cases/{case_id}/ops",
        "/v1/cases/{case_id}/fields", "/v1/cases/{case_id}/digest", "/v1/case-ids",
    }  # fmt: skip
    schemas = doc["components"]["schemas"]
    assert {"FieldOp", "RetractOp", "PushBatch", "PushResult", "FieldPage"} <= set(schemas)


@pytest.fixture(scope="module")
def live(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[ThreadOffice, str]]:
    base: Path = tmp_path_factory.mktemp("openapi")
    office = ThreadOffice(str(base / "kantoor.db"), base / "kantoor")
    store = new_store(base / "profiel")
    try:
        import_case(store, sample_document(CASE_ID))
        enrolled(store, office)
        consent(store, CASE_ID, ["identiteit", "relaties"])
        assert run_sync(store).ok
        token = SyncState(store).meta("token")
        assert token
        yield office, token
    finally:
        store.close()
        office.stop()


def test_no_server_errors(live: tuple[ThreadOffice, str]) -> None:
    office, token = live
    api = schemathesis.openapi.from_url(f"{office.url}/openapi.json", verify=False)
    operations = [result.ok() for result in api.get_all_operations()]
    assert len(operations) == 8
    seen: list[int] = []
    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(max_examples=30, deadline=None, suppress_health_check=list(HealthCheck))
        def call(case: schemathesis.Case) -> None:
            for headers in ({"Authorization": f"Bearer {token}"}, {}):
                response = case.call(headers=headers, verify=False, timeout=10)
                seen.append(response.status_code)
                assert response.status_code < 500, (case.method, case.path, response.status_code)

        call()
    assert len(seen) > 100 and 200 in seen and 422 in seen and 401 in seen
