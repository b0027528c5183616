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
      "wrapped_key": "<base64, 32 bytes + 16-byte tag>"
    }

Everything except ``nonce`` and ``wrapped_key`` is bound to the ciphertext as
associated data, so a file whose cost parameters were lowered does not unwrap. Changing
the passphrase writes a new file with a new salt and nonce around the same database
key: the database itself is not re-encrypted.
"""

from __future__ import annotations

import base64
import json
import os
import secrets
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from argon2.low_level import Type, hash_secret_raw
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from casusregie.domain.errors import StoreDamaged, WrongPassphrase

__all__ = ["KdfParams", "KeyFile", "new_database_key"]

FORMAT = "casusregie-keyfile"
VERSION = 1
KEY_BYTES = 32


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
    MIN_TIME: int = 1
    MIN_MEMORY_KIB: int = 8 * 1024

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


def _unb64(text: Any) -> bytes:
    if not isinstance(text, str):
        raise ValueError("not base64 text")
    return base64.b64decode(text, validate=True)


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
        return {
            "format": FORMAT,
            "version": VERSION,
            "profile_id": self.profile_id,
            "kdf": _kdf_json(self.kdf, self.salt),
            "cipher": "aes-256-gcm",
            "nonce": _b64(self.nonce),
            "wrapped_key": _b64(self.wrapped_key),
        }

    @classmethod
    def from_json(cls, data: Any) -> KeyFile:
        try:
            if data["format"] != FORMAT or data["version"] != VERSION:
                raise ValueError("format")
            if data["cipher"] != "aes-256-gcm" or data["kdf"]["name"] != "argon2id":
                raise ValueError("cipher")
            k = data["kdf"]
            kdf = KdfParams(int(k["time_cost"]), int(k["memory_cost_kib"]), int(k["parallelism"]))
            if kdf.time_cost < kdf.MIN_TIME or kdf.memory_cost_kib < kdf.MIN_MEMORY_KIB:
                raise ValueError("cost")
            return cls(
                str(data["profile_id"]),
                kdf,
                _unb64(k["salt"]),
                _unb64(data["nonce"]),
                _unb64(data["wrapped_key"]),
            )
        except (KeyError, TypeError, ValueError):
            raise StoreDamaged(
                "Het sleutelbestand (keyfile.json) is beschadigd of onbekend."
            ) from None

    def save(self, path: Path) -> None:
        """Write atomically: a crash leaves the old file or the new one, never half."""
        tmp = path.with_name(path.name + ".nieuw")
        with open(tmp, "w", encoding="utf-8") as fh:
            json.dump(self.to_json(), fh, indent=2)
            fh.write("\n")
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
        _fsync_dir(path.parent)

    @classmethod
    def load(cls, path: Path) -> KeyFile:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise
        except (OSError, ValueError):
            raise StoreDamaged("Het sleutelbestand (keyfile.json) is niet te lezen.") from None
        return cls.from_json(data)


def _kdf_json(kdf: KdfParams, salt: bytes) -> dict[str, Any]:
    return {
        "name": "argon2id",
        "time_cost": kdf.time_cost,
        "memory_cost_kib": kdf.memory_cost_kib,
        "parallelism": kdf.parallelism,
        "salt": _b64(salt),
    }


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
