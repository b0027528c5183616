"""The layout's pictures on paper: reportlab vector graphics, a PDF page, a PNG.

``to_drawing`` turns a ``Picture`` into a reportlab ``Drawing`` (a flowable, so the PDF
reports can place it in a story) shape for shape: the same primitives the screen
draws, converted from millimetres with y down to points with y up. ``write_pdf`` puts
one picture on one page (A4, or A3 when it would be too small), ``png_bytes`` renders
that page as an image without Qt and without any program of the OS: pdfium, from the
``pypdfium2`` wheel, draws the PDF in memory (no temporary file).

Text is set in DejaVu Sans (shipped in ``resources/fonts``, see ``reports.fonts``),
which has the letters of names such as Nguyễn or Çelik.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
from functools import cache
from pathlib import Path
from typing import Any, BinaryIO

from reportlab.graphics import renderPDF
from reportlab.graphics.shapes import Circle, Drawing, Group, Line, Polygon, PolyLine, Rect, String
from reportlab.lib.colors import HexColor
from reportlab.lib.pagesizes import A3, A4, landscape, portrait
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from casusregie.domain.errors import CasusregieError
from casusregie.domain.model import CaseFile
from casusregie.layout import caf_triangle, sociogram, timeline
from casusregie.layout import primitives as p
from casusregie.layout.genogram import paper_genogram
from casusregie.layout.timeline_data import event_numbers
from casusregie.reports import fonts
from casusregie.templates import load_templates

__all__ = [
    "PictureError",
    "caf_flowable",
    "fit_drawing",
    "font_names",
    "genogram_flowable",
    "moved_relations",
    "picture_labels",
    "png_bytes",
    "relations_flowable",
    "timeline_flowable",
    "to_drawing",
    "write_pdf",
]

MAX_ENLARGE = 1.5


class PictureError(CasusregieError):
    """A picture could not be made (for example no way to make a PNG)."""

    exit_code = 12


def font_names() -> tuple[str, str]:
    """Register DejaVu Sans once; return the names of the regular and bold font.

    Raises ``fonts.FontMissing`` only when the install lost its shipped fonts.
    """
    fonts.register()
    return fonts.REGULAR, fonts.BOLD


def _color(value: str | None) -> Any:
    return None if value is None else HexColor(value)


def _stroke(pen: p.Pen | None, k: float) -> dict[str, Any]:
    if pen is None:
        return {"strokeColor": None, "strokeWidth": 0}
    dash = [d * k for d in pen.dash] if pen.dash else None
    return {
        "strokeColor": HexColor(pen.color),
        "strokeWidth": pen.width * k,
        "strokeDashArray": dash,
    }


def to_drawing(picture: p.Picture, scale: float = 1.0) -> Drawing:
    """The picture as a reportlab Drawing, ``scale`` times its size in millimetres."""
    regular, bold = font_names()
    k = mm * scale
    height = picture.height

    def X(x: float) -> float:
        return (x - picture.x0) * k

    def Y(y: float) -> float:
        return (height - (y - picture.y0)) * k

    d = Drawing(picture.width * k, picture.height * k)
    d.initialFontName = regular  # else renderPDF declares Helvetica, never embedded
    group = Group()
    for item in picture.items:
        if isinstance(item, p.Rect):
            group.add(
                Rect(
                    X(item.x),
                    Y(item.y + item.h),
                    item.w * k,
                    item.h * k,
                    rx=item.radius * k,
                    ry=item.radius * k,
                    fillColor=_color(item.fill),
                    **_stroke(item.pen, k),
                )
            )
        elif isinstance(item, p.Circle):
            group.add(
                Circle(
                    X(item.cx),
                    Y(item.cy),
                    item.r * k,
                    fillColor=_color(item.fill),
                    **_stroke(item.pen, k),
                )
            )
        elif isinstance(item, p.Line):
            group.add(Line(X(item.x1), Y(item.y1), X(item.x2), Y(item.y2), **_stroke(item.pen, k)))
        elif isinstance(item, p.Polyline):
            pts = [c for x, y in item.points for c in (X(x), Y(y))]
            if item.closed:
                group.add(Polygon(pts, fillColor=_color(item.fill), **_stroke(item.pen, k)))
            else:
                group.add(PolyLine(pts, **_stroke(item.pen, k)))
        else:
            group.add(
                String(
                    X(item.x),
                    Y(item.y),
                    item.text,
                    fontName=bold if item.bold else regular,
                    fontSize=item.size * k,
                    fillColor=HexColor(item.color),
                    textAnchor=item.anchor,
                )
            )
    d.add(group)
    return d


def _page(picture: p.Picture, header: float) -> tuple[tuple[float, float], float]:
    """The smallest page (A4, else A3) on which the picture shows at >= 70 %; a small
    picture is enlarged to fill the page, up to 150 %."""
    shape = landscape if picture.width >= picture.height else portrait
    for size in (A4, A3):
        w, h = shape(size)
        fit = min(
            (w - 24 * mm) / (picture.width * mm),
            (h - 24 * mm - header) / (picture.height * mm),
            MAX_ENLARGE,
        )
        if fit >= 0.7 or size is A3:
            return (w, h), fit
    raise AssertionError("unreachable")


def write_pdf(
    picture: p.Picture,
    out: str | Path | BinaryIO,
    heading: str = "",
    subheading: str = "",
    *,
    fit_page: bool = True,
) -> None:
    """One page with ``heading`` on top and the picture scaled to fit below it; with
    ``fit_page=False`` a page just the picture's size (what the PNG is made from)."""
    regular, bold = font_names()
    header = (14 if heading else 0) * mm
    if fit_page:
        (w, h), fit = _page(picture, header)
    else:
        w, h, fit = (picture.width + 24) * mm, (picture.height + 24) * mm + header, 1.0
    canvas = Canvas(
        out if not isinstance(out, Path) else str(out), pagesize=(w, h), initialFontName=regular
    )
    canvas.setTitle(picture.title or "Tekening")
    canvas.setCreator("Casusregie")
    if heading:
        canvas.setFont(bold, 13)
        canvas.drawString(12 * mm, h - 16 * mm, heading)
        if subheading:
            canvas.setFont(regular, 9)
            canvas.drawString(12 * mm, h - 21 * mm, subheading)
    drawing = to_drawing(picture, fit)
    renderPDF.draw(drawing, canvas, 12 * mm, h - 12 * mm - header - drawing.height)
    canvas.showPage()
    canvas.save()


def png_bytes(picture: p.Picture, dpi: int = 150) -> bytes:
    """The picture as PNG: its PDF page (``write_pdf(fit_page=False)``) drawn by pdfium."""
    import pypdfium2  # only when a PNG is asked for

    pdf = io.BytesIO()
    write_pdf(picture, pdf, fit_page=False)
    try:
        document = pypdfium2.PdfDocument(pdf.getvalue())
        try:
            image = document[0].render(scale=dpi / 72).to_pil()
        finally:
            document.close()
        out = io.BytesIO()
        image.save(out, format="PNG", dpi=(dpi, dpi))
    except (pypdfium2.PdfiumError, OSError, ValueError):
        raise PictureError("De tekening kon niet als PNG gemaakt worden.") from None
    return out.getvalue()


@cache
def picture_labels() -> dict[str, dict[str, str]]:
    """Dutch names of the leefgebieden, from the templates: for the tijdlijn (help and
    events) and for the gezinspatroon (problems in the family)."""
    templates = load_templates()
    out: dict[str, dict[str, str]] = {}
    for template, section, field in (
        ("tijdlijn", "tijdlijn", "leefgebied"),
        ("gezinspatroon", "hulpvraag", "leefgebieden"),
    ):
        found = templates.get(template).section(section)
        spec = found.field(field) if found else None
        out[template] = dict(spec.choices) if spec else {}
    return out


#: the tallest a picture may be inside a report (an A4 page's frame, with headings)
MAX_FLOWABLE_HEIGHT = 230 * mm


def fit_drawing(
    picture: p.Picture, width: float, max_height: float = MAX_FLOWABLE_HEIGHT
) -> Drawing:
    """The picture as a flowable no wider than ``width`` points and no taller than
    ``max_height``; never enlarged."""
    scale = min(width / (picture.width * mm), max_height / (picture.height * mm), 1.0)
    return to_drawing(picture, scale)


def genogram_flowable(cf: CaseFile, width: float, as_of: dt.date | None = None) -> Drawing:
    """The genogram for the PDF reports (ages on the report's date). An emotional
    relation whose line cannot be drawn cleanly is left out here and drawn by
    ``relations_flowable`` on a page of its own."""
    picture, _moved = paper_genogram(cf, as_of=as_of or dt.date.today())
    return fit_drawing(picture, width)


def moved_relations(cf: CaseFile, as_of: dt.date | None = None) -> list[str]:
    """Ids of the emotional relations that go on the "relaties" page: those the
    genogram of ``as_of`` (the report's date, as ``genogram_flowable`` draws it) leaves
    out. The ages in the labels follow that date, and so does the routing around them."""
    return paper_genogram(cf, as_of=as_of or dt.date.today(), legend=False)[1]


def relations_flowable(cf: CaseFile, width: float, as_of: dt.date | None = None) -> Drawing:
    """The emotional relations that do not fit cleanly in the genogram of ``as_of``,
    drawn around the child as in the sociogram (only those relations)."""
    moved = set(moved_relations(cf, as_of))
    keep = [
        i
        for i in cf.items
        if not (i.template == "genogram" and i.section == "emotionele_relaties") or i.id in moved
    ]
    return fit_drawing(sociogram(dataclasses.replace(cf, items=keep)), width)


def timeline_flowable(cf: CaseFile, width: float, as_of: dt.date | None = None) -> Drawing:
    """The tijdlijn for the PDF reports, help per leefgebied, laid out for the frame's
    width so the text keeps its size. Events carry their number in the table printed
    under the picture (``event_numbers``); "nu" is ``as_of`` (the report's date)."""
    labels = picture_labels()["tijdlijn"]
    picture = timeline(
        cf,
        as_of=as_of or dt.date.today(),
        labels=labels,
        width=max(width / mm, 150.0),
        numbers=event_numbers(cf),
        max_lanes=24,
    )
    return fit_drawing(picture, width)


def caf_flowable(cf: CaseFile, width: float) -> Drawing:
    """The gezinspatroon as the CAF-driehoek for the PDF reports."""
    return fit_drawing(caf_triangle(cf, picture_labels()["gezinspatroon"]), width)
