"""The store's side of sync: what the office holds, what is owed, and enrolment secrets.

All of it lives in the encrypted database (tables ``sync_*``, migration 4), never in a
plain file: the device token is a secret and the mirror names the family's entities.

- ``sync_meta``: office URL, the device's id and token there, the pinned certificate
  fingerprint, the change-log cursor and the office feed cursor.
- ``sync_dirty``: fields changed since they were last shared, filled from the change log.
- ``sync_shared``: the mirror: per field what the office holds as far as this device
  knows (category, stamp, hash of the value; never the value).
- ``sync_cases``, ``sync_epochs``, ``sync_retractions``, ``sync_conflicts``, ``sync_held``:
  per-case state, sharing epochs, retractions owed, losing values, held-back deletions.

Only ``casusregie.sync`` uses this module. Like the rest of the store it takes the
store's lock for every call; ``SyncWrite`` (from ``write``) is one transaction of the
change API with the sync tables written in the same commit.
"""

from __future__ import annotations

import json
import time
import uuid
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from casusregie.domain.entities import ENTITY_TYPES
from casusregie.domain.errors import StoreLocked
from casusregie.domain.model import Case, CaseFile, Entity
from casusregie.store.database import EXISTS, Change, Store, Transaction, _dump, _load

__all__ = [
    "CaseSync",
    "Conflict",
    "LocalField",
    "Shared",
    "SyncState",
    "SyncWrite",
]

#: sync_meta keys holding the enrolment (cleared together)
ENROLMENT_KEYS = (
    "office_url",
    "office_id",
    "office_name",
    "device_id",
    "token",
    "fingerprint",
    "label",
)


@dataclass(frozen=True)
class LocalField:
    """The current state of one field as the change log says: its last change."""

    entity_type: str
    entity_id: str
    field: str
    case_id: str
    change_id: str
    hlc: str
    value: Any


@dataclass(frozen=True)
class Shared:
    category: str
    hlc: str
    value_hash: str


@dataclass
class CaseSync:
    case_id: str
    allowed: list[str]
    next_check: str | None
    pull_after: int
    state: str


@dataclass(frozen=True)
class Conflict:
    """A losing value of a concurrent edit, kept so the user can see and restore it."""

    seq: int
    case_id: str
    entity_type: str
    entity_id: str
    field: str
    value: Any
    hlc: str
    winner_hlc: str
    detected_at: str


def _now() -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())


def _local(r: Any) -> LocalField:
    return LocalField(r[0], r[1], r[2], r[3], r[4], r[5], _load(r[6]))


class SyncState:
    """Reads and writes of the sync tables of one open store."""

    def __init__(self, store: Store) -> None:
        self.store = store
        #: the field changes of every transaction committed through ``write`` (for the
        #: app's one change signal: what a pull changed reaches the open views)
        self.committed: list[Change] = []

    @contextmanager
    def _read(self) -> Iterator[Any]:
        with self.store._lock:
            if self.store._db is None:
                raise StoreLocked("Casusregie is vergrendeld. Ontgrendel eerst.")
            yield self.store._db

    # -- meta ----------------------------------------------------------------------

    def meta(self, key: str) -> str | None:
        with self._read() as db:
            row = db.execute("SELECT value FROM sync_meta WHERE key = ?", (key,)).fetchone()
            return None if row is None else str(row[0])

    def set_meta(self, **values: str) -> None:
        with self.write("Koppeling met het kantoor bijgewerkt") as w:
            w.set_meta(**values)

    def clear_enrolment(self) -> None:
        """Forget the office: enrolment, cursors and mirror (the case data stays)."""
        with self.write("Koppeling met het kantoor verwijderd") as w:
            db = w.db
            db.execute("DELETE FROM sync_meta")
            db.execute("DELETE FROM sync_dirty")
            db.execute("DELETE FROM sync_shared")
            db.execute("DELETE FROM sync_cases")
            db.execute("DELETE FROM sync_retractions")
            db.execute("DELETE FROM sync_held")

    # -- planning --------------------------------------------------------------------

    def collect_changes(self) -> tuple[set[str], set[str]]:
        """Move changes since the cursor into ``sync_dirty``. Returns (cases with dirty
        fields, cases whose consent ledger changed)."""
        with self.write("Wijzigingen klaargezet voor het kantoor") as w:
            db = w.db
            row = db.execute("SELECT value FROM sync_meta WHERE key = 'change_seq'").fetchone()
            cursor = int(row[0]) if row else 0
            top = db.execute("SELECT COALESCE(MAX(seq), 0) FROM changes").fetchone()[0]
            consent = {
                str(r[0])
                for r in db.execute(
                    "SELECT DISTINCT case_id FROM changes WHERE seq > ? "
                    "AND entity_type = 'consent'",
                    (cursor,),
                )
            }
            db.execute(
                "INSERT OR IGNORE INTO sync_dirty (entity_type, entity_id, field, case_id) "
                "SELECT entity_type, entity_id, field, case_id FROM changes WHERE seq > ?",
                (cursor,),
            )
            # a row's category follows its content: one changed field may move the
            # whole row, so every field of a changed row is looked at again
            db.execute(
                "INSERT OR IGNORE INTO sync_dirty (entity_type, entity_id, field, case_id) "
                "SELECT DISTINCT c.entity_type, c.entity_id, c.field, c.case_id FROM "
                "(SELECT DISTINCT entity_type, entity_id FROM changes WHERE seq > ? "
                "AND entity_type IN ('life_event', 'help_episode', 'item')) n "
                "JOIN changes c ON c.entity_type = n.entity_type AND c.entity_id = n.entity_id",
                (cursor,),
            )
            w.set_meta(change_seq=str(top))
            dirty = {str(r[0]) for r in db.execute("SELECT DISTINCT case_id FROM sync_dirty")}
        return dirty, consent

    def dirty_fields(self, case_id: str) -> list[LocalField]:
        with self._read() as db:
            return [
                _local(r)
                for r in db.execute(
                    "SELECT c.entity_type, c.entity_id, c.field, c.case_id, c.change_id, "
                    "c.hlc, c.new FROM sync_dirty k JOIN changes c ON c.seq = "
                    "(SELECT MAX(x.seq) FROM changes x WHERE x.entity_type = k.entity_type "
                    "AND x.entity_id = k.entity_id AND x.field = k.field) "
                    "WHERE k.case_id = ? ORDER BY k.entity_type, k.entity_id, k.field",
                    (case_id,),
                )
            ]

    def all_fields(self, case_id: str) -> list[LocalField]:
        """Every field (and ``_exists``) the case ever had, at its last change."""
        with self._read() as db:
            return [
                _local(r)
                for r in db.execute(
                    "SELECT c.entity_type, c.entity_id, c.field, c.case_id, c.change_id, "
                    "c.hlc, c.new FROM (SELECT DISTINCT entity_type, entity_id, field "
                    "FROM changes WHERE case_id = ?) k JOIN changes c ON c.seq = "
                    "(SELECT MAX(x.seq) FROM changes x WHERE x.entity_type = k.entity_type "
                    "AND x.entity_id = k.entity_id AND x.field = k.field) "
                    "ORDER BY k.entity_type, k.entity_id, k.field",
                    (case_id,),
                )
            ]

    def local_field(self, entity_type: str, entity_id: str, field: str) -> LocalField | None:
        with self._read() as db:
            row = db.execute(
                "SELECT entity_type, entity_id, field, case_id, change_id, hlc, new "
                "FROM changes WHERE entity_type = ? AND entity_id = ? AND field = ? "
                "ORDER BY seq DESC LIMIT 1",
                (entity_type, entity_id, field),
            ).fetchone()
            return None if row is None else _local(row)

    def structure(self, case_id: str) -> dict[tuple[str, str], dict[str, Any]]:
        """(type, id) -> template, section (forms, items) and recipient (consents); for
        life events, help episodes and items also the values their privacy category is
        suggested from (``domain.sensitivity``)."""
        out: dict[tuple[str, str], dict[str, Any]] = {}
        with self._read() as db:
            for etype, eid, fname, value in db.execute(
                "SELECT f.entity_type, f.entity_id, f.field, f.value FROM fields f "
                "JOIN entities e ON e.entity_type = f.entity_type AND e.entity_id = f.entity_id "
                "WHERE e.case_id = ? AND ("
                "(f.entity_type IN ('form', 'item', 'consent') "
                "AND f.field IN ('template', 'section', 'recipient')) "
                # the values a row's privacy category is suggested from
                "OR (f.entity_type = 'item' AND f.field IN "
                "('answer.soort', 'answer.toelichting', 'answer.privacy')) "
                "OR (f.entity_type IN ('life_event', 'help_episode') AND f.field IN "
                "('description', 'source', 'category', 'leefgebied', 'privacy', 'provider', "
                "'reason', 'goals', 'result', 'contact')))",
                (case_id,),
            ):
                out.setdefault((etype, eid), {})[fname] = _load(value)
        return out

    def ledger_view(self, case_id: str) -> CaseFile | None:
        """The case with only what consent rules need: persons, relations, consents."""
        with self._read() as db:
            rows = db.execute(
                "SELECT e.entity_type, e.entity_id, f.field, f.value FROM entities e "
                "LEFT JOIN fields f ON f.entity_type = e.entity_type "
                "AND f.entity_id = e.entity_id WHERE e.case_id = ? AND e.deleted = 0 "
                "AND e.entity_type IN ('case', 'person', 'relation', 'consent') "
                "ORDER BY e.rowid",
                (case_id,),
            )
            bags: dict[tuple[str, str], dict[str, Any]] = {}
            for etype, eid, fname, value in rows:
                bag = bags.setdefault((etype, eid), {})
                if fname is not None:
                    bag[fname] = _load(value)
        entities: list[Entity] = [
            ENTITY_TYPES[t].from_fields(i, case_id, bag) for (t, i), bag in bags.items()
        ]
        case = next((e for e in entities if isinstance(e, Case)), None)
        if case is None:
            return None
        cf = CaseFile(case=case)
        for entity in entities:
            if entity is not case:
                cf.add(entity)
        return cf

    def shown(self, case_id: str, recipient: str) -> set[str]:
        """Categories of this case that were shown (``sync --voorbeeld``) for
        ``recipient``."""
        with self._read() as db:
            return {
                str(r[0])
                for r in db.execute(
                    "SELECT category FROM sync_shown WHERE case_id = ? AND recipient = ?",
                    (case_id, recipient),
                )
            }

    def mark_shown(self, case_id: str, categories: Iterable[str], recipient: str) -> None:
        with self.write("Voorbeeld van wat gedeeld wordt bekeken") as w:
            w.db.executemany(
                "INSERT OR REPLACE INTO sync_shown (case_id, category, recipient, shown_at) "
                "VALUES (?, ?, ?, ?)",
                [(case_id, c, recipient, _now()) for c in sorted(set(categories))],
            )

    def case_ids(self) -> list[str]:
        with self._read() as db:
            return [
                str(r[0])
                for r in db.execute(
                    "SELECT entity_id FROM entities WHERE entity_type = 'case' ORDER BY rowid"
                )
            ]

    # -- per-case state ----------------------------------------------------------------

    def cases(self) -> dict[str, CaseSync]:
        with self._read() as db:
            return {
                str(r[0]): CaseSync(str(r[0]), json.loads(r[1]), r[2], int(r[3]), str(r[4]))
                for r in db.execute(
                    "SELECT case_id, allowed, next_check, pull_after, state FROM sync_cases"
                )
            }

    def case(self, case_id: str) -> CaseSync | None:
        with self._read() as db:
            r = db.execute(
                "SELECT case_id, allowed, next_check, pull_after, state FROM sync_cases "
                "WHERE case_id = ?",
                (case_id,),
            ).fetchone()
        return None if r is None else CaseSync(r[0], json.loads(r[1]), r[2], int(r[3]), r[4])

    def due_cases(self, today: str) -> set[str]:
        with self._read() as db:
            return {
                str(r[0])
                for r in db.execute(
                    "SELECT case_id FROM sync_cases WHERE next_check IS NOT NULL "
                    "AND next_check <= ?",
                    (today,),
                )
            }

    def mirror(self, case_id: str) -> dict[tuple[str, str, str], Shared]:
        with self._read() as db:
            return {
                (r[0], r[1], r[2]): Shared(r[3], r[4], r[5])
                for r in db.execute(
                    "SELECT entity_type, entity_id, field, category, hlc, value_hash "
                    "FROM sync_shared WHERE case_id = ?",
                    (case_id,),
                )
            }

    def mirror_rows(self, case_id: str) -> list[tuple[str, str, str, str, str]]:
        with self._read() as db:
            return [
                tuple(r)
                for r in db.execute(
                    "SELECT entity_type, entity_id, field, hlc, value_hash FROM sync_shared "
                    "WHERE case_id = ?",
                    (case_id,),
                )
            ]

    def epochs(self, case_id: str) -> dict[str, int]:
        with self._read() as db:
            return {
                str(r[0]): int(r[1])
                for r in db.execute(
                    "SELECT category, epoch FROM sync_epochs WHERE case_id = ?", (case_id,)
                )
            }

    def retractions(self, case_id: str) -> list[tuple[str, str, int, str]]:
        """(category, op id, epoch, reason) owed for this case."""
        with self._read() as db:
            return [
                (str(r[0]), str(r[1]), int(r[2]), str(r[3]))
                for r in db.execute(
                    "SELECT category, op_id, epoch, reason FROM sync_retractions "
                    "WHERE case_id = ? ORDER BY created_at, category",
                    (case_id,),
                )
            ]

    def retraction_cases(self) -> set[str]:
        with self._read() as db:
            return {str(r[0]) for r in db.execute("SELECT DISTINCT case_id FROM sync_retractions")}

    def held(self) -> dict[str, tuple[int, int]]:
        with self._read() as db:
            return {
                str(r[0]): (int(r[1]), int(r[2]))
                for r in db.execute("SELECT case_id, deletes, fields FROM sync_held")
            }

    def counts(self) -> dict[str, int]:
        """For a status line: dirty fields, retractions owed, open conflicts."""
        with self._read() as db:
            return {
                "dirty": db.execute("SELECT COUNT(*) FROM sync_dirty").fetchone()[0],
                "retractions": db.execute("SELECT COUNT(*) FROM sync_retractions").fetchone()[0],
                "conflicts": db.execute(
                    "SELECT COUNT(*) FROM sync_conflicts WHERE resolved_at IS NULL"
                ).fetchone()[0],
                "held": db.execute("SELECT COUNT(*) FROM sync_held").fetchone()[0],
            }

    def live_field_count(self, case_id: str) -> int:
        with self._read() as db:
            n: int = db.execute(
                "SELECT COUNT(*) FROM fields f JOIN entities e ON e.entity_type = "
                "f.entity_type AND e.entity_id = f.entity_id WHERE e.case_id = ? "
                "AND e.deleted = 0",
                (case_id,),
            ).fetchone()[0]
            return n

    def entity_field_count(self, entity_type: str, entity_id: str) -> int:
        with self._read() as db:
            n: int = db.execute(
                "SELECT COUNT(*) FROM fields f JOIN entities e ON e.entity_type = "
                "f.entity_type AND e.entity_id = f.entity_id WHERE f.entity_type = ? "
                "AND f.entity_id = ? AND e.deleted = 0",
                (entity_type, entity_id),
            ).fetchone()[0]
            return n

    def conflicts(self, case_id: str | None = None, *, open_only: bool = True) -> list[Conflict]:
        sql = (
            "SELECT seq, case_id, entity_type, entity_id, field, value, hlc, winner_hlc, "
            "detected_at FROM sync_conflicts WHERE 1 = 1"
        )
        args: list[Any] = []
        if case_id is not None:
            sql += " AND case_id = ?"
            args.append(case_id)
        if open_only:
            sql += " AND resolved_at IS NULL"
        with self._read() as db:
            return [
                Conflict(r[0], r[1], r[2], r[3], r[4], _load(r[5]), r[6], r[7], r[8])
                for r in db.execute(sql + " ORDER BY seq", args)
            ]

    # -- writing -------------------------------------------------------------------------

    @contextmanager
    def write(self, action: str) -> Iterator[SyncWrite]:
        """One transaction: change-API writes (inbound values, disclosures) and the sync
        tables, committed together."""
        with self.store.write(action) as tx:
            yield SyncWrite(tx)
        self.committed.extend(tx.changes)  # only once the transaction is committed


class SyncWrite:
    """The sync tables' writes inside one store transaction (see ``SyncState.write``)."""

    def __init__(self, tx: Transaction) -> None:
        self.tx = tx
        self.db = tx._db

    def set_meta(self, **values: str) -> None:
        self.db.executemany(
            "INSERT OR REPLACE INTO sync_meta (key, value) VALUES (?, ?)", list(values.items())
        )

    def save_case(self, cs: CaseSync) -> None:
        self.db.execute(
            "INSERT OR REPLACE INTO sync_cases (case_id, allowed, next_check, pull_after, state) "
            "VALUES (?, ?, ?, ?, ?)",
            (cs.case_id, json.dumps(sorted(cs.allowed)), cs.next_check, cs.pull_after, cs.state),
        )

    def set_pull_after(self, case_id: str, seq: int) -> None:
        self.db.execute(
            "INSERT INTO sync_cases (case_id, pull_after) VALUES (?, ?) "
            "ON CONFLICT (case_id) DO UPDATE SET pull_after = excluded.pull_after",
            (case_id, seq),
        )

    def set_case_state(self, case_id: str, state: str) -> None:
        self.db.execute(
            "INSERT INTO sync_cases (case_id, state) VALUES (?, ?) "
            "ON CONFLICT (case_id) DO UPDATE SET state = excluded.state",
            (case_id, state),
        )

    def mark_dirty(self, keys: Iterable[tuple[str, str, str]], case_id: str) -> None:
        self.db.executemany(
            "INSERT OR IGNORE INTO sync_dirty (entity_type, entity_id, field, case_id) "
            "VALUES (?, ?, ?, ?)",
            [(t, i, f, case_id) for t, i, f in keys],
        )

    def clean(self, entity_type: str, entity_id: str, field: str, hlc: str) -> None:
        """The field was handled at stamp ``hlc``; it stays dirty if it changed since."""
        self.db.execute(
            "DELETE FROM sync_dirty WHERE entity_type = ? AND entity_id = ? AND field = ? "
            "AND (SELECT hlc FROM changes WHERE entity_type = ? AND entity_id = ? "
            "AND field = ? ORDER BY seq DESC LIMIT 1) IS ?",
            (entity_type, entity_id, field, entity_type, entity_id, field, hlc),
        )

    def clean_many(self, done: list[tuple[tuple[str, str, str], str]]) -> None:
        """``clean`` for many fields at once."""
        self.db.executemany(
            "DELETE FROM sync_dirty WHERE entity_type = ? AND entity_id = ? AND field = ? "
            "AND (SELECT hlc FROM changes WHERE entity_type = ? AND entity_id = ? "
            "AND field = ? ORDER BY seq DESC LIMIT 1) IS ?",
            [(*k, *k, hlc) for k, hlc in done],
        )

    def share_many(self, rows: list[tuple[str, ...]]) -> None:
        """(entity_type, entity_id, field, case_id, category, hlc, value_hash) rows."""
        self.db.executemany(
            "INSERT OR REPLACE INTO sync_shared (entity_type, entity_id, field, case_id, "
            "category, hlc, value_hash) VALUES (?, ?, ?, ?, ?, ?, ?)",
            rows,
        )

    def drop_dirty(self, entity_type: str, entity_id: str, field: str) -> None:
        self.db.execute(
            "DELETE FROM sync_dirty WHERE entity_type = ? AND entity_id = ? AND field = ?",
            (entity_type, entity_id, field),
        )

    def share(
        self,
        case_id: str,
        key: tuple[str, str, str],
        category: str,
        hlc: str,
        value_hash: str,
    ) -> None:
        self.db.execute(
            "INSERT OR REPLACE INTO sync_shared (entity_type, entity_id, field, case_id, "
            "category, hlc, value_hash) VALUES (?, ?, ?, ?, ?, ?, ?)",
            (*key, case_id, category, hlc, value_hash),
        )

    def unshare(self, key: tuple[str, str, str]) -> None:
        self.db.execute(
            "DELETE FROM sync_shared WHERE entity_type = ? AND entity_id = ? AND field = ?", key
        )

    def unshare_entity_content(self, entity_type: str, entity_id: str) -> None:
        """After a deletion reached the office: it purged the entity's other fields."""
        self.db.execute(
            "DELETE FROM sync_shared WHERE entity_type = ? AND entity_id = ? AND field != ?",
            (entity_type, entity_id, EXISTS),
        )

    def unshare_category(self, case_id: str, category: str) -> int:
        cur = self.db.execute(
            "DELETE FROM sync_shared WHERE case_id = ? AND category = ?", (case_id, category)
        )
        return int(cur.rowcount)

    def drop_orphan_structure(self, case_id: str, structure: str) -> None:
        """The office's rule, mirrored: structural fields go when no content is left,
        except the tombstone of a deleted entity."""
        self.db.execute(
            "DELETE FROM sync_shared WHERE case_id = ? AND category = ? "
            "AND NOT (field = ? AND value_hash = ?) "
            "AND NOT EXISTS (SELECT 1 FROM sync_shared s WHERE s.entity_type = "
            "sync_shared.entity_type AND s.entity_id = sync_shared.entity_id "
            "AND s.category != ?)",
            (case_id, structure, EXISTS, _FALSE_HASH, structure),
        )

    def set_epoch(self, case_id: str, category: str, epoch: int) -> None:
        self.db.execute(
            "INSERT INTO sync_epochs (case_id, category, epoch) VALUES (?, ?, ?) "
            "ON CONFLICT (case_id, category) DO UPDATE SET epoch = "
            "MAX(epoch, excluded.epoch)",
            (case_id, category, epoch),
        )

    def add_retraction(
        self, case_id: str, category: str, op_id: str, epoch: int, reason: str
    ) -> None:
        self.db.execute(
            "INSERT OR REPLACE INTO sync_retractions (case_id, category, op_id, epoch, reason, "
            "created_at) VALUES (?, ?, ?, ?, ?, ?)",
            (case_id, category, op_id, epoch, reason, _now()),
        )

    def retract(self, case_id: str, category: str, epochs: dict[str, int], reason: str) -> None:
        """Start the category's next epoch and queue its retraction at the office.

        The office drops what it holds of the category from before that epoch; the
        device then shares again what the category may still carry.
        """
        epoch = epochs.get(category, 0) + 1
        self.set_epoch(case_id, category, epoch)
        self.add_retraction(case_id, category, uuid.uuid4().hex, epoch, reason)

    def drop_retraction(self, case_id: str, category: str) -> None:
        self.db.execute(
            "DELETE FROM sync_retractions WHERE case_id = ? AND category = ?",
            (case_id, category),
        )

    def add_conflict(
        self, case_id: str, key: tuple[str, str, str], value: Any, hlc: str, winner_hlc: str
    ) -> None:
        self.db.execute(
            "INSERT INTO sync_conflicts (case_id, entity_type, entity_id, field, value, hlc, "
            "winner_hlc, detected_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (case_id, *key, None if value is None else _dump(value), hlc, winner_hlc, _now()),
        )

    def resolve_conflict(self, seq: int) -> None:
        self.db.execute(
            "UPDATE sync_conflicts SET resolved_at = ? WHERE seq = ? AND resolved_at IS NULL",
            (_now(), seq),
        )

    def hold(self, case_id: str, deletes: int, fields: int) -> None:
        self.db.execute(
            "INSERT OR REPLACE INTO sync_held (case_id, deletes, fields, at) VALUES (?, ?, ?, ?)",
            (case_id, deletes, fields, _now()),
        )

    def release(self, case_id: str) -> None:
        self.db.execute("DELETE FROM sync_held WHERE case_id = ?", (case_id,))


def _false_hash() -> str:
    import hashlib

    return hashlib.sha256(b"false").hexdigest()


#: value_hash of ``false``: the mirror's tombstone (see protocol.digest.value_hash)
_FALSE_HASH = _false_hash()
