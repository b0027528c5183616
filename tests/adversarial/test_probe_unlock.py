"""The growing unlock delay against a hostile clock or ``unlock.json`` (issue 16 item 2).

The wait before the next try is never more than the cap (``MAX_DELAY``), whatever time
or count the file holds; a file that cannot be written does not stop the right
passphrase.
"""

from __future__ import annotations

import json
import os
import time
from pathlib import Path
from typing import Any

import pytest

from casusregie.domain.errors import WrongPassphrase
from casusregie.store.profile import Profile, unlock_delay
from helpers import PASSPHRASE, assert_one_line_error, run_cli

NOW = 1_800_000_000.0
#: the documented cap (README: "up to 30 s"); store.profile.MAX_DELAY
MAX_DELAY = 30.0

HOSTILE = [
    {"failures": 3, "last": NOW + 10 * 86400},  # clock skew: a time in the future
    {"failures": 3, "last": 1e12},
    {"failures": 10**6, "last": NOW},
    {"failures": 2**63, "last": NOW - 1},
    {"failures": 5, "last": float("nan")},
    {"failures": 5, "last": float("inf")},
    {"failures": 5, "last": -1e300},
    {"failures": -7, "last": NOW},
    {"failures": "veel", "last": "gisteren"},
    {"failures": [1], "last": {"a": 1}},
    {"failures": True, "last": True},
]


def _write_state(profile: Profile, state: Any) -> None:
    # json.dumps writes NaN and Infinity as the bare words Python's json reads back
    profile.attempts_path.write_text(json.dumps(state), encoding="utf-8")


@pytest.mark.parametrize("state", HOSTILE, ids=lambda s: json.dumps(s)[:40])
def test_delay_capped_whatever_unlock_json_says(filled_profile: Profile, state: Any) -> None:
    """Issue 16 item 2: the wait is at most MAX_DELAY, and the right passphrase unlocks
    after at most that wait (a future ``last`` used to block it; 1e12 exited 70)."""
    _write_state(filled_profile, state)
    wait = filled_profile.wait_before_unlock(now=lambda: NOW)
    assert 0.0 <= wait <= MAX_DELAY
    slept: list[float] = []
    filled_profile.unlock(PASSPHRASE, sleep=slept.append, now=lambda: NOW).close()
    assert sum(slept) <= MAX_DELAY


def test_garbage_unlock_json(filled_profile: Profile) -> None:
    """Issue 16 item 2: not JSON at all, or deeply nested: read as no failures."""
    for text in ("", "{", "[" * 100_000, "\x00\xff"):
        filled_profile.attempts_path.write_text(text, encoding="latin-1")
        assert filled_profile.wait_before_unlock() == 0.0


def test_unlock_delay_function_bounded() -> None:
    """Issue 16 item 2: no huge power, no overflow, for any count."""
    from casusregie.store import profile

    assert profile.MAX_DELAY == MAX_DELAY
    for n in (0, 1, 2, 7, 8, 9, 64, 10**6, 10**18):
        assert 0.0 <= unlock_delay(n) <= MAX_DELAY
    assert unlock_delay(1) == 0.5
    assert unlock_delay(10**18) == MAX_DELAY


def _unwritable(profile: Profile) -> None:
    """Make unlock.json impossible to replace: read-only, and its temporary name taken by
    a folder (that also stops root, who ignores file modes)."""
    os.chmod(profile.attempts_path, 0o444)
    (profile.directory / "unlock.json.nieuw").mkdir()


def test_read_only_unlock_json_right_passphrase_unlocks(
    filled_profile: Profile, passphrase_file: Path
) -> None:
    """Issue 16 item 2: a read-only unlock.json holding a recorded failure made the right
    passphrase exit 70 (PermissionError)."""
    _write_state(filled_profile, {"failures": 1, "last": time.time() - 60})
    _unwritable(filled_profile)
    result = run_cli(
        "case", "list", store=filled_profile.directory, passphrase_file=passphrase_file
    )
    assert result.returncode == 0, result.stderr
    assert "casus-2024-001" in result.stdout


def test_read_only_unlock_json_wrong_passphrase_says_so(
    filled_profile: Profile, tmp_path: Path
) -> None:
    """Issue 16 item 2: a wrong passphrase with an unwritable unlock.json is still exit 3
    with one Dutch line, which says the wait could not be kept."""
    _write_state(filled_profile, {"failures": 0, "last": 0})
    _unwritable(filled_profile)
    wrong = tmp_path / "fout.txt"
    wrong.write_text("dit is het niet\n", encoding="utf-8")
    result = run_cli("case", "list", store=filled_profile.directory, passphrase_file=wrong)
    line = assert_one_line_error(result, 3)
    assert "wachtwoord klopt niet" in line
    assert "unlock.json" in line


def test_wrong_passphrase_in_process_unwritable(filled_profile: Profile) -> None:
    """Issue 16 item 2: the same, without a subprocess."""
    _write_state(filled_profile, {"failures": 0, "last": 0})
    _unwritable(filled_profile)
    with pytest.raises(WrongPassphrase):
        filled_profile.unlock("niet goed genoeg", sleep=lambda s: None)
