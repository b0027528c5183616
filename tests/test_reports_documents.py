"""The dossier and the overdracht read as documents a receiving GI can act on.

On the extracted text of the real PDFs: the overdracht opens with the "Stand van zaken"
(latest score with its date and the agreed 6, what happened since, open actions with
owners and dates, gezag and maatregel per child, regie, what is planned, what the
family knows), then the checklist whose page numbers point at the pages where each
part is; the table of contents points at the right pages; no page contradicts the
current score; the family's name and VERTROUWELIJK are on every page; no "?:", no raw
labels such as "Persoon A", a scale's anchors once; dates in tables never wrap.
"""

from __future__ import annotations

import datetime as dt
import json
import re

import pytest

from casusregie.domain.caseformat import from_document
from casusregie.domain.model import CaseFile, Form, Item
from casusregie.domain.rules.handover import HANDOVER_SET
from casusregie.reports.case_file import dossier_pdf, handover_pdf
from casusregie.templates import load_templates, resource_path
from report_helpers import fled_case, page_texts

TODAY = dt.date(2025, 12, 18)


@pytest.fixture(scope="module")
def demo() -> CaseFile:
    doc = json.loads(resource_path("demo", "familie-demo.json").read_text(encoding="utf-8"))
    return from_document(doc)


@pytest.fixture(scope="module")
def handover_pages(demo: CaseFile) -> list[str]:
    return [" ".join(p.split()) for p in page_texts(handover_pdf(demo, today=TODAY))]


@pytest.fixture(scope="module")
def dossier_pages(demo: CaseFile) -> list[str]:
    return [" ".join(p.split()) for p in page_texts(dossier_pdf(demo, today=TODAY))]


def test_overdracht_opens_with_the_state_of_the_case(handover_pages: list[str]) -> None:
    first, second = handover_pages[0], handover_pages[1]
    assert first.startswith("Overdracht: stand van zaken Gezin Bakker")
    assert (
        "Directe veiligheid: 5 van 10, gegeven op 27 november 2025 in de casusbespreking; "
        "onder de afgesproken 6" in first
    )
    assert "Gebeurd sinds de laatste taxatie (27 november 2025)" in first
    assert "10 december 2025: Het netwerkberaad van 10 december gaat niet door" in first
    assert "Open acties" in first and "Ilse van Dijk (casusregisseur) 19 december 2025" in first
    both = first + " " + second
    for name in ("Jayden Kok", "Lotte de Vries", "Daan de Vries"):
        assert re.search(name + r" \d+ jaar", both), name
    assert "Fase en regie: Lokaal team" in both and "Regie: Lokaal team" not in both
    assert "Doorzettingsmacht: " in both and "Kernteam: " in both and "Politie" in both
    assert "Volgend netwerkberaad: afgesproken 10 december 2025" in both and "Te laat" in both
    assert "Evaluatie veiligheidsplan: 8 januari 2026" in both
    assert "Opvolger: Koen Smits" in both and "Met het gezin besproken op: 11 december 2025" in both
    assert "Schone overdracht" not in both  # the state fits its two pages


def _numbers(pages: list[str], heading: str, labels: list[str], skip: int = 0) -> dict[str, int]:
    """The page numbers printed beside ``labels`` on the page with ``heading``. They are
    written after layout, so the text extraction finds them together before the footer."""
    page = next(p for p in pages if heading in p)
    found = re.search(r"((?:\d+ )+)VERTROUWELIJK \w+ · gezin", page)
    assert found
    numbers = [int(n) for n in found.group(1).split()][skip:]
    return dict(zip(labels, numbers[: len(labels)], strict=True))


def test_checklist_points_at_the_page_of_each_part(handover_pages: list[str]) -> None:
    labels = [p.label for p in HANDOVER_SET]
    pages = _numbers(handover_pages, "Schone overdracht: is alles er?", labels)
    templates = load_templates()
    for part in HANDOVER_SET:
        section = templates.get(part.target.template).section(part.target.section)
        assert section is not None
        text = handover_pages[pages[part.label] - 1]
        assert " ".join(section.label.split()) in text, (part.label, pages[part.label])


def test_contents_point_at_the_chapters(dossier_pages: list[str]) -> None:
    titles = ["Wie horen erbij?", *(t.title for t in load_templates().ordered())]
    pages = _numbers(dossier_pages, "Inhoud", titles)
    assert list(pages.values()) == sorted(pages.values())
    for title, n in pages.items():
        assert title in dossier_pages[n - 1], title


def test_no_page_contradicts_the_current_score(handover_pages: list[str]) -> None:
    text = " ".join(handover_pages)
    assert "Cijfer directe veiligheid nu" not in text
    assert (
        "6 van 10 (gegeven bij het maken van het plan op 20 maart 2025); nu: 5 van 10 "
        "(de casusbespreking van 27 november 2025)" in text
    )


def test_the_newest_score_wins_also_when_it_is_the_plan() -> None:
    cf = fled_case()
    cf.forms = [f for f in cf.forms if f.section not in ("zes", "plan")]
    cf.forms += [
        Form(Form.make_id(cf.case.id, "veiligheidsplan", "zes"), cf.case.id,
             "veiligheidsplan", "zes", answers={"cijfer": 7}),
        Form(Form.make_id(cf.case.id, "veiligheidsplan", "plan"), cf.case.id,
             "veiligheidsplan", "plan", answers={"opgesteld_op": "2025-06-01"}),
    ]  # fmt: skip
    first = " ".join(page_texts(handover_pdf(cf, today=TODAY))[0].split())
    assert "Directe veiligheid: 7 van 10, gegeven op 1 juni 2025 in het veiligheidsplan" in first
    assert "op of boven de afgesproken 6" in first


@pytest.mark.parametrize("kind", ["overdracht", "dossier"])
def test_every_page_names_the_family_and_is_confidential(
    kind: str, handover_pages: list[str], dossier_pages: list[str]
) -> None:
    pages = handover_pages if kind == "overdracht" else dossier_pages
    for n, page in enumerate(pages, start=1):
        assert page.count("gezin Bakker") >= 2, n  # header and footer
        assert page.count("VERTROUWELIJK") >= 2, n


def test_documents_not_dumps(handover_pages: list[str], dossier_pages: list[str]) -> None:
    for text in (" ".join(handover_pages), " ".join(dossier_pages)):
        assert "?:" not in text
        assert "Persoon A" not in text and "Persoon B" not in text
        assert "Van persoon Naar persoon Soort relatie" in text  # relations as a table
    dossier = " ".join(dossier_pages)
    anchor = "1 = heel onveilig: grote zorgen over de directe veiligheid"
    assert dossier.count(anchor) == 1  # the legend, once, not after every score


def test_dates_in_tables_stay_on_one_line(demo: CaseFile) -> None:
    raw = page_texts(dossier_pdf(demo, today=TODAY))
    tables = [p for p in raw if "Wie horen erbij?" in p or "Nr Datum Wat gebeurde er" in p]
    lines = {line.strip() for page in tables for line in page.splitlines()}
    assert any("22 augustus 2010" in line for line in lines)
    assert not any(line.endswith("22 augustus") for line in lines)


def test_an_empty_case_says_so_once_per_template() -> None:
    cf = fled_case()
    cf.forms, cf.items = [], []
    text = " ".join(" ".join(p.split()) for p in page_texts(dossier_pdf(cf, today=TODAY)))
    assert text.count("Nog niet ingevuld.") == len(
        [t for t in load_templates().ordered() if t.id not in ("tijdlijn", "genogram")]
    )
    assert isinstance(Item, type)


def test_the_triangle_shows_keywords_and_the_full_texts_follow(dossier_pages: list[str]) -> None:
    at = next(i for i, p in enumerate(dossier_pages) if "Toelichting bij de driehoek" in p)
    assert "GEDRAG RICARDO" in dossier_pages[at - 1] or "GEDRAG RICARDO" in dossier_pages[at]
    assert "Gaf Jayden in januari 2025 een klap" in " ".join(dossier_pages[at : at + 2])


def _lines_of(markup: str, width: float, bold: bool = False) -> list[str]:
    """The lines a table cell of ``width`` shows for ``markup`` (spaces normalised)."""
    from reportlab.platypus import Paragraph

    from casusregie.reports.base import styles

    st = styles(9.5)
    p = Paragraph(markup, st.cell_bold if bold else st.cell)
    p.wrap(width - 12, 10_000)  # the cell's padding, 6 pt a side
    out = []
    for line in p.blPara.lines:
        words = line[1] if isinstance(line, tuple) else [w.text for w in line.words]
        out.append(" ".join(" ".join(words).replace("\xa0", " ").split()))
    return out


@pytest.mark.parametrize("total", [300.0, 380.0, 460.0, 520.0])
@pytest.mark.parametrize(
    "due",
    [
        "28 december 2026",
        "<b>28 december 2026, over tijd</b>",
        "uiterlijk 28 december 2026 of eerder als het kan",
        "juli 2019 – augustus 2019",
    ],
)
def test_a_date_in_a_table_never_wraps(total: float, due: str) -> None:
    """The one column fitter (``reports.base.column_widths``) with ``keep_dates``: a
    date in any cell, with markup or text around it, stays on one line however the
    other columns press for room."""
    from casusregie.reports.base import column_widths, keep_dates, styles

    size = styles(9.5).cell.fontSize
    what = "De ARIJ Safe opnieuw invullen met de gedragswetenschapper en het plan herzien " * 2
    rows = [["Wat", "Wie", "Uiterlijk"], [what, "Ilse van Dijk (casusregisseur)", due]]
    widths = column_widths(rows[0], rows[1:], total, size)
    lines = _lines_of(keep_dates(due), widths[2])
    for date in re.findall(r"\d{1,2} december 2026|juli 2019|augustus 2019", due):
        assert any(date in line for line in lines), (date, lines, widths)


def test_a_date_range_in_the_tijdlijn_wraps_at_its_dash(demo: CaseFile) -> None:
    raw = page_texts(dossier_pdf(demo, today=TODAY))
    lines = [line.strip() for page in raw for line in page.splitlines()]
    months = "januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november"
    assert not [x for x in lines if re.fullmatch(rf"\d+ (?:{months}) \d{{4}} – (?:{months})", x)]
    assert not [x for x in lines if re.fullmatch(rf"\d+ (?:{months})", x)]
