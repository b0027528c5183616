"""The veiligheidsplan for the family, read back from the real PDF.

Proves: the family-facing headings, the family's own words, the agreements as "wie doet
wat, wanneer", the ondergrens and the plan when it is crossed, the people to call and
the fixed emergency numbers, the "6", the next check and signature lines are on paper;
a typical plan fits on two A4 pages; the copy for the person she fled never contains
her new address, new phone or the shelter (checked on the extracted text), while her
own copy does; fonts are embedded DejaVu (no Helvetica); metadata carries no family
name; every page has "pagina N van M", renders to a non-blank PNG and passes the
structure check (``pdf_check``).
"""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import pytest
from pypdf import PdfReader

from casusregie.reports.safety_plan import EMERGENCY_NUMBERS, HEADINGS, safety_plan_pdf, signers
from report_helpers import (
    FATHER,
    MOTHER,
    NEW_ADDRESS,
    NEW_PHONE,
    SHELTER,
    dark_pixels,
    embedded_fonts,
    fled_case,
    page_texts,
    pdf_check,
    pdf_text,
    render_pages,
    squeeze,
)

TODAY = dt.date(2025, 6, 2)


@pytest.fixture(scope="module")
def family_pdf() -> bytes:
    return safety_plan_pdf(fled_case(), None, TODAY)


@pytest.fixture(scope="module")
def father_pdf() -> bytes:
    return safety_plan_pdf(fled_case(), FATHER, TODAY)


@pytest.fixture(scope="module")
def mother_pdf() -> bytes:
    return safety_plan_pdf(fled_case(), MOTHER, TODAY)


def test_family_headings_and_content(mother_pdf: bytes) -> None:
    text = pdf_text(mother_pdf)
    for heading in HEADINGS.values():
        assert " ".join(heading.split()) in text, heading
    assert "Ons veiligheidsplan" in text
    assert "Dit exemplaar is voor Anaïs Çelik." in text
    # the family's own words, as they said them
    assert "“Ik wil dat papa niet meer boos wordt.”" in text
    # wie doet wat, wanneer (and who checks)
    assert "Ik kom niet naar school en niet naar het huis van Anaïs." in text
    assert "Geldt: altijd" in text and "Wie let erop: Ilse" in text
    assert "We kijken er samen naar op 1 september 2025." in text
    # the ondergrens and what happens when it is crossed
    assert "Niemand slaat, duwt of bedreigt een ander." in text
    assert "Gaat iemand toch over de grens? Dan doen we dit:" in text
    # the "6", the date, the next check
    assert "Een 6 is: Kerem komt niet langs zonder afspraak" in text
    assert "gaven we het een 5" in text
    assert "Dit plan is gemaakt op 2 juni 2025." in text
    assert "We kijken er weer samen naar op 1 september 2025." in text


def test_professional_parts_stay_out(mother_pdf: bytes) -> None:
    text = pdf_text(mother_pdf)
    for jargon in ("ARIJ", "taxatie", "Onderbouwing", "rationale"):
        assert jargon not in text


def test_people_to_call_and_fixed_numbers(mother_pdf: bytes) -> None:
    text = pdf_text(mother_pdf)
    assert "Ayşe Özdemir" in text and "06-33334444" in text
    assert "Elif: “Als ik bang ben.”" in text
    for number, who, _ in EMERGENCY_NUMBERS:
        assert number in text and who in text
    assert "0800-0432" in text  # De Kindertelefoon's long number too
    # the family's own row for Veilig Thuis is folded into the fixed list, with their words
    assert text.count("0800-2000") == 1
    assert "Onze afspraak: “Als het 's nachts misgaat.”" in text


def test_signature_lines(mother_pdf: bytes) -> None:
    text = pdf_text(mother_pdf)
    for name in ("Anaïs Çelik", "Kerem Özdemir", "Elif Özdemir", "Ilse van Dijk"):
        assert name in text.split("Handtekeningen")[-1]
    assert "Can Özdemir" not in text.split("Handtekeningen")[-1]  # 7 years old
    assert [p.name for p in signers(fled_case(), TODAY)] == [
        "Anaïs Çelik",
        "Kerem Özdemir",
        "Elif Özdemir",
    ]


def test_a_typical_plan_fits_on_two_pages(mother_pdf: bytes) -> None:
    assert len(PdfReader(io.BytesIO(mother_pdf)).pages) <= 2


def test_the_fathers_copy_never_shows_where_she_lives(father_pdf: bytes) -> None:
    text = squeeze(pdf_text(father_pdf))
    assert squeeze(NEW_ADDRESS) not in text
    assert "lindenhof" not in text and "2611" not in text
    assert squeeze(NEW_PHONE) not in text and "98765432" not in text
    assert squeeze(SHELTER) not in text
    assert "ditexemplaarisvoorkeremözdemir" in text
    assert "Anaïs belt 112." in pdf_text(father_pdf)  # the rest of that answer stays


def test_her_copy_shows_it(mother_pdf: bytes) -> None:
    text = squeeze(pdf_text(mother_pdf))
    assert squeeze(NEW_ADDRESS) in text
    assert squeeze(NEW_PHONE) in text
    assert squeeze(SHELTER) in text


def test_the_shared_family_copy_leaves_it_out(family_pdf: bytes) -> None:
    text = squeeze(pdf_text(family_pdf))
    assert squeeze(NEW_ADDRESS) not in text and squeeze(NEW_PHONE) not in text
    assert "ditexemplaarisvoorhetgezin" in text


def test_fonts_are_embedded_dejavu(mother_pdf: bytes) -> None:
    fonts = embedded_fonts(mother_pdf)
    assert fonts, "no fonts found"
    assert all(fonts.values()), fonts
    assert all("DejaVuSans" in name for name in fonts), fonts


def test_metadata_without_names(mother_pdf: bytes) -> None:
    reader = PdfReader(io.BytesIO(mother_pdf))
    meta = reader.metadata
    assert meta is not None
    assert meta.title == "Veiligheidsplan"
    assert meta.author == "Casusregie"
    assert reader.trailer["/Root"]["/Lang"] == "nl-NL"
    everything = " ".join(str(v) for v in meta.values())
    for name in ("Çelik", "Özdemir", "Anaïs", "Elif"):
        assert name not in everything


def test_page_numbers_on_every_page(mother_pdf: bytes) -> None:
    pages = page_texts(mother_pdf)
    for n, text in enumerate(pages, start=1):
        assert f"pagina {n} van {len(pages)}" in text
        assert "Veiligheidsplan · exemplaar voor Anaïs Çelik" in text


def test_every_page_renders_and_the_pdf_is_sound(tmp_path: Path, father_pdf: bytes) -> None:
    path = tmp_path / "plan.pdf"
    path.write_bytes(father_pdf)
    pdf_check(path)
    pngs = render_pages(path, tmp_path)
    assert len(pngs) == len(PdfReader(path).pages)
    for png in pngs:
        assert dark_pixels(png) > 500, png.name


def test_an_empty_plan_still_makes_sense() -> None:
    cf = fled_case(restricted=False)
    cf.forms = []
    cf.items = []
    text = pdf_text(safety_plan_pdf(cf, None, TODAY))
    assert "Dit vullen we nog samen in." in text
    assert "De datum spreken we nog samen af." in text
    assert "112" in text
