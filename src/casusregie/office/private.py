"""The office's files are for the service account alone: folder 0700, files 0600.

The data directory holds the SQLite database (with its ``-wal`` and ``-shm``), the TLS
key and certificate. ``private_dir`` creates the folder 0700 or narrows a looser one;
``private_file`` creates or narrows a file to 0600. A mode that was too open is fixed
and said in one Dutch line on the ``casusregie.office`` log (the path and the modes,
never contents); a folder or file the service may not change (another owner) is
refused with ``NotPrivate``, so the office never runs on files others can read.

On Windows the POSIX modes mean nothing: there these functions only create.
"""

from __future__ import annotations

import logging
import os
import stat
from pathlib import Path

__all__ = ["DIR_MODE", "FILE_MODE", "NotPrivate", "private_dir", "private_file"]

DIR_MODE = 0o700
FILE_MODE = 0o600

log = logging.getLogger("casusregie.office")


class NotPrivate(Exception):
    """A data folder or file is readable by others and cannot be made private."""


def _posix() -> bool:
    return os.name == "posix"


def _narrow(path: Path, wanted: int, what: str) -> None:
    mode = stat.S_IMODE(path.stat().st_mode)
    if mode & ~wanted == 0:
        return
    try:
        os.chmod(path, mode & wanted)
    except OSError:
        raise NotPrivate(
            f"De {what} {path} is leesbaar voor anderen ({mode:04o}) en het kantoor mag dat "
            f"niet aanpassen. Zet het zelf op {wanted:04o} (chmod {wanted:o} {path}) of "
            "start het kantoor als de eigenaar."
        ) from None
    log.warning(
        "De %s %s was leesbaar voor anderen (%04o); nu %04o.", what, path, mode, mode & wanted
    )


def private_dir(path: Path) -> Path:
    """``path`` as a folder only its owner can enter (0700); made if missing."""
    if not path.exists():
        path.mkdir(parents=True, mode=DIR_MODE)
    if not path.is_dir():
        raise NotPrivate(f"{path} is geen map.")
    if _posix():
        _narrow(path, DIR_MODE, "map")
    return path


def private_file(path: Path) -> Path:
    """``path`` as a file only its owner can read (0600); made empty if missing."""
    if not path.exists():
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE)
        os.close(fd)
    if _posix():
        _narrow(path, FILE_MODE, "bestand")
    return path
