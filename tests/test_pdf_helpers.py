"""The PDF helpers the report tests rely on can fail, and measure what they claim.

``pdf_check`` (structure), ``word_boxes`` (where each word is) and ``render_pages``
(page -> PNG) use only wheels (pypdf, pypdfium2); no program of the OS. A helper that
accepted anything would turn every report test into one that cannot fail, so each is
tried here on a PDF that is known to be broken or whose words are at known places.
"""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from PIL import Image
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas

from casusregie.reports import fonts
from report_helpers import dark_pixels, pdf_check, render_pages, word_boxes


def _pdf(words: list[tuple[float, float, str]], compress: int = 1) -> bytes:
    """An A4 page with each word drawn at (x, baseline y from the top) in points."""
    fonts.register()
    out = io.BytesIO()
    canvas = Canvas(out, pagesize=A4, pageCompression=compress)
    canvas.setFont(fonts.REGULAR, 12)
    for x, y, word in words:
        canvas.drawString(x, A4[1] - y, word)
    canvas.showPage()
    canvas.save()
    return out.getvalue()


def test_pdf_check_accepts_a_sound_pdf() -> None:
    pdf_check(_pdf([(100, 100, "Çelik")]))


def test_pdf_check_rejects_a_shifted_object() -> None:
    data = _pdf([(100, 100, "Çelik")])
    second = data.index(b"2 0 obj")
    broken = data[:second] + b"\n\n\n" + data[second:]  # xref offsets now point too early
    with pytest.raises(AssertionError):
        pdf_check(broken)


def test_pdf_check_rejects_a_wrong_xref_entry() -> None:
    data = _pdf([(100, 100, "Çelik")])
    table = data.rindex(b"\nxref\n")
    entries = re.compile(rb"(\d{10}) 00000 n").finditer(data, table)
    first = next(entries)
    wrong = b"%010d" % (int(first.group(1)) + 1)
    broken = data[: first.start(1)] + wrong + data[first.end(1) :]  # same length
    with pytest.raises(AssertionError, match="xref entry"):
        pdf_check(broken)


def test_pdf_check_rejects_a_truncated_file() -> None:
    data = _pdf([(100, 100, "Çelik")])
    with pytest.raises(AssertionError):
        pdf_check(data[: len(data) * 2 // 3])


def test_pdf_check_rejects_a_broken_stream() -> None:
    data = _pdf([(100, 100, "Anaïs")], compress=1)
    m = re.search(rb"stream\r?\n", data)
    assert m
    start = m.end()
    garbled = bytes(b ^ 0x5A for b in data[start + 2 : start + 12])
    broken = data[: start + 2] + garbled + data[start + 12 :]  # same length: xref stays valid
    with pytest.raises(AssertionError, match="decompress"):
        pdf_check(broken)


def test_word_boxes_find_each_word_where_it_was_drawn(tmp_path: Path) -> None:
    path = tmp_path / "woorden.pdf"
    path.write_bytes(_pdf([(100, 100, "Nguyễn"), (300, 400, "Özdemir"), (5, 700, "rand")]))
    pages, boxes = word_boxes(path)
    assert pages == [pytest.approx(A4)]
    assert len(boxes) == 3, boxes
    by_x = sorted(boxes, key=lambda b: b[1])
    (_, x0, y0, _x1, y1), second, third = by_x[0], by_x[1], by_x[2]
    # "rand" starts at 5 pt: inside the left margin, so the report tests' "every word
    # inside the printable area" would fail on it
    assert x0 == pytest.approx(5, abs=1.5)
    assert y0 < 700 < y1  # the box spans the baseline (top-left origin)
    assert second[1] == pytest.approx(100, abs=1.5)
    assert second[2] < 100 < second[4]
    assert third[1] == pytest.approx(300, abs=1.5)
    assert third[3] - third[1] > 40  # seven letters at 12 pt are wider than 40 pt


def test_render_pages_draws_the_page(tmp_path: Path) -> None:
    path = tmp_path / "blz.pdf"
    path.write_bytes(_pdf([(100, 100, "W" * 30)]))
    blank = tmp_path / "leeg.pdf"
    blank.write_bytes(_pdf([]))
    (png,) = render_pages(path, tmp_path, dpi=72)
    with Image.open(png) as img:
        assert img.size[0] == pytest.approx(A4[0], abs=1)
        assert img.size[1] == pytest.approx(A4[1], abs=1)
    empty = tmp_path / "leeg"
    empty.mkdir()
    (blank_png,) = render_pages(blank, empty, dpi=72)
    assert dark_pixels(png) > 500
    assert dark_pixels(blank_png) == 0


def test_no_pdf_tool_of_the_os_is_used(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """With an empty PATH the helpers still work: they call no program."""
    monkeypatch.setenv("PATH", str(tmp_path))
    path = tmp_path / "p.pdf"
    path.write_bytes(_pdf([(100, 100, "Zoë")]))
    pdf_check(path)
    assert word_boxes(path)[1]
    assert render_pages(path, tmp_path)
