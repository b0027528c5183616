"""The pictures on paper and as files: the reportlab drawing is the layout shape for
shape, the PDF embeds DejaVu Sans (Nguyễn, Çelik, Özdemir come out right), the PNG shows
every symbol, the SVG holds one element per primitive, and ``casusregie report`` writes
all three without Qt and logs the disclosure."""

from __future__ import annotations

import io
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PIL import Image
from pypdf import PdfReader

from casusregie.layout import genogram, timeline, to_svg
from casusregie.layout.primitives import Text
from casusregie.reports.drawing import png_bytes, to_drawing, write_pdf
from casusregie.store.profile import Profile
from helpers import CASE_ID, PASSPHRASE, run_cli
from layout_checks import person_boxes
from layout_families import remarriage
from picture_geometry import from_primitives, from_reportlab


def test_reportlab_draws_exactly_the_layout() -> None:
    pic = genogram(remarriage())
    for scale in (1.0, 0.6):
        drawing = to_drawing(pic, scale)
        assert from_reportlab(drawing, pic, scale) == from_primitives(pic)


def test_pdf_embeds_dejavu_and_keeps_the_names() -> None:
    out = io.BytesIO()
    write_pdf(genogram(remarriage()), out, "Genogram gezin Visser", "Stand van 1 mei 2025")
    reader = PdfReader(io.BytesIO(out.getvalue()))
    assert len(reader.pages) == 1
    text = reader.pages[0].extract_text()
    for name in ("Nguyễn Thị Lan", "Özlem Çelik", "Genogram gezin Visser", "Gescheiden"):
        assert name in text
    fonts = {str(f["/BaseFont"]) for f in reader.pages[0]["/Resources"]["/Font"].values()}
    assert any("DejaVuSans" in f for f in fonts)
    assert reader.metadata.title == "Genogram"  # no names in the metadata


def test_png_without_qt_shows_every_symbol() -> None:
    pic = genogram(remarriage())
    image = Image.open(io.BytesIO(png_bytes(pic, dpi=100))).convert("L")
    px_per_mm = 100 / 25.4
    margin = 12.0  # write_pdf(fit_page=False) leaves 12 mm around the picture
    assert abs(image.width - (pic.width + 2 * margin) * px_per_mm) < 3
    dark = sum(image.histogram()[:128])
    assert dark > 2000
    for pid, box in person_boxes(pic).items():
        cx = (box.x0 - pic.x0 + margin) * px_per_mm
        cy = ((box.y0 + box.y1) / 2 - pic.y0 + margin) * px_per_mm
        window = [
            image.getpixel((round(cx) + dx, round(cy) + dy))
            for dx in (-1, 0, 1)
            for dy in (-1, 0, 1)
        ]
        assert min(window) < 128, f"geen symboolrand voor {pid}"


def test_svg_one_element_per_primitive_and_text_escaped() -> None:
    cf = remarriage()
    cf.persons[0].name = 'A & B <"test">'
    pic = genogram(cf)
    root = ET.fromstring(to_svg(pic).encode("utf-8"))
    ns = "{http://www.w3.org/2000/svg}"
    drawn = [e for e in root if e.tag != f"{ns}title"][1:]  # after the white background
    assert len(drawn) == len(pic.items)
    texts = [e.text for e in drawn if e.tag == f"{ns}text"]
    assert texts == [p.text for p in pic.items if isinstance(p, Text)]
    assert 'A & B <"test">' in texts
    box = [float(v) for v in str(root.get("viewBox")).split()]
    assert box == pytest.approx([pic.x0, pic.y0, pic.width, pic.height], abs=0.001)
    assert root.get("width", "").endswith("mm")


def test_timeline_on_paper_too() -> None:
    pic = timeline(remarriage())
    assert from_reportlab(to_drawing(pic), pic) == from_primitives(pic)


@pytest.mark.parametrize(
    "suffix,magic", [(".pdf", b"%PDF"), (".svg", b"<?xml"), (".png", b"\x89PNG")]
)
def test_cli_report_writes_each_format(
    filled_profile: Profile, passphrase_file: Path, tmp_path: Path, suffix: str, magic: bytes
) -> None:
    for kind in ("genogram", "tijdlijn"):
        target = tmp_path / f"{kind}{suffix}"
        result = run_cli(
            "report",
            kind,
            CASE_ID,
            "-o",
            target,
            store=filled_profile.directory,
            passphrase_file=passphrase_file,
        )
        assert result.returncode == 0, result.stderr
        assert target.read_bytes().startswith(magic)
        assert not list(tmp_path.glob("*.deel"))
    with filled_profile.unlock(PASSPHRASE, sleep=lambda s: None) as store:
        what = [d.what for d in store.disclosures(CASE_ID)]
    assert f"Genogram als {suffix[1:].upper()}-bestand" in what


def test_cli_report_refuses_unknown_format_and_case(
    filled_profile: Profile, passphrase_file: Path, tmp_path: Path
) -> None:
    bad = run_cli(
        "report",
        "genogram",
        CASE_ID,
        "-o",
        tmp_path / "g.docx",
        store=filled_profile.directory,
        passphrase_file=passphrase_file,
    )
    assert bad.returncode == 2 and "eindigt op .pdf, .svg of .png" in bad.stderr
    missing = run_cli(
        "report",
        "tijdlijn",
        "bestaat-niet",
        "-o",
        tmp_path / "t.pdf",
        store=filled_profile.directory,
        passphrase_file=passphrase_file,
    )
    assert missing.returncode == 2 and "bestaat niet" in missing.stderr
    assert "Traceback" not in bad.stderr + missing.stderr
    assert not (tmp_path / "g.docx").exists() and not (tmp_path / "t.pdf").exists()


def test_every_font_in_the_pdf_is_embedded() -> None:
    out = io.BytesIO()
    write_pdf(genogram(remarriage()), out, "Genogram")
    page = PdfReader(io.BytesIO(out.getvalue())).pages[0]
    fonts = page["/Resources"]["/Font"].values()
    assert all("/FontFile2" in f.get_object()["/FontDescriptor"] for f in fonts)


def test_flowables_for_the_reports_fit_the_frame() -> None:
    from reportlab.lib.units import mm

    from casusregie.reports.drawing import (
        MAX_FLOWABLE_HEIGHT,
        caf_flowable,
        genogram_flowable,
        timeline_flowable,
    )

    cf = remarriage()
    for make in (genogram_flowable, timeline_flowable, caf_flowable):
        d = make(cf, 170 * mm)
        assert d.width <= 170 * mm + 0.01 and d.height <= MAX_FLOWABLE_HEIGHT + 0.01
        assert d.contents[0].contents  # something is drawn
