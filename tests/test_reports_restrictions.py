"""'Niet delen met ...': the restriction entity and the redaction of a person's copy.

Proves: restrictions go through the case JSON format and the store's change API like any
entity; old files without them stay valid; ``redact`` removes what is marked for that
person (and, for the family's copy, for anyone), also where the value was typed again
in other text; hypothesis: a marked value never survives in the copy, wherever it is
written and however its spaces and dashes vary.
"""

from __future__ import annotations

import json
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as hs

from casusregie.domain.caseformat import from_document, to_document
from casusregie.domain.model import CaseFile, Restriction
from casusregie.domain.restrictions import hidden_values, redact
from casusregie.store.caseio import import_case, validate_document
from casusregie.store.database import Store
from casusregie.templates import load_templates
from report_helpers import (
    CHILD,
    FATHER,
    MOTHER,
    NEW_ADDRESS,
    NEW_PHONE,
    SHELTER,
    fled_case,
    squeeze,
)


def all_text(cf: CaseFile) -> str:
    return json.dumps(to_document(cf), ensure_ascii=False)


def test_round_trip_through_the_case_format() -> None:
    cf = fled_case()
    doc = to_document(cf)
    assert [r["id"] for r in doc["restrictions"]] == ["rs-1", "rs-2", "rs-3"]
    assert validate_document(json.loads(json.dumps(doc))) == cf
    assert from_document(doc) == cf


def test_files_without_restrictions_are_unchanged_and_valid() -> None:
    doc = to_document(fled_case(restricted=False))
    assert "restrictions" not in doc
    validate_document(doc)


def test_restrictions_go_through_the_change_api(store: Store) -> None:
    cf = import_case(store, to_document(fled_case()))
    loaded = store.load_case(cf.case.id)
    assert loaded.restrictions == cf.restrictions
    history = store.history("restriction", "rs-1", "hidden_from")
    assert history and history[-1].new == [FATHER]
    with store.write("Niet meer geheim") as tx:
        tx.delete("restriction", "rs-1")
    assert [r.id for r in store.load_case(cf.case.id).restrictions] == ["rs-2", "rs-3"]


def test_privacy_category_is_intern() -> None:
    templates = load_templates()
    for attr in Restriction.attributes():
        assert templates.category_of("restriction", attr) == "intern"


def test_problems_name_the_field_never_the_value() -> None:
    bad = Restriction("x", "c", target_type="planeet", target_id="", hidden_from=[])
    problems = bad.problems()
    assert len(problems) == 3
    assert all(p.startswith("restriction.") for p in problems)


def test_the_copy_for_the_person_she_fled() -> None:
    cf = fled_case()
    copy = redact(cf, FATHER)
    text = squeeze(all_text(copy))
    assert squeeze(NEW_ADDRESS) not in text
    assert squeeze(NEW_PHONE) not in text
    assert squeeze(SHELTER) not in text
    assert "mag niet weten" not in all_text(copy)  # the reasons never travel
    assert copy.restrictions == []
    mother = copy.person(MOTHER)
    assert mother is not None and mother.address == "" and mother.phone == ""
    assert mother.name == "Anaïs Çelik"  # only what is marked goes
    plan = next(f for f in copy.forms if f.section == "overschrijding")
    # the sentence with her address goes whole; the rest reads as if it never was there
    assert plan.answers["plan"] == "Anaïs belt 112. Ilse belt Veilig Thuis dezelfde dag."
    assert cf.person(MOTHER).address == NEW_ADDRESS  # type: ignore[union-attr]  # unchanged


def test_her_own_copy_and_the_childs_show_everything() -> None:
    cf = fled_case()
    for person in (MOTHER, CHILD):
        text = squeeze(all_text(redact(cf, person)))
        assert squeeze(NEW_ADDRESS) in text
        assert squeeze(SHELTER) in text


def test_the_family_copy_leaves_out_what_is_hidden_from_anyone() -> None:
    text = squeeze(all_text(redact(fled_case(), None)))
    assert squeeze(NEW_ADDRESS) not in text
    assert squeeze(NEW_PHONE) not in text


def test_a_hidden_person_takes_their_forms_relations_and_references() -> None:
    cf = fled_case(restricted=False)
    cf.restrictions.append(
        Restriction("rs-p", cf.case.id, target_type="person", target_id=MOTHER,
                    hidden_from=[FATHER])
    )  # fmt: skip
    copy = redact(cf, FATHER)
    assert copy.person(MOTHER) is None
    assert all(MOTHER not in (r.person_a, r.person_b) for r in copy.relations)
    assert "Anaïs Çelik" not in all_text(copy)
    assert not copy.problems()


def test_codes_and_dates_are_not_searched_for() -> None:
    cf = fled_case(restricted=False)
    item = next(i for i in cf.items if i.id == "vp-afspraken-1")
    cf.restrictions.append(
        Restriction("rs-i", cf.case.id, target_type="item", target_id=item.id,
                    hidden_from=[FATHER])
    )  # fmt: skip
    values = hidden_values(cf, FATHER)
    assert "lopend" not in values and "2025-09-01" not in values
    other = next(i for i in redact(cf, FATHER).items if i.id == "vp-afspraken-2")
    assert other.answers["status"] == "lopend"
    assert other.answers["deadline"] == "2025-09-01"


_TEXT_FIELDS = [
    ("form", "veiligheidsplan/aanleiding", "situatie"),
    ("form", "veiligheidsplan/zorgen_krachten", "zorgen"),
    ("form", "veiligheidsplan/netwerk", "krachten_netwerk"),
    ("item", "vp-afspraken-1", "what"),
    ("item", "vp-bellen-1", "wanneer_bellen"),
]


def _spaced(value: str, seps: list[str]) -> str:
    """The same value typed differently: other separators, other case."""
    out = []
    for i, part in enumerate(value.replace(",", " ").split()):
        out.append(part.upper() if i % 2 else part)
    sep = seps[0] if seps else " "
    return sep.join(out)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    street=hs.text(alphabet=hs.sampled_from("abcdeéëïoöuçşğ"), min_size=4, max_size=12),
    number=hs.integers(min_value=1, max_value=999),
    where=hs.sampled_from(_TEXT_FIELDS),
    prefix=hs.text(max_size=30),
    seps=hs.lists(hs.sampled_from([" ", ", ", " - ", "  "]), max_size=1),
)
def test_a_marked_address_never_survives_anywhere(
    street: str, number: int, where: tuple[str, str, str], prefix: str, seps: list[str]
) -> None:
    cf = fled_case()
    address = f"{street.capitalize()}straat {number}, Zoetermeer"
    mother = cf.person(MOTHER)
    assert mother is not None
    mother.address = address
    kind, ident, key = where
    entity: Any
    if kind == "form":
        entity = next(f for f in cf.forms if f.id == f"{cf.case.id}/{ident}")
    else:
        entity = next(i for i in cf.items if i.id == ident)
    entity.answers[key] = f"{prefix} {_spaced(address, seps)} en verder."
    copy = redact(cf, FATHER)
    assert squeeze(address) not in squeeze(all_text(copy))
