"""What encryption costs the case store: the same workload on SQLCipher and on plain SQLite.

Run from the repository root (works without installing the package)::

    python bench/store.py            # about a minute; --help for sizes and rounds

What is measured
----------------
Each round makes a fresh temporary directory and fresh stores, once encrypted
(SQLCipher with a random 32-byte key, opened exactly as the app opens it) and once plain
(``Store.open(..., plain=True)``: the same store code, schema and pragmas, and the same
SQLite build -- ``sqlcipher3``'s -- only without a key; it exists only for this
benchmark), and runs the same workload on both:

1. **import** -- ``caseio.import_case`` of one large invented case (``bench/common.py``:
   80 persons, 2000 life events, 40 help episodes: about 17,800 change rows) in one
   transaction. That includes the JSON Schema and domain validation and the template
   answer check afterwards (a ``load_case``), mostly pure Python that is the same for both
   stores, so **import, store part** times the same ``tx.create`` loop
   alone on an already validated case (what import_case does after validating), in a
   second fresh store.
2. **edits** -- 500 single-field edits, each its own ``store.write()`` transaction
   (alternately ``tx.set`` of a person's name and of a life event's description), each
   timed on its own. The table gives the median of one edit; p95 is printed below it.
3. **open + check** -- ``Store.open`` with the integrity check (SQLCipher's HMAC check
   of every page plus ``quick_check``), as the app opens at unlock. No target.
4. **open** -- ``Store.open(check=False)``: connect, key, pragmas, migrations check and
   the store's own start-up queries. No target.
5. **reads** -- right after that open, with SQLite's page cache empty (so every page is
   read and, when encrypted, checked and decrypted): ``load_case`` of the whole case
   (**reads: load_case**) plus ``history()`` of 50 fields, 25 edited and 25 not
   (**reads: 50 history**). **reads, again** repeats both with a warm cache. No target.

Steps 3-5 are short, so each round repeats them (``--read-repeats``) and keeps every
sample. Rounds alternate which store goes first, so neither profits from the other
having warmed the OS; a warm-up run of a small case on each store comes first. Every
figure is the median of all samples of that phase.

How to read it
--------------
``ratio`` is encrypted / plain: what encryption costs on identical work. The targets are
the issue's: bulk import <= 1.5x, reads <= 1.1x, single-field edits <= 2.0x, and one edit
on the encrypted store <= 5 ms (median). PASS/MISS is printed only: this is a report,
it never exits non-zero for a miss.

Caveats. Both stores run on the SQLite inside ``sqlcipher3`` (its version is printed),
so the ratio is encryption alone, not two SQLite versions or compile options. Each commit
is durable (``synchronous = FULL``), so edit times follow how fast the disk flushes, and
on a shared machine single samples are noisy: compare ratios and medians, not one run's
absolute times, across machines.
"""

from __future__ import annotations

import argparse
import gc
import os
import platform
import secrets
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import ensure_importable, make_large_document

ensure_importable()

import sqlcipher3  # noqa: E402

from casusregie.store import sqlite as store_sqlite  # noqa: E402
from casusregie.store.caseio import import_case, validate_document  # noqa: E402
from casusregie.store.database import Store  # noqa: E402

ENC, PLAIN = "encrypted", "plain"

# (phase, label in the table, target ratio or None)
PHASES: list[tuple[str, str, float | None]] = [
    ("import", "import (import_case)", 1.5),
    ("import_store", "import, store part", 1.5),
    ("edit", "single edit (median)", 2.0),
    ("open_check", "open + integrity check", None),
    ("open", "open (check=False)", None),
    ("reads", "reads (cold cache)", 1.1),
    ("reads_load", "  reads: load_case", None),
    ("reads_history", "  reads: 50 history()", None),
    ("reads_warm", "reads, again (warm)", None),
]
EDIT_MS_TARGET = 5.0


def _timed(fn: Callable[[], Any]) -> tuple[float, Any]:
    gc.collect()
    start = time.perf_counter()
    result = fn()
    return time.perf_counter() - start, result


def _open(path: Path, key: bytes | None, **kw: Any) -> Store:
    return Store.open(path, key, plain=key is None, **kw)


def run_once(
    variant: str, doc: dict[str, Any], edits: int, read_repeats: int, workdir: Path
) -> dict[str, Any]:
    """The whole workload once on fresh stores; returns lists of seconds per phase."""
    key = secrets.token_bytes(32) if variant == ENC else None
    out: dict[str, Any] = {}
    case_id = doc["case"]["id"]
    person_ids = [p["id"] for p in doc["persons"]]
    event_ids = [e["id"] for e in doc["life_events"]]
    n_entities = 1 + sum(
        len(doc[k]) for k in ("persons", "relations", "life_events", "help_episodes")
    )

    # 1. Bulk import through the public entry point, one transaction.
    path = workdir / f"{variant}.db"
    store = _open(path, key, create=True, author="bench")
    seconds, _ = _timed(lambda: import_case(store, doc))
    out["import"] = [seconds]
    out["change_rows"] = len(store.changes_since(0, limit=10**9))
    out["cipher_version"] = store.cipher_version()
    store.close()

    # 1b. The store part alone: the loop import_case runs after validating.
    cf = validate_document(doc)
    store_b = _open(workdir / f"{variant}-b.db", key, create=True, author="bench")

    def create_all() -> None:
        with store_b.write("Casus ingelezen") as tx:
            for entity in cf.entities():
                tx.create(entity)

    seconds, _ = _timed(create_all)
    out["import_store"] = [seconds]
    store_b.close()

    # 2. Single-field edits, each its own transaction, each timed.
    store = _open(path, key, check=False)
    times: list[float] = []
    edited: list[tuple[str, str, str]] = []
    gc.collect()
    for i in range(edits):
        if i % 2 == 0:
            target = ("person", person_ids[(i // 2) % len(person_ids)], "name")
            value = f"Naam na bewerking {i}"
            action = "Naam gewijzigd"
        else:
            target = ("life_event", event_ids[(i * 7) % len(event_ids)], "description")
            value = f"Beschrijving na bewerking {i}"
            action = "Gebeurtenis gewijzigd"
        start = time.perf_counter()
        with store.write(action) as tx:
            changed = tx.set(*target, value)
        times.append(time.perf_counter() - start)
        assert changed
        edited.append(target)
    out["edit"] = times
    out["edit_total"] = [sum(times)]
    store.close()

    # 3-5. Reopen with and without the check, then read everything, cold and warm.
    fields = list(dict.fromkeys(edited))[:25]
    fields += [("life_event", eid, "date") for eid in event_ids[-25:]]

    def load() -> int:
        return len(store.load_case(case_id).entities())

    def histories() -> int:
        return sum(len(store.history(etype, eid, fname)) for etype, eid, fname in fields)

    for phase in ("open_check", "open", "reads", "reads_load", "reads_history", "reads_warm"):
        out[phase] = []
    for _ in range(read_repeats):
        seconds, store = _timed(lambda: _open(path, key, check=True))
        out["open_check"].append(seconds)
        store.close()
        seconds, store = _timed(lambda: _open(path, key, check=False))
        out["open"].append(seconds)
        t_load, n_load = _timed(load)
        t_hist, n_hist = _timed(histories)
        t_warm, n_warm = _timed(lambda: load() + histories())
        store.close()
        assert n_load == n_entities and n_load + n_hist == n_warm
        out["reads_load"].append(t_load)
        out["reads_history"].append(t_hist)
        out["reads"].append(t_load + t_hist)
        out["reads_warm"].append(t_warm)
    out["db_bytes"] = path.stat().st_size
    return out


def check_same_engine() -> str:
    """The plain store's SQLite version; refuses to run unless it is sqlcipher3's own
    build (a plain store on another SQLite would measure versions, not encryption)."""
    with tempfile.TemporaryDirectory() as tmp:
        db = store_sqlite.connect(Path(tmp) / "probe.db", None, plain=True)
        try:
            version = str(db.execute("SELECT sqlite_version()").fetchone()[0])
            if not isinstance(db, sqlcipher3.Connection) or version != sqlcipher3.sqlite_version:
                raise SystemExit("bench/store.py: the plain store is not on sqlcipher3's SQLite")
        finally:
            db.close()
    return version


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:9.2f} ms"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="Encrypted vs plain store on the same workload (see the docstring)."
    )
    parser.add_argument(
        "--rounds",
        type=int,
        default=6,
        help="rounds, alternating which store goes first (default 6)",
    )
    parser.add_argument(
        "--read-repeats", type=int, default=5, help="open/read samples per round (default 5)"
    )
    parser.add_argument("--edits", type=int, default=500)
    parser.add_argument("--persons", type=int, default=80)
    parser.add_argument("--events", type=int, default=2000)
    parser.add_argument("--episodes", type=int, default=40)
    parser.add_argument(
        "--dir",
        type=Path,
        default=None,
        help="where the temporary stores go (default: the system temp dir)",
    )
    args = parser.parse_args(argv)
    plain_version = check_same_engine()

    doc = make_large_document(args.persons, args.events, args.episodes)
    small = make_large_document(10, 100, 5, seed=2)
    results: dict[str, list[dict[str, Any]]] = {ENC: [], PLAIN: []}
    started = time.perf_counter()
    load_before = _load_average()

    with tempfile.TemporaryDirectory(prefix="casusregie-bench-", dir=args.dir) as tmp:
        base = Path(tmp)
        for variant in (ENC, PLAIN):  # warm-up: imports, code paths, the OS
            (base / f"warm-{variant}").mkdir()
            run_once(variant, small, 20, 1, base / f"warm-{variant}")
        for r in range(args.rounds):
            order = (ENC, PLAIN) if r % 2 == 0 else (PLAIN, ENC)
            for variant in order:
                workdir = base / f"round{r}-{variant}"
                workdir.mkdir()
                results[variant].append(
                    run_once(variant, doc, args.edits, args.read_repeats, workdir)
                )
                print(f"  round {r + 1}/{args.rounds} {variant:9s} done", file=sys.stderr)

    def samples(variant: str, phase: str) -> list[float]:
        return [s for run in results[variant] for s in run[phase]]

    def med(variant: str, phase: str) -> float:
        return statistics.median(samples(variant, phase))

    def p95(variant: str, phase: str) -> float:
        return statistics.quantiles(samples(variant, phase), n=20)[-1]

    enc0, plain0 = results[ENC][0], results[PLAIN][0]
    plain_engine = f"the same SQLite {plain_version} (sqlcipher3) without a key"
    print()
    print(
        f"Casusregie store benchmark: {args.rounds} rounds, medians; "
        f"Python {platform.python_version()} on {platform.system()} {platform.machine()}"
    )
    print(
        f"  encrypted: SQLCipher {enc0['cipher_version']} (SQLite "
        f"{sqlcipher3.sqlite_version}); plain: {plain_engine}"
    )
    print(
        f"  case: {args.persons} persons, {len(doc['relations'])} relations, "
        f"{args.events} life events, {args.episodes} help episodes; the import wrote "
        f"{enc0['change_rows']} change rows (plain: {plain0['change_rows']})"
    )
    print(
        f"  db file after the run: encrypted {enc0['db_bytes'] / 1e6:.2f} MB, "
        f"plain {plain0['db_bytes'] / 1e6:.2f} MB"
    )
    print()
    header = f"{'phase':24s} {'plain':>12s} {'encrypted':>12s} {'ratio':>7s} {'target':>7s}  result"
    print(header)
    print("-" * len(header))
    for phase, label, target in PHASES:
        p, e = med(PLAIN, phase), med(ENC, phase)
        ratio = e / p if p else float("inf")
        tgt = f"<={target:.1f}x" if target is not None else ""
        verdict = ("PASS" if ratio <= target else "MISS") if target is not None else ""
        print(f"{label:24s} {_ms(p):>12s} {_ms(e):>12s} {ratio:6.2f}x {tgt:>7s}  {verdict}")
    print("-" * len(header))
    edit_ms = med(ENC, "edit") * 1000
    verdict = "PASS" if edit_ms <= EDIT_MS_TARGET else "MISS"
    print(
        f"single edit, encrypted: median {edit_ms:.2f} ms, target <= "
        f"{EDIT_MS_TARGET:.0f} ms: {verdict}  (p95 {p95(ENC, 'edit') * 1000:.2f} ms; "
        f"plain median {med(PLAIN, 'edit') * 1000:.2f} ms, "
        f"p95 {p95(PLAIN, 'edit') * 1000:.2f} ms)"
    )
    print(
        f"all {args.edits} edits of a round: plain {med(PLAIN, 'edit_total'):.2f} s, "
        f"encrypted {med(ENC, 'edit_total'):.2f} s"
    )
    print(
        f"whole run {time.perf_counter() - started:.0f} s. ratio = encrypted / plain; "
        "a MISS is reported, never an error."
    )
    load_after, cpus = _load_average(), os.cpu_count() or 1
    if max(load_before, load_after) > 0.5 + (1 if cpus > 1 else 0):
        print(
            f"note: other work was running (load average {load_before:.1f} before, "
            f"{load_after:.1f} after, {cpus} CPUs; the benchmark itself counts as 1): "
            "expect noise of 10-20% in single phases; run again on a quiet machine before "
            "reading much into a ratio near its target."
        )
    return 0


def _load_average() -> float:
    try:
        return os.getloadavg()[0]
    except (AttributeError, OSError):  # not on Windows
        return 0.0


if __name__ == "__main__":
    sys.exit(main())
