"""The adversarial tests reuse the sync tests' office kit (real servers on 127.0.0.1)."""

from __future__ import annotations

import sys
from pathlib import Path

_SYNC = str(Path(__file__).resolve().parents[1] / "sync")
if _SYNC not in sys.path:
    sys.path.insert(0, _SYNC)
