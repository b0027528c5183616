"""One limit on the length of a free text (``domain.limits.MAX_TEXT_LENGTH``), kept by
the import and by every write of the store, with a Dutch refusal that names no text."""

from __future__ import annotations

import re

import pytest

from casusregie.domain.errors import ImportRefused
from casusregie.domain.limits import MAX_TEXT_LENGTH, TextTooLong, longest_text
from casusregie.domain.model import LifeEvent
from casusregie.store.caseio import validate_document
from casusregie.store.database import Store
from helpers import CASE_ID, sample_document

SECRET = "geheim"


def test_the_limit_is_twenty_thousand_characters() -> None:
    assert MAX_TEXT_LENGTH == 20_000
    assert longest_text(["kort", {"a": "x" * 30}]) == 30


@pytest.mark.parametrize("where", ["aanleiding", "answer", "list"])
def test_import_refuses_a_text_over_the_limit(where: str) -> None:
    doc = sample_document()
    long = SECRET + "x" * MAX_TEXT_LENGTH
    if where == "aanleiding":
        doc["case"]["aanleiding"] = long
    elif where == "answer":
        doc["forms"][0]["answers"]["directe_hulpvraag"] = long
    else:
        doc["forms"][0]["answers"]["leefgebieden"] = ["school", long]
    with pytest.raises(ImportRefused) as caught:
        validate_document(doc)
    message = str(caught.value)
    assert "er is niets ingelezen" in message
    assert re.search(r"(te lang|langer dan).*20\.?000 tekens", message), message
    assert SECRET not in message


def test_import_accepts_a_text_at_the_limit() -> None:
    doc = sample_document()
    doc["case"]["aanleiding"] = "x" * MAX_TEXT_LENGTH
    assert validate_document(doc).case.aanleiding == "x" * MAX_TEXT_LENGTH


def test_store_refuses_a_long_text_and_keeps_the_old_one(store: Store) -> None:
    before = store.load_case(CASE_ID).case.aanleiding
    with pytest.raises(TextTooLong) as caught, store.write("Veld gewijzigd") as tx:
        tx.set("case", CASE_ID, "aanleiding", SECRET + "x" * MAX_TEXT_LENGTH)
    assert "20.000 tekens" in str(caught.value) and SECRET not in str(caught.value)
    assert store.load_case(CASE_ID).case.aanleiding == before


def test_store_refuses_a_new_entity_with_a_long_text(store: Store) -> None:
    event = LifeEvent("ev-lang", CASE_ID, date="2024", description="x" * (MAX_TEXT_LENGTH + 1))
    with pytest.raises(TextTooLong), store.write("Gebeurtenis toegevoegd") as tx:
        tx.create(event)
    assert all(e.id != "ev-lang" for e in store.load_case(CASE_ID).life_events)
