"""The tijdlijn template (seed 003) and how the template loader refuses broken files.

The first part checks that the shipped template ``tijdlijn`` carries every heading and
question of the seed's invulformat (listed in ``data/seed003_tijdlijn_headings.txt``) and
that its choices and privacy categories agree with the domain. The second part feeds the
loader broken copies and checks that each is refused with a message that names the file
and the place. The last part checks the shipped demo case against the template.
"""

from __future__ import annotations

import copy
import json
import shutil
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from casusregie.domain.caseformat import from_document, to_document
from casusregie.domain.entities import ENTITY_TYPES
from casusregie.domain.errors import TemplateInvalid
from casusregie.domain.model import AimedAt, Certainty, HelpStatus, Role
from casusregie.store.caseio import export_case, import_case, validate_document
from casusregie.store.keyfile import KdfParams
from casusregie.store.profile import Profile
from casusregie.templates import Template, load_directory, load_templates, resource_path

DATA = Path(__file__).parent / "data"


# --- the shipped template --------------------------------------------------------------


def _norm(text: str) -> str:
    """Lower case, one space between words, curly quotes and hint arrows flattened."""
    text = text.replace("’", "'").replace("‘", "'").replace("›", " ")
    return " ".join(text.split()).casefold()


def _norm_heading(text: str) -> str:
    return _norm(text).rstrip(":?").strip()


def _headings() -> list[str]:
    lines = (DATA / "seed003_tijdlijn_headings.txt").read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.startswith("#")]


@pytest.fixture(scope="module")
def tijdlijn() -> Template:
    return load_templates().get("tijdlijn")


def _texts(tpl: Template) -> list[str]:
    out: list[str] = []
    for section in tpl.sections:
        out += [section.label, section.prompt]
        for f in section.fields:
            out += [f.label, f.prompt]
    return [_norm(t) for t in out if t]


def test_heading_list_is_not_empty() -> None:
    assert len(_headings()) > 50


@pytest.mark.parametrize("heading", _headings(), ids=lambda h: h[:50])
def test_seed_heading_is_in_template(tijdlijn: Template, heading: str) -> None:
    wanted = _norm_heading(heading)
    assert any(wanted in text for text in _texts(tijdlijn)), heading


def test_template_header(tijdlijn: Template) -> None:
    assert (tijdlijn.id, tijdlijn.version, tijdlijn.order) == ("tijdlijn", 1, 10)
    assert tijdlijn.title == "Tijdlijn, voorgeschiedenis en situatie gezin"
    for word in (
        "trechter",
        "genogram",
        "sociogram",
        "achterliggende",
        "zorgmelding",
        "schrijf altijd beide op",
    ):
        assert word in _norm(tijdlijn.intro), word


def test_sections_and_bindings(tijdlijn: Template) -> None:
    got = {
        s.key: (s.binding.kind, s.binding.roles, s.binding.entity, dict(s.binding.where))
        for s in tijdlijn.sections
    }
    assert got == {
        "gezin": ("case", (), None, {}),
        "aanleiding": ("case", (), None, {}),
        "moeder": ("person", ("moeder",), None, {}),
        "vader": ("person", ("vader",), None, {}),
        "partner": ("person", ("partner",), None, {}),
        "kind": ("person", ("kind",), None, {}),
        "netwerk_familie": ("list", (), "person", {"role": ("familie", "grootouder")}),
        "netwerk_overig": ("list", (), "person", {"role": "netwerk"}),
        "tijdlijn": ("list", (), "life_event", {}),
        "lopende_hulpverlening": ("list", (), "help_episode", {"status": "lopend"}),
        "eerdere_hulpverlening": ("list", (), "help_episode", {"status": "afgesloten"}),
        "overdracht": ("case", (), None, {}),
    }


def test_person_sections_show_name_and_birth_date(tijdlijn: Template) -> None:
    for key in ("moeder", "vader", "partner", "kind"):
        section = tijdlijn.section(key)
        assert section is not None
        attrs = [f.attr for f in section.fields]
        assert attrs[:2] == ["name", "birth_date"], key
        assert all(f.type == "longtext" for f in section.fields if f.attr is None), key


def test_list_sections_cover_the_seed_columns(tijdlijn: Template) -> None:
    def attrs(key: str) -> set[str | None]:
        section = tijdlijn.section(key)
        assert section is not None
        return {f.attr for f in section.fields}

    assert attrs("tijdlijn") >= {
        "date",
        "end_date",
        "description",
        "persons",
        "certainty",
        "source",
        "leefgebied",
    }
    assert attrs("lopende_hulpverlening") >= {
        "provider",
        "start",
        "reason",
        "aimed_at",
        "goals",
        "contact",
        "leefgebied",
    }
    assert attrs("eerdere_hulpverlening") >= {
        "start",
        "end",
        "provider",
        "result",
        "reason",
        "leefgebied",
    }
    for key in ("netwerk_familie", "netwerk_overig"):
        assert attrs(key) >= {"name", "relation_to_child", "address", "phone", "email"}


def test_choices_match_the_domain(tijdlijn: Template) -> None:
    exact = {"aimed_at": AimedAt, "certainty": Certainty, "status": HelpStatus}
    for section, f in tijdlijn.fields():
        if f.attr is None or not f.choices:
            continue
        entity = (
            section.binding.entity or {"person": "person", "case": "case"}[section.binding.kind]
        )
        domain = ENTITY_TYPES[entity].CHOICES.get(f.attr)
        if domain is None:  # a free attribute (leefgebied): the template owns the list
            continue
        labels = {m.value: m.label for m in domain}
        for value, label in f.choices:
            assert labels.get(value) == label, f"{section.key}.{f.key}: {value}"
        if f.attr in exact:
            assert {v for v, _ in f.choices} == set(exact[f.attr].values())


def test_where_filters_use_domain_values(tijdlijn: Template) -> None:
    for section in tijdlijn.sections:
        cls = ENTITY_TYPES.get(section.binding.entity or "")
        for name, wanted in section.binding.where:
            assert cls is not None
            values = wanted if isinstance(wanted, tuple) else (wanted,)
            assert set(values) <= set(cls.CHOICES[name].values()), section.key


def test_attr_fields_have_the_catalog_privacy_category(tijdlijn: Template) -> None:
    """A field that shows an entity attribute must not claim another category than sync uses."""
    catalog = load_templates().privacy
    for section, f in tijdlijn.fields():
        if f.attr is None:
            continue
        entity = section.binding.entity or section.binding.kind
        assert f.privacy == catalog.entities[entity][f.attr], f"{section.key}.{f.key}"


def test_sensitive_questions_have_their_own_category(tijdlijn: Template) -> None:
    def privacy(section: str, key: str) -> str:
        sec = tijdlijn.section(section)
        fld = sec.field(key) if sec else None
        assert fld is not None, f"{section}.{key}"
        return fld.privacy

    for who in ("moeder", "vader", "partner", "kind"):
        assert privacy(who, "gezondheid") == "gezondheid"
    for who in ("moeder", "vader", "partner"):
        assert privacy(who, "financien") == "financien"
        assert privacy(who, "huisvesting") == "financien"
    assert privacy("aanleiding", "politie_justitie") == "justitie"
    assert privacy("netwerk_overig", "telefoon") == "contact"


def test_handover_set(tijdlijn: Template) -> None:
    def handover(section: str) -> set[str]:
        sec = tijdlijn.section(section)
        assert sec is not None
        return {f.key for f in sec.fields if f.handover}

    assert {
        "eerste_aanleiding",
        "laatste_aanleiding",
        "ergste_incident",
        "hulpvraag_gezin",
        "zorgmelding",
    } <= handover("aanleiding")
    assert {"datum", "beschrijving", "zekerheid", "bron"} <= handover("tijdlijn")
    assert {"instantie", "resultaat"} <= handover("eerdere_hulpverlening")
    assert {"zorgaanbod", "doelen", "contactpersoon"} <= handover("lopende_hulpverlening")
    for who in ("moeder", "vader", "partner", "kind"):
        assert handover(who) == {"naam", "geboortedatum"}, who


# --- the loader refuses broken templates ------------------------------------------------


def _minimal() -> dict[str, Any]:
    return {
        "id": "kapot",
        "version": 1,
        "title": "Kapot",
        "source": "test",
        "sections": [
            {
                "key": "aanleiding",
                "label": "Aanleiding",
                "binding": {"kind": "case"},
                "fields": [
                    {
                        "key": "kort",
                        "label": "Kort",
                        "type": "longtext",
                        "attr": "aanleiding",
                        "handover": True,
                        "privacy": "aanleiding",
                    },
                    {
                        "key": "eerste",
                        "label": "Eerste aanleiding",
                        "type": "longtext",
                        "handover": True,
                        "privacy": "aanleiding",
                    },
                ],
            },
            {
                "key": "netwerk",
                "label": "Netwerk",
                "binding": {"kind": "list", "entity": "person", "where": {"role": "netwerk"}},
                "fields": [
                    {
                        "key": "naam",
                        "label": "Naam",
                        "type": "text",
                        "attr": "name",
                        "handover": True,
                        "privacy": "identiteit",
                    },
                ],
            },
        ],
    }


@pytest.fixture
def template_dir(tmp_path: Path) -> Path:
    shutil.copy(resource_path("templates", "privacy.json"), tmp_path / "privacy.json")
    return tmp_path


def _write(directory: Path, data: dict[str, Any], name: str = "kapot.json") -> None:
    (directory / name).write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")


def _refused(directory: Path) -> str:
    with pytest.raises(TemplateInvalid) as info:
        load_directory(directory)
    message = str(info.value)
    assert "kapot.json" in message
    return message


def test_minimal_template_loads(template_dir: Path) -> None:
    _write(template_dir, _minimal())
    assert load_directory(template_dir).get("kapot").section("netwerk") is not None


def test_shipped_tijdlijn_loads_from_a_copy(template_dir: Path) -> None:
    shutil.copy(resource_path("templates", "tijdlijn.json"), template_dir / "tijdlijn.json")
    assert load_directory(template_dir).get("tijdlijn") == load_templates().get("tijdlijn")


def test_invalid_json(template_dir: Path) -> None:
    (template_dir / "kapot.json").write_text(
        '{"id": "kapot",\n "version": 1,,\n}', encoding="utf-8"
    )
    message = _refused(template_dir)
    assert "JSON" in message
    assert "regel 2" in message


def test_not_utf8(template_dir: Path) -> None:
    (template_dir / "kapot.json").write_bytes(json.dumps(_minimal()).encode("utf-16"))
    _refused(template_dir)


def _unknown_privacy(d: dict[str, Any]) -> None:
    d["sections"][0]["fields"][1]["privacy"] = "geheim"


def _wrong_case_attr(d: dict[str, Any]) -> None:
    d["sections"][0]["fields"][1]["attr"] = "achternaam"


def _wrong_list_attr(d: dict[str, Any]) -> None:
    d["sections"][1]["fields"][0]["attr"] = "naam"


def _list_field_without_attr(d: dict[str, Any]) -> None:
    del d["sections"][1]["fields"][0]["attr"]


def _duplicate_field(d: dict[str, Any]) -> None:
    d["sections"][0]["fields"][1]["key"] = "kort"


def _reserved_key(d: dict[str, Any]) -> None:
    d["sections"][0]["fields"][1]["key"] = "version"


def _choice_without_choices(d: dict[str, Any]) -> None:
    d["sections"][0]["fields"][1]["type"] = "choice"


def _unknown_where(d: dict[str, Any]) -> None:
    d["sections"][1]["binding"]["where"] = {"rol": "netwerk"}


@pytest.mark.parametrize(
    ("breakage", "where"),
    [
        (_unknown_privacy, "aanleiding.eerste"),
        (_wrong_case_attr, "aanleiding.eerste"),
        (_wrong_list_attr, "netwerk.naam"),
        (_list_field_without_attr, "netwerk.naam"),
        (_duplicate_field, "aanleiding.kort"),
        (_reserved_key, "aanleiding.version"),
        (_choice_without_choices, "aanleiding.eerste"),
        (_unknown_where, "netwerk.where"),
    ],
    ids=lambda v: v.__name__.strip("_") if callable(v) else v,
)
def test_broken_template_names_file_and_field(
    template_dir: Path, breakage: Any, where: str
) -> None:
    data = _minimal()
    breakage(data)
    _write(template_dir, data)
    assert f"'{where}'" in _refused(template_dir)


def test_duplicate_section(template_dir: Path) -> None:
    data = _minimal()
    data["sections"].append(copy.deepcopy(data["sections"][0]))
    _write(template_dir, data)
    assert "'aanleiding'" in _refused(template_dir)


def test_unknown_role(template_dir: Path) -> None:
    data = _minimal()
    data["sections"].append(
        {
            "key": "oom",
            "label": "Oom",
            "binding": {"kind": "person", "roles": ["oom"]},
            "fields": [copy.deepcopy(data["sections"][0]["fields"][1])],
        }
    )
    _write(template_dir, data)
    assert "'oom'" in _refused(template_dir)


def test_id_must_match_file_name(template_dir: Path) -> None:
    data = _minimal()
    data["id"] = "anders"
    _write(template_dir, data)
    assert "'id'" in _refused(template_dir)


def test_missing_required_property_names_section_and_field(template_dir: Path) -> None:
    data = _minimal()
    del data["sections"][0]["fields"][1]["privacy"]
    _write(template_dir, data)
    message = _refused(template_dir)
    assert "aanleiding" in message
    assert "eerste" in message


def test_missing_required_property_gives_section_field_path(template_dir: Path) -> None:
    data = _minimal()
    del data["sections"][0]["fields"][1]["privacy"]
    _write(template_dir, data)
    assert "'aanleiding.eerste'" in _refused(template_dir)


def test_missing_required_top_level_property(template_dir: Path) -> None:
    data = _minimal()
    del data["title"]
    _write(template_dir, data)
    assert "(hoofdniveau)" in _refused(template_dir)


def test_one_broken_file_stops_the_whole_set(template_dir: Path) -> None:
    shutil.copy(resource_path("templates", "tijdlijn.json"), template_dir / "tijdlijn.json")
    data = _minimal()
    _unknown_privacy(data)
    _write(template_dir, data)
    _refused(template_dir)


# --- the demo case fills the template ---------------------------------------------------


@pytest.fixture(scope="module")
def demo() -> dict[str, Any]:
    with resource_path("demo", "familie-demo.json").open(encoding="utf-8") as fh:
        data: dict[str, Any] = json.load(fh)
    return data


def test_demo_matches_case_schema(demo: dict[str, Any]) -> None:
    with resource_path("schema", "case-v1.schema.json").open(encoding="utf-8") as fh:
        jsonschema.validate(demo, json.load(fh))


def test_demo_is_consistent(demo: dict[str, Any]) -> None:
    case_file = validate_document(copy.deepcopy(demo))  # schema, domain rules, templates
    assert case_file.problems() == []
    assert [p.role for p in case_file.persons if p.index_child] == [Role.KIND.value]
    for episode in case_file.help_episodes:
        assert (episode.status == HelpStatus.AFGESLOTEN.value) == (episode.end is not None)


def test_demo_forms_fit_the_template(demo: dict[str, Any], tijdlijn: Template) -> None:
    persons = {p["id"]: p for p in demo["persons"]}
    for form in (f for f in demo["forms"] if f["template"] == "tijdlijn"):
        assert form.get("version") == tijdlijn.version
        section = tijdlijn.section(form["section"])
        assert section is not None, form["section"]
        if section.binding.kind == "case":
            assert form.get("person") is None
        else:
            assert section.binding.kind == "person"
            assert persons[form["person"]]["role"] in section.binding.roles
        for key in form["answers"]:
            field = section.field(key)
            assert field is not None, f"{section.key}.{key}"
            assert field.attr is None, f"{section.key}.{key} is an attribute, not an answer"


def test_demo_fills_every_case_and_person_section(demo: dict[str, Any], tijdlijn: Template) -> None:
    filled = {(f["section"], f.get("person")) for f in demo["forms"] if f["template"] == "tijdlijn"}
    for section in tijdlijn.sections:
        if section.binding.kind == "case":
            wanted = [(section.key, None)]
        elif section.binding.kind == "person":
            wanted = [
                (section.key, p["id"])
                for p in demo["persons"]
                if p.get("role") in section.binding.roles
            ]
            assert wanted, section.key
        else:
            continue
        assert set(wanted) <= filled, section.key
    for form in (f for f in demo["forms"] if f["template"] == "tijdlijn"):
        section = tijdlijn.section(form["section"])
        assert section is not None
        free = {f.key for f in section.fields if f.attr is None}
        assert set(form["answers"]) == free, form["section"]


def test_demo_list_values_are_template_choices(demo: dict[str, Any], tijdlijn: Template) -> None:
    def choices(section: str, key: str) -> set[str]:
        sec = tijdlijn.section(section)
        fld = sec.field(key) if sec else None
        assert fld is not None
        return {v for v, _ in fld.choices}

    leefgebieden = choices("tijdlijn", "leefgebied")
    assert {e["leefgebied"] for e in demo["life_events"] if e.get("leefgebied")} <= leefgebieden
    assert {h["leefgebied"] for h in demo["help_episodes"] if h.get("leefgebied")} <= choices(
        "lopende_hulpverlening", "leefgebied"
    )
    assert len(demo["life_events"]) >= 25
    assert len(demo["help_episodes"]) >= 6
    assert any(e.get("certainty") == "aanname" and e.get("source") for e in demo["life_events"])


def test_demo_survives_import_and_export(
    demo: dict[str, Any], profile: Profile, fast_kdf: KdfParams, passphrase: str
) -> None:
    """What ``casusregie --demo`` reads in comes out unchanged."""
    store = profile.create(passphrase, author="Test", kdf=fast_kdf, use_keyring=False)
    try:
        import_case(store, copy.deepcopy(demo))
        exported = export_case(store, demo["case"]["id"])
    finally:
        store.close()
    exported.pop("exported_at", None)
    assert exported == to_document(from_document(demo))
