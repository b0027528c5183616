"""Small geometry helpers shared by the layouts: crossing tests, curves and patterns.

All functions are pure and deterministic; points are ``(x, y)`` tuples in mm.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterable, Sequence

from casusregie.layout.primitives import Box

__all__ = [
    "BoxIndex",
    "arrow_head",
    "clip_to_box",
    "free_x",
    "offset",
    "point_at",
    "quad_curve",
    "resample",
    "segment_hits_box",
    "zigzag",
]

Point = tuple[float, float]


def segment_hits_box(a: Point, b: Point, box: Box) -> bool:
    """Whether the segment a-b enters the inside of ``box`` (Liang-Barsky clipping)."""
    (x1, y1), (x2, y2) = a, b
    dx, dy = x2 - x1, y2 - y1
    t0, t1 = 0.0, 1.0
    for p, q in ((-dx, x1 - box.x0), (dx, box.x1 - x1), (-dy, y1 - box.y0), (dy, box.y1 - y1)):
        if p == 0:
            if q <= 0:
                return False
            continue
        t = q / p
        if p < 0:
            t0 = max(t0, t)
        else:
            t1 = min(t1, t)
        if t0 >= t1:
            return False
    return True


def quad_curve(a: Point, b: Point, bulge: float, steps: int = 16) -> list[Point]:
    """A quadratic curve from a to b whose middle is pushed sideways by ``bulge`` x length."""
    (x1, y1), (x2, y2) = a, b
    length = math.hypot(x2 - x1, y2 - y1) or 1.0
    nx, ny = -(y2 - y1) / length, (x2 - x1) / length
    cx = (x1 + x2) / 2 + nx * bulge * length * 2
    cy = (y1 + y2) / 2 + ny * bulge * length * 2
    if bulge == 0:
        return [a, b]
    out = []
    for i in range(steps + 1):
        t = i / steps
        u = 1 - t
        out.append(
            (u * u * x1 + 2 * u * t * cx + t * t * x2, u * u * y1 + 2 * u * t * cy + t * t * y2)
        )
    return out


def _inside(p: Point, box: Box) -> bool:
    return box.x0 < p[0] < box.x1 and box.y0 < p[1] < box.y1


def clip_to_box(points: list[Point], start: Box, end: Box) -> list[Point]:
    """Cut a path so it begins where it leaves ``start`` and ends where it enters ``end``."""
    pts = list(points)
    for box, forward in ((start, True), (end, False)):
        seq = pts if forward else pts[::-1]
        i = 0
        while i < len(seq) - 2 and _inside(seq[i + 1], box):
            i += 1
        a, b = seq[i], seq[i + 1]
        lo, hi = 0.0, 1.0  # bisect the crossing on segment a-b
        for _ in range(20):
            mid = (lo + hi) / 2
            p = (a[0] + (b[0] - a[0]) * mid, a[1] + (b[1] - a[1]) * mid)
            lo, hi = (mid, hi) if _inside(p, box) else (lo, mid)
        cut = (a[0] + (b[0] - a[0]) * hi, a[1] + (b[1] - a[1]) * hi)
        seq = [cut, *seq[i + 1 :]]
        pts = seq if forward else seq[::-1]
    return pts


def _length(points: Sequence[Point]) -> float:
    return sum(math.dist(points[i], points[i + 1]) for i in range(len(points) - 1))


def point_at(points: Sequence[Point], s: float) -> tuple[Point, Point]:
    """The point at arc length ``s`` and the unit direction there."""
    for i in range(len(points) - 1):
        a, b = points[i], points[i + 1]
        d = math.dist(a, b)
        if s <= d or i == len(points) - 2:
            t = 0.0 if d == 0 else min(max(s / d, 0.0), 1.0)
            ux, uy = ((b[0] - a[0]) / d, (b[1] - a[1]) / d) if d else (1.0, 0.0)
            return (a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t), (ux, uy)
        s -= d
    return points[-1], (1.0, 0.0)


def resample(points: Sequence[Point], step: float) -> list[tuple[Point, Point]]:
    """Points (with direction) every ``step`` mm along a path, both ends included."""
    lengths = [math.dist(points[i], points[i + 1]) for i in range(len(points) - 1)]
    total = sum(lengths)
    n = max(1, round(total / step))
    out: list[tuple[Point, Point]] = []
    i, start = 0, 0.0  # segment index and the arc length where it starts
    for k in range(n + 1):
        s = total * k / n
        while i < len(lengths) - 1 and start + lengths[i] < s:
            start += lengths[i]
            i += 1
        (x1, y1), (x2, y2), d = points[i], points[i + 1], lengths[i]
        t = min(max((s - start) / d, 0.0), 1.0) if d else 0.0
        u = ((x2 - x1) / d, (y2 - y1) / d) if d else (1.0, 0.0)
        out.append(((x1 + (x2 - x1) * t, y1 + (y2 - y1) * t), u))
    return out


def offset(points: Sequence[Point], d: float) -> list[Point]:
    """The path moved sideways by ``d`` (left of the direction of travel)."""
    return [(p[0] - u[1] * d, p[1] + u[0] * d) for p, u in resample(points, 1.0)]


def zigzag(points: Sequence[Point], amplitude: float, wavelength: float) -> list[Point]:
    """A zigzag along a path (the conflict and violence lines); straight at both ends."""
    samples = resample(points, wavelength / 2)
    last = len(samples) - 1
    out = []
    for i, ((x, y), (ux, uy)) in enumerate(samples):
        side = 0.0 if i == 0 or i == last else (amplitude if i % 2 else -amplitude)
        out.append((x - uy * side, y + ux * side))
    return out


def arrow_head(tip: Point, direction: Point, size: float) -> tuple[Point, Point, Point]:
    """A triangle pointing along ``direction`` with its point at ``tip``."""
    ux, uy = direction
    bx, by = tip[0] - ux * size, tip[1] - uy * size
    w = size * 0.45
    return tip, (bx - uy * w, by + ux * w), (bx + uy * w, by - ux * w)


def free_x(x: float, blocked: Iterable[tuple[float, float]], taken: Iterable[float] = ()) -> float:
    """The x nearest to ``x`` outside every blocked interval and away from ``taken`` x's."""
    spans = sorted(blocked) + sorted((t - 2.5, t + 2.5) for t in taken)
    candidates = [x] + [edge for lo, hi in spans for edge in (lo - 1e-3, hi + 1e-3)]
    for c in sorted(candidates, key=lambda c: (abs(c - x), c)):
        if not any(lo < c < hi for lo, hi in spans):
            return c
    return x


class BoxIndex:
    """Boxes in a grid of square cells, to find quickly which boxes a path crosses."""

    def __init__(self, boxes: Iterable[Box], cell: float = 40.0) -> None:
        self.boxes = list(boxes)
        self.cell = cell
        self.grid: dict[tuple[int, int], list[int]] = {}
        for i, b in enumerate(self.boxes):
            for key in self._cells(b.x0, b.y0, b.x1, b.y1):
                self.grid.setdefault(key, []).append(i)

    def _cells(self, x0: float, y0: float, x1: float, y1: float) -> Iterable[tuple[int, int]]:
        c = self.cell
        for i in range(math.floor(x0 / c), math.floor(x1 / c) + 1):
            for j in range(math.floor(y0 / c), math.floor(y1 / c) + 1):
                yield (i, j)

    def crossed(self, path: Sequence[Point]) -> int:
        """How many boxes the path enters."""
        hit: set[int] = set()
        for a, b in itertools.pairwise(path):
            seen: set[int] = set()
            for key in self._cells(
                min(a[0], b[0]), min(a[1], b[1]), max(a[0], b[0]), max(a[1], b[1])
            ):
                for i in self.grid.get(key, ()):
                    if i not in hit and i not in seen:
                        seen.add(i)
                        if segment_hits_box(a, b, self.boxes[i]):
                            hit.add(i)
        return len(hit)
