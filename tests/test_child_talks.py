"""Conversations with a child (``domain.child_talks``): the record, its drawings, the
store and the case file, the vergewisplicht, and who may read what the child told."""

from __future__ import annotations

import base64
import datetime as dt
import io
import re

import pytest
from pypdf import PdfReader

from casusregie.domain.caseformat import from_document, to_document
from casusregie.domain.child_talks import (
    PIECE,
    ChildDrawing,
    ChildTalk,
    drawing_from_bytes,
    talks_with,
)
from casusregie.domain.entities import entity_class
from casusregie.domain.errors import ImportRefused
from casusregie.domain.limits import MAX_IMAGE_BYTES, MAX_TEXT_LENGTH
from casusregie.domain.restrictions import redact
from casusregie.domain.rules import children
from casusregie.domain.rules.base import RuleSettings
from casusregie.reports.service import make_report
from casusregie.store.caseio import validate_document
from casusregie.store.database import Store
from casusregie.sync.consentfilter import category_of
from casusregie.templates import load_templates
from helpers import CASE_ID, sample_document

WORRIES = "Papa schreeuwt als hij boos is [zorg-1]"
GOOD = "Ik mag bij oma logeren [goed-1]"
DREAMS = "Dat iedereen rustig praat [droom-1]"
TODAY = dt.date(2026, 12, 7)


def png(width: int = 40, height: int = 30) -> bytes:
    """A real PNG (a red rectangle), made with Pillow in memory."""
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (width, height), (200, 30, 30)).save(out, format="PNG")
    return out.getvalue()


def noisy_png(side: int) -> bytes:
    """A PNG that does not compress: larger than one stored piece."""
    import os

    from PIL import Image

    out = io.BytesIO()
    Image.frombytes("RGB", (side, side), os.urandom(side * side * 3)).save(out, format="PNG")
    return out.getvalue()


def a_talk(date: str = "2026-11-20", **extra: object) -> ChildTalk:
    fields: dict[str, object] = {
        "child": "p-kind",
        "date": date,
        "held_by": "R. de Vries",
        "presence": "zonder_ouders",
        "worries": WORRIES,
        "good_things": GOOD,
        "dreams": DREAMS,
        **extra,
    }
    return ChildTalk.from_fields("talk-1", CASE_ID, fields)


def test_the_registry_knows_both_types() -> None:
    assert entity_class("child_talk") is ChildTalk
    assert entity_class("child_drawing") is ChildDrawing


def test_a_talk_needs_a_child_and_a_date_and_known_choices() -> None:
    assert a_talk().problems() == []
    bad = ChildTalk("t", CASE_ID, method="toverbal", presence="soms")
    found = " ".join(bad.problems())
    assert "child_talk.child" in found and "child_talk.date" in found
    assert "child_talk.method: onbekende waarde" in found
    assert "child_talk.presence: onbekende waarde" in found


def test_a_drawing_keeps_its_image_in_pieces_under_the_text_limit() -> None:
    raw = noisy_png(120)
    assert len(base64.b64encode(raw)) > PIECE  # really more than one piece
    drawing = drawing_from_bytes("d-1", CASE_ID, "talk-1", raw, house="zorgen")
    assert len(drawing.data) > 1 and all(len(p) <= PIECE < MAX_TEXT_LENGTH for p in drawing.data)
    assert drawing.mime == "image/png" and drawing.image() == raw
    assert drawing.problems() == []


def test_a_drawing_refuses_what_is_no_image_or_too_large() -> None:
    with pytest.raises(ValueError, match="geen PNG- of JPEG"):
        drawing_from_bytes("d", CASE_ID, "t", b"%PDF-1.4 niet een plaatje")
    with pytest.raises(ValueError, match="te groot"):
        drawing_from_bytes("d", CASE_ID, "t", b"\x89PNG\r\n\x1a\n" + b"0" * MAX_IMAGE_BYTES)
    forged = ChildDrawing("d", CASE_ID, talk="t", mime="image/png", data=["bm90IGFuIGltYWdl"])
    assert "child_drawing.data: geen PNG- of JPEG-afbeelding" in forged.problems()
    assert (
        "child_drawing.data: geen geldige afbeelding"
        in ChildDrawing("d", CASE_ID, talk="t", data=["***"]).problems()
    )


def _doc_with_talk(**extra: object) -> dict:
    doc = sample_document()
    doc["child_talks"] = [{"id": "talk-1", **a_talk().to_fields(), **extra}]
    drawing = drawing_from_bytes("d-1", CASE_ID, "talk-1", png(), house="goed", caption="Oma")
    doc["child_drawings"] = [{"id": "d-1", **drawing.to_fields()}]
    return doc


def test_the_case_file_round_trips_talks_and_drawings() -> None:
    doc = _doc_with_talk()
    cf = validate_document(doc)
    assert [t.worries for t in cf.child_talks] == [WORRIES]
    assert cf.child_drawings[0].image() == png()
    once = to_document(from_document(doc))
    assert once["child_talks"] == doc["child_talks"]
    assert once["child_drawings"] == doc["child_drawings"]
    assert to_document(from_document(once)) == once
    assert "child_talks" not in to_document(from_document(sample_document()))


def test_import_refuses_a_child_s_words_over_the_limit_in_dutch() -> None:
    doc = _doc_with_talk(dreams="geheim" + "x" * MAX_TEXT_LENGTH)
    with pytest.raises(ImportRefused) as caught:
        validate_document(doc)
    message = str(caught.value)
    assert "er is niets ingelezen" in message and "geheim" not in message
    assert re.search(r"(te lang|langer dan).*20\.?000 tekens", message), message


def test_import_refuses_a_drawing_of_an_unknown_talk_or_child() -> None:
    doc = _doc_with_talk()
    doc["child_drawings"][0]["talk"] = "talk-bestaat-niet"
    with pytest.raises(ImportRefused, match="onbekend gesprek"):
        validate_document(doc)
    doc = _doc_with_talk(child="p-niemand")
    with pytest.raises(ImportRefused, match="onbekende persoon"):
        validate_document(doc)


def test_the_store_keeps_talks_and_drawings_encrypted_and_whole(store: Store) -> None:
    raw = noisy_png(120)
    with store.write("Gesprek met kind vastgelegd") as tx:
        tx.create(a_talk())
        tx.create(drawing_from_bytes("d-1", CASE_ID, "talk-1", raw, house="zorgen"))
    cf = store.load_case(CASE_ID)
    assert [t.dreams for t in talks_with(cf, "p-kind")] == [DREAMS]
    assert cf.child_drawings[0].image() == raw
    assert any(c.field == "worries" for c in store.history("child_talk", "talk-1"))
    db_bytes = b"".join(p.read_bytes() for p in store.path.parent.iterdir() if p.is_file())
    assert b"[zorg-1]" not in db_bytes and raw[8:40] not in db_bytes


def test_talks_with_lists_the_newest_first() -> None:
    cf = validate_document(_doc_with_talk())
    older = ChildTalk("talk-0", CASE_ID, child="p-kind", date="2025-03-01")
    cf.child_talks.append(older)
    assert [t.id for t in talks_with(cf, "p-kind")] == ["talk-1", "talk-0"]
    assert talks_with(cf, "p-moeder") == []


# --- vergewisplicht -------------------------------------------------------------------


def _codes(cf, today: dt.date = TODAY) -> list[str]:
    return [f.code for f in children.check(cf, today, RuleSettings()) if f.rule == "vergewisplicht"]


def test_a_recent_recorded_talk_clears_the_vergewisplicht_finding() -> None:
    cf = validate_document(sample_document())
    assert "kind_niet_gesproken" in _codes(cf)
    cf.child_talks.append(a_talk(date=(TODAY - dt.timedelta(days=10)).isoformat()))
    assert "kind_niet_gesproken" not in _codes(cf)
    assert children.contact(cf, cf.person("p-kind")).last_spoken == TODAY - dt.timedelta(days=10)


def test_an_old_recorded_talk_is_a_finding_with_its_date() -> None:
    cf = validate_document(sample_document())
    cf.child_talks.append(a_talk(date="2026-01-05"))
    found = [
        f for f in children.check(cf, TODAY, RuleSettings()) if f.code == "kind_niet_gesproken"
    ]
    assert len(found) == 1 and found[0].severity == "aandacht"
    assert "5 januari 2026" in found[0].message


def test_a_talk_with_another_child_does_not_count() -> None:
    cf = validate_document(sample_document())
    cf.child_talks.append(a_talk(child="p-moeder", date=TODAY.isoformat()))
    assert "kind_niet_gesproken" in _codes(cf)


# --- who reads what the child told -------------------------------------------------


def test_privacy_categories_keep_the_words_apart_from_the_fact() -> None:
    templates = load_templates()
    for name in ("child", "date", "held_by", "method", "presence"):
        assert category_of(templates, "child_talk", name, {}) == "hulpverlening"
    for name in ("worries", "good_things", "dreams", "child_words", "explained", "present"):
        assert category_of(templates, "child_talk", name, {}) == "kindgesprek"
    for name in ("data", "caption", "house", "talk"):
        assert category_of(templates, "child_drawing", name, {}) == "kindgesprek"


def test_only_the_child_s_own_copy_keeps_the_talk() -> None:
    cf = validate_document(_doc_with_talk())
    for reader in (None, "p-moeder", "p-vader", "p-oma"):
        copy = redact(cf, reader)
        assert copy.child_talks == [] and copy.child_drawings == []
    own = redact(cf, "p-kind")
    assert [t.id for t in own.child_talks] == ["talk-1"] and len(own.child_drawings) == 1
    assert len(cf.child_talks) == 1  # the case itself is not changed


def _pdf_text(pdf: bytes) -> str:
    return "\n".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(pdf)).pages)


def test_no_family_paper_prints_what_the_child_told(store: Store) -> None:
    with store.write("Gesprek met kind vastgelegd") as tx:
        tx.create(a_talk())
    for reader in ("p-moeder", "p-vader", None):
        for kind in ("veiligheidsplan", "gedeeld"):
            text = _pdf_text(make_report(store, kind, CASE_ID, reader).pdf)
            for marker in ("[zorg-1]", "[goed-1]", "[droom-1]"):
                assert marker not in text, (kind, reader)


def test_the_overview_counts_a_recorded_talk() -> None:
    from casusregie.domain.overview import summarize

    cf = validate_document(sample_document())
    before = next(r for r in summarize(cf, TODAY).children if r.person_id == "p-kind")
    assert not before.recent
    cf.child_talks.append(a_talk(date=(TODAY - dt.timedelta(days=3)).isoformat()))
    after = next(r for r in summarize(cf, TODAY).children if r.person_id == "p-kind")
    assert after.recent and after.last_spoken == TODAY - dt.timedelta(days=3)


def test_the_demo_keeps_lotte_s_three_houses_in_her_own_words() -> None:
    from casusregie.store.demo import demo_document

    cf = validate_document(demo_document(dt.date(2025, 12, 18)))
    (talk,) = talks_with(cf, "p-lotte")
    assert talk.method == "drie_huizen" and "onder mijn dekbed" in talk.worries
    assert "normaal praat" in talk.dreams


def test_a_child_s_words_in_a_form_need_the_same_basis_as_in_a_record() -> None:
    """What a child said travels as ``kindgesprek`` wherever it is typed: in a
    conversation record and in the gesprekken-met-kinderen form alike, so a basis for
    the aanleiding never carries a child's own words to the office."""
    from casusregie.templates import load_templates

    templates = load_templates()
    assert templates.category_of("child_talk", "child_words") == "kindgesprek"
    tpl = templates.get("gesprekken_kinderen")
    said = [
        (section.key, fld.key)
        for section in tpl.sections
        for fld in section.fields
        if fld.key == "wat_zei_kind"
    ]
    assert len(said) == 2  # per child, and per conversation
    for section_id, key in said:
        category = templates.category_of("item", key, "gesprekken_kinderen", section_id)
        assert category == "kindgesprek", (section_id, key)
