"""The gezinspatroon as the CAF-driehoek of Beter Samenspel (seed 003, figuur 10 and 11).

Drawn as the seed builds it up: the problems in the family on top; inside the triangle
the child's gedrag at the apex with its ontwikkeling below, the parents' gedrag under
that and the parents' ontwikkelingsfactoren at the base. Arrows follow the seed's
reasoning: ontwikkeling explains gedrag; the parents' gedrag shapes the child's
ontwikkeling. Below the triangle the hulpverleningspatroon and the pattern sentence
("Deze kinderen groeien op in een gezin ...") with the nobele intentie.

Texts come from the ``gezinspatroon`` forms; a partner of a parent joins the father's
or the mother's side by gender, each text under the person's name.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from casusregie.domain.model import CaseFile, Form, Person
from casusregie.layout.geometry import arrow_head
from casusregie.layout.primitives import Line, Pen, Picture, Polyline, Primitive, Rect, Text
from casusregie.layout.styles import ACCENT, INK, MUTED, PAPER
from casusregie.layout.textmetrics import LINE_HEIGHT, wrap

__all__ = ["caf_triangle"]

WIDTH = 210.0
SIZE = 2.5
HEAD = 2.7
PAD = 2.0
MAX_LINES = 16
EMPTY = "(nog niet ingevuld)"
ARROW = Pen(ACCENT, 0.5)


@dataclass
class _Box:
    title: str
    lines: list[tuple[str, bool]]  # (text, bold)
    x: float
    w: float
    y: float = 0.0

    @property
    def h(self) -> float:
        return PAD * 2 + HEAD * LINE_HEIGHT + len(self.lines) * SIZE * LINE_HEIGHT


def _entries(
    cf: CaseFile, roles: tuple[str, ...], field: str, side: str = ""
) -> list[tuple[str, str]]:
    forms = {(f.section, f.person): f for f in cf.forms if f.template == "gezinspatroon"}
    out = []
    people = sorted(cf.persons, key=lambda p: (not p.index_child, p.birth_date or "", p.id))
    for p in people:
        if p.role not in roles or (p.role == "partner" and side and _side(p) != side):
            continue
        form: Form | None = forms.get((p.role, p.id))
        text = str((form.answers.get(field) if form else "") or "").strip()
        if text:
            name = p.name.split(" ")[0] if p.name else "?"
            out.append((f"{name} (partner)" if p.role == "partner" else name, text))
    return out


def _side(p: Person) -> str:
    return "moeder" if p.gender == "v" else "vader"


def _case_answer(cf: CaseFile, section: str, field: str) -> str:
    for f in cf.forms:
        if f.template == "gezinspatroon" and f.section == section and f.person is None:
            return str(f.answers.get(field) or "").strip()
    return ""


def _lines(
    entries: list[tuple[str, str]], width: float, max_lines: int = MAX_LINES
) -> list[tuple[str, bool]]:
    if not entries:
        return [(EMPTY, False)]
    out: list[tuple[str, bool]] = []
    per = max(3, max_lines // len(entries))
    for name, text in entries:
        if name and len(entries) > 1:
            out.append((name, True))
        out += [(line, False) for line in wrap(text, width - 2 * PAD, SIZE, max_lines=per)]
    return out


def caf_triangle(cf: CaseFile, leefgebied_labels: Mapping[str, str] | None = None) -> Picture:
    """The CAF-driehoek of ``cf``'s gezinspatroon as a picture."""
    col = (WIDTH - 12.0) / 2
    labels = leefgebied_labels or {}

    def side(role: str, field: str) -> list[tuple[str, str]]:
        return _entries(cf, (role, "partner"), field, role)

    def box(title: str, entries: list[tuple[str, str]], x: float, w: float) -> _Box:
        return _Box(title, _lines(entries, w), x, w)

    areas = _case_answer_list(cf)
    problem_text = "; ".join(labels.get(a, a.replace("_", " ")) for a in areas)
    problems = [
        ("", t) for t in (problem_text, _case_answer(cf, "hulpvraag", "problemen_gezin")) if t
    ]
    top = _Box("PROBLEMEN IN HET GEZIN", _lines(problems, WIDTH, 8), 0.0, WIDTH)
    apex = box("GEDRAG KIND", _entries(cf, ("kind",), "gedrag"), WIDTH / 2 - 55, 110)
    child_dev = box(
        "ONTWIKKELING KIND", _entries(cf, ("kind",), "ontwikkeling"), WIDTH / 2 - 60, 120
    )

    def who(role: str) -> str:
        partner = any(p.role == "partner" and _side(p) == role for p in cf.persons)
        return f"{role.upper()} EN PARTNER" if partner else role.upper()

    dad = box(f"GEDRAG {who('vader')}", side("vader", "gedrag"), 10.0, col - 8)
    mum = box(f"GEDRAG {who('moeder')}", side("moeder", "gedrag"), WIDTH / 2 + 8, col - 8)
    dad_dev = box(f"FACTOREN {who('vader')}", side("vader", "ontwikkelingsfactoren"), 0.0, col)
    mum_dev = box(
        f"FACTOREN {who('moeder')}", side("moeder", "ontwikkelingsfactoren"), WIDTH - col, col
    )
    rows = [[top], [apex], [child_dev], [dad, mum], [dad_dev, mum_dev]]
    y = 0.0
    tri_top = 0.0
    for i, row in enumerate(rows):
        if i == 1:
            y += 16.0
            tri_top = y - 12.0
        for b in row:
            b.y = y
        y += max(b.h for b in row) + (10.0 if i else 4.0)
    tri_bottom = y - 4.0
    help_box = _Box(
        "HULPVERLENINGSPATROON",
        _lines([("", _case_answer(cf, "hulpverleningspatroon", "rol_hulpverlening"))], WIDTH),
        0.0,
        WIDTH,
        y + 4.0,
    )
    pattern = _case_answer(cf, "patroon", "patroon") or EMPTY
    noble = _case_answer(cf, "patroon", "nobele_intentie")
    pat_lines = [(line, True) for line in wrap(pattern, WIDTH - 2 * PAD, SIZE, bold=True)]
    pat_lines.append(("", False))
    if noble:
        pat_lines += [("Nobele intentie:", True)] + [
            (line, False) for line in wrap(noble, WIDTH - 2 * PAD, SIZE)
        ]
    pat_box = _Box("GEZINSPATROON", pat_lines, 0.0, WIDTH, help_box.y + help_box.h + 6.0)
    out: list[Primitive] = [
        Polyline(
            ((WIDTH / 2, tri_top), (WIDTH + 4.0, tri_bottom), (-4.0, tri_bottom)),
            Pen("#9e9e9e", 0.5),
            "#f5f5f5",
            True,
            "triangle",
        ),
    ]
    out += _arrows(apex, child_dev, dad, mum, dad_dev, mum_dev)
    for b in (top, apex, child_dev, dad, mum, dad_dev, mum_dev, help_box):
        out += _draw(b)
    out += _draw(pat_box, Pen(ACCENT, 0.6), "#e0f2f1")
    height = pat_box.y + pat_box.h
    return Picture(
        "caf",
        WIDTH + 8.0,
        height + 8.0,
        tuple(out),
        title="Gezinspatroon (CAF-driehoek)",
        x0=-4.0,
        y0=-4.0,
    )


def _case_answer_list(cf: CaseFile) -> list[str]:
    for f in cf.forms:
        if f.template == "gezinspatroon" and f.section == "hulpvraag" and f.person is None:
            value = f.answers.get("leefgebieden") or []
            return [str(v) for v in value] if isinstance(value, list) else []
    return []


BOX_PEN = Pen(INK, 0.4)


def _draw(b: _Box, pen: Pen = BOX_PEN, fill: str = PAPER) -> list[Primitive]:
    out: list[Primitive] = [Rect(b.x, b.y, b.w, b.h, pen, fill, 1.5, "box")]
    y = b.y + PAD + HEAD * 0.8
    out.append(Text(b.x + PAD, y, b.title, HEAD, ACCENT, bold=True, role="box-title"))
    y += HEAD * LINE_HEIGHT
    for text, bold in b.lines:
        color = MUTED if text == EMPTY else INK
        out.append(Text(b.x + PAD, y, text, SIZE, color, bold=bold, role="box-text"))
        y += SIZE * LINE_HEIGHT
    return out


def _arrow(x1: float, y1: float, x2: float, y2: float) -> list[Primitive]:
    length = ((x2 - x1) ** 2 + (y2 - y1) ** 2) ** 0.5 or 1.0
    u = ((x2 - x1) / length, (y2 - y1) / length)
    head = arrow_head((x2, y2), u, 2.8)
    return [
        Line(x1, y1, x2 - u[0] * 2.0, y2 - u[1] * 2.0, ARROW, "arrow"),
        Polyline(head, None, ACCENT, True, "arrow"),
    ]


def _arrows(
    apex: _Box, child: _Box, dad: _Box, mum: _Box, dad_dev: _Box, mum_dev: _Box
) -> list[Primitive]:
    """Ontwikkeling -> gedrag (upwards); gedrag ouders -> ontwikkeling kind."""
    out: list[Primitive] = []
    cx = apex.x + apex.w / 2
    out += _arrow(cx, child.y, cx, apex.y + apex.h)
    for behaviour, factors in ((dad, dad_dev), (mum, mum_dev)):
        x = (
            max(behaviour.x, factors.x) + min(behaviour.x + behaviour.w, factors.x + factors.w)
        ) / 2
        out += _arrow(x, factors.y, x, behaviour.y + behaviour.h)
        bx = behaviour.x + behaviour.w / 2
        out += _arrow(bx, behaviour.y, cx + (bx - cx) * 0.35, child.y + child.h)
    return out
