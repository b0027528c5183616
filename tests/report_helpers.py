"""Helpers for the report tests: a family built in code, and ways to read a PDF back.

``fled_case()`` is the example that matters for "niet delen met": Anaïs fled from Kerem
with the children; her new address and phone are marked not for him, and she also wrote
the address again, unmarked, in the plan's "als het misgaat". His copy must show none
of it; hers shows all of it.
"""

from __future__ import annotations

import io
import logging
import re
from pathlib import Path

import pypdfium2
import pypdfium2.raw as pdfium_c
from PIL import Image
from pypdf import PdfReader
from pypdf.generic import ContentStream, IndirectObject, StreamObject

from casusregie.domain.model import Case, CaseFile, Form, Item, Person, Relation, Restriction

CASE_ID = "casus-gevlucht"
NEW_ADDRESS = "Lindenhof 12, 2611 AB Delft"
NEW_PHONE = "06-98765432"
SHELTER = "Blijf Groep opvanglocatie"
MOTHER, FATHER, CHILD, YOUNG, GRANNY, NEIGHBOUR = (
    "p-anais",
    "p-kerem",
    "p-elif",
    "p-can",
    "p-ayse",
    "p-nguyen",
)


def _form(section: str, **answers: object) -> Form:
    return Form(
        id=Form.make_id(CASE_ID, "veiligheidsplan", section),
        case_id=CASE_ID,
        template="veiligheidsplan",
        section=section,
        answers=dict(answers),
    )


def _item(section: str, n: int, **answers: object) -> Item:
    return Item(
        id=f"vp-{section}-{n}",
        case_id=CASE_ID,
        template="veiligheidsplan",
        section=section,
        position=n,
        answers=dict(answers),
    )


def fled_case(*, restricted: bool = True) -> CaseFile:
    """A typical family plan; with ``restricted`` the new address and phone are marked."""
    cf = CaseFile(
        case=Case(
            id=CASE_ID,
            case_id=CASE_ID,
            family_name="Çelik-Özdemir",
            aanleiding="Moeder is met de kinderen gevlucht na geweld door vader.",
            regisseur="Ilse van Dijk",
            opened_on="2025-05-01",
        )
    )
    people = [
        Person(MOTHER, CASE_ID, name="Anaïs Çelik", role="moeder", gender="v",
               birth_date="1990-02-11", address=NEW_ADDRESS, phone=NEW_PHONE),
        Person(FATHER, CASE_ID, name="Kerem Özdemir", role="vader", gender="m",
               birth_date="1987-06-30", address="Hoefkade 8, Den Haag", phone="06-11112222"),
        Person(CHILD, CASE_ID, name="Elif Özdemir", role="kind", gender="v",
               birth_date="2011-09-01", index_child=True),
        Person(YOUNG, CASE_ID, name="Can Özdemir", role="kind", gender="m",
               birth_date="2018-03-12"),
        Person(GRANNY, CASE_ID, name="Ayşe Özdemir", role="grootouder", gender="v",
               phone="06-33334444"),
        Person(NEIGHBOUR, CASE_ID, name="Nguyễn Văn An", role="netwerk", gender="m",
               phone="06-55556666"),
    ]  # fmt: skip
    cf.persons.extend(people)
    cf.relations += [
        Relation("gv-rel-1", CASE_ID, kind="partner", type="uit_elkaar", person_a=MOTHER,
                 person_b=FATHER),
        Relation("gv-rel-2", CASE_ID, kind="ouder_kind", type="biologisch", person_a=MOTHER,
                 person_b=CHILD),
        Relation("gv-rel-3", CASE_ID, kind="ouder_kind", type="biologisch", person_a=FATHER,
                 person_b=CHILD),
    ]  # fmt: skip
    cf.forms += [
        _form(
            "aanleiding",
            situatie="Anaïs is in mei met Elif en Can weggegaan bij Kerem, na een avond met "
            "geweld. De politie heeft een huisverbod opgelegd.",
            wat_gebeurd="Kerem sloeg Anaïs waar Elif en Can bij waren.",
        ),
        _form(
            "zorgen_krachten",
            zorgen="Kerem zoekt Anaïs en de kinderen. Elif slaapt slecht.",
            krachten="Anaïs zorgt goed voor Elif en Can. Oma Ayşe helpt elke dag.",
            zorgen_gezin="Elif: “Ik wil dat papa niet meer boos wordt.”",
        ),
        _form("netwerk", krachten_netwerk="Oma Ayşe en buurman Nguyễn Văn An."),
        _form(
            "overschrijding",
            plan=f"Anaïs belt 112. Daarna gaan Anaïs, Elif en Can naar {NEW_ADDRESS}. "
            "Ilse belt Veilig Thuis dezelfde dag.",
        ),
        _form("zes", zes="Een 6 is: Kerem komt niet langs zonder afspraak en Elif slaapt.",
              cijfer=5),
        _form("plan", opgesteld_op="2025-06-02", volgende_evaluatie="2025-09-01"),
    ]  # fmt: skip
    cf.items += [
        _item("afspraken", 1, owner="Kerem", what="Ik kom niet naar school en niet naar "
              "het huis van Anaïs.", deadline="2025-09-01", checker="Ilse", status="lopend"),
        _item("afspraken", 2, owner="Anaïs", what="Ik laat Elif en Can alleen ophalen door "
              "oma Ayşe.", deadline="2025-09-01", checker="School", status="lopend"),
        _item("ondergrens", 1, eis="Niemand slaat, duwt of bedreigt een ander.",
              bewaker="Ilse", met_gezin_overeengekomen=True),
        _item("bellen", 1, naam="Ayşe Özdemir", rol="Oma", telefoon="06-33334444",
              wanneer_bellen="Elif: “Als ik bang ben.”"),
        _item("bellen", 2, naam="Anaïs Çelik", rol="Mama", telefoon=NEW_PHONE,
              wanneer_bellen="Als er iets met de kinderen is."),
        _item("bellen", 3, naam=SHELTER, rol="Opvang", telefoon="088-2344700",
              wanneer_bellen="Als Anaïs niet veilig is."),
        _item("bellen", 4, naam="Veilig Thuis", rol="Advies", telefoon="0800-2000",
              wanneer_bellen="“Als het 's nachts misgaat.”"),
    ]  # fmt: skip
    if restricted:
        cf.restrictions += [
            Restriction("rs-1", CASE_ID, target_type="person", target_id=MOTHER,
                        field="address", hidden_from=[FATHER],
                        reason="Anaïs is gevlucht; Kerem mag niet weten waar zij woont."),
            Restriction("rs-2", CASE_ID, target_type="person", target_id=MOTHER,
                        field="phone", hidden_from=[FATHER], reason="Nieuw nummer."),
            Restriction("rs-3", CASE_ID, target_type="item", target_id="vp-bellen-3",
                        hidden_from=[FATHER], reason="Opvang"),
        ]  # fmt: skip
    assert not cf.problems(), cf.problems()
    return cf


# -- reading a PDF back ----------------------------------------------------------------


def pdf_text(pdf: bytes | Path) -> str:
    """All text of the PDF (pypdf), with runs of white space made single spaces."""

    reader = PdfReader(io.BytesIO(pdf) if isinstance(pdf, bytes) else pdf)
    return " ".join(" ".join((page.extract_text() or "").split()) for page in reader.pages)


def squeeze(text: str) -> str:
    """Only letters and digits, lower case: for 'is this value anywhere?'."""
    return re.sub(r"[\W_]+", "", text).lower()


def page_texts(pdf: bytes) -> list[str]:

    return [page.extract_text() or "" for page in PdfReader(io.BytesIO(pdf)).pages]


def embedded_fonts(pdf: bytes) -> dict[str, bool]:
    """Base font name -> whether a font file is embedded, for every font on every page."""

    out: dict[str, bool] = {}
    for page in PdfReader(io.BytesIO(pdf)).pages:
        fonts = page["/Resources"].get_object().get("/Font", {})
        for ref in fonts.values():
            font = ref.get_object()
            descriptor = font.get("/FontDescriptor")
            if descriptor is None and "/DescendantFonts" in font:
                descriptor = font["/DescendantFonts"][0].get_object().get("/FontDescriptor")
            desc = descriptor.get_object() if descriptor is not None else {}
            embedded = any(k in desc for k in ("/FontFile", "/FontFile2", "/FontFile3"))
            out[str(font["/BaseFont"])] = embedded
    return out


def render_pages(pdf: Path, out_dir: Path, dpi: int = 50) -> list[Path]:
    """Every page of ``pdf`` as a PNG in ``out_dir`` (pdfium from the pypdfium2 wheel)."""
    document = pypdfium2.PdfDocument(pdf)
    try:
        paths = []
        for number, page in enumerate(document, start=1):
            path = out_dir / f"blz-{number:03d}.png"
            page.render(scale=dpi / 72).to_pil().save(path)
            paths.append(path)
    finally:
        document.close()
    return paths


def dark_pixels(png: Path) -> int:
    with Image.open(png) as img:
        grey = img.convert("L")
        return sum(grey.histogram()[:128])


def pdf_check(pdf: Path | bytes) -> None:
    """A structural check of a PDF, the way a command-line PDF checker does, with wheels only.

    The header and trailer are there; ``startxref`` points at the cross-reference
    table; every entry of that table points at its own ``N G obj``; pypdf (strict) can
    read every object, decode every stream and parse every page's content stream
    without a single warning; and pdfium opens the file with the same number of pages.
    """
    data = pdf if isinstance(pdf, bytes) else pdf.read_bytes()
    assert re.match(rb"%PDF-1\.\d", data), "no PDF header"
    tail = re.search(rb"startxref\s+(\d+)\s+%%EOF\s*$", data)
    assert tail, "no startxref / %%EOF at the end"
    start = int(tail.group(1))
    assert data[start : start + 4] == b"xref" or re.match(rb"\d+ \d+ obj", data[start:]), (
        f"startxref {start} does not point at a cross-reference table"
    )
    warnings: list[str] = []

    class Collect(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            warnings.append(record.getMessage())

    handler = Collect(logging.WARNING)
    pypdf_log = logging.getLogger("pypdf")
    pypdf_log.addHandler(handler)
    try:
        reader = PdfReader(io.BytesIO(data), strict=True)
        assert "/Root" in reader.trailer, "trailer without /Root"
        for generation, entries in reader.xref.items():
            for number, offset in entries.items():
                head = data[offset : offset + 40]
                assert re.match(rb"\s*%d %d obj" % (number, generation), head), (
                    f"xref entry {number} {generation} points at {head[:20]!r}"
                )
                _decode(reader.get_object(IndirectObject(number, generation, reader)))
        for number in reader.xref_objStm:
            _decode(reader.get_object(IndirectObject(number, 0, reader)))
        for page in reader.pages:
            contents = page.get_contents()
            if contents is not None:
                ContentStream(contents, reader).operations  # noqa: B018 (parses it)
        pages = len(reader.pages)
    finally:
        pypdf_log.removeHandler(handler)
    assert not warnings, warnings
    document = pypdfium2.PdfDocument(data)
    try:
        assert len(document) == pages, (len(document), pages)
    finally:
        document.close()


def _decode(obj: object) -> None:
    if isinstance(obj, StreamObject):
        obj.get_data()  # raises on a broken filter or length


def word_boxes(pdf: Path) -> tuple[list[tuple[float, float]], list[tuple[float, ...]]]:
    """(page sizes, word boxes as (page index, xmin, ymin, xmax, ymax)), in points with
    the origin at the top left (as on screen), from pdfium.

    A box is the glyphs' loose box (the font's ascent to descent, not just the ink);
    words are runs of characters between white space.
    """
    document = pypdfium2.PdfDocument(pdf)
    pages: list[tuple[float, float]] = []
    boxes: list[tuple[float, ...]] = []
    try:
        for index, page in enumerate(document):
            width, height = page.get_size()
            pages.append((width, height))
            text = page.get_textpage()
            word: list[float] | None = None
            for i in range(text.count_chars()):
                char = chr(pdfium_c.FPDFText_GetUnicode(text.raw, i) or 0x20)
                generated = pdfium_c.FPDFText_IsGenerated(text.raw, i) == 1
                if char.isspace() or generated:
                    if word:
                        boxes.append((index, *word))
                    word = None
                    continue
                left, bottom, right, top = text.get_charbox(i, loose=True)
                box = [left, height - top, right, height - bottom]
                if word is None:
                    word = box
                else:
                    word = [
                        min(word[0], box[0]),
                        min(word[1], box[1]),
                        max(word[2], box[2]),
                        max(word[3], box[3]),
                    ]
            if word:
                boxes.append((index, *word))
            text.close()
    finally:
        document.close()
    return pages, boxes


# -- what a copy must never show of what it left out ----------------------------------

#: traces that a copy was cut: a marker, empty brackets, a list or phrase left dangling
_RESIDUE = (
    re.compile(r"niet gedeeld|\[\s*\]|\(\s*\)|\[[^\]]*gedeeld[^\]]*\]", re.IGNORECASE),
    re.compile(r"[,;:]\s*[,;.]|\s[,;.](?!\d)|\(\s*[,;.]|[,;]\s*\)"),
    re.compile(r"^\s*[•\-–]\s*$|^\s*[,;:.)]", re.MULTILINE),
)


def residue(text: str, *, allowed: set[str] = frozenset()) -> list[str]:  # type: ignore[assignment]
    """What in ``text`` betrays a cut: a marker ("[niet gedeeld]"), empty brackets,
    doubled or dangling punctuation, an empty bullet, and a line ending in ":" that is
    not one of the ``allowed`` lines (the copy's own fixed text, whose next line holds
    the answer)."""
    found = [m.group(0) for rx in _RESIDUE for m in rx.finditer(text)]
    for line in text.splitlines():
        if line.rstrip().endswith(":") and line.strip() not in allowed:
            found.append(line)
    return found
