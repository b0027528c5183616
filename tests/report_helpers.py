"""Helpers for the report tests: a family built in code, and ways to read a PDF back.

``fled_case()`` is the example that matters for "niet delen met": Anaïs fled from Kerem
with the children; her new address and phone are marked not for him, and she also wrote
the address again, unmarked, in the plan's "als het misgaat". His copy must show none
of it; hers shows all of it.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

from PIL import Image
from pypdf import PdfReader

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
    import io

    reader = PdfReader(io.BytesIO(pdf) if isinstance(pdf, bytes) else pdf)
    return " ".join(" ".join((page.extract_text() or "").split()) for page in reader.pages)


def squeeze(text: str) -> str:
    """Only letters and digits, lower case: for 'is this value anywhere?'."""
    return re.sub(r"[\W_]+", "", text).lower()


def page_texts(pdf: bytes) -> list[str]:
    import io

    return [page.extract_text() or "" for page in PdfReader(io.BytesIO(pdf)).pages]


def embedded_fonts(pdf: bytes) -> dict[str, bool]:
    """Base font name -> whether a font file is embedded, for every font on every page."""
    import io

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


def tool(name: str) -> str:
    path = shutil.which(name)
    assert path, f"{name} ontbreekt (poppler-utils / qpdf; .ci/run installeert ze)"
    return path


def render_pages(pdf: Path, out_dir: Path, dpi: int = 50) -> list[Path]:
    subprocess.run(
        [tool("pdftoppm"), "-png", "-r", str(dpi), str(pdf), str(out_dir / "blz")],
        check=True,
        capture_output=True,
    )
    return sorted(out_dir.glob("blz*.png"))


def dark_pixels(png: Path) -> int:
    with Image.open(png) as img:
        grey = img.convert("L")
        return sum(grey.histogram()[:128])


def qpdf_check(pdf: Path) -> None:
    result = subprocess.run([tool("qpdf"), "--check", str(pdf)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def word_boxes(pdf: Path) -> tuple[list[tuple[float, float]], list[tuple[float, ...]]]:
    """(page sizes, word boxes as (page index, xmin, ymin, xmax, ymax)) from pdftotext."""
    html = subprocess.run(
        [tool("pdftotext"), "-bbox", str(pdf), "-"], check=True, capture_output=True, text=True
    ).stdout
    pages: list[tuple[float, float]] = []
    boxes: list[tuple[float, ...]] = []
    for line in html.splitlines():
        m = re.search(r'<page width="([\d.]+)" height="([\d.]+)"', line)
        if m:
            pages.append((float(m.group(1)), float(m.group(2))))
            continue
        m = re.search(
            r'<word xMin="([-\d.]+)" yMin="([-\d.]+)" xMax="([-\d.]+)" yMax="([-\d.]+)"', line
        )
        if m:
            boxes.append((len(pages) - 1, *(float(g) for g in m.groups())))
    return pages, boxes
