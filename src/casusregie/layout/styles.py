"""Colours, pens and sizes of the pictures, and the Dutch words of their legends.

Colours are chosen so the pictures still read when printed in grey: every kind of
line differs by pattern as well as by colour.
"""

from __future__ import annotations

from casusregie.layout.primitives import Pen

__all__ = [
    "EMOTION_LABELS",
    "EMOTION_PENS",
    "FILL_INDEX",
    "INK",
    "MUTED",
    "PAPER",
]

INK = "#222222"
MUTED = "#666666"
PAPER = "#ffffff"
FILL_INDEX = "#fff3c4"
HOUSEHOLD = "#1f6fb2"
LEGAL = "#6a1b9a"
REPEAT = "#fdecea"
ACCENT = "#00695c"

#: Symbol size (a square's side, a circle's diameter) and type sizes, in mm.
SYMBOL = 10.0
NAME_SIZE = 3.0
DATE_SIZE = 2.5
SMALL_SIZE = 2.2

STRUCTURE = Pen(INK, 0.35)
SYMBOL_PEN = Pen(INK, 0.45)
SLASH = Pen(INK, 0.45)
HOUSEHOLD_PEN = Pen(HOUSEHOLD, 0.4, (2.0, 1.2))

PARTNER_PENS: dict[str, Pen] = {
    "huwelijk": STRUCTURE,
    "samenwonend": Pen(INK, 0.35, (2.0, 1.0)),
    "relatie": Pen(INK, 0.35, (0.5, 1.0)),
    "uit_elkaar": STRUCTURE,
    "gescheiden": STRUCTURE,
    "": STRUCTURE,
}
PARTNER_LABELS = {
    "huwelijk": "Getrouwd",
    "samenwonend": "Samenwonend",
    "relatie": "Relatie, niet samenwonend",
    "uit_elkaar": "Uit elkaar",
    "gescheiden": "Gescheiden",
}

CHILD_PENS: dict[str, Pen] = {
    "biologisch": STRUCTURE,
    "adoptie": Pen(INK, 0.35, (2.2, 1.0)),
    "pleeg": Pen(INK, 0.35, (0.5, 0.9)),
    "stief": Pen(MUTED, 0.35, (2.2, 0.8, 0.5, 0.8)),
}
CHILD_LABELS = {
    "biologisch": "Eigen kind",
    "adoptie": "Adoptie",
    "pleeg": "Pleegkind",
    "stief": "Stiefkind",
}

EMOTION_PENS: dict[str, Pen] = {
    "close": Pen("#2e7d32", 0.35),
    "conflict": Pen("#e65100", 0.35),
    "violence": Pen("#b71c1c", 0.55),
    "cut-off": Pen("#555555", 0.4),
    "distant": Pen("#8a8a8a", 0.5, (0.3, 1.5)),
}
EMOTION_LABELS = {
    "close": "Hecht",
    "conflict": "Conflict",
    "violence": "Geweld (pijl: naar wie)",
    "cut-off": "Verbroken",
    "distant": "Afstandelijk",
}
