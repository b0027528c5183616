"""Wire capture: over generated consent configurations (and changes to them), no value
of a field whose category has no active basis ever appears in any request body the
office received; every value of a category with a basis does reach the office."""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from officekit import GRANTORS, ThreadOffice, enrolled, new_store, shown

from casusregie.domain.consent import Consent
from casusregie.domain.model import Form
from casusregie.store.caseio import import_case
from casusregie.store.database import Store
from casusregie.sync import run_sync, take_case_id
from casusregie.templates import load_templates
from helpers import sample_document

TODAY = dt.date.today()
STATES = (
    "geen", "actief", "ingetrokken", "verlopen", "toekomst", "onvolledig",
    "wettelijk", "wettelijk_zonder_afweging", "verkeerde_persoon",
)  # fmt: skip
ACTIVE = {"actief", "wettelijk"}
_counter = itertools.count()


def _form_fields() -> dict[str, list[tuple[str, str, str]]]:
    """Per category, up to two (template, section, field) free-text answers of a form
    bound to the case, so every category the templates use gets a canary."""
    out: dict[str, list[tuple[str, str, str]]] = {}
    for tpl in load_templates().ordered():
        if tpl.multiple:
            continue
        for section, f in tpl.fields():
            if section.binding.kind == "case" and f.type in ("text", "longtext") and not f.attr:
                spots = out.setdefault(f.privacy, [])
                if len(spots) < 2:
                    spots.append((tpl.id, section.key, f.key))
    return out


FORM_FIELDS = _form_fields()


def canary_document(case_id: str, n: int) -> tuple[dict[str, Any], dict[str, list[str]]]:
    """The sample case with a distinctive value in every free-text field, and which
    category each value belongs to."""
    doc = _prefixed(sample_document(case_id), f"w{n}-")
    t = load_templates()
    canaries: dict[str, list[str]] = {}

    def mark(category: str | None, i: int) -> str:
        value = f"KAN{n:04d}x{category}x{i}"
        canaries.setdefault(str(category), []).append(value)
        return value

    text = {
        "case": ("family_name", "aanleiding", "regisseur"),
        "persons": ("name", "relation_to_child", "address", "phone", "email"),
        "life_events": ("description", "source", "category", "leefgebied"),
        "help_episodes": ("provider", "reason", "goals", "contact", "result", "leefgebied"),
    }
    etypes = {"case": "case", "persons": "person", "life_events": "life_event",
              "help_episodes": "help_episode"}  # fmt: skip
    i = 0
    for key, names in text.items():
        rows = [doc[key]] if key == "case" else doc[key]
        for row in rows:
            for name in names:
                i += 1
                row[name] = mark(t.category_of(etypes[key], name), i)
    doc["forms"] = []
    doc["items"] = []
    for category, spots in FORM_FIELDS.items():
        for template, section, field in spots:
            i += 1
            doc["forms"].append({
                "template": template, "section": section, "person": None, "version":
                t.get(template).version, "answers": {field: mark(category, i)},
            })  # fmt: skip
    merged: dict[tuple[str, str], dict[str, Any]] = {}
    for form in doc["forms"]:
        k = (form["template"], form["section"])
        if k in merged:
            merged[k]["answers"].update(form["answers"])
        else:
            merged[k] = form
    doc["forms"] = list(merged.values())
    return doc, canaries


def _prefixed(doc: dict[str, Any], prefix: str) -> dict[str, Any]:
    """Entity ids are unique per store: give this example's entities their own."""
    ids = {e["id"] for key in ("persons", "relations", "life_events", "help_episodes",
                               "items") for e in doc[key]}  # fmt: skip

    def fix(value: Any) -> Any:
        if isinstance(value, str) and value in ids:
            return prefix + value
        if isinstance(value, list):
            return [fix(v) for v in value]
        if isinstance(value, dict):
            return {k: fix(v) for k, v in value.items()}
        return value

    return {k: (v if k == "case" else fix(v)) for k, v in doc.items()}


def ledger_line(case_id: str, category: str, state: str, n: int) -> Consent | None:
    if state == "geen":
        return None
    base: dict[str, Any] = {
        "id": f"t-{n}-{category}", "case_id": case_id, "category": category,
        "given_by": [f"w{n}-{g}" for g in GRANTORS], "form": "mondeling",
        "given_on": TODAY.isoformat(), "purpose": "Overleg",
    }  # fmt: skip
    day = dt.timedelta(days=1)
    if state == "ingetrokken":
        base["withdrawn_on"] = TODAY.isoformat()
    elif state == "verlopen":
        base["given_on"], base["valid_until"] = (
            (TODAY - 9 * day).isoformat(),
            (TODAY - day).isoformat(),
        )
    elif state == "toekomst":
        base["given_on"] = (TODAY + day).isoformat()
    elif state == "onvolledig":
        base["purpose"] = ""
    elif state == "verkeerde_persoon":
        base["given_by"] = [f"w{n}-p-oma"]
    elif state.startswith("wettelijk"):
        base.update(basis="wettelijke_verplichting", given_by=[], form=None)
        if state == "wettelijk":
            base.update(
                why_no_consent="Niet bereikbaar",
                consulted="Collega",
                what_shared="Wat nodig is",
                shared_with="Kantoor",
                reasons="Veiligheid",
            )
    return Consent(**base)


@pytest.fixture(scope="module")
def setup(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[ThreadOffice, Store]]:
    base: Path = tmp_path_factory.mktemp("wire")
    office = ThreadOffice(str(base / "kantoor.db"), base / "kantoor")
    store = new_store(base / "profiel")
    try:
        enrolled(store, office)
        yield office, store
    finally:
        store.close()
        office.stop()


CATEGORIES = sorted(FORM_FIELDS.keys() | {"casusgegevens", "identiteit", "contact", "aanleiding",
                                           "relaties", "netwerk", "hulpverlening"})  # fmt: skip
config = st.fixed_dictionaries({c: st.sampled_from(STATES) for c in CATEGORIES})


@settings(max_examples=20, deadline=None, suppress_health_check=list(HealthCheck))
@given(first=config, withdraw=st.sets(st.sampled_from(CATEGORIES)), second=config)
def test_no_value_without_a_basis_on_the_wire(
    setup: tuple[ThreadOffice, Store],
    first: dict[str, str],
    withdraw: set[str],
    second: dict[str, str],
) -> None:
    office, store = setup
    n = next(_counter)
    case_id = take_case_id(store)  # an office-issued id: a new case made after enrolment
    assert case_id is not None
    doc, canaries = canary_document(case_id, n)
    import_case(store, doc)
    with store.write("Toestemming") as tx:
        for category, state in first.items():
            line = ledger_line(case_id, category, state, n)
            if line is not None:
                tx.create(line)
    allowed = {c for c, s in first.items() if s in ACTIVE} - {"intern"}

    def check_wire(before: int, allowed: set[str]) -> None:
        wire = b"".join(body for _, _, body in office.bodies[before:])
        for category, values in canaries.items():
            for value in values:
                if category not in allowed:
                    assert value.encode() not in wire, (category, first, second)

    shown(store, case_id, CATEGORIES)
    before = len(office.bodies)
    assert run_sync(store).ok
    check_wire(before, allowed)
    held = str(office.show(case_id) or "")
    for category in allowed:
        for value in canaries.get(category, []):
            assert value in held, (category, value)

    # then: some withdrawn, some new lines (the first active line per category counts)
    with store.write("Wijzigingen in de toestemming") as tx:
        for category in sorted(withdraw):
            if first.get(category) != "geen":
                tx.set("consent", f"t-{n}-{category}", "withdrawn_on", TODAY.isoformat())
        for category, state in second.items():
            line = ledger_line(case_id, category, state, n)
            if line is not None:
                line.id += "-2"
                tx.create(line)
    still = (allowed - withdraw) | {c for c, s in second.items() if s in ACTIVE} - {"intern"}
    before = len(office.bodies)
    assert run_sync(store).ok
    check_wire(before, still)
    held = str(office.show(case_id) or "")
    for category, values in canaries.items():
        for value in values:
            assert (value in held) == (category in still), (category, value)
    assert Form  # (forms carry the template answers above)
