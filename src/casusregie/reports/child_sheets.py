"""Worksheets for a conversation with a child: the Drie Huizen and Words & Pictures.

Seed 003 names both as tools for talking with children; DOMAIN.md says what they are:

- **De drie huizen** (``three_houses_pdf``): one landscape page with three large houses
  and the child's name: the huis van zorgen, the huis van goede dingen and the huis van
  dromen, each with a picture (a rain cloud, a sun, a star) for a child who cannot read
  yet and one short question. Empty, to draw and write on at the kitchen table; or
  filled with what the child said and drew in a recorded conversation.
- **Woorden en plaatjes** (``words_pictures_pdf``): a little story in eight boxes,
  each with room for a drawing and a few lines of words: who we are, what happened,
  what the grown-ups worry about, what goes well, what we agreed, who helps, what you
  can do when you do not feel safe (De Kindertelefoon), and what the child thinks of
  it. Filled: the story the regisseur wrote with the parents (``explained``; an empty
  line starts the next box) and the child's own words in the last box.

Text that does not fit its box is printed in full on a page after (never cut off).
B1 Dutch written for a child: no method words (the grown-ups' texts go through
``family_plan.plain_words``; the child's own words are printed as said). Nothing is
written to disk here.
"""

from __future__ import annotations

import io
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import CondPageBreak, Flowable, PageBreak, Paragraph, Spacer

from casusregie.domain.child_talks import HOUSES, ChildDrawing, ChildTalk, House
from casusregie.domain.family_plan import plain_words
from casusregie.domain.model import Person
from casusregie.reports import fonts
from casusregie.reports.base import DocMeta, build, dutch_date, para, styles, text

__all__ = [
    "KINDERTELEFOON",
    "PANELS",
    "first_name",
    "story_parts",
    "three_houses_pdf",
    "words_pictures_pdf",
]

KINDERTELEFOON = "0800-0432"
INK = colors.Color(0.15, 0.15, 0.15)
SOFT = colors.Color(0.45, 0.45, 0.45)
MARGIN_MM = 12

#: (title, question) of each box of the Words & Pictures story, in order
PANELS: tuple[tuple[str, str], ...] = (
    ("Dit zijn wij", "Wie horen bij het gezin van {name}?"),
    ("Wat er is gebeurd", "Waarom komen er mensen helpen?"),
    ("De zorgen van de grote mensen", "Waar maken zij zich zorgen over?"),
    ("Wat er goed gaat", "Waar zijn we blij mee?"),
    ("Wat we hebben afgesproken", "Zo zorgen we dat iedereen veilig is."),
    ("Wie er helpen", "Wie kijken mee en helpen ons?"),
    ("Als je je niet veilig voelt", "Wat kun jij doen? Wie kun je bellen?"),
    ("Wat {name} ervan vindt", "Wat wil jij zelf zeggen of tekenen?"),
)
#: the box whose words say where a child can call (printed on every copy)
SAFE_PANEL = 6
_CALL = (
    f"Je mag altijd bellen met De Kindertelefoon: {KINDERTELEFOON} (gratis). Bij gevaar: bel 112."
)


def first_name(person: Person) -> str:
    """How the sheet speaks to the child: the first word of the name."""
    name = (person.name or "").strip()
    return name.split()[0] if name else "jou"


@dataclass(frozen=True)
class _Box:
    """Where the words of one box went: what did not fit is printed after."""

    title: str
    text: str
    fits: bool


# --- small pictures for a child who cannot read yet -------------------------------


def _cloud(c: Canvas, cx: float, cy: float, r: float) -> None:
    c.saveState()
    c.setLineWidth(1.6)
    c.setStrokeColor(INK)
    c.setFillColor(colors.white)
    for dx, dy, k in ((-0.9, 0, 0.75), (0, 0.35, 1.0), (0.95, 0.05, 0.8), (0.3, -0.2, 0.8)):
        c.circle(cx + dx * r, cy + dy * r, k * r, stroke=1, fill=1)
    c.setStrokeColor(colors.white)
    c.setLineWidth(3)
    c.line(cx - 1.5 * r, cy - 0.35 * r, cx + 1.6 * r, cy - 0.35 * r)
    c.setStrokeColor(INK)
    c.setLineWidth(1.4)
    for i in range(4):
        x = cx - 1.1 * r + i * 0.75 * r
        c.line(x, cy - 0.9 * r, x - 0.25 * r, cy - 1.5 * r)
    c.restoreState()


def _sun(c: Canvas, cx: float, cy: float, r: float) -> None:
    c.saveState()
    c.setLineWidth(1.6)
    c.setStrokeColor(INK)
    c.setFillColor(colors.white)
    c.circle(cx, cy, 0.6 * r, stroke=1, fill=1)
    for i in range(8):
        a = i * math.pi / 4
        c.line(
            cx + 0.8 * r * math.cos(a),
            cy + 0.8 * r * math.sin(a),
            cx + 1.25 * r * math.cos(a),
            cy + 1.25 * r * math.sin(a),
        )
    c.restoreState()


def _star(c: Canvas, cx: float, cy: float, r: float) -> None:
    c.saveState()
    c.setLineWidth(1.6)
    c.setStrokeColor(INK)
    c.setFillColor(colors.white)
    path = c.beginPath()
    for i in range(10):
        a = math.pi / 2 + i * math.pi / 5
        k = r * 1.2 if i % 2 == 0 else r * 0.5
        point = (cx + k * math.cos(a), cy + k * math.sin(a))
        if i == 0:
            path.moveTo(*point)
        else:
            path.lineTo(*point)
    path.close()
    c.drawPath(path, stroke=1, fill=1)
    c.restoreState()


_ICONS = {House.ZORGEN.value: _cloud, House.GOED.value: _sun, House.DROMEN.value: _star}


# --- fitting words and pictures into a box -------------------------------------------


MORE = " … (verder op de laatste bladzijde)"


def _fit(words: str, width: float, height: float, largest: float = 13) -> tuple[Paragraph, bool]:
    """The words as large as they fit (down to 9 pt). When even 9 pt is too big: as
    many whole words as fit at 11 pt, with a note that the rest is printed after
    (False)."""

    def make(value: str, size: float) -> Paragraph:
        style = ParagraphStyle(
            "words", fontName=fonts.REGULAR, fontSize=size, leading=size * 1.3, textColor=INK
        )
        return Paragraph(text(value), style)

    def fits(p: Paragraph) -> bool:
        return p.wrap(width, height)[1] <= height

    size = largest
    while size >= 9:
        p = make(words, size)
        if fits(p):
            return p, True
        size -= 1
    parts = words.split()
    low, high = 0, len(parts)
    while low < high:  # the most words that still fit, with the note
        mid = (low + high + 1) // 2
        if fits(make(" ".join(parts[:mid]) + MORE, 11)):
            low = mid
        else:
            high = mid - 1
    return make(" ".join(parts[:low]) + MORE, 11), False


def _image(c: Canvas, raw: bytes, x: float, y: float, w: float, h: float) -> bool:
    """Draw a picture inside the box, keeping its shape; False if it cannot be read."""
    try:
        reader = ImageReader(io.BytesIO(raw))
    except Exception:  # a damaged picture must not stop the whole sheet
        return False
    c.drawImage(reader, x, y, w, h, preserveAspectRatio=True, anchor="c", mask="auto")
    return True


def _pictures(drawings: Sequence[ChildDrawing]) -> list[bytes]:
    out = []
    for d in drawings:
        try:
            out.append(d.image())
        except ValueError:
            continue
    return out


# --- the three houses ----------------------------------------------------------------


class _Houses(Flowable):
    """Three houses next to each other, filling the rest of the page."""

    def __init__(
        self,
        talk: ChildTalk | None,
        drawings: dict[str, list[bytes]],
        boxes: list[_Box],
    ) -> None:
        super().__init__()
        self.talk = talk
        self.drawings = drawings
        self.boxes = boxes

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        self.width, self.height = availWidth, availHeight - 2
        return self.width, self.height

    def draw(self) -> None:
        gap = 8 * mm
        w = (self.width - 2 * gap) / 3
        for i, house in enumerate(HOUSES):
            self._house(house, i * (w + gap), 0, w, self.height)

    def _house(self, house: str, x: float, y: float, w: float, h: float) -> None:
        c = self.canv
        roof = h * 0.30
        body = h - roof
        c.saveState()
        c.setStrokeColor(INK)
        c.setLineWidth(2.4)
        c.setLineJoin(1)
        # chimney first, so the roof line crosses it
        c.rect(x + w * 0.70, y + body + roof * 0.35, w * 0.10, roof * 0.45, stroke=1, fill=0)
        c.setFillColor(colors.white)
        path = c.beginPath()
        path.moveTo(x - 2 * mm, y + body)
        path.lineTo(x + w / 2, y + h)
        path.lineTo(x + w + 2 * mm, y + body)
        path.close()
        c.drawPath(path, stroke=1, fill=1)
        c.rect(x, y, w, body, stroke=1, fill=0)
        label = House.label_of(house)  # "Huis van zorgen"
        head, tail = label.split(" van ", 1)
        c.setFillColor(INK)
        c.setFont(fonts.REGULAR, 12)
        c.drawCentredString(x + w / 2, y + body + roof * 0.42, f"{head} van")
        c.setFont(fonts.BOLD, 19)
        c.drawCentredString(x + w / 2, y + body + roof * 0.17, tail)
        _ICONS[house](c, x + w / 2, y + body + roof * 0.70, roof * 0.085)
        question = HOUSES[house][1]
        style = ParagraphStyle(
            "q", fontName=fonts.ITALIC, fontSize=10, leading=12.5, textColor=SOFT, alignment=1
        )
        q = Paragraph(text(question), style)
        _, qh = q.wrap(w - 8 * mm, body)
        q.drawOn(c, x + 4 * mm, y + body - qh - 3 * mm)
        room_top = y + body - qh - 7 * mm
        inner_w = w - 8 * mm
        words = getattr(self.talk, HOUSES[house][0]) if self.talk is not None else ""
        pictures = self.drawings.get(house, [])
        bottom = y + 4 * mm
        if pictures:
            share = 0.5 if words else 1.0
            pic_h = (room_top - bottom) * share - 2 * mm
            each = (inner_w - (len(pictures) - 1) * 2 * mm) / len(pictures)
            for n, raw in enumerate(pictures):
                _image(c, raw, x + 4 * mm + n * (each + 2 * mm), bottom, each, pic_h)
            bottom += pic_h + 3 * mm
        if words:
            p, fits = _fit(words, inner_w, room_top - bottom)
            _, ph = p.wrap(inner_w, room_top - bottom)
            p.drawOn(c, x + 4 * mm, room_top - ph)
            self.boxes.append(_Box(label, words, fits))
        c.restoreState()


def _talk_line(talk: ChildTalk) -> str:
    who = f" met {plain_words(talk.held_by)}" if talk.held_by else ""
    return f"Gesprek op {dutch_date(talk.date)}{who}"


def _rest(boxes: list[_Box], others: list[bytes], name: str) -> list[Flowable]:
    """The page after: words that did not fit, and drawings that belong to no box."""
    long = [b for b in boxes if not b.fits]
    if not long and not others:
        return []
    s = styles(11)
    head = ParagraphStyle("head", fontName=fonts.BOLD, fontSize=14, leading=18, spaceBefore=8)
    body = ParagraphStyle("body", fontName=fonts.REGULAR, fontSize=11, leading=15, spaceAfter=4)
    story: list[Flowable] = [PageBreak(), para(f"Alles wat {name} vertelde en tekende", s.title)]
    for box in long:
        story += [CondPageBreak(30 * mm), para(box.title, head)]
        story += [para(part, body) for part in box.text.split("\n") if part.strip()]
    if others:
        story += [CondPageBreak(70 * mm), para("Tekeningen", head)]
        story += [_Picture(raw) for raw in others]
    return story


class _Picture(Flowable):
    """One drawing, as large as a third of the page."""

    def __init__(self, raw: bytes) -> None:
        super().__init__()
        self.raw = raw

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        self.width, self.height = availWidth, min(availHeight, 60 * mm)
        return self.width, self.height

    def draw(self) -> None:
        _image(self.canv, self.raw, 0, 0, self.width, self.height)


Story = Callable[[list[_Box]], list[Flowable]]


def _two_pass(make: Story, title: str, family: str, talk: ChildTalk | None, rest: Story) -> bytes:
    """Build the sheet ``title`` once; if some words did not fit (known only after
    drawing) build it again with the page that prints them in full."""
    meta = DocMeta(
        title=title,
        subject="Werkblad voor een gesprek met een kind",
        footer=(f"Gezin {family} · " if family and talk else "") + title,
        confidential=talk is not None,
        margin_mm=MARGIN_MM,
        landscape=True,
    )
    boxes: list[_Box] = []
    pdf = build(make(boxes), meta)
    extra = rest(boxes)
    if not extra:
        return pdf
    return build([*make([]), *extra], meta)


def three_houses_pdf(
    child: Person,
    talk: ChildTalk | None = None,
    drawings: Sequence[ChildDrawing] = (),
    family: str = "",
) -> bytes:
    """The Drie Huizen sheet for ``child``: empty, or filled from ``talk``."""
    name = first_name(child)
    s = styles(11)
    title = ParagraphStyle(
        "t", parent=s.title, fontSize=24, leading=28, alignment=1, spaceAfter=2 * mm
    )
    sub = ParagraphStyle("s", parent=s.body, fontSize=11, leading=14, alignment=1, textColor=SOFT)
    by_house: dict[str, list[bytes]] = {}
    others: list[ChildDrawing] = []
    for d in drawings:
        if d.house in HOUSES:
            by_house.setdefault(d.house, []).extend(_pictures([d]))
        else:
            others.append(d)
    line = (
        _talk_line(talk)
        if talk is not None
        else "Teken of schrijf in elk huis. Datum: ......................"
    )

    def make(boxes: list[_Box]) -> list[Flowable]:
        return [
            para(f"De drie huizen van {name}", title),
            para(line, sub),
            Spacer(1, 4 * mm),
            _Houses(talk, by_house, boxes),
        ]

    return _two_pass(
        make, "De drie huizen", family, talk, lambda boxes: _rest(boxes, _pictures(others), name)
    )


# --- words and pictures ----------------------------------------------------------------


def story_parts(explained: str) -> list[str]:
    """The story in parts, one per box: an empty line starts the next part. Parts
    beyond the story boxes go into the last story box."""
    parts = [p.strip() for p in explained.replace("\r\n", "\n").split("\n\n") if p.strip()]
    room = SAFE_PANEL  # the boxes before "Als je je niet veilig voelt"
    if len(parts) > room:
        parts = [*parts[: room - 1], "\n\n".join(parts[room - 1 :])]
    return parts


class _Panel(Flowable):
    """One box of the story: a title, a question, room to draw, and lines to write on
    (or the words and the drawing of a recorded conversation)."""

    def __init__(
        self,
        title: str,
        question: str,
        words: str,
        picture: bytes | None,
        boxes: list[_Box],
        fixed: str = "",
    ) -> None:
        super().__init__()
        self.title, self.question, self.words = title, question, words
        self.picture, self.boxes, self.fixed = picture, boxes, fixed

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        self.width, self.height = availWidth, availHeight
        return self.width, self.height

    def draw(self) -> None:
        c = self.canv
        w, h = self.width, self.height
        c.saveState()
        c.setStrokeColor(INK)
        c.setLineWidth(1.8)
        c.roundRect(0, 0, w, h, 4 * mm, stroke=1, fill=0)
        c.setFillColor(INK)
        c.setFont(fonts.BOLD, 15)
        c.drawString(5 * mm, h - 9 * mm, _clip(c, self.title, fonts.BOLD, 15, w - 10 * mm))
        c.setFillColor(SOFT)
        c.setFont(fonts.ITALIC, 10)
        c.drawString(5 * mm, h - 15 * mm, _clip(c, self.question, fonts.ITALIC, 10, w - 10 * mm))
        # the drawing: the upper part of the box
        pic_top = h - 19 * mm
        pic_h = (pic_top - 4 * mm) * 0.58
        c.setStrokeColor(SOFT)
        c.setLineWidth(0.8)
        c.setDash(3, 3)
        c.rect(5 * mm, pic_top - pic_h, w - 10 * mm, pic_h, stroke=1, fill=0)
        c.setDash()
        if self.picture is not None:
            _image(c, self.picture, 6 * mm, pic_top - pic_h + 1 * mm, w - 12 * mm, pic_h - 2 * mm)
        else:
            c.setFillColor(SOFT)
            c.setFont(fonts.REGULAR, 9)
            c.drawCentredString(w / 2, pic_top - pic_h / 2, "Teken hier")
        # the words: below the drawing
        words_top = pic_top - pic_h - 3 * mm
        room = words_top - 4 * mm
        inner = w - 10 * mm
        if self.fixed:
            style = ParagraphStyle(
                "call", fontName=fonts.BOLD, fontSize=11, leading=14, textColor=INK
            )
            p = Paragraph(text(self.fixed), style)
            _, ph = p.wrap(inner, room)
            p.drawOn(c, 5 * mm, words_top - ph)
            words_top -= ph + 2 * mm
            room = words_top - 4 * mm
        if self.words:
            p, fits = _fit(self.words, inner, room, largest=12)
            _, ph = p.wrap(inner, room)
            p.drawOn(c, 5 * mm, words_top - ph)
            self.boxes.append(_Box(self.title, self.words, fits))
        else:
            c.setStrokeColor(SOFT)
            c.setLineWidth(0.5)
            y = words_top - 8 * mm
            while y > 5 * mm:
                c.line(5 * mm, y, w - 5 * mm, y)
                y -= 8 * mm
        c.restoreState()


def _clip(c: Canvas, value: str, font: str, size: float, room: float) -> str:
    while len(value) > 1 and c.stringWidth(value, font, size) > room:
        value = value[:-2] + "…"
    return value


class _Pair(Flowable):
    """Two boxes next to each other on one landscape page."""

    def __init__(self, left: _Panel, right: _Panel) -> None:
        super().__init__()
        self.left, self.right = left, right

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        self.width, self.height = availWidth, availHeight - 2
        return self.width, self.height

    def draw(self) -> None:
        gap = 8 * mm
        half = (self.width - gap) / 2
        for n, panel in enumerate((self.left, self.right)):
            panel.wrap(half, self.height)
            panel.drawOn(self.canv, n * (half + gap), 0)


def words_pictures_pdf(
    child: Person,
    talk: ChildTalk | None = None,
    drawings: Sequence[ChildDrawing] = (),
    family: str = "",
) -> bytes:
    """The Words & Pictures story for ``child``: empty boxes, or filled from ``talk``."""
    name = first_name(child)
    s = styles(11)
    title = ParagraphStyle(
        "t", parent=s.title, fontSize=20, leading=24, alignment=1, spaceAfter=1.5 * mm
    )
    sub = ParagraphStyle("s", parent=s.body, fontSize=10, leading=13, alignment=1, textColor=SOFT)
    # the story is the grown-ups' text for the child: plain words (the child's own
    # words, in the houses and the last box, stay exactly as the child said them)
    parts = story_parts(plain_words(talk.explained)) if talk is not None else []
    words = [*parts, *[""] * (len(PANELS) - len(parts))]
    words[SAFE_PANEL] = ""  # the call box keeps its own words and lines to write on
    words[-1] = talk.child_words if talk is not None else ""
    pictures = _pictures(drawings)
    line = (
        _talk_line(talk)
        if talk is not None
        else "Dit verhaal maken we samen: met woorden en met tekeningen."
    )

    def make(boxes: list[_Box]) -> list[Flowable]:
        panels = [
            _Panel(
                t.format(name=name),
                q.format(name=name),
                words[n],
                pictures[n] if n < len(pictures) else None,
                boxes,
                fixed=_CALL if n == SAFE_PANEL else "",
            )
            for n, (t, q) in enumerate(PANELS)
        ]
        story: list[Flowable] = []
        for n in range(0, len(panels), 2):
            if n:
                story.append(PageBreak())
            story.append(para(f"Het verhaal van {name}", title))
            story.append(para(line, sub))
            story.append(Spacer(1, 3 * mm))
            story.append(_Pair(panels[n], panels[n + 1]))
        return story

    extra = pictures[len(PANELS) :]
    return _two_pass(
        make, "Woorden en plaatjes", family, talk, lambda boxes: _rest(boxes, extra, name)
    )
