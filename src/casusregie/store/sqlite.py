"""Opening SQLCipher connections: the one place that knows the pragmas.

``plain=True`` opens the same schema without encryption: the same SQLCipher library
(``sqlcipher3``'s own SQLite build), only without a key, so that ``bench/store.py``
measures the cost of encryption alone, not two SQLite versions. The app never uses it.
"""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path
from typing import Any

import sqlcipher3

from casusregie.domain.errors import StoreDamaged

__all__ = ["Connection", "DatabaseError", "cipher_version", "connect", "integrity_problems"]

Connection = Any  # sqlcipher3.Connection (sqlite3's DB-API)
DatabaseError = (sqlcipher3.DatabaseError, sqlite3.DatabaseError)
_HEX_KEY = re.compile(r"^[0-9a-f]{64}$")


def connect(path: Path, key: bytes | None, *, plain: bool = False) -> Connection:
    """Open ``path`` with ``key`` (32 bytes), checked, in WAL mode, autocommit off by hand."""
    if plain:
        db = sqlcipher3.connect(str(path), isolation_level=None, check_same_thread=False)
    else:
        assert key is not None and len(key) == 32
        hex_key = key.hex()
        # The key is our own random bytes as hex, checked here; never user text.
        if not _HEX_KEY.match(hex_key):
            raise ValueError("bad key")
        db = sqlcipher3.connect(str(path), isolation_level=None, check_same_thread=False)
        db.execute("PRAGMA cipher_log_level = NONE")
        db.execute(f"PRAGMA key = \"x'{hex_key}'\"")
        version = cipher_version(db)
        if not version.startswith("4."):
            db.close()
            raise StoreDamaged(f"SQLCipher 4 is nodig, gevonden: {version or 'geen'}.")
    try:
        db.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except DatabaseError:
        db.close()
        raise StoreDamaged(
            "Het bestand met de casussen is beschadigd, of hoort niet bij dit sleutelbestand."
        ) from None
    db.execute("PRAGMA journal_mode = WAL")
    # FULL: a commit is on disk before it returns, also after a power cut (WAL makes
    # this cheap: one fsync of the log per commit).
    db.execute("PRAGMA synchronous = FULL")
    # Sorts and temporary tables stay in memory: nothing unencrypted in a temp folder.
    db.execute("PRAGMA temp_store = MEMORY")
    db.execute("PRAGMA foreign_keys = ON")
    return db


def cipher_version(db: Connection) -> str:
    row = db.execute("PRAGMA cipher_version").fetchone()
    return str(row[0]) if row and row[0] else ""


def integrity_problems(db: Connection, *, encrypted: bool = True) -> list[str]:
    """Every page's HMAC (SQLCipher) and the b-tree structure (SQLite). Empty when sound."""
    problems: list[str] = []
    try:
        if encrypted:
            problems += [str(r[0]) for r in db.execute("PRAGMA cipher_integrity_check")]
        rows = [str(r[0]) for r in db.execute("PRAGMA quick_check")]
        if rows != ["ok"]:
            problems += rows
    except DatabaseError as exc:
        problems.append(type(exc).__name__)
    return problems
