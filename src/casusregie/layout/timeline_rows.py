"""The rows of help bars (per leefgebied or per person) and the axis ticks of the tijdlijn."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Collection, Mapping

from casusregie.domain.model import CaseFile
from casusregie.layout.primitives import Line, Pen, Primitive, Text
from casusregie.layout.styles import INK, MUTED
from casusregie.layout.textmetrics import shorten, text_width
from casusregie.layout.timeline_data import Bar, Selection

__all__ = ["help_rows", "ticks"]

#: a bar on a lane, with its label, where the label starts and how it is anchored
Placed = tuple[Bar, int, str, float, str]
Row = tuple[str, bool, list[Placed], int]
_ROLE_ORDER = ("kind", "moeder", "vader", "partner", "grootouder", "familie")
LABEL_SIZE = 2.3


def label_place(
    x0: float, x1: float, label: str, left: float, width: float
) -> tuple[float, str, float, float]:
    """Where a bar's label goes: inside, right of the bar, or left of it near the edge.

    Returns the text x, its anchor and the stretch the bar and label cover together.
    """
    lw = text_width(label, LABEL_SIZE)
    if lw + 1.6 <= x1 - x0:
        return x0 + 0.8, "inside", x0, x1
    if x1 + 1.0 + lw <= width or x0 - 1.0 - lw < left:
        return x1 + 1.0, "start", x0, x1 + 1.0 + lw
    return x0 - 1.0, "end", x0 - 1.0 - lw, x1


def _pack(
    bars: list[Bar], X: Callable[[dt.date], float], left: float, width: float
) -> tuple[list[Placed], int]:
    lanes: list[list[tuple[float, float]]] = []
    out: list[Placed] = []
    for bar in sorted(bars, key=lambda b: (b.start, b.episode.id)):
        x0 = X(bar.start)
        x1 = max(X(bar.end), x0 + 0.8)
        label = shorten(bar.episode.provider or "(instantie onbekend)", 60.0, LABEL_SIZE)
        tx, anchor, a, b = label_place(x0, x1, label, left, width)
        lane = next(
            (
                i
                for i, ivs in enumerate(lanes)
                if all(b < lo - 0.6 or a > hi + 0.6 for lo, hi in ivs)
            ),
            None,
        )
        if lane is None:
            lanes.append([])
            lane = len(lanes) - 1
        lanes[lane].append((a, b))
        out.append((bar, lane, label, tx, anchor))
    return out, max(1, len(lanes))


def help_rows(
    cf: CaseFile,
    sel: Selection,
    group_by: str,
    labels: Mapping[str, str],
    X: Callable[[dt.date], float],
    persons: Collection[str] | None,
    left: float,
    width: float,
) -> list[Row]:
    groups: dict[str, list[Bar]] = {}
    titles: dict[str, str] = {}
    if group_by == "persoon":
        people = {p.id: p for p in cf.persons}
        for bar in sel.bars:
            ids = [
                i for i in bar.episode.persons if i in people and (persons is None or i in persons)
            ]
            for pid in ids or [""]:
                groups.setdefault(pid, []).append(bar)
        for pid in groups:
            titles[pid] = people[pid].name if pid else "Gezin (geen persoon genoemd)"

        def order(pid: str) -> tuple[int, int, str, str]:
            p = people.get(pid)
            if p is None:
                return (2, 0, "", "")
            rank = _ROLE_ORDER.index(p.role) if p.role in _ROLE_ORDER else len(_ROLE_ORDER)
            return (0 if p.index_child else 1, rank, p.birth_date or "", pid)

        keys = sorted(groups, key=order)
    else:
        for bar in sel.bars:
            groups.setdefault(bar.episode.leefgebied or "", []).append(bar)
        known = list(labels)
        keys = sorted(
            groups, key=lambda k: (k == "", known.index(k) if k in known else len(known), k)
        )
        for k in keys:
            name = labels.get(k) or (
                k.replace("_", " ").capitalize() if k else "Leefgebied niet ingevuld"
            )
            n = len(groups[k])
            titles[k] = f"{name} ({n}× hulp)" if n > 1 and k else name
    rows: list[Row] = []
    for k in keys:
        placed, lanes = _pack(groups[k], X, left, width)
        repeated = group_by != "persoon" and any(b.repeated for b in groups[k])
        rows.append((titles[k], repeated, placed, lanes))
    return rows


def ticks(
    sel: Selection,
    X: Callable[[dt.date], float],
    y_axis: float,
    bottom: float,
    left: float,
    width: float,
) -> list[Primitive]:
    """Year (or month) ticks under the axis, with faint lines down through the help rows."""
    per_year = (X(dt.date(2001, 1, 1)) - X(dt.date(2000, 1, 1))) or 1.0
    out: list[Primitive] = []
    if per_year >= 60:  # a short period: every three months
        d = dt.date(sel.start.year, (sel.start.month - 1) // 3 * 3 + 1, 1)
        marks = []
        while d <= sel.end:
            marks.append(d)
            d = dt.date(d.year + (d.month > 9), (d.month + 2) % 12 + 1, 1)
        names = ("jan", "apr", "jul", "okt")
        text = {m: f"{names[(m.month - 1) // 3]} {m.year}" for m in marks}
    else:
        step = next(s for s in (1, 2, 5, 10, 20, 50) if per_year * s >= 11)
        first = sel.start.year + (-sel.start.year) % step
        marks = [dt.date(y, 1, 1) for y in range(first, sel.end.year + 1, step)]
        text = {m: str(m.year) for m in marks}
    last_end = -1e9
    for m in marks:
        x = X(m)
        if x < left - 0.01:
            continue
        out.append(Line(x, y_axis - 1.2, x, bottom, Pen("#e0e0e0", 0.2), role="grid"))
        out.append(Line(x, y_axis, x, y_axis + 1.5, Pen(INK, 0.35), role="tick"))
        label = text[m]
        if x > last_end and x + text_width(label, 2.4) <= width:
            out.append(Text(x + 0.5, y_axis + 4.3, label, 2.4, MUTED, role="tick"))
            last_end = x + text_width(label, 2.4) + 1.5
    return out
