"""Backup and restore: a consistent encrypted copy while the store is open (and another
connection has just written), restore into a fresh or existing profile, refusal of
tampered backups and wrong passphrases without touching the target."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest

from casusregie.domain.errors import StoreDamaged, StoreExists, WrongPassphrase
from casusregie.domain.model import Case, Person
from casusregie.store import profile as profile_module
from casusregie.store.caseio import export_case
from casusregie.store.database import Store
from casusregie.store.profile import Profile
from helpers import (
    CASE_ID,
    FAST_KDF,
    PASSPHRASE,
    flip_byte,
    run_cli,
    sha256,
    tree_hashes,
    without_exported_at,
)


def _export(profile: Profile, case_id: str = CASE_ID) -> dict[str, object]:
    with profile.unlock(PASSPHRASE, sleep=lambda s: None) as s:
        return without_exported_at(export_case(s, case_id))


def _change_count(profile: Profile) -> int:
    with profile.unlock(PASSPHRASE, sleep=lambda s: None) as s:
        return len(s.changes_since(0, limit=1_000_000))


@pytest.fixture
def backup_dir(tmp_path: Path, filled_profile: Profile) -> Path:
    with filled_profile.unlock(PASSPHRASE) as s:
        return filled_profile.backup(s, tmp_path / "back-ups")


@pytest.fixture
def other_profile(tmp_path: Path) -> Profile:
    """An existing store with different content (a restore target)."""
    p = Profile(tmp_path / "ander")
    with p.create("ander wachtwoord", kdf=FAST_KDF, use_keyring=False) as s, s.write("Casus") as tx:
        tx.create(Case(id="c-ander", case_id="c-ander", family_name="Anders"))
    return p


def test_backup_layout_and_manifest(backup_dir: Path) -> None:
    assert backup_dir.name.startswith("casusregie-backup-")
    names = sorted(p.name for p in backup_dir.iterdir())
    assert names == ["casusregie.db", "keyfile.json", "manifest.json"]
    manifest = json.loads((backup_dir / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["format"] == "casusregie-backup"
    for name in ("casusregie.db", "keyfile.json"):
        assert manifest["files"][name] == sha256(backup_dir / name)
    assert not list(backup_dir.parent.glob("*.bezig"))


def test_backup_while_another_connection_just_wrote(
    tmp_path: Path, filled_profile: Profile
) -> None:
    app = filled_profile.unlock(PASSPHRASE)  # the app, open
    try:
        worker = Store.open(filled_profile.db_path, bytes(app._key))  # type: ignore[arg-type]
        try:  # e.g. the sync worker writes on its own connection
            with worker.write("Door de tweede verbinding") as tx:
                tx.set("case", CASE_ID, "aanleiding", "net geschreven")
                tx.create(Person(id="p-vers", case_id=CASE_ID, name="Vers"))
            assert (filled_profile.directory / "casusregie.db-wal").stat().st_size > 0
            backup = filled_profile.backup(app, tmp_path / "back-ups")
            live = without_exported_at(export_case(app, CASE_ID))
            live_changes = len(app.changes_since(0, limit=1_000_000))
            backup2 = filled_profile.backup(worker, tmp_path / "back-ups")
        finally:
            worker.close()
    finally:
        app.close()
    assert backup != backup2  # two backups in the same second get distinct names
    for b, name in ((backup, "een"), (backup2, "twee")):
        target = Profile(tmp_path / f"terug-{name}")
        assert target.restore(b, PASSPHRASE) is None
        assert _export(target) == live
        assert _export(target)["case"]["aanleiding"] == "net geschreven"  # type: ignore[index]
        assert _change_count(target) == live_changes
        with target.unlock(PASSPHRASE) as s:
            assert s.integrity_problems() == []


def test_restore_on_fresh_profile_gives_identical_export(
    tmp_path: Path, filled_profile: Profile, backup_dir: Path
) -> None:
    before = tree_hashes(backup_dir)
    target = Profile(tmp_path / "nieuw" / "profiel")
    assert target.restore(backup_dir, PASSPHRASE) is None
    assert _export(target) == _export(filled_profile)
    assert _change_count(target) == _change_count(filled_profile)
    assert sorted(p.name for p in target.directory.iterdir() if p.is_file()) == [
        "casusregie.db",
        "keyfile.json",
    ]
    assert tree_hashes(backup_dir) == before  # the backup itself is left as it was


def test_tampered_backup_refused_target_untouched(
    tmp_path: Path, backup_dir: Path, other_profile: Profile
) -> None:
    flip_byte(backup_dir / "casusregie.db")
    fresh = Profile(tmp_path / "leeg")
    with pytest.raises(StoreDamaged) as info:
        fresh.restore(backup_dir, PASSPHRASE)
    assert "casusregie.db" in str(info.value)
    assert not fresh.directory.exists()
    before = tree_hashes(other_profile.directory)
    with pytest.raises(StoreDamaged):
        other_profile.restore(backup_dir, PASSPHRASE, replace=True)
    assert tree_hashes(other_profile.directory) == before


def test_tampered_backup_with_forged_manifest_refused(
    tmp_path: Path, backup_dir: Path, other_profile: Profile
) -> None:
    """Whoever flips a byte and fixes the checksum still meets SQLCipher's page HMAC."""
    flip_byte(backup_dir / "casusregie.db")
    manifest_path = backup_dir / "manifest.json"
    manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    manifest["files"]["casusregie.db"] = sha256(backup_dir / "casusregie.db")
    manifest_path.write_text(json.dumps(manifest), encoding="utf-8")
    before = tree_hashes(other_profile.directory)
    with pytest.raises(StoreDamaged):
        other_profile.restore(backup_dir, PASSPHRASE, replace=True)
    assert tree_hashes(other_profile.directory) == before
    fresh = Profile(tmp_path / "leeg")
    with pytest.raises(StoreDamaged):
        fresh.restore(backup_dir, PASSPHRASE)
    assert not fresh.directory.exists()


@pytest.mark.parametrize("damage", ["no manifest", "bad manifest", "keyfile changed", "db missing"])
def test_incomplete_backup_refused(tmp_path: Path, backup_dir: Path, damage: str) -> None:
    if damage == "no manifest":
        (backup_dir / "manifest.json").unlink()
    elif damage == "bad manifest":
        (backup_dir / "manifest.json").write_text("{niet json", encoding="utf-8")
    elif damage == "keyfile changed":
        with open(backup_dir / "keyfile.json", "a", encoding="utf-8") as fh:
            fh.write(" ")
    else:
        (backup_dir / "casusregie.db").unlink()
    target = Profile(tmp_path / "leeg")
    with pytest.raises(StoreDamaged):
        target.restore(backup_dir, PASSPHRASE)
    assert not target.directory.exists()


def test_wrong_passphrase_refused_target_untouched(
    tmp_path: Path, backup_dir: Path, other_profile: Profile
) -> None:
    fresh = Profile(tmp_path / "leeg")
    with pytest.raises(WrongPassphrase):
        fresh.restore(backup_dir, "niet het wachtwoord")
    assert not fresh.directory.exists()
    before = tree_hashes(other_profile.directory)
    with pytest.raises(WrongPassphrase):
        other_profile.restore(backup_dir, "niet het wachtwoord", replace=True)
    assert tree_hashes(other_profile.directory) == before


def test_restore_over_existing_needs_replace(backup_dir: Path, other_profile: Profile) -> None:
    before = tree_hashes(other_profile.directory)
    with pytest.raises(StoreExists):
        other_profile.restore(backup_dir, PASSPHRASE)
    assert tree_hashes(other_profile.directory) == before

    moved = other_profile.restore(backup_dir, PASSPHRASE, replace=True)
    assert moved is not None and moved.is_dir()
    with other_profile.unlock(PASSPHRASE) as s:  # the backup's store, its passphrase
        assert [c.id for c in s.list_cases()] == [CASE_ID]
    old = Profile(moved)  # the replaced store, moved aside and still openable
    with old.unlock("ander wachtwoord") as s:
        assert [c.id for c in s.list_cases()] == ["c-ander"]
        assert s.integrity_problems() == []


def test_restore_replace_twice_in_one_second(
    backup_dir: Path, other_profile: Profile, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(profile_module.time, "strftime", lambda *a: "20240101-120000")
    first = other_profile.restore(backup_dir, PASSPHRASE, replace=True)
    second = other_profile.restore(backup_dir, PASSPHRASE, replace=True)
    assert first is not None and second is not None and first != second
    with Profile(first).unlock("ander wachtwoord") as s:
        assert [c.id for c in s.list_cases()] == ["c-ander"]


def test_cli_backup_and_restore(
    tmp_path: Path, filled_profile: Profile, passphrase_file: Path
) -> None:
    result = run_cli(
        "store",
        "backup",
        tmp_path / "bk",
        store=filled_profile.directory,
        passphrase_file=passphrase_file,
    )
    assert result.returncode == 0, result.stderr
    (backup,) = list((tmp_path / "bk").iterdir())
    target = tmp_path / "terug"
    result = run_cli("store", "restore", backup, store=target, passphrase_file=passphrase_file)
    assert result.returncode == 0, result.stderr
    assert _export(Profile(target)) == _export(filled_profile)
    again = run_cli("store", "restore", backup, store=target, passphrase_file=passphrase_file)
    assert again.returncode == StoreExists.exit_code
    assert len(again.stderr.splitlines()) == 1
    replaced = run_cli(
        "store", "restore", backup, "--vervang", store=target, passphrase_file=passphrase_file
    )
    assert replaced.returncode == 0, replaced.stderr
    assert "vervangen-" in replaced.stdout


@pytest.mark.skipif(os.name != "posix", reason="POSIX file modes")
def test_backup_is_private_like_the_profile(
    tmp_path: Path, filled_profile: Profile, passphrase_file: Path
) -> None:
    """``store backup DIR`` under a loose umask: a new DIR and the backup folder 0700,
    every file in it 0600; an existing folder of the user's keeps its own mode."""
    old = os.umask(0o022)
    try:
        result = run_cli(
            "store", "backup", tmp_path / "bk", store=filled_profile.directory,
            passphrase_file=passphrase_file,
        )  # fmt: skip
        assert result.returncode == 0, result.stderr
        shared = tmp_path / "gedeeld"
        shared.mkdir(mode=0o755)
        with filled_profile.unlock(PASSPHRASE) as s:
            second = filled_profile.backup(s, shared)
    finally:
        os.umask(old)
    (backup,) = list((tmp_path / "bk").iterdir())
    assert stat.S_IMODE((tmp_path / "bk").stat().st_mode) == 0o700
    assert stat.S_IMODE(shared.stat().st_mode) == 0o755
    for folder in (backup, second):
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700, folder
        files = list(folder.iterdir())
        assert len(files) == 3
        for path in files:
            assert stat.S_IMODE(path.stat().st_mode) == 0o600, path.name
