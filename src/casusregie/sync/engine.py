"""One sync with the office: plan, push, pull, check. Safe to cut at any point.

``run_sync(store)`` is what the app's worker and ``casusregie sync`` call. Phases:

1. **Plan** (one transaction): changes since the last sync go into ``sync_dirty``;
   every case whose ledger changed (or whose consent starts, lapses or is withdrawn
   today) is re-evaluated: a category that gained a basis marks all its current
   fields dirty (a consent given later sends what is already there); a category that
   lost it gets a retraction (and a new sharing epoch).
2. **Push** per case: retractions first, then the dirty fields that pass the consent
   filter *now* (``consentfilter``; default deny), in batches of whole entities. Each
   answer is committed locally with its effects (mirror, disclosure log, conflicts) in
   one transaction, so a cut connection leaves nothing half done: the next sync sends
   what was not acknowledged, under the same op ids.
3. **Pull**: cases the office assigns (a handover) and changes to shared fields, page
   by page, merged by per-field last-writer-wins on HLC stamps; the losing value is
   kept in ``sync_conflicts``. A page that would delete more than ``MASS_DELETE_*`` is
   held back until the user confirms (``confirm_deletions``).
4. **Check**: for every case touched, the office's digest must equal the digest of the
   mirror (what this device believes the office holds). A mismatch is repaired once
   (a full pull and a re-send) and reported if it remains.

Never blocks on the store for long: network calls happen outside the store's lock.
"""

from __future__ import annotations

import datetime as dt
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from casusregie.domain.consent import LEDGER_CATEGORY, OFFICE, active_bases, next_change
from casusregie.domain.errors import NotFound
from casusregie.domain.model import CaseFile
from casusregie.protocol import (
    CaseDigest,
    CaseFeed,
    FieldOp,
    FieldPage,
    FieldState,
    OpStatus,
    PushBatch,
    PushResult,
    RetractOp,
    case_digest,
    op_id,
    value_hash,
)
from casusregie.protocol.models import STRUCTURE
from casusregie.store.database import Change, Store
from casusregie.store.syncstate import CaseSync, LocalField, Shared, SyncState, SyncWrite
from casusregie.sync.consentfilter import (
    basis_note,
    basis_text,
    category_of,
    retraction_reason,
)
from casusregie.sync.enrolment import top_up_case_ids
from casusregie.sync.transport import (
    Connection,
    OfficeError,
    Offline,
    PinMismatch,
    Rejected,
    Unauthorized,
)
from casusregie.templates import TemplateSet, load_templates

__all__ = [
    "MASS_DELETE_ABSOLUTE",
    "MASS_DELETE_FRACTION",
    "Progress",
    "SyncResult",
    "run_sync",
]

BATCH_SIZE = 500
PAGE_SIZE = 1000
#: an inbound page deleting more than this many fields is held back ...
MASS_DELETE_ABSOLUTE = 50
#: ... or more than this share of the case's fields (and at least MASS_DELETE_MIN)
MASS_DELETE_FRACTION = 0.2
MASS_DELETE_MIN = 10
MAX_PAGES = 100_000  # bounds every loop over the office's answers
RECIPIENT = "Centraal kantoor"
INBOUND_AUTHOR = "via het kantoor"

Key = tuple[str, str, str]


@dataclass(frozen=True)
class Progress:
    """Reported to the caller's callback (from the worker thread)."""

    phase: str  # "voorbereiden", "versturen", "ophalen", "controleren"
    done: int
    total: int
    text: str


@dataclass
class SyncResult:
    """How a sync ended. ``state``: ok, offline, not_enrolled, refused, cancelled, error."""

    state: str = "ok"
    message: str = ""
    sent: int = 0
    received: int = 0
    retracted: list[tuple[str, str, int]] = field(default_factory=list)
    conflicts: int = 0
    held: dict[str, int] = field(default_factory=dict)
    mismatches: list[str] = field(default_factory=list)
    repaired: list[str] = field(default_factory=list)
    handed_over: list[str] = field(default_factory=list)
    #: cases the office does not know (made or imported here without an office-issued
    #: id): they wait until the administrator assigns them to this device
    unregistered: list[str] = field(default_factory=list)
    new_cases: list[str] = field(default_factory=list)
    #: case -> categories that would go for the first time but were never shown
    #: (``preview``); they wait, nothing of them was sent
    unshown: dict[str, set[str]] = field(default_factory=dict)
    seconds: float = 0.0
    #: the field changes this sync committed to the local store (pulled values, restored
    #: entities), also when it stopped half-way: the app announces them to its views
    changes: list[Change] = field(default_factory=list, repr=False)

    @property
    def ok(self) -> bool:
        return self.state == "ok"

    def summary(self) -> str:
        """One Dutch line for a status bar."""
        if self.state != "ok":
            return self.message
        parts = [f"{self.sent} verstuurd", f"{self.received} ontvangen"]
        if self.retracted:
            parts.append(f"{len(self.retracted)} intrekking(en) bevestigd")
        if self.conflicts:
            parts.append(f"{self.conflicts} conflict(en) om te bekijken")
        if self.held:
            parts.append(f"{len(self.held)} casus(sen) wacht op bevestiging van verwijderingen")
        if self.mismatches:
            parts.append(f"{len(self.mismatches)} casus(sen) niet gelijk met het kantoor")
        if self.handed_over:
            parts.append(f"{len(self.handed_over)} casus(sen) overgedragen")
        if self.unshown:
            n = sum(len(c) for c in self.unshown.values())
            parts.append(f"{n} categorie(ën) wachten tot u ze hebt bekeken (voorbeeld)")
        if self.unregistered:
            parts.append(
                f"{len(self.unregistered)} casus(sen) niet bij het kantoor aangemeld "
                "(vraag de beheerder om toewijzing)"
            )
        return "Gesynchroniseerd: " + ", ".join(parts) + "."


class Cancelled(Exception):
    pass


class _Sync:
    def __init__(
        self,
        store: Store,
        conn: Connection,
        templates: TemplateSet,
        today: dt.date,
        progress: Callable[[Progress], None] | None,
        cancel: threading.Event | None,
        confirm: set[str],
        batch_size: int,
    ) -> None:
        self.state = SyncState(store)
        self.conn = conn
        self.templates = templates
        self.today = today
        self._progress = progress
        self.cancel = cancel
        self.confirm = confirm
        self.batch_size = max(1, batch_size)
        self.result = SyncResult()
        self.touched: set[str] = set()

    def progress(self, phase: str, done: int, total: int, text: str) -> None:
        if self.cancel is not None and self.cancel.is_set():
            raise Cancelled()
        if self._progress is not None:
            self._progress(Progress(phase, done, total, text))

    # -- 1. plan --------------------------------------------------------------------------

    def plan(self) -> None:
        self.progress("voorbereiden", 0, 1, "Wijzigingen verzamelen")
        dirty, consent_changed = self.state.collect_changes()
        known = {c: self.state.case(c) for c in dirty}
        evaluate = (
            consent_changed
            | self.state.due_cases(self.today.isoformat())
            | {c for c, k in known.items() if k is None}
        )
        for case_id in sorted(evaluate):
            self.evaluate(case_id, self.state.case(case_id))
        recheck = dirty
        if self.state.meta("recheck_categories"):
            recheck = dirty | set(self.state.cases())
        for case_id in sorted(recheck):
            self.reclassify(case_id)
        if self.state.meta("recheck_categories"):
            with self.state.write("Categorieën opnieuw bekeken") as w:
                w.db.execute("DELETE FROM sync_meta WHERE key = 'recheck_categories'")
        self.progress("voorbereiden", 1, 1, "Klaar om te versturen")

    def reclassify(self, case_id: str) -> None:
        """A row the office holds under one category that now belongs to another (its
        text changed, the regisseur chose, or the app learnt to read it): the office
        wipes the old category (a retraction, new epoch) and gets back what still
        belongs there; the row itself goes only where it now may."""
        mirror = self.state.mirror(case_id)
        if not mirror:
            return
        structure = self.state.structure(case_id)
        fields = self.state.all_fields(case_id)
        values = {(lf.entity_type, lf.entity_id, lf.field): lf.value for lf in fields}
        moved: set[str] = set()
        for (etype, eid, fname), held in mirror.items():
            if held.category in (STRUCTURE, LEDGER_CATEGORY):
                continue
            cat = category_of(
                self.templates,
                etype,
                fname,
                structure.get((etype, eid), {}),
                values.get((etype, eid, fname)),
            )
            if cat != held.category:
                moved.add(held.category)
        if not moved:
            return
        epochs = self.state.epochs(case_id)
        marks: list[Key] = []
        for lf in fields:
            ekey = (lf.entity_type, lf.entity_id)
            cat = category_of(
                self.templates, lf.entity_type, lf.field, structure.get(ekey, {}), lf.value
            )
            was = mirror.get((lf.entity_type, lf.entity_id, lf.field))
            if cat in moved or (was is not None and was.category in moved):
                marks.append((lf.entity_type, lf.entity_id, lf.field))
        with self.state.write("Categorie van gedeelde gegevens gewijzigd") as w:
            for category in sorted(moved):
                w.retract(
                    case_id,
                    category,
                    epochs,
                    "Categorie van een regel gewijzigd; opnieuw gedeeld zonder die regel",
                )
            w.mark_dirty(marks, case_id)

    def evaluate(self, case_id: str, known: CaseSync | None) -> None:
        """Compare the categories with a basis now with those at the last sync."""
        cf = self.state.ledger_view(case_id)
        now = set(active_bases(cf, OFFICE, self.today)) if cf is not None else set()
        before = set(known.allowed) if known is not None else set()
        gained, lost = now - before, before - now
        marks: list[Key] = []
        if gained:
            structure = self.state.structure(case_id)
            content: set[tuple[str, str]] = set()
            fields = self.state.all_fields(case_id)
            for lf in fields:
                cat = category_of(
                    self.templates,
                    lf.entity_type,
                    lf.field,
                    structure.get((lf.entity_type, lf.entity_id), {}),
                    lf.value,
                )
                if cat in gained:
                    marks.append((lf.entity_type, lf.entity_id, lf.field))
                    content.add((lf.entity_type, lf.entity_id))
            marks += [
                (lf.entity_type, lf.entity_id, lf.field)
                for lf in fields
                if (lf.entity_type, lf.entity_id) in content
                and category_of(
                    self.templates,
                    lf.entity_type,
                    lf.field,
                    structure.get((lf.entity_type, lf.entity_id), {}),
                )
                == STRUCTURE
            ]
        epochs = self.state.epochs(case_id)
        nxt = next_change(cf, OFFICE, self.today) if cf is not None else None
        with self.state.write("Grondslagen voor het kantoor bijgewerkt") as w:
            for category in sorted(lost):
                w.retract(case_id, category, epochs, retraction_reason(cf, category, self.today))
            w.mark_dirty(marks, case_id)
            w.save_case(
                CaseSync(
                    case_id,
                    sorted(now),
                    nxt.isoformat() if nxt else None,
                    known.pull_after if known else 0,
                    known.state if known else "actief",
                )
            )

    # -- 2. push ----------------------------------------------------------------------

    def push_all(self) -> None:
        cases = {c: self.state.case(c) for c in self._dirty_cases()}
        todo = sorted(
            {c for c, k in cases.items() if k is None or k.state != "overgedragen"}
            | self.state.retraction_cases()
        )
        for n, case_id in enumerate(todo):
            self.progress("versturen", n, len(todo), "Wijzigingen versturen")
            for _round in range(3):  # a stale epoch is learnt and resent, at most twice
                if not self.push_case(case_id, self.state.case(case_id)):
                    break
        self.progress("versturen", len(todo), len(todo), "Versturen klaar")

    def _dirty_cases(self) -> set[str]:
        with self.state._read() as db:
            return {str(r[0]) for r in db.execute("SELECT DISTINCT case_id FROM sync_dirty")}

    def push_case(self, case_id: str, known: CaseSync | None) -> bool:
        """Send what this case owes. Returns True if some ops must be sent again."""
        cf = self.state.ledger_view(case_id)
        bases = active_bases(cf, OFFICE, self.today) if cf is not None else {}
        structure = self.state.structure(case_id)
        mirror = self.state.mirror(case_id)
        epochs = self.state.epochs(case_id)
        retractions = self.state.retractions(case_id)
        content: dict[tuple[str, str], list[tuple[LocalField, str]]] = {}
        structural: dict[tuple[str, str], list[LocalField]] = {}
        dropped: list[Key] = []
        retracting = {c for c, _, _, _ in retractions}
        shown = self.state.shown(case_id, OFFICE)
        present = {s.category for s in mirror.values()}  # shared before: not the first time
        for lf in self.state.dirty_fields(case_id):
            key = (lf.entity_type, lf.entity_id, lf.field)
            ekey = (lf.entity_type, lf.entity_id)
            held = mirror.get(key)
            cat = category_of(
                self.templates, lf.entity_type, lf.field, structure.get(ekey, {}), lf.value
            )
            if (
                held is not None
                and held.hlc == lf.hlc
                and held.category == cat
                and held.category not in retracting
            ):
                dropped.append(key)  # the office has exactly this
                continue
            if cat == STRUCTURE:
                structural.setdefault(ekey, []).append(lf)
            elif cat == LEDGER_CATEGORY:
                content.setdefault(ekey, []).append((lf, cat))  # travels with the case
            elif cat is not None and cat in bases:
                if cat not in shown and cat not in present:
                    # the first time this category would go: not before it was shown
                    self.result.unshown.setdefault(case_id, set()).add(cat)
                    continue
                content.setdefault(ekey, []).append((lf, cat))
            else:
                dropped.append(key)  # default deny; a later consent marks it again
        at_office = {
            (k[0], k[1])
            for k, s in mirror.items()
            if s.category in bases or s.category == LEDGER_CATEGORY
        }
        anything_at_office = {(k[0], k[1]) for k in mirror}
        ops: list[list[FieldOp]] = []
        for ekey in sorted(set(content) | set(structural)):
            group = [self._op(lf, cat, epochs) for lf, cat in content.get(ekey, [])]
            # a structural field sent again after its category was wiped (and the
            # office dropped it with the content) must not look like a replay: its op
            # id follows the epoch of the content it goes with
            with_epoch = max((epochs.get(cat, 0) for _, cat in content.get(ekey, [])), default=0)
            for lf in structural.get(ekey, []):
                deleting = lf.field == "_exists" and lf.value is False
                if (deleting and ekey in anything_at_office) or (
                    not deleting and (ekey in content or ekey in at_office)
                ):
                    group.append(self._op(lf, STRUCTURE, epochs, with_epoch))
                else:
                    dropped.append((lf.entity_type, lf.entity_id, lf.field))
            if group:
                ops.append(group)
        if dropped:
            with self.state.write("Niet te delen wijzigingen overgeslagen") as w:
                for key in dropped:
                    w.drop_dirty(*key)
        retract_ops = [RetractOp(op_id=o, category=c, epoch=e) for c, o, e, _ in retractions]
        reasons = {o: r for _, o, _, r in retractions}
        batches = _batches(retract_ops, ops, self.batch_size)
        again = False
        for batch in batches:
            cats = {op.category for op in batch if isinstance(op, FieldOp)} - {
                STRUCTURE,
                LEDGER_CATEGORY,
            }
            notes = [basis_note(cf, c, bases[c]) for c in sorted(cats) if cf is not None]
            body = PushBatch(ops=batch, bases=notes)
            try:
                raw = self.conn.request(
                    "POST",
                    f"/v1/cases/{case_id}/ops",
                    body.model_dump_json(exclude_defaults=False).encode("utf-8"),
                )
            except Rejected as exc:
                if exc.status == 403:
                    self._handed_over(case_id)
                    return False
                if exc.status == 404:  # not registered at the office: a push never claims
                    if case_id not in self.result.unregistered:
                        self.result.unregistered.append(case_id)
                    return False
                raise
            answer = PushResult.model_validate_json(raw)
            again |= self._acknowledge(case_id, cf, bases, batch, answer, reasons, known)
            self.touched.add(case_id)
        return again

    def _op(
        self, lf: LocalField, category: str, epochs: dict[str, int], id_epoch: int = 0
    ) -> FieldOp:
        epoch = epochs.get(category, 0) if category != STRUCTURE else 0
        return FieldOp(
            op_id=op_id(lf.change_id, epoch if category != STRUCTURE else id_epoch),
            entity_type=lf.entity_type,
            entity_id=lf.entity_id,
            field=lf.field,
            value=lf.value,
            hlc=lf.hlc,
            category=category,
            epoch=epoch,
        )

    def _acknowledge(
        self,
        case_id: str,
        cf: CaseFile | None,
        bases: dict[str, Any],
        batch: list[FieldOp | RetractOp],
        answer: PushResult,
        reasons: dict[str, str],
        known: CaseSync | None,
    ) -> bool:
        by_id = {op.op_id: op for op in batch}
        again = False
        counts: dict[str, int] = {}
        shares: list[tuple[str, ...]] = []
        cleans: list[tuple[Key, str]] = []
        with self.state.write("Gesynchroniseerd met het kantoor") as w:
            for category, epoch in answer.epochs.items():
                w.set_epoch(case_id, category, epoch)
            for res in answer.results:
                op = by_id.get(res.op_id)
                if op is None:
                    continue
                if isinstance(op, RetractOp):
                    w.unshare_category(case_id, op.category)
                    w.drop_retraction(case_id, op.category)
                    purged = res.purged or 0
                    self.result.retracted.append((case_id, op.category, purged))
                    label = self._label(op.category)
                    w.tx.log_disclosure(
                        case_id,
                        f"Intrekking: '{label}' gewist bij het kantoor ({purged} waarden; "
                        "bevestigd)",
                        RECIPIENT,
                        reasons.get(op.op_id, "Geen grondslag meer"),
                        "Intrekking van eerder gedeelde gegevens",
                    )
                    continue
                key = (op.entity_type, op.entity_id, op.field)
                if res.status == OpStatus.STALE:
                    again = True
                    continue
                current = res.current
                if res.status in (OpStatus.APPLIED, OpStatus.DUPLICATE) and (
                    current is None or current.hlc == op.hlc
                ):
                    if op.field == "_exists" and op.value is False:
                        w.share_many(shares)  # in order: the deletion clears them
                        shares.clear()
                        self._mirror_own(w, case_id, op)
                    else:
                        shares.append((*key, case_id, op.category, op.hlc, value_hash(op.value)))
                    cleans.append((key, op.hlc))
                    if res.status == OpStatus.APPLIED and op.category != STRUCTURE:
                        counts[op.category] = counts.get(op.category, 0) + 1
                    continue
                if current is not None and _deletes(current):
                    # a deletion reaches this store only through the pull and its
                    # mass-deletion fail-safe; here only the mirror learns of it
                    w.share(case_id, key, current.category, current.hlc, value_hash(current.value))
                elif current is not None:
                    self._merge(w, case_id, current, self.state.mirror(case_id))
                w.clean(*key, op.hlc)
            w.share_many(shares)
            w.clean_many(cleans)
            w.drop_orphan_structure(case_id, STRUCTURE)
            ledger = counts.pop(LEDGER_CATEGORY, 0)
            self.result.sent += sum(counts.values())
            if ledger:
                w.tx.log_disclosure(
                    case_id,
                    f"{ledger} gegeven(s): {self._label(LEDGER_CATEGORY)} (gaat mee bij "
                    "een overdracht)",
                    RECIPIENT,
                    "Het toestemmingsoverzicht zelf; alleen voor het apparaat waaraan de "
                    "casus is toegewezen",
                    "Overdracht van de casus",
                )
            for category, n in sorted(counts.items()):
                consent = bases.get(category)
                basis = basis_text(cf, consent) if cf is not None and consent else "Onbekend"
                purpose = consent.purpose if consent is not None else ""
                w.tx.log_disclosure(
                    case_id,
                    f"{n} gegeven(s): {self._label(category)}",
                    RECIPIENT,
                    basis,
                    purpose,
                )
            pull_after = self._pull_after(case_id, known)
            if answer.previous_seq <= pull_after:
                w.set_pull_after(case_id, answer.case_seq)
        return again

    def _pull_after(self, case_id: str, known: CaseSync | None) -> int:
        now = self.state.case(case_id)
        return now.pull_after if now is not None else (known.pull_after if known else 0)

    def _label(self, category: str) -> str:
        cats = self.templates.privacy.categories
        return cats[category]["label"] if category in cats else category

    @staticmethod
    def _mirror_own(w: SyncWrite, case_id: str, op: FieldOp) -> None:
        key = (op.entity_type, op.entity_id, op.field)
        w.share(case_id, key, op.category, op.hlc, value_hash(op.value))
        if op.field == "_exists" and op.value is False:
            w.unshare_entity_content(op.entity_type, op.entity_id)

    def _handed_over(self, case_id: str) -> None:
        with self.state.write("Casus is overgedragen") as w:
            w.set_case_state(case_id, "overgedragen")
        if case_id not in self.result.handed_over:
            self.result.handed_over.append(case_id)

    # -- merging one field the office holds ------------------------------------------

    def _merge(
        self, w: SyncWrite, case_id: str, row: FieldState, mirror: dict[Key, Shared]
    ) -> bool:
        """Last writer wins per field; the loser is kept as a conflict. Returns whether
        the local store changed."""
        key = (row.entity_type, row.entity_id, row.field)
        local = self.state.local_field(*key)
        changed = False
        if local is None or local.hlc < row.hlc:
            shared = mirror.get(key)
            unsent = local is not None and (shared is None or shared.hlc != local.hlc)
            if local is not None and unsent and local.value != row.value:
                w.add_conflict(case_id, key, local.value, local.hlc, row.hlc)
                self.result.conflicts += 1
            try:
                w.tx.apply_remote(
                    row.entity_type,
                    row.entity_id,
                    case_id,
                    row.field,
                    row.value,
                    row.hlc,
                    INBOUND_AUTHOR,
                )
                changed = True
            except NotFound:
                return False  # an id of another case here: never mixed
        elif local.hlc > row.hlc and local.value != row.value:
            w.add_conflict(case_id, key, row.value, row.hlc, local.hlc)
            self.result.conflicts += 1
            w.mark_dirty([key], case_id)
        w.share(case_id, key, row.category, row.hlc, value_hash(row.value))
        if row.field == "_exists" and row.value is False:
            w.unshare_entity_content(row.entity_type, row.entity_id)
        return changed

    # -- 3. pull ----------------------------------------------------------------------

    def pull_all(self) -> None:
        after = int(self.state.meta("feed_after") or 0)
        feed = CaseFeed.model_validate_json(self.conn.request("GET", f"/v1/cases?after={after}"))
        cases = {e.case_id: self.state.case(e.case_id) for e in feed.cases}
        for case_id in feed.unassigned:
            if case_id not in {e.case_id for e in feed.cases}:
                self._handed_over(case_id)
        todo = {e.case_id for e in feed.cases if e.seq > _pull_of(cases.get(e.case_id))}
        todo |= set(self.state.held())
        clean = True
        for n, case_id in enumerate(sorted(todo)):
            self.progress("ophalen", n, len(todo), "Wijzigingen ophalen")
            known = cases.get(case_id) or self.state.case(case_id)
            if known is None:
                self.result.new_cases.append(case_id)
            elif known.state == "overgedragen":
                with self.state.write("Casus weer toegewezen") as w:
                    w.set_case_state(case_id, "actief")
            clean &= self.pull_case(case_id, include_own=False)
        if clean:
            self.state.set_meta(feed_after=str(feed.cursor))
        self.progress("ophalen", len(todo), len(todo), "Ophalen klaar")

    def pull_case(self, case_id: str, *, include_own: bool, start: int | None = None) -> bool:
        """Pull pages until done; False when the fail-safe held a page back."""
        after = _pull_of(self.state.case(case_id)) if start is None else start
        for _ in range(MAX_PAGES):
            page = FieldPage.model_validate_json(
                self.conn.request(
                    "GET",
                    f"/v1/cases/{case_id}/fields?after={after}&limit={PAGE_SIZE}"
                    f"&include_own={'true' if include_own else 'false'}",
                )
            )
            self.touched.add(case_id)
            deletes = self._deletions(page.fields)
            total = self.state.live_field_count(case_id)
            mass = deletes > MASS_DELETE_ABSOLUTE or (
                deletes >= MASS_DELETE_MIN and deletes > MASS_DELETE_FRACTION * total
            )
            if mass and case_id not in self.confirm:
                with self.state.write("Verwijderingen van het kantoor vastgehouden") as w:
                    w.hold(case_id, deletes, total)
                self.result.held[case_id] = deletes
                return False
            with self.state.write("Ontvangen van het kantoor") as w:
                mirror = self.state.mirror(case_id)
                for row in page.fields:
                    if self._merge(w, case_id, row, mirror):
                        self.result.received += 1
                for category, epoch in page.epochs.items():
                    w.set_epoch(case_id, category, epoch)
                w.set_pull_after(case_id, page.next_after)
                w.release(case_id)
            after = page.next_after
            if not page.more:
                return True
        return True

    def _deletions(self, rows: Iterable[FieldState]) -> int:
        """How many live local fields this page would delete."""
        n = 0
        for row in rows:
            if row.field == "_exists" and row.value is False:
                local = self.state.local_field(row.entity_type, row.entity_id, "_exists")
                if local is not None and local.value is not False and local.hlc < row.hlc:
                    n += 1 + self.state.entity_field_count(row.entity_type, row.entity_id)
            elif row.value is None:
                local = self.state.local_field(row.entity_type, row.entity_id, row.field)
                if local is not None and local.value is not None and local.hlc < row.hlc:
                    n += 1
        return n

    # -- 4. check ---------------------------------------------------------------------

    def verify(self) -> None:
        held = set(self.state.held())  # differs from the office until confirmed
        todo = sorted(self.touched - held)
        for n, case_id in enumerate(todo):
            self.progress("controleren", n, len(todo), "Vergelijken met het kantoor")
            if self._matches(case_id):
                continue
            self.repair(case_id)
            if self._matches(case_id):
                self.result.repaired.append(case_id)
            else:
                self.result.mismatches.append(case_id)
        self.progress("controleren", len(todo), len(todo), "Gecontroleerd")

    def _matches(self, case_id: str) -> bool:
        try:
            office = CaseDigest.model_validate_json(
                self.conn.request("GET", f"/v1/cases/{case_id}/digest")
            )
        except Rejected as exc:
            if exc.status == 403:
                self._handed_over(case_id)
                return True
            raise
        return office.digest == case_digest(self.state.mirror_rows(case_id))

    def repair(self, case_id: str) -> None:
        """Rebuild the mirror from all the office holds, then send what is missing."""
        with self.state.write("Spiegel van het kantoor opnieuw opgebouwd") as w:
            w.db.execute("DELETE FROM sync_shared WHERE case_id = ?", (case_id,))
        self.pull_case(case_id, include_own=True, start=0)
        known = self.state.case(case_id)
        if known is not None:
            known.allowed = []
        self.evaluate(case_id, known)
        self.push_case(case_id, self.state.case(case_id))


def _deletes(row: FieldState) -> bool:
    return row.value is None or (row.field == "_exists" and row.value is False)


def _pull_of(cs: CaseSync | None) -> int:
    return cs.pull_after if cs is not None else 0


def _batches(
    retracts: list[RetractOp], groups: list[list[FieldOp]], size: int
) -> list[list[FieldOp | RetractOp]]:
    """Retractions first; then whole entities per batch where they fit."""
    out: list[list[FieldOp | RetractOp]] = []
    current: list[FieldOp | RetractOp] = list(retracts)
    for group in groups:
        if current and len(current) + len(group) > size:
            out.append(current)
            current = []
        while len(group) > size:  # one entity larger than a batch: split, content first
            out.append(list(group[:size]))
            group = group[size:]
        current.extend(group)
    if current:
        out.append(current)
    return out


def run_sync(
    store: Store,
    *,
    progress: Callable[[Progress], None] | None = None,
    cancel: threading.Event | None = None,
    confirm_deletions: Iterable[str] = (),
    templates: TemplateSet | None = None,
    today: dt.date | None = None,
    batch_size: int = BATCH_SIZE,
    timeout: float = 30.0,
) -> SyncResult:
    """Sync the store with the office it is enrolled with. Never raises for network,
    office or enrolment problems: they come back as ``SyncResult.state``."""
    started = time.monotonic()
    state = SyncState(store)
    url, pin, token = state.meta("office_url"), state.meta("fingerprint"), state.meta("token")
    if not (url and pin and token):
        return SyncResult(
            state="not_enrolled",
            message="Dit apparaat is nog niet gekoppeld aan een kantoor "
            "(casusregie enroll URL CODE).",
        )
    conn = Connection(url, pin, token, timeout=timeout)
    run = _Sync(
        store,
        conn,
        templates or load_templates(),
        today or dt.date.today(),
        progress,
        cancel,
        set(confirm_deletions),
        batch_size,
    )
    try:
        run.plan()
        top_up_case_ids(store, conn)
        run.push_all()
        run.pull_all()
        run.verify()
        state.set_meta(last_sync=time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()))
    except Cancelled:
        run.result.state, run.result.message = "cancelled", "Synchronisatie afgebroken."
    except Offline as exc:
        run.result.state, run.result.message = "offline", str(exc)
    except Unauthorized as exc:
        run.result.state, run.result.message = "not_enrolled", str(exc)
    except PinMismatch as exc:
        run.result.state, run.result.message = "refused", str(exc)
    except OfficeError as exc:
        run.result.state, run.result.message = "error", str(exc)
    finally:
        conn.close()
        run.result.changes = list(run.state.committed)
    run.result.seconds = time.monotonic() - started
    return run.result
