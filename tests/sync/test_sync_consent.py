"""Consent over time: a consent given later sends what is already there; withdrawal and
lapse retract at once and the office deletes the values from its database itself;
consent again shares again; default deny for unknown and never-shared categories."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import psycopg
from officekit import ThreadOffice, consent, enrolled

from casusregie.domain.consent import Consent
from casusregie.domain.model import Form
from casusregie.store.consents import withdraw_consent
from casusregie.store.database import Store
from casusregie.sync import run_sync
from helpers import CASE_ID

HELP = "Jeugdteam Zuid"  # a help episode's provider in the sample case
NAME = "Anaïs Çelik"
TODAY = dt.date.today()


def office_bytes(office: ThreadOffice) -> bytes:
    """Every byte of the office's own database (SQLite: file, WAL, shm), or for
    PostgreSQL every row of every table as text."""
    if office.db_url.startswith("postgresql"):
        out = []
        with psycopg.connect(office.db_url) as conn:
            tables = conn.execute(
                "SELECT tablename FROM pg_tables WHERE schemaname = 'public'"
            ).fetchall()
            for (table,) in tables:
                for row in conn.execute(f'SELECT t::text FROM "{table}" t'):
                    out.append(str(row[0]))
        return "\n".join(out).encode("utf-8")
    base = Path(office.db_url)
    return b"".join(
        p.read_bytes() for p in (base, Path(f"{base}-wal"), Path(f"{base}-shm")) if p.exists()
    )


def test_withdrawal_purges_from_the_office_database(office: ThreadOffice, device: Store) -> None:
    enrolled(device, office)
    ids = consent(device, CASE_ID, ["identiteit", "hulpverlening"])
    assert run_sync(device).ok
    assert HELP.encode() in office_bytes(office)  # the scan sees what is there

    withdraw_consent(device, ids[1])
    result = run_sync(device)
    assert result.ok, result.message
    assert [(c, k) for c, k, _ in result.retracted] == [(CASE_ID, "hulpverlening")]
    assert office.categories(CASE_ID) == {"identiteit"}
    office.close_db()
    data = office_bytes(office)
    assert HELP.encode() not in data
    assert b"Rust thuis" not in data
    assert NAME.encode() in data  # identiteit stays
    # and sharing of that category stays stopped: a new help episode is not sent
    with device.write("Nieuwe hulp") as tx:
        tx.set("help_episode", "h-1", "goals", "Nieuw doel na intrekking")
    assert run_sync(device).ok
    assert b"Nieuw doel na intrekking" not in office_bytes(office)


def test_consent_given_later_sends_existing_values(office: ThreadOffice, device: Store) -> None:
    enrolled(device, office)
    assert run_sync(device).ok
    assert office.show(CASE_ID) is None  # nothing consented: nothing left the device
    consent(device, CASE_ID, ["hulpverlening"])
    result = run_sync(device)
    assert result.ok and result.sent > 0
    assert office.categories(CASE_ID) == {"hulpverlening"}
    shown = str(office.show(CASE_ID))
    assert HELP in shown  # values recorded before the consent
    assert "Gestopt" not in shown  # the result of the 'GGZ' episode: gezondheid


def test_lapse_retracts_and_consent_again_shares_again(office: ThreadOffice, device: Store) -> None:
    enrolled(device, office)
    until = TODAY + dt.timedelta(days=10)
    consent(device, CASE_ID, ["hulpverlening"], valid_until=until.isoformat())
    assert run_sync(device).ok
    assert office.categories(CASE_ID) == {"hulpverlening"}
    assert run_sync(device, today=until).ok  # the last valid day: nothing changes
    assert office.categories(CASE_ID) == {"hulpverlening"}

    later = until + dt.timedelta(days=1)
    result = run_sync(device, today=later)  # lapsed by the calendar alone
    assert result.ok and [k for _, k, _ in result.retracted] == ["hulpverlening"]
    assert office.categories(CASE_ID) == set()
    log = device.disclosures(CASE_ID)
    assert log[-1].basis == "Toestemming verlopen"

    consent(device, CASE_ID, ["hulpverlening"], on=later)
    result = run_sync(device, today=later)
    assert result.ok and result.sent > 0
    assert office.categories(CASE_ID) == {"hulpverlening"}
    shown = office.show(CASE_ID)
    assert shown is not None and shown["epochs"] == {"hulpverlening": 1}


def test_default_deny(office: ThreadOffice, device: Store) -> None:
    enrolled(device, office)
    with device.write("Niet te delen") as tx:
        # an answer no template knows, and a consent record for 'intern' (never shared)
        form = Form(
            id=Form.make_id(CASE_ID, "gezinspatroon", "hulpvraag") + "x",
            case_id=CASE_ID, template="gezinspatroon", section="hulpvraag",
            answers={"verzonnen_veld": "GEHEIM-onbekend", "directe_hulpvraag": "Gedeeld"},
        )  # fmt: skip
        tx.create(form)
        tx.create(
            Consent(
                id="c-intern", case_id=CASE_ID, category="intern", given_by=["p-moeder", "p-kind"],
                given_on=TODAY.isoformat(), purpose="x",
            )
        )  # fmt: skip
    consent(device, CASE_ID, ["aanleiding", "plan", "identiteit"])
    assert run_sync(device).ok
    sent = b"".join(body for _, _, body in office.bodies)
    assert b"GEHEIM-onbekend" not in sent
    assert b"Gedeeld" in sent or b"Lan weer naar school" in sent
    assert not (office.categories(CASE_ID) & {"intern", "grondslag"})
    # the ledger travels with the case (for a handover), never as a category's content
    rows = office.show(CASE_ID)["entities"]
    ledger = [e for e in rows if e["entity_type"] == "consent"]
    assert ledger and all(
        f["category"] in ("grondslag", "_structuur") for e in ledger for f in e["fields"].values()
    )
    assert all(e["entity_type"] == "consent" for e in rows if "c-intern" in str(e))
    assert os.environ.get("CASUSREGIE_HOME")  # (isolated profile dir from conftest)
