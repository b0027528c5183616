"""Hostile key files (issue 16 items 1 and 4).

Item 1: every Argon2 parameter and every length in ``keyfile.json`` is bounded and
type-checked before any key derivation; out of bounds is a damaged key file (exit 6),
not a hang, an OverflowError or a counted wrong passphrase. The same for the key file
inside a backup that ``store restore`` reads.

Item 4: a key file edited by hand (lowered cost, other salt, nonce, wrapped key or
profile id) is reported as damaged, not as a wrong passphrase, and does not count
toward the delay; a deleted key file beside a database says so.
"""

from __future__ import annotations

import base64
import hashlib
import json
from pathlib import Path
from typing import Any

import pytest

from casusregie.domain.errors import StoreDamaged, WrongPassphrase
from casusregie.store import keyfile as keyfile_module
from casusregie.store.keyfile import KdfParams, KeyFile
from casusregie.store.profile import Profile
from helpers import PASSPHRASE, assert_one_line_error, run_cli


def _read(path: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


def _reseal(data: dict[str, Any]) -> dict[str, Any]:
    """Recompute the documented checksum, so only the bounds can refuse the file."""
    body = {k: v for k, v in data.items() if k != "checksum"}
    text = json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=True)
    return {**body, "checksum": hashlib.sha256(text.encode("ascii")).hexdigest()}


def _b64_of(n: int) -> str:
    return base64.b64encode(b"\x01" * n).decode("ascii")


def _edit(data: dict[str, Any], where: str, value: Any) -> dict[str, Any]:
    data = json.loads(json.dumps(data))
    if where.startswith("kdf."):
        data["kdf"][where[4:]] = value
    else:
        data[where] = value
    return data


OUT_OF_BOUNDS = [
    ("kdf.time_cost", 1_000_000_000),
    ("kdf.time_cost", 0),
    ("kdf.time_cost", -1),
    ("kdf.time_cost", "4"),
    ("kdf.time_cost", True),
    ("kdf.time_cost", 4.0),
    ("kdf.time_cost", None),
    ("kdf.memory_cost_kib", 2**40),
    ("kdf.memory_cost_kib", 1),
    ("kdf.memory_cost_kib", 10**400),
    ("kdf.parallelism", 0),
    ("kdf.parallelism", 2**24),
    ("kdf.parallelism", [2]),
    ("kdf.salt", _b64_of(8)),
    ("kdf.salt", _b64_of(4096)),
    ("kdf.salt", 16),
    ("nonce", _b64_of(16)),
    ("nonce", "not base64!"),
    ("wrapped_key", _b64_of(32)),
    ("wrapped_key", _b64_of(4000)),
    ("profile_id", 12345),
    ("profile_id", "x" * 1000),
    ("profile_id", "../../etc"),
]


@pytest.mark.parametrize(("where", "value"), OUT_OF_BOUNDS)
def test_out_of_bounds_key_file_refused_before_derivation(
    filled_profile: Profile, monkeypatch: pytest.MonkeyPatch, where: str, value: Any
) -> None:
    """Issue 16 item 1: bounds and types on every key-file parameter, checked before any
    derivation; damaged (StoreDamaged, exit 6), no failure recorded."""
    data = _edit(_read(filled_profile.key_path), where, value)
    filled_profile.key_path.write_text(json.dumps(_reseal(data)), encoding="utf-8")

    def no_derivation(**_: Any) -> bytes:
        raise AssertionError("Argon2 ran on an out-of-bounds key file")

    monkeypatch.setattr(keyfile_module, "hash_secret_raw", no_derivation)
    slept: list[float] = []
    with pytest.raises(StoreDamaged):
        filled_profile.unlock(PASSPHRASE, sleep=slept.append)
    assert not filled_profile.attempts_path.exists()
    assert filled_profile.wait_before_unlock() == 0.0


def test_kdf_bounds_are_sane() -> None:
    """Issue 16 item 1: the defaults sit inside the bounds, the bounds are finite."""
    assert KdfParams().within_bounds()
    assert not KdfParams(time_cost=KdfParams.MAX_TIME + 1).within_bounds()
    assert not KdfParams(memory_cost_kib=KdfParams.MAX_MEMORY_KIB + 1).within_bounds()
    assert KdfParams.MAX_MEMORY_KIB <= 1024 * 1024


def test_huge_memory_cost_is_exit_6_on_the_command_line(
    filled_profile: Profile, passphrase_file: Path
) -> None:
    """Issue 16 item 1: ``memory_cost_kib: 2**40`` exited 70 (OverflowError)."""
    data = _edit(_read(filled_profile.key_path), "kdf.memory_cost_kib", 2**40)
    filled_profile.key_path.write_text(json.dumps(_reseal(data)), encoding="utf-8")
    result = run_cli(
        "store", "check", store=filled_profile.directory, passphrase_file=passphrase_file
    )
    line = assert_one_line_error(result, 6)
    assert "sleutelbestand" in line
    assert not filled_profile.attempts_path.exists()


def _backup(profile: Profile, target: Path) -> Path:
    store = profile.unlock(PASSPHRASE)
    try:
        return profile.backup(store, target)
    finally:
        store.close()


def _rehash_manifest(backup: Path) -> None:
    manifest = _read(backup / "manifest.json")
    key = backup / "keyfile.json"
    manifest["files"]["keyfile.json"] = hashlib.sha256(key.read_bytes()).hexdigest()
    (backup / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")


def test_restore_bounds_the_backup_key_file(
    filled_profile: Profile, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Issue 16 item 1: ``store restore`` reads a backup's key file with the same bounds
    (time_cost 10**9 used to run for hours)."""
    backup = _backup(filled_profile, tmp_path / "backups")
    data = _edit(_read(backup / "keyfile.json"), "kdf.time_cost", 1_000_000_000)
    (backup / "keyfile.json").write_text(json.dumps(_reseal(data)), encoding="utf-8")
    _rehash_manifest(backup)

    def no_derivation(**_: Any) -> bytes:
        raise AssertionError("Argon2 ran on an out-of-bounds backup key file")

    monkeypatch.setattr(keyfile_module, "hash_secret_raw", no_derivation)
    target = Profile(tmp_path / "terug")
    with pytest.raises(StoreDamaged):
        target.restore(backup, PASSPHRASE)
    assert not target.db_path.exists()


def test_restore_of_huge_memory_cost_is_exit_6(
    filled_profile: Profile, tmp_path: Path, passphrase_file: Path
) -> None:
    """Issue 16 item 1, on the command line: a backup key file asking for 2**40 KiB."""
    backup = _backup(filled_profile, tmp_path / "backups")
    data = _edit(_read(backup / "keyfile.json"), "kdf.memory_cost_kib", 2**40)
    (backup / "keyfile.json").write_text(json.dumps(_reseal(data)), encoding="utf-8")
    _rehash_manifest(backup)
    result = run_cli(
        "store", "restore", backup, store=tmp_path / "terug", passphrase_file=passphrase_file
    )
    assert_one_line_error(result, 6)


TAMPERING = [
    ("kdf.time_cost", 1),  # lowered cost, still within bounds
    ("kdf.salt", _b64_of(16)),
    ("nonce", _b64_of(12)),
    ("wrapped_key", _b64_of(48)),
    ("profile_id", "0" * 32),
]


@pytest.mark.parametrize(("where", "value"), TAMPERING)
def test_tampered_key_file_is_damaged_not_wrong_passphrase(
    tmp_path: Path, where: str, value: Any
) -> None:
    """Issue 16 item 4: an edited key file is damaged (exit 6), not "Het wachtwoord klopt
    niet", and it does not count toward the unlock delay."""
    profile = Profile(tmp_path / "p")
    kdf = KdfParams(time_cost=2, memory_cost_kib=8192, parallelism=1)
    profile.create(PASSPHRASE, kdf=kdf, use_keyring=False).close()
    data = _edit(_read(profile.key_path), where, value)
    profile.key_path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(StoreDamaged) as caught:
        profile.unlock(PASSPHRASE, sleep=lambda s: None)
    assert not isinstance(caught.value, WrongPassphrase)
    assert "sleutelbestand" in str(caught.value)
    assert profile.wait_before_unlock() == 0.0
    assert not profile.attempts_path.exists()


def test_tampered_key_file_cli_exit_6_and_no_delay(
    filled_profile: Profile, passphrase_file: Path
) -> None:
    """Issue 16 item 4, on the command line: exit 6 and no unlock.json written."""
    data = _edit(_read(filled_profile.key_path), "kdf.salt", _b64_of(16))
    filled_profile.key_path.write_text(json.dumps(data), encoding="utf-8")
    result = run_cli(
        "case", "list", store=filled_profile.directory, passphrase_file=passphrase_file
    )
    line = assert_one_line_error(result, 6)
    assert "wachtwoord" not in line.lower()
    assert not filled_profile.attempts_path.exists()


def test_old_key_file_without_checksum_still_unlocks_and_gets_one(
    filled_profile: Profile,
) -> None:
    """Issue 16 item 4: the checksum is new; a key file from before it still opens, and
    receives its checksum at that first successful unlock."""
    data = _read(filled_profile.key_path)
    data.pop("checksum", None)
    filled_profile.key_path.write_text(json.dumps(data), encoding="utf-8")
    filled_profile.unlock(PASSPHRASE).close()
    assert "checksum" in _read(filled_profile.key_path)
    assert KeyFile.has_checksum(filled_profile.key_path)


def test_wrong_passphrase_still_counts(filled_profile: Profile) -> None:
    """Issue 16 item 4: telling damage apart must not weaken the delay for real guesses."""
    with pytest.raises(WrongPassphrase):
        filled_profile.unlock("niet het goede wachtwoord", sleep=lambda s: None)
    assert _read(filled_profile.attempts_path)["failures"] == 1


def test_deleted_key_file_beside_database_says_so(
    filled_profile: Profile, passphrase_file: Path
) -> None:
    """Issue 16 item 4: a deleted key file with the database present is not "nog geen
    opslag ... store init" but a missing key file, with the way back (store restore)."""
    filled_profile.key_path.unlink()
    result = run_cli(
        "case", "list", store=filled_profile.directory, passphrase_file=passphrase_file
    )
    line = assert_one_line_error(result, 6)
    assert "keyfile.json" in line
    assert "ontbreekt" in line
    assert "store restore" in line
    assert "store init" not in line
    init = run_cli(
        "store", "init", "--geen-sleutelbos", store=filled_profile.directory,
        passphrase_file=passphrase_file,
    )  # fmt: skip
    assert_one_line_error(init, 5)
    assert filled_profile.db_path.stat().st_size > 0
