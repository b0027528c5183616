"""A regisseur's profile on disk: where the store lives and how it is unlocked.

A profile directory holds::

    casusregie.db (+ -wal, -shm)   the SQLCipher database (everything encrypted)
    keyfile.json                   the database key wrapped by the passphrase (keyfile.py)
    unlock.json                    failed-attempt counter for the growing delay (no secrets)

The directory is chosen by ``--store DIR``, else ``CASUSREGIE_HOME``, else the
platform's user data directory (platformdirs). The passphrase always unlocks; the OS
keyring, where the OS offers one, holds a copy of the key so the regisseur need not type.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import math
import os
import shutil
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import platformdirs

from casusregie.domain.errors import (
    CasusregieError,
    StoreDamaged,
    StoreExists,
    StoreMissing,
    WrongPassphrase,
)
from casusregie.store import keyring_store

if TYPE_CHECKING:
    from casusregie.store.database import Store
    from casusregie.store.keyfile import KdfParams, KeyFile

# The database (SQLCipher, the domain model) and the key file (Argon2, AES) are imported
# in the methods that open, make or copy a store: finding a profile and asking how long
# to wait (the app's start) must not pay for them.

__all__ = ["Profile", "default_profile_dir", "demo_profile_dir", "unlock_delay"]

DB_NAME = "casusregie.db"
KEY_NAME = "keyfile.json"
ATTEMPTS_NAME = "unlock.json"
MANIFEST_NAME = "manifest.json"
MIN_PASSPHRASE = 8
#: the longest wait between two tries, whatever unlock.json or the clock says
MAX_DELAY = 30.0


def default_profile_dir() -> Path:
    env = os.environ.get("CASUSREGIE_HOME")
    if env:
        return Path(env)
    return Path(platformdirs.user_data_dir("casusregie", appauthor=False)) / "profiel"


def demo_profile_dir() -> Path:
    env = os.environ.get("CASUSREGIE_HOME")
    base = Path(env) if env else Path(platformdirs.user_data_dir("casusregie", appauthor=False))
    return base / "demo"


def unlock_delay(failures: int) -> float:
    """Seconds to wait before the next try after ``failures`` wrong passphrases in a row."""
    if failures <= 0:
        return 0.0
    if failures > 8:  # 0.5 * 2**7 already passes the cap; never compute a huge power
        return MAX_DELAY
    return float(min(0.5 * 2 ** (failures - 1), MAX_DELAY))


def check_passphrase_strength(passphrase: str) -> None:
    if len(passphrase) < MIN_PASSPHRASE:
        raise CasusregieError(f"Het wachtwoord moet minstens {MIN_PASSPHRASE} tekens hebben.")


@dataclass
class Profile:
    directory: Path

    @property
    def db_path(self) -> Path:
        return self.directory / DB_NAME

    @property
    def key_path(self) -> Path:
        return self.directory / KEY_NAME

    @property
    def attempts_path(self) -> Path:
        return self.directory / ATTEMPTS_NAME

    def exists(self) -> bool:
        """True when anything of a store is here: a half profile (a key file without its
        database, or the other way round) is not "no store" and must never be replaced by
        a new one. Unlocking it says what is missing."""
        return self.db_path.exists() or self.key_path.exists()

    # -- creating --------------------------------------------------------------

    def create(
        self,
        passphrase: str,
        author: str = "",
        kdf: KdfParams | None = None,
        use_keyring: bool = True,
    ) -> Store:
        """A new store with a fresh random key, wrapped by ``passphrase``."""
        from casusregie.store.database import Store
        from casusregie.store.keyfile import KeyFile, new_database_key

        check_passphrase_strength(passphrase)
        if self.db_path.exists() or self.key_path.exists():
            raise StoreExists(f"In {self.directory} staat al een opslag.")
        self.directory.mkdir(parents=True, exist_ok=True)
        _private(self.directory)
        key = new_database_key()
        keyfile = KeyFile.wrap(key, passphrase, uuid.uuid4().hex, kdf)
        try:
            keyfile.save(self.key_path, new=True)
        except FileExistsError:  # made by another process since the check above
            raise StoreExists(f"In {self.directory} staat al een opslag.") from None
        store = Store.open(self.db_path, key, create=True, author=author)
        if use_keyring:
            keyring_store.save(keyfile.profile_id, key)
        return store

    # -- unlocking -------------------------------------------------------------

    def _keyfile(self) -> KeyFile:
        from casusregie.store.keyfile import KeyFile

        db, key = self.db_path.exists(), self.key_path.exists()
        if not db and not key:
            raise StoreMissing(
                f"Er is nog geen opslag in {self.directory}. "
                "Maak er een met 'casusregie store init'."
            )
        if not key:
            raise StoreDamaged(
                f"Het sleutelbestand (keyfile.json) ontbreekt in {self.directory}, maar de "
                "casussen staan er nog. Zet een back-up terug met 'casusregie store restore'."
            )
        if not db:
            raise StoreDamaged(
                f"Het bestand met de casussen (casusregie.db) ontbreekt in {self.directory}. "
                "Zet een back-up terug met 'casusregie store restore'."
            )
        if _empty(self.db_path):
            raise StoreDamaged(
                f"Het bestand met de casussen (casusregie.db) in {self.directory} is leeg. "
                "Zet een back-up terug met 'casusregie store restore'."
            )
        return KeyFile.load(self.key_path)

    def _attempts(self) -> dict[str, Any]:
        """The recorded failures; anything odd in the file reads as "none recorded" for
        the time and at most the capped delay for the count (never a crash or a hang)."""
        try:
            data = json.loads(self.attempts_path.read_text(encoding="utf-8"))
            failures, last = data["failures"], data["last"]
            if type(failures) is not int or type(last) not in (int, float):
                raise TypeError
            if not math.isfinite(last) or last < 0:
                raise ValueError
            return {"failures": max(0, min(failures, 1000)), "last": float(last)}
        except (OSError, ValueError, KeyError, TypeError, RecursionError):
            return {"failures": 0, "last": 0.0}

    def _save_attempts(self, failures: int, last: float) -> bool:
        """Record the count; False when unlock.json cannot be written (read-only file or
        folder): unlocking goes on, only the delay is not remembered."""
        tmp = self.attempts_path.with_name(ATTEMPTS_NAME + ".nieuw")
        try:
            tmp.write_text(json.dumps({"failures": failures, "last": last}), encoding="utf-8")
            os.replace(tmp, self.attempts_path)
        except OSError:
            with contextlib.suppress(OSError):
                tmp.unlink(missing_ok=True)
            return False
        return True

    def wait_before_unlock(self, now: Callable[[], float] = time.time) -> float:
        """Seconds left before another passphrase may be tried (0 when free). Never more
        than the delay of the recorded failures, so a time in the future (clock skew, an
        edited file) cannot lock anyone out."""
        state = self._attempts()
        delay = unlock_delay(state["failures"])
        return max(0.0, min(state["last"] + delay - now(), delay))

    def unlock(
        self,
        passphrase: str,
        *,
        sleep: Callable[[float], None] = time.sleep,
        now: Callable[[], float] = time.time,
        check: bool = True,
    ) -> Store:
        """Open with the passphrase. A wrong one raises ``WrongPassphrase``; each failure
        in a row doubles the wait before the next try (kept on disk, so restarting the
        program does not skip it)."""
        key = self._unwrap(passphrase, sleep, now)
        return self._open(key, check=check)

    def _open(self, key: bytes, *, check: bool = True) -> Store:
        """The one unlock sequence, for the app and the CLI alike: the integrity check and
        the numbered schema migrations (``Store.open``), then the template-answer
        migrations (answers saved under an older template version are brought up to date).
        The store is closed again if any step fails."""
        from casusregie.store.answers import migrate_all_answers  # templates: loaded late
        from casusregie.store.database import Store

        store = Store.open(self.db_path, key, check=check)
        try:
            migrate_all_answers(store)
        except BaseException:
            store.close()
            raise
        return store

    def _unwrap(
        self, passphrase: str, sleep: Callable[[float], None], now: Callable[[], float]
    ) -> bytes:
        """The database key, paying and recording the growing delay for wrong tries."""
        from casusregie.store.keyfile import KeyFile

        keyfile = self._keyfile()
        wait = self.wait_before_unlock(now)
        if wait > 0:
            sleep(wait)
        try:
            key = keyfile.unwrap(passphrase)
        except WrongPassphrase:
            failures = self._attempts()["failures"] + 1
            saved = self._save_attempts(failures, now())
            note = (
                ""
                if saved
                else " (De wachttijd kon niet worden bewaard: unlock.json is alleen-lezen.)"
            )
            raise WrongPassphrase(
                "Het wachtwoord klopt niet. Probeer het over "
                f"{_seconds(unlock_delay(failures))} opnieuw.{note}"
            ) from None
        if self._attempts()["failures"]:
            self._save_attempts(0, 0.0)
        if not KeyFile.has_checksum(self.key_path):
            with contextlib.suppress(OSError):  # older file: add its checksum once
                keyfile.save(self.key_path)
        return key

    def unlock_with_keyring(self, check: bool = True) -> Store | None:
        """Open with the key kept in the OS keyring, or None when there is none (or it no
        longer fits: then the passphrase is the way in)."""
        keyfile = self._keyfile()
        key = keyring_store.load(keyfile.profile_id)
        if key is None:
            return None
        try:
            return self._open(key, check=check)
        except StoreDamaged:
            return None

    def change_passphrase(
        self,
        old: str,
        new: str,
        *,
        sleep: Callable[[float], None] = time.sleep,
        now: Callable[[], float] = time.time,
    ) -> None:
        """Re-wrap the same database key; the database is not touched. A wrong old
        passphrase counts as a failed unlock (same growing delay)."""
        from casusregie.store.keyfile import KeyFile

        check_passphrase_strength(new)
        key = self._unwrap(old, sleep, now)
        keyfile = self._keyfile()
        KeyFile.wrap(key, new, keyfile.profile_id, keyfile.kdf).save(self.key_path)

    def forget_keyring(self) -> None:
        keyring_store.forget(self._keyfile().profile_id)

    # -- backup and restore ----------------------------------------------------

    def backup(self, store: Store, target_dir: Path) -> Path:
        """Write ``target_dir/casusregie-backup-<time>/`` with the database (still
        encrypted), the key file and a manifest of checksums. Safe while the app is open.

        Like the profile, the backup is its owner's alone: its folder 0700 (made so
        before anything is written into it) and its files 0600; ``target_dir`` is made
        0700 when it did not exist (an existing folder of the user's is left as it is)."""
        from casusregie.store.keyfile import _fsync_dir

        if not target_dir.exists():
            target_dir.mkdir(parents=True, mode=0o700)
            _private(target_dir)
        stamp = time.strftime("%Y%m%d-%H%M%S")
        final = _free_name(target_dir / f"casusregie-backup-{stamp}")
        work = final.with_name(final.name + ".bezig")
        if work.exists():
            shutil.rmtree(work)
        work.mkdir(mode=0o700)
        _private(work)
        try:
            store.backup_database(work / DB_NAME)
            shutil.copyfile(self.key_path, work / KEY_NAME)
            manifest = {
                "format": "casusregie-backup",
                "version": 1,
                "created": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
                "schema_version": store.schema_version(),
                "files": {name: _sha256(work / name) for name in (DB_NAME, KEY_NAME)},
            }
            (work / MANIFEST_NAME).write_text(
                json.dumps(manifest, indent=2) + "\n", encoding="utf-8"
            )
            for name in (DB_NAME, KEY_NAME, MANIFEST_NAME):
                _private_file(work / name)
                _fsync_file(work / name)
            os.replace(work, final)
            _fsync_dir(target_dir)
        except BaseException:
            shutil.rmtree(work, ignore_errors=True)
            raise
        return final

    def restore(self, backup_dir: Path, passphrase: str, *, replace: bool = False) -> Path | None:
        """Bring a backup back into this profile. Checks the manifest, the passphrase and
        the database before anything here is touched. With ``replace``, an existing store
        is moved aside (returned), never deleted."""
        from casusregie.store.database import Store
        from casusregie.store.keyfile import KeyFile, _fsync_dir

        backup_dir = Path(backup_dir)
        try:
            manifest = json.loads((backup_dir / MANIFEST_NAME).read_text(encoding="utf-8"))
            files = manifest["files"]
            if manifest.get("format") != "casusregie-backup":
                raise ValueError
        except (OSError, ValueError, KeyError, TypeError):
            raise StoreDamaged(f"{backup_dir} is geen back-up van Casusregie.") from None
        for name in (DB_NAME, KEY_NAME):
            if not (backup_dir / name).exists() or _sha256(backup_dir / name) != files.get(name):
                raise StoreDamaged(f"De back-up is beschadigd ({name} klopt niet).")
        key = KeyFile.load(backup_dir / KEY_NAME).unwrap(passphrase)
        # Verify a copy, never the backup itself (it may be read-only, and opening could
        # migrate it): copy into the profile directory under a temporary name, open it
        # (integrity check, migrations), and only then put it in place.
        created = not self.directory.exists()
        self.directory.mkdir(parents=True, exist_ok=True)
        _private(self.directory)
        tmp_db = self.directory / (DB_NAME + ".terugzetten")
        _remove_db_files(tmp_db)
        try:
            shutil.copyfile(backup_dir / DB_NAME, tmp_db)
            Store.open(tmp_db, key).close()
            _fsync_file(tmp_db)
            if (self.db_path.exists() or self.key_path.exists()) and not replace:
                raise StoreExists(
                    f"In {self.directory} staat al een opslag. Gebruik --vervang "
                    "om die opzij te zetten."
                )
        except BaseException:
            _remove_db_files(tmp_db)
            if created:
                with contextlib.suppress(OSError):
                    self.directory.rmdir()
            raise
        moved: Path | None = None
        if self.db_path.exists() or self.key_path.exists():
            moved = _free_name(self.directory / f"vervangen-{time.strftime('%Y%m%d-%H%M%S')}")
            moved.mkdir()
            for path in self.directory.iterdir():
                if path.name in (DB_NAME, KEY_NAME, ATTEMPTS_NAME) or path.name in (
                    DB_NAME + "-wal",
                    DB_NAME + "-shm",
                ):
                    os.replace(path, moved / path.name)
        tmp_key = self.key_path.with_name(KEY_NAME + ".terugzetten")
        shutil.copyfile(backup_dir / KEY_NAME, tmp_key)
        _fsync_file(tmp_key)
        os.replace(tmp_key, self.key_path)
        os.replace(tmp_db, self.db_path)
        _fsync_dir(self.directory)
        return moved


def _empty(path: Path) -> bool:
    try:
        return path.stat().st_size == 0
    except OSError:
        return False


def _free_name(path: Path) -> Path:
    """``path``, or ``path-2``, ``path-3``... whichever does not exist yet."""
    candidate, n = path, 1
    while candidate.exists() or candidate.with_name(candidate.name + ".bezig").exists():
        n += 1
        candidate = path.with_name(f"{path.name}-{n}")
    return candidate


def _remove_db_files(db: Path) -> None:
    for suffix in ("", "-wal", "-shm", "-journal"):
        db.with_name(db.name + suffix).unlink(missing_ok=True)


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _fsync_file(path: Path) -> None:
    with open(path, "rb+") as fh:
        os.fsync(fh.fileno())


def _private(directory: Path) -> None:
    with contextlib.suppress(OSError):
        os.chmod(directory, 0o700)


def _private_file(path: Path) -> None:
    with contextlib.suppress(OSError):  # no POSIX modes (Windows): the folder's ACL holds
        os.chmod(path, 0o600)


def _seconds(value: float) -> str:
    return "1 seconde" if value <= 1 else f"{round(value)} seconden"
