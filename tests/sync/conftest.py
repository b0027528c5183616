"""Fixtures for the sync and office tests: real servers on 127.0.0.1, both databases.

``backend`` runs a test on SQLite and on PostgreSQL. PostgreSQL needs
``CASUSREGIE_TEST_PG_URL`` (``.ci/postgres.sh`` starts a throwaway cluster and prints
it); without it those cases skip, unless ``CASUSREGIE_REQUIRE_POSTGRES=1`` (CI), when
they fail.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from officekit import PG_ENV, ProcessOffice, ThreadOffice, database_url

from casusregie.store.database import Store
from casusregie.store.profile import Profile
from helpers import PASSPHRASE


@pytest.fixture(params=["sqlite", "postgresql"])
def backend(request: pytest.FixtureRequest) -> str:
    name = str(request.param)
    if name == "postgresql" and not os.environ.get(PG_ENV):
        reason = f'PostgreSQL not available: set {PG_ENV} (eval "$(bash .ci/postgres.sh)")'
        if os.environ.get("CASUSREGIE_REQUIRE_POSTGRES") == "1":
            pytest.fail(reason)
        pytest.skip(reason)
    return name


@pytest.fixture
def db_url(backend: str, tmp_path: Path) -> Iterator[str]:
    with database_url(backend, tmp_path) as url:
        yield url


@pytest.fixture
def office(db_url: str, tmp_path: Path) -> Iterator[ThreadOffice]:
    """A real office (uvicorn, TLS) in a thread, capturing request bodies."""
    server = ThreadOffice(db_url, tmp_path / "kantoor")
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def sqlite_office(tmp_path: Path) -> Iterator[ThreadOffice]:
    server = ThreadOffice(str(tmp_path / "kantoor.db"), tmp_path / "kantoor")
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def process_office(db_url: str, tmp_path: Path) -> Iterator[ProcessOffice]:
    """``casusregie-office serve`` in a subprocess (to kill and restart)."""
    server = ProcessOffice(db_url, tmp_path / "kantoor")
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def device(filled_profile: Profile) -> Iterator[Store]:
    """The sample case (helpers.CASE_ID) in an unlocked store, not yet enrolled."""
    opened = filled_profile.unlock(PASSPHRASE)
    try:
        yield opened
    finally:
        opened.close()
