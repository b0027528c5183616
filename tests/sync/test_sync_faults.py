"""Faults: the connection cut at random points, the server killed and restarted,
batches delivered twice (also after a retraction): both sides converge, nothing is
lost, nothing duplicated. Concurrent edits: deterministic last writer wins, the loser
kept. A mass deletion from the office waits for confirmation."""

from __future__ import annotations

import random
import threading
import time
from pathlib import Path

from officekit import CutProxy, ProcessOffice, ThreadOffice, consent, enrolled, new_store, repoint

from casusregie.domain.model import LifeEvent
from casusregie.office import repo
from casusregie.protocol import case_digest
from casusregie.store.consents import withdraw_consent
from casusregie.store.database import Store
from casusregie.store.syncstate import SyncState
from casusregie.sync import open_conflicts, resolve_conflict, run_sync
from casusregie.sync.transport import Connection, Rejected
from helpers import CASE_ID

ALL = [
    "identiteit", "contact", "relaties", "hulpverlening", "aanleiding", "plan", "veiligheid",
    "gezondheid",  # the sample's event 'Oma Özdemir ziek' is about health
]  # fmt: skip


def add_events(store: Store, n: int, prefix: str = "ev") -> None:
    with store.write("Veel gebeurtenissen") as tx:
        for i in range(n):
            tx.create(
                LifeEvent(
                    id=f"{prefix}-{i}", case_id=CASE_ID, date="2020", description=f"Gebeurtenis {i}"
                )
            )


def converged(store: Store, office: ThreadOffice | ProcessOffice) -> None:
    """The office holds exactly what the device believes, and every shared field's
    current local value."""
    shown = office.show(CASE_ID)
    assert shown is not None
    mirror = SyncState(store).mirror_rows(CASE_ID)
    assert shown["digest"] == case_digest(mirror)
    cf = store.load_case(CASE_ID)
    events = {e.id: e.description for e in cf.life_events}
    held = {
        e["entity_id"]: e["fields"]["description"]["value"]
        for e in shown["entities"]
        if e["entity_type"] == "life_event" and "description" in e["fields"]
    }
    assert held == events  # nothing lost, nothing extra
    rows = sum(len(e["fields"]) for e in shown["entities"])
    assert rows == len(mirror)  # no duplicates: one row per field


def test_connection_cut_at_random_points(sqlite_office: ThreadOffice, device: Store) -> None:
    office = sqlite_office
    enrolled(device, office)
    consent(device, CASE_ID, ALL)
    add_events(device, 120)
    rng = random.Random(7)
    cuts: list[int | None] = [rng.randint(200, 60_000) for _ in range(12)]
    proxy = CutProxy(office.port, cuts)
    try:
        repoint(device, proxy.url)
        results = []
        for attempt in range(30):
            if attempt % 3 == 0:  # keep editing between tries
                with device.write("Tussendoor") as tx:
                    tx.set("life_event", f"ev-{attempt}", "description", f"Aangepast {attempt}")
            result = run_sync(device, batch_size=40)
            results.append(result.state)
            if result.ok and not proxy.cuts:
                break
        assert proxy.cut_count >= 5
        assert "offline" in results and results[-1] == "ok"
        result = run_sync(device, batch_size=40)
        assert result.ok and result.sent == 0 and not result.mismatches
    finally:
        proxy.close()
    converged(device, office)


def test_server_killed_and_restarted(process_office: ProcessOffice, device: Store) -> None:
    office = process_office
    enrolled(device, office)
    consent(device, CASE_ID, ALL)
    add_events(device, 400)
    outcome: dict[str, str] = {}

    def go() -> None:
        outcome["first"] = run_sync(device, batch_size=20, timeout=5).state

    worker = threading.Thread(target=go)
    worker.start()
    time.sleep(0.4)
    office.kill()  # SIGKILL in the middle of the pushes
    worker.join(60)
    assert outcome["first"] in ("offline", "ok")
    assert run_sync(device, timeout=2).state == "offline"  # clear offline state
    office.start()
    result = run_sync(device, batch_size=20)
    assert result.ok, result.message
    assert not result.mismatches
    converged(device, office)


def test_batches_delivered_twice(office: ThreadOffice, device: Store) -> None:
    enrolled(device, office)
    ids = consent(device, CASE_ID, ["identiteit", "hulpverlening"])
    add_events(device, 5)
    assert run_sync(device).ok
    pushes = [(p, b) for m, p, b in office.bodies if m == "POST" and p.endswith("/ops")]
    assert pushes
    token = SyncState(device).meta("token")
    conn = Connection(office.url, office.fingerprint, token, attempts=1)
    before = office.show(CASE_ID)
    for path, body in pushes:  # the same batches again: all duplicates
        conn.request("POST", path, body)
    assert office.show(CASE_ID) == before

    withdraw_consent(device, ids[1])
    assert run_sync(device).ok
    after = office.show(CASE_ID)
    assert after is not None and "hulpverlening" not in after["categories"]
    for path, body in pushes:  # replayed after the retraction: nothing comes back
        conn.request("POST", path, body)
    assert office.show(CASE_ID) == after
    conn.close()
    result = run_sync(device)
    assert result.ok and not result.mismatches


def test_concurrent_edits_last_writer_wins_loser_kept(
    office: ThreadOffice, device: Store, tmp_path: Path
) -> None:
    a_id = enrolled(device, office, "A")
    consent(device, CASE_ID, ["identiteit"])
    assert run_sync(device).ok
    other = new_store(tmp_path / "b")
    try:
        b_id = enrolled(other, office, "B")
        with device.write("A, offline") as tx:  # A edits first (earlier stamp) ...
            tx.set("person", "p-moeder", "phone", "06-AAAA")
            tx.set("case", CASE_ID, "family_name", "Naam van A")
        repo.assign(office.db, CASE_ID, b_id)  # ... meanwhile the case goes to B
        assert run_sync(other).ok
        time.sleep(0.01)
        with other.write("B") as tx:  # B edits the same field later
            tx.set("case", CASE_ID, "family_name", "Naam van B")
        consent(other, CASE_ID, ["identiteit"])
        assert run_sync(other).ok
        repo.assign(office.db, CASE_ID, a_id)  # and back to A
        result = run_sync(device)
        assert result.ok and result.conflicts >= 1
        assert device.load_case(CASE_ID).case.family_name == "Naam van B"  # later wins
        lost = [c for c in open_conflicts(device, CASE_ID) if c.field == "family_name"]
        assert [c.value for c in lost] == ["Naam van A"]  # the loser is kept
        shown = office.show(CASE_ID)
        assert shown is not None
        case_row = next(e for e in shown["entities"] if e["entity_type"] == "case")
        assert case_row["fields"]["family_name"]["value"] == "Naam van B"
        resolve_conflict(device, lost[0].seq, restore_loser=True)  # the user restores it
        assert run_sync(device).ok
        repo.assign(office.db, CASE_ID, b_id)
        assert run_sync(other).ok
        assert other.load_case(CASE_ID).case.family_name == "Naam van A"
        assert open_conflicts(device, CASE_ID) == []
    finally:
        other.close()


def test_mass_deletion_waits_for_confirmation(
    office: ThreadOffice, device: Store, tmp_path: Path
) -> None:
    a_id = enrolled(device, office, "A")
    consent(device, CASE_ID, ["relaties", "identiteit"])
    add_events(device, 30)
    assert run_sync(device).ok
    other = new_store(tmp_path / "b")
    try:
        b_id = enrolled(other, office, "B")
        repo.assign(office.db, CASE_ID, b_id)
        assert run_sync(other).ok
        consent(other, CASE_ID, ["relaties", "identiteit"])
        with other.write("Alles weg") as tx:
            for i in range(30):
                tx.delete("life_event", f"ev-{i}")
        assert run_sync(other).ok
        repo.assign(office.db, CASE_ID, a_id)
        result = run_sync(device)
        assert result.ok and CASE_ID in result.held
        assert len(device.load_case(CASE_ID).life_events) == 32  # nothing deleted yet
        result = run_sync(device)  # asked again, still held
        assert CASE_ID in result.held
        result = run_sync(device, confirm_deletions=[CASE_ID])
        assert result.ok and not result.held and not result.mismatches
        assert len(device.load_case(CASE_ID).life_events) == 2
    finally:
        other.close()
    try:
        Connection(office.url, office.fingerprint, "x", attempts=1).request("GET", "/v1/cases")
    except Exception as exc:
        assert not isinstance(exc, Rejected) or exc.status != 500
