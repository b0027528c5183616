"""Long and unusual text never breaks a PDF or runs off the page (hypothesis).

Any text a regisseur can type (names with diacritics, Vietnamese, emoji, control
characters, lone surrogates, markup characters, one 3,000-letter word, many lines) goes
into the family's plan and the dossier. Proves: the PDF is always made and is sound
(pdf_check), and every word pdfium finds lies inside the page's printable area, so
nothing is clipped.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as hs

from casusregie.domain.model import CaseFile
from casusregie.reports.case_file import dossier_pdf
from casusregie.reports.safety_plan import safety_plan_pdf
from report_helpers import MOTHER, fled_case, pdf_check, pdf_text, word_boxes

TODAY = dt.date(2025, 6, 2)
NAMES = ["Anaïs", "Çelik", "Özdemir", "Nguyễn Thị Lan", "Łukasz Wąs", "Ğülşen", "Zoë ’t Hart"]

unusual = hs.one_of(
    hs.text(min_size=1, max_size=400),
    hs.text(alphabet=hs.characters(codec="utf-8"), min_size=1, max_size=200),
    hs.sampled_from(NAMES),
    hs.builds(lambda n, c: c * n, hs.integers(200, 3000), hs.sampled_from("Wmiñễ")),
    hs.builds(lambda n: "\n".join(["regel"] * n), hs.integers(50, 400)),
    hs.just("<b>niet vet</b> & <i>geen</i> markup </para> \x00\x07\ud800 einde"),
)


def _fill(cf: CaseFile, values: list[str]) -> CaseFile:
    """Put the values into the texts the plan prints (names, answers, rows)."""
    mother = cf.person(MOTHER)
    assert mother is not None
    mother.name = values[0]
    targets = [
        ("aanleiding", "situatie"),
        ("zorgen_krachten", "zorgen_gezin"),
        ("overschrijding", "plan"),
        ("zes", "zes"),
    ]
    for (section, key), value in zip(targets, values[1:], strict=False):
        form = next(f for f in cf.forms if f.section == section)
        form.answers[key] = value
    for item, value in zip(cf.items, reversed(values), strict=False):
        key = {"afspraken": "what", "ondergrens": "eis", "bellen": "naam"}[item.section]
        item.answers[key] = value
    return cf


def _inside(pdf: Path) -> None:
    pages, boxes = word_boxes(pdf)
    assert pages
    for page, x0, y0, x1, y1 in boxes:
        width, height = pages[int(page)]
        # printable area: the page less (almost all of) the 15 to 18 mm margins
        margin = 30.0
        assert x0 >= margin and x1 <= width - margin, (x0, x1, width)
        assert y0 >= margin * 0.6 and y1 <= height - margin * 0.6, (y0, y1, height)


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(values=hs.lists(unusual, min_size=3, max_size=9))
def test_safety_plan_never_clips_or_crashes(tmp_path_factory: object, values: list[str]) -> None:
    cf = _fill(fled_case(restricted=False), values)
    pdf = safety_plan_pdf(cf, None, TODAY)
    path = Path(tmp_path_factory.mktemp("u")) / "plan.pdf"  # type: ignore[attr-defined]
    path.write_bytes(pdf)
    pdf_check(path)
    _inside(path)


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(values=hs.lists(unusual, min_size=3, max_size=6))
def test_dossier_never_clips_or_crashes(tmp_path_factory: object, values: list[str]) -> None:
    cf = _fill(fled_case(), values)
    path = Path(tmp_path_factory.mktemp("u")) / "dossier.pdf"  # type: ignore[attr-defined]
    path.write_bytes(dossier_pdf(cf, today=TODAY))
    pdf_check(path)
    _inside(path)


def test_names_families_have_survive_exactly() -> None:
    cf = _fill(fled_case(restricted=False), ["Nguyễn Thị Lan", *NAMES[:3]])
    text = pdf_text(safety_plan_pdf(cf, None, TODAY))
    assert "Dit exemplaar is voor het gezin." in text
    for name in ("Nguyễn Thị Lan", "Çelik-Özdemir", "Kerem Özdemir", "Nguyễn Văn An"):
        assert name in text


def test_one_endless_word_wraps_within_the_page(tmp_path: Path) -> None:
    cf = _fill(fled_case(restricted=False), ["Anaïs", "W" * 5000, "x"])
    path = tmp_path / "plan.pdf"
    path.write_bytes(safety_plan_pdf(cf, None, TODAY))
    _inside(path)
    assert pdf_text(path).replace(" ", "").count("W") >= 5000
