"""The key file: the database key, wrapped by the passphrase.

The database key is 32 random bytes made by the app. It is never derived from the
passphrase and never stored in the clear. ``keyfile.json`` beside the database holds it
wrapped with AES-256-GCM under a key derived from the passphrase with Argon2id:

    {
      "format": "casusregie-keyfile", "version": 1,
      "profile_id": "<uuid>",
      "kdf": {"name": "argon2id", "time_cost": 4, "memory_cost_kib": 196608,
              "parallelism": 2, "salt": "<base64, 16 bytes>"},
      "cipher": "aes-256-gcm",
      "nonce": "<base64, 12 bytes>",
      "wrapped_key": "<base64, 32 bytes + 16-byte tag>",
      "checksum": "<sha256 hex of the canonical JSON of everything above>"
    }

Everything except ``nonce`` and ``wrapped_key`` is bound to the ciphertext as
associated data, so a file whose cost parameters were lowered does not unwrap. Changing
the passphrase writes a new file with a new salt and nonce around the same database
key: the database itself is not re-encrypted.

Damaged or tampered versus wrong passphrase. AES-GCM with associated data answers one
question: "does this passphrase, with this header, nonce and ciphertext, give the
tag?". A wrong passphrase and a changed salt, cost, profile id, nonce or wrapped key
all fail the same way; from the tag alone they cannot be told apart. So two checks
that need no passphrase run first, before any key derivation:

* structure and bounds: types (integers, not text or booleans), Argon2 costs within
  ``KdfParams.MIN_*``/``MAX_*`` (a file may not make unlocking run for hours or ask for
  terabytes), salt 16 bytes, nonce 12, wrapped key 48;
* ``checksum``: SHA-256 over the rest of the file. It catches damage and every edit
  made without recomputing it. It is not a secret: someone who edits the file on
  purpose and recomputes the checksum gets "wrong passphrase", and nothing that knows
  only the passphrase can do better. Files from before the checksum (no ``checksum``
  key) are still read and get one at the next successful unlock.

Both failures are ``StoreDamaged`` (exit 6) and do not count as a wrong passphrase.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import re
import secrets
from dataclasses import dataclass
from pathlib import Path
from typing import Any, ClassVar

from argon2.low_level import Type, hash_secret_raw
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from casusregie.domain.errors import StoreDamaged, WrongPassphrase

__all__ = ["KdfParams", "KeyFile", "new_database_key"]

FORMAT = "casusregie-keyfile"
VERSION = 1
KEY_BYTES = 32
MAX_FILE_BYTES = 16 * 1024
SALT_BYTES = 16
NONCE_BYTES = 12
WRAPPED_BYTES = KEY_BYTES + 16
_PROFILE_ID = re.compile(r"^[A-Za-z0-9_-]{1,64}$")
_DAMAGED = "Het sleutelbestand (keyfile.json) is beschadigd of aangepast."


def new_database_key() -> bytes:
    """256 random bits from the OS's CSPRNG."""
    return secrets.token_bytes(KEY_BYTES)


@dataclass(frozen=True)
class KdfParams:
    """Argon2id cost. The default costs 0.3-0.6 s on a 2-core laptop (bench/ui_start.py)."""

    time_cost: int = 4
    memory_cost_kib: int = 192 * 1024
    parallelism: int = 2

    #: below this the file is refused as tampered: nobody should unwrap with trivial cost
    MIN_TIME: ClassVar[int] = 1
    MIN_MEMORY_KIB: ClassVar[int] = 8 * 1024
    #: above this the file is refused as damaged before any derivation: 4x the default
    #: passes, 1 GiB (about 5x the default memory)
    MAX_TIME: ClassVar[int] = 16
    MAX_MEMORY_KIB: ClassVar[int] = 1024 * 1024
    MAX_PARALLELISM: ClassVar[int] = 16

    def within_bounds(self) -> bool:
        values = (self.time_cost, self.memory_cost_kib, self.parallelism)
        if not all(type(v) is int for v in values):
            return False
        return (
            self.MIN_TIME <= self.time_cost <= self.MAX_TIME
            and self.MIN_MEMORY_KIB <= self.memory_cost_kib <= self.MAX_MEMORY_KIB
            and 1 <= self.parallelism <= self.MAX_PARALLELISM
            and self.memory_cost_kib >= 8 * self.parallelism
        )

    def derive(self, passphrase: str, salt: bytes) -> bytes:
        return hash_secret_raw(
            secret=passphrase.encode("utf-8"),
            salt=salt,
            time_cost=self.time_cost,
            memory_cost=self.memory_cost_kib,
            parallelism=self.parallelism,
            hash_len=KEY_BYTES,
            type=Type.ID,
        )


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(text: Any, size: int) -> bytes:
    if not isinstance(text, str) or len(text) > 4 * size:
        raise ValueError("not base64 text")
    data = base64.b64decode(text, validate=True)
    if len(data) != size:
        raise ValueError("length")
    return data


def _int(value: Any) -> int:
    if type(value) is not int:  # not a bool, a float or a text
        raise ValueError("not an integer")
    return value


@dataclass(frozen=True)
class KeyFile:
    profile_id: str
    kdf: KdfParams
    salt: bytes
    nonce: bytes
    wrapped_key: bytes

    @classmethod
    def wrap(
        cls, key: bytes, passphrase: str, profile_id: str, kdf: KdfParams | None = None
    ) -> KeyFile:
        kdf = kdf or KdfParams()
        salt, nonce = os.urandom(16), os.urandom(12)
        header = _header(profile_id, kdf, salt)
        wrapped = AESGCM(kdf.derive(passphrase, salt)).encrypt(nonce, key, header)
        return cls(profile_id, kdf, salt, nonce, wrapped)

    def unwrap(self, passphrase: str) -> bytes:
        if not self.kdf.within_bounds():
            raise StoreDamaged(_DAMAGED)
        header = _header(self.profile_id, self.kdf, self.salt)
        try:
            return AESGCM(self.kdf.derive(passphrase, self.salt)).decrypt(
                self.nonce, self.wrapped_key, header
            )
        except InvalidTag:
            raise WrongPassphrase("Het wachtwoord klopt niet.") from None

    def rewrap(self, old: str, new: str, kdf: KdfParams | None = None) -> KeyFile:
        """The same database key under a new passphrase (and fresh salt and nonce)."""
        return KeyFile.wrap(self.unwrap(old), new, self.profile_id, kdf or self.kdf)

    def to_json(self) -> dict[str, Any]:
        body = {
            "format": FORMAT,
            "version": VERSION,
            "profile_id": self.profile_id,
            "kdf": _kdf_json(self.kdf, self.salt),
            "cipher": "aes-256-gcm",
            "nonce": _b64(self.nonce),
            "wrapped_key": _b64(self.wrapped_key),
        }
        return {**body, "checksum": _checksum(body)}

    @classmethod
    def from_json(cls, data: Any) -> KeyFile:
        """Parse and check a key file without the passphrase: structure, types, bounds
        and checksum. Anything off is ``StoreDamaged``, before any key derivation."""
        try:
            if not isinstance(data, dict) or not isinstance(data.get("kdf"), dict):
                raise ValueError("structure")
            body = {k: v for k, v in data.items() if k != "checksum"}
            if "checksum" in data and data["checksum"] != _checksum(body):
                raise ValueError("checksum")
            expected = {"format", "version", "profile_id", "kdf", "cipher", "nonce"}
            if set(body) != expected | {"wrapped_key"}:
                raise ValueError("keys")
            if body["format"] != FORMAT or body["version"] != VERSION:
                raise ValueError("format")
            k = body["kdf"]
            if body["cipher"] != "aes-256-gcm" or k.get("name") != "argon2id":
                raise ValueError("cipher")
            if set(k) != {"name", "time_cost", "memory_cost_kib", "parallelism", "salt"}:
                raise ValueError("kdf keys")
            kdf = KdfParams(
                _int(k["time_cost"]), _int(k["memory_cost_kib"]), _int(k["parallelism"])
            )
            if not kdf.within_bounds():
                raise ValueError("cost")
            profile_id = body["profile_id"]
            if not isinstance(profile_id, str) or not _PROFILE_ID.match(profile_id):
                raise ValueError("profile id")
            return cls(
                profile_id,
                kdf,
                _unb64(k["salt"], SALT_BYTES),
                _unb64(body["nonce"], NONCE_BYTES),
                _unb64(body["wrapped_key"], WRAPPED_BYTES),
            )
        except (KeyError, TypeError, ValueError, AttributeError):
            raise StoreDamaged(_DAMAGED) from None

    @staticmethod
    def has_checksum(path: Path) -> bool:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return False
        return isinstance(data, dict) and "checksum" in data

    def save(self, path: Path, *, new: bool = False) -> None:
        """Write atomically: a crash leaves the old file or the new one, never half.

        ``new``: the file must not exist yet. Two processes making a profile at the same
        time (a second start while the first still creates it) must not each put their
        own key there: the one that comes second gets ``FileExistsError`` and writes
        nothing, so the database is never encrypted with a key the key file does not hold.
        """
        tmp = path.with_name(f"{path.name}.{os.getpid()}.nieuw")
        try:
            with open(tmp, "w", encoding="utf-8") as fh:
                json.dump(self.to_json(), fh, indent=2)
                fh.write("\n")
                fh.flush()
                os.fsync(fh.fileno())
            if new:
                _link_new(tmp, path)
            else:
                os.replace(tmp, path)
        finally:
            tmp.unlink(missing_ok=True)
        _fsync_dir(path.parent)

    @classmethod
    def load(cls, path: Path) -> KeyFile:
        try:
            if path.stat().st_size > MAX_FILE_BYTES:
                raise ValueError("too large")
            data = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise
        except (OSError, ValueError, RecursionError):
            raise StoreDamaged("Het sleutelbestand (keyfile.json) is niet te lezen.") from None
        return cls.from_json(data)


def _link_new(tmp: Path, path: Path) -> None:
    """Put ``tmp`` at ``path`` only if nothing is there (``FileExistsError`` otherwise)."""
    try:
        os.link(tmp, path)  # fails when the path exists, unlike a rename
    except FileExistsError:
        raise
    except OSError:  # a file system without hard links (FAT): check, then rename
        if path.exists():
            raise FileExistsError(path) from None
        os.replace(tmp, path)


def _kdf_json(kdf: KdfParams, salt: bytes) -> dict[str, Any]:
    return {
        "name": "argon2id",
        "time_cost": kdf.time_cost,
        "memory_cost_kib": kdf.memory_cost_kib,
        "parallelism": kdf.parallelism,
        "salt": _b64(salt),
    }


def _checksum(body: dict[str, Any]) -> str:
    text = json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=True)
    return hashlib.sha256(text.encode("ascii")).hexdigest()


def _header(profile_id: str, kdf: KdfParams, salt: bytes) -> bytes:
    head = {
        "format": FORMAT,
        "version": VERSION,
        "profile_id": profile_id,
        "kdf": _kdf_json(kdf, salt),
        "cipher": "aes-256-gcm",
    }
    return json.dumps(head, sort_keys=True, separators=(",", ":")).encode("utf-8")


def _fsync_dir(directory: Path) -> None:
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
