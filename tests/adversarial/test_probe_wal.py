"""Damage to the write-ahead log (issue 16 item 11).

A writer is killed (SIGKILL) after confirmed commits, so they live only in
``casusregie.db-wal`` (and the ``-shm`` index). A log cut in half or with one flipped
byte used to lose those commits silently, and ``store check`` said "in orde". Now
opening refuses with a Dutch line (exit 6) and leaves the log untouched. What cannot be
detected is documented in ``store/wal.py`` and the README.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from casusregie.domain.errors import StoreDamaged
from casusregie.store.profile import Profile
from helpers import CASE_ID, PASSPHRASE, ROOT, assert_one_line_error, cli_env, run_cli

COMMITS = 40

WRITER = textwrap.dedent("""
    import os, signal, sys
    from pathlib import Path
    from casusregie.store.profile import Profile

    store = Profile(Path(sys.argv[1])).unlock(sys.stdin.readline().rstrip("\\n"))
    for i in range(int(sys.argv[2])):
        with store.write("Teller") as tx:
            tx.set("case", sys.argv[3], "aanleiding", f"stand {i}")
    os.kill(os.getpid(), signal.SIGKILL)  # no close: the commits stay in the log
""")


@pytest.fixture
def crashed(filled_profile: Profile) -> Profile:
    """The sample profile after a writer confirmed COMMITS edits and was killed."""
    result = subprocess.run(
        [sys.executable, "-c", WRITER, str(filled_profile.directory), str(COMMITS), CASE_ID],
        input=PASSPHRASE + "\n", text=True, capture_output=True, env=cli_env(), cwd=ROOT,
        check=False,
    )  # fmt: skip
    assert result.returncode == -signal.SIGKILL, result.stderr
    assert _wal(filled_profile).stat().st_size > 0
    return filled_profile


def _wal(profile: Profile) -> Path:
    return profile.db_path.with_name(profile.db_path.name + "-wal")


def test_intact_log_after_a_crash_keeps_every_commit(crashed: Profile) -> None:
    """Issue 16 item 11: no false alarm: the killed writer's log replays completely."""
    from casusregie.store.wal import wal_problems

    assert wal_problems(crashed.db_path) == []
    with crashed.unlock(PASSPHRASE) as store:
        assert store.get("case", CASE_ID).aanleiding == f"stand {COMMITS - 1}"  # type: ignore[attr-defined]


def _cut_in_half(profile: Profile) -> None:
    wal = _wal(profile)
    data = wal.read_bytes()
    wal.write_bytes(data[: len(data) // 2])


def _flip_one_byte(profile: Profile) -> None:
    wal = _wal(profile)
    data = bytearray(wal.read_bytes())
    data[len(data) // 3] ^= 0x01
    wal.write_bytes(bytes(data))


@pytest.mark.parametrize("damage", [_cut_in_half, _flip_one_byte], ids=["cut", "flipped"])
def test_damaged_log_is_refused_and_kept(
    crashed: Profile, passphrase_file: Path, damage: object
) -> None:
    """Issue 16 item 11: a log cut in half or with one flipped byte: ``store check`` and
    every open say so (exit 6), instead of dropping confirmed commits and "in orde"."""
    assert callable(damage)
    damage(crashed)
    damaged = _wal(crashed).read_bytes()
    with pytest.raises(StoreDamaged):
        crashed.unlock(PASSPHRASE)
    result = run_cli("store", "check", store=crashed.directory, passphrase_file=passphrase_file)
    line = assert_one_line_error(result, 6)
    assert "logbestand" in line
    assert "store restore" in line
    assert "in orde" not in result.stdout
    assert _wal(crashed).read_bytes() == damaged  # the evidence is left as it was


def test_damaged_log_header(crashed: Profile) -> None:
    """Issue 16 item 11: a flipped byte in the log's own header."""
    wal = _wal(crashed)
    data = bytearray(wal.read_bytes())
    data[13] ^= 0x40  # inside the checkpoint sequence number, covered by the checksum
    wal.write_bytes(bytes(data))
    with pytest.raises(StoreDamaged):
        crashed.unlock(PASSPHRASE)


def test_close_checkpoints_so_the_log_rarely_holds_the_only_copy(
    filled_profile: Profile,
) -> None:
    """Issue 16 item 11: after a normal close the log is empty: every commit is in the
    database file itself, and damage to a log can only touch the last session."""
    with filled_profile.unlock(PASSPHRASE) as store, store.write("Iets") as tx:
        tx.set("case", CASE_ID, "aanleiding", "na sluiten")
    wal = _wal(filled_profile)
    assert not wal.exists() or wal.stat().st_size == 0


def test_no_log_no_problem(tmp_path: Path) -> None:
    """Issue 16 item 11: the fast path (no log, empty log) reads nothing."""
    from casusregie.store.wal import wal_problems

    db = tmp_path / "casusregie.db"
    assert wal_problems(db) == []
    db.with_name("casusregie.db-wal").write_bytes(b"")
    assert wal_problems(db) == []
    db.with_name("casusregie.db-wal").write_bytes(os.urandom(100))
    assert wal_problems(db)
