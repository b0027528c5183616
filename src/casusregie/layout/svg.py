"""A ``Picture`` as an SVG document (pure Python; the CLI and the app both use it).

One SVG element per primitive, in millimetres (``viewBox`` in mm, ``width``/``height``
with the unit), text as text in DejaVu Sans so it stays searchable and sharp.
"""

from __future__ import annotations

from xml.sax.saxutils import escape, quoteattr

from casusregie.layout.primitives import Circle, Line, Pen, Picture, Polyline, Primitive, Rect, Text
from casusregie.layout.textmetrics import FONT_FAMILY

__all__ = ["to_svg"]


def _n(v: float) -> str:
    text = f"{v:.3f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def _stroke(pen: Pen | None) -> str:
    if pen is None:
        return ' stroke="none"'
    out = f' stroke="{pen.color}" stroke-width="{_n(pen.width)}"'
    if pen.dash:
        out += f' stroke-dasharray="{" ".join(_n(d) for d in pen.dash)}"'
    return out


def _fill(fill: str | None) -> str:
    return f' fill="{fill}"' if fill else ' fill="none"'


def _element(p: Primitive) -> str:
    if isinstance(p, Rect):
        r = f' rx="{_n(p.radius)}"' if p.radius else ""
        return (
            f'<rect x="{_n(p.x)}" y="{_n(p.y)}" width="{_n(p.w)}" height="{_n(p.h)}"{r}'
            f"{_fill(p.fill)}{_stroke(p.pen)}/>"
        )
    if isinstance(p, Circle):
        shape = f'cx="{_n(p.cx)}" cy="{_n(p.cy)}" r="{_n(p.r)}"'
        return f"<circle {shape}{_fill(p.fill)}{_stroke(p.pen)}/>"
    if isinstance(p, Line):
        return (
            f'<line x1="{_n(p.x1)}" y1="{_n(p.y1)}" x2="{_n(p.x2)}" y2="{_n(p.y2)}"'
            f'{_stroke(p.pen)} stroke-linecap="butt"/>'
        )
    if isinstance(p, Polyline):
        pts = " ".join(f"{_n(x)},{_n(y)}" for x, y in p.points)
        tag = "polygon" if p.closed else "polyline"
        fill = _fill(p.fill) if p.closed else ' fill="none"'
        return f'<{tag} points="{pts}"{fill}{_stroke(p.pen)} stroke-linejoin="round"/>'
    assert isinstance(p, Text)
    weight = ' font-weight="bold"' if p.bold else ""
    return (
        f'<text x="{_n(p.x)}" y="{_n(p.y)}" font-size="{_n(p.size)}" fill="{p.color}"'
        f' text-anchor="{p.anchor}"{weight}>{escape(p.text)}</text>'
    )


def to_svg(picture: Picture) -> str:
    """The picture as a standalone SVG document (UTF-8 text)."""
    vb = f"{_n(picture.x0)} {_n(picture.y0)} {_n(picture.width)} {_n(picture.height)}"
    head = (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<svg xmlns="http://www.w3.org/2000/svg" version="1.1" viewBox="{vb}"'
        f' width="{_n(picture.width)}mm" height="{_n(picture.height)}mm"'
        f" font-family={quoteattr(FONT_FAMILY + ', Verdana, sans-serif')}>\n"
        f"<title>{escape(picture.title)}</title>\n"
        f'<rect x="{_n(picture.x0)}" y="{_n(picture.y0)}" width="{_n(picture.width)}"'
        f' height="{_n(picture.height)}" fill="#ffffff"/>\n'
    )
    body = "\n".join(_element(p) for p in picture.items)
    return head + body + "\n</svg>\n"
