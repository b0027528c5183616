"""The tijdlijn as a picture: life events above a time axis, help below it.

Events are dots on the axis (a thick stretch for a period, hollow for an *aanname*)
with their text stacked in lanes above; when more events crowd together than lanes
allow, the rest keep their dot and a note asks to zoom in. Help episodes are bars, one
row per leefgebied (or per person); repeated help on one leefgebied ("repetitie van
hulp") tints the row and outlines its bars. Legal milestones get a line through the
help rows and their name at the bottom.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Collection, Mapping
from typing import Literal

from casusregie.domain.model import CaseFile
from casusregie.layout.legend import SAMPLE_H, SAMPLE_W, Sample, flow_legend
from casusregie.layout.primitives import (
    Anchor,
    Circle,
    Line,
    Pen,
    Picture,
    Primitive,
    Rect,
    Text,
)
from casusregie.layout.styles import INK, LEGAL, MUTED, PAPER, REPEAT
from casusregie.layout.textmetrics import shorten, text_width, wrap
from casusregie.layout.timeline_data import Selection, select
from casusregie.layout.timeline_rows import LABEL_SIZE, Placed, help_rows, ticks

__all__ = ["timeline"]

LEFT = 52.0
SHORTER = "kies een kortere periode."
LANE = 4.2
EVENT_SIZE = 2.4
LABEL_MAX = 48.0
ROW = 5.2
DONE = "#90a4ae"
#: running help: white with dark hatching, closed help solid grey (differs in black and white)
ONGOING = PAPER
ONGOING_PEN = Pen("#00695c", 0.35)
HATCH = Pen("#4db6ac", 0.25)
HATCH_STEP = 1.3
NOW_PEN = Pen(INK, 0.35, (0.8, 0.8))
REPEAT_PEN = Pen("#c62828", 0.5)
Scale = Callable[[dt.date], float]
_MONTHS = ("jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec")


def _short(d: dt.date, precision_text: str) -> str:
    if len(precision_text) == 4:
        return str(d.year)
    if len(precision_text) == 7:
        return f"{_MONTHS[d.month - 1]} {d.year}"
    return f"{d.day} {_MONTHS[d.month - 1]} {d.year}"


def timeline(
    cf: CaseFile,
    *,
    start: dt.date | None = None,
    end: dt.date | None = None,
    persons: Collection[str] | None = None,
    group_by: Literal["leefgebied", "persoon"] = "leefgebied",
    as_of: dt.date | None = None,
    labels: Mapping[str, str] | None = None,
    width: float = 270.0,
    max_lanes: int = 18,
    numbers: Mapping[str, int] | None = None,
) -> Picture:
    """The tijdlijn of ``cf``; ``start``/``end`` zoom to a period, ``persons`` filters,
    ``labels`` gives leefgebieden their Dutch names. With ``numbers`` (paper: event id
    -> its number in the table under the picture) each event is labelled by its
    number, and there is no screen hint about zooming in. A dashed line marks "nu"
    (``as_of``) when it lies in the period."""
    sel = select(cf, start, end, persons, as_of)
    if sel is None:
        note = Text(
            4.0, 8.0, "Nog geen gebeurtenissen of hulpverlening in deze periode.", 3.0, MUTED
        )
        return Picture("timeline", 150.0, 14.0, (note,), title="Tijdlijn")
    span = (sel.end - sel.start).days or 1
    axis_w = width - LEFT - 4.0

    def X(d: dt.date) -> float:
        return LEFT + axis_w * (d - sel.start).days / span

    events, lanes, hidden = _event_labels(sel, X, max_lanes, width, numbers)
    y_axis = 6.0 + lanes * LANE + 3.0
    out: list[Primitive] = []
    if hidden and numbers is None:
        hint = f"{hidden} gebeurtenissen zonder tekst (te dicht op elkaar): " + SHORTER
        out.append(Text(LEFT, 3.5, hint, 2.4, MUTED, role="note"))
    elif hidden:
        crowded = f"{hidden} gebeurtenissen staan te dicht op elkaar voor een nummer; zie de tabel."
        out.append(Text(LEFT, 3.5, crowded, 2.4, MUTED, role="note"))
    out.append(Text(2.0, y_axis - 1.5, "Gebeurtenissen", 2.8, INK, bold=True, role="heading"))
    rows_y = y_axis + 9.0
    rows = help_rows(cf, sel, group_by, labels or {}, X, persons, LEFT, width)
    y = rows_y
    back: list[Primitive] = []
    bars: list[Primitive] = []
    for title, repeated, placed, n_lanes in rows:
        h = n_lanes * ROW + 2.0
        if repeated:
            back.append(Rect(0.0, y, width, h, None, REPEAT, role="repeat"))
        for i, line in enumerate(wrap(title, LEFT - 6.0, 2.5, max_lines=2)):
            back.append(Text(2.0, y + 3.6 + i * 3.0, line, 2.5, INK, role="row-label"))
        for item in placed:
            bars += _bar(item, X, y + 1.0 + item[1] * ROW)
        back.append(Line(0.0, y + h, width, y + h, Pen("#dddddd", 0.2), role="grid"))
        y += h
    bottom = y
    out.append(Text(2.0, rows_y - 2.0, "Hulpverlening", 2.8, INK, bold=True, role="heading"))
    out += back
    out += ticks(sel, X, y_axis, bottom, LEFT, width)
    out += _legal(sel, X, y_axis, bottom, width)
    out += bars
    out.append(Line(LEFT, y_axis, LEFT + axis_w, y_axis, Pen(INK, 0.5), role="axis"))
    if as_of is not None and sel.start <= as_of <= sel.end:
        x = X(as_of)
        out.append(Line(x, 5.0, x, bottom, NOW_PEN, role="now"))
        right = x + 1.0 + text_width("nu", 2.6, True) <= width
        out.append(
            Text(x + 0.8 if right else x - 0.8, 4.6, "nu", 2.6, INK, "start" if right else "end",
                 True, "now")
        )  # fmt: skip
    out += events
    legal_rows = 1 + max((lane for lane, _ in _legal_lanes(sel, X, width).values()), default=-1)
    legend_y = bottom + 4.0 + legal_rows * 3.6 + 4.0
    out += flow_legend(_legend_entries(sel), 2.0, legend_y, width - 4.0)
    height = legend_y + 6.0 + 2 * 8.0 + 4.0
    return Picture("timeline", width, height, tuple(out), title="Tijdlijn")


def _event_labels(
    sel: Selection,
    X: Scale,
    max_lanes: int,
    width: float,
    numbers: Mapping[str, int] | None = None,
) -> tuple[list[Primitive], int, int]:
    lanes: list[list[tuple[float, float]]] = []
    placed: list[tuple[float, int, str, bool]] = []  # x, lane (-1: no text), text, at left
    hidden = 0
    for m in sel.marks:
        x = X(max(m.start, sel.start))
        if numbers is not None:
            text = str(numbers.get(m.event.id, "?"))
        else:
            when = _short(m.start, m.event.date.strip())
            text = shorten(f"{when}  {m.event.description}", LABEL_MAX, EVENT_SIZE)
        w = text_width(text, EVENT_SIZE) + 1.4
        left = x + w > width - 1.0
        a, b = (x - w, x + 0.6) if left else (x - 0.6, x + w)
        lane = next(
            (i for i, ivs in enumerate(lanes) if all(b < lo or a > hi for lo, hi in ivs)), None
        )
        if lane is None and len(lanes) < max_lanes:
            lanes.append([])
            lane = len(lanes) - 1
        if lane is None:
            hidden += 1
            placed.append((x, -1, "", left))
            continue
        lanes[lane].append((a, b))
        placed.append((x, lane, text, left))
    y_axis = 6.0 + len(lanes) * LANE + 3.0
    out: list[Primitive] = []
    for m, (x, lane, _text, _left) in zip(sel.marks, placed, strict=True):
        if m.end > m.start:
            x2 = X(min(m.end, sel.end))
            out.append(Line(x, y_axis, x2, y_axis, Pen("#78909c", 1.6), role="period"))
        if lane >= 0:
            ty = y_axis - 3.0 - lane * LANE
            out.append(Line(x, y_axis, x, ty - 1.0, Pen("#b0bec5", 0.2), role="leader"))
    for m, (x, lane, text, left) in zip(sel.marks, placed, strict=True):
        color = LEGAL if m.legal else INK
        if lane >= 0:
            ty = y_axis - 3.0 - lane * LANE
            w = text_width(text, EVENT_SIZE)
            tx = x - 0.9 if left else x + 0.9
            x0 = tx - w if left else tx
            out.append(Rect(x0 - 0.5, ty - 2.0, w + 1.0, 2.7, None, PAPER, role="label-bg"))
            out.append(
                Text(tx, ty, text, EVENT_SIZE, color, "end" if left else "start", role="event")
            )
        fill = PAPER if m.event.certainty == "aanname" else color
        out.append(Circle(x, y_axis, 1.0, Pen(color, 0.35), fill, role="event-dot"))
    return out, len(lanes), hidden


def _bar(placed: Placed, X: Scale, y: float) -> list[Primitive]:
    bar, _lane, label, tx, anchor = placed
    x0 = X(bar.start)
    w = max(X(bar.end) - x0, 0.8)
    h = ROW - 1.4
    pen = REPEAT_PEN if bar.repeated else (ONGOING_PEN if bar.ongoing else None)
    out: list[Primitive] = [Rect(x0, y, w, h, pen, ONGOING if bar.ongoing else DONE, 0.6, "bar")]
    if bar.ongoing:
        out += hatch(x0, y, w, h)
    inside = anchor == "inside"
    side: Anchor = "end" if anchor == "end" else "start"
    color = PAPER if inside and not bar.ongoing else INK
    out.append(Text(tx, y + 2.75, label, LABEL_SIZE, color, side, role="bar-label"))
    return out


def hatch(x: float, y: float, w: float, h: float, step: float = HATCH_STEP) -> list[Primitive]:
    """Diagonal lines filling the box (running help): readable in black and white."""
    out: list[Primitive] = []
    c = x - h + step / 2
    while c < x + w:
        t0, t1 = max(0.0, x - c), min(h, x + w - c)
        if t1 - t0 > 0.05:
            out.append(Line(c + t0, y + h - t0, c + t1, y + h - t1, HATCH, role="hatch"))
        c += step
    return out


def _legal_lanes(sel: Selection, X: Scale, width: float) -> dict[int, tuple[int, bool]]:
    """Lane of each legal milestone's name under the help rows, and whether it sits left."""
    lanes: list[list[tuple[float, float]]] = []
    out: dict[int, tuple[int, bool]] = {}
    for i, m in enumerate(sel.marks):
        if not m.legal:
            continue
        x = X(m.start)
        w = text_width(m.legal, 2.4, True) + 1.0
        left = x + w > width
        a, b = (x - w, x) if left else (x, x + w)
        lane = next(
            (k for k, iv in enumerate(lanes) if all(b + 1.0 < lo or a > hi + 1.0 for lo, hi in iv)),
            None,
        )
        if lane is None:
            lanes.append([])
            lane = len(lanes) - 1
        lanes[lane].append((a, b))
        out[i] = (lane, left)
    return out


def _legal(sel: Selection, X: Scale, y_axis: float, bottom: float, width: float) -> list[Primitive]:
    out: list[Primitive] = []
    for i, (lane, left) in _legal_lanes(sel, X, width).items():
        m = sel.marks[i]
        x = X(m.start)
        pen = Pen(LEGAL, 0.35, (1.2, 0.8))
        out.append(Line(x, y_axis, x, bottom + 1.0 + lane * 3.6, pen, role="legal"))
        anchor: Anchor = "end" if left else "start"
        tx = x - 0.6 if left else x + 0.6
        out.append(Text(tx, bottom + 3.6 + lane * 3.6, m.legal, 2.4, LEGAL, anchor, True, "legal"))
    return out


def _legend_entries(sel: Selection) -> list[tuple[str, Sample]]:
    mid = SAMPLE_H / 2

    def dot(fill: str, color: str = INK) -> Sample:
        return lambda x, y: [Circle(x + SAMPLE_W / 2, y + mid, 1.0, Pen(color, 0.35), fill)]

    def bar(fill: str, pen: Pen | None = None) -> Sample:
        return lambda x, y: [Rect(x, y + 1.2, SAMPLE_W, SAMPLE_H - 2.4, pen, fill, 0.6)]

    entries: list[tuple[str, Sample]] = [("Gebeurtenis (feit)", dot(INK)), ("Aanname", dot(PAPER))]
    if any(m.end > m.start for m in sel.marks):
        entries.append(
            ("Periode", lambda x, y: [Line(x, y + mid, x + SAMPLE_W, y + mid, Pen("#78909c", 1.6))])
        )

    def running(x: float, y: float) -> list[Primitive]:
        h = SAMPLE_H - 2.4
        return [
            Rect(x, y + 1.2, SAMPLE_W, h, ONGOING_PEN, ONGOING, 0.6),
            *hatch(x, y + 1.2, SAMPLE_W, h),
        ]

    entries += [("Hulp afgesloten", bar(DONE)), ("Hulp lopend (gearceerd)", running)]
    if any(b.repeated for b in sel.bars):
        entries.append(("Opnieuw hulp op hetzelfde leefgebied", bar(REPEAT, REPEAT_PEN)))
    if any(m.legal for m in sel.marks):
        entries.append(
            (
                "Juridische mijlpaal",
                lambda x, y: [
                    Line(
                        x + SAMPLE_W / 2,
                        y,
                        x + SAMPLE_W / 2,
                        y + SAMPLE_H,
                        Pen(LEGAL, 0.35, (1.2, 0.8)),
                    )
                ],
            )
        )
    return entries
