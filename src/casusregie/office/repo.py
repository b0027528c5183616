"""What the office does with its database: devices, cases, pushes, pulls, purges.

Case ownership is registered, never taken by a push. A case belongs to one device: the
one the administrator assigned it to (``assign``), or, before its first push, the one
that reserved its id: the ids a device held when it enrolled (``enrol``; the one moment
the device is vouched for, by the administrator's one-time code) and the ids the office
issued to it for new cases (``issue_case_ids``). Reservations keep only the SHA-256 of
the id (``case_claims``), so nothing of a case reaches the office before consent. A push
to an id nobody reserved or assigned is refused (``Unregistered``), and one reserved for
another device is ``Forbidden``: no device can squat an id, e.g. of a case it imported
from a file, before its real owner syncs it.
"""

from __future__ import annotations

import base64
import hashlib
import json
import secrets
import time
import uuid
from collections.abc import Iterable
from typing import Any

from casusregie.office.storage import Database, Tx
from casusregie.protocol import (
    MAX_OPS_PER_BATCH,
    CaseDigest,
    CaseFeed,
    CaseFeedEntry,
    FieldOp,
    FieldPage,
    FieldState,
    OpResult,
    OpStatus,
    PushBatch,
    PushResult,
    RetractOp,
    canonical,
    case_digest,
)
from casusregie.protocol.models import MAX_PAGE, STRUCTURE

__all__ = [
    "Forbidden",
    "Unregistered",
    "add_device",
    "assign",
    "audit",
    "digest",
    "enrol",
    "feed",
    "issue_case_ids",
    "list_devices",
    "office_id",
    "pull",
    "push",
    "record_enrol_refusals",
    "revoke",
    "show_case",
    "token_device",
]

ENROL_DAYS = 7
_EXISTS = "_exists"
_FALSE = "false"


class Forbidden(Exception):
    """The device may not touch this case (not assigned to it)."""


class Unregistered(Exception):
    """The office does not know this case: nobody registered it (see the docstring)."""


def now_iso() -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())


def _hash(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def _norm_code(code: str) -> str:
    return "".join(ch for ch in code.upper() if ch.isalnum())


def _audit(tx: Tx, actor: str, action: str, case_id: str = "", detail: str = "") -> None:
    tx.run(
        "INSERT INTO audit (at, actor, action, case_id, detail) VALUES (?, ?, ?, ?, ?)",
        (now_iso(), actor, action, case_id, detail),
    )


def office_id(db: Database) -> str:
    with db.transaction() as tx:
        row = tx.one("SELECT value FROM office_meta WHERE key = 'office_id'")
        if row:
            return str(row[0])
        oid = uuid.uuid4().hex[:16]
        tx.run("INSERT INTO office_meta (key, value) VALUES ('office_id', ?)", (oid,))
        return oid


# -- devices ------------------------------------------------------------------------------


def add_device(db: Database, name: str) -> tuple[str, str]:
    """A new device slot; returns (device id, one-time enrolment code secret)."""
    device_id = "dev-" + uuid.uuid4().hex[:12]
    raw = base64.b32encode(secrets.token_bytes(10)).decode("ascii")  # 80 bits, 16 chars
    code = "-".join(raw[i : i + 4] for i in range(0, 16, 4))
    expires = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(time.time() + ENROL_DAYS * 86400))
    with db.transaction() as tx:
        tx.run(
            "INSERT INTO devices (device_id, name, enrol_hash, enrol_expires, created_at) "
            "VALUES (?, ?, ?, ?, ?)",
            (device_id, name, _hash(_norm_code(code)), expires, now_iso()),
        )
        _audit(tx, "beheer", "apparaat toegevoegd", detail=device_id)
    return device_id, code


def enrol(
    db: Database, code: str, label: str, client_device: str, cases: Iterable[str] = ()
) -> tuple[str, str, list[str], list[str]] | None:
    """Exchange a valid, unused, unexpired code for a token. None when refused; a refusal
    writes nothing (the app counts them in memory and audits them in aggregate, see
    ``record_enrol_refusals``), so failed tries cannot grow the database.

    Returns (device id, token, case ids registered to it, case ids refused because the
    office already knows them)."""
    token = secrets.token_urlsafe(32)
    with db.transaction() as tx:
        row = tx.one(
            "SELECT device_id, enrol_expires FROM devices WHERE enrol_hash = ? "
            "AND revoked_at IS NULL" + tx.for_update,
            (_hash(_norm_code(code)),),
        )
        if row is None or str(row[1]) < now_iso():
            return None
        device_id = str(row[0])
        tx.run(
            "UPDATE devices SET enrol_hash = NULL, enrol_expires = NULL, token_hash = ?, "
            "label = ?, client_device = ?, enrolled_at = ? WHERE device_id = ?",
            (_hash(token), label[:200], client_device[:64], now_iso(), device_id),
        )
        _audit(tx, device_id, "apparaat ingeschreven")
        registered, refused = _register(tx, device_id, sorted(set(cases)), "bij inschrijving")
    return device_id, token, registered, refused


def _case_key(case_id: str) -> str:
    return hashlib.sha256(case_id.encode("utf-8")).hexdigest()


def _register(tx: Tx, device_id: str, case_ids: list[str], how: str) -> tuple[list[str], list[str]]:
    """Reserve unknown ids for ``device_id``; ids the office already knows (a case or a
    reservation) stay with their device."""
    registered: list[str] = []
    refused: list[str] = []
    for case_id in case_ids:
        owner = _owner(tx, case_id)
        if owner is not None:
            (registered if owner == device_id else refused).append(case_id)
            continue
        tx.run(
            "INSERT INTO case_claims (case_key, device_id, how, created_at) VALUES (?, ?, ?, ?)",
            (_case_key(case_id), device_id, how, now_iso()),
        )
        registered.append(case_id)
    if registered:
        _audit(tx, device_id, "casussen aangemeld", detail=f"{len(registered)} {how}")
    if refused:
        _audit(tx, device_id, "aanmelding geweigerd", detail=f"{len(refused)} {how}")
    return registered, refused


def _owner(tx: Tx, case_id: str) -> str | None:
    row = tx.one("SELECT device_id FROM cases WHERE case_id = ?" + tx.for_update, (case_id,))
    if row is not None:
        return None if row[0] is None else str(row[0])
    claim = tx.one(
        "SELECT device_id FROM case_claims WHERE case_key = ?" + tx.for_update,
        (_case_key(case_id),),
    )
    return None if claim is None else str(claim[0])


def issue_case_ids(db: Database, device_id: str, n: int) -> list[str]:
    """``n`` new case ids, made by the office and reserved for ``device_id`` at once."""
    ids = ["k-" + uuid.uuid4().hex for _ in range(max(0, n))]
    with db.transaction() as tx:
        _register(tx, device_id, ids, "uitgegeven door het kantoor")
    return ids


def record_enrol_refusals(db: Database, attempts: int, clients: int, blocked: int) -> None:
    """One audit row for many refused enrolments (written at most once a minute)."""
    with db.transaction() as tx:
        _audit(
            tx,
            "onbekend",
            "inschrijvingen geweigerd",
            detail=f"{attempts} pogingen van {clients} adressen, {blocked} keer geblokkeerd",
        )


def token_device(db: Database, token: str) -> str | None:
    if not token or len(token) > 200:
        return None
    with db.transaction() as tx:
        row = tx.one(
            "SELECT device_id FROM devices WHERE token_hash = ? AND revoked_at IS NULL",
            (_hash(token),),
        )
    return None if row is None else str(row[0])


def revoke(db: Database, device_id: str) -> bool:
    with db.transaction() as tx:
        n = tx.run(
            "UPDATE devices SET revoked_at = ?, token_hash = NULL, enrol_hash = NULL "
            "WHERE device_id = ? AND revoked_at IS NULL",
            (now_iso(), device_id),
        )
        if n:
            _audit(tx, "beheer", "apparaat ingetrokken", detail=device_id)
    return n > 0


def list_devices(db: Database) -> list[dict[str, Any]]:
    with db.transaction() as tx:
        rows = tx.rows(
            "SELECT d.device_id, d.name, d.created_at, d.enrolled_at, d.revoked_at, "
            "(SELECT COUNT(*) FROM cases c WHERE c.device_id = d.device_id) "
            "FROM devices d ORDER BY d.created_at, d.device_id"
        )
    keys = ("device_id", "name", "created_at", "enrolled_at", "revoked_at", "cases")
    return [dict(zip(keys, r, strict=True)) for r in rows]


# -- cases --------------------------------------------------------------------------------


def assign(db: Database, case_id: str, device_id: str) -> str | None:
    """Assign (or hand over) a case to a device; returns the previous device."""
    with db.transaction() as tx:
        seq = tx.next_seq()
        dev = tx.one(
            "SELECT device_id FROM devices WHERE device_id = ? AND revoked_at IS NULL",
            (device_id,),
        )
        if dev is None:
            raise KeyError(device_id)
        row = tx.one("SELECT device_id FROM cases WHERE case_id = ?" + tx.for_update, (case_id,))
        previous = None if row is None else row[0]
        if row is None:
            tx.run(
                "INSERT INTO cases (case_id, device_id, seq, assigned_seq, created_at) "
                "VALUES (?, ?, 0, ?, ?)",
                (case_id, device_id, seq, now_iso()),
            )
        else:
            tx.run(
                "UPDATE cases SET device_id = ?, assigned_seq = ? WHERE case_id = ?",
                (device_id, seq, case_id),
            )
        tx.run("DELETE FROM case_claims WHERE case_key = ?", (_case_key(case_id),))
        tx.run(
            "INSERT INTO assignments (seq, case_id, device_id, previous, at) "
            "VALUES (?, ?, ?, ?, ?)",
            (seq, case_id, device_id, previous, now_iso()),
        )
        _audit(tx, "beheer", "casus toegewezen", case_id, f"{previous or '-'} -> {device_id}")
    return None if previous is None else str(previous)


def _access(tx: Tx, device_id: str, case_id: str, *, claim: bool = False) -> tuple[int, bool]:
    """(case seq, newly made). Raises ``Forbidden`` unless the case is the device's; a
    push (``claim``) to an id reserved for this device makes the case, to an id nobody
    reserved or assigned raises ``Unregistered``: a push never takes ownership."""
    row = tx.one("SELECT device_id, seq FROM cases WHERE case_id = ?" + tx.for_update, (case_id,))
    if row is None and claim:
        reserved = tx.one(
            "SELECT device_id FROM case_claims WHERE case_key = ?" + tx.for_update,
            (_case_key(case_id),),
        )
        if reserved is None:
            raise Unregistered(case_id)
        if reserved[0] != device_id:
            _audit(tx, device_id, "toegang geweigerd", case_id)
            raise Forbidden(case_id)
        tx.run(
            "INSERT INTO cases (case_id, device_id, seq, assigned_seq, created_at) "
            "VALUES (?, ?, 0, 0, ?)",
            (case_id, device_id, now_iso()),
        )
        tx.run("DELETE FROM case_claims WHERE case_key = ?", (_case_key(case_id),))
        _audit(tx, device_id, "casus aangemeld", case_id)
        return 0, True
    if row is None or row[0] != device_id:
        _audit(tx, device_id, "toegang geweigerd", case_id)
        raise Forbidden(case_id)
    return int(row[1]), False


def feed(db: Database, device_id: str, after: int) -> CaseFeed:
    with db.transaction() as tx:
        cursor_row = tx.one("SELECT value FROM counters WHERE name = 'seq'")
        cursor = int(cursor_row[0]) if cursor_row else 0
        rows = tx.rows(
            "SELECT case_id, seq, assigned_seq FROM cases WHERE device_id = ? "
            "AND (seq > ? OR assigned_seq > ?) ORDER BY case_id",
            (device_id, after, after),
        )
        gone = tx.rows(
            "SELECT DISTINCT a.case_id FROM assignments a JOIN cases c ON c.case_id = a.case_id "
            "WHERE a.previous = ? AND a.seq > ? AND (c.device_id IS NULL OR c.device_id != ?)",
            (device_id, after, device_id),
        )
    return CaseFeed(
        cursor=cursor,
        cases=[CaseFeedEntry(case_id=r[0], seq=max(int(r[1]), int(r[2]))) for r in rows],
        unassigned=sorted(str(r[0]) for r in gone),
    )


def _state(row: tuple[Any, ...]) -> FieldState:
    etype, eid, fname, value, hlc, category, seq = row
    return FieldState(
        entity_type=etype,
        entity_id=eid,
        field=fname,
        value=json.loads(value),
        hlc=hlc,
        category=category,
        seq=int(seq),
    )


_COLS = "entity_type, entity_id, field, value, hlc, category, seq"


def _chunks(items: list[Any], n: int = 400) -> Iterable[list[Any]]:
    for i in range(0, len(items), n):
        yield items[i : i + n]


def push(db: Database, device_id: str, case_id: str, batch: PushBatch) -> PushResult:
    """Apply one batch of ops to one case, all or nothing (see the module docstring)."""
    assert len(batch.ops) <= MAX_OPS_PER_BATCH
    purged_any = wiped_any = False
    with db.transaction() as tx:
        first = tx.next_seq(len(batch.ops) + 1)
        previous, _ = _access(tx, device_id, case_id, claim=True)
        seqs = iter(range(first, first + len(batch.ops) + 1))
        op_ids = [op.op_id for op in batch.ops]
        seen: set[str] = set()
        for chunk in _chunks(op_ids):
            marks = ",".join("?" * len(chunk))
            seen |= {
                str(r[0])
                for r in tx.rows(f"SELECT op_id FROM applied_ops WHERE op_id IN ({marks})", chunk)
            }
        epochs = {
            str(r[0]): int(r[1])
            for r in tx.rows("SELECT category, epoch FROM epochs WHERE case_id = ?", (case_id,))
        }
        entity_ids = sorted({op.entity_id for op in batch.ops if isinstance(op, FieldOp)})
        held: dict[tuple[str, str, str], tuple[Any, ...]] = {}
        for chunk in _chunks(entity_ids):
            marks = ",".join("?" * len(chunk))
            for r in tx.rows(
                f"SELECT {_COLS} FROM fields WHERE case_id = ? AND entity_id IN ({marks})",
                [case_id, *chunk],
            ):
                held[(r[0], r[1], r[2])] = r
        results: list[OpResult] = []
        applied: list[str] = []
        counts: dict[str, int] = {}
        touched: set[tuple[str, str]] = set()
        pending: list[tuple[Any, ...]] = []
        top = previous
        for op in batch.ops:
            if op.op_id in seen:
                current = (
                    held.get((op.entity_type, op.entity_id, op.field))
                    if isinstance(op, FieldOp)
                    else None
                )
                results.append(
                    OpResult(
                        op_id=op.op_id,
                        status=OpStatus.DUPLICATE,
                        current=_state(current) if current else None,
                    )
                )
                continue
            seen.add(op.op_id)
            if isinstance(op, RetractOp):
                _flush(tx, pending)
                n = _retract(tx, held, case_id, op.category)
                epochs[op.category] = max(epochs.get(op.category, 0), op.epoch)
                tx.run(
                    "INSERT INTO epochs (case_id, category, epoch) VALUES (?, ?, ?) "
                    "ON CONFLICT (case_id, category) DO UPDATE SET epoch = excluded.epoch",
                    (case_id, op.category, epochs[op.category]),
                )
                _disclose(tx, case_id, device_id, "ingetrokken", op.category, n, None)
                _audit(
                    tx,
                    device_id,
                    "categorie ingetrokken en gewist",
                    case_id,
                    f"{op.category}: {n} waarden gewist",
                )
                applied.append(op.op_id)
                purged_any = True
                top = next(seqs)
                results.append(OpResult(op_id=op.op_id, status=OpStatus.RETRACTED, purged=n))
                continue
            seq = next(seqs)
            before = held.get((op.entity_type, op.entity_id, op.field))
            results.append(_apply(tx, held, epochs, case_id, device_id, op, seq, pending))
            if results[-1].status == OpStatus.APPLIED:
                # an old value replaced, or an entity deleted: wipe its traces after commit
                deleted = op.field == _EXISTS and canonical(op.value) == _FALSE
                wiped_any = wiped_any or before is not None or deleted
                top = seq
                applied.append(op.op_id)
                counts[op.category] = counts.get(op.category, 0) + 1
                touched.add((op.entity_type, op.entity_id))
        _flush(tx, pending)
        tx.many(
            "INSERT INTO applied_ops (op_id, case_id, device_id, at) VALUES (?, ?, ?, ?)",
            [(o, case_id, device_id, now_iso()) for o in applied],
        )
        _drop_orphans(tx, case_id, touched if not purged_any else None)
        notes = {b.category: b for b in batch.bases}
        for category, n in sorted(counts.items()):
            if category != STRUCTURE:
                _disclose(tx, case_id, device_id, "ontvangen", category, n, notes.get(category))
        tx.run("UPDATE cases SET seq = ? WHERE case_id = ?", (top, case_id))
        if applied:
            _audit(tx, device_id, "wijzigingen ontvangen", case_id, f"{len(applied)} bewerkingen")
    if purged_any or wiped_any:
        # no old value stays readable in SQLite's WAL (secure_delete zeroes the pages);
        # PostgreSQL vacuums after a purge only (see Database.compact)
        db.compact(vacuum=purged_any)
    return PushResult(results=results, epochs=epochs, case_seq=top, previous_seq=previous)


def _apply(
    tx: Tx,
    held: dict[tuple[str, str, str], tuple[Any, ...]],
    epochs: dict[str, int],
    case_id: str,
    device_id: str,
    op: FieldOp,
    seq: int,
    pending: list[tuple[Any, ...]],
) -> OpResult:
    if op.category != STRUCTURE and op.epoch < epochs.get(op.category, 0):
        return OpResult(op_id=op.op_id, status=OpStatus.STALE)
    key = (op.entity_type, op.entity_id, op.field)
    tomb = held.get((op.entity_type, op.entity_id, _EXISTS))
    if op.field != _EXISTS and tomb is not None and tomb[3] == _FALSE:
        return OpResult(op_id=op.op_id, status=OpStatus.SUPERSEDED, current=_state(tomb))
    current = held.get(key)
    if current is not None and str(current[4]) >= op.hlc:
        same = str(current[4]) == op.hlc
        return OpResult(
            op_id=op.op_id,
            status=OpStatus.DUPLICATE if same else OpStatus.SUPERSEDED,
            current=_state(current),
        )
    value = canonical(op.value)
    row = (op.entity_type, op.entity_id, op.field, value, op.hlc, op.category, seq)
    pending.append(
        (case_id, op.entity_type, op.entity_id, op.field, value, op.hlc, device_id,
         op.category, seq)
    )  # fmt: skip
    held[key] = row
    if op.field == _EXISTS and value == _FALSE:
        _flush(tx, pending)
        tx.run(
            "DELETE FROM fields WHERE case_id = ? AND entity_type = ? AND entity_id = ? "
            "AND field != ?",
            (case_id, op.entity_type, op.entity_id, _EXISTS),
        )
        for k in [k for k in held if k[:2] == key[:2] and k[2] != _EXISTS]:
            del held[k]
    return OpResult(op_id=op.op_id, status=OpStatus.APPLIED)


_UPSERT = (
    "INSERT INTO fields (case_id, entity_type, entity_id, field, value, hlc, device_id, "
    "category, seq) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) "
    "ON CONFLICT (case_id, entity_type, entity_id, field) DO UPDATE SET "
    "value = excluded.value, hlc = excluded.hlc, device_id = excluded.device_id, "
    "category = excluded.category, seq = excluded.seq"
)


def _flush(tx: Tx, pending: list[tuple[Any, ...]]) -> None:
    """Write the queued field rows (one statement for the lot)."""
    tx.many(_UPSERT, pending)
    pending.clear()


def _retract(
    tx: Tx, held: dict[tuple[str, str, str], tuple[Any, ...]], case_id: str, category: str
) -> int:
    n = tx.run("DELETE FROM fields WHERE case_id = ? AND category = ?", (case_id, category))
    for k in [k for k, r in held.items() if r[5] == category]:
        del held[k]
    return n


def _drop_orphans(tx: Tx, case_id: str, touched: set[tuple[str, str]] | None) -> None:
    """Structural fields go with the last content of their entity (tombstones stay)."""
    sql = (
        "DELETE FROM fields WHERE case_id = ? AND category = ? "
        "AND NOT (field = ? AND value = ?) AND NOT EXISTS (SELECT 1 FROM fields f2 "
        "WHERE f2.case_id = fields.case_id AND f2.entity_type = fields.entity_type "
        "AND f2.entity_id = fields.entity_id AND f2.category != ?)"
    )
    args: list[Any] = [case_id, STRUCTURE, _EXISTS, _FALSE, STRUCTURE]
    if touched is None:
        tx.run(sql, args)
        return
    for etype, eid in sorted(touched):
        tx.run(sql + " AND entity_type = ? AND entity_id = ?", [*args, etype, eid])


def _disclose(
    tx: Tx, case_id: str, device_id: str, kind: str, category: str, n: int, note: Any
) -> None:
    get = (lambda name: str(getattr(note, name) or "")) if note is not None else (lambda _: "")
    tx.run(
        "INSERT INTO disclosures (case_id, device_id, kind, category, n_values, basis, "
        "purpose, given_by, form, given_on, valid_until, consent_id, at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            case_id,
            device_id,
            kind,
            category,
            n,
            get("basis"),
            get("purpose"),
            get("given_by"),
            get("form"),
            get("given_on"),
            get("valid_until"),
            get("consent_id"),
            now_iso(),
        ),
    )


def pull(
    db: Database, device_id: str, case_id: str, after: int, limit: int, include_own: bool
) -> FieldPage:
    limit = max(1, min(limit, MAX_PAGE))
    with db.transaction() as tx:
        _access(tx, device_id, case_id)
        own = "" if include_own else " AND device_id != ?"
        args: list[Any] = [case_id, after] + ([] if include_own else [device_id])
        rows = tx.rows(
            f"SELECT {_COLS} FROM fields WHERE case_id = ? AND seq > ?{own} ORDER BY seq LIMIT ?",
            [*args, limit + 1],
        )
        epochs = {
            str(r[0]): int(r[1])
            for r in tx.rows("SELECT category, epoch FROM epochs WHERE case_id = ?", (case_id,))
        }
        top = tx.one("SELECT seq FROM cases WHERE case_id = ?", (case_id,))
    more = len(rows) > limit
    rows = rows[:limit]
    next_after = int(rows[-1][6]) if more else max(after, int(top[0]) if top else 0)
    return FieldPage(
        fields=[_state(r) for r in rows], epochs=epochs, next_after=next_after, more=more
    )


def _digest_rows(tx: Tx, case_id: str) -> list[tuple[str, str, str, str, str]]:
    return [
        (r[0], r[1], r[2], r[4], hashlib.sha256(str(r[3]).encode("utf-8")).hexdigest())
        for r in tx.rows(
            "SELECT entity_type, entity_id, field, value, hlc FROM fields WHERE case_id = ?",
            (case_id,),
        )
    ]


def digest(db: Database, device_id: str, case_id: str) -> CaseDigest:
    with db.transaction() as tx:
        _access(tx, device_id, case_id)
        rows = _digest_rows(tx, case_id)
    return CaseDigest(case_id=case_id, digest=case_digest(rows), count=len(rows))


# -- admin views ----------------------------------------------------------------------------


def show_case(db: Database, case_id: str) -> dict[str, Any] | None:
    """Exactly what the office holds for a case: every field row, its epochs, its owner."""
    with db.transaction() as tx:
        case = tx.one("SELECT device_id, seq, created_at FROM cases WHERE case_id = ?", (case_id,))
        if case is None:
            return None
        rows = tx.rows(
            "SELECT entity_type, entity_id, field, value, hlc, category, device_id, seq "
            "FROM fields WHERE case_id = ? ORDER BY entity_type, entity_id, field",
            (case_id,),
        )
        epochs = tx.rows(
            "SELECT category, epoch FROM epochs WHERE case_id = ? ORDER BY category", (case_id,)
        )
        rows_d = _digest_rows(tx, case_id)
    entities: dict[tuple[str, str], dict[str, Any]] = {}
    for etype, eid, fname, value, hlc, category, dev, seq in rows:
        entity = entities.setdefault(
            (etype, eid), {"entity_type": etype, "entity_id": eid, "fields": {}}
        )
        entity["fields"][fname] = {
            "value": json.loads(value),
            "hlc": hlc,
            "category": category,
            "device_id": dev,
            "seq": int(seq),
        }
    return {
        "case_id": case_id,
        "device_id": case[0],
        "seq": int(case[1]),
        "created_at": case[2],
        "categories": sorted({r[5] for r in rows} - {STRUCTURE}),
        "epochs": {str(c): int(e) for c, e in epochs},
        "digest": case_digest(rows_d),
        "entities": list(entities.values()),
    }


def audit(db: Database, limit: int = 200, case_id: str | None = None) -> dict[str, Any]:
    with db.transaction() as tx:
        where, args = ("WHERE case_id = ?", [case_id]) if case_id else ("", [])
        events = tx.rows(
            f"SELECT id, at, actor, action, case_id, detail FROM audit {where} "
            "ORDER BY id DESC LIMIT ?",
            [*args, limit],
        )
        disclosures = tx.rows(
            "SELECT id, at, case_id, device_id, kind, category, n_values, basis, purpose, "
            f"given_by, form, given_on, valid_until, consent_id FROM disclosures {where} "
            "ORDER BY id DESC LIMIT ?",
            [*args, limit],
        )
    ek = ("id", "at", "actor", "action", "case_id", "detail")
    dk = (
        "id",
        "at",
        "case_id",
        "device_id",
        "kind",
        "category",
        "n_values",
        "basis",
        "purpose",
        "given_by",
        "form",
        "given_on",
        "valid_until",
        "consent_id",
    )
    return {
        "events": [dict(zip(ek, r, strict=True)) for r in reversed(events)],
        "disclosures": [dict(zip(dk, r, strict=True)) for r in reversed(disclosures)],
    }
