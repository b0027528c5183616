"""The gezinspatroon as the CAF-driehoek of Beter Samenspel (seed 003, figuur 10 and 11).

Drawn as the seed builds it up: the problems in the family on top; inside the triangle
the child's gedrag at the apex with its ontwikkeling below, the parents' gedrag under
that and the parents' ontwikkelingsfactoren at the base. Arrows follow the seed's
reasoning: ontwikkeling explains gedrag; the parents' gedrag shapes the child's
ontwikkeling. Below the triangle the hulpverleningspatroon and the pattern sentence
("Deze kinderen groeien op in een gezin ...") with the nobele intentie.

Texts come from the ``gezinspatroon`` forms. The corners show keywords: the short summary
of each corner (``gedrag_kort`` ...) or else the start of the full text, at most three
lines, in type that keeps its size; the full texts are printed after the picture. Every
parent figure (moeder, vader, partner of a parent) has a box of their own.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from casusregie.domain.model import CaseFile, Form, Person
from casusregie.layout.geometry import arrow_head
from casusregie.layout.primitives import Line, Pen, Picture, Polyline, Primitive, Rect, Text
from casusregie.layout.styles import ACCENT, INK, MUTED, PAPER
from casusregie.layout.textmetrics import LINE_HEIGHT, wrap

__all__ = ["caf_triangle", "corner_text", "parent_figures"]

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
    min_h: float = 0.0

    @property
    def h(self) -> float:
        return max(self.min_h, PAD * 2 + HEAD * LINE_HEIGHT + len(self.lines) * SIZE * LINE_HEIGHT)


#: corner text: at most this many lines per person, in keywords
CORNER_LINES = 3
CORNER_CHARS = 70
PARENT_ROLES = ("moeder", "vader", "partner")
_ROLE_WORD = {"moeder": "moeder", "vader": "vader", "partner": "partner"}


def corner_text(form: Form | None, field: str) -> str:
    """What a corner of the triangle shows for one person: the short summary
    (``<field>_kort``) when there is one, else the start of the full text. The full
    text is printed after the picture, so nothing is lost."""
    if form is None:
        return ""
    short = str(form.answers.get(f"{field}_kort") or "").strip()
    if short:
        return short
    full = " ".join(str(form.answers.get(field) or "").split())
    if len(full) <= CORNER_CHARS:
        return full
    cut = full[:CORNER_CHARS].rsplit(" ", 1)[0]
    return cut.rstrip(",;:.") + " …"


def _forms(cf: CaseFile) -> dict[tuple[str, str | None], Form]:
    return {(f.section, f.person): f for f in cf.forms if f.template == "gezinspatroon"}


def _entries(cf: CaseFile, roles: tuple[str, ...], field: str) -> list[tuple[str, str]]:
    forms = _forms(cf)
    out = []
    people = sorted(cf.persons, key=lambda p: (not p.index_child, p.birth_date or "", p.id))
    for p in people:
        if p.role not in roles:
            continue
        text = corner_text(forms.get((p.role, p.id)), field)
        if text:
            out.append((p.name.split(" ")[0] if p.name else "?", text))
    return out


def parent_figures(cf: CaseFile) -> list[Person]:
    """Every parent figure (moeder, vader, partner of a parent) in the case, each with
    a box of their own: mothers first, then the partners, then the fathers."""
    order = {r: i for i, r in enumerate(("moeder", "partner", "vader"))}
    people = [p for p in cf.persons if p.role in PARENT_ROLES and not p.deceased]
    return sorted(people, key=lambda p: (order[p.role], p.birth_date or "", p.id))


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
    per = max(2, min(CORNER_LINES, max_lines // len(entries)))
    for name, text in entries:
        if name and len(entries) > 1:
            out.append((name, True))
        out += [(line, False) for line in wrap(text, width - 2 * PAD, SIZE, max_lines=per)]
    return out


def caf_triangle(cf: CaseFile, leefgebied_labels: Mapping[str, str] | None = None) -> Picture:
    """The CAF-driehoek of ``cf``'s gezinspatroon as a picture."""
    labels = leefgebied_labels or {}

    def box(title: str, entries: list[tuple[str, str]], x: float, w: float) -> _Box:
        return _Box(title, _lines(entries, w), x, w)

    areas = _case_answer_list(cf)
    problem_text = "; ".join(labels.get(a, a.replace("_", " ")) for a in areas)
    problems = [
        ("", t) for t in (problem_text, _case_answer(cf, "hulpvraag", "problemen_gezin")) if t
    ]
    top = _Box("PROBLEMEN IN HET GEZIN", _lines(problems, WIDTH, 4), 0.0, WIDTH)
    apex = box("GEDRAG KIND", _entries(cf, ("kind",), "gedrag"), WIDTH / 2 - 55, 110)
    child_dev = box(
        "ONTWIKKELING KIND", _entries(cf, ("kind",), "ontwikkeling"), WIDTH / 2 - 60, 120
    )
    figures = parent_figures(cf)
    forms = _forms(cf)
    behaviour: list[_Box] = []
    factors: list[_Box] = []
    n = max(len(figures), 1)
    gap = 4.0
    bw = (WIDTH - 16.0 - gap * (n - 1)) / n
    fw = (WIDTH - gap * (n - 1)) / n
    for i, person in enumerate(figures or [None]):
        if person is None:
            who, form = "OUDERS", None
        else:
            first = person.name.split(" ")[0].upper() if person.name else "?"
            who = f"{first} ({_ROLE_WORD[person.role].upper()})"
            form = forms.get((person.role, person.id))
        for field, row, x0, w, title in (
            ("gedrag", behaviour, 8.0 + i * (bw + gap), bw, "GEDRAG"),
            ("ontwikkelingsfactoren", factors, i * (fw + gap), fw, "FACTOREN"),
        ):
            text = corner_text(form, field)
            lines = wrap(text, w - 2 * PAD, SIZE, max_lines=CORNER_LINES) if text else [EMPTY]
            head = wrap(f"{title} {who}", w - 2 * PAD, HEAD, bold=True, max_lines=2)
            b = _Box(head[0], [(h, True) for h in head[1:]] + [(t, False) for t in lines], x0, w)
            row.append(b)
    rows = [[top], [apex], [child_dev], behaviour, factors]
    y = 0.0
    tri_top = 0.0
    for i, row in enumerate(rows):
        if i == 1:
            y += 16.0
            tri_top = y - 12.0
        tallest = max(b.h for b in row)
        for b in row:
            b.y = y
            b.min_h = tallest  # one height per row, so the row reads as one
        y += tallest + (10.0 if i else 4.0)
    tri_bottom = y - 4.0
    help_box = _Box(
        "HULPVERLENINGSPATROON",
        _lines([("", _case_answer(cf, "hulpverleningspatroon", "rol_hulpverlening"))], WIDTH, 4),
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
    out += _arrows(apex, child_dev, behaviour, factors)
    for b in (top, apex, child_dev, *behaviour, *factors, help_box):
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


def _arrows(apex: _Box, child: _Box, behaviour: list[_Box], factors: list[_Box]) -> list[Primitive]:
    """Ontwikkeling -> gedrag (upwards); gedrag ouders -> ontwikkeling kind."""
    out: list[Primitive] = []
    cx = apex.x + apex.w / 2
    out += _arrow(cx, child.y, cx, apex.y + apex.h)
    for b, f in zip(behaviour, factors, strict=True):
        x = (max(b.x, f.x) + min(b.x + b.w, f.x + f.w)) / 2
        out += _arrow(x, f.y, x, b.y + b.h)
        bx = b.x + b.w / 2
        out += _arrow(bx, b.y, cx + (bx - cx) * 0.35, child.y + child.h)
    return out
