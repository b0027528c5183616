"""A legend: a small sample of each symbol or line used, with its Dutch name.

Entries flow left to right and wrap onto the next line within ``width``. Only what
the picture uses is listed, so the legend explains this picture and nothing else.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence

from casusregie.layout.primitives import Primitive, Text
from casusregie.layout.styles import INK
from casusregie.layout.textmetrics import text_width

__all__ = ["SAMPLE_H", "SAMPLE_W", "Sample", "flow_legend"]

SAMPLE_W = 12.0
SAMPLE_H = 6.0
TEXT_SIZE = 2.6
ROW = 8.0

#: draws a sample in the box whose top left corner is (x, y), SAMPLE_W x SAMPLE_H mm
Sample = Callable[[float, float], list[Primitive]]


def flow_legend(
    entries: Sequence[tuple[str, Sample]], x: float, y: float, width: float, title: str = "Legenda"
) -> list[Primitive]:
    if not entries:
        return []
    out: list[Primitive] = [Text(x, y + 3.0, title, 3.0, INK, bold=True, role="legend")]
    cx, cy = x, y + 6.0
    for label, sample in entries:
        w = SAMPLE_W + 2.0 + text_width(label, TEXT_SIZE) + 6.0
        if cx > x and cx + w > x + width:
            cx, cy = x, cy + ROW
        for p in sample(cx, cy):
            out.append(dataclasses.replace(p, role="legend", key="legend"))
        out.append(
            Text(cx + SAMPLE_W + 2.0, cy + SAMPLE_H / 2 + 0.9, label, TEXT_SIZE, INK, role="legend")
        )
        cx += w
    return out
