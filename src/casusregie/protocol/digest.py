"""Computations both sides must do identically: canonical JSON, hashes, digests, op ids.

The post-sync check compares ``case_digest`` over what the office holds for a case with
the same digest over what the device believes it holds (``sync_shared`` in the store).
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable
from typing import Any

__all__ = ["canonical", "case_digest", "op_id", "value_hash"]


def canonical(value: Any) -> str:
    """The one JSON text of a value (as the store writes it): sorted keys, no spaces."""
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def value_hash(value: Any) -> str:
    return hashlib.sha256(canonical(value).encode("utf-8")).hexdigest()


def case_digest(rows: Iterable[tuple[str, str, str, str, str]]) -> str:
    """Digest of (entity_type, entity_id, field, hlc, value_hash) rows, in any order."""
    h = hashlib.sha256()
    for row in sorted(rows):
        h.update("\t".join(row).encode("utf-8"))
        h.update(b"\n")
    return h.hexdigest()


def op_id(change_id: str, epoch: int) -> str:
    """The op id of sending one change under one sharing epoch of its category.

    The same change sent again (a retry, a replay) has the same id, so the office applies
    it once; after a retraction the epoch grows, so a consent given again sends the value
    under a new id while replays of the old one stay refused.
    """
    if not _HEX32.match(change_id):  # change ids are uuid4 hex; anything else is hashed
        change_id = hashlib.sha256(change_id.encode("utf-8")).hexdigest()[:32]
    return f"{change_id}-{epoch}"


_HEX32 = re.compile(r"^[0-9a-f]{32}$")
