"""The database key in the OS keyring, for unlocking without typing.

Only where the OS offers a real keyring (Secret Service, macOS Keychain, Windows
Credential Locker). Failures are never fatal: the passphrase is always the way in.
"""

from __future__ import annotations

import logging
from types import ModuleType

__all__ = ["available", "forget", "load", "save"]

SERVICE = "casusregie"
log = logging.getLogger(__name__)


def _keyring() -> ModuleType:
    """The keyring package, imported when first asked (it costs time at start-up)."""
    import keyring
    import keyring.errors

    return keyring


def available() -> bool:
    try:
        backend = _keyring().get_keyring()
    except Exception:  # a broken keyring setup must never stop the app
        return False
    return float(getattr(backend, "priority", 0)) > 0 and "fail" not in type(backend).__module__


def save(profile_id: str, key: bytes) -> bool:
    if not available():
        return False
    try:
        _keyring().set_password(SERVICE, profile_id, key.hex())
        return True
    except Exception as exc:
        log.warning("Sleutelbos niet bruikbaar (%s)", type(exc).__name__)
        return False


def load(profile_id: str) -> bytes | None:
    if not available():
        return None
    try:
        text = _keyring().get_password(SERVICE, profile_id)
        return bytes.fromhex(text) if text and len(text) == 64 else None
    except Exception as exc:
        log.warning("Sleutelbos niet bruikbaar (%s)", type(exc).__name__)
        return None


def forget(profile_id: str) -> None:
    if not available():
        return
    try:
        _keyring().delete_password(SERVICE, profile_id)
    except _keyring().errors.PasswordDeleteError:
        pass
    except Exception as exc:
        log.warning("Sleutelbos niet bruikbaar (%s)", type(exc).__name__)
