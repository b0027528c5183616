"""What sync costs: delta sync vs store size, bytes on the wire, initial sync, 50 devices.

Run from the repository root::

    python bench/sync.py                 # about a minute; --help for sizes
    python bench/sync.py --pg URL        # the office on PostgreSQL instead of SQLite

A real office (``casusregie-office serve``, TLS) runs in a subprocess on 127.0.0.1; the
devices are encrypted stores in this process. Figures, each measured in this run:

1. **delta sync vs store size**: the median time of a sync that sends one changed field,
   from a store holding 1 case and from one holding 500 cases (200 shared fields each);
   target ratio <= 1.5.
2. **bytes on the wire**: through a counting TCP proxy (TLS records, both directions):
   a whole sync of one changed field, and the marginal cost per changed field
   ((bytes of a sync of 100 changed fields - bytes of a sync of none) / 100); target
   <= 2 KB per changed field.
3. **initial sync**: 500 cases x 200 field changes, from nothing at the office; target
   <= 15 s.
4. **50 devices at once**: each changes one field, then all sync together against the
   one office; no errors; p50 and p95 of one device's sync time.

PASS/MISS is printed only: a report, never a failing exit code.
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import ensure_importable

ensure_importable()

from casusregie.domain.consent import Consent  # noqa: E402
from casusregie.domain.model import Case, LifeEvent, Person  # noqa: E402
from casusregie.office import repo, tls  # noqa: E402
from casusregie.office.cli import enrolment_code  # noqa: E402
from casusregie.office.storage import Database  # noqa: E402
from casusregie.store.database import Store  # noqa: E402
from casusregie.store.keyfile import KdfParams  # noqa: E402
from casusregie.store.profile import Profile  # noqa: E402
from casusregie.store.syncstate import SyncState  # noqa: E402
from casusregie.sync import enroll, run_sync  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
KDF = KdfParams(time_cost=1, memory_cost_kib=8192, parallelism=1)
PASS = "bench-wachtwoord-123"
TODAY = dt.date.today().isoformat()
CATEGORIES = ["identiteit", "relaties"]


def free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Office:
    def __init__(self, base: Path, db_url: str | None) -> None:
        self.data = base / "kantoor"
        self.db_url = db_url or str(base / "kantoor.db")
        cert, _ = tls.ensure_certificate(self.data)
        self.fingerprint = tls.fingerprint(cert)
        self.port = free_port()
        self.url = f"https://127.0.0.1:{self.port}"
        cmd = [
            sys.executable,
            "-m",
            "casusregie.office.cli",
            "--data",
            str(self.data),
            "--db",
            self.db_url,
            "serve",
            "--port",
            str(self.port),
        ]
        self.proc = subprocess.Popen(
            cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=ROOT
        )
        import socket

        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", self.port), 0.2).close()
                break
            except OSError:
                time.sleep(0.05)
        self.db = Database(self.db_url, pool_size=1)

    def code(self, name: str) -> str:
        _, code = repo.add_device(self.db, name)
        return enrolment_code(code, self.fingerprint)

    def stop(self) -> None:
        self.db.close()
        self.proc.terminate()
        self.proc.wait(10)


def make_store(directory: Path, cases: int, prefix: str) -> Store:
    """``cases`` cases of about 200 field changes each (a case, a person, 19 life events
    and two consent lines), most of them shared."""
    store = Profile(directory).create(PASS, author="Bench", kdf=KDF, use_keyring=False)
    for c in range(cases):
        cid = f"{prefix}-{c:04d}"
        with store.write("Casus") as tx:
            tx.create(
                Case(
                    id=cid,
                    case_id=cid,
                    family_name=f"Familie {c}",
                    aanleiding="Zorg",
                    regisseur="Bench",
                    opened_on="2024-01-01",
                )
            )
            tx.create(
                Person(
                    id=f"{cid}-p",
                    case_id=cid,
                    name="Ouder",
                    role="moeder",
                    birth_date="1980-01-01",
                    gender="v",
                )
            )
            for e in range(19):
                tx.create(
                    LifeEvent(
                        id=f"{cid}-e{e}",
                        case_id=cid,
                        date="2020-01-01",
                        description=f"Gebeurtenis {e} van casus {c}",
                        source="moeder",
                        category="gezin",
                        leefgebied="wonen",
                    )
                )
            for cat in CATEGORIES:
                tx.create(
                    Consent(
                        id=f"{cid}-t-{cat}",
                        case_id=cid,
                        category=cat,
                        given_by=[f"{cid}-p"],
                        given_on=TODAY,
                        purpose="Bench",
                    )
                )
    state = SyncState(store)
    for c in range(cases):  # the regisseur looked at the preview (sync --voorbeeld)
        state.mark_shown(f"{prefix}-{c:04d}", CATEGORIES, "kantoor")
    return store


def changed_fields(store: Store, n: int, prefix: str, round_: int) -> None:
    with store.write("Wijziging") as tx:
        for i in range(n):
            tx.set(
                "life_event",
                f"{prefix}-0000-e{i % 19}",
                "description",
                f"Gewijzigd {round_}-{i}" + ("x" * (i // 19)),
            )


def timed_sync(store: Store) -> float:
    start = time.perf_counter()
    result = run_sync(store)
    took = time.perf_counter() - start
    if not result.ok or result.mismatches:
        raise SystemExit(f"sync failed: {result.state} {result.message}")
    return took


def verdict(ok: bool) -> str:
    return "PASS" if ok else "MISS"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--cases", type=int, default=500)
    ap.add_argument("--devices", type=int, default=50)
    ap.add_argument("--repeats", type=int, default=15)
    ap.add_argument("--pg", metavar="URL", help="office on this PostgreSQL database")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="casusregie-bench-sync-") as tmp:
        base = Path(tmp)
        office = Office(base, args.pg)
        try:
            return run(office, base, args)
        finally:
            office.stop()


def run(office: Office, base: Path, args: argparse.Namespace) -> int:
    backend = "PostgreSQL" if args.pg else "SQLite"
    print(
        f"Casusregie sync benchmark: office on {backend}, loopback TLS, "
        f"{time.strftime('%Y-%m-%d %H:%M')}"
    )

    # 3. initial sync of a large store
    t0 = time.perf_counter()
    big = make_store(base / "groot", args.cases, "g")
    fields = sum(1 for _ in SyncState(big).all_fields("g-0000"))
    print(
        f"  built {args.cases} cases x ~{fields} field changes in {time.perf_counter() - t0:.1f} s"
    )
    enroll(big, office.url, office.code("groot"))
    start = time.perf_counter()
    result = run_sync(big)
    initial = time.perf_counter() - start
    assert result.ok, result.message
    print(
        f"3. initial sync: {result.sent} fields of {args.cases} cases in {initial:.1f} s"
        f"   (target <= 15 s: {verdict(initial <= 15)})"
    )

    # 1. one changed field: 1 case vs many
    small = make_store(base / "klein", 1, "k")
    enroll(small, office.url, office.code("klein"))
    assert run_sync(small).ok
    times: dict[str, list[float]] = {"k": [], "g": []}
    for r in range(args.repeats):
        for prefix, store in (("k", small), ("g", big)):  # alternate, so neither warms the other
            changed_fields(store, 1, prefix, r)
            times[prefix].append(timed_sync(store))
    one, many = statistics.median(times["k"]), statistics.median(times["g"])
    ratio = many / one
    print(
        f"1. one changed field: 1 case {one * 1000:.1f} ms, {args.cases} cases {many * 1000:.1f} ms"
        f" (medians of {args.repeats}); ratio {ratio:.2f}"
        f"   (target <= 1.5: {verdict(ratio <= 1.5)})"
    )

    # 2. bytes on the wire (counting proxy; TLS included)
    sys.path.insert(0, str(ROOT / "tests" / "sync"))
    sys.path.insert(0, str(ROOT / "tests"))
    from officekit import CutProxy  # the tests' loopback proxy, with no cuts

    proxy = CutProxy(office.port, [])
    SyncState(small).set_meta(office_url=proxy.url)
    try:

        def wire(n: int, r: int) -> int:
            if n:
                changed_fields(small, n, "k", 1000 + r)
            before = proxy.bytes
            timed_sync(small)
            return proxy.bytes - before

        nothing = statistics.median(wire(0, r) for r in range(3))
        single = statistics.median(wire(1, r) for r in range(3))
        hundred = statistics.median(wire(100, r) for r in range(3))
    finally:
        proxy.close()
        SyncState(small).set_meta(office_url=office.url)
    per_field = (hundred - nothing) / 100
    print(
        f"2. bytes on the wire: sync with no change {nothing:.0f} B, one changed field "
        f"{single:.0f} B, 100 changed fields {hundred:.0f} B"
    )
    print(
        f"   per changed field: {per_field:.0f} B"
        f"   (target <= 2048 B: {verdict(per_field <= 2048)})"
    )

    # 4. many devices at once
    devices = []
    for d in range(args.devices):
        store = make_store(base / f"dev{d}", 1, f"d{d}")
        enroll(store, office.url, office.code(f"dev{d}"))
        assert run_sync(store).ok
        changed_fields(store, 1, f"d{d}", 0)
        devices.append(store)
    latencies: list[float] = []
    errors: list[str] = []
    gate = threading.Barrier(len(devices))
    lock = threading.Lock()

    def one_device(store: Store) -> None:
        gate.wait(30)
        start = time.perf_counter()
        res = run_sync(store)
        took = time.perf_counter() - start
        with lock:
            latencies.append(took)
            if not res.ok or res.mismatches or res.sent != 1:
                errors.append(f"{res.state}: {res.message}")

    threads = [threading.Thread(target=one_device, args=(s,)) for s in devices]
    start = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    wall = time.perf_counter() - start
    latencies.sort()
    p95 = latencies[max(0, round(0.95 * len(latencies)) - 1)]
    print(
        f"4. {args.devices} devices at once: {len(errors)} errors, all done in {wall:.1f} s; "
        f"one sync p50 {statistics.median(latencies) * 1000:.0f} ms, p95 {p95 * 1000:.0f} ms"
        f"   (target: no errors: {verdict(not errors)})"
    )
    for e in errors[:5]:
        print("   error:", e)
    for store in [big, small, *devices]:
        store.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
