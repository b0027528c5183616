"""A missing or empty database beside a valid key file (issue 16 item 3).

SQLite takes an empty file for a new database; Casusregie used to write a fresh schema
into it and say "in orde", hiding the loss of every case. Now it is refused with a Dutch
line that points to ``store restore``, and nothing is recreated.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from casusregie.domain.errors import StoreDamaged
from casusregie.store.database import Store
from casusregie.store.keyfile import KeyFile
from casusregie.store.profile import Profile
from helpers import PASSPHRASE, assert_one_line_error, run_cli, sample_document, write_json


def _empty_db(profile: Profile) -> None:
    for suffix in ("-wal", "-shm"):
        profile.db_path.with_name(profile.db_path.name + suffix).unlink(missing_ok=True)
    profile.db_path.write_bytes(b"")


@pytest.mark.parametrize("command", [("store", "check"), ("case", "list")])
def test_empty_database_refused_not_recreated(
    filled_profile: Profile, passphrase_file: Path, command: tuple[str, str]
) -> None:
    """Issue 16 item 3: a 0-byte casusregie.db is refused (exit 6) with a pointer to
    ``store restore``; the file stays empty (no fresh schema written into it)."""
    _empty_db(filled_profile)
    result = run_cli(*command, store=filled_profile.directory, passphrase_file=passphrase_file)
    line = assert_one_line_error(result, 6)
    assert "leeg" in line
    assert "store restore" in line
    assert filled_profile.db_path.stat().st_size == 0


def test_empty_database_import_refused(
    filled_profile: Profile, passphrase_file: Path, tmp_path: Path
) -> None:
    """Issue 16 item 3: an import into an emptied store used to succeed."""
    _empty_db(filled_profile)
    doc = write_json(tmp_path / "casus.json", sample_document("casus-nieuw"))
    result = run_cli(
        "case", "import", doc, store=filled_profile.directory, passphrase_file=passphrase_file
    )
    assert_one_line_error(result, 6)
    assert filled_profile.db_path.stat().st_size == 0


def test_missing_database_beside_key_file(filled_profile: Profile, passphrase_file: Path) -> None:
    """Issue 16 item 3: the database deleted, the key file still there: not "store
    init" but a missing database, with the way back."""
    _empty_db(filled_profile)
    filled_profile.db_path.unlink()
    result = run_cli(
        "store", "check", store=filled_profile.directory, passphrase_file=passphrase_file
    )
    line = assert_one_line_error(result, 6)
    assert "casusregie.db" in line
    assert "ontbreekt" in line
    assert "store restore" in line
    assert not filled_profile.db_path.exists()
    assert filled_profile.exists()  # a half profile is not "no store"


def test_store_open_refuses_empty_file(filled_profile: Profile) -> None:
    """Issue 16 item 3: the store layer itself refuses, whoever opens it (keyring path)."""
    key = KeyFile.load(filled_profile.key_path).unwrap(PASSPHRASE)
    _empty_db(filled_profile)
    with pytest.raises(StoreDamaged):
        Store.open(filled_profile.db_path, key)
    assert filled_profile.db_path.stat().st_size == 0
    with pytest.raises(StoreDamaged):
        filled_profile.unlock(PASSPHRASE)
