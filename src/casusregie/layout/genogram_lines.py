"""The lines of a genogram: unions, the drop to the children, sibling lines.

A union hangs below its partners: a short stub down from each symbol to the union
line, so the names below never sit under a line. Partners further apart (a third
partner) get a deeper union line. Children hang from a *drop*: a vertical from the
union line, placed in a gap between names, to a sibling line just above the children;
twins share one point on it. A drop or sibling line that would touch another one gets
its own level, so lines cross but never run along each other.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from casusregie.layout.geometry import free_x
from casusregie.layout.kinship import Family, Kinship

__all__ = ["FamilyLines", "plan_lines", "row_slots"]


@dataclass
class FamilyLines:
    fam: Family
    row: int
    #: (person, x of its stub) for each parent in ``row``
    stubs: list[tuple[str, float]]
    drop: float | None = None
    level: int = 0
    #: child row -> (sibling line level, [(child, link type, x where it meets the child)])
    groups: dict[int, tuple[int, list[tuple[str, str, float]]]] = field(default_factory=dict)
    #: children not below their parents (contradictory relations): (child, link type)
    odd: list[tuple[str, str]] = field(default_factory=list)

    @property
    def span(self) -> tuple[float, float]:
        xs = [x for _, x in self.stubs] + ([self.drop] if self.drop is not None else [])
        return min(xs), max(xs)


def _levels(intervals: list[tuple[float, float, object]], tol: float) -> dict[object, int]:
    """Smallest level for each interval such that no two on one level touch."""
    taken: dict[int, list[tuple[float, float]]] = defaultdict(list)
    out: dict[object, int] = {}
    for lo, hi, key in sorted(intervals, key=lambda t: (t[1] - t[0], t[0], str(t[2]))):
        level = 0
        while any(lo < b + tol and a < hi + tol for a, b in taken[level]):
            level += 1
        taken[level].append((lo, hi))
        out[key] = level
    return out


def row_slots(
    kin: Kinship, xs: dict[str, float], widths: dict[str, float]
) -> dict[int, list[tuple[float, float]]]:
    """Per generation, the stretches taken by a symbol and its name (with 1 mm to spare):
    a vertical line must pass between them."""
    slots: dict[int, list[tuple[float, float]]] = defaultdict(list)
    for pid, x in xs.items():
        slots[kin.generation[pid]].append((x - widths[pid] / 2 - 1.0, x + widths[pid] / 2 + 1.0))
    return slots


def plan_lines(
    kin: Kinship, xs: dict[str, float], widths: dict[str, float], symbol: float
) -> tuple[list[FamilyLines], dict[int, int], dict[int, int]]:
    """Every family's lines, and per row the number of union and sibling levels."""
    gen = kin.generation
    slots = row_slots(kin, xs, widths)
    plans: list[FamilyLines] = []
    for fam in kin.families.values():
        row = max(gen[p] for p in fam.parents)
        here = [p for p in fam.parents if gen[p] == row]
        if len(here) == 2:
            a, b = sorted(here, key=lambda p: xs[p])
            stubs = [(a, xs[a] + symbol / 4), (b, xs[b] - symbol / 4)]
        else:
            p = here[0]
            kid_xs = [xs[c] for c, _ in fam.children] or [xs[p]]
            side = 1 if sum(kid_xs) / len(kid_xs) >= xs[p] else -1
            stubs = [(p, xs[p] + side * symbol / 4)]
        plans.append(FamilyLines(fam, row, stubs))
    taken: dict[int, list[float]] = defaultdict(list)
    for plan in sorted(plans, key=lambda f: (f.row, f.span[1] - f.span[0], f.span[0], f.fam.key)):
        kids = [(c, k) for c, k in plan.fam.children if c in xs and gen[c] > plan.row]
        plan.odd = [(c, k) for c, k in plan.fam.children if c in xs and gen[c] <= plan.row]
        if not kids:
            continue
        deepest = max(gen[c] for c, _ in kids)
        blocked = [s for r in range(plan.row, deepest) for s in slots[r]]
        lo, hi = plan.span
        centre = sum(xs[c] for c, _ in kids) / len(kids)
        want = min(max(centre, lo), hi)  # the point of the union line nearest the children
        if len(plan.stubs) == 1:
            want = plan.stubs[0][1] + (1.0 if centre >= plan.stubs[0][1] else -1.0)
        plan.drop = free_x(want, blocked, [t for r in range(plan.row, deepest) for t in taken[r]])
        for r in range(plan.row, deepest):
            taken[r].append(plan.drop)
        by_row: dict[int, list[tuple[str, str, float]]] = defaultdict(list)
        for c, k in sorted(kids, key=lambda ck: xs[ck[0]]):
            primary = kin.primary.get(c) == plan.fam.key
            by_row[gen[c]].append((c, k, xs[c] if primary else xs[c] + symbol * 0.3))
        plan.groups = {r: (0, members) for r, members in by_row.items()}
    union_levels: dict[int, int] = defaultdict(lambda: 1)
    by_row_plans: dict[int, list[FamilyLines]] = defaultdict(list)
    for plan in plans:
        by_row_plans[plan.row].append(plan)
    for row, row_plans in by_row_plans.items():
        lv = _levels([(*fp.span, fp.fam.key) for fp in row_plans], 0.8)
        for fp in row_plans:
            fp.level = lv[fp.fam.key]
        union_levels[row] = max(lv.values(), default=0) + 1
    sib_levels: dict[int, int] = defaultdict(lambda: 1)
    spans: dict[int, list[tuple[float, float, object]]] = defaultdict(list)
    for plan in plans:
        for r, (_, members) in plan.groups.items():
            xs_ = [x for _, _, x in members] + [plan.drop or 0.0]
            spans[r].append((min(xs_), max(xs_), plan.fam.key))
    for r, items in spans.items():
        lv = _levels(items, 1.5)
        for plan in plans:
            if r in plan.groups:
                plan.groups[r] = (lv[plan.fam.key], plan.groups[r][1])
        sib_levels[r] = max(lv.values()) + 1
    return plans, dict(union_levels), dict(sib_levels)
