"""The case file PDFs: dossier, overdracht, and 'wat is er over ons gedeeld?'.

Proves, on the extracted text of real PDFs: the dossier has every template of the case
(with a picture or a clear placeholder for genogram, tijdlijn and CAF), names with
their Unicode intact, "niet delen met" notes for a successor, "VERTROUWELIJK" and
"pagina N van M" on every page; the handover file opens with the schone-overdracht
checklist and leaves out fields that are not part of the handover set; the family's
overview lists the recorded afwegingen and the disclosure log; the large case (80
persons, 2,000 events) lays out without error, every event on paper, and every page of
the demo dossier renders to a non-blank PNG.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import sys
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from casusregie.domain.caseformat import from_document
from casusregie.domain.model import CaseFile, Item
from casusregie.domain.rules.handover import HANDOVER_SET
from casusregie.reports.case_file import dossier_pdf, handover_pdf
from casusregie.reports.shared_overview import shared_overview_pdf
from casusregie.store.database import Disclosure
from casusregie.templates import load_templates, resource_path
from report_helpers import (
    FATHER,
    MOTHER,
    NEW_ADDRESS,
    dark_pixels,
    embedded_fonts,
    fled_case,
    page_texts,
    pdf_check,
    pdf_text,
    render_pages,
    squeeze,
)

ROOT = Path(__file__).resolve().parents[1]
TODAY = dt.date(2025, 12, 1)


@pytest.fixture(scope="module")
def demo() -> CaseFile:
    doc = json.loads(resource_path("demo", "familie-demo.json").read_text(encoding="utf-8"))
    return from_document(doc)


@pytest.fixture(scope="module")
def demo_dossier(demo: CaseFile) -> bytes:
    return dossier_pdf(demo, today=TODAY)


def test_dossier_has_every_template(demo_dossier: bytes) -> None:
    text = pdf_text(demo_dossier)
    for tpl in load_templates().ordered():
        assert tpl.title in text, tpl.title
    assert "Wie horen erbij?" in text
    for kind in ("genogram", "tijdlijn", "gezinspatroon"):
        assert kind in text.lower()


def test_dossier_pages_say_confidential_and_are_numbered(demo_dossier: bytes) -> None:
    pages = page_texts(demo_dossier)
    assert len(pages) > 10
    for n, text in enumerate(pages, start=1):
        assert "VERTROUWELIJK" in text
        assert f"pagina {n} van {len(pages)}" in text


def test_dossier_shows_answers_and_restriction_notes() -> None:
    pdf = dossier_pdf(fled_case(), today=TODAY)
    text = pdf_text(pdf)
    assert "Anaïs Çelik" in text and "Nguyễn Văn An" in text and "Ayşe Özdemir" in text
    assert squeeze(NEW_ADDRESS) in squeeze(text)  # the case file is complete ...
    assert "Niet delen met: Kerem Özdemir" in text  # ... and says what is not for whom
    assert "Ik kom niet naar school en niet naar het huis van Anaïs." in text
    assert all(embedded_fonts(pdf).values())


def test_handover_file_checklist_and_only_handover_fields(demo: CaseFile) -> None:
    text = pdf_text(handover_pdf(demo, today=TODAY))
    assert "Schone overdracht: is alles er?" in text
    for part in HANDOVER_SET:
        assert " ".join(part.label.split()) in text, part.label
    assert f"van {len(HANDOVER_SET)} onderdelen compleet" in text
    # getaxeerd_door is not part of the handover set; the taxatie conclusions are
    taxatie = next(
        f for f in demo.forms if f.template == "veiligheidsplan" and f.section == "taxatie"
    )
    assert "Getaxeerd door" not in text
    assert "Fysieke mishandeling" in text and taxatie.answers["fysieke_mishandeling"]


def test_handover_names_what_is_missing() -> None:
    cf = fled_case()
    cf.items = [i for i in cf.items if i.section != "afspraken"]
    text = pdf_text(handover_pdf(cf, today=TODAY))
    assert "✗ ontbreekt" in text
    assert "Vul aan wat ontbreekt voordat je overdraagt." in text


def test_shared_overview_lists_afwegingen_and_the_log() -> None:
    cf = fled_case()
    cf.items.append(
        Item(
            id="pa-1",
            case_id=cf.case.id,
            template="privacy_afweging",
            section="afwegingen",
            answers={
                "datum": "2025-06-03",
                "richting": "delen",
                "grondslag": "wettelijke_verplichting",
                "wat_gedeeld": "Het veiligheidsplan",
                "met_wie": "Veilig Thuis",
                "waarom": "Zodat Veilig Thuis de melding kan beoordelen.",
                "gezin_geinformeerd": "ja",
                "afweging": "Interne afweging die het gezin niet in dit overzicht leest.",
            },
        )
    )
    log = [
        Disclosure(1, cf.case.id, "Veiligheidsplan (afdruk voor Kerem Özdemir)",
                   "Kerem Özdemir", "Uitvoering van het plan met het gezin",
                   "Het gezin weet wat er is afgesproken", "2025-06-04T09:15:00Z", "Ilse"),
    ]  # fmt: skip
    pdf = shared_overview_pdf(cf, log, MOTHER, TODAY)
    text = pdf_text(pdf)
    assert "Wat is er over ons gedeeld?" in text
    assert "3 juni 2025: Gedeeld met Veilig Thuis" in text
    assert "De wet zegt dat dit moet" in text
    assert "Ja, we hebben het jullie verteld." in text
    assert "Veiligheidsplan: afgedrukt voor Kerem Özdemir." in text
    assert "4 juni 2025" in text
    assert "Interne afweging" not in text
    meta = PdfReader(io.BytesIO(pdf)).metadata
    assert meta is not None and meta.title == "Wat is er over ons gedeeld?"


def test_shared_overview_for_him_hides_her_address_in_the_log_too() -> None:
    cf = fled_case()
    log = [
        Disclosure(
            1,
            cf.case.id,
            f"Brief naar {NEW_ADDRESS}",
            "Anaïs",
            "",
            "",
            "2025-06-04T09:15:00Z",
            "Ilse",
        )
    ]
    text = squeeze(pdf_text(shared_overview_pdf(cf, log, FATHER, TODAY)))
    assert squeeze(NEW_ADDRESS) not in text


def test_large_case_dossier(tmp_path: Path) -> None:
    sys.path.insert(0, str(ROOT / "bench"))
    try:
        from common import make_large_document
    finally:
        sys.path.remove(str(ROOT / "bench"))
    cf = from_document(make_large_document(persons=80, events=2000))
    pdf = dossier_pdf(cf, today=TODAY)
    path = tmp_path / "groot.pdf"
    path.write_bytes(pdf)
    pdf_check(path)
    text = pdf_text(pdf)
    assert text.count("Leefgebied:") >= 2000  # every event is on paper
    assert all(p.name.split()[0] in text for p in cf.persons)


def test_every_page_of_the_demo_dossier_renders(tmp_path: Path, demo_dossier: bytes) -> None:
    path = tmp_path / "dossier.pdf"
    path.write_bytes(demo_dossier)
    pdf_check(path)
    pngs = render_pages(path, tmp_path)
    assert len(pngs) == len(PdfReader(path).pages)
    for png in pngs:
        assert dark_pixels(png) > 300, png.name


def test_pictures_come_from_drawing_when_it_has_them(monkeypatch: pytest.MonkeyPatch) -> None:
    """The seam to ``reports.drawing``: a flowable when it offers one, else a placeholder;
    a picture that fails never costs the whole file."""
    from types import SimpleNamespace

    from reportlab.graphics.shapes import Drawing, String

    from casusregie.reports import pictures

    def genogram(cf: CaseFile, width: float) -> Drawing:
        drawing = Drawing(width, 40)
        drawing.add(String(10, 10, f"GENOGRAM-VAN-{len(cf.persons)}", fontName="DejaVuSans"))
        return drawing

    def broken(cf: CaseFile, width: float) -> Drawing:
        raise ValueError("kapot")

    fake = SimpleNamespace(genogram_flowable=genogram, timeline_flowable=broken)
    monkeypatch.setattr(pictures, "_drawing", lambda: fake)
    text = pdf_text(dossier_pdf(fled_case(), today=TODAY))
    assert "GENOGRAM-VAN-6" in text
    assert "Afbeelding volgt: tijdlijn" in text  # failed: placeholder
    assert "Afbeelding volgt: gezinspatroon" in text  # not offered: placeholder


def test_genogram_and_relations_page_are_routed_on_the_report_s_date(
    demo: CaseFile, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The ages in the genogram's labels follow the report's date, and the routing of
    the emotional relations follows the labels: the picture, the "relaties" page and its
    notice must all be made for that one date, or a relation can be left off both."""
    from casusregie.reports import drawing

    dates: list[object] = []
    route = drawing.paper_genogram

    def recorded(cf: CaseFile, **kwargs: Any) -> Any:
        dates.append(kwargs.get("as_of"))
        return route(cf, **kwargs)

    monkeypatch.setattr(drawing, "paper_genogram", recorded)
    day = dt.date(2030, 1, 15)  # not today, whenever the test runs
    dossier_pdf(demo, today=day)
    assert len(dates) >= 2  # the picture and the relaties page
    assert set(dates) == {day}
