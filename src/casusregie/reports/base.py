"""What every Casusregie PDF shares: fonts, text, page footer, metadata, building.

- ``text(value)`` makes any stored text safe for a ReportLab paragraph: Unicode
  normalised (NFC), control characters and lone surrogates removed, markup escaped,
  line breaks kept. Long words are split by ReportLab itself (``splitLongWords``), so
  nothing runs off the page.
- ``build(story, meta)`` lays the story out on A4 and returns the PDF bytes, with the
  footer ("vertrouwelijk" where asked, "pagina 3 van 12") drawn after layout, so the
  page count is known. Metadata: a title without names, language nl-NL, author
  "Casusregie". Nothing is written to disk here.
"""

from __future__ import annotations

import datetime as dt
import html
import io
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    PageTemplate,
    Paragraph,
    TableStyle,
)

from casusregie.domain.dates import PartialDate
from casusregie.reports import fonts

__all__ = [
    "PAGE",
    "Anchor",
    "DocMeta",
    "Heading",
    "PageRef",
    "PageRefs",
    "Styles",
    "build",
    "column_widths",
    "dutch_date",
    "keep_dates",
    "para",
    "styles",
    "table_style",
    "text",
]

PAGE = A4
GREY = colors.Color(0.35, 0.35, 0.35)
LIGHT = colors.Color(0.90, 0.90, 0.90)

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


def clean(value: Any) -> str:
    """Plain text fit for a PDF: NFC, no control characters, no lone surrogates."""
    s = "" if value is None else str(value)
    s = _CONTROL.sub("", s)
    s = s.replace("\r\n", "\n").replace("\r", "\n").replace("\t", "    ")
    return unicodedata.normalize("NFC", s)


def text(value: Any) -> str:
    """Paragraph markup for a stored text: escaped, with its line breaks."""
    s = clean(value).strip()
    s = s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return s.replace("\n", "<br/>")


def para(value: Any, style: ParagraphStyle, *, markup: bool = False) -> Paragraph:
    """A paragraph of stored text (escaped) or, with ``markup``, of our own markup."""
    return Paragraph(value if markup else text(value), style)


def dutch_date(value: Any) -> str:
    """'20 maart 2025', 'maart 2025', '2025'; anything unreadable as it is."""
    if value is None or value == "":
        return ""
    if isinstance(value, dt.date):
        value = value.isoformat()
    try:
        return PartialDate.parse(str(value)).dutch()
    except (ValueError, AttributeError):
        return clean(value)


@dataclass(frozen=True)
class Styles:
    title: ParagraphStyle
    subtitle: ParagraphStyle
    h1: ParagraphStyle
    h2: ParagraphStyle
    h3: ParagraphStyle
    body: ParagraphStyle
    small: ParagraphStyle
    label: ParagraphStyle
    note: ParagraphStyle
    cell: ParagraphStyle
    cell_bold: ParagraphStyle
    cell_small: ParagraphStyle
    big: ParagraphStyle
    bullet: ParagraphStyle
    indented: ParagraphStyle
    row: ParagraphStyle


def styles(size: float) -> Styles:
    """A set of styles around a body size (12 pt for the family, 9.5 pt for the file)."""
    font = fonts.register()
    lead = size * 1.3

    def style(name: str, **kw: Any) -> ParagraphStyle:
        base: dict[str, Any] = {
            "fontName": font,
            "bulletFontName": font,
            "fontSize": size,
            "leading": lead,
            "alignment": TA_LEFT,
            "splitLongWords": 1,
            "allowWidows": 0,
            "allowOrphans": 0,
        }
        base.update(kw)
        return ParagraphStyle(name, **base)

    return Styles(
        title=style("title", fontName=fonts.BOLD, fontSize=size * 2, leading=size * 2.4),
        subtitle=style("subtitle", fontSize=size * 1.1, leading=size * 1.5, spaceAfter=size),
        h1=style(
            "h1",
            fontName=fonts.BOLD,
            fontSize=size * 1.4,
            leading=size * 1.75,
            spaceBefore=size * 0.9,
            spaceAfter=size * 0.3,
            keepWithNext=1,
        ),
        h2=style(
            "h2",
            fontName=fonts.BOLD,
            fontSize=size * 1.15,
            leading=size * 1.5,
            spaceBefore=size * 0.9,
            spaceAfter=size * 0.25,
            keepWithNext=1,
        ),
        h3=style(
            "h3",
            fontName=fonts.BOLD,
            fontSize=size,
            leading=lead,
            spaceBefore=size * 0.6,
            keepWithNext=1,
        ),
        body=style("body", spaceAfter=size * 0.45),
        small=style("small", fontSize=size * 0.8, leading=size * 1.1, textColor=GREY),
        label=style("label", fontName=fonts.BOLD, fontSize=size * 0.85, keepWithNext=1),
        note=style("note", fontName=fonts.ITALIC, fontSize=size * 0.85, leading=size * 1.15),
        cell=style("cell", fontSize=size * 0.95, leading=size * 1.3),
        cell_bold=style("cell_bold", fontName=fonts.BOLD, fontSize=size * 0.95, leading=size * 1.3),
        cell_small=style(
            "cell_small", fontSize=size * 0.84, leading=size * 1.15, spaceBefore=size * 0.25
        ),
        big=style("big", fontName=fonts.BOLD, fontSize=size * 1.25, leading=size * 1.6),
        bullet=style("bullet", leftIndent=size * 1.2, bulletIndent=size * 0.2, spaceAfter=2),
        indented=style(
            "indented",
            leftIndent=size * 1.2,
            fontSize=size * 0.9,
            leading=size * 1.25,
            spaceAfter=size * 0.4,
        ),
        row=style(
            "row",
            fontSize=size * 0.95,
            leading=size * 1.25,
            leftIndent=size * 1.2,
            firstLineIndent=-size * 1.2,
            spaceAfter=size * 0.3,
        ),
    )


@dataclass(frozen=True)
class DocMeta:
    """What a PDF says about itself. ``title`` and ``subject`` carry no names (they
    show in file lists); ``header`` is printed at the top of every page."""

    title: str
    subject: str = ""
    footer: str = ""
    confidential: bool = False
    margin_mm: float = 18
    header: str = ""
    #: A4 on its side (a worksheet with three houses next to each other)
    landscape: bool = False


class PageRefs:
    """Page numbers known only after layout: ``Anchor`` flowables note the page they
    land on; ``PageRef`` flowables note where a number must go. The canvas writes the
    numbers when it saves (as it writes "pagina 3 van 12"), so one layout pass does."""

    def __init__(self) -> None:
        self.pages: dict[str, int] = {}
        #: page -> (x, y, key, font, size, anchor "left"/"right")
        self.wanted: dict[int, list[tuple[float, float, str, str, float, str]]] = {}


class Anchor(Flowable):
    """Takes no room; remembers the page it is drawn on under ``key``."""

    width = height = 0

    def __init__(self, key: str) -> None:
        super().__init__()
        self.key = key

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        refs = getattr(self.canv, "refs", None)
        if refs is not None:
            refs.pages.setdefault(self.key, self.canv.getPageNumber())


class Heading(Paragraph):
    """A heading that notes its page under ``keys`` (where its chapter or section
    starts): unlike an ``Anchor`` before it, it moves with the heading to a new page."""

    def __init__(self, markup: str, style: ParagraphStyle, keys: Sequence[str] = ()) -> None:
        super().__init__(markup, style)
        self.keys = tuple(keys)

    def draw(self) -> None:
        refs = getattr(self.canv, "refs", None)
        if refs is not None:
            for key in self.keys:
                refs.pages.setdefault(key, self.canv.getPageNumber())
        super().draw()


class PageRef(Flowable):
    """'blz. 7': the page of the anchor ``key``, right-aligned in its cell; '–' when the
    anchor never appeared."""

    def __init__(self, key: str, size: float = 9, bold: bool = False) -> None:
        super().__init__()
        self.key = key
        self.size = size
        self.bold = bold

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        self.width = availWidth
        return availWidth, self.size * 1.25

    def draw(self) -> None:
        refs = getattr(self.canv, "refs", None)
        if refs is None:
            return
        x, y = self.canv.absolutePosition(self.width, self.size * 0.25)
        font = fonts.BOLD if self.bold else fonts.REGULAR
        page = self.canv.getPageNumber()
        refs.wanted.setdefault(page, []).append((x, y, self.key, font, self.size, "right"))


class _NumberedCanvas(Canvas):
    """Draws the footer on every page once the page count is known."""

    def __init__(self, *args: Any, meta: DocMeta, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._meta = meta
        self._pages: list[dict[str, Any]] = []
        self.refs = PageRefs()

    def showPage(self) -> None:
        self._pages.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        total = len(self._pages)
        refs = self.refs
        for state in self._pages:
            self.__dict__.update(state)
            self._page_numbers(refs)
            self._footer(total)
            super().showPage()
        super().save()

    def _page_numbers(self, refs: PageRefs) -> None:
        for x, y, key, font, size, _side in refs.wanted.get(self._pageNumber, []):
            page = refs.pages.get(key)
            self.saveState()
            self.setFont(font, size)
            self.drawRightString(x, y, str(page) if page else "–")
            self.restoreState()

    def _footer(self, total: int) -> None:
        meta = self._meta
        width, _ = self._pagesize
        margin = meta.margin_mm * mm
        y = margin * 0.5
        self.saveState()
        self.setStrokeColor(GREY)
        self.setLineWidth(0.4)
        self.line(margin, y + 9, width - margin, y + 9)
        self.setFillColor(colors.black)
        left = clean(meta.footer)[:160]
        if meta.confidential:
            self.setFont(fonts.BOLD, 8)
            self.drawString(margin, y, "VERTROUWELIJK")
            offset = self.stringWidth("VERTROUWELIJK", fonts.BOLD, 8) + 8
        else:
            offset = 0
        self.setFont(fonts.REGULAR, 8)
        page = f"pagina {self._pageNumber} van {total}"
        room = width - 2 * margin - offset - self.stringWidth(page, fonts.REGULAR, 8) - 12
        while len(left) > 1 and self.stringWidth(left, fonts.REGULAR, 8) > room:
            left = left[:-2] + "…"
        self.drawString(margin + offset, y, left)
        self.drawRightString(width - margin, y, page)
        if meta.header:
            _, height = self._pagesize
            top = height - margin * 0.55
            self.setFont(fonts.REGULAR, 8)
            head = clean(meta.header)[:120]
            if meta.confidential:
                self.setFont(fonts.BOLD, 8)
                self.drawRightString(width - margin, top, "VERTROUWELIJK")
                self.setFont(fonts.REGULAR, 8)
            self.drawString(margin, top, head)
            self.line(margin, top - 3, width - margin, top - 3)
        self.restoreState()


def build(story: Sequence[Flowable], meta: DocMeta) -> bytes:
    """Lay out ``story`` on A4 pages; returns the PDF (nothing touches the disk)."""
    fonts.register()
    out = io.BytesIO()
    margin = meta.margin_mm * mm
    doc = BaseDocTemplate(
        out,
        pagesize=landscape(PAGE) if meta.landscape else PAGE,
        leftMargin=margin,
        rightMargin=margin,
        topMargin=margin,
        bottomMargin=margin + 4 * mm,
        title=meta.title,
        subject=meta.subject,
        author="Casusregie",
        creator="Casusregie",
        producer="Casusregie (ReportLab)",
        keywords="",
        lang="nl-NL",
        displayDocTitle=1,
        initialFontName=fonts.REGULAR,
    )
    frame = Frame(
        doc.leftMargin, doc.bottomMargin, doc.width, doc.height, id="body", showBoundary=0
    )
    doc.addPageTemplates([PageTemplate(id="page", frames=[frame])])

    def canvasmaker(*args: Any, **kwargs: Any) -> _NumberedCanvas:
        return _NumberedCanvas(*args, meta=meta, **kwargs)

    doc.build(list(story), canvasmaker=canvasmaker)
    return out.getvalue()


def table_style(*commands: tuple[Any, ...]) -> TableStyle:
    """A table style that also sets our font (a plain-string cell would use Helvetica,
    which is not embedded)."""
    return TableStyle([("FONT", (0, 0), (-1, -1), fonts.REGULAR), *commands])


def content_width(meta: DocMeta) -> float:
    return float(PAGE[0] - 2 * meta.margin_mm * mm)


_MONTHS = "januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december"
#: a written date ("12 november 2025", "12 november", "november 2025"), maybe with a time
_DATE = re.compile(
    rf"\b(?:\d{{1,2}} (?:{_MONTHS})(?: \d{{4}})?|(?:{_MONTHS}) \d{{4}})(?:, \d{{1,2}}:\d{{2}})?\b"
    r"|\b\d{4}-\d{2}-\d{2}\b",
    re.IGNORECASE,
)
_TAG = re.compile(r"<[^>]*>")


def keep_dates(value: str) -> str:
    """``value`` with the spaces inside each date made unbreakable, so a table cell
    wraps around a date ("28 december 2026, over tijd") but never through it."""
    return _DATE.sub(lambda m: m.group(0).replace(" ", "\xa0"), value)


def _plain(cell: str) -> str:
    """The text a cell shows: paragraph markup gone, a <br/> a new line, entities read."""
    cell = re.sub(r"<br\s*/?>", "\n", cell)
    return html.unescape(_TAG.sub("", cell))


def column_widths(
    heads: list[str], body: list[list[str]], total: float, size: float
) -> list[float]:
    """Each column as wide as its widest word (never less) and, where there is room, as
    its longest line; what is left goes to the columns with long text. Cells may hold
    paragraph markup. A date anywhere in a cell ("28 december 2026, over tijd") never
    wraps: its column is at least as wide as the date in bold."""
    pad = 13.0  # the cell padding (ReportLab: 6 pt each side) and a little air
    n = len(heads)
    least = [0.0] * n
    want = [0.0] * n
    hard = [0.0] * n  #: the widest date: a column never narrower (where it fits at all)
    for row in [heads, *body]:
        for i, cell in enumerate(row):
            shown = _plain(str(cell)).replace("\xa0", " ")
            for line in shown.split("\n"):
                want[i] = max(want[i], stringWidth(line, fonts.BOLD, size) + pad)
                for word in line.split():
                    least[i] = max(least[i], stringWidth(word, fonts.BOLD, size) + pad)
                for date in _DATE.findall(line):
                    hard[i] = max(hard[i], stringWidth(date, fonts.BOLD, size) + pad)
    hard = [min(x, total / 2) for x in hard]
    least = [max(min(x, total / 2), h) for x, h in zip(least, hard, strict=True)]
    want = [max(w, lo) for w, lo in zip(want, least, strict=True)]
    if sum(want) <= total:
        spare = (total - sum(want)) / n
        return [w + spare for w in want]
    widths = list(least)
    room = total - sum(widths)
    extra = [max(w - lo, 0.0) for w, lo in zip(want, least, strict=True)]
    if room > 0 and sum(extra) > 0:
        widths = [lo + room * e / sum(extra) for lo, e in zip(least, extra, strict=True)]
    elif room < 0:
        # too narrow for every longest word: the other columns give way (a long word is
        # cut there), a date keeps its width
        soft = [w - h for w, h in zip(widths, hard, strict=True)]
        left = total - sum(hard)
        if left > 0 and sum(soft) > 0:
            widths = [h + s * left / sum(soft) for h, s in zip(hard, soft, strict=True)]
        else:
            widths = [w * total / sum(widths) for w in widths]
    return widths
