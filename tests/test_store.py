"""The change API of the encrypted store: one action is one transaction, field-level
change rows, history, tombstones, HLC stamps, locking, disk full and damaged files."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest

from casusregie.domain import errors
from casusregie.domain.caseformat import from_document
from casusregie.domain.errors import DiskFull, NotFound, StoreDamaged, StoreLocked
from casusregie.domain.hlc import HLC
from casusregie.domain.model import Case, LifeEvent, Person
from casusregie.store import database, sqlite
from casusregie.store.database import Store
from casusregie.store.profile import Profile
from helpers import CASE_ID, FAST_KDF, PASSPHRASE, flip_byte, sample_document


def count(store: Store, table: str) -> int:
    assert table in ("changes", "transactions", "entities", "fields", "disclosures")
    return int(store._db.execute(f"SELECT count(*) FROM {table}").fetchone()[0])


def snapshot(store: Store) -> dict[str, list[tuple[object, ...]]]:
    """Every row of every data table, to prove that nothing changed."""
    out = {}
    for table in ("entities", "fields", "changes", "transactions", "disclosures", "meta"):
        out[table] = list(store._db.execute(f"SELECT * FROM {table} ORDER BY 1, 2"))
    return out


# -- reading what was imported -------------------------------------------------------


def test_imported_case_loads_as_written(store: Store) -> None:
    assert store.load_case(CASE_ID) == from_document(sample_document(CASE_ID))
    assert [c.id for c in store.list_cases()] == [CASE_ID]
    oma = store.get("person", "p-oma")
    assert isinstance(oma, Person)
    assert oma.name == "Ayşe Özdemir"
    assert oma.deceased is True


def test_index_children_and_last_changes_without_loading_a_case(store: Store) -> None:
    [marked] = [p for p in store.load_case(CASE_ID).persons if p.index_child]
    assert store.index_children() == {CASE_ID: marked.name}
    with store.write("Geen indexkind") as tx:
        tx.set("person", marked.id, "index_child", False)
    assert store.index_children() == {}
    with store.write("Indexkind") as tx:
        tx.set("person", "p-oma", "index_child", True)
    assert store.index_children() == {CASE_ID: store.get("person", "p-oma").name}
    last = store._db.execute("SELECT hlc FROM changes ORDER BY seq DESC LIMIT 1").fetchone()[0]
    assert store.last_changes() == {CASE_ID: last}


def test_fields_with_history_only_where_a_value_was_replaced(store: Store) -> None:
    assert store.fields_with_history(CASE_ID) == set()  # imported: first values only
    oma = store.get("person", "p-oma")
    assert isinstance(oma, Person)
    with store.write("Eerste keer") as tx:
        tx.set("person", "p-oma", "phone", "")
    with store.write("Ingevuld") as tx:
        tx.set("person", "p-oma", "phone", "0612345678")  # from empty: no history yet
    assert store.fields_with_history(CASE_ID) == set()
    with store.write("Gewijzigd") as tx:
        tx.set("person", "p-oma", "phone", "0687654321")
        tx.set("person", "p-oma", "name", oma.name + " Jr")
    assert store.fields_with_history(CASE_ID) == {
        ("person", "p-oma", "phone"),
        ("person", "p-oma", "name"),
    }
    assert store.fields_with_history("een-andere-casus") == set()


def test_data_survives_close_and_unlock(filled_profile: Profile) -> None:
    with filled_profile.unlock(PASSPHRASE) as s, s.write("Naam gewijzigd") as tx:
        tx.set("person", "p-kind", "name", "Lan Nguyễn-Çelik")
    with filled_profile.unlock(PASSPHRASE) as s:
        assert s.get("person", "p-kind").name == "Lan Nguyễn-Çelik"  # type: ignore[attr-defined]
        assert s.integrity_problems() == []


# -- one action, one transaction ----------------------------------------------------


def test_one_action_is_one_transaction(store: Store) -> None:
    before = count(store, "transactions")
    with store.write("Gezin bijgewerkt") as tx:
        tx.set("case", CASE_ID, "phase", "lokaal_team_gi")
        tx.set("person", "p-vader", "phone", "06-87654321")
        tx.create(Person(id="p-nieuw", case_id=CASE_ID, name="Zoë Ünal", role="netwerk"))
    assert count(store, "transactions") == before + 1
    txn_ids = {c.txn_id for c in tx.changes}
    assert len(txn_ids) == 1
    assert store.action_of(txn_ids.pop()) == "Gezin bijgewerkt"
    fields = {(c.entity_id, c.field) for c in tx.changes}
    assert (CASE_ID, "phase") in fields
    assert ("p-vader", "phone") in fields
    assert ("p-nieuw", "_exists") in fields
    assert ("p-nieuw", "name") in fields


def test_exception_inside_write_rolls_back_everything(store: Store) -> None:
    before = snapshot(store)
    with pytest.raises(RuntimeError, match="halverwege"), store.write("Half werk") as tx:
        tx.set("case", CASE_ID, "aanleiding", "nieuwe aanleiding")
        tx.create(Person(id="p-half", case_id=CASE_ID, name="Half"))
        tx.delete("person", "p-oma")
        assert tx.changes  # the changes were made inside the transaction
        raise RuntimeError("halverwege")
    assert snapshot(store) == before
    assert store.get("person", "p-oma").name == "Ayşe Özdemir"  # type: ignore[attr-defined]
    with pytest.raises(NotFound):
        store.get("person", "p-half")
    # and the store takes the next action as usual
    with store.write("Daarna") as tx:
        assert tx.set("case", CASE_ID, "aanleiding", "daarna")
    assert store.get("case", CASE_ID).aanleiding == "daarna"  # type: ignore[attr-defined]


def test_domain_error_inside_write_rolls_back(store: Store) -> None:
    before = snapshot(store)
    with pytest.raises(ValueError), store.write("Dubbel") as tx:
        tx.set("person", "p-kind", "phone", "0612")
        tx.create(Person(id="p-kind", case_id=CASE_ID, name="al aanwezig"))
    assert snapshot(store) == before


# -- field-level change rows and history ---------------------------------------------


def test_change_row_has_old_new_author_device_hlc(store: Store) -> None:
    with store.write("Telefoon") as tx:
        assert tx.set("person", "p-moeder", "phone", "+31 6 1111 2222") is True
    last = store.history("person", "p-moeder", "phone")[-1]
    assert last.old == "06-12345678"
    assert last.new == "+31 6 1111 2222"
    assert last.author == "Test-regisseur"
    assert last.device == store.device_id != ""
    assert last.case_id == CASE_ID
    assert last.entity_type == "person"
    assert HLC.decode(last.hlc).device == store.device_id
    assert last.txn_id == tx.txn_id


def test_history_in_order(store: Store) -> None:
    values = ["één", "twee", "drie", "vier"]
    for value in values:
        with store.write("Beschrijving") as tx:
            tx.set("life_event", "e-1", "description", value)
    history = store.history("life_event", "e-1", "description")
    assert [h.new for h in history] == ["Ouders uit elkaar 💔", *values]
    assert [h.old for h in history] == [None, "Ouders uit elkaar 💔", *values[:-1]]
    assert [h.seq for h in history] == sorted(h.seq for h in history)
    whole = store.history("life_event", "e-1")
    assert whole[0].field == "_exists"
    assert [h.seq for h in whole] == sorted(h.seq for h in whole)


def test_same_value_writes_no_change_row(store: Store) -> None:
    before = count(store, "changes")
    tx_before = count(store, "transactions")
    with store.write("Niets") as tx:
        assert tx.set("person", "p-moeder", "name", "Anaïs Çelik") is False
        assert tx.update(store.get("person", "p-vader")) == []
    assert count(store, "changes") == before
    assert count(store, "transactions") == tx_before  # an empty action leaves no row


def test_update_records_only_changed_fields(store: Store) -> None:
    kind = store.get("person", "p-kind")
    assert isinstance(kind, Person)
    kind.email = "lan@example.invalid"
    kind.birth_date = None  # removing a value is a change too
    before = count(store, "changes")
    with store.write("Kind bijgewerkt") as tx:
        changed = tx.update(kind)
    assert sorted(changed) == ["birth_date", "email"]
    assert count(store, "changes") == before + 2
    removed = store.history("person", "p-kind", "birth_date")[-1]
    assert (removed.old, removed.new) == ("2012-09", None)
    again = store.get("person", "p-kind")
    assert again == kind


def test_delete_leaves_tombstone_and_hides(store: Store) -> None:
    with store.write("Persoon verwijderd") as tx:
        tx.delete("person", "p-oma")
        tx.delete("life_event", "e-2")
    tomb = store.history("person", "p-oma", "_exists")
    assert [(h.old, h.new) for h in tomb] == [(None, True), (True, False)]
    with pytest.raises(NotFound):
        store.get("person", "p-oma")
    case = store.load_case(CASE_ID)
    assert "p-oma" not in {p.id for p in case.persons}
    assert "e-2" not in {e.id for e in case.life_events}
    # the old values stay in the change log (for history and sync)
    assert store.history("person", "p-oma", "name")[0].new == "Ayşe Özdemir"
    with pytest.raises(NotFound), store.write("Wijzig verwijderde") as tx:
        tx.set("person", "p-oma", "name", "X")
    before = count(store, "changes")
    with store.write("Nog eens verwijderd") as tx:
        tx.delete("person", "p-oma")  # deleting twice records nothing
    assert count(store, "changes") == before


def test_deleted_case_disappears_from_list(store: Store) -> None:
    with store.write("Casus verwijderd") as tx:
        tx.delete("case", CASE_ID)
    assert store.list_cases() == []
    with pytest.raises(NotFound):
        store.load_case(CASE_ID)


def test_recreate_after_delete(store: Store) -> None:
    with store.write("weg") as tx:
        tx.delete("life_event", "e-1")
    event = LifeEvent(id="e-1", case_id=CASE_ID, date="2017", description="Opnieuw")
    with store.write("terug") as tx:
        tx.create(event)
    assert store.get("life_event", "e-1") == event  # no stale fields of the old one
    assert store.history("life_event", "e-1", "_exists")[-1].new is True


# -- hybrid logical clock ------------------------------------------------------------


def _all_stamps(store: Store) -> list[str]:
    return [c.hlc for c in store.changes_since(0, limit=1_000_000) if c.device == store.device_id]


def test_hlc_strictly_increasing_within_device(store: Store) -> None:
    for i in range(30):
        with store.write("stap") as tx:
            tx.set("case", CASE_ID, "aanleiding", f"stap {i}")
            tx.set("case", CASE_ID, "regisseur", f"regisseur {i}")
    stamps = _all_stamps(store)
    decoded = [HLC.decode(s) for s in stamps]
    assert all(a < b for a, b in itertools.pairwise(decoded))
    assert all(a < b for a, b in itertools.pairwise(stamps))  # text sorts too


def test_hlc_increasing_when_wall_clock_goes_back(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    last = HLC.decode(_all_stamps(store)[-1])
    wall = [last.millis * 1_000_000 - k * 60_000_000_000 for k in range(1, 11)]  # minutes back
    monkeypatch.setattr(database.time, "time_ns", lambda: wall.pop(0))
    for i in range(10):
        with store.write("terug in de tijd") as tx:
            tx.set("case", CASE_ID, "aanleiding", f"t{i}")
    decoded = [HLC.decode(s) for s in _all_stamps(store)]
    assert all(a < b for a, b in itertools.pairwise(decoded))


def test_hlc_continues_after_reopen(
    filled_profile: Profile, monkeypatch: pytest.MonkeyPatch
) -> None:
    with filled_profile.unlock(PASSPHRASE) as s:
        with s.write("a") as tx:
            tx.set("case", CASE_ID, "aanleiding", "a")
        before = HLC.decode(_all_stamps(s)[-1])
    # After a restart the wall clock is an hour behind: the stamps must still grow.
    monkeypatch.setattr(database.time, "time_ns", lambda: (before.millis - 3_600_000) * 1_000_000)
    with filled_profile.unlock(PASSPHRASE) as s:
        with s.write("b") as tx:
            tx.set("case", CASE_ID, "aanleiding", "b")
        assert HLC.decode(_all_stamps(s)[-1]) > before


# -- locking -------------------------------------------------------------------------


def test_closed_store_is_locked(store: Store) -> None:
    store.close()
    assert not store.is_open
    for read in (
        store.list_cases,
        lambda: store.load_case(CASE_ID),
        lambda: store.history("case", CASE_ID),
        lambda: store.get("case", CASE_ID),
        store.schema_version,
        store.integrity_problems,
        lambda: store.disclosures(CASE_ID),
    ):
        with pytest.raises(StoreLocked):
            read()
    with pytest.raises(StoreLocked), store.write("na sluiten"):
        pass
    store.close()  # closing twice is harmless
    assert store._key is None  # the key is forgotten


def test_close_wipes_key_bytes(filled_profile: Profile) -> None:
    s = filled_profile.unlock(PASSPHRASE)
    key = s._key
    assert key is not None and any(key)
    s.close()
    assert not any(key)


# -- disk full -----------------------------------------------------------------------


def _limit_pages(store: Store, extra: int) -> None:
    pages = store._db.execute("PRAGMA page_count").fetchone()[0]
    store._db.execute(f"PRAGMA max_page_count = {int(pages) + extra}").fetchone()


def _big_write(store: Store) -> None:
    """About 300 KB in one transaction, in texts within the 20,000-character limit."""
    with store.write("Groot") as tx:
        tx.set("case", CASE_ID, "aanleiding", "x" * 20_000)
        for i in range(15):
            pid = "p-groot" if i == 0 else f"p-groot-{i}"
            tx.create(Person(id=pid, case_id=CASE_ID, name="y" * 20_000))


def test_disk_full_raises_diskfull_and_stores_nothing(store: Store) -> None:
    before = snapshot(store)
    _limit_pages(store, 2)
    with pytest.raises(DiskFull) as info:
        _big_write(store)
    assert "schijf is vol" in str(info.value)
    assert snapshot(store) == before
    store._db.execute("PRAGMA max_page_count = 1073741823").fetchone()
    _big_write(store)
    assert store.get("person", "p-groot").name == "y" * 20_000  # type: ignore[attr-defined]


def test_failed_big_write_stores_nothing_and_store_stays_usable(store: Store) -> None:
    """What already works around disk full: the transaction is gone, the store is usable.
    (That the error is ``DiskFull`` is the strict test above.)"""
    before = snapshot(store)
    _limit_pages(store, 2)
    with pytest.raises((DiskFull, *sqlite.DatabaseError)):
        _big_write(store)
    assert not store._db.in_transaction
    assert snapshot(store) == before
    with store.write("Klein") as tx:
        tx.set("case", CASE_ID, "regisseur", "ander")
    store._db.execute("PRAGMA max_page_count = 1073741823").fetchone()
    _big_write(store)
    assert store.integrity_problems() == []


# -- damaged files -------------------------------------------------------------------


def test_flipped_byte_refused_with_dutch_message(filled_profile: Profile) -> None:
    flip_byte(filled_profile.db_path)
    with pytest.raises(StoreDamaged) as info:
        filled_profile.unlock(PASSPHRASE)
    assert "beschadigd" in str(info.value)
    assert "\n" not in str(info.value)


def test_flipped_header_byte_refused(filled_profile: Profile) -> None:
    flip_byte(filled_profile.db_path, offset=100)
    with pytest.raises(StoreDamaged):
        filled_profile.unlock(PASSPHRASE)


def test_wrong_key_refused_as_damaged(filled_profile: Profile) -> None:
    with pytest.raises(StoreDamaged):
        Store.open(filled_profile.db_path, bytes(32))


def test_open_missing_and_create_existing(tmp_path, filled_profile: Profile) -> None:
    with pytest.raises(errors.StoreMissing):
        Store.open(tmp_path / "nergens.db", bytes(range(32)))
    with pytest.raises(errors.StoreExists):
        Store.open(filled_profile.db_path, bytes(range(32)), create=True)


def test_profile_create_twice_refused(profile: Profile) -> None:
    profile.create(PASSPHRASE, kdf=FAST_KDF, use_keyring=False).close()
    with pytest.raises(errors.StoreExists):
        profile.create(PASSPHRASE, kdf=FAST_KDF, use_keyring=False)


def test_short_passphrase_refused(profile: Profile) -> None:
    with pytest.raises(errors.CasusregieError):
        profile.create("kort", kdf=FAST_KDF, use_keyring=False)
    assert not profile.db_path.exists()
    assert not profile.key_path.exists()


def test_create_on_new_profile(profile: Profile) -> None:
    with profile.create(PASSPHRASE, author="Eva", kdf=FAST_KDF, use_keyring=False) as s:
        assert s.list_cases() == []
        assert s.author == "Eva"
        assert s.cipher_version().startswith("4.")
        assert s.schema_version() >= 1
        with s.write("Casus") as tx:
            tx.create(Case(id="c1", case_id="c1", family_name="Ünal"))
    assert profile.exists()
    with profile.unlock(PASSPHRASE) as s:
        assert [c.family_name for c in s.list_cases()] == ["Ünal"]


def test_a_second_start_making_the_same_profile_leaves_the_first_intact(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two processes making one profile: the other one writes its key file between our
    check and our write. We must not put our own key there (its database would then be
    unreadable for good): we stop with StoreExists, and its profile opens."""
    from casusregie.store import keyfile

    directory = tmp_path / "profiel"
    other = Profile(directory)
    made_key = keyfile.new_database_key

    def other_wins() -> bytes:
        monkeypatch.setattr(keyfile, "new_database_key", made_key)
        other.create(PASSPHRASE, kdf=FAST_KDF, use_keyring=False).close()
        return made_key()

    monkeypatch.setattr(keyfile, "new_database_key", other_wins)
    with pytest.raises(errors.StoreExists):
        Profile(directory).create(PASSPHRASE, kdf=FAST_KDF, use_keyring=False)
    Profile(directory).unlock(PASSPHRASE).close()
    assert sorted(p.name for p in directory.iterdir() if ".nieuw" in p.name) == []
