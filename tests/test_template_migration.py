"""Template versioning: answers stored under an older template version move to the
current one, and not one word a regisseur wrote goes missing.

The templates here are small ones written into a temporary directory (with the shipped
privacy.json) and loaded with ``load_directory``, so the shipped templates can stay at
version 1. First the pure function ``migrate_answers``, then ``migrate_case_answers`` and
``migrate_all_answers`` on a real encrypted store, through its change API and history.
Last, the case JSON round trip through a store for a case that uses every shipped
template.
"""

from __future__ import annotations

import json
import shutil
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from casusregie.domain.caseformat import from_document, to_document
from casusregie.domain.errors import TemplateInvalid
from casusregie.domain.model import (
    Case,
    CaseFile,
    Form,
    HelpEpisode,
    Item,
    LifeEvent,
    Person,
    Relation,
    Role,
)
from casusregie.store.answers import ACTION, migrate_all_answers, migrate_case_answers
from casusregie.store.caseio import export_case, import_case
from casusregie.store.database import Store
from casusregie.store.profile import Profile
from casusregie.templates import (
    Binding,
    Field,
    Migration,
    Section,
    Template,
    TemplateSet,
    load_directory,
    load_templates,
    resource_path,
)
from casusregie.templates.migration import migrate_answers, orphans
from helpers import FAST_KDF, PASSPHRASE, without_exported_at

# -- a small template directory --------------------------------------------------------


def _field(key: str, type_: str = "longtext") -> dict[str, Any]:
    return {
        "key": key,
        "label": key.capitalize(),
        "type": type_,
        "handover": False,
        "privacy": "intern",
    }


#: version 2. From version 1: a rename within a section (algemeen.naam), a move to another
#: section (algemeen.toelichting -> details.verhaal), a removed field (algemeen.oud), a
#: rename in a per-person section and one in a list of items.
PROEF: dict[str, Any] = {
    "id": "proef",
    "version": 2,
    "title": "Proefsjabloon",
    "source": "tests",
    "sections": [
        {
            "key": "algemeen",
            "label": "Algemeen",
            "binding": {"kind": "case"},
            "fields": [_field("naam_nieuw", "text"), _field("blijft")],
        },
        {
            "key": "details",
            "label": "Details",
            "binding": {"kind": "case"},
            "fields": [_field("verhaal"), _field("datum", "date")],
        },
        {
            "key": "per_kind",
            "label": "Per kind",
            "binding": {"kind": "person", "roles": ["kind"]},
            "fields": [_field("wens_nieuw")],
        },
        {
            "key": "rijen",
            "label": "Rijen",
            "binding": {"kind": "list", "entity": "item"},
            "fields": [_field("wat"), _field("wie", "text")],
        },
    ],
    "migrations": [
        {
            "from_version": 1,
            "moves": {
                "algemeen.naam": "algemeen.naam_nieuw",
                "algemeen.toelichting": "details.verhaal",
                "per_kind.wens": "per_kind.wens_nieuw",
                "rijen.omschrijving": "rijen.wat",
            },
            "removed": ["algemeen.oud"],
        },
    ],
}

#: version 3, two steps: 1 -> 2 renamed s.a to s.b (s.b still exists), 2 -> 3 moved s.x to
#: t.x. Answers at version 1 get both steps, at version 2 only the second.
STAPPEN: dict[str, Any] = {
    "id": "stappen",
    "version": 3,
    "title": "Stappen",
    "source": "tests",
    "multiple": True,
    "sections": [
        {
            "key": "s",
            "label": "S",
            "binding": {"kind": "case"},
            "fields": [_field("b"), _field("y")],
        },
        {"key": "t", "label": "T", "binding": {"kind": "case"}, "fields": [_field("x")]},
    ],
    "migrations": [
        {"from_version": 2, "moves": {"s.x": "t.x"}},
        {"from_version": 1, "moves": {"s.a": "s.b"}},
    ],
}

#: version 2 of a template with two lists of items; a field moves from one list to the
#: other list, where a field of the same name exists.
LIJSTEN: dict[str, Any] = {
    "id": "lijsten",
    "version": 2,
    "title": "Lijsten",
    "source": "tests",
    "sections": [
        {
            "key": "a",
            "label": "A",
            "binding": {"kind": "list", "entity": "item"},
            "fields": [_field("y")],
        },
        {
            "key": "b",
            "label": "B",
            "binding": {"kind": "list", "entity": "item"},
            "fields": [_field("y")],
        },
    ],
    "migrations": [{"from_version": 1, "moves": {"a.x": "b.y"}}],
}


def write_templates(directory: Path, *templates: dict[str, Any]) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    shutil.copy(resource_path("templates", "privacy.json"), directory / "privacy.json")
    for tpl in templates:
        (directory / f"{tpl['id']}.json").write_text(
            json.dumps(tpl, ensure_ascii=False, indent=1), encoding="utf-8"
        )
    return directory


@pytest.fixture(scope="module")
def templates(tmp_path_factory: pytest.TempPathFactory) -> TemplateSet:
    directory = write_templates(tmp_path_factory.mktemp("sjablonen"), PROEF, STAPPEN, LIJSTEN)
    loaded = load_directory(directory)
    assert set(loaded.templates) == {"proef", "stappen", "lijsten"}
    return loaded


@pytest.fixture(scope="module")
def proef(templates: TemplateSet) -> Template:
    return templates.get("proef")


def test_the_migrations_are_loaded(proef: Template, templates: TemplateSet):
    assert proef.version == 2
    (m,) = proef.migrations
    assert m.from_version == 1
    assert dict(m.moves)["algemeen.toelichting"] == "details.verhaal"
    assert m.removed == ("algemeen.oud",)
    assert [m.from_version for m in templates.get("stappen").migrations] == [2, 1]


# -- migrate_answers: pure -------------------------------------------------------------


def test_renamed_and_moved_answers_land_in_their_new_place(proef: Template):
    before = {
        "algemeen": {
            "naam": "Familie Jansen",
            "toelichting": "Moeder werkt 's nachts.",
            "blijft": "Dit blijft staan.",
        },
        "rijen": {"omschrijving": "Huiswerkbegeleiding", "wie": "Tante"},
    }
    frozen = json.dumps(before, sort_keys=True)
    result = migrate_answers(proef, 1, before)
    assert result.version == 2
    assert result.sections == {
        "algemeen": {"naam_nieuw": "Familie Jansen", "blijft": "Dit blijft staan."},
        "details": {"verhaal": "Moeder werkt 's nachts."},
        "rijen": {"wat": "Huiswerkbegeleiding", "wie": "Tante"},
    }
    assert json.dumps(before, sort_keys=True) == frozen  # pure: the input is untouched
    for section, answers in result.sections.items():
        assert orphans(proef, section, answers) == {}


def test_a_removed_field_keeps_its_answer_as_an_orphan(proef: Template):
    result = migrate_answers(proef, 1, {"algemeen": {"oud": "Oude notitie", "blijft": "x"}})
    assert result.sections == {"algemeen": {"oud": "Oude notitie", "blijft": "x"}}
    assert orphans(proef, "algemeen", result.sections["algemeen"]) == {"oud": "Oude notitie"}


def test_orphans_of_an_unknown_section_are_all_answers(proef: Template):
    assert orphans(proef, "bestaat_niet", {"a": 1, "b": "twee"}) == {"a": 1, "b": "twee"}
    assert orphans(proef, "algemeen", {}) == {}


def test_an_occupied_target_keeps_both(proef: Template):
    before = {
        "algemeen": {"naam": "Oude naam", "naam_nieuw": "Nieuwe naam"},
        "details": {"verhaal": "Al geschreven."},
    }
    before["algemeen"]["toelichting"] = "Ook geschreven."
    result = migrate_answers(proef, 1, before)
    assert result.sections == before  # nothing could move: both stay where they are
    assert orphans(proef, "algemeen", result.sections["algemeen"]) == {
        "naam": "Oude naam",
        "toelichting": "Ook geschreven.",
    }


@pytest.mark.parametrize("free", ["", None])
def test_an_empty_target_is_free(proef: Template, free: str | None):
    result = migrate_answers(proef, 1, {"algemeen": {"naam": "Jansen", "naam_nieuw": free}})
    assert result.sections == {"algemeen": {"naam_nieuw": "Jansen"}}


def test_an_empty_source_does_not_move(proef: Template):
    result = migrate_answers(proef, 1, {"algemeen": {"toelichting": None}})
    assert result.sections == {"algemeen": {"toelichting": None}}
    assert "details" not in result.sections


def test_an_emptied_section_is_kept_and_no_empty_one_is_made(proef: Template):
    result = migrate_answers(proef, 1, {"algemeen": {"toelichting": "Weg hier"}, "rijen": {}})
    assert result.sections == {
        "algemeen": {},
        "details": {"verhaal": "Weg hier"},
        "rijen": {},
    }


@pytest.mark.parametrize("version", [2, 3])
def test_current_or_newer_answers_are_left_alone(proef: Template, version: int):
    before = {"algemeen": {"naam": "Blijft waar het is"}}
    result = migrate_answers(proef, version, before)
    assert result.version == version
    assert result.sections == before


def test_multi_step_migrations_compose_through_the_loader(templates: TemplateSet):
    stappen = templates.get("stappen")
    from_1 = migrate_answers(stappen, 1, {"s": {"a": "eerst a", "x": "eerst x", "y": "y"}})
    assert from_1.version == 3
    assert from_1.sections == {"s": {"b": "eerst a", "y": "y"}, "t": {"x": "eerst x"}}
    from_2 = migrate_answers(stappen, 2, {"s": {"a": "a blijft", "x": "x gaat"}})
    assert from_2.sections == {"s": {"a": "a blijft"}, "t": {"x": "x gaat"}}


def _chain() -> Template:
    """Version 3, built in code: 1 -> 2 renamed s.a to s.b, 2 -> 3 moved s.b to t.c."""

    def text(key: str) -> Field:
        return Field(key=key, label=key, type="longtext", handover=False, privacy="intern")

    return Template(
        id="keten",
        version=3,
        title="Keten",
        source="tests",
        sections=(
            Section("s", "S", Binding("case"), (text("z"),)),
            Section("t", "T", Binding("case"), (text("c"),)),
        ),
        migrations=(
            Migration(from_version=2, moves=(("s.b", "t.c"),)),
            Migration(from_version=1, moves=(("s.a", "s.b"),)),
        ),
    )


def test_multi_step_migrations_1_2_3_compose():
    keten = _chain()
    from_1 = migrate_answers(keten, 1, {"s": {"a": "Het verhaal", "z": "z"}})
    assert from_1.version == 3
    assert from_1.sections == {"s": {"z": "z"}, "t": {"c": "Het verhaal"}}
    from_2 = migrate_answers(keten, 2, {"s": {"b": "Het verhaal"}})
    assert from_2.sections == {"s": {}, "t": {"c": "Het verhaal"}}
    # a field that was renamed away at version 2 is not moved again from version 2
    assert migrate_answers(keten, 2, {"s": {"a": "los"}}).sections == {"s": {"a": "los"}}


def test_multi_step_with_an_occupied_middle_keeps_both():
    keten = _chain()
    result = migrate_answers(keten, 1, {"s": {"a": "uit a", "b": "uit b"}})
    # b (already there) moves on to t.c; a could not move into b while b was occupied
    assert result.sections == {"s": {"a": "uit a"}, "t": {"c": "uit b"}}


def test_a_template_with_a_rename_chain_loads(tmp_path: Path):
    chain = {
        "id": "keten",
        "version": 3,
        "title": "Keten",
        "source": "tests",
        "sections": [
            {"key": "s", "label": "S", "binding": {"kind": "case"}, "fields": [_field("z")]},
            {"key": "t", "label": "T", "binding": {"kind": "case"}, "fields": [_field("c")]},
        ],
        "migrations": [
            {"from_version": 1, "moves": {"s.a": "s.b"}},
            {"from_version": 2, "moves": {"s.b": "t.c"}},
        ],
    }
    loaded = load_directory(write_templates(tmp_path / "keten", chain)).get("keten")
    assert migrate_answers(loaded, 1, {"s": {"a": "A"}}).sections == {"s": {}, "t": {"c": "A"}}


def test_a_move_to_a_field_that_does_not_exist_is_refused(tmp_path: Path):
    bad = json.loads(json.dumps(PROEF))
    bad["migrations"][0]["moves"]["algemeen.blijft"] = "details.bestaat_niet"
    with pytest.raises(TemplateInvalid, match="doelveld bestaat niet"):
        load_directory(write_templates(tmp_path / "fout", bad))


# -- on a real store -------------------------------------------------------------------

CASE = "casus-migratie"
KIND = "p-kind"
ALGEMEEN = Form.make_id(CASE, "proef", "algemeen")
DETAILS = Form.make_id(CASE, "proef", "details")
PER_KIND = Form.make_id(CASE, "proef", "per_kind", KIND)


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    opened = Profile(tmp_path / "profiel").create(
        PASSPHRASE, author="Test-regisseur", kdf=FAST_KDF, use_keyring=False
    )
    try:
        yield opened
    finally:
        opened.close()


def form(
    case_id: str,
    template: str,
    section: str,
    answers: dict[str, Any],
    *,
    version: int = 1,
    person: str | None = None,
    instance: str | None = None,
) -> Form:
    return Form(
        id=Form.make_id(case_id, template, section, person, instance),
        case_id=case_id,
        template=template,
        section=section,
        person=person,
        instance=instance,
        version=version,
        answers=answers,
    )


def item(
    case_id: str, iid: str, template: str, section: str, answers: dict[str, Any], version: int = 1
) -> Item:
    return Item(
        id=iid,
        case_id=case_id,
        template=template,
        section=section,
        version=version,
        answers=answers,
    )


def store_case(store: Store, case_id: str, *entities: Any) -> None:
    with store.write("Casus aangemaakt") as tx:
        tx.create(Case(id=case_id, case_id=case_id, family_name=f"Familie {case_id}"))
        for entity in entities:
            tx.create(entity)


def old_case(store: Store, case_id: str = CASE) -> None:
    """A case written when 'proef' was at version 1, plus answers that must stay as they are."""
    store_case(
        store,
        case_id,
        Person(
            id=f"{KIND}-{case_id}" if case_id != CASE else KIND,
            case_id=case_id,
            name="Lotte",
            role=Role.KIND.value,
        ),
        form(
            case_id,
            "proef",
            "algemeen",
            {
                "naam": "Familie Jansen-Özdemir",
                "toelichting": "Moeder werkt 's nachts; oma past op.",
                "oud": "Notitie uit het oude sjabloon",
                "blijft": "Dit blijft staan.",
            },
        ),
        form(
            case_id,
            "proef",
            "per_kind",
            {"wens": "Vaker naar opa 🙂"},
            person=f"{KIND}-{case_id}" if case_id != CASE else KIND,
        ),
        item(
            case_id,
            f"rij-1-{case_id}",
            "proef",
            "rijen",
            {"omschrijving": "Huiswerkbegeleiding", "wie": "Tante Kim"},
        ),
        item(
            case_id,
            f"rij-2-{case_id}",
            "proef",
            "rijen",
            {"omschrijving": "Oud", "wat": "Nieuw", "wie": "Buurvrouw"},
        ),
        # stappen at version 2, for one occasion
        form(case_id, "stappen", "s", {"x": "Naar t", "b": "b"}, version=2, instance="o-1"),
        # current version, and a template this app does not know: both left alone
        form(case_id, "lijsten", "a", {"y": "al actueel"}, version=2),
        form(case_id, "verdwenen", "sectie", {"iets": "onbekend sjabloon"}),
    )


def strings(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return [s for v in value for s in strings(v)]
    if isinstance(value, dict):
        return [s for v in value.values() for s in strings(v)]
    return []


def written(store: Store, case_id: str) -> Counter[str]:
    """Every string a regisseur wrote in the answers of a case, as a multiset."""
    cf = store.load_case(case_id)
    return Counter(s for entry in [*cf.forms, *cf.items] for s in strings(entry.answers))


def last_seq(store: Store) -> int:
    changes = store.changes_since(0, limit=1_000_000)
    return changes[-1].seq if changes else 0


def test_migrate_case_answers_moves_answers_and_bumps_versions(
    store: Store, templates: TemplateSet
):
    old_case(store)
    before = written(store, CASE)
    seq = last_seq(store)

    # algemeen + the new details form, per_kind, two rows, stappen s + the new t form
    assert migrate_case_answers(store, CASE, templates) == 7

    cf = store.load_case(CASE)
    forms = {f.id: f for f in cf.forms}
    assert forms[ALGEMEEN].answers == {
        "naam_nieuw": "Familie Jansen-Özdemir",
        "oud": "Notitie uit het oude sjabloon",
        "blijft": "Dit blijft staan.",
    }
    assert forms[ALGEMEEN].version == 2
    assert orphans(templates.get("proef"), "algemeen", forms[ALGEMEEN].answers) == {
        "oud": "Notitie uit het oude sjabloon"
    }
    assert forms[DETAILS].answers == {"verhaal": "Moeder werkt 's nachts; oma past op."}
    assert (forms[DETAILS].version, forms[DETAILS].person, forms[DETAILS].instance) == (
        2,
        None,
        None,
    )
    assert forms[PER_KIND].answers == {"wens_nieuw": "Vaker naar opa 🙂"}
    assert (forms[PER_KIND].version, forms[PER_KIND].person) == (2, KIND)
    rows = {i.id: i for i in cf.items}
    assert rows["rij-1-" + CASE].answers == {"wat": "Huiswerkbegeleiding", "wie": "Tante Kim"}
    assert rows["rij-2-" + CASE].answers == {
        "omschrijving": "Oud",
        "wat": "Nieuw",
        "wie": "Buurvrouw",
    }
    assert {i.version for i in cf.items} == {2}
    s_form = forms[Form.make_id(CASE, "stappen", "s", instance="o-1")]
    t_form = forms[Form.make_id(CASE, "stappen", "t", instance="o-1")]
    assert (s_form.answers, s_form.version) == ({"b": "b"}, 3)
    assert (t_form.answers, t_form.version, t_form.instance) == ({"x": "Naar t"}, 3, "o-1")
    # left alone
    assert forms[Form.make_id(CASE, "lijsten", "a")].answers == {"y": "al actueel"}
    untouched = forms[Form.make_id(CASE, "verdwenen", "sectie")]
    assert (untouched.version, untouched.answers) == (1, {"iets": "onbekend sjabloon"})

    # nothing a regisseur wrote is missing, nothing is doubled
    assert written(store, CASE) == before

    # all of it one transaction, named, with the old place emptied and the new one filled
    changes = store.changes_since(seq, limit=1_000_000)
    assert len({c.txn_id for c in changes}) == 1
    assert store.action_of(changes[0].txn_id) == ACTION
    touched = {c.entity_id for c in changes}
    assert Form.make_id(CASE, "lijsten", "a") not in touched
    assert Form.make_id(CASE, "verdwenen", "sectie") not in touched


def test_history_shows_the_move(store: Store, templates: TemplateSet):
    old_case(store)
    migrate_case_answers(store, CASE, templates)

    (*_, emptied) = store.history("form", ALGEMEEN, "answer.naam")
    assert (emptied.old, emptied.new) == ("Familie Jansen-Özdemir", None)
    (*_, filled) = store.history("form", ALGEMEEN, "answer.naam_nieuw")
    assert (filled.old, filled.new) == (None, "Familie Jansen-Özdemir")
    assert emptied.txn_id == filled.txn_id
    (*_, bumped) = store.history("form", ALGEMEEN, "version")
    assert (bumped.old, bumped.new) == (1, 2)

    moved_away = store.history("form", ALGEMEEN, "answer.toelichting")[-1]
    assert moved_away.new is None
    created = {c.field: c.new for c in store.history("form", DETAILS)}
    assert created["_exists"] is True
    assert created["answer.verhaal"] == "Moeder werkt 's nachts; oma past op."
    assert created["version"] == 2

    # the removed field was not touched: its only change is the original write
    assert [c.new for c in store.history("form", ALGEMEEN, "answer.oud")] == [
        "Notitie uit het oude sjabloon"
    ]
    row = store.history("item", "rij-1-" + CASE, "answer.omschrijving")
    assert [(c.old, c.new) for c in row] == [
        (None, "Huiswerkbegeleiding"),
        ("Huiswerkbegeleiding", None),
    ]


def test_running_it_again_does_nothing(store: Store, templates: TemplateSet):
    old_case(store)
    assert migrate_case_answers(store, CASE, templates) > 0
    seq = last_seq(store)
    snapshot = store.load_case(CASE)
    assert migrate_case_answers(store, CASE, templates) == 0
    assert last_seq(store) == seq
    assert store.changes_since(seq) == []
    assert store.load_case(CASE) == snapshot


def test_a_case_without_stale_answers_writes_nothing(store: Store, templates: TemplateSet):
    store_case(
        store,
        "casus-actueel",
        form("casus-actueel", "proef", "algemeen", {"naam_nieuw": "x"}, version=2),
    )
    seq = last_seq(store)
    assert migrate_case_answers(store, "casus-actueel", templates) == 0
    assert last_seq(store) == seq


def test_migrate_all_answers_finds_stale_cases(store: Store, templates: TemplateSet):
    old_case(store, "casus-a")
    old_case(store, "casus-b")
    store_case(
        store,
        "casus-actueel",
        form("casus-actueel", "proef", "algemeen", {"naam_nieuw": "x"}, version=2),
    )
    versions = store.answer_versions()
    assert ("casus-a", "proef", 1) in versions
    assert ("casus-b", "stappen", 2) in versions
    assert ("casus-actueel", "proef", 2) in versions
    assert not any(case == "casus-actueel" and v < 2 for case, _, v in versions)
    before = {c: written(store, c) for c in ("casus-a", "casus-b", "casus-actueel")}
    seq = last_seq(store)

    assert migrate_all_answers(store, templates) == 14

    touched_cases = {c.case_id for c in store.changes_since(seq, limit=1_000_000)}
    assert touched_cases == {"casus-a", "casus-b"}
    stale = {
        (case, tpl, v)
        for case, tpl, v in store.answer_versions()
        if tpl in templates.templates and v < templates.get(tpl).version
    }
    assert stale == set()
    assert ("casus-a", "verdwenen", 1) in store.answer_versions()  # unknown: left alone
    assert {c: written(store, c) for c in before} == before
    assert migrate_all_answers(store, templates) == 0


def test_a_target_filled_at_the_current_version_keeps_both(store: Store, templates: TemplateSet):
    store_case(
        store,
        CASE,
        form(CASE, "proef", "algemeen", {"toelichting": "Oud verhaal", "blijft": "b"}),
        form(CASE, "proef", "details", {"verhaal": "Nieuw verhaal"}, version=2),
    )
    before = written(store, CASE)
    migrate_case_answers(store, CASE, templates)
    assert written(store, CASE) == before


def test_a_target_filled_at_the_current_version_without_conflict(
    store: Store, templates: TemplateSet
):
    store_case(
        store,
        CASE,
        form(CASE, "proef", "algemeen", {"toelichting": "Oud verhaal"}),
        form(CASE, "proef", "details", {"datum": "2025-01-01"}, version=2),
    )
    before = written(store, CASE)
    assert migrate_case_answers(store, CASE, templates) == 2
    forms = {f.id: f for f in store.load_case(CASE).forms}
    assert forms[DETAILS].answers == {"datum": "2025-01-01", "verhaal": "Oud verhaal"}
    assert forms[ALGEMEEN].answers == {}
    assert written(store, CASE) == before


def test_an_item_moved_to_another_list_changes_section(store: Store, templates: TemplateSet):
    store_case(store, CASE, item(CASE, "rij", "lijsten", "a", {"x": "Naar lijst b"}))
    assert migrate_case_answers(store, CASE, templates) == 1
    (row,) = store.load_case(CASE).items
    assert (row.section, row.answers, row.version) == ("b", {"y": "Naar lijst b"}, 2)


def test_an_item_split_across_lists_loses_nothing(store: Store, templates: TemplateSet):
    store_case(
        store,
        CASE,
        item(CASE, "rij", "lijsten", "a", {"x": "Wat naar b.y moet", "y": "Wat in a.y stond"}),
    )
    before = written(store, CASE)
    migrate_case_answers(store, CASE, templates)
    assert written(store, CASE) == before


# -- the case JSON round trip, with every shipped template ---------------------------

SHIPPED = load_templates()
ROLE_PERSONS = {role: f"p-{role}" for role in Role.values()}


def answer_for(f: Field, n: int) -> Any:
    """A valid answer for one field of a shipped template."""
    return {
        "text": f"Tekst {n} – ‘{f.key}’",
        "longtext": f"Regel 1 van {f.key}\nRegel 2: ëïö 🙂 ({n})",
        "date": "2025-06-01",
        "partial_date": "2024-03",
        "choice": f.choices[0][0] if f.choices else "",
        "multichoice": [v for v, _ in f.choices[:2]],
        "bool": n % 2 == 0,
        "person": ROLE_PERSONS["kind"],
        "persons": [ROLE_PERSONS["moeder"], ROLE_PERSONS["kind"]],
        "number": n,
        "scale": 1 + n % 10,
    }[f.type]


def every_template_case(case_id: str) -> CaseFile:
    cf = CaseFile(
        case=Case(
            id=case_id,
            case_id=case_id,
            family_name="Familie Rondreis",
            aanleiding="Melding school",
            phase="lokaal_team_gi",
            gi_product="2b",
            regisseur="R. Regisseur",
            opened_on="2025-01",
        )
    )
    for role, pid in ROLE_PERSONS.items():
        cf.persons.append(
            Person(
                id=pid,
                case_id=case_id,
                name=f"{role.capitalize()} Rondreis",
                role=role,
                birth_date="2013-05-06" if role == "kind" else "1985",
            )
        )
    cf.relations.append(
        Relation(
            id="r-1",
            case_id=case_id,
            kind="ouder_kind",
            type="biologisch",
            person_a=ROLE_PERSONS["moeder"],
            person_b=ROLE_PERSONS["kind"],
        )
    )
    cf.life_events.append(
        LifeEvent(
            id="e-1",
            case_id=case_id,
            date="2016-05",
            description="Verhuizing",
            persons=[ROLE_PERSONS["moeder"]],
            source="moeder",
        )
    )
    cf.help_episodes.append(
        HelpEpisode(
            id="h-1", case_id=case_id, provider="GGZ", status="afgesloten", result="Afgerond"
        )
    )
    n = 0
    for tpl in SHIPPED.ordered():
        instance = "gelegenheid-1" if tpl.multiple else None
        for sec in tpl.sections:
            answers = {}
            for f in sec.fields:
                if f.attr is None:
                    n += 1
                    answers[f.key] = answer_for(f, n)
            if sec.binding.kind == "list":
                if sec.binding.entity == "item":
                    cf.items.append(
                        Item(
                            id=f"i-{tpl.id}-{sec.key}",
                            case_id=case_id,
                            template=tpl.id,
                            section=sec.key,
                            instance=instance,
                            position=n,
                            version=tpl.version,
                            answers=answers,
                        )
                    )
                continue
            person = ROLE_PERSONS[sec.binding.roles[0]] if sec.binding.kind == "person" else None
            if answers:
                cf.forms.append(
                    Form(
                        id=Form.make_id(case_id, tpl.id, sec.key, person, instance),
                        case_id=case_id,
                        template=tpl.id,
                        section=sec.key,
                        person=person,
                        instance=instance,
                        version=tpl.version,
                        answers=answers,
                    )
                )
    return cf


def test_the_generated_case_uses_every_shipped_template():
    cf = every_template_case("rondreis")
    used = {(e.template, e.section) for e in [*cf.forms, *cf.items]}
    expected = {
        (tpl.id, sec.key)
        for tpl in SHIPPED.ordered()
        for sec in tpl.sections
        if (sec.binding.kind != "list" or sec.binding.entity == "item")
        and any(f.attr is None for f in sec.fields)
    }
    assert used == expected
    assert {t for t, _ in used} == set(SHIPPED.templates)
    answered = sum(len(e.answers) for e in [*cf.forms, *cf.items])
    free = sum(
        1
        for tpl in SHIPPED.ordered()
        for sec, f in tpl.fields()
        if f.attr is None and (sec.binding.kind != "list" or sec.binding.entity == "item")
    )
    assert answered == free
    assert cf.problems() == []


def test_case_json_round_trip_with_every_shipped_template(store: Store):
    cf = every_template_case("rondreis")
    doc = to_document(cf)
    assert from_document(doc) == cf
    import_case(store, doc)
    out = export_case(store, "rondreis")
    assert without_exported_at(out) == doc
    assert from_document(out) == cf
    assert store.load_case("rondreis") == cf
    # the import ran the template migration: nothing was stale, so nothing moved
    assert migrate_case_answers(store, "rondreis") == 0
