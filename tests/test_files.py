"""Files the user asked for are written whole or not at all (store.files.write_whole)."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

from casusregie.domain.errors import DiskFull, WriteFailed
from casusregie.store import files


def test_writes_whole_file(tmp_path: Path) -> None:
    target = tmp_path / "plan.pdf"
    files.write_whole(target, b"%PDF-1.7 inhoud")
    assert target.read_bytes() == b"%PDF-1.7 inhoud"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["plan.pdf"]


def test_full_disk_leaves_old_file_and_no_part(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "plan.pdf"
    target.write_bytes(b"oud")

    def full(fd: int) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(files.os, "fsync", full)
    with pytest.raises(DiskFull, match="De schijf is vol"):
        files.write_whole(target, b"nieuw")
    assert target.read_bytes() == b"oud"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["plan.pdf"]


def test_unwritable_place_is_a_dutch_error(tmp_path: Path) -> None:
    with pytest.raises(WriteFailed, match="niet schrijven") as info:
        files.write_whole(tmp_path / "bestaat-niet" / "plan.pdf", b"x")
    assert info.value.exit_code == 2
