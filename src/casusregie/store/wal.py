"""Damage in the write-ahead log, found before SQLite opens the database.

With ``journal_mode=WAL`` a commit is first appended to ``casusregie.db-wal`` and copied
into ``casusregie.db`` at a checkpoint (at the latest when the store is closed, which
truncates the log). When the database is opened after a crash, SQLite replays the log
up to the first frame whose salt or checksum does not match, and silently ignores the
rest, also committed transactions after a damaged frame. ``wal_problems`` reads the log
(and the shared-memory index, if a crash left it) the way SQLite's recovery does, before
SQLite does, and names what would be lost:

* a log header that is not valid while the log holds frames;
* a damaged frame (checksum wrong, salt right) followed by later frames that do chain
  correctly and include a commit: committed transactions after a flipped byte;
* fewer valid committed frames than the shared-memory index (``-shm``) says were
  committed: the log was cut or its tail damaged after a crash.

What stays undetectable: a log cut exactly at a frame boundary, or damaged, when no
``-shm`` survived (after a reboot, or when only the ``-wal`` was copied); damage to the
last transaction's own frames (it looks like a crash in the middle of writing it, which
loses nothing that was confirmed); a log replaced as a whole by a valid older one. The
page contents themselves are encrypted and authenticated by SQLCipher (page HMACs), so
a damaged page that SQLite does replay is caught by the integrity check.
"""

from __future__ import annotations

import struct
from pathlib import Path

__all__ = ["wal_problems"]

_MAGIC_LE, _MAGIC_BE = 0x377F0682, 0x377F0683
_WAL_HEADER, _FRAME_HEADER = 32, 24
_SHM_HEADER = 48


def _checksum(data: bytes, big_endian: bool, s1: int, s2: int) -> tuple[int, int]:
    fmt = ">" if big_endian else "<"
    words = struct.unpack(f"{fmt}{len(data) // 4}I", data)
    for i in range(0, len(words), 2):
        s1 = (s1 + words[i] + s2) & 0xFFFFFFFF
        s2 = (s2 + words[i + 1] + s1) & 0xFFFFFFFF
    return s1, s2


def _shm_committed(head: bytes, salts: bytes) -> int | None:
    """mxFrame (frames up to the last commit) from the shared-memory index, when the
    index is valid and belongs to this generation of the log (same salt bytes)."""
    if len(head) < 2 * _SHM_HEADER or head[:_SHM_HEADER] != head[_SHM_HEADER:]:
        return None  # being written, or never written: nothing to compare with
    if head[32:40] != salts:  # copied from the log's header as raw bytes
        return None
    for order in ("<", ">"):  # the rest is in the machine's own byte order
        version, _, _, is_init, _, _, mx_frame = struct.unpack(f"{order}IIIBBHI", head[:20])
        if version == 3007000 and is_init:
            return int(mx_frame)
    return None


def wal_problems(db_path: Path) -> list[str]:
    """What SQLite's recovery would silently drop from ``db_path``'s log (Dutch, no
    data). Empty when there is no log, or nothing committed would be lost."""
    wal = db_path.with_name(db_path.name + "-wal")
    shm = db_path.with_name(db_path.name + "-shm")
    try:
        size = wal.stat().st_size
    except OSError:
        return []
    if size == 0:
        return []
    # The index first, then the log: a writer in another process appends frames before
    # it raises the index, so the log read afterwards is never shorter than the index.
    try:
        with open(shm, "rb") as fh:
            shm_head = fh.read(2 * _SHM_HEADER)
    except OSError:
        shm_head = b""
    data = wal.read_bytes()
    if len(data) < _WAL_HEADER:
        return ["het logbestand (casusregie.db-wal) is afgebroken in de kop"]
    magic, version, page_size, _, salt1, salt2, ck1, ck2 = struct.unpack(">8I", data[:32])
    if magic not in (_MAGIC_LE, _MAGIC_BE) or version != 3007000:
        return ["de kop van het logbestand (casusregie.db-wal) is beschadigd"]
    big = magic == _MAGIC_BE
    if _checksum(data[:24], big, 0, 0) != (ck1, ck2):
        return ["de kop van het logbestand (casusregie.db-wal) is beschadigd"]
    if page_size == 1:
        page_size = 65536
    if page_size < 512 or page_size & (page_size - 1):
        return ["de kop van het logbestand (casusregie.db-wal) is beschadigd"]
    frame = _FRAME_HEADER + page_size
    n_frames = (len(data) - _WAL_HEADER) // frame
    running = (ck1, ck2)
    valid_commit = 0  # frames up to the last valid commit: what SQLite will replay
    broken_at: int | None = None
    lost_commit = False
    prev_stored = running
    for i in range(n_frames):
        start = _WAL_HEADER + i * frame
        frame_head = data[start : start + _FRAME_HEADER]
        page = data[start + _FRAME_HEADER : start + frame]
        pgno, commit, fs1, fs2, fc1, fc2 = struct.unpack(">6I", frame_head)
        if (fs1, fs2) != (salt1, salt2):
            break  # an older generation of the log: legitimately stale from here on
        if broken_at is None:
            running = _checksum(page, big, *_checksum(frame_head[:8], big, *running))
            if running == (fc1, fc2) and pgno:
                if commit:
                    valid_commit = i + 1
                prev_stored = (fc1, fc2)
                continue
            broken_at = i
            prev_stored = (fc1, fc2)
            continue
        # after a damaged frame: does the chain go on from the stored checksums?
        chained = _checksum(page, big, *_checksum(frame_head[:8], big, *prev_stored))
        if chained != (fc1, fc2):
            break
        prev_stored = (fc1, fc2)
        if commit:
            lost_commit = True
    problems = []
    if broken_at is not None and lost_commit:
        problems.append(
            f"het logbestand (casusregie.db-wal) is beschadigd bij blok {broken_at + 1}; "
            "wijzigingen die daarna zijn bewaard, zouden verloren gaan"
        )
    if len(shm_head) == 2 * _SHM_HEADER:
        committed = _shm_committed(shm_head, data[16:24])
        if committed is not None and committed > valid_commit and not problems:
            problems.append(
                "het logbestand (casusregie.db-wal) is korter of beschadigd: er ontbreken "
                f"{committed - valid_commit} blokken met bewaarde wijzigingen"
            )
    return problems
