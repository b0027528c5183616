"""The store benchmark compares like with like (issue 16 item 12).

``bench/store.py`` compared SQLCipher (SQLite 3.53) against the system SQLite (3.40), so
its ratios measured two SQLite versions as much as encryption. The plain side now runs
on the same ``sqlcipher3`` library, only without a key.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import sqlcipher3

from casusregie.store import sqlite as store_sqlite
from casusregie.store.database import Store
from helpers import ROOT, cli_env


def test_plain_store_is_sqlcipher3_without_a_key(tmp_path: Path) -> None:
    """Issue 16 item 12: the same library, the same SQLite version, no encryption."""
    db = store_sqlite.connect(tmp_path / "plain.db", None, plain=True)
    try:
        assert isinstance(db, sqlcipher3.Connection)
        version = db.execute("SELECT sqlite_version()").fetchone()[0]
        assert version == sqlcipher3.sqlite_version
    finally:
        db.close()
    store = Store.open(tmp_path / "store.db", None, create=True, plain=True)
    store.close()
    assert (tmp_path / "store.db").read_bytes()[:16] == b"SQLite format 3\x00"  # not encrypted


def test_bench_reports_one_engine(tmp_path: Path) -> None:
    """Issue 16 item 12: a tiny run of the benchmark names one SQLite for both sides."""
    result = subprocess.run(
        [sys.executable, "bench/store.py", "--rounds", "1", "--edits", "3", "--persons", "3",
         "--events", "4", "--episodes", "1", "--read-repeats", "1", "--dir", str(tmp_path)],
        capture_output=True, text=True, encoding="utf-8", env=cli_env(), cwd=ROOT, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr[-2000:]
    line = next(x for x in result.stdout.splitlines() if "encrypted: SQLCipher" in x)
    assert f"(SQLite {sqlcipher3.sqlite_version})" in line
    assert f"plain: the same SQLite {sqlcipher3.sqlite_version} (sqlcipher3) without a key" in line
    assert "system SQLite" not in result.stdout
