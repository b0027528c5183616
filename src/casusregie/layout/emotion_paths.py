"""Emotional relations on paper: a line only where it reads cleanly, else on its own page.

On paper an emotional line may not cross a symbol or a text (a name, a date, a union's
years), and may not run along another line or a household border: a court or a family
reads a line drawn over a label, or lying on a border, as something else. ``clean_path``
tries the curves of ``emotional.route`` from the least bent and keeps the first that
breaks none of these rules. ``detour_path`` then tries routes with rounded corners
through the free channels between the rows and beside the symbols (``detours``: out of
a symbol up, down or sideways, along a free horizontal channel, into the other symbol),
shortest first. Only when none of these reads cleanly is the relation drawn on a
separate "relaties" page instead (``genogram.paper_genogram``).

``path_problems`` is the check itself; the tests use it on generated families.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable, Sequence

from casusregie.layout.emotional import BULGES
from casusregie.layout.geometry import clip_to_box, quad_curve, resample, segment_hits_box
from casusregie.layout.primitives import Box

__all__ = [
    "ALONG",
    "CLEAR",
    "Point",
    "Segment",
    "clean_path",
    "detour_path",
    "detours",
    "hugs",
    "path_problems",
]

Point = tuple[float, float]
Segment = tuple[Point, Point]
#: how far (mm) a line keeps from symbols and texts (a zigzag swings about 1 mm)
CLEAR = 1.3
#: closer than this to another line, and nearly parallel, counts as running along it
ALONG = 2.4
_ALONG_RUN = 2.5
_ALONG_ANGLE = math.radians(25)


def _dist(p: Point, s: Segment) -> tuple[float, Point]:
    (x1, y1), (x2, y2) = s
    dx, dy = x2 - x1, y2 - y1
    n = dx * dx + dy * dy
    t = 0.0 if n == 0 else max(0.0, min(1.0, ((p[0] - x1) * dx + (p[1] - y1) * dy) / n))
    q = (x1 + t * dx, y1 + t * dy)
    length = math.sqrt(n) or 1.0
    return math.hypot(p[0] - q[0], p[1] - q[1]), (dx / length, dy / length)


def _nearby(points: Sequence[Point], lines: Sequence[Segment], d: float) -> list[Segment]:
    """The segments that come within ``d`` of the box around ``points`` (a cheap cut)."""
    xs = [p[0] for p in points]
    ys = [p[1] for p in points]
    x0, x1, y0, y1 = min(xs) - d, max(xs) + d, min(ys) - d, max(ys) + d
    return [
        s
        for s in lines
        if not (
            max(s[0][0], s[1][0]) < x0
            or min(s[0][0], s[1][0]) > x1
            or max(s[0][1], s[1][1]) < y0
            or min(s[0][1], s[1][1]) > y1
        )
    ]


_CELL = 4.0


def _grid(lines: Sequence[Segment], d: float) -> dict[tuple[int, int], list[Segment]]:
    """The segments by square cells of ``_CELL`` mm, each in every cell within ``d`` of
    it: a point then only looks at the segments of its own cell."""
    grid: dict[tuple[int, int], list[Segment]] = {}
    for seg in lines:
        (x1, y1), (x2, y2) = seg
        for i in range(
            math.floor((min(x1, x2) - d) / _CELL), math.floor((max(x1, x2) + d) / _CELL) + 1
        ):
            for j in range(
                math.floor((min(y1, y2) - d) / _CELL), math.floor((max(y1, y2) + d) / _CELL) + 1
            ):
                grid.setdefault((i, j), []).append(seg)
    return grid


def _cell(point: Point) -> tuple[int, int]:
    return math.floor(point[0] / _CELL), math.floor(point[1] / _CELL)


def path_problems(
    path: Sequence[Point],
    blocked: Sequence[Box],
    lines: Sequence[Segment],
) -> list[str]:
    """What is wrong with an emotional line along ``path``: crossing a symbol or text
    in ``blocked`` (kept ``CLEAR`` away), or running along one of ``lines``."""
    out: list[str] = []
    for a, b in itertools.pairwise(path):
        for box in blocked:
            if segment_hits_box(a, b, box.grow(CLEAR)):
                out.append("kruist een symbool of tekst")
                break
        if out:
            break
    run = 0.0
    step = 0.5
    grid = _grid(_nearby(path, lines, ALONG), ALONG)
    for point, (ux, uy) in resample(path, step):
        near = False
        for seg in grid.get(_cell(point), ()):
            d, (vx, vy) = _dist(point, seg)
            if d < ALONG and abs(ux * vy - uy * vx) < math.sin(_ALONG_ANGLE):
                near = True
                break
        run = run + step if near else 0.0
        if run >= _ALONG_RUN:
            out.append("loopt langs een andere lijn")
            break
    return out


def hugs(points: Sequence[Point], lines: Sequence[Segment], near: float = 0.6) -> bool:
    """Whether a drawn stroke (a zigzag leg, one of a double line) lies on one of
    ``lines`` for 2.5 mm or more: it would read as part of that line."""
    samples = resample(points, 0.25)
    grid = _grid(_nearby(points, lines, near), near)
    cells = [grid.get(_cell(point), []) for point, _u in samples]
    for seg in {s for c in cells for s in c}:
        run = 0.0
        for (point, _u), cell in zip(samples, cells, strict=True):
            run = run + 0.25 if seg in cell and _dist(point, seg)[0] < near else 0.0
            if run >= 2.5:
                return True
    return False


def clean_path(
    a: Box,
    b: Box,
    blocked: Sequence[Box],
    lines: Sequence[Segment],
    strokes: Callable[[list[Point]], Sequence[Sequence[Point]]] | None = None,
) -> list[Point] | None:
    """The least bent curve from ``a`` to ``b`` with no problems, or None. ``strokes``
    gives the lines a pattern draws along a path (checked with ``hugs`` too)."""
    ca = ((a.x0 + a.x1) / 2, (a.y0 + a.y1) / 2)
    cb = ((b.x0 + b.x1) / 2, (b.y0 + b.y1) / 2)
    ga, gb = a.grow(1.2), b.grow(1.2)
    for bulge in sorted(BULGES, key=abs):
        path = clip_to_box(quad_curve(ca, cb, bulge), ga, gb)
        if len(path) < 2 or path_problems(path, blocked, lines):
            continue
        if strokes is not None and any(hugs(pts, lines) for pts in strokes(path)):
            continue
        return path
    return None


#: room a detour leaves around itself: the widest zigzag swings 1.1 mm to each side
_ROOM = CLEAR + 1.2
#: how far beside a symbol a detour may leave it (mm from the symbol's side)
_SIDE_STEPS = (3.0, 6.0, 10.0, 15.0)
_CORNER = 2.5  # radius of a detour's rounded corner
_MAX_CHECKS = 40  # full checks per relation: the shortest candidates first


def _free_bands(lo: float, hi: float, taken: list[tuple[float, float]]) -> list[float]:
    """The middle of each free stretch of [lo, hi] not in ``taken`` (wide enough for a
    line with its room), and points inside wide stretches every 6 mm."""
    out: list[float] = []
    edge = lo
    for a, b in [*sorted(taken), (hi, hi)]:
        if a - edge >= 2 * _ROOM:
            first, last = edge + _ROOM, a - _ROOM
            n = max(1, int((last - first) // 6.0))
            out += [first + (last - first) * (i + 0.5) / n for i in range(n)]
        edge = max(edge, b)
    return out


def _leg_ok(p: Point, q: Point, grown: Sequence[Box], lines: Sequence[Segment]) -> bool:
    """A cheap first check of one straight leg: no symbol or text (``grown``: their
    boxes grown by ``CLEAR``), and not along one of ``lines``."""
    for box in grown:
        if segment_hits_box(p, q, box):
            return False
    length = math.dist(p, q)
    if length < _ALONG_RUN:
        return True
    ux, uy = (q[0] - p[0]) / length, (q[1] - p[1]) / length
    for seg in _nearby([p, q], lines, ALONG):
        (x1, y1), (x2, y2) = seg
        slen = math.hypot(x2 - x1, y2 - y1)
        if slen < _ALONG_RUN:
            continue
        vx, vy = (x2 - x1) / slen, (y2 - y1) / slen
        if abs(ux * vy - uy * vx) >= math.sin(_ALONG_ANGLE):
            continue
        # parallel: how far apart, and how long they overlap
        if abs((x1 - p[0]) * -uy + (y1 - p[1]) * ux) >= ALONG:
            continue
        t = sorted(((x1 - p[0]) * ux + (y1 - p[1]) * uy, (x2 - p[0]) * ux + (y2 - p[1]) * uy))
        if min(t[1], length) - max(t[0], 0.0) >= _ALONG_RUN:
            return False
    return True


def _rounded(points: list[Point], r: float = _CORNER) -> list[Point]:
    """The polyline with each corner replaced by a small curve."""
    pts = [p for i, p in enumerate(points) if i == 0 or math.dist(p, points[i - 1]) > 1e-6]
    if len(pts) < 3:
        return pts
    out = [pts[0]]
    for prev, corner, nxt in zip(pts, pts[1:], pts[2:], strict=False):
        d1, d2 = math.dist(prev, corner), math.dist(corner, nxt)
        k = min(r, d1 / 2, d2 / 2)
        a = (corner[0] + (prev[0] - corner[0]) * k / d1, corner[1] + (prev[1] - corner[1]) * k / d1)
        b = (corner[0] + (nxt[0] - corner[0]) * k / d2, corner[1] + (nxt[1] - corner[1]) * k / d2)
        for i in range(5):
            t = i / 4
            u = 1 - t
            out.append(
                (
                    u * u * a[0] + 2 * u * t * corner[0] + t * t * b[0],
                    u * u * a[1] + 2 * u * t * corner[1] + t * t * b[1],
                )
            )
    out.append(pts[-1])
    return out


def detours(a: Box, b: Box, blocked: Sequence[Box], lines: Sequence[Segment]) -> list[list[Point]]:
    """Routes from ``a`` to ``b`` with square corners (rounded later), shortest first:
    out of ``a`` straight up or down, or sideways to a free column beside it; along a
    free horizontal channel; and so into ``b``. Each leg passed the cheap check."""
    ca = ((a.x0 + a.x1) / 2, (a.y0 + a.y1) / 2)
    cb = ((b.x0 + b.x1) / 2, (b.y0 + b.y1) / 2)
    x_lo, x_hi = min(a.x0, b.x0) - 20.0, max(a.x1, b.x1) + 20.0
    y_lo = min(a.y0, b.y0) - 40.0
    y_hi = max(a.y1, b.y1) + 40.0
    taken: list[tuple[float, float]] = [
        (box.y0 - _ROOM, box.y1 + _ROOM)
        for box in [*blocked, a, b]
        if box.x1 > x_lo and box.x0 < x_hi
    ]
    for (x1, y1), (x2, y2) in lines:
        if abs(y2 - y1) < 0.2 * abs(x2 - x1) and max(x1, x2) > x_lo and min(x1, x2) < x_hi:
            taken.append((min(y1, y2) - ALONG - 0.2, max(y1, y2) + ALONG + 0.2))
    channels = [*_free_bands(y_lo, y_hi, taken), ca[1], cb[1]]

    def columns(box: Box, centre: Point) -> list[float]:
        return [centre[0]] + [x for d in _SIDE_STEPS for x in (box.x0 - d, box.x1 + d)]

    cache: dict[tuple[Point, Point], bool] = {}
    # the cheap check needs only what lies near the routes, and only lines long enough
    # to run along (a zigzag's short strokes never are)
    region = [ca, cb, (x_lo, y_lo), (x_hi, y_hi)]
    long_lines = [s for s in _nearby(region, lines, ALONG) if math.dist(*s) >= _ALONG_RUN]
    grown = [box.grow(CLEAR) for box in blocked]

    def ok(p: Point, q: Point) -> bool:
        key = (p, q)
        if key not in cache:
            cache[key] = _leg_ok(p, q, grown, long_lines)
        return cache[key]

    found: list[tuple[float, list[Point]]] = []
    for y in channels:
        for xa in columns(a, ca):
            for xb in columns(b, cb):
                pts = [ca, (xa, ca[1]), (xa, y), (xb, y), (xb, cb[1]), cb]
                pts = [p for i, p in enumerate(pts) if i == 0 or math.dist(p, pts[i - 1]) > 1e-6]
                length = sum(math.dist(p, q) for p, q in itertools.pairwise(pts))
                found.append((length + 2.0 * (len(pts) - 2), pts))
    found.sort(key=lambda f: f[0])
    out: list[list[Point]] = []
    for _cost, pts in found:
        legs = list(itertools.pairwise(pts))
        # the first and last legs start inside a symbol: checked from its edge on
        if all(ok(p, q) for p, q in legs[1:-1]) and _end_ok(legs, a, b, ok):
            out.append(pts)
            if len(out) >= _MAX_CHECKS:
                break
    return out


def _end_ok(legs: list[Segment], a: Box, b: Box, ok: Callable[[Point, Point], bool]) -> bool:
    (p, q), (r, s) = legs[0], legs[-1]
    return ok(_edge(p, q, a), q) and ok(r, _edge(s, r, b))


def _edge(inside: Point, toward: Point, box: Box) -> Point:
    """Where the leg from ``inside`` (a symbol's centre) toward ``toward`` leaves ``box``."""
    g = box.grow(1.2)
    dx, dy = toward[0] - inside[0], toward[1] - inside[1]
    ts = []
    if dx:
        ts.append(((g.x1 if dx > 0 else g.x0) - inside[0]) / dx)
    if dy:
        ts.append(((g.y1 if dy > 0 else g.y0) - inside[1]) / dy)
    t = min((t for t in ts if t > 0), default=1.0)
    t = min(t, 1.0)
    return (inside[0] + dx * t, inside[1] + dy * t)


def detour_path(
    a: Box,
    b: Box,
    blocked: Sequence[Box],
    lines: Sequence[Segment],
    strokes: Callable[[list[Point]], Sequence[Sequence[Point]]] | None = None,
) -> list[Point] | None:
    """The shortest detour (``detours``, corners rounded) with no problems, or None."""
    ga, gb = a.grow(1.2), b.grow(1.2)
    for pts in detours(a, b, blocked, lines):
        path = clip_to_box(_rounded(pts), ga, gb)
        if len(path) < 2 or path_problems(path, blocked, lines):
            continue
        if strokes is not None and any(hugs(s, lines) for s in strokes(path)):
            continue
        return path
    return None
