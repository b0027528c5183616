"""Drawing the parts of a genogram once everything has its place (see ``genogram``).

Each function returns primitives and notes in ``used`` what it drew, so the legend
lists exactly that.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections import Counter
from typing import TYPE_CHECKING

from casusregie.domain.dates import PartialDate
from casusregie.domain.model import CaseFile
from casusregie.layout.emotion_paths import Segment, clean_path, detour_path
from casusregie.layout.emotional import KINDS, emotional_line, pattern, route
from casusregie.layout.genogram_lines import FamilyLines
from casusregie.layout.geometry import BoxIndex, free_x
from casusregie.layout.kinship import Kinship, date_key
from casusregie.layout.primitives import Box, Line, Polyline, Primitive, Rect, Text, bbox
from casusregie.layout.styles import (
    CHILD_PENS,
    DATE_SIZE,
    HOUSEHOLD_PEN,
    INK,
    MUTED,
    NAME_SIZE,
    PAPER,
    PARTNER_PENS,
    SLASH,
    SMALL_SIZE,
    STRUCTURE,
    SYMBOL,
)
from casusregie.layout.symbols import age_on, person_symbol, shape_of
from casusregie.layout.textmetrics import ASCENT, LINE_HEIGHT, text_width

if TYPE_CHECKING:
    from casusregie.layout.genogram import Rows

__all__ = [
    "clean_emotions",
    "emotions",
    "family_lines",
    "households",
    "odd_links",
    "people",
    "step_links",
]

Point = tuple[float, float]


def _year(text: str | None) -> str:
    try:
        return str(PartialDate.parse(text or "").year)
    except ValueError:
        return ""


def people(
    kin: Kinship,
    xs: dict[str, float],
    rows: Rows,
    labels: dict[str, tuple[list[str], str]],
    as_of: dt.date | None,
    used: set[str],
) -> tuple[list[Primitive], dict[str, Box]]:
    out: list[Primitive] = []
    boxes: dict[str, Box] = {}
    for pid, p in kin.persons.items():
        g, x, key = kin.generation[pid], xs[pid], f"person:{pid}"
        shape = shape_of(p.gender)
        used.add({"square": "m", "circle": "v"}.get(shape, "x"))
        used.update(k for k, on in (("deceased", p.deceased), ("index", p.index_child)) if on)
        age = age_on(p, as_of)
        cy = rows.top[g] + SYMBOL / 2
        out += person_symbol(
            shape, x, cy, SYMBOL, key=key, index=p.index_child, deceased=p.deceased, age=age
        )
        names, years = labels[pid]
        bold = p.index_child
        widest = max(
            [text_width(n, NAME_SIZE, bold) for n in names] + [text_width(years, DATE_SIZE)]
        )
        height = len(names) * NAME_SIZE * LINE_HEIGHT + (DATE_SIZE * LINE_HEIGHT if years else 0.0)
        box = Box(x - widest / 2, rows.label_top[g], x + widest / 2, rows.label_top[g] + height)
        out.append(
            Rect(
                box.x0 - 0.6,
                box.y0 - 0.2,
                box.width + 1.2,
                box.height + 0.2,
                None,
                PAPER,
                role="label-bg",
                key=key,
            )
        )
        y = rows.label_top[g] + ASCENT * NAME_SIZE
        for line in names:
            out.append(Text(x, y, line, NAME_SIZE, INK, "middle", bold, "label", key))
            y += NAME_SIZE * LINE_HEIGHT
        if years:
            y += (DATE_SIZE - NAME_SIZE) * ASCENT
            out.append(Text(x, y, years, DATE_SIZE, MUTED, "middle", role="label", key=key))
        boxes[pid] = box
    return out, boxes


def _union(
    plan: FamilyLines,
    kin: Kinship,
    xs: dict[str, float],
    rows: Rows,
    slots: dict[int, list[tuple[float, float]]],
    used: set[str],
) -> list[Primitive]:
    rel = plan.fam.relation
    kind = rel.type if rel else ""
    pen = PARTNER_PENS.get(kind, STRUCTURE)
    y = rows.bar_y(plan.row, plan.level)
    out: list[Primitive] = []
    for _pid, sx in plan.stubs:
        out.append(Line(sx, rows.top[plan.row] + SYMBOL, sx, y, pen, "structure"))
    for p in plan.fam.parents:  # a partner from another generation: down between names
        up = kin.generation[p]
        if up != plan.row:
            meet = plan.stubs[0][1]
            ux = xs[p] + (SYMBOL / 4 if meet >= xs[p] else -SYMBOL / 4)
            y_up = rows.bar_y(up, 0)
            blocked = [s for r in range(up, plan.row + 1) for s in slots.get(r, ())]
            fx = free_x((ux + meet) / 2, blocked)
            pts = ((ux, rows.top[up] + SYMBOL), (ux, y_up), (fx, y_up), (fx, y), (meet, y))
            out.append(Polyline(pts, pen, role="structure"))
    lo, hi = plan.span
    if hi - lo > 0.01:
        out.append(Line(lo, y, hi, y, pen, "structure"))
    if len(plan.stubs) < 2 or rel is None:
        return out
    used.add(kind)
    a, b = plan.stubs[0][1], plan.stubs[1][1]
    mid = plan.drop if plan.drop is not None and a < plan.drop < b else (a + b) / 2
    start, end = _year(rel.start), _year(rel.end)
    text = f"{start} – {end}" if start and end else start or (f"tot {end}" if end else "")
    tw = text_width(text, SMALL_SIZE) if text else 0.0
    if text:
        out.append(Rect(mid - tw / 2 - 0.4, y - 2.4, tw + 0.8, 2.2, None, PAPER, role="label-bg"))
        out.append(Text(mid, y - 0.8, text, SMALL_SIZE, MUTED, "middle", role="union-text"))
    bars = {"uit_elkaar": 1, "gescheiden": 2}.get(kind, 0)
    sx = min(mid + tw / 2 + 2.0, b - 1.0 - 1.4 * bars) if text else mid + 3.0
    for i in range(bars):
        x = sx + 1.4 * i
        out.append(Line(x - 0.9, y + 1.6, x + 0.9, y - 1.6, SLASH, "structure"))
    return out


def family_lines(
    kin: Kinship,
    plans: list[FamilyLines],
    xs: dict[str, float],
    rows: Rows,
    slots: dict[int, list[tuple[float, float]]],
    used: set[str],
) -> list[Primitive]:
    out: list[Primitive] = []
    for plan in plans:
        out += _union(plan, kin, xs, rows, slots, used)
        if plan.drop is None or not plan.groups:
            continue
        kinds = {k for _, members in plan.groups.values() for _, k, _ in members}
        pen = CHILD_PENS[next(iter(kinds))] if len(kinds) == 1 else STRUCTURE
        y0 = rows.bar_y(plan.row, plan.level)
        deepest = max(rows.sib_y(r, lv) for r, (lv, _) in plan.groups.items())
        out.append(Line(plan.drop, y0, plan.drop, deepest, pen, "structure"))
        for r, (lv, members) in sorted(plan.groups.items()):
            sy = rows.sib_y(r, lv)
            twins = Counter(
                kin.persons[c].birth_date
                for c, _, x in members
                if x == xs[c] and len(kin.persons[c].birth_date or "") == 10
            )
            attach: list[float] = [plan.drop]
            for c, k, x in members:
                used.add(f"child:{k}")
                top = rows.top[r]
                bd = kin.persons[c].birth_date
                if x == xs[c] and bd and twins[bd] > 1:
                    group = [
                        xs[m]
                        for m, _, xm in members
                        if xm == xs[m] and kin.persons[m].birth_date == bd
                    ]
                    apex = sum(group) / len(group)
                    out.append(Line(apex, sy, x, top, CHILD_PENS[k], "structure"))
                    attach.append(apex)
                    used.add("twin")
                else:
                    out.append(Line(x, sy, x, top, CHILD_PENS[k], "structure"))
                    attach.append(x)
            if max(attach) - min(attach) > 0.01:
                out.append(Line(min(attach), sy, max(attach), sy, pen, "structure"))
    return out


def households(
    cf: CaseFile,
    kin: Kinship,
    xs: dict[str, float],
    widths: dict[str, float],
    rows: Rows,
    slots: dict[int, list[tuple[float, float]]],
    as_of: dt.date | None,
    used: set[str],
) -> list[Primitive]:
    """The boundary around each household living together now. A generation between two
    with members (a grandparent raising a grandchild) is crossed through a narrow neck
    between names, so nobody who lives elsewhere is inside."""
    out: list[Primitive] = []
    items = [i for i in cf.items if i.template == "genogram" and i.section == "huishoudens"]
    for item in sorted(items, key=lambda i: (i.position, i.id)):
        if not _current(item.answers.get("vanaf"), item.answers.get("tot"), as_of):
            continue
        members = [m for m in item.answers.get("leden") or [] if m in xs]
        if len(members) < 2:
            continue
        used.add("household")
        spans: dict[int, tuple[float, float]] = {}
        for m in members:
            g = kin.generation[m]
            lo, hi = xs[m] - widths[m] / 2 - 2.0, xs[m] + widths[m] / 2 + 2.0
            old = spans.get(g, (lo, hi))
            spans[g] = (min(lo, old[0]), max(hi, old[1]))
        gs = list(range(min(spans), max(spans) + 1))
        for g in gs:
            if g not in spans:
                lo, hi = spans[g - 1]
                fx = free_x((lo + hi) / 2, [(a - 1.5, b + 1.5) for a, b in slots.get(g, ())])
                spans[g] = (fx - 1.5, fx + 1.5)
        mids = [(rows.label_bottom[g] + 1.5 + rows.top[g + 1] - 2.0) / 2 for g in gs[:-1]]
        right: list[Point] = []
        left: list[Point] = []
        for i, g in enumerate(gs):
            top = rows.top[g] - 2.0 if i == 0 else mids[i - 1]
            bottom = rows.label_bottom[g] + 1.5 if i == len(gs) - 1 else mids[i]
            lo, hi = spans[g]
            right += [(hi, top), (hi, bottom)]
            left += [(lo, top), (lo, bottom)]
        out.append(
            Polyline(
                tuple(right + left[::-1]),
                HOUSEHOLD_PEN,
                None,
                True,
                "household",
                f"household:{item.id}",
            )
        )
    return out


def _current(start: object, end: object, as_of: dt.date | None) -> bool:
    if as_of is None:
        return not end
    today = (as_of.year, as_of.month, as_of.day)
    begun = not start or date_key(str(start)) <= today
    return begun and (not end or date_key(str(end)) > today)


def emotions(
    cf: CaseFile, symbols: dict[str, Box], labels: dict[str, Box], used: set[str]
) -> list[Primitive]:
    out: list[Primitive] = []
    items = [i for i in cf.items if i.template == "genogram" and i.section == "emotionele_relaties"]
    pairs: Counter[frozenset[str]] = Counter()
    obstacles = BoxIndex(b.grow(0.6) for b in symbols.values())
    soft = BoxIndex(labels.values())
    for item in sorted(items, key=lambda i: (i.position, i.id)):
        a, b, kind = item.answers.get("van"), item.answers.get("naar"), item.answers.get("soort")
        if a not in symbols or b not in symbols or a == b or kind not in KINDS:
            continue
        pair = frozenset((a, b))
        out += emotional_line(
            kind,
            symbols[a],
            symbols[b],
            obstacles,
            soft,
            direction=str(item.answers.get("richting") or ""),
            key=f"emotion:{item.id}",
            bend=pairs[pair] * 2,
        )
        pairs[pair] += 1
        used.add(f"emo:{kind}")
    return out


def odd_links(
    plans: list[FamilyLines], symbols: dict[str, Box], labels: dict[str, Box]
) -> list[Primitive]:
    """A parent and child the relations put in one generation (they contradict each
    other, e.g. a partner's parent): a curve around the symbols instead of a drop."""
    out: list[Primitive] = []
    obstacles = BoxIndex(b.grow(0.6) for b in symbols.values())
    soft = BoxIndex(labels.values())
    for plan in plans:
        for child, kind in plan.odd:
            parent = plan.stubs[0][0]
            path = route(symbols[parent], symbols[child], obstacles, soft)
            out.append(Polyline(tuple(path), CHILD_PENS[kind], role="structure"))
    return out


def step_links(
    steps: list[tuple[str, str]],
    symbols: dict[str, Box],
    labels: dict[str, Box],
    used: set[str],
) -> list[Primitive]:
    """A step-parent and a child who hangs under its own parents: a line of the step
    kind between the two symbols, routed around the others."""
    out: list[Primitive] = []
    obstacles = BoxIndex(b.grow(0.6) for b in symbols.values())
    soft = BoxIndex(labels.values())
    for parent, child in steps:
        if parent in symbols and child in symbols:
            path = route(symbols[parent], symbols[child], obstacles, soft)
            out.append(
                Polyline(
                    tuple(path), CHILD_PENS["stief"], role="structure", key=f"step:{parent}:{child}"
                )
            )
            used.add("child:stief")
    return out


def clean_emotions(
    cf: CaseFile,
    symbols: dict[str, Box],
    drawn: list[Primitive],
    used: set[str],
) -> tuple[list[Primitive], list[str]]:
    """Emotional relations for paper: each on the least bent curve that crosses no
    symbol or text and runs along no other line or household border (``drawn`` holds
    what is already on the page). Returns the lines and the ids of the relations that
    could not be drawn so (they go on a separate "relaties" page)."""
    texts = [bbox(p) for p in drawn if isinstance(p, Text)]
    lines: list[Segment] = [
        seg
        for p in drawn
        if p.role in ("structure", "household") or isinstance(p, Line | Polyline)
        for seg in _segments(p)
    ]
    out: list[Primitive] = []
    moved: list[str] = []
    items = [i for i in cf.items if i.template == "genogram" and i.section == "emotionele_relaties"]
    todo = []
    for item in sorted(items, key=lambda i: (i.position, i.id)):
        a, b, kind = item.answers.get("van"), item.answers.get("naar"), item.answers.get("soort")
        if a not in symbols or b not in symbols or a == b or kind not in KINDS:
            continue
        todo.append((item, str(a), str(b), str(kind)))
    # first every relation that a gentle curve draws cleanly, then detours for the rest
    # (a detour takes more room: it would otherwise push a simple line off the page)
    routed: dict[str, list[Point]] = {}
    for finder in (clean_path, detour_path):
        for item, a, b, kind in todo:
            if item.id in routed:
                continue
            blocked = [box for pid, box in symbols.items() if pid not in (a, b)] + texts

            def strokes(path: list[Point], kind: str = kind) -> list[tuple[Point, ...]]:
                drawn = pattern(kind, path)
                return [p.points for p in drawn if isinstance(p, Polyline) and p.pen is not None]

            path = finder(symbols[a], symbols[b], blocked, lines, strokes)
            if path is None:
                continue
            routed[item.id] = path
            lines += list(itertools.pairwise(path))
            lines += [seg for pts in strokes(path) for seg in itertools.pairwise(pts)]
    for item, _a, _b, kind in todo:
        path = routed.get(item.id)
        if path is None:
            moved.append(item.id)
            continue
        direction = str(item.answers.get("richting") or "")
        out += pattern(kind, path, direction, f"emotion:{item.id}")
        used.add(f"emo:{kind}")
    return out, moved


def _segments(p: Primitive) -> list[Segment]:
    if isinstance(p, Line):
        return [((p.x1, p.y1), (p.x2, p.y2))]
    if isinstance(p, Polyline):
        pts = list(p.points) + ([p.points[0]] if p.closed else [])
        return list(itertools.pairwise(pts))
    return []
