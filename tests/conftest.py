"""Fixtures for the store tests.

Key derivation: every test profile uses ``fast_kdf`` (Argon2id with time_cost 1 and
8 MiB), so that creating and unlocking a profile costs milliseconds. The production
defaults (``KdfParams()``) are asserted separately in test_keyfile.py.

A template profile (created once per session, with ``sample_document()`` imported) is
copied per test, as Anki's tests copy a collection: cheaper than creating a store and
importing a case for every test, and every test still gets its own files.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from casusregie.store.caseio import import_case
from casusregie.store.database import Store
from casusregie.store.keyfile import KdfParams
from casusregie.store.profile import Profile
from helpers import CASE_ID, FAST_KDF, PASSPHRASE, sample_document


@pytest.fixture(autouse=True)
def _isolated_home(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Path:
    """Nothing in a test may touch the real user directory, nor read a passphrase from
    the developer's environment."""
    home = tmp_path_factory.mktemp("casusregie-home")
    monkeypatch.setenv("CASUSREGIE_HOME", str(home))
    monkeypatch.delenv("CASUSREGIE_PASSPHRASE", raising=False)
    monkeypatch.delenv("CASUSREGIE_NEW_PASSPHRASE", raising=False)
    return home


@pytest.fixture
def fast_kdf() -> KdfParams:
    return FAST_KDF


@pytest.fixture
def passphrase() -> str:
    return PASSPHRASE


@pytest.fixture(scope="session")
def template_profile_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Built once: a closed profile holding the sample case."""
    directory = tmp_path_factory.mktemp("template") / "profiel"
    store = Profile(directory).create(
        PASSPHRASE, author="Test-regisseur", kdf=FAST_KDF, use_keyring=False
    )
    try:
        import_case(store, sample_document(CASE_ID))
    finally:
        store.close()
    return directory


@pytest.fixture
def profile(tmp_path: Path) -> Profile:
    """A fresh, empty profile directory (not created yet)."""
    return Profile(tmp_path / "profiel")


@pytest.fixture
def filled_profile(tmp_path: Path, template_profile_dir: Path) -> Profile:
    """A copy of the template profile (closed), holding the sample case."""
    target = tmp_path / "gevuld"
    shutil.copytree(template_profile_dir, target)
    return Profile(target)


@pytest.fixture
def store(filled_profile: Profile) -> Iterator[Store]:
    """The copied template profile, unlocked."""
    opened = filled_profile.unlock(PASSPHRASE)
    try:
        yield opened
    finally:
        opened.close()


@pytest.fixture
def passphrase_file(tmp_path: Path) -> Path:
    path = tmp_path / "wachtwoord.txt"
    path.write_text(PASSPHRASE + "\n", encoding="utf-8")
    return path
