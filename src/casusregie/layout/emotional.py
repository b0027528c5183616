"""Emotional relations drawn between two symbols (genogram and sociogram).

Hecht: two parallel lines. Conflict: a zigzag. Geweld: a heavier zigzag with an arrow
head at the person it is aimed at (both ends when mutual). Verbroken: a line broken in
the middle by two bars. Afstandelijk: a dotted line. The line is a gentle curve whose
bend is chosen so it passes no other symbol (and, where it can, no name).
"""

from __future__ import annotations

from collections.abc import Sequence

from casusregie.layout.geometry import (
    BoxIndex,
    arrow_head,
    clip_to_box,
    offset,
    point_at,
    quad_curve,
    zigzag,
)
from casusregie.layout.primitives import Box, Polyline, Primitive
from casusregie.layout.styles import EMOTION_PENS

__all__ = ["BULGES", "KINDS", "emotional_line", "pattern", "route"]

KINDS = tuple(EMOTION_PENS)
_BULGES = (0.0, 0.1, -0.1, 0.2, -0.2, 0.32, -0.32, 0.45, -0.45, 0.62, -0.62)
BULGES = _BULGES
Point = tuple[float, float]


def route(a: Box, b: Box, obstacles: BoxIndex, soft: BoxIndex, bend: int = 0) -> list[Point]:
    """A path from box a to box b, clipped at both, that crosses as few ``obstacles``
    (symbols) as it can, then as few ``soft`` boxes (names), then bends least.
    ``bend`` > 0 tries the curves in another order (a second relation between the same
    two people). Obstacles may include a and b: the path stops short of them."""
    ca = ((a.x0 + a.x1) / 2, (a.y0 + a.y1) / 2)
    cb = ((b.x0 + b.x1) / 2, (b.y0 + b.y1) / 2)
    ga, gb = a.grow(1.2), b.grow(1.2)
    bulges = _BULGES[bend:] + _BULGES[:bend]
    best: tuple[float, list[Point]] | None = None
    for k, bulge in enumerate(bulges):
        if best is not None and 4 * abs(bulge) >= best[0]:
            continue  # cannot beat what we have
        path = clip_to_box(quad_curve(ca, cb, bulge), ga, gb)
        cost = 100 * obstacles.crossed(path) + 4 * abs(bulge) + k * 0.001
        if best is None or cost < best[0] + 1:
            cost += soft.crossed(path)
        if best is None or cost < best[0]:
            best = (cost, path)
    assert best is not None
    return best[1]


def pattern(kind: str, path: list[Point], direction: str = "", key: str = "") -> list[Primitive]:
    """The primitives of one emotional line of ``kind`` along ``path``."""
    pen = EMOTION_PENS.get(kind, EMOTION_PENS["distant"])

    def line(pts: Sequence[Point]) -> Polyline:
        return Polyline(tuple(pts), pen, role="emotional", key=key)

    if kind == "close":
        return [line(offset(path, 0.6)), line(offset(path, -0.6))]
    if kind in ("conflict", "violence"):
        out: list[Primitive] = [line(zigzag(path, 0.9 if kind == "conflict" else 1.1, 2.4))]
        if kind == "violence":
            ends = {"a_naar_b": (False, True), "b_naar_a": (True, False)}.get(
                direction, (True, True)
            )
            for at_start, pts in zip(ends, (path[::-1], path), strict=True):
                if at_start:
                    tip, u = point_at(pts, 10**9)
                    head = arrow_head(tip, u, 2.6)
                    out.append(Polyline(head, None, pen.color, True, "emotional", key))
        return out
    if kind == "cut-off":
        total = sum(
            ((path[i + 1][0] - path[i][0]) ** 2 + (path[i + 1][1] - path[i][1]) ** 2) ** 0.5
            for i in range(len(path) - 1)
        )
        out = []
        for s0, s1 in ((0.0, total / 2 - 1.0), (total / 2 + 1.0, total)):
            n = max(8, round((s1 - s0) / 1.0))  # every mm: a detour keeps its corners
            pts = [point_at(path, s0 + (s1 - s0) * i / n)[0] for i in range(n + 1)]
            out.append(line(pts))
        for s in (total / 2 - 1.0, total / 2 + 1.0):
            (x, y), (ux, uy) = point_at(path, s)
            out.append(line([(x - uy * 1.8, y + ux * 1.8), (x + uy * 1.8, y - ux * 1.8)]))
        return out
    return [line(path)]


def emotional_line(
    kind: str,
    a: Box,
    b: Box,
    obstacles: BoxIndex,
    soft: BoxIndex,
    *,
    direction: str = "",
    key: str = "",
    bend: int = 0,
) -> list[Primitive]:
    return pattern(kind, route(a, b, obstacles, soft, bend), direction, key)
