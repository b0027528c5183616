"""Schema migrations: a database written by any earlier version opens with today's code
and keeps every row; a newer database is refused; migrating is idempotent and atomic."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from casusregie.domain.errors import StoreDamaged
from casusregie.domain.hlc import HLC
from casusregie.domain.model import Case, Person
from casusregie.store import migrations, sqlite
from casusregie.store.database import Store
from casusregie.store.migrations import LATEST, MIGRATIONS, migrate, schema_version

DEVICE = "oudapparaat1"
OLD_MS = 1_600_000_000_000  # September 2020


def _stamp(n: int) -> str:
    return HLC(OLD_MS, n, DEVICE).encode()


#: (txn, entity_type, entity_id, field, old JSON, new JSON) as the old app wrote them
OLD_CHANGES = [
    ("t1", "case", "c-oud", "_exists", None, "true"),
    ("t1", "case", "c-oud", "family_name", None, '"Özdemir"'),
    ("t1", "case", "c-oud", "phase", None, '"lokaal_team"'),
    ("t1", "person", "p-oud", "_exists", None, "true"),
    ("t1", "person", "p-oud", "name", None, '"Nguyễn Thị Lan"'),
    ("t1", "person", "p-oud", "role", None, '"kind"'),
    ("t1", "person", "p-weg", "_exists", None, "true"),
    ("t1", "person", "p-weg", "name", None, '"Weg"'),
    ("t2", "person", "p-oud", "name", '"Nguyễn Thị Lan"', '"Lan Nguyễn"'),
    ("t3", "person", "p-weg", "_exists", "true", "false"),
]
OLD_FIELDS = [
    ("case", "c-oud", "family_name", '"Özdemir"', 1),
    ("case", "c-oud", "phase", '"lokaal_team"', 2),
    ("person", "p-oud", "name", '"Lan Nguyễn"', 8),
    ("person", "p-oud", "role", '"kind"', 5),
    ("person", "p-weg", "name", '"Weg"', 7),
]


def build_old_database(path: Path, key: bytes, version: int) -> None:
    """A database at ``version``, filled with raw SQL the way that version stored data."""
    if version > 5:  # (5 added an index only: rows are stored as in 4)
        pytest.fail(f"teach build_old_database how schema version {version} stores rows")
    db = sqlite.connect(path, key)
    try:
        migrate(db, target=version)
        assert schema_version(db) == version
        db.execute("BEGIN IMMEDIATE")
        db.executemany(
            "INSERT INTO meta (key, value) VALUES (?, ?)",
            [
                ("device_id", DEVICE),
                ("author", "Oude regisseur"),
                ("created", "2020-09-13T12:00:00Z"),
            ],
        )
        db.executemany(
            "INSERT INTO entities (entity_type, entity_id, case_id, deleted) VALUES (?, ?, ?, ?)",
            [
                ("case", "c-oud", "c-oud", 0),
                ("person", "p-oud", "c-oud", 0),
                ("person", "p-weg", "c-oud", 1),
            ],
        )
        db.executemany(
            "INSERT INTO fields (entity_type, entity_id, field, value, hlc) VALUES (?, ?, ?, ?, ?)",
            [(t, i, f, v, _stamp(n)) for t, i, f, v, n in OLD_FIELDS],
        )
        db.executemany(
            "INSERT INTO changes (change_id, txn_id, entity_type, entity_id, case_id, field, "
            "old, new, author, device, hlc) VALUES (?, ?, ?, ?, 'c-oud', ?, ?, ?, ?, ?, ?)",
            [
                (f"ch{n}", txn, t, i, f, old, new, "Oude regisseur", DEVICE, _stamp(n))
                for n, (txn, t, i, f, old, new) in enumerate(OLD_CHANGES)
            ],
        )
        if version >= 2:
            db.executemany(
                "INSERT INTO transactions (txn_id, action, author, device, hlc, wall_time) "
                "VALUES (?, ?, 'Oude regisseur', ?, ?, '2020-09-13T12:00:00Z')",
                [
                    ("t1", "Casus ingelezen", DEVICE, _stamp(0)),
                    ("t2", "Naam gewijzigd", DEVICE, _stamp(8)),
                    ("t3", "Persoon verwijderd", DEVICE, _stamp(9)),
                ],
            )
        if version >= 3:
            db.execute(
                "INSERT INTO disclosures (case_id, what, recipient, basis, purpose, at, "
                "by_author) VALUES ('c-oud', 'Casus', 'Wijkteam', 'Toestemming', "
                "'Overdracht', '2020-09-14T09:00:00Z', 'Oude regisseur')"
            )
        if version >= 4:
            db.executemany(
                "INSERT INTO sync_meta (key, value) VALUES (?, ?)",
                [("office_url", "https://127.0.0.1:8443"), ("office_device_id", "dev-1")],
            )
            db.execute(
                "INSERT INTO sync_dirty (entity_type, entity_id, field, case_id) "
                "VALUES ('person', 'p-oud', 'name', 'c-oud')"
            )
        db.execute("COMMIT")
    finally:
        db.close()


def _tables(db: sqlite.Connection) -> list[tuple[str, str]]:
    return list(db.execute("SELECT name, sql FROM sqlite_master ORDER BY name"))


@pytest.mark.parametrize("version", range(1, LATEST))
def test_old_database_opens_and_keeps_everything(tmp_path: Path, version: int) -> None:
    path, key = tmp_path / "oud.db", os.urandom(32)
    build_old_database(path, key, version)
    with Store.open(path, key) as store:
        assert store.schema_version() == LATEST
        assert store.integrity_problems() == []
        assert store.device_id == DEVICE
        assert store.author == "Oude regisseur"
        case = store.load_case("c-oud")
        assert case.case == Case(id="c-oud", case_id="c-oud", family_name="Özdemir")
        assert case.persons == [Person(id="p-oud", case_id="c-oud", name="Lan Nguyễn", role="kind")]
        history = store.history("person", "p-oud", "name")
        assert [(h.old, h.new, h.txn_id, h.hlc) for h in history] == [
            (None, "Nguyễn Thị Lan", "t1", _stamp(4)),
            ("Nguyễn Thị Lan", "Lan Nguyễn", "t2", _stamp(8)),
        ]
        assert [(h.old, h.new) for h in store.history("person", "p-weg", "_exists")] == [
            (None, True),
            (True, False),
        ]
        assert len(store.changes_since(0)) == len(OLD_CHANGES)
        # every old transaction has its row (backfilled by migration 2 for version 1)
        txn_ids = {r[0] for r in store._db.execute("SELECT txn_id FROM transactions")}
        assert txn_ids == {"t1", "t2", "t3"}
        if version >= 2:
            assert store.action_of("t2") == "Naam gewijzigd"
        disclosures = store.disclosures("c-oud")
        assert len(disclosures) == (1 if version >= 3 else 0)
        if version >= 4:  # the sync state survives later migrations
            assert dict(store._db.execute("SELECT key, value FROM sync_meta")) == {
                "office_url": "https://127.0.0.1:8443",
                "office_device_id": "dev-1",
                "recheck_categories": "1",  # migration 6: look again at what was shared
            }
            assert store._db.execute("SELECT count(*) FROM sync_dirty").fetchone()[0] == 1

        # a new write works, and its stamp comes after the old ones of this device
        with store.write("Na de update") as tx:
            assert tx.set("person", "p-oud", "name", "Lan Ç. Nguyễn")
            tx.create(Person(id="p-nieuw", case_id="c-oud", name="Nieuw"))
        last = store.history("person", "p-oud", "name")[-1]
        assert last.old == "Lan Nguyễn"
        assert HLC.decode(last.hlc) > HLC.decode(_stamp(len(OLD_CHANGES)))
        assert store.action_of(last.txn_id) == "Na de update"
        with store.write("Uitvoer") as tx:
            tx.log_disclosure("c-oud", "Casus", "Ouder", "Inzage", "Inzage")
    with Store.open(path, key) as store:  # and again, now already at LATEST
        assert store.schema_version() == LATEST
        assert store.get("person", "p-oud").name == "Lan Ç. Nguyễn"  # type: ignore[attr-defined]


def test_migration_6_sends_the_ledger_and_rechecks_categories(tmp_path: Path) -> None:
    """A store from before content-aware categories: the next sync looks again at
    what the office holds, and the consent ledger (never sent before) is owed."""
    path, key = tmp_path / "vijf.db", os.urandom(32)
    build_old_database(path, key, 5)
    db = sqlite.connect(path, key)
    try:
        db.execute(
            "INSERT INTO changes (change_id, txn_id, entity_type, entity_id, case_id, field, "
            "old, new, author, device, hlc) VALUES ('chc', 't1', 'consent', 'c-1', 'c-oud', "
            "'category', NULL, '\"identiteit\"', 'Oude regisseur', ?, ?)",
            (DEVICE, _stamp(20)),
        )
        db.commit()
    finally:
        db.close()
    with Store.open(path, key) as store:
        db2 = store._db
        dirty = set(db2.execute("SELECT entity_type, entity_id, field FROM sync_dirty"))
        assert ("consent", "c-1", "category") in dirty
        meta = dict(db2.execute("SELECT key, value FROM sync_meta"))
        assert meta["recheck_categories"] == "1"
        assert db2.execute("SELECT count(*) FROM sync_shown").fetchone()[0] == 0


def test_every_version_reachable_step_by_step(tmp_path: Path) -> None:
    db = sqlite.connect(tmp_path / "stap.db", os.urandom(32))
    try:
        for version in range(1, LATEST + 1):
            assert migrate(db, target=version) == version - 1
            assert schema_version(db) == version
    finally:
        db.close()


def test_newer_database_refused(tmp_path: Path) -> None:
    path, key = tmp_path / "nieuw.db", os.urandom(32)
    Store.open(path, key, create=True).close()
    db = sqlite.connect(path, key)
    db.execute(f"PRAGMA user_version = {int(LATEST + 1)}")
    db.close()
    with pytest.raises(StoreDamaged) as info:
        Store.open(path, key)
    assert "nieuwere versie" in str(info.value)
    db = sqlite.connect(path, key)  # and it was left as it was
    try:
        assert schema_version(db) == LATEST + 1
    finally:
        db.close()


def test_migrating_twice_is_a_no_op(tmp_path: Path) -> None:
    db = sqlite.connect(tmp_path / "twee.db", os.urandom(32))
    try:
        assert migrate(db) == 0
        tables = _tables(db)
        assert migrate(db) == LATEST
        assert migrate(db) == LATEST
        assert _tables(db) == tables
        assert schema_version(db) == LATEST
    finally:
        db.close()


def test_failed_migration_leaves_previous_version(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path, key = tmp_path / "half.db", os.urandom(32)
    build_old_database(path, key, 1)
    broken = [MIGRATIONS[0], MIGRATIONS[1] + "\nTHIS IS NOT SQL;\n", *MIGRATIONS[2:]]
    monkeypatch.setattr(migrations, "MIGRATIONS", broken)
    db = sqlite.connect(path, key)
    try:
        with pytest.raises(sqlite.DatabaseError):
            migrate(db, target=2)
        assert schema_version(db) == 1
        assert not db.in_transaction
        names = {name for name, _ in _tables(db)}
        assert "transactions" not in names
        assert db.execute("SELECT count(*) FROM changes").fetchone()[0] == len(OLD_CHANGES)
    finally:
        db.close()
