"""Where each person of the genogram goes along its generation row.

Partners form a rigid *block* (side by side, several partners in sequence: earlier
partners to the left, the last one to the right). Blocks are ordered so children stay
under their parents, oldest on the left; then a few alternating passes pull children
under their parents' union and parents over their children. Each pass solves "as close
as possible to where they want to be, in this order, without overlapping" exactly with
a weighted isotonic regression (pool-adjacent-violators), so the result never overlaps
and is the same every time. A person dragged by hand (an override) pulls its block with
a weight no one else can outvote.
"""

from __future__ import annotations

import itertools
from collections import defaultdict
from dataclasses import dataclass

from casusregie.layout.kinship import Family, Kinship, birth_key, date_key

__all__ = ["Block", "place"]

PARTNER_GAP = 16.0  # room between partners' symbols for the union's dates
PERSON_GAP = 5.0
BLOCK_GAP = 7.0
ROUNDS = 3


@dataclass
class Block:
    members: list[str]
    offsets: list[float]
    left: float = 0.0  # x of the first member's centre

    def x(self, i: int) -> float:
        return self.left + self.offsets[i]


def place(
    kin: Kinship, widths: dict[str, float], symbol: float, overrides: dict[str, float]
) -> tuple[dict[str, float], dict[int, list[Block]]]:
    """x of every person's centre, and the blocks of each generation in order."""
    rows = _blocks(kin, widths, symbol)
    block_of = {m: b for row in rows.values() for b in row for m in b.members}
    order = _dfs_order(kin, rows, block_of)
    for g in rows:
        rows[g].sort(key=lambda b: order[id(b)])
        _pack(rows[g], widths)
    placer = _Placer(kin, rows, widths, overrides)
    for _ in range(ROUNDS):
        for g in sorted(rows):
            placer.relax(g, down=True)
        for g in sorted(rows, reverse=True):
            placer.relax(g, down=False)
        for g in sorted(rows):
            placer.reorder(g)
            placer.relax(g, down=True)
    return dict(placer.xs), rows


def _blocks(kin: Kinship, widths: dict[str, float], symbol: float) -> dict[int, list[Block]]:
    rows: dict[int, list[Block]] = defaultdict(list)
    seen: set[str] = set()
    for pid in kin.persons:  # persons are in birth order
        if pid in seen:
            continue
        members = _chain(kin, pid)
        seen.update(members)
        offsets = [0.0]
        for a, b in itertools.pairwise(members):
            gap = PARTNER_GAP + symbol if b in kin.partners.get(a, ()) else 0.0
            step = max((widths[a] + widths[b]) / 2 + PERSON_GAP, gap)
            offsets.append(offsets[-1] + step)
        rows[kin.generation[pid]].append(Block(members, offsets))
    return dict(rows)


def _union_date(kin: Kinship, a: str, b: str) -> tuple[tuple[int, int, int], str]:
    fam = kin.families.get("u:" + "+".join(sorted((a, b))))
    rel = fam.relation if fam else None
    return (date_key(rel.start), rel.id) if rel else ((9999, 99, 99), b)


def _chain(kin: Kinship, start: str) -> list[str]:
    """The partner component of ``start``, in left-to-right order."""
    comp, stack = {start}, [start]
    while stack:
        for q in kin.partners.get(stack.pop(), ()):
            if q not in comp:
                comp.add(q)
                stack.append(q)
    hub = min(comp, key=lambda p: (-len(kin.partners.get(p, ())), birth_key(kin.persons[p])))
    ps = sorted(kin.partners.get(hub, ()), key=lambda q: _union_date(kin, hub, q))
    if len(ps) == 1:
        man_right = kin.persons[ps[0]].gender == "m" and kin.persons[hub].gender != "m"
        order = [ps[0], hub] if man_right else [hub, ps[0]]
    else:
        order = [*ps[:-1], hub, *ps[-1:]]
    queue = [p for p in order if p != hub]
    while queue:
        m = queue.pop(0)
        for q in sorted(kin.partners.get(m, ()), key=lambda q: _union_date(kin, m, q)):
            if q in order:
                continue
            i = order.index(m)
            order.insert(i if i < order.index(hub) else i + 1, q)
            queue.append(q)
    return order


def _dfs_order(
    kin: Kinship, rows: dict[int, list[Block]], block_of: dict[str, Block]
) -> dict[int, int]:
    kids: dict[str, list[str]] = defaultdict(list)
    for fam in sorted(kin.families.values(), key=lambda f: _fam_date(f)):
        for p in fam.parents:
            kids[p].extend(
                c for c, _ in sorted(fam.children, key=lambda c: birth_key(kin.persons[c[0]]))
            )
    order: dict[int, int] = {}
    roots = sorted(
        (b for row in rows.values() for b in row),
        key=lambda b: (
            kin.generation[b.members[0]],
            min(birth_key(kin.persons[m]) for m in b.members),
        ),
    )
    for root in roots:
        stack = [root]
        while stack:
            b = stack.pop()
            if id(b) in order:
                continue
            order[id(b)] = len(order)
            nxt = [block_of[c] for m in b.members for c in kids.get(m, ())]
            stack.extend(reversed(nxt))
    return order


def _fam_date(fam: Family) -> tuple[tuple[int, int, int], str]:
    return (date_key(fam.relation.start) if fam.relation else (9999, 99, 99)), fam.key


def _pack(row: list[Block], widths: dict[str, float]) -> None:
    x = 0.0
    for i, b in enumerate(row):
        if i:
            prev = row[i - 1]
            x = prev.left + prev.offsets[-1] + _sep(prev, b, widths)
        b.left = x


def _sep(a: Block, b: Block, widths: dict[str, float]) -> float:
    return (widths[a.members[-1]] + widths[b.members[0]]) / 2 + BLOCK_GAP


def _isotonic(
    row: list[Block], targets: list[float], weights: list[float], widths: dict[str, float]
) -> None:
    """Move blocks as near their targets as possible, keeping order and spacing (PAV)."""
    shift = [0.0]
    for a, b in itertools.pairwise(row):
        shift.append(shift[-1] + a.offsets[-1] + _sep(a, b, widths))
    pools: list[list[float]] = []  # [value, weight, count]
    for t, w, s in zip(targets, weights, shift, strict=True):
        pools.append([t - s, w, 1])
        while len(pools) > 1 and pools[-2][0] >= pools[-1][0]:
            v2, w2, n2 = pools.pop()
            v1, w1, n1 = pools.pop()
            pools.append([(v1 * w1 + v2 * w2) / (w1 + w2), w1 + w2, n1 + n2])
    i = 0
    for value, _, count in pools:
        for _ in range(int(count)):
            row[i].left = value + shift[i]
            i += 1


class _Placer:
    """The passes over the rows, with what they look up often computed once."""

    def __init__(
        self,
        kin: Kinship,
        rows: dict[int, list[Block]],
        widths: dict[str, float],
        overrides: dict[str, float],
    ) -> None:
        self.kin, self.rows, self.widths, self.overrides = kin, rows, widths, overrides
        gen = kin.generation
        self.xs = {m: b.x(i) for r in rows.values() for b in r for i, m in enumerate(b.members)}
        self.kids: dict[str, list[str]] = {}  # family -> children drawn under it, oldest first
        self.rank: dict[str, int] = {}
        for fam in kin.families.values():
            kids = sorted(
                (c for c, _ in fam.children if kin.primary.get(c) == fam.key),
                key=lambda c: birth_key(kin.persons[c]),
            )
            self.kids[fam.key] = kids
            self.rank.update((c, i) for i, c in enumerate(kids))
        #: person -> family above it (all parents in higher rows)
        self.above = {
            c: f
            for c, f in kin.primary.items()
            if all(gen[p] < gen[c] for p in kin.families[f].parents)
        }
        #: person -> families it heads in its own row, with children
        self.heads: dict[str, list[str]] = defaultdict(list)
        for fam in kin.families.values():
            if self.kids[fam.key] and len({gen[p] for p in fam.parents}) == 1:
                for p in fam.parents:
                    self.heads[p].append(fam.key)

    def _drop(self, key: str) -> float:
        parents = self.kin.families[key].parents
        return sum(self.xs[p] for p in parents) / len(parents)

    def relax(self, g: int, *, down: bool) -> None:
        row, xs, gen = self.rows[g], self.xs, self.kin.generation
        centres: dict[str, float] = {}
        targets: list[float] = []
        weights: list[float] = []
        for b in row:
            total = value = 0.0
            for i, m in enumerate(b.members):
                if m in self.overrides:
                    total, value = total + 1e6, value + (self.overrides[m] - b.offsets[i]) * 1e6
                fam = self.above.get(m)
                if fam:
                    if fam not in centres:
                        sibs = [xs[c] for c in self.kids[fam] if gen[c] == g]
                        centres[fam] = sum(sibs) / len(sibs)
                    w = 1.0 if down else 0.4
                    total += w
                    value += (self._drop(fam) + xs[m] - centres[fam] - b.offsets[i]) * w
                for key in self.heads.get(m, ()):
                    kids = [xs[c] for c in self.kids[key]]
                    w = 0.4 if down else 1.0
                    total += w
                    value += (
                        xs[m] + (min(kids) + max(kids)) / 2 - self._drop(key) - b.offsets[i]
                    ) * w
            if not total:
                total, value = 0.05, b.left * 0.05
            targets.append(value / total)
            weights.append(total)
        _isotonic(row, targets, weights, self.widths)
        for b in row:
            for i, m in enumerate(b.members):
                xs[m] = b.left + b.offsets[i]

    def reorder(self, g: int) -> None:
        """Sort a row's blocks under their parents' unions, siblings oldest first; blocks
        whose parents are not in the genogram go over their children."""
        xs = self.xs

        def key(b: Block) -> tuple[float, int, float]:
            best: tuple[int, float, int] | None = None
            for m in b.members:
                fam = self.above.get(m)
                if fam:
                    cand = (-len(self.kids[fam]), self._drop(fam), self.rank[m])
                    best = cand if best is None or cand < best else best
            here = xs[b.members[0]]
            if best is not None:
                return (best[1], best[2], here)
            kids = [
                xs[c] - b.offsets[i]
                for i, m in enumerate(b.members)
                for f in self.heads.get(m, ())
                for c in self.kids[f]
            ]
            return (sum(kids) / len(kids) if kids else here, 0, here)

        self.rows[g].sort(key=key)
