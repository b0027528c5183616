"""The sociogram (netwerkkaart): the people around the child, their role and closeness.

The index child is in the middle. Four quarters: gezin (top), familie (right),
vrienden, buren en vereniging (bottom), hulpverlening (left; professionals and the
help that is running now). The closer someone is to the child, the nearer the
middle: a *hecht* relation on the inner circle, no recorded relation on the middle
one, *afstandelijk* or *verbroken* on the outer one. The emotional relations are drawn
as in the genogram.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from casusregie.domain.model import CaseFile, Person, Role
from casusregie.layout.emotional import KINDS, emotional_line, pattern
from casusregie.layout.geometry import BoxIndex
from casusregie.layout.legend import SAMPLE_H, SAMPLE_W, Sample, flow_legend
from casusregie.layout.primitives import Box, Circle, Pen, Picture, Primitive, Rect, Text
from casusregie.layout.styles import EMOTION_LABELS, INK, MUTED, PAPER
from casusregie.layout.symbols import person_symbol, shape_of
from casusregie.layout.textmetrics import LINE_HEIGHT, text_width, wrap

__all__ = ["sociogram"]

RADII = (34.0, 58.0, 82.0)
NODE = 7.0
LABEL_W = 30.0
SECTORS = (  # name, centre angle in degrees (0 = right, 90 = down)
    ("Gezin", -90.0),
    ("Familie", 0.0),
    ("Vrienden, buren, vereniging", 90.0),
    ("Hulpverlening", 180.0),
)
_RING = {"close": 0, "conflict": 1, "violence": 1, "distant": 2, "cut-off": 2}


@dataclass
class _Node:
    key: str
    name: str
    role: str
    shape: str
    sector: int
    ring: int
    deceased: bool = False
    x: float = 0.0
    y: float = 0.0


def _sector(p: Person, household: set[str]) -> int:
    if p.id in household or p.role in ("moeder", "vader", "kind", "partner"):
        return 0
    if p.role in ("grootouder", "familie"):
        return 1
    return 3 if p.role == "professional" else 2


def _centre(cf: CaseFile) -> Person | None:
    kids = sorted(
        (p for p in cf.persons if p.role == "kind"), key=lambda p: (p.birth_date or "", p.id)
    )
    return next((p for p in cf.persons if p.index_child), kids[0] if kids else None)


def sociogram(cf: CaseFile) -> Picture:
    """The network around the index child (or the eldest child) of ``cf``."""
    centre = _centre(cf)
    relations = [
        i for i in cf.items if i.template == "genogram" and i.section == "emotionele_relaties"
    ]
    relations.sort(key=lambda i: (i.position, i.id))
    ring_of: dict[str, int] = {}
    for item in relations:
        a, b, kind = item.answers.get("van"), item.answers.get("naar"), item.answers.get("soort")
        if centre and kind in _RING and centre.id in (a, b):
            other = b if a == centre.id else a
            ring_of[str(other)] = min(ring_of.get(str(other), 9), _RING[str(kind)])
    household = {
        m
        for i in cf.items
        if i.template == "genogram"
        and i.section == "huishoudens"
        and not i.answers.get("tot")
        and centre
        and centre.id in (i.answers.get("leden") or [])
        for m in i.answers.get("leden") or []
    }
    nodes: list[_Node] = []
    for p in sorted(cf.persons, key=lambda p: (p.birth_date or "", p.id)):
        if centre and p.id == centre.id:
            continue
        role = p.relation_to_child or Role.label_of(p.role)
        nodes.append(
            _Node(
                f"person:{p.id}",
                p.name,
                role,
                shape_of(p.gender),
                _sector(p, household),
                ring_of.get(p.id, 1),
                p.deceased,
            )
        )
    for h in sorted(cf.help_episodes, key=lambda h: (h.start or "", h.id)):
        if (
            h.status == "lopend"
            and h.end is None
            and (not centre or centre.id in h.persons or h.aimed_at == "gezin")
        ):
            nodes.append(
                _Node(f"help:{h.id}", h.provider or "Hulpverlening", "Lopende hulp", "help", 3, 1)
            )
    out: list[Primitive] = []
    for r, name in zip(RADII, ("Dichtbij", "", "Op afstand"), strict=True):
        out.append(Circle(0.0, 0.0, r, Pen("#cfd8dc", 0.3, (1.0, 1.0)), None, "ring"))
        if name:
            a = math.radians(135.0)
            out.append(
                Text(
                    r * math.cos(a), r * math.sin(a) + 3.0, name, 2.3, MUTED, "middle", role="ring"
                )
            )
    boxes = _place(nodes)
    for name, angle in SECTORS:
        a = math.radians(angle)
        r = RADII[-1] + 22.0
        out.append(
            Text(
                r * math.cos(a),
                r * math.sin(a) + (6.0 if angle == -90 else 0),
                name,
                3.0,
                INK,
                "middle",
                True,
                "sector",
            )
        )
    symbols = {
        n.key: Box(n.x - NODE / 2, n.y - NODE / 2, n.x + NODE / 2, n.y + NODE / 2) for n in nodes
    }
    if centre:
        symbols[f"person:{centre.id}"] = Box(-5.0, -5.0, 5.0, 5.0)
    used: set[str] = set()
    obstacles = BoxIndex(b.grow(0.6) for b in symbols.values())
    soft = BoxIndex(boxes.values())
    for item in relations:
        a, b = (f"person:{item.answers.get(k)}" for k in ("van", "naar"))
        kind = str(item.answers.get("soort"))
        if a in symbols and b in symbols and a != b and kind in KINDS:
            out += emotional_line(
                kind,
                symbols[a],
                symbols[b],
                obstacles,
                soft,
                direction=str(item.answers.get("richting") or ""),
                key=f"emotion:{item.id}",
            )
            used.add(kind)
    for n in nodes:
        out += _node(n)
    if centre:
        out += person_symbol(
            shape_of(centre.gender), 0.0, 0.0, 10.0, key=f"person:{centre.id}", index=True
        )
        out.append(
            Text(0.0, 9.5, centre.name, 3.0, INK, "middle", True, "label", f"person:{centre.id}")
        )
    entries = [(EMOTION_LABELS[k], _emo_sample(k)) for k in KINDS if k in used]
    top = -(RADII[-1] + 30.0)
    bottom = RADII[-1] + 28.0
    out += flow_legend(entries, -118.0, bottom, 236.0)
    height = bottom + (8.0 + 8.0 * (1 + len(entries) // 5) if entries else 0.0) - top
    return Picture(
        "sociogram", 250.0, height, tuple(out), symbols, "Netwerk rond het kind", x0=-125.0, y0=top
    )


def _emo_sample(kind: str) -> Sample:
    return lambda x, y: pattern(
        kind, [(x, y + SAMPLE_H / 2), (x + SAMPLE_W, y + SAMPLE_H / 2)], "a_naar_b"
    )


def _label_lines(n: _Node) -> list[tuple[str, float, bool, str]]:
    lines = [(t, 2.6, True, INK) for t in wrap(n.name, LABEL_W, 2.6, max_lines=2, bold=True)]
    lines += [(t, 2.3, False, MUTED) for t in wrap(n.role, LABEL_W, 2.3, max_lines=2)]
    return lines


def _label_box(n: _Node) -> Box:
    lines = _label_lines(n)
    w = max(text_width(t, s, b) for t, s, b, _ in lines)
    h = sum(s * LINE_HEIGHT for _, s, _, _ in lines)
    return Box(n.x - w / 2, n.y + NODE / 2 + 0.8, n.x + w / 2, n.y + NODE / 2 + 0.8 + h)


def _place(nodes: list[_Node]) -> dict[str, Box]:
    """Spread each quarter's people over its arc; move one outwards or inwards when its
    name would cover another's."""
    boxes: dict[str, Box] = {}
    taken: list[Box] = [Box(-16.0, -6.0, 16.0, 14.0)]
    for s, (_name, centre) in enumerate(SECTORS):
        mine = sorted((n for n in nodes if n.sector == s), key=lambda n: (n.ring, n.key))
        for i, n in enumerate(mine):
            angle = math.radians(centre - 36.0 + 72.0 * (i + 0.5) / len(mine))
            for dr in (0.0, 9.0, -9.0, 18.0, 27.0, 36.0):
                n.x = (RADII[n.ring] + dr) * math.cos(angle)
                n.y = (RADII[n.ring] + dr) * math.sin(angle)
                box = (
                    _label_box(n)
                    .union(Box(n.x - NODE / 2, n.y - NODE / 2, n.x + NODE / 2, n.y + NODE / 2))
                    .grow(0.8)
                )
                if not any(box.overlaps(t) for t in taken):
                    break
            taken.append(box)
            boxes[n.key] = _label_box(n)
    return boxes


def _node(n: _Node) -> list[Primitive]:
    if n.shape == "help":
        out: list[Primitive] = [
            Rect(
                n.x - NODE / 2,
                n.y - NODE / 2,
                NODE,
                NODE,
                Pen("#00695c", 0.45),
                "#e0f2f1",
                1.5,
                "symbol",
                n.key,
            )
        ]
    else:
        out = person_symbol(n.shape, n.x, n.y, NODE, key=n.key, deceased=n.deceased)
    box = _label_box(n)
    out.append(
        Rect(
            box.x0 - 0.5,
            box.y0 - 0.2,
            box.width + 1.0,
            box.height + 0.2,
            None,
            PAPER,
            role="label-bg",
            key=n.key,
        )
    )
    y = box.y0
    for text, size, bold, color in _label_lines(n):
        y += size * 0.8
        out.append(Text(n.x, y, text, size, color, "middle", bold, "label", n.key))
        y += size * (LINE_HEIGHT - 0.8)
    return out
