"""How long the PDFs take: the veiligheidsplan and the dossier, demo and large case.

Run from the repository root (works without installing the package)::

    python bench/reports.py            # about half a minute; --rounds N for more samples

What is measured
----------------
From an aggregate already in memory (``CaseFile``; reading the store is measured in
``bench/store.py``) to the finished PDF bytes, in memory (nothing is written):

1. **veiligheidsplan, demo** -- ``safety_plan_pdf`` of the demo family (the family's
   shared copy, so the "niet delen met" redaction runs too). Target <= 0.3 s.
2. **veiligheidsplan, per person** -- the same, for one person's copy.
3. **dossier, demo** -- ``dossier_pdf`` of the demo family: every template.
4. **dossier, large** -- ``dossier_pdf`` of the large case of ``bench/common.py``
   (80 persons, 2,000 life events, 40 help episodes). Target <= 3 s.
5. **overdracht, large** -- ``handover_pdf`` of the large case. Target <= 3 s.

Free texts are at most 20,000 characters (``domain.limits``), so one field can no longer
make a report take minutes; the 2,000 events print as fast plain-text rows
(``reports.rows``) and the table of contents is filled in after one layout pass.

One warm-up run of each (fonts registered, templates loaded) comes first; each figure
is the median of the rounds, in CPU time of this process (``time.process_time``) and
in wall time. **The target is judged on CPU time**: on a shared machine the wall time
grows with everyone else's work (a 1.8 s dossier took 30 s of wall time on a loaded
two-core box), while the CPU time is what this code costs. The column "wall/cpu" shows
how loaded the machine was (about 1.0 on a quiet one). Pages are printed so a change
in size is visible. Times are printed, never asserted: tests do not time anything.
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from collections.abc import Callable

from common import ensure_importable, make_large_document

ensure_importable()

from casusregie.domain.caseformat import from_document  # noqa: E402
from casusregie.reports.case_file import dossier_pdf, handover_pdf  # noqa: E402
from casusregie.reports.safety_plan import safety_plan_pdf  # noqa: E402
from casusregie.reports.service import page_count  # noqa: E402
from casusregie.templates import load_templates, resource_path  # noqa: E402

TARGETS = {"veiligheidsplan, demo": 0.3, "dossier, large": 3.0, "overdracht, large": 3.0}


def measure(fn: Callable[[], bytes], rounds: int) -> tuple[float, float, int]:
    fn()  # warm-up
    walls, cpus, pages = [], [], 0
    for _ in range(rounds):
        w, c = time.perf_counter(), time.process_time()
        pdf = fn()
        walls.append(time.perf_counter() - w)
        cpus.append(time.process_time() - c)
        pages = page_count(pdf)
    return statistics.median(walls), statistics.median(cpus), pages


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    templates = load_templates()
    demo_doc = json.loads(resource_path("demo", "familie-demo.json").read_text("utf-8"))
    demo = from_document(demo_doc)
    large = from_document(make_large_document(persons=80, events=2000))
    person = next(p.id for p in demo.persons if p.role == "vader")
    cases: list[tuple[str, Callable[[], bytes], int]] = [
        ("veiligheidsplan, demo", lambda: safety_plan_pdf(demo), args.rounds),
        ("veiligheidsplan, per person", lambda: safety_plan_pdf(demo, person), args.rounds),
        ("dossier, demo", lambda: dossier_pdf(demo, templates), args.rounds),
        ("dossier, large", lambda: dossier_pdf(large, templates), max(3, args.rounds // 2)),
        ("overdracht, large", lambda: handover_pdf(large, templates), max(3, args.rounds // 2)),
    ]
    head = f"{'report':30} {'cpu s':>8} {'wall s':>8} {'wall/cpu':>8} {'pages':>6} {'target':>10}"
    print(head)
    for name, fn, rounds in cases:
        wall, cpu, pages = measure(fn, rounds)
        target = TARGETS.get(name)
        verdict = "" if target is None else ("ok" if cpu <= target else "TE TRAAG")
        shown = f"cpu <= {target:.1f}" if target is not None else ""
        ratio = wall / cpu if cpu > 0 else float("nan")
        print(f"{name:30} {cpu:8.3f} {wall:8.3f} {ratio:8.1f} {pages:6d} {shown:>10}  {verdict}")


if __name__ == "__main__":
    main()
