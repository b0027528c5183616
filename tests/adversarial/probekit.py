"""Shared by the adversarial office tests: the sync tests' office kit (real servers on
127.0.0.1) and an unlocked sample store. Not a conftest.py on purpose: a second module
named ``conftest`` on sys.path would shadow the one other tests import from."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

_SYNC = str(Path(__file__).resolve().parents[1] / "sync")
if _SYNC not in sys.path:
    sys.path.insert(0, _SYNC)

from casusregie.store.database import Store  # noqa: E402
from casusregie.store.profile import Profile  # noqa: E402
from helpers import PASSPHRASE  # noqa: E402


@pytest.fixture
def device(filled_profile: Profile) -> Iterator[Store]:
    """The sample case (helpers.CASE_ID) in an unlocked store, not yet enrolled."""
    opened = filled_profile.unlock(PASSPHRASE)
    try:
        yield opened
    finally:
        opened.close()
