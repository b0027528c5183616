"""Operations on the profile: finding it, creating it, unlocking it.

Plain functions, run through ``QueryOp`` (key derivation takes up to a second and
the demo profile is built on first use: never on the UI thread).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from casusregie.store import keyring_store
from casusregie.store.profile import Profile, default_profile_dir

if TYPE_CHECKING:
    from casusregie.store.database import Store
    from casusregie.store.keyfile import KdfParams

__all__ = [
    "StartState",
    "create_profile",
    "keyring_available",
    "prepare_profile",
    "unlock",
    "unlock_wait",
    "unlock_with_keyring",
]


@dataclass(frozen=True)
class StartState:
    profile: Profile
    exists: bool
    demo: bool


def prepare_profile(store_dir: Path | None, demo: bool) -> StartState:
    """The profile to open; the demo profile is created and filled the first time."""
    if demo:
        from casusregie.store.demo import ensure_demo_profile

        profile = ensure_demo_profile()
    else:
        profile = Profile(store_dir or default_profile_dir())
    return StartState(profile, profile.exists(), demo)


def unlock_wait(profile: Profile) -> float:
    """Seconds before a passphrase may be tried again (a small file read)."""
    return profile.wait_before_unlock()


def keyring_available() -> bool:
    """Whether the OS offers a keyring at all. Asked apart from the wait: loading the
    keyring's backends takes a while, and typing the passphrase need not wait for it."""
    return keyring_store.available()


def unlock(profile: Profile, passphrase: str) -> Store:
    return profile.unlock(passphrase)


def unlock_with_keyring(profile: Profile) -> Store | None:
    return profile.unlock_with_keyring()


def create_profile(
    profile: Profile,
    passphrase: str,
    author: str,
    kdf: KdfParams | None = None,
    use_keyring: bool = True,
) -> Store:
    return profile.create(passphrase, author=author, kdf=kdf, use_keyring=use_keyring)
