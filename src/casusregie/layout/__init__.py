"""Pure geometry for the pictures: genogram, tijdlijn, CAF-driehoek and sociogram.

Each layout turns a ``CaseFile`` into a ``Picture`` (drawing primitives in millimetres);
the Qt views (``ui.pictures``), the PDF drawings (``reports.drawing``) and the SVG writer
(``layout.svg``) draw that same list. No Qt, no reportlab, no I/O here: only ``domain``
and the standard library.
"""

from casusregie.layout.caf import caf_triangle
from casusregie.layout.genogram import genogram
from casusregie.layout.primitives import Box, Circle, Line, Pen, Picture, Polyline, Rect, Text
from casusregie.layout.sociogram import sociogram
from casusregie.layout.svg import to_svg
from casusregie.layout.timeline import timeline

__all__ = [
    "Box",
    "Circle",
    "Line",
    "Pen",
    "Picture",
    "Polyline",
    "Rect",
    "Text",
    "caf_triangle",
    "genogram",
    "sociogram",
    "timeline",
    "to_svg",
]
