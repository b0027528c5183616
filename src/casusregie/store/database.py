"""The encrypted case store and its one change API.

Every write goes through ``Store.write(action)``, which yields a ``Transaction``. One
user action is one transaction: all its field changes are committed together or not at
all. Each changed field is appended to ``changes`` (entity, field, old, new, author,
device, hybrid-logical-clock stamp) in the same transaction, so the change log is at
once the audit trail, the field history and the source for sync.

Read/write discipline (as calibre's ``db/cache.py``): the store is shared by the UI
thread and the sync worker. Public methods are marked ``@reads`` or ``@writes``; both
take the store's lock, so a reader never sees half a transaction and two writers never
interleave. Methods starting with ``_`` assume the lock is held and are for internal use.
"""

from __future__ import annotations

import functools
import json
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal, ParamSpec, TypeVar

from casusregie.domain.entities import ENTITY_TYPES
from casusregie.domain.errors import (
    CasusregieError,
    DiskFull,
    NotFound,
    StoreDamaged,
    StoreLocked,
)
from casusregie.domain.hlc import HLC, Clock
from casusregie.domain.limits import (
    MAX_TEXT,
    MAX_TEXT_LENGTH,
    TextTooLong,
    longest_text,
    too_long_message,
    value_problem,
)
from casusregie.domain.model import Case, CaseFile, Entity
from casusregie.store import sqlite
from casusregie.store.migrations import migrate, schema_version
from casusregie.store.wal import wal_problems

__all__ = ["Change", "Disclosure", "Store", "Transaction"]

P = ParamSpec("P")
R = TypeVar("R")
EXISTS = "_exists"


_ENCODER = json.JSONEncoder(ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def _check_length(values: Any) -> None:
    """Refuse a text over the limit before anything of the write is stored."""
    if any(longest_text(v) > MAX_TEXT_LENGTH for v in values):
        raise TextTooLong(too_long_message() + " Er is niets opgeslagen.")


def _dump(value: Any) -> str:
    return _ENCODER.encode(value)


def _load(text: str | None) -> Any:
    return None if text is None else json.loads(text)


@dataclass(frozen=True)
class Change:
    """One field of one entity changed by one transaction."""

    seq: int
    change_id: str
    txn_id: str
    entity_type: str
    entity_id: str
    case_id: str
    field: str
    old: Any
    new: Any
    author: str
    device: str
    hlc: str


@dataclass(frozen=True)
class Disclosure:
    seq: int
    case_id: str
    what: str
    recipient: str
    basis: str
    purpose: str
    at: str
    by_author: str


def reads(method: Callable[P, R]) -> Callable[P, R]:
    """Marks a public read: takes the lock, refuses when the store is closed (locked)."""

    @functools.wraps(method)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        store = args[0]
        assert isinstance(store, Store)
        with store._lock:
            store._require_open()
            return method(*args, **kwargs)

    return wrapper


writes = reads  # same lock; the name documents intent. Writes also open a transaction.


class _DiskFullGuard:
    """Turns SQLite's 'disk full' into a Dutch message; the transaction is rolled back."""

    def __enter__(self) -> None:
        return None

    def __exit__(self, exc_type: Any, exc: BaseException | None, tb: Any) -> Literal[False]:
        if exc is not None and isinstance(exc, sqlite.DatabaseError):
            text = str(exc).lower()
            if "full" in text:
                raise DiskFull(
                    "De schijf is vol: de laatste wijziging is niet opgeslagen. "
                    "Maak ruimte vrij en probeer het opnieuw."
                ) from None
            if "locked" in text or "busy" in text:
                raise StoreLocked(
                    "De opslag is bezet door een ander programma van Casusregie. "
                    "Probeer het zo opnieuw; er is niets verloren."
                ) from None
            if "malformed" in text or "not a database" in text or "hmac" in text:
                raise StoreDamaged("Het bestand met de casussen is beschadigd.") from None
        return False


class Store:
    """An open, unlocked store. Create with ``Store.open`` (see ``profile`` for keys)."""

    def __init__(self, db: sqlite.Connection, path: Path, key: bytearray | None) -> None:
        self._db = db
        self._lock = threading.RLock()
        self._key = key
        self.path = path
        self.device_id = self._meta("device_id") or ""
        self.author = self._meta("author") or ""
        last = self._last_stamp()
        self._clock = Clock(self.device_id, last)

    def _last_stamp(self) -> HLC | None:
        """The newest stamp this device wrote (index changes_by_device: no scan)."""
        row = self._db.execute(
            "SELECT MAX(hlc) FROM changes WHERE device = ?", (self.device_id,)
        ).fetchone()
        return HLC.decode(row[0]) if row and row[0] else None

    # -- opening and closing -------------------------------------------------------

    @classmethod
    def open(
        cls,
        path: Path,
        key: bytes | None,
        *,
        create: bool = False,
        author: str = "",
        plain: bool = False,
        check: bool = True,
    ) -> Store:
        """Open (or with ``create`` make) the database at ``path``.

        ``check`` runs SQLCipher's page-HMAC check and SQLite's structure check first, so
        a damaged or tampered file is refused with a Dutch message rather than failing
        later in the middle of someone's work.
        """
        exists = path.exists()
        if create and exists:
            from casusregie.domain.errors import StoreExists

            raise StoreExists("Hier staat al een opslag.")
        if not create and not exists:
            from casusregie.domain.errors import StoreMissing

            raise StoreMissing("Er is nog geen opslag. Maak er een met 'casusregie store init'.")
        if not create and path.stat().st_size == 0:
            # SQLite would take an empty file for a new database and write a fresh schema
            # into it: the loss of every case would go unnoticed.
            raise StoreDamaged(
                "Het bestand met de casussen is leeg. "
                "Zet een back-up terug met 'casusregie store restore'."
            )
        if exists:
            # Before SQLite's recovery reads the log and quietly drops a damaged tail.
            lost = wal_problems(path)
            if lost:
                raise StoreDamaged(
                    f"Het bestand met de casussen is niet veilig te openen: {lost[0]}. "
                    "Zet een back-up terug met 'casusregie store restore'."
                )
        db = sqlite.connect(path, key, plain=plain)
        try:
            if check and exists and sqlite.integrity_problems(db, encrypted=not plain):
                raise StoreDamaged(
                    "Het bestand met de casussen is beschadigd of aangepast. "
                    "Zet een back-up terug met 'casusregie store restore'."
                )
            with _DiskFullGuard():
                migrate(db)
                if create:
                    db.execute("BEGIN IMMEDIATE")
                    db.execute("INSERT INTO meta VALUES ('device_id', ?)", (uuid.uuid4().hex[:12],))
                    db.execute("INSERT INTO meta VALUES ('author', ?)", (author or "regisseur",))
                    db.execute("INSERT INTO meta VALUES ('created', ?)", (_now_iso(),))
                    db.execute("COMMIT")
        except BaseException:
            db.close()
            raise
        return cls(db, path, bytearray(key) if key is not None else None)

    def close(self) -> None:
        """Close and forget the key. Afterwards every call raises ``StoreLocked``."""
        with self._lock:
            if self._db is None:
                return
            with suppress(*sqlite.DatabaseError):
                self._db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            self._db.close()
            self._db = None
            if self._key is not None:
                for i in range(len(self._key)):
                    self._key[i] = 0
                self._key = None

    @property
    def is_open(self) -> bool:
        return self._db is not None

    def _require_open(self) -> None:
        if self._db is None:
            raise StoreLocked("Casusregie is vergrendeld. Ontgrendel eerst.")

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- reads ---------------------------------------------------------------------

    def _meta(self, key: str) -> str | None:
        row = self._db.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return None if row is None else str(row[0])

    @reads
    def meta(self, key: str) -> str | None:
        return self._meta(key)

    @reads
    def cipher_version(self) -> str:
        """SQLCipher's version, or '' for the unencrypted benchmark store."""
        return sqlite.cipher_version(self._db) if self._key is not None else ""

    @reads
    def schema_version(self) -> int:
        return schema_version(self._db)

    @reads
    def integrity_problems(self) -> list[str]:
        return sqlite.integrity_problems(self._db, encrypted=self._key is not None)

    @reads
    def list_cases(self) -> list[Case]:
        cases = [
            self._get("case", cid)
            for (cid,) in self._db.execute(
                "SELECT entity_id FROM entities WHERE entity_type = 'case' AND deleted = 0 "
                "ORDER BY rowid"
            )
        ]
        return [c for c in cases if isinstance(c, Case)]

    @reads
    def index_children(self) -> dict[str, str]:
        """Case id -> the name of its index child (the first one marked, by creation
        order), without loading any case: for the case list."""
        rows = self._db.execute(
            "SELECT e.case_id, n.value FROM entities e "
            "JOIN fields i ON i.entity_type = e.entity_type AND i.entity_id = e.entity_id "
            "AND i.field = 'index_child' "
            "LEFT JOIN fields n ON n.entity_type = e.entity_type AND n.entity_id = e.entity_id "
            "AND n.field = 'name' "
            "WHERE e.entity_type = 'person' AND e.deleted = 0 AND i.value = 'true' "
            "ORDER BY e.rowid"
        )
        out: dict[str, str] = {}
        for case_id, name in rows:
            out.setdefault(case_id, str(_load(name) or ""))
        return out

    @reads
    def last_changes(self) -> dict[str, str]:
        """Case id -> the stamp (HLC text) of the change applied last to it here, from
        the change log's index by case (one look-up per case, no case loaded)."""
        rows = self._db.execute(
            "SELECT c.case_id, c.hlc FROM changes c JOIN "
            "(SELECT case_id, MAX(seq) AS seq FROM changes GROUP BY case_id) m "
            "ON m.seq = c.seq"
        )
        return {case_id: hlc for case_id, hlc in rows}

    @reads
    def fields_with_history(self, case_id: str) -> set[tuple[str, str, str]]:
        """(entity type, id, field) of every field of one case that held another,
        non-empty value before (it was changed or cleared after it was filled in): where
        a "historie" badge belongs."""
        rows = self._db.execute(
            "SELECT DISTINCT entity_type, entity_id, field FROM changes "
            "WHERE case_id = ? AND old IS NOT NULL AND old NOT IN ('\"\"', '[]', '{}') "
            "AND field != ?",
            (case_id, EXISTS),
        )
        return {(etype, eid, fname) for etype, eid, fname in rows}

    @reads
    def get(self, entity_type: str, entity_id: str) -> Entity:
        return self._get(entity_type, entity_id)

    def _get(self, entity_type: str, entity_id: str) -> Entity:
        row = self._db.execute(
            "SELECT case_id FROM entities WHERE entity_type = ? AND entity_id = ? AND deleted = 0",
            (entity_type, entity_id),
        ).fetchone()
        if row is None:
            raise NotFound("Niet gevonden.")
        return ENTITY_TYPES[entity_type].from_fields(
            entity_id, row[0], self._fields(entity_type, entity_id)
        )

    def _fields(self, entity_type: str, entity_id: str) -> dict[str, Any]:
        return {
            f: _load(v)
            for f, v in self._db.execute(
                "SELECT field, value FROM fields WHERE entity_type = ? AND entity_id = ?",
                (entity_type, entity_id),
            )
        }

    @reads
    def ids_in_other_cases(self, case_id: str, keys: list[tuple[str, str]]) -> set[tuple[str, str]]:
        """Which (entity type, id) pairs already belong to another case (also deleted
        ones: their rows remain, and re-creating one would revive it in that case)."""
        taken: set[tuple[str, str]] = set()
        for etype, eid in keys:
            row = self._db.execute(
                "SELECT case_id FROM entities WHERE entity_type = ? AND entity_id = ?",
                (etype, eid),
            ).fetchone()
            if row is not None and row[0] != case_id:
                taken.add((etype, eid))
        return taken

    @reads
    def has_case(self, case_id: str) -> bool:
        return (
            self._db.execute(
                "SELECT 1 FROM entities WHERE entity_type = 'case' AND entity_id = ?", (case_id,)
            ).fetchone()
            is not None
        )

    @reads
    def load_case(self, case_id: str) -> CaseFile:
        """The whole case in one read: every live entity with its current fields."""
        rows = self._db.execute(
            "SELECT e.entity_type, e.entity_id, f.field, f.value FROM entities e "
            "LEFT JOIN fields f ON f.entity_type = e.entity_type AND f.entity_id = e.entity_id "
            "WHERE e.case_id = ? AND e.deleted = 0 ORDER BY e.rowid",
            (case_id,),
        )
        grouped: dict[tuple[str, str], dict[str, Any]] = {}
        for etype, eid, fname, value in rows:
            bag = grouped.setdefault((etype, eid), {})
            if fname is not None:
                bag[fname] = _load(value)
        entities = [
            ENTITY_TYPES[etype].from_fields(eid, case_id, bag)
            for (etype, eid), bag in grouped.items()
        ]
        case = next((e for e in entities if isinstance(e, Case)), None)
        if case is None:
            raise NotFound("Deze casus bestaat niet.")
        cf = CaseFile(case=case)
        for entity in entities:
            if entity is not case:
                cf.add(entity)
        return cf

    @reads
    def answer_versions(self) -> set[tuple[str, str, int]]:
        """(case id, template, version) of every stored answer set: to find stale ones
        without loading every case."""
        rows = self._db.execute(
            "SELECT DISTINCT e.case_id, t.value, v.value FROM entities e "
            "JOIN fields t ON t.entity_type = e.entity_type AND t.entity_id = e.entity_id "
            "AND t.field = 'template' "
            "JOIN fields v ON v.entity_type = e.entity_type AND v.entity_id = e.entity_id "
            "AND v.field = 'version' "
            "WHERE e.entity_type IN ('form', 'item') AND e.deleted = 0"
        )
        return {(case_id, _load(t), _load(v)) for case_id, t, v in rows}

    @reads
    def history(self, entity_type: str, entity_id: str, field: str | None = None) -> list[Change]:
        """Every change of one entity (or one of its fields), oldest first."""
        sql = "SELECT * FROM changes WHERE entity_type = ? AND entity_id = ?"
        args: tuple[str, ...] = (entity_type, entity_id)
        if field is not None:
            sql += " AND field = ?"
            args += (field,)
        return [self._change(r) for r in self._db.execute(sql + " ORDER BY seq", args)]

    @reads
    def changes_since(self, seq: int, limit: int = 1000) -> list[Change]:
        return [
            self._change(r)
            for r in self._db.execute(
                "SELECT * FROM changes WHERE seq > ? ORDER BY seq LIMIT ?", (seq, limit)
            )
        ]

    @reads
    def action_of(self, txn_id: str) -> str:
        row = self._db.execute(
            "SELECT action FROM transactions WHERE txn_id = ?", (txn_id,)
        ).fetchone()
        return "" if row is None else str(row[0])

    @reads
    def disclosures(self, case_id: str) -> list[Disclosure]:
        return [
            Disclosure(*r)
            for r in self._db.execute(
                "SELECT seq, case_id, what, recipient, basis, purpose, at, by_author "
                "FROM disclosures WHERE case_id = ? ORDER BY seq",
                (case_id,),
            )
        ]

    @staticmethod
    def _change(row: tuple[Any, ...]) -> Change:
        (seq, change_id, txn_id, etype, eid, case_id, fname, old, new, author, device, hlc) = row
        return Change(
            seq,
            change_id,
            txn_id,
            etype,
            eid,
            case_id,
            fname,
            _load(old),
            _load(new),
            author,
            device,
            hlc,
        )

    # -- the change API ------------------------------------------------------------

    @contextmanager
    def write(self, action: str) -> Iterator[Transaction]:
        """One user action: ``with store.write("Persoon toegevoegd") as tx: tx.create(p)``.

        Commits when the block ends, rolls everything back if it raises.
        """
        with self._lock:
            self._require_open()
            txn = Transaction(self, uuid.uuid4().hex, action)
            with _DiskFullGuard():
                self._db.execute("BEGIN IMMEDIATE")
                try:
                    # Another process (the CLI beside the app) may have written since we
                    # opened: never reuse one of its stamps.
                    last = self._last_stamp()
                    if last is not None:
                        self._clock.catch_up(last)
                    yield txn
                    if txn.changes:
                        first = txn.changes[0]
                        self._db.execute(
                            "INSERT INTO transactions VALUES (?, ?, ?, ?, ?, ?)",
                            (
                                txn.txn_id,
                                action,
                                self.author,
                                self.device_id,
                                first.hlc,
                                _now_iso(),
                            ),
                        )
                    self._db.execute("COMMIT")
                except BaseException:
                    # SQLite may have rolled back already (disk full, I/O error).
                    if self._db.in_transaction:
                        self._db.execute("ROLLBACK")
                    raise

    def _stamp(self) -> str:
        return self._clock.now(time.time_ns() // 1_000_000).encode()

    # -- backup --------------------------------------------------------------------

    @reads
    def backup_database(self, target: Path) -> None:
        """A consistent, still encrypted copy (same key) at ``target``, while open.

        Uses SQLite's online backup: it copies the committed state, the WAL included.
        """
        dest = sqlite.connect(
            target, bytes(self._key) if self._key is not None else None, plain=self._key is None
        )
        try:
            with _DiskFullGuard():
                self._db.backup(dest)
                dest.execute("PRAGMA wal_checkpoint(TRUNCATE)")
                if sqlite.integrity_problems(dest, encrypted=self._key is not None):
                    raise StoreDamaged("De back-up is niet goed geschreven.")
        finally:
            dest.close()


class Transaction:
    """The writes of one user action. Get one from ``Store.write``; never keep it."""

    def __init__(self, store: Store, txn_id: str, action: str) -> None:
        self._store = store
        self._db = store._db
        self.txn_id = txn_id
        self.action = action
        self.changes: list[Change] = []

    def _write_field(self, etype: str, eid: str, fname: str, value: Any, stamp: str) -> None:
        """Store one field's value (None deletes it)."""
        if value is None:
            self._db.execute(
                "DELETE FROM fields WHERE entity_type = ? AND entity_id = ? AND field = ?",
                (etype, eid, fname),
            )
        else:
            self._db.execute(
                "INSERT OR REPLACE INTO fields VALUES (?, ?, ?, ?, ?)",
                (etype, eid, fname, _dump(value), stamp),
            )

    def _record(
        self,
        etype: str,
        eid: str,
        case_id: str,
        fname: str,
        old: Any,
        new: Any,
        remote: tuple[str, str] | None = None,
    ) -> str:
        """Append one change; ``remote`` = (stamp, author) of a change made elsewhere."""
        stamp, author = remote if remote else (self._store._stamp(), self._store.author)
        device = HLC.decode(stamp).device if remote else self._store.device_id
        change_id = uuid.uuid4().hex
        old_t = None if old is None else _dump(old)
        new_t = None if new is None else _dump(new)
        cur = self._db.execute(
            "INSERT INTO changes (change_id, txn_id, entity_type, entity_id, case_id, field, "
            "old, new, author, device, hlc) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                change_id,
                self.txn_id,
                etype,
                eid,
                case_id,
                fname,
                old_t,
                new_t,
                author,
                device,
                stamp,
            ),
        )
        self.changes.append(
            Change(
                cur.lastrowid or 0,
                change_id,
                self.txn_id,
                etype,
                eid,
                case_id,
                fname,
                old,
                new,
                author,
                device,
                stamp,
            )
        )
        return stamp

    def _case_of(self, etype: str, eid: str) -> tuple[str, bool]:
        row = self._db.execute(
            "SELECT case_id, deleted FROM entities WHERE entity_type = ? AND entity_id = ?",
            (etype, eid),
        ).fetchone()
        if row is None:
            raise NotFound("Niet gevonden.")
        return str(row[0]), bool(row[1])

    def create(self, entity: Entity) -> None:
        """A new entity with all its attributes (None values are not stored)."""
        etype = entity.ENTITY_TYPE
        if etype == "case" and entity.case_id != entity.id:
            raise ValueError("a case is its own case_id")
        row = self._db.execute(
            "SELECT deleted FROM entities WHERE entity_type = ? AND entity_id = ?",
            (etype, entity.id),
        ).fetchone()
        if row is not None and not row[0]:
            raise ValueError("entity exists")
        if row is None:
            self._db.execute(
                "INSERT INTO entities (entity_type, entity_id, case_id) VALUES (?, ?, ?)",
                (etype, entity.id, entity.case_id),
            )
        else:
            self._db.execute(
                "UPDATE entities SET deleted = 0 WHERE entity_type = ? AND entity_id = ?",
                (etype, entity.id),
            )
            self._db.execute(
                "DELETE FROM fields WHERE entity_type = ? AND entity_id = ?", (etype, entity.id)
            )
        _check_length(entity.to_fields().values())
        self._record(etype, entity.id, entity.case_id, EXISTS, None, True)
        for fname, value in entity.to_fields().items():
            if value is not None:
                self._put(etype, entity.id, entity.case_id, fname, None, value)

    def _put(self, etype: str, eid: str, case_id: str, fname: str, old: Any, new: Any) -> None:
        _check_length([new])
        problem = value_problem(new)
        if problem:  # the same limits the office applies (domain.limits)
            raise CasusregieError(
                f"Deze waarde kan niet worden opgeslagen: {problem} "
                f"(hoogstens {MAX_TEXT} tekens per veld)."
            )
        stamp = self._record(etype, eid, case_id, fname, old, new)
        self._write_field(etype, eid, fname, new, stamp)

    def set(self, entity_type: str, entity_id: str, field: str, value: Any) -> bool:
        """Set one field; records a change only if the value differs. Returns whether.
        A text longer than ``MAX_TEXT_LENGTH`` is refused (``TextTooLong``)."""
        _check_length((value,))
        case_id, deleted = self._case_of(entity_type, entity_id)
        if deleted:
            raise NotFound("Dit onderdeel is verwijderd.")
        row = self._db.execute(
            "SELECT value FROM fields WHERE entity_type = ? AND entity_id = ? AND field = ?",
            (entity_type, entity_id, field),
        ).fetchone()
        old = _load(row[0]) if row else None
        if old == value and type(old) is type(value):  # True == 1, but not the same answer
            return False
        self._put(entity_type, entity_id, case_id, field, old, value)
        return True

    def update(self, entity: Entity) -> list[str]:
        """Store every attribute of ``entity`` that differs; returns the changed fields."""
        current = self._store._fields(entity.ENTITY_TYPE, entity.id)
        wanted = {k: v for k, v in entity.to_fields().items() if v is not None}
        changed = []
        for fname in sorted(set(current) | set(wanted)):
            if current.get(fname) != wanted.get(fname):
                self.set(entity.ENTITY_TYPE, entity.id, fname, wanted.get(fname))
                changed.append(fname)
        return changed

    def delete(self, entity_type: str, entity_id: str) -> None:
        """Mark deleted (a tombstone, for history and sync). Its field values stay in the
        change log; the entity no longer appears in reads."""
        case_id, deleted = self._case_of(entity_type, entity_id)
        if deleted:
            return
        self._db.execute(
            "UPDATE entities SET deleted = 1 WHERE entity_type = ? AND entity_id = ?",
            (entity_type, entity_id),
        )
        self._record(entity_type, entity_id, case_id, EXISTS, True, False)

    def restore(self, entity_type: str, entity_id: str) -> None:
        """Bring a deleted entity back with the field values it had (undo of a delete:
        a tombstone keeps its fields). Nothing happens if it is not deleted."""
        case_id, deleted = self._case_of(entity_type, entity_id)
        if not deleted:
            return
        self._db.execute(
            "UPDATE entities SET deleted = 0 WHERE entity_type = ? AND entity_id = ?",
            (entity_type, entity_id),
        )
        self._record(entity_type, entity_id, case_id, EXISTS, False, True)

    def apply_remote(
        self, etype: str, eid: str, case_id: str, fname: str, value: Any, stamp: str, author: str
    ) -> Any:
        """Apply a change made on another device (sync), keeping its stamp, so that the
        per-field last-writer-wins order is the same everywhere. ``_exists`` False
        deletes, True restores. Returns the value it replaced. The caller decided that
        this change wins; the clock moves past its stamp, so later local edits win."""
        row = self._db.execute(
            "SELECT case_id, deleted FROM entities WHERE entity_type = ? AND entity_id = ?",
            (etype, eid),
        ).fetchone()
        if row is not None and row[0] != case_id:
            raise NotFound("Dit onderdeel hoort bij een andere casus.")
        self._store._clock.observe(HLC.decode(stamp), time.time_ns() // 1_000_000)
        if fname == EXISTS:
            alive = bool(value)
            old_alive = row is not None and not row[1]
            if row is None:
                self._db.execute(
                    "INSERT INTO entities (entity_type, entity_id, case_id, deleted) "
                    "VALUES (?, ?, ?, ?)",
                    (etype, eid, case_id, int(not alive)),
                )
            else:
                self._db.execute(
                    "UPDATE entities SET deleted = ? WHERE entity_type = ? AND entity_id = ?",
                    (int(not alive), etype, eid),
                )
            self._record(etype, eid, case_id, EXISTS, old_alive, alive, (stamp, author))
            return old_alive
        if row is None:
            self._db.execute(
                "INSERT INTO entities (entity_type, entity_id, case_id) VALUES (?, ?, ?)",
                (etype, eid, case_id),
            )
        cur = self._db.execute(
            "SELECT value FROM fields WHERE entity_type = ? AND entity_id = ? AND field = ?",
            (etype, eid, fname),
        ).fetchone()
        old = _load(cur[0]) if cur else None
        self._record(etype, eid, case_id, fname, old, value, (stamp, author))
        self._write_field(etype, eid, fname, value, stamp)
        return old

    def log_disclosure(
        self, case_id: str, what: str, recipient: str, basis: str, purpose: str
    ) -> None:
        """Append to the disclosure log (what, to whom, on which basis, why, when, by whom)."""
        self._db.execute(
            "INSERT INTO disclosures (case_id, what, recipient, basis, purpose, at, by_author) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            (case_id, what, recipient, basis, purpose, _now_iso(), self._store.author),
        )


def _now_iso() -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
