"""Emotional relations on paper: a line only where it reads cleanly, else on its own page.

On paper an emotional line may not cross a symbol or a text (a name, a date, a union's
years), and may not run along another line or a household border: a court or a family
reads a line drawn over a label, or lying on a border, as something else. ``clean_path``
tries the curves of ``emotional.route`` from the least bent and keeps the first that
breaks none of these rules; when none does, the relation is drawn on a separate
"relaties" page instead (``genogram.paper_genogram``).

``path_problems`` is the check itself; the tests use it on generated families.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable, Sequence

from casusregie.layout.emotional import BULGES
from casusregie.layout.geometry import clip_to_box, quad_curve, resample, segment_hits_box
from casusregie.layout.primitives import Box

__all__ = ["ALONG", "CLEAR", "Point", "Segment", "clean_path", "hugs", "path_problems"]

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
    lines = _nearby(path, lines, ALONG)
    for point, (ux, uy) in resample(path, step):
        near = False
        for seg in lines:
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
    for seg in _nearby(points, lines, near):
        run = 0.0
        for point, _u in samples:
            run = run + 0.25 if _dist(point, seg)[0] < near else 0.0
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
