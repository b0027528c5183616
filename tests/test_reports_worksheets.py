"""The worksheets for a conversation with a child (``reports.child_sheets`` and
``reports.worksheets``): the child's name and the three houses on an empty sheet, the
child's own words and drawings on a filled one, text that does not fit printed in full
after, and a filled sheet only for the child, the regisseur's own file, or a person the
child agreed to. Every sheet is in the disclosure log."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from pypdf import PdfReader

from casusregie.domain.child_talks import ChildTalk, drawing_from_bytes
from casusregie.domain.family_plan import JARGON
from casusregie.domain.model import Person
from casusregie.reports.child_sheets import (
    KINDERTELEFOON,
    MORE,
    PANELS,
    story_parts,
    three_houses_pdf,
    words_pictures_pdf,
)
from casusregie.reports.service import ReportError, save_report
from casusregie.reports.worksheets import make_worksheet
from casusregie.store.database import Store
from casusregie.store.profile import Profile
from helpers import CASE_ID, PASSPHRASE, run_cli

KID = Person("p-kind", CASE_ID, name="Nguyễn Thị Lan", role="kind")


def pdf_text(pdf: bytes) -> str:
    return "\n".join(p.extract_text() or "" for p in PdfReader(io.BytesIO(pdf)).pages)


def squeeze(value: str) -> str:
    return re.sub(r"\s+", "", value)


def png(colour: tuple[int, int, int] = (0, 0, 200)) -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (60, 40), colour).save(out, format="PNG")
    return out.getvalue()


def a_talk(**extra: str) -> ChildTalk:
    fields = {
        "child": "p-kind",
        "date": "2026-11-20",
        "held_by": "Sanne Bakker",
        "worries": "Als papa boos wordt [Z1]",
        "good_things": "Voetballen met Daan [G1]",
        "dreams": "Samen eten op zondag [D1]",
        **extra,
    }
    return ChildTalk.from_fields("talk-1", CASE_ID, fields)


def test_the_empty_sheet_has_the_name_and_the_three_houses() -> None:
    pdf = three_houses_pdf(KID)
    text = pdf_text(pdf)
    assert "De drie huizen van Nguyễn" in text
    for house in ("zorgen", "goede dingen", "dromen"):
        assert f"Huis van\n{house}" in text or f"Huis van {house}" in text, house
    assert "VERTROUWELIJK" not in text  # nothing told yet, only a first name
    page = PdfReader(io.BytesIO(pdf)).pages[0]
    assert float(page.mediabox.width) > float(page.mediabox.height)  # on its side
    assert len(PdfReader(io.BytesIO(pdf)).pages) == 1


def test_the_filled_sheet_prints_the_child_s_words_in_its_house() -> None:
    pdf = three_houses_pdf(KID, a_talk(), family="Çelik")
    text = pdf_text(pdf)
    assert "[Z1]" in text and "[G1]" in text and "[D1]" in text
    assert "Gesprek op 20 november 2026 met Sanne Bakker" in text
    assert "VERTROUWELIJK" in text and "Gezin Çelik" in text
    # each house's words stand under its own house: left, middle, right
    lefts = {}
    page = PdfReader(io.BytesIO(pdf)).pages[0]

    def visit(text: str, cm: list[float], tm: list[float], *_: object) -> None:
        for marker in ("[Z1]", "[G1]", "[D1]"):
            if marker in text:
                lefts[marker] = cm[4] + tm[4]

    page.extract_text(visitor_text=visit)
    assert lefts["[Z1]"] < lefts["[G1]"] < lefts["[D1]"], lefts


def test_words_that_do_not_fit_are_printed_in_full_after() -> None:
    long = " ".join(f"woord{n}" for n in range(1500))
    pdf = three_houses_pdf(KID, a_talk(worries=long))
    reader = PdfReader(io.BytesIO(pdf))
    first = reader.pages[0].extract_text()
    assert squeeze(MORE) in squeeze(first) and "woord1499" not in first
    rest = "".join(p.extract_text() for p in reader.pages[1:])
    assert "Alles wat Nguyễn vertelde en tekende" in rest
    assert "woord0" in rest and "woord1499" in rest


def _blue(image: object) -> int:
    """Pixels of the child's blue picture (the sheet itself is black and white)."""
    rgb = image.convert("RGB")  # type: ignore[attr-defined]
    return sum(1 for r, g, b in rgb.get_flattened_data() if b > 150 and r < 60 and g < 60)


def test_drawings_are_drawn_on_the_sheet() -> None:
    talk = a_talk()
    drawing = drawing_from_bytes("d-1", CASE_ID, "talk-1", png(), house="goed")
    plain = pdfium.PdfDocument(three_houses_pdf(KID, talk))[0].render(scale=0.5).to_pil()
    drawn = pdfium.PdfDocument(three_houses_pdf(KID, talk, [drawing]))[0]
    image = drawn.render(scale=0.5).to_pil()
    assert _blue(plain) == 0
    assert _blue(image) > 200  # the child's picture is on the page ...
    middle = image.crop((image.width // 3, 0, 2 * image.width // 3, image.height))
    assert _blue(middle) == _blue(image)  # ... in the middle house, the good things


def test_words_and_pictures_has_every_box_and_the_kindertelefoon() -> None:
    text = pdf_text(words_pictures_pdf(KID))
    for title, _ in PANELS:
        assert squeeze(title.format(name="Nguyễn")) in squeeze(text), title
    assert KINDERTELEFOON in text and "112" in text
    assert text.count("Teken hier") == len(PANELS)


def test_words_and_pictures_tells_the_story_box_by_box() -> None:
    story = "Dit zijn wij [S1]\n\nEr was ruzie [S2]\n\nDe juf maakt zich zorgen [S3]"
    talk = a_talk(method="words_and_pictures", explained=story, child_words="Ik wil oma [K1]")
    pdf = words_pictures_pdf(KID, talk)
    pages = [p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages]
    assert "[S1]" in pages[0] and "[S2]" in pages[0] and "[S3]" in pages[1]
    assert "[K1]" in pages[3] and KINDERTELEFOON in pages[3]
    assert story_parts("a\n\nb\n\n\nc") == ["a", "b", "c"]
    many = "\n\n".join(f"deel{n}" for n in range(9))
    assert len(story_parts(many)) == 6 and story_parts(many)[-1].startswith("deel5")


def test_the_sheets_use_no_jargon() -> None:
    talk = a_talk(held_by="Ilse (casusregisseur)", explained="Er is een casusoverleg geweest.")
    filled = (three_houses_pdf(KID, talk), words_pictures_pdf(KID, talk))
    for pdf in (three_houses_pdf(KID), words_pictures_pdf(KID), *filled):
        words = pdf_text(pdf).lower()
        found = [w for w in JARGON if re.search(rf"(?<!\w){re.escape(w)}(?!\w)", words)]
        assert found == []
    assert "met Ilse (regisseur)" in pdf_text(filled[0])
    assert "Er is een overleg geweest." in pdf_text(filled[1])


# --- who gets a filled sheet ---------------------------------------------------------


def _record(store: Store) -> None:
    with store.write("Gesprek met kind vastgelegd") as tx:
        tx.create(a_talk())
        tx.create(drawing_from_bytes("d-1", CASE_ID, "talk-1", png(), house="zorgen"))


def test_a_filled_sheet_is_for_the_child_or_the_own_file(store: Store) -> None:
    _record(store)
    own = make_worksheet(store, "drie-huizen", CASE_ID, "p-kind", "talk-1")
    assert own.recipient == "de regisseur zelf" and "[Z1]" in pdf_text(own.pdf)
    child = make_worksheet(store, "drie-huizen", CASE_ID, "p-kind", "talk-1", "p-kind")
    assert child.recipient == "Nguyễn Thị Lan"
    with pytest.raises(ReportError) as refused:
        make_worksheet(store, "drie-huizen", CASE_ID, "p-kind", "talk-1", "p-moeder")
    assert "Vraag eerst aan Nguyễn of het goed is dat Anaïs het ziet" in str(refused.value)
    agreed = make_worksheet(
        store, "drie-huizen", CASE_ID, "p-kind", "talk-1", "p-moeder", child_agreed=True
    )
    assert agreed.basis == "Nguyễn vond het goed dat Anaïs dit ziet"
    empty = make_worksheet(store, "woorden-en-plaatjes", CASE_ID, "p-kind", None, "p-moeder")
    assert "[Z1]" not in pdf_text(empty.pdf)
    with pytest.raises(ReportError, match="Kies een kind"):
        make_worksheet(store, "drie-huizen", CASE_ID, "p-moeder")
    with pytest.raises(ReportError, match="bestaat niet"):
        make_worksheet(store, "drie-huizen", CASE_ID, "p-kind", "talk-weg")


def test_a_saved_sheet_is_in_the_disclosure_log(store: Store, tmp_path: Path) -> None:
    _record(store)
    report = make_worksheet(store, "drie-huizen", CASE_ID, "p-kind", "talk-1", "p-kind")
    save_report(store, report, tmp_path / "huizen.pdf")
    (entry,) = [d for d in store.disclosures(CASE_ID) if "drie huizen" in d.what]
    assert entry.recipient == "Nguyễn Thị Lan"
    assert entry.basis == "Het eigen werkblad van het kind"
    assert "[Z1]" not in entry.what  # the log names the sheet, never what was told


def test_the_cli_prints_a_sheet_by_date(
    filled_profile: Profile, passphrase_file: Path, tmp_path: Path
) -> None:
    store = filled_profile.unlock(PASSPHRASE)
    try:
        _record(store)
    finally:
        store.close()
    out = tmp_path / "huizen.pdf"
    args = ("report", "drie-huizen", CASE_ID, "--kind", "p-kind", "--datum", "2026-11-20")
    result = run_cli(
        *args, "-o", out, store=filled_profile.directory, passphrase_file=passphrase_file
    )
    assert result.returncode == 0, result.stderr
    assert "voor de regisseur zelf" in result.stdout
    assert "[Z1]" in pdf_text(out.read_bytes())
    refused = run_cli(
        *args, "--voor", "p-vader", "-o", tmp_path / "vader.pdf",
        store=filled_profile.directory, passphrase_file=passphrase_file,
    )  # fmt: skip
    assert refused.returncode != 0 and "Vraag eerst aan Nguyễn" in refused.stderr
    assert not (tmp_path / "vader.pdf").exists()
    empty = run_cli(
        "report", "woorden-en-plaatjes", CASE_ID, "--kind", "p-kind", "-o", tmp_path / "wp.pdf",
        store=filled_profile.directory, passphrase_file=passphrase_file,
    )  # fmt: skip
    assert empty.returncode == 0, empty.stderr
    assert "Het verhaal van Nguyễn" in pdf_text((tmp_path / "wp.pdf").read_bytes())
