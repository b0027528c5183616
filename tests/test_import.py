"""The case JSON format, with generated documents: every valid document survives
``from_document``/``to_document`` and a real store import/export without loss.

Names and texts come from ``st.text()`` (any Unicode but surrogates, control
characters included); optional fields are present or absent at random. Forms and items
use the template sections that are actually shipped.
"""

from __future__ import annotations

import copy
import datetime as dt
import json
import os
import tempfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from casusregie.domain.caseformat import from_document, to_document
from casusregie.domain.errors import ImportRefused
from casusregie.domain.model import (
    AimedAt,
    Case,
    Certainty,
    Gender,
    HelpStatus,
    ParentType,
    PartnerType,
    Phase,
    Role,
)
from casusregie.store.caseio import export_case, import_case, validate_document
from casusregie.store.database import Store
from casusregie.templates import load_templates
from helpers import sample_document, without_exported_at

TEMPLATES = load_templates()
CASE_SECTIONS = [
    (t.id, s.key, t)
    for t in TEMPLATES.ordered()
    for s in t.sections
    if s.binding.kind in ("case", "person") and s.fields
]
ITEM_SECTIONS = [
    (t.id, s.key, t)
    for t in TEMPLATES.ordered()
    for s in t.sections
    if s.binding.kind == "list" and s.binding.entity == "item" and s.fields
]

ids = st.from_regex(r"[A-Za-z0-9][A-Za-z0-9_.:-]{0,20}", fullmatch=True)
texts = st.text(max_size=40)


@st.composite
def partial_dates(draw: st.DrawFn) -> str:
    day = draw(st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2099, 12, 31)))
    precision = draw(st.sampled_from(["year", "month", "day"]))
    if precision == "year":
        return f"{day.year:04d}"
    if precision == "month":
        return f"{day.year:04d}-{day.month:02d}"
    return day.isoformat()


opt_dates = st.none() | partial_dates()


def _optional(
    draw: st.DrawFn, required: dict[str, Any], optional: dict[str, st.SearchStrategy[Any]]
) -> dict[str, Any]:
    out = dict(required)
    for name, strategy in optional.items():
        if draw(st.booleans()):
            out[name] = draw(strategy)
    return out


def answer_values(with_null: bool) -> st.SearchStrategy[Any]:
    scalar = (
        texts | st.integers() | st.floats(allow_nan=False, allow_infinity=False) | st.booleans()
    )
    if with_null:
        scalar = scalar | st.none()
    return scalar | st.lists(texts | st.integers(), max_size=4)


def _answers(draw: st.DrawFn, section: Any, with_null: bool) -> dict[str, Any]:
    keys = [f.key for f in section.fields if f.attr is None]
    chosen = draw(st.lists(st.sampled_from(keys), unique=True, max_size=4)) if keys else []
    return {k: draw(answer_values(with_null)) for k in chosen}


@st.composite
def documents(draw: st.DrawFn, with_null_answers: bool = False) -> dict[str, Any]:
    case_optional: dict[str, st.SearchStrategy[Any]] = {
        "aanleiding": texts,
        "phase": st.sampled_from(Phase.values()),
        "regisseur": texts,
        "opened_on": opt_dates,
    }
    if "gi_product" in Case.attributes():
        from casusregie.domain.model import GiProduct  # type: ignore[attr-defined]

        case_optional["gi_product"] = st.none() | st.sampled_from(GiProduct.values())
    doc: dict[str, Any] = {
        "format": "casusregie-case",
        "version": 1,
        "case": _optional(draw, {"id": draw(ids), "family_name": draw(texts)}, case_optional),
    }
    if draw(st.booleans()):
        doc["exported_at"] = "2024-05-01T10:00:00Z"

    person_ids = draw(st.lists(ids, unique=True, max_size=5))
    doc["persons"] = [
        _optional(
            draw,
            {"id": pid, "name": draw(texts)},
            {
                "birth_date": opt_dates,
                "gender": st.sampled_from(Gender.values()),
                "role": st.sampled_from(Role.values()),
                "deceased": st.booleans(),
                "death_date": opt_dates,
                "index_child": st.booleans(),
                "relation_to_child": texts,
                "address": texts,
                "phone": texts,
                "email": texts,
            },
        )
        for pid in person_ids
    ]
    people = (
        st.lists(st.sampled_from(person_ids), unique=True, max_size=3)
        if person_ids
        else st.just([])
    )

    relation_ids = draw(st.lists(ids, unique=True, max_size=3)) if len(person_ids) > 1 else []
    doc["relations"] = []
    for rid in relation_ids:
        a, b = draw(st.lists(st.sampled_from(person_ids), unique=True, min_size=2, max_size=2))
        kind = draw(st.sampled_from(["partner", "ouder_kind"]))
        kinds = PartnerType if kind == "partner" else ParentType
        doc["relations"].append(
            _optional(
                draw,
                {
                    "id": rid,
                    "kind": kind,
                    "type": draw(st.sampled_from(kinds.values())),
                    "person_a": a,
                    "person_b": b,
                },
                {"start": opt_dates, "end": opt_dates},
            )
        )

    doc["life_events"] = [
        _optional(
            draw,
            {"id": eid, "date": draw(partial_dates()), "description": draw(texts)},
            {
                "end_date": opt_dates,
                "persons": people,
                "source": texts,
                "certainty": st.sampled_from(Certainty.values()),
                "category": texts,
                "leefgebied": texts,
            },
        )
        for eid in draw(st.lists(ids, unique=True, max_size=4))
    ]

    doc["help_episodes"] = [
        _optional(
            draw,
            {"id": hid, "provider": draw(texts)},
            {
                "start": opt_dates,
                "end": opt_dates,
                "status": st.sampled_from(HelpStatus.values()),
                "reason": texts,
                "aimed_at": st.none() | st.sampled_from(AimedAt.values()),
                "goals": texts,
                "contact": texts,
                "result": texts,
                "leefgebied": texts,
                "persons": people,
            },
        )
        for hid in draw(st.lists(ids, unique=True, max_size=3))
    ]

    doc["forms"] = []
    seen: set[tuple[str, str, str | None, str | None]] = set()
    for _ in range(draw(st.integers(0, 4))):
        tid, skey, tpl = draw(st.sampled_from(CASE_SECTIONS))
        section = tpl.section(skey)
        person = None
        if section.binding.kind == "person":
            if not person_ids:
                continue
            person = draw(st.sampled_from(person_ids))
        instance = draw(st.none() | ids) if getattr(tpl, "multiple", False) else None
        if (tid, skey, person, instance) in seen:
            continue
        seen.add((tid, skey, person, instance))
        form: dict[str, Any] = {
            "template": tid,
            "section": skey,
            "answers": _answers(draw, section, with_null_answers),
        }
        if person is not None or draw(st.booleans()):
            form["person"] = person
        if instance is not None:
            form["instance"] = instance
        if draw(st.booleans()) or tpl.version != 1:  # absent means 1 (an older file)
            form["version"] = tpl.version
        doc["forms"].append(form)

    doc["items"] = []
    for iid in draw(st.lists(ids, unique=True, max_size=3)):
        tid, skey, tpl = draw(st.sampled_from(ITEM_SECTIONS))
        item = _optional(
            draw,
            {
                "id": iid,
                "template": tid,
                "section": skey,
                "answers": _answers(draw, tpl.section(skey), with_null_answers),
            },
            {"position": st.integers(-5, 1000)},
        )
        if draw(st.booleans()) or tpl.version != 1:  # absent means 1 (an older file)
            item["version"] = tpl.version
        if getattr(tpl, "multiple", False) and draw(st.booleans()):
            item["instance"] = draw(ids)
        doc["items"].append(item)

    for name in ("persons", "relations", "life_events", "help_episodes", "forms", "items"):
        if not doc[name] and draw(st.booleans()):
            del doc[name]  # the lists are optional in the format
    return doc


def _entries(doc: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    out = [("case", doc["case"])]
    for name in ("persons", "relations", "life_events", "help_episodes", "forms", "items"):
        out += [(f"{name}[{i}]", e) for i, e in enumerate(doc.get(name, []))]
    return out


def assert_nothing_lost(original: dict[str, Any], again: dict[str, Any]) -> None:
    """Every value the original document gave is in ``again``, at the same place."""
    assert {
        k: len(original.get(k, []))
        for k in ("persons", "relations", "life_events", "help_episodes", "forms", "items")
    } == {
        k: len(again.get(k, []))
        for k in ("persons", "relations", "life_events", "help_episodes", "forms", "items")
    }
    for (where, entry), (_, out) in zip(_entries(original), _entries(again), strict=True):
        for key, value in entry.items():
            assert key in out, (where, key)
            assert out[key] == value, (where, key)
            assert type(out[key]) is type(value) or (key == "answers"), (where, key)


SETTINGS = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


@SETTINGS
@given(documents())
def test_document_round_trip(doc: dict[str, Any]) -> None:
    original = copy.deepcopy(doc)
    cf = validate_document(doc)  # every generated document is valid
    assert doc == original  # validation does not touch its input
    out = to_document(cf, exported_at=doc.get("exported_at"))
    assert_nothing_lost(original, out)
    assert from_document(out) == cf
    assert to_document(from_document(out), exported_at=doc.get("exported_at")) == out
    validate_document(out)  # what we write we can read
    through_json = json.loads(json.dumps(out, ensure_ascii=False))
    assert from_document(through_json) == cf


@settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(documents(with_null_answers=False))
def test_store_round_trip(doc: dict[str, Any]) -> None:
    expected = without_exported_at(to_document(validate_document(doc)))
    with (
        tempfile.TemporaryDirectory() as tmp,
        Store.open(Path(tmp) / "s.db", os.urandom(32), create=True) as store,
    ):
        cf = import_case(store, json.loads(json.dumps(doc, ensure_ascii=False)))
        exported = export_case(store, cf.case.id)
        assert store.load_case(cf.case.id) == cf
    assert without_exported_at(exported) == expected
    assert_nothing_lost(doc, exported)


def test_sample_document_round_trip_through_store(tmp_path: Path) -> None:
    doc = sample_document()
    with Store.open(tmp_path / "s.db", os.urandom(32), create=True) as store:
        import_case(store, doc)
        exported = export_case(store, doc["case"]["id"])
    assert_nothing_lost(doc, exported)
    assert without_exported_at(exported) == to_document(from_document(doc))


def test_null_answer_is_refused(tmp_path: Path) -> None:
    """null is not an answer (an absent key is): refusing it keeps import/export lossless."""
    doc = sample_document()
    doc["forms"][0]["answers"]["probleemanalyse"] = None
    with pytest.raises(ImportRefused, match="schema"):
        validate_document(doc)


def test_month_zero_refused() -> None:
    doc = sample_document()
    doc["life_events"][0]["date"] = "2016-00"
    with pytest.raises(ImportRefused):
        validate_document(doc)


def test_import_is_all_or_nothing(tmp_path: Path) -> None:
    """A document that fails late (the template check) writes nothing at all."""
    doc = sample_document()
    doc["items"][0]["answers"]["geen_veld"] = "x"
    with Store.open(tmp_path / "s.db", os.urandom(32), create=True) as store:
        with pytest.raises(ImportRefused):
            import_case(store, doc)
        assert store.changes_since(0) == []
        assert store.list_cases() == []
