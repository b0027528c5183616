"""The database key in the OS keyring (Secret Service on Linux).

Skipped where there is no real keyring, unless CASUSREGIE_REQUIRE_KEYRING=1 (CI sets it
where a keyring is provided): then a missing keyring fails the run.
"""

from __future__ import annotations

import os
from collections.abc import Iterator

import keyring
import pytest

from casusregie.store import keyring_store
from casusregie.store.keyfile import KeyFile, new_database_key
from casusregie.store.profile import Profile
from helpers import FAST_KDF, PASSPHRASE

pytestmark = pytest.mark.keyring


@pytest.fixture(autouse=True)
def _need_keyring() -> None:
    if keyring_store.available():
        return
    why = f"no OS keyring (Secret Service) here: backend is {keyring.get_keyring()!r}"
    if os.environ.get("CASUSREGIE_REQUIRE_KEYRING") == "1":
        pytest.fail(why + " but CASUSREGIE_REQUIRE_KEYRING=1")
    pytest.skip(why)


@pytest.fixture
def keyring_profile(profile: Profile) -> Iterator[Profile]:
    """A profile whose key is in the keyring; the entry is removed afterwards. Its
    profile_id is a fresh uuid, so runs never collide."""
    profile.create(PASSPHRASE, kdf=FAST_KDF, use_keyring=True).close()
    try:
        yield profile
    finally:
        keyring_store.forget(KeyFile.load(profile.key_path).profile_id)


def test_create_stores_key_and_unlocks_without_passphrase(keyring_profile: Profile) -> None:
    profile_id = KeyFile.load(keyring_profile.key_path).profile_id
    stored = keyring_store.load(profile_id)
    assert stored == KeyFile.load(keyring_profile.key_path).unwrap(PASSPHRASE)
    store = keyring_profile.unlock_with_keyring()
    assert store is not None
    with store:
        assert store.list_cases() == []
        assert store.integrity_problems() == []


def test_forget_removes_key(keyring_profile: Profile) -> None:
    keyring_profile.forget_keyring()
    profile_id = KeyFile.load(keyring_profile.key_path).profile_id
    assert keyring_store.load(profile_id) is None
    assert keyring_profile.unlock_with_keyring() is None
    keyring_profile.forget_keyring()  # twice is harmless
    with keyring_profile.unlock(PASSPHRASE) as s:  # the passphrase always works
        assert s.is_open


def test_stale_entry_is_ignored(keyring_profile: Profile) -> None:
    profile_id = KeyFile.load(keyring_profile.key_path).profile_id
    assert keyring_store.save(profile_id, new_database_key())  # another profile's key
    assert keyring_profile.unlock_with_keyring() is None
    with keyring_profile.unlock(PASSPHRASE) as s:
        assert s.is_open


def test_create_without_keyring_stores_nothing(profile: Profile) -> None:
    profile.create(PASSPHRASE, kdf=FAST_KDF, use_keyring=False).close()
    profile_id = KeyFile.load(profile.key_path).profile_id
    assert keyring_store.load(profile_id) is None
    assert profile.unlock_with_keyring() is None
