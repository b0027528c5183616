"""Geometric checks on a genogram ``Picture``, shared by the layout and UI tests."""

from __future__ import annotations

import itertools

from casusregie.domain.model import CaseFile
from casusregie.layout.geometry import segment_hits_box
from casusregie.layout.primitives import Box, Line, Picture, Polyline, Primitive, bbox


def person_boxes(picture: Picture) -> dict[str, Box]:
    return {k.split(":", 1)[1]: b for k, b in picture.anchors.items() if k.startswith("person:")}


def segments(p: Primitive) -> list[tuple[tuple[float, float], tuple[float, float]]]:
    if isinstance(p, Line):
        return [((p.x1, p.y1), (p.x2, p.y2))]
    if isinstance(p, Polyline):
        pts = list(p.points) + ([p.points[0]] if p.closed else [])
        return list(itertools.pairwise(pts))
    return []


def overlapping_symbols(picture: Picture, gap: float = 1.0) -> list[tuple[str, str]]:
    boxes = sorted(person_boxes(picture).items())
    return [
        (a, b)
        for i, (a, ba) in enumerate(boxes)
        for b, bb in boxes[i + 1 :]
        if ba.grow(gap / 2).overlaps(bb.grow(gap / 2))
    ]


def overlapping_texts(picture: Picture) -> list[tuple[str, str]]:
    """Names and union dates that cover each other or a symbol."""
    texts = [(p.text, bbox(p)) for p in picture.items if p.role in ("label", "union-text")]
    symbols = [(f"symbool {k}", b) for k, b in person_boxes(picture).items()]
    out = []
    for i, (ta, ba) in enumerate(texts):
        for tb, bb in texts[i + 1 :] + symbols:
            if ba.overlaps(bb, tol=0.05) and not (ba.y0 == bb.y0 and ba.x0 == bb.x0):
                out.append((ta, tb))
    return out


def lines_through_symbols(picture: Picture, cf: CaseFile) -> list[str]:
    """Every line (family lines, household, emotional) that enters a symbol it does not
    belong to. Family lines may touch a symbol's edge (that is where they end)."""
    boxes = person_boxes(picture)
    ends: dict[str, set[str]] = {}
    for item in cf.items:
        if item.section == "emotionele_relaties":
            ends[f"emotion:{item.id}"] = {
                str(item.answers.get("van")),
                str(item.answers.get("naar")),
            }
    out = []
    for p in picture.items:
        if p.role not in ("structure", "household", "emotional"):
            continue
        own = ends.get(p.key, set())
        for a, b in segments(p):
            for pid, box in boxes.items():
                if pid in own:
                    continue
                if segment_hits_box(a, b, box.grow(-0.05)):
                    out.append(f"{p.role} {p.key} door {pid}")
    return out


def point_in_polygon(x: float, y: float, pts: tuple[tuple[float, float], ...]) -> bool:
    inside = False
    for (x1, y1), (x2, y2) in zip(pts, pts[1:] + pts[:1], strict=True):
        if (y1 > y) != (y2 > y) and x < x1 + (y - y1) * (x2 - x1) / (y2 - y1):
            inside = not inside
    return inside
