"""Writing a file the user asked for (a PDF, a picture, an export): whole or not at all."""

from __future__ import annotations

import errno
import os
from pathlib import Path

from casusregie.domain.errors import DiskFull, WriteFailed

__all__ = ["write_whole"]


def write_whole(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a ``.deel`` file, fsync and rename.

    A reader never sees half a file; on failure nothing half-written stays behind and the
    error says so in Dutch: a full disk, or a place that cannot be written.
    """
    tmp = path.with_name(path.name + ".deel")
    try:
        with open(tmp, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        if exc.errno == errno.ENOSPC:
            raise DiskFull("De schijf is vol; het bestand is niet geschreven.") from None
        raise WriteFailed(f"Kan {path} niet schrijven.") from None
