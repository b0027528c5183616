"""The office as a service IT runs: private files, a health check, nothing left behind.

Proves: ``casusregie-office`` makes its data folder 0700 and every file in it (database,
WAL, shm, TLS key and certificate) 0600, also under a loose umask; looser modes found
there are narrowed with a Dutch line, and where that is not allowed it stops (exit 78);
``GET /health`` answers without a token and without case data, and says "fout" (503)
when the database is gone; a value that is overwritten, deleted or retracted cannot be
found anywhere in the office's SQLite files (database, WAL, shm) afterwards.
"""

from __future__ import annotations

import json
import os
import ssl
import stat
import subprocess
import sys
import urllib.error
import urllib.request
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from officekit import ThreadOffice, consent, enrolled

from casusregie.office import repo, tls
from casusregie.office.app import openapi_document
from casusregie.office.cli import main as office_main
from casusregie.office.storage import Database
from casusregie.protocol import FieldOp, PushBatch, RetractOp
from casusregie.store.database import Store
from casusregie.sync import run_sync
from helpers import CASE_ID, ROOT

pytestmark = pytest.mark.skipif(os.name != "posix", reason="POSIX file modes")


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def office_cli(*args: str, umask: int = 0o022) -> subprocess.CompletedProcess[str]:
    """``casusregie-office ARGS`` as IT would start it, under a loose umask."""
    return subprocess.run(
        [sys.executable, "-m", "casusregie.office.cli", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
        check=False,
        preexec_fn=lambda: os.umask(umask),
    )


# -- file modes ---------------------------------------------------------------------


def test_data_folder_0700_and_files_0600_under_a_loose_umask(tmp_path: Path) -> None:
    data = tmp_path / "kantoor"
    done = office_cli("--data", str(data), "device", "add", "Laptop")
    assert done.returncode == 0, done.stderr
    assert mode(data) == 0o700
    names = {p.name for p in data.iterdir()}
    assert {"kantoor.db", tls.CERT_NAME, tls.KEY_NAME} <= names, names
    for path in data.iterdir():
        assert mode(path) == 0o600, (path.name, oct(mode(path)))


def test_wal_and_shm_are_0600_while_the_office_runs(tmp_path: Path) -> None:
    old = os.umask(0o022)
    try:
        db = Database(tmp_path / "kantoor.db")
        try:
            repo.add_device(db, "Laptop")  # a write: the WAL and shm exist now
            files = sorted(tmp_path.iterdir())
            assert {p.name for p in files} >= {"kantoor.db", "kantoor.db-wal", "kantoor.db-shm"}
            for path in files:
                assert mode(path) == 0o600, (path.name, oct(mode(path)))
        finally:
            db.close()
    finally:
        os.umask(old)


def test_looser_modes_are_narrowed_with_a_dutch_line(tmp_path: Path) -> None:
    data = tmp_path / "kantoor"
    assert office_cli("--data", str(data), "device", "add", "Laptop").returncode == 0
    data.chmod(0o755)
    (data / "kantoor.db").chmod(0o644)
    (data / tls.KEY_NAME).chmod(0o640)
    (data / tls.CERT_NAME).chmod(0o666)
    done = office_cli("--data", str(data), "device", "add", "Tweede")
    assert done.returncode == 0, done.stderr
    assert "was leesbaar voor anderen (0755); nu 0700" in done.stderr
    assert "was leesbaar voor anderen (0644); nu 0600" in done.stderr
    assert mode(data) == 0o700
    for path in data.iterdir():
        assert mode(path) == 0o600, path.name


def test_refuses_what_it_may_not_narrow(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    data = tmp_path / "kantoor"
    data.mkdir(mode=0o755)
    data.chmod(0o755)

    def not_allowed(*_: object) -> None:
        raise PermissionError("not the owner")

    monkeypatch.setattr("casusregie.office.private.os.chmod", not_allowed)
    assert office_main(["--data", str(data), "device", "list"]) == 78
    err = capsys.readouterr().err
    assert "leesbaar voor anderen (0755)" in err and "chmod 700" in err
    assert not (data / "kantoor.db").exists()  # nothing was written into it


# -- health -------------------------------------------------------------------------


def get(url: str, cafile: Path) -> tuple[int, bytes]:
    context = ssl.create_default_context(cafile=str(cafile))
    try:
        with urllib.request.urlopen(url, context=context, timeout=10) as response:
            return int(response.status), response.read()
    except urllib.error.HTTPError as exc:
        return int(exc.code), exc.read()


def test_health_needs_no_token_and_holds_no_case_data(office: ThreadOffice, device: Store) -> None:
    enrolled(device, office)
    consent(device, CASE_ID, ["identiteit"])
    assert run_sync(device).ok
    status, body = get(f"{office.url}/health", office.data / tls.CERT_NAME)
    assert status == 200
    assert json.loads(body) == {"status": "ok", "protocol": 1}
    assert CASE_ID.encode() not in body


def test_health_says_fout_when_the_database_is_gone(sqlite_office: ThreadOffice) -> None:
    cert = sqlite_office.data / tls.CERT_NAME
    assert get(f"{sqlite_office.url}/health", cert)[0] == 200
    sqlite_office._server_db.close()
    status, body = get(f"{sqlite_office.url}/health", cert)
    assert status == 503
    assert json.loads(body) == {"status": "fout", "protocol": 1}


def test_health_is_in_the_openapi_without_security() -> None:
    db = Database(":memory:")
    try:
        doc = openapi_document(db)
    finally:
        db.close()
    operation = doc["paths"]["/health"]["get"]
    assert "security" not in operation
    assert not [p for p in operation.get("parameters", []) if p["in"] == "header"]
    assert {"200", "503"} <= set(operation["responses"])


# -- nothing left behind in the SQLite files ----------------------------------------


@pytest.fixture
def office_db(tmp_path: Path) -> Iterator[tuple[Database, str, Path]]:
    db = Database(tmp_path / "kantoor.db")
    _, code = repo.add_device(db, "Laptop")
    enrolled_as = repo.enrol(db, code, "Laptop", "", ["c-1"])  # the device holds case c-1
    assert enrolled_as is not None
    try:
        yield db, enrolled_as[0], tmp_path / "kantoor.db"
    finally:
        db.close()


def raw(base: Path) -> bytes:
    """Every byte of the SQLite files as they are on disk right now."""
    return b"".join(
        p.read_bytes() for p in (base, Path(f"{base}-wal"), Path(f"{base}-shm")) if p.exists()
    )


def op(entity: str, field: str, value: object, tick: int, category: str = "identiteit") -> FieldOp:
    return FieldOp(
        op_id=uuid.uuid4().hex,
        entity_type="person",
        entity_id=entity,
        field=field,
        value=value,  # type: ignore[arg-type]
        hlc=f"{tick:015d}-000000-laptop",
        category=category,
    )


def test_an_overwritten_value_is_nowhere_in_the_files(
    office_db: tuple[Database, str, Path],
) -> None:
    db, device_id, base = office_db
    canary = f"KANARIE-{uuid.uuid4().hex}"
    repo.push(db, device_id, "c-1", PushBatch(ops=[op("p-1", "name", canary, 1)]))
    assert canary.encode() in raw(base)  # the scan sees what is there
    repo.push(db, device_id, "c-1", PushBatch(ops=[op("p-1", "name", "Anaïs", 2)]))
    data = raw(base)
    assert canary.encode() not in data
    assert "Anaïs".encode() in data


def test_a_deleted_entity_and_a_retraction_leave_nothing(
    office_db: tuple[Database, str, Path],
) -> None:
    db, device_id, base = office_db
    first, second = (f"KANARIE-{uuid.uuid4().hex}" for _ in range(2))
    repo.push(
        db,
        device_id,
        "c-1",
        PushBatch(
            ops=[
                op("p-1", "name", first, 1),
                op("p-2", "phone", second, 1, category="contact"),
            ]
        ),
    )
    assert first.encode() in raw(base) and second.encode() in raw(base)
    repo.push(db, device_id, "c-1", PushBatch(ops=[op("p-1", "_exists", False, 2)]))
    assert first.encode() not in raw(base)
    retract = RetractOp(op_id=uuid.uuid4().hex, category="contact", epoch=1)
    repo.push(db, device_id, "c-1", PushBatch(ops=[retract]))
    assert second.encode() not in raw(base)
