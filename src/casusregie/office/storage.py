"""The office's database: SQLite by default, PostgreSQL by URL, the same migrations.

SQL is written once, with ``?`` placeholders and portable types; the few differences
(an auto-increment key, row locks) are filled in per dialect. ``Database.transaction()``
yields a ``Tx``; everything in it commits together or not at all.

SQLite: one connection behind a lock (the office is small; writes are serialised
anyway), WAL, ``synchronous=FULL`` (an acknowledged push is on disk), and
``secure_delete`` so that purged values are overwritten, not just unlinked; after a
purge, an overwrite or a deletion the WAL is checkpointed and truncated, so no old page
image keeps them either. The file and its ``-wal``/``-shm`` are 0600 (``private``).
PostgreSQL: a small pool of connections; every write transaction first bumps the
``seq`` counter row, which serialises writers in counter order, so a reader paging by
``seq`` never skips a row that commits late.
"""

from __future__ import annotations

import contextlib
import queue
import sqlite3
import threading
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from casusregie.office.private import private_file

__all__ = ["MIGRATIONS", "Database", "Tx"]

_V1 = [
    "CREATE TABLE office_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
    "CREATE TABLE counters (name TEXT PRIMARY KEY, value BIGINT NOT NULL)",
    "INSERT INTO counters (name, value) VALUES ('seq', 0)",
    """CREATE TABLE devices (
        device_id     TEXT PRIMARY KEY,
        name          TEXT NOT NULL,
        enrol_hash    TEXT UNIQUE,
        enrol_expires TEXT,
        token_hash    TEXT UNIQUE,
        client_device TEXT NOT NULL DEFAULT '',
        label         TEXT NOT NULL DEFAULT '',
        created_at    TEXT NOT NULL,
        enrolled_at   TEXT,
        revoked_at    TEXT
    )""",
    """CREATE TABLE cases (
        case_id      TEXT PRIMARY KEY,
        device_id    TEXT,
        seq          BIGINT NOT NULL DEFAULT 0,
        assigned_seq BIGINT NOT NULL DEFAULT 0,
        created_at   TEXT NOT NULL
    )""",
    "CREATE INDEX cases_by_device ON cases (device_id)",
    """CREATE TABLE assignments (
        seq       BIGINT PRIMARY KEY,
        case_id   TEXT NOT NULL,
        device_id TEXT,
        previous  TEXT,
        at        TEXT NOT NULL
    )""",
    "CREATE INDEX assignments_by_previous ON assignments (previous, seq)",
    """CREATE TABLE fields (
        case_id     TEXT NOT NULL,
        entity_type TEXT NOT NULL,
        entity_id   TEXT NOT NULL,
        field       TEXT NOT NULL,
        value       TEXT NOT NULL,
        hlc         TEXT NOT NULL,
        device_id   TEXT NOT NULL,
        category    TEXT NOT NULL,
        seq         BIGINT NOT NULL,
        PRIMARY KEY (case_id, entity_type, entity_id, field)
    )""",
    "CREATE INDEX fields_by_seq ON fields (case_id, seq)",
    "CREATE INDEX fields_by_category ON fields (case_id, category)",
    """CREATE TABLE epochs (
        case_id  TEXT NOT NULL,
        category TEXT NOT NULL,
        epoch    INTEGER NOT NULL,
        PRIMARY KEY (case_id, category)
    )""",
    """CREATE TABLE applied_ops (
        op_id     TEXT PRIMARY KEY,
        case_id   TEXT NOT NULL,
        device_id TEXT NOT NULL,
        at        TEXT NOT NULL
    )""",
    """CREATE TABLE disclosures (
        id          {autoid},
        case_id     TEXT NOT NULL,
        device_id   TEXT NOT NULL,
        kind        TEXT NOT NULL,
        category    TEXT NOT NULL,
        n_values    INTEGER NOT NULL,
        basis       TEXT NOT NULL,
        purpose     TEXT NOT NULL,
        given_by    TEXT NOT NULL,
        form        TEXT NOT NULL,
        given_on    TEXT NOT NULL,
        valid_until TEXT NOT NULL,
        consent_id  TEXT NOT NULL,
        at          TEXT NOT NULL
    )""",
    "CREATE INDEX disclosures_by_case ON disclosures (case_id, id)",
    """CREATE TABLE audit (
        id      {autoid},
        at      TEXT NOT NULL,
        actor   TEXT NOT NULL,
        action  TEXT NOT NULL,
        case_id TEXT NOT NULL DEFAULT '',
        detail  TEXT NOT NULL DEFAULT ''
    )""",
]

#: Case ownership before a case's first push: the SHA-256 of its id (the office learns
#: no case id before something of the case is shared), reserved for one device at its
#: enrolment, or issued by the office.
_V2 = [
    """CREATE TABLE case_claims (
        case_key   TEXT PRIMARY KEY,
        device_id  TEXT NOT NULL,
        how        TEXT NOT NULL,
        created_at TEXT NOT NULL
    )""",
]

#: MIGRATIONS[n - 1] takes the office database from version n - 1 to n. Never edit one
#: that has shipped; append.
MIGRATIONS: list[list[str]] = [_V1, _V2]

_DIALECT = {
    "sqlite": {"autoid": "INTEGER PRIMARY KEY AUTOINCREMENT"},
    "postgresql": {"autoid": "BIGSERIAL PRIMARY KEY"},
}


class Tx:
    """One transaction. ``rows`` for queries, ``run`` for writes (returns rowcount)."""

    def __init__(self, conn: Any, dialect: str) -> None:
        self._conn = conn
        self.dialect = dialect

    def _sql(self, sql: str) -> str:
        return sql.replace("?", "%s") if self.dialect == "postgresql" else sql

    def rows(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        cur = self._conn.execute(self._sql(sql), tuple(params))
        return [tuple(r) for r in cur.fetchall()]

    def one(self, sql: str, params: Sequence[Any] = ()) -> tuple[Any, ...] | None:
        rows = self.rows(sql, params)
        return rows[0] if rows else None

    def run(self, sql: str, params: Sequence[Any] = ()) -> int:
        cur = self._conn.execute(self._sql(sql), tuple(params))
        return int(cur.rowcount)

    def many(self, sql: str, params: Sequence[Sequence[Any]]) -> None:
        if not params:
            return
        if self.dialect == "postgresql":
            with self._conn.cursor() as cur:
                cur.executemany(self._sql(sql), [tuple(p) for p in params])
        else:
            self._conn.executemany(sql, [tuple(p) for p in params])

    @property
    def for_update(self) -> str:
        """Row lock suffix for a SELECT (PostgreSQL); SQLite serialises whole writes."""
        return " FOR UPDATE" if self.dialect == "postgresql" else ""

    def next_seq(self, n: int = 1) -> int:
        """Reserve ``n`` sequence numbers; returns the first. Call first in a write."""
        self.run("UPDATE counters SET value = value + ? WHERE name = 'seq'", (n,))
        row = self.one("SELECT value FROM counters WHERE name = 'seq'")
        assert row is not None
        return int(row[0]) - n + 1


class Database:
    """``Database("office.db")``, ``Database("sqlite:///path")`` or
    ``Database("postgresql://user@host:port/db")``."""

    def __init__(self, url: str | Path, *, pool_size: int = 8) -> None:
        text = str(url)
        self.dialect = (
            "postgresql" if text.startswith(("postgresql://", "postgres://")) else "sqlite"
        )
        self._lock = threading.Lock()
        self._pool: queue.Queue[Any] = queue.Queue()
        self._all: list[Any] = []
        if self.dialect == "sqlite":
            path = text.removeprefix("sqlite:///") if text.startswith("sqlite:///") else text
            self.path: Path | None = Path(path)
            if path != ":memory:":
                private_file(self.path)  # 0600 before SQLite writes; -wal/-shm get its mode
            conn = sqlite3.connect(
                path, isolation_level=None, check_same_thread=False, timeout=30.0
            )
            conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA synchronous = FULL")
            conn.execute("PRAGMA secure_delete = ON")
            conn.execute("PRAGMA busy_timeout = 30000")
            if path != ":memory:":
                for suffix in ("-wal", "-shm"):  # left by an older version or another umask
                    extra = Path(f"{path}{suffix}")
                    if extra.exists():
                        private_file(extra)
            self._all.append(conn)
            self._pool.put(conn)
        else:
            import psycopg

            self.path = None
            for _ in range(max(1, pool_size)):
                one = psycopg.connect(text, autocommit=True, connect_timeout=10)
                self._all.append(one)
                self._pool.put(one)
        self.migrate()

    def close(self) -> None:
        for conn in self._all:
            with contextlib.suppress(Exception):  # shutting down: nothing left to protect
                conn.close()
        self._all.clear()

    @contextmanager
    def transaction(self) -> Iterator[Tx]:
        conn = self._pool.get(timeout=60)
        try:
            if self.dialect == "sqlite":
                with self._lock:
                    conn.execute("BEGIN IMMEDIATE")
                    try:
                        yield Tx(conn, "sqlite")
                        conn.execute("COMMIT")
                    except BaseException:
                        if conn.in_transaction:
                            conn.execute("ROLLBACK")
                        raise
            else:
                if conn.broken or conn.closed:
                    conn = self._reconnect(conn)
                with conn.transaction():
                    yield Tx(conn, "postgresql")
        finally:
            self._pool.put(conn)

    def _reconnect(self, old: Any) -> Any:
        import psycopg

        info = old.info.dsn
        self._all.remove(old)
        conn = psycopg.connect(info, autocommit=True, connect_timeout=10)
        self._all.append(conn)
        return conn

    def compact(self, *, vacuum: bool = True) -> None:
        """After a purge or an overwrite: no copy of an old value stays behind. SQLite:
        the WAL is checkpointed and truncated (``secure_delete`` already zeroed the freed
        space in the pages). PostgreSQL, with ``vacuum`` (after a purge): ``VACUUM``
        removes the dead row versions from the table and its indexes; the server's own
        WAL segments and backups are not wiped by it (README, "Uitrollen")."""
        if self.dialect != "sqlite":
            if not vacuum:
                return
            pg = self._pool.get(timeout=60)
            try:
                pg.execute("VACUUM fields")
            finally:
                self._pool.put(pg)
            return
        conn = self._pool.get(timeout=60)
        try:
            with self._lock:
                for _ in range(20):  # readers in other processes may hold the WAL a moment
                    busy = conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()[0]
                    if not busy:
                        break
                    time.sleep(0.05)
        finally:
            self._pool.put(conn)

    def migrate(self) -> int:
        """Bring the schema to the latest version; returns the version found."""
        with self.transaction() as tx:
            if self.dialect == "postgresql":
                tx.run("SELECT pg_advisory_xact_lock(7307)")
            tx.run(
                "CREATE TABLE IF NOT EXISTS office_schema "
                "(version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)"
            )
            row = tx.one("SELECT MAX(version) FROM office_schema")
            found = int(row[0]) if row and row[0] is not None else 0
            if found > len(MIGRATIONS):
                raise RuntimeError("office database is newer than this program")
            for version in range(found + 1, len(MIGRATIONS) + 1):
                for statement in MIGRATIONS[version - 1]:
                    tx.run(statement.format(**_DIALECT[self.dialect]))
                tx.run(
                    "INSERT INTO office_schema (version, applied_at) VALUES (?, ?)",
                    (version, time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())),
                )
        return found

    def schema_version(self) -> int:
        with self.transaction() as tx:
            row = tx.one("SELECT MAX(version) FROM office_schema")
            return int(row[0]) if row and row[0] is not None else 0
