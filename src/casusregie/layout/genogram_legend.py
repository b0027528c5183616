"""The genogram's legend: a sample of each symbol and line the picture uses."""

from __future__ import annotations

from casusregie.layout.emotional import KINDS, pattern
from casusregie.layout.legend import SAMPLE_H, SAMPLE_W, Sample, flow_legend
from casusregie.layout.primitives import Line, Pen, Primitive, Rect, Text
from casusregie.layout.styles import (
    CHILD_LABELS,
    CHILD_PENS,
    DATE_SIZE,
    EMOTION_LABELS,
    HOUSEHOLD_PEN,
    MUTED,
    PARTNER_LABELS,
    PARTNER_PENS,
    SLASH,
    STRUCTURE,
)
from casusregie.layout.symbols import person_symbol

__all__ = ["legend"]

#: gezag/maatregel marks after a child's years (see ``genogram.custody_tag``)
CUSTODY_TAGS = {
    "OTS": "OTS: ondertoezichtstelling (de ouders houden het gezag)",
    "VGD": "VGD: voogdij (een voogd heeft het gezag)",
    "1G": "1G: gezag bij één ouder",
}


def _line_sample(pen_kind: str, pens: dict[str, Pen]) -> Sample:
    return lambda x, y: [Line(x, y + SAMPLE_H / 2, x + SAMPLE_W, y + SAMPLE_H / 2, pens[pen_kind])]


def _samples() -> list[tuple[str, str, Sample]]:
    def sym(shape: str, **kw: object) -> Sample:
        return lambda x, y: person_symbol(shape, x + SAMPLE_W / 2, y + SAMPLE_H / 2, 5.0, **kw)  # type: ignore[arg-type]

    def bars(n: int) -> Sample:
        def draw(x: float, y: float) -> list[Primitive]:
            m = y + SAMPLE_H / 2
            out: list[Primitive] = [Line(x, m, x + SAMPLE_W, m, STRUCTURE)]
            for i in range(n):
                c = x + SAMPLE_W / 2 + 1.4 * i - 0.7 * (n - 1)
                out.append(Line(c - 0.9, m + 1.6, c + 0.9, m - 1.6, SLASH))
            return out

        return draw

    def twin(x: float, y: float) -> list[Primitive]:
        c = x + SAMPLE_W / 2
        return [
            Line(c, y, x + 2, y + SAMPLE_H, STRUCTURE),
            Line(c, y, x + SAMPLE_W - 2, y + SAMPLE_H, STRUCTURE),
        ]

    def emo(kind: str) -> Sample:
        return lambda x, y: pattern(
            kind, [(x, y + SAMPLE_H / 2), (x + SAMPLE_W, y + SAMPLE_H / 2)], "a_naar_b"
        )

    def household(x: float, y: float) -> list[Primitive]:
        return [Rect(x + 0.5, y + 0.5, SAMPLE_W - 1, SAMPLE_H - 1, HOUSEHOLD_PEN, None, 0.8)]

    out: list[tuple[str, str, Sample]] = [
        ("m", "Man", sym("square")),
        ("v", "Vrouw", sym("circle")),
        ("x", "Anders/onbekend", sym("diamond")),
        ("deceased", "Overleden", sym("square", deceased=True)),
        ("index", "Indexkind", sym("square", index=True)),
    ]
    for kind in ("huwelijk", "samenwonend", "relatie"):
        out.append((kind, PARTNER_LABELS[kind], _line_sample(kind, PARTNER_PENS)))
    out += [("uit_elkaar", "Uit elkaar", bars(1)), ("gescheiden", "Gescheiden", bars(2))]
    for kind in ("adoptie", "pleeg", "stief"):
        out.append((f"child:{kind}", CHILD_LABELS[kind], _line_sample(kind, CHILD_PENS)))
    out.append(("twin", "Tweeling", twin))
    out += [(f"emo:{k}", EMOTION_LABELS[k], emo(k)) for k in KINDS]
    out.append(("household", "Huishouden (woont nu samen)", household))
    for tag, label in CUSTODY_TAGS.items():
        text = label.split(": ", 1)[1]
        out.append((f"gezag:{tag}", text[:1].upper() + text[1:], tag_sample(tag)))
    return out


def tag_sample(tag: str) -> Sample:
    return lambda x, y: [
        Text(x + SAMPLE_W / 2, y + SAMPLE_H / 2 + 1.0, tag, DATE_SIZE, MUTED, "middle", True)
    ]


def legend(used: set[str], x: float, y: float, width: float) -> list[Primitive]:
    entries = [(label, sample) for key, label, sample in _samples() if key in used]
    return flow_legend(entries, x, y, width)
