"""How the picture layouts grow with the family: genogram and tijdlijn.

Run from the repository root (works without installing the package)::

    python bench/layout.py            # a few seconds; --rounds for more samples

What is measured
----------------
* **genogram**: ``layout.genogram`` of an invented family of 20, 50, 100 and 200
  people over four generations (``tests/layout_families.generated``: couples, divorces
  and second marriages, in-laws, emotional lines between relatives, a household), and
  the same picture turned into a reportlab drawing and a one-page PDF (``pdf``).
* **tijdlijn**: ``layout.timeline`` of a case with 100 to 2,000 life events and one
  help episode per 20 events over 25 years.

Every figure is the median of ``--rounds`` runs after one warm-up. ``ratio`` is the time
divided by the time of the smallest size: how the cost grows, which is what compares
across machines. The issue's targets: 200 people <= 100 ms, and 20 -> 200 people grows
<= 15x. PASS/MISS is printed only; this is a report and never fails a build (tests
never assert times).
"""

from __future__ import annotations

import argparse
import io
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(ROOT / "tests"))

from common import ensure_importable  # noqa: E402

ensure_importable()

from casusregie.layout import genogram, timeline  # noqa: E402
from casusregie.reports.drawing import to_drawing, write_pdf  # noqa: E402
from layout_families import events, generated  # noqa: E402


def _median_ms(fn: Callable[[], object], rounds: int) -> float:
    fn()
    samples = []
    for _ in range(rounds):
        start = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - start) * 1000)
    return statistics.median(samples)


def _pdf(cf: object) -> None:
    picture = genogram(cf)  # type: ignore[arg-type]
    to_drawing(picture)
    write_pdf(picture, io.BytesIO(), "Genogram")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=15, help="samples per size (median)")
    args = parser.parse_args()

    print("genogram layout (median of", args.rounds, "runs)")
    print(f"{'people':>8} {'layout ms':>10} {'ratio':>7} {'+ pdf ms':>9} {'ratio':>7}")
    base = base_pdf = 0.0
    times = {}
    for n in (20, 50, 100, 200):
        cf = generated(n, seed=4)
        ms = _median_ms(lambda cf=cf: genogram(cf), args.rounds)
        pdf = _median_ms(lambda cf=cf: _pdf(cf), max(3, args.rounds // 3))
        base, base_pdf = base or ms, base_pdf or pdf
        times[n] = ms
        row = f"{len(cf.persons):>8} {ms:>10.1f} {ms / base:>6.1f}x"
        print(f"{row} {pdf:>9.1f} {pdf / base_pdf:>6.1f}x")
    grow = times[200] / times[20]
    verdict = "PASS" if times[200] <= 100 else "MISS"
    print(f"target 200 people <= 100 ms: {times[200]:.1f} ms  {verdict}")
    print(f"target 20 -> 200 grows <= 15x: {grow:.1f}x  {'PASS' if grow <= 15 else 'MISS'}")

    print()
    print("tijdlijn layout")
    print(f"{'events':>8} {'layout ms':>10} {'ratio':>7}")
    base = 0.0
    for n in (100, 250, 500, 1000, 2000):
        cf = events(n)
        ms = _median_ms(lambda cf=cf: timeline(cf), max(3, args.rounds // 2))
        base = base or ms
        print(f"{n:>8} {ms:>10.1f} {ms / base:>6.1f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
