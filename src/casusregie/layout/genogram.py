"""The genogram of a case, with the standard (McGoldrick) symbols, as a ``Picture``.

Generations come from the relations (``kinship``), positions along each generation
from ``placement``, the lines from ``genogram_lines``; this module puts them on rows,
draws the symbols, names, union lines, children's lines, the household boundary, the
emotional relations and the legend. Coordinates are the layout's own (millimetres);
a hand-placed person (``overrides``) keeps the x it was given, so the picture does not
jump after a drag. The vertical position always follows the generation.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

from casusregie.domain.custody import custody_on
from casusregie.domain.model import CaseFile, Measure, Person, Role
from casusregie.layout import genogram_draw as draw
from casusregie.layout.genogram_legend import legend as draw_legend
from casusregie.layout.genogram_lines import plan_lines, row_slots
from casusregie.layout.kinship import Kinship, build_kinship
from casusregie.layout.placement import place
from casusregie.layout.primitives import Box, Picture, Primitive, Text, bbox
from casusregie.layout.styles import DATE_SIZE, MUTED, NAME_SIZE, SYMBOL
from casusregie.layout.symbols import year_line
from casusregie.layout.textmetrics import LINE_HEIGHT, text_width, wrap

__all__ = ["Rows", "genogram", "paper_genogram"]

MARGIN = 8.0
NAME_WIDTH = 34.0


@dataclass
class Rows:
    """Vertical geometry: where each generation's symbols, union lines and names go."""

    top: dict[int, float]
    label_top: dict[int, float]
    label_bottom: dict[int, float]

    def bar_y(self, row: int, level: int) -> float:
        return self.top[row] + SYMBOL + 3.0 + 3.0 * level

    def sib_y(self, row: int, level: int) -> float:
        return self.top[row] - 4.5 - 2.5 * level


def custody_tag(cf: CaseFile, p: Person, on: dt.date) -> str:
    """'OTS', 'VGD', '1G' or '' for a child on ``on`` (joint gezag is the default)."""
    if p.role != Role.KIND.value:
        return ""
    view = custody_on(cf, p, on)
    if view.measure == Measure.OTS.value:
        return "OTS"
    if view.measure == Measure.VOOGDIJ.value or (view.recorded and p.custody == "voogd"):
        return "VGD"
    if view.recorded and p.custody == "een_ouder":
        return "1G"
    return ""


def _labels(
    cf: CaseFile, kin: Kinship, on: dt.date, used: set[str]
) -> dict[str, tuple[list[str], str]]:
    out = {}
    for pid, p in kin.persons.items():
        name = wrap(p.name or "(naam onbekend)", NAME_WIDTH, NAME_SIZE, max_lines=2)
        years, tag = year_line(p), custody_tag(cf, p, on)
        if tag:
            used.add(f"gezag:{tag}")
            years = f"{years} · {tag}" if years else tag
        out[pid] = (name, years)
    return out


def _width(lines: tuple[list[str], str]) -> float:
    names, years = lines
    widest = max([text_width(n, NAME_SIZE) for n in names] + [text_width(years, DATE_SIZE)])
    return max(SYMBOL, widest)


def _label_height(lines: tuple[list[str], str]) -> float:
    names, years = lines
    return len(names) * NAME_SIZE * LINE_HEIGHT + (DATE_SIZE * LINE_HEIGHT if years else 0.0)


def genogram(
    cf: CaseFile,
    overrides: Mapping[str, tuple[float, float]] | None = None,
    *,
    as_of: dt.date | None = None,
    legend: bool = True,
    emotions: bool = True,
) -> Picture:
    """The genogram of ``cf``. ``as_of`` adds ages and decides which households are
    current; without it every household without an end date counts as current.
    ``overrides`` (person id -> (x, y)) defaults to the stored ``Person.genogram_x``.
    ``emotions`` switches the layer of emotional relations (on screen)."""
    return _genogram(cf, overrides, as_of, legend, "all" if emotions else "none")[0]


def paper_genogram(
    cf: CaseFile, *, as_of: dt.date | None = None, legend: bool = True
) -> tuple[Picture, list[str]]:
    """The genogram for paper: an emotional relation is drawn only where its line
    crosses no symbol or text and runs along no other line or border; returns the
    picture and the ids of the relations that go on a separate "relaties" page."""
    return _genogram(cf, None, as_of, legend, "clean")


def _genogram(
    cf: CaseFile,
    overrides: Mapping[str, tuple[float, float]] | None,
    as_of: dt.date | None,
    legend: bool,
    mode: str,
) -> tuple[Picture, list[str]]:
    kin = build_kinship(cf)
    if not kin.persons:
        note = Text(MARGIN, MARGIN + 4, "Nog geen personen in het genogram.", NAME_SIZE, MUTED)
        return Picture("genogram", 120.0, 20.0, (note,), title="Genogram"), []
    used: set[str] = set()
    labels = _labels(cf, kin, as_of or dt.date.today(), used)
    widths = {pid: _width(lines) for pid, lines in labels.items()}
    if overrides is None:  # the positions the regisseur dragged, stored on the persons
        overrides = {p.id: (p.genogram_x, 0.0) for p in cf.persons if p.genogram_x is not None}
    fixed = {pid: float(xy[0]) for pid, xy in overrides.items() if pid in kin.persons}
    xs, _blocks = place(kin, widths, SYMBOL, fixed)
    plans, union_levels, sib_levels = plan_lines(kin, xs, widths, SYMBOL)
    rows = _rows(kin, labels, union_levels, sib_levels)
    symbols = {
        pid: Box(
            x - SYMBOL / 2,
            rows.top[kin.generation[pid]],
            x + SYMBOL / 2,
            rows.top[kin.generation[pid]] + SYMBOL,
        )
        for pid, x in xs.items()
    }
    slots = row_slots(kin, xs, widths)
    back = draw.households(cf, kin, xs, widths, rows, slots, as_of, used)
    lines = draw.family_lines(kin, plans, xs, rows, slots, used)
    people, label_boxes = draw.people(kin, xs, rows, labels, as_of, used)
    lines += draw.odd_links(plans, symbols, label_boxes)
    lines += draw.step_links(kin.steps, symbols, label_boxes, used)
    moved: list[str] = []
    if mode == "clean":
        emotions, moved = draw.clean_emotions(cf, symbols, [*back, *lines, *people], used)
    elif mode == "all":
        emotions = draw.emotions(cf, symbols, label_boxes, used)
    else:
        emotions = []
    items: list[Primitive] = [*back, *lines, *emotions, *people]
    box = _extent(items)
    if legend:
        extra = draw_legend(used, box.x0, box.y1 + 8.0, max(box.width, 170.0))
        if extra:
            items += extra
            box = box.union(_extent(extra))
    anchors = {f"person:{pid}": b for pid, b in symbols.items()}
    picture = Picture(
        "genogram",
        box.width + 2 * MARGIN,
        box.height + 2 * MARGIN,
        tuple(items),
        anchors,
        "Genogram",
        x0=box.x0 - MARGIN,
        y0=box.y0 - MARGIN,
    )
    return picture, moved


def _extent(items: list[Primitive]) -> Box:
    box = bbox(items[0])
    for p in items[1:]:
        box = box.union(bbox(p))
    return box


def _rows(
    kin: Kinship,
    labels: dict[str, tuple[list[str], str]],
    union_levels: dict[int, int],
    sib_levels: dict[int, int],
) -> Rows:
    gens = sorted(set(kin.generation.values()))
    heights: dict[int, float] = {g: 0.0 for g in gens}
    for pid, lines in labels.items():
        g = kin.generation[pid]
        heights[g] = max(heights[g], _label_height(lines))
    top: dict[int, float] = {}
    label_top: dict[int, float] = {}
    label_bottom: dict[int, float] = {}
    y = 0.0
    for g in range(gens[0], gens[-1] + 1):
        if g != gens[0]:
            y += 3.0 + 2.5 * (sib_levels.get(g, 1) - 1) + 4.5
        top[g] = y
        label_top[g] = y + SYMBOL + 3.0 * union_levels.get(g, 1) + 1.2
        label_bottom[g] = label_top[g] + heights.get(g, 0.0)
        y = label_bottom[g]
    return Rows(top, label_top, label_bottom)
