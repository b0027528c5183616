"""The part-B templates (gespreksleidraad, netwerkberaad, kernbesluiten, gesprekken met
kinderen, privacy-afweging, feedback en barrières, genogram, reflectie, rollen) model
their seeds.

``tests/data/seed_part_b_headings.txt`` lists, per template, the seed headings and guiding
questions verbatim; each must be findable in the shipped template's texts.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from casusregie.templates import Field, Section, Template, TemplateSet, load_templates

HEADINGS = Path(__file__).parent / "data" / "seed_part_b_headings.txt"

PART_B = {
    "gespreksleidraad": 70,
    "netwerkberaad": 80,
    "kernbesluiten": 90,
    "gesprekken_kinderen": 100,
    "privacy_afweging": 110,
    "feedback_barrieres": 120,
    "genogram": 15,
    "reflectie": 130,
    "rollen": 125,
}
PHASES = ("directe_veiligheid", "risicogestuurde_zorg", "herstelgerichte_zorg")
BOB_STEPS = ("beeldvorming", "oordeelsvorming", "besluitvorming")
AGREEMENT_KEYS = {"type", "owner", "what", "deadline", "rationale", "status"}
STATUS_VALUES = ("open", "lopend", "gedaan", "niet_gelukt")
OM_SECTION_PREFIX = "deel_zonder_gezin"
OM_PRIVACY = {"intern", "justitie"}
ANCHOR_LABEL = "ankertekst bij de score"

_QUOTES = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"'})


def _norm(text: str) -> str:
    text = re.sub(r"\s+", " ", text.translate(_QUOTES)).strip().casefold()
    return text.rstrip(":?. ")


def _headings() -> dict[str, list[str]]:
    groups: dict[str, list[str]] = {}
    current: str | None = None
    for raw in HEADINGS.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line or line.startswith("# ") or line == "#":
            continue
        if line.startswith("## "):
            current = line[3:].strip()
            groups.setdefault(current, [])
            continue
        assert current is not None, f"heading line before any '## <id>': {line!r}"
        groups[current].append(line)
    return groups


def _texts(tpl: Template) -> list[str]:
    texts = [tpl.title, tpl.intro]
    for section in tpl.sections:
        texts += [section.label, section.prompt]
        for f in section.fields:
            texts += [f.label, f.prompt]
            texts += [label for _, label in f.choices]
    return [_norm(t) for t in texts if t]


@pytest.fixture(scope="module")
def templates() -> TemplateSet:
    return load_templates()


def _agreement_sections(tpl: Template) -> list[Section]:
    """Item lists that hold agreements: keyed 'afspraken'/'interventies' or with an owner."""
    return [
        s
        for s in tpl.sections
        if s.binding.kind == "list"
        and s.binding.entity == "item"
        and ("afspraken" in s.key or "interventies" in s.key or s.field("owner"))
    ]


def test_part_b_templates_are_shipped_with_their_order(templates: TemplateSet) -> None:
    for template_id, order in PART_B.items():
        tpl = templates.get(template_id)
        assert tpl.version == 1
        assert tpl.order == order, template_id


def test_headings_file_covers_every_part_b_template() -> None:
    groups = _headings()
    assert set(groups) == set(PART_B)
    assert all(groups.values())


@pytest.mark.parametrize("template_id", sorted(PART_B))
def test_seed_headings_appear_in_template(templates: TemplateSet, template_id: str) -> None:
    texts = _texts(templates.get(template_id))
    missing = [
        line for line in _headings()[template_id] if not any(_norm(line) in text for text in texts)
    ]
    assert not missing, f"{template_id}: not found in the template: {missing}"


@pytest.mark.parametrize("template_id", sorted(PART_B))
def test_every_scale_has_anchors_and_an_anchor_text_field(
    templates: TemplateSet, template_id: str
) -> None:
    for section in templates.get(template_id).sections:
        scales = [f for f in section.fields if f.type == "scale"]
        for f in scales:
            assert f.scale_anchors is not None, f"{section.key}.{f.key}"
            low, high = f.scale_anchors
            assert low.strip() and high.strip(), f"{section.key}.{f.key}"
        if scales:
            assert any(_norm(f.label) == ANCHOR_LABEL for f in section.fields), section.key


def test_each_phase_has_the_three_bob_sections(templates: TemplateSet) -> None:
    tpl = templates.get("gespreksleidraad")
    keys = [s.key for s in tpl.sections]
    for phase in PHASES:
        for step in BOB_STEPS:
            assert f"{phase}_{step}" in keys
        scale = tpl.section(f"{phase}_schaalvraag")
        assert scale is not None and any(f.type == "scale" for f in scale.fields), phase
    # the brainstorm is kept apart from the decisions
    for phase in PHASES:
        brainstorm = tpl.section(f"{phase}_brainstorm")
        decisions = tpl.section(f"{phase}_besluitvorming")
        assert brainstorm is not None and decisions is not None
        assert "brainstorm" not in _norm(" ".join(f.prompt for f in decisions.fields))


def test_top_threes_are_fields(templates: TemplateSet) -> None:
    tpl = templates.get("gespreksleidraad")
    expected = {
        "directe_veiligheid_beeldvorming": (
            "incident_eerste",
            "incident_ergste",
            "incident_laatste",
        ),
        "risicogestuurde_zorg_beeldvorming": ("risico_1", "risico_2", "risico_3"),
        "herstelgerichte_zorg_beeldvorming": ("herstelpunt_1", "herstelpunt_2", "herstelpunt_3"),
    }
    for section_key, field_keys in expected.items():
        section = tpl.section(section_key)
        assert section is not None
        for key in field_keys:
            assert section.field(key) is not None, f"{section_key}.{key}"


def _check_agreement_list(template_id: str, section: Section) -> None:
    where = f"{template_id}.{section.key}"
    keys = {f.key for f in section.fields}
    assert keys >= AGREEMENT_KEYS, f"{where} lacks {sorted(AGREEMENT_KEYS - keys)}"
    status = section.field("status")
    assert status is not None and status.type == "choice"
    assert tuple(v for v, _ in status.choices) == STATUS_VALUES, where
    assert all(label for _, label in status.choices)
    rationale = section.field("rationale")
    assert rationale is not None and "waarom" in rationale.prompt.casefold(), where
    type_field: Field | None = section.field("type")
    assert type_field is not None and type_field.choices, where


def test_every_agreement_list_has_the_shared_keys(templates: TemplateSet) -> None:
    found = 0
    for template_id in PART_B:
        for section in _agreement_sections(templates.get(template_id)):
            _check_agreement_list(template_id, section)
            found += 1
    assert found >= 4  # interventies, afspraken, OM-afspraken, netwerkberaad afspraken
    assert _agreement_sections(templates.get("netwerkberaad"))
    gl = {s.key for s in _agreement_sections(templates.get("gespreksleidraad"))}
    assert {"interventies", "afspraken"} <= gl


def test_om_part_stays_internal(templates: TemplateSet) -> None:
    tpl = templates.get("gespreksleidraad")
    om_sections = [s for s in tpl.sections if s.key.startswith(OM_SECTION_PREFIX)]
    assert om_sections
    assert any(_norm(s.label) == _norm("Deel zonder gezin (met OM)") for s in om_sections)
    for section in om_sections:
        for f in section.fields:
            assert f.privacy in OM_PRIVACY, f"{section.key}.{f.key}: {f.privacy}"
            assert not f.handover, f"{section.key}.{f.key} must not be in the handover set"
            assert not f.family_words, f"{section.key}.{f.key}"


def test_family_participation_is_recorded(templates: TemplateSet) -> None:
    tpl = templates.get("gespreksleidraad")
    section = tpl.section("gezin_in_overleg")
    assert section is not None
    for key in ("uitgenodigd", "voorbereid", "nabesproken"):
        f = section.field(key)
        assert f is not None and f.type == "choice"
        assert {v for v, _ in f.choices} == {"ja", "nee"}
    assert section.field("wie_ontbrak") is not None
    attendance = tpl.section("aanwezigen")
    assert attendance is not None and attendance.binding.entity == "item"
    assert {"naam", "organisatie", "rol", "aanwezig"} <= {f.key for f in attendance.fields}


def test_children_template_binds_per_child_and_keeps_a_list(templates: TemplateSet) -> None:
    tpl = templates.get("gesprekken_kinderen")
    per_child = tpl.section("kind")
    assert per_child is not None
    assert per_child.binding.kind == "person" and per_child.binding.roles == ("kind",)
    age = per_child.field("leeftijdsgroep")
    assert age is not None
    assert [v for v, _ in age.choices] == ["onder_12", "12_16", "16_plus"]
    said = per_child.field("wat_zei_kind")
    assert said is not None and said.family_words
    conversations = tpl.section("gesprekken")
    assert conversations is not None and conversations.binding.entity == "item"
    child = conversations.field("kind")
    assert child is not None and child.type == "person"


def test_privacy_grounds(templates: TemplateSet) -> None:
    section = templates.get("privacy_afweging").section("afwegingen")
    assert section is not None
    ground = section.field("grondslag")
    assert ground is not None
    assert [v for v, _ in ground.choices] == [
        "toestemming",
        "wettelijke_verplichting",
        "levensbedreigende_situatie",
    ]


def test_escalation_has_four_steps(templates: TemplateSet) -> None:
    section = templates.get("feedback_barrieres").section("barrieres")
    assert section is not None
    step = section.field("escalatiestap")
    assert step is not None and len(step.choices) == 4
    assert all(label.startswith(f"Stap {i}:") for i, (_, label) in enumerate(step.choices, 1))


def test_genogram_emotional_relations(templates: TemplateSet) -> None:
    tpl = templates.get("genogram")
    section = tpl.section("emotionele_relaties")
    assert section is not None
    kind = section.field("soort")
    assert kind is not None
    assert dict(kind.choices) == {
        "close": "Hecht",
        "conflict": "Conflict",
        "violence": "Geweld",
        "cut-off": "Verbroken",
        "distant": "Afstandelijk",
    }
    direction = section.field("richting")
    assert direction is not None
    assert [v for v, _ in direction.choices] == ["a_naar_b", "b_naar_a", "wederzijds"]
    for key in ("van", "naar"):
        f = section.field(key)
        assert f is not None and f.type == "person"
    persons = tpl.section("personen")
    assert persons is not None and persons.binding.entity == "person"
    assert {f.attr for f in persons.fields} >= {
        "name",
        "birth_date",
        "gender",
        "role",
        "deceased",
        "death_date",
        "index_child",
    }
    relations = tpl.section("relaties")
    assert relations is not None and relations.binding.entity == "relation"
    households = tpl.section("huishoudens")
    assert households is not None
    members = households.field("leden")
    address = households.field("adres")
    assert members is not None and members.type == "persons"
    assert address is not None and address.privacy == "contact"


def test_agreement_types_are_shared(templates: TemplateSet) -> None:
    """One set of agreement types across the app, so agreements can be listed together."""
    kinds: set[tuple[tuple[str, str], ...]] = set()
    for tpl in templates.templates.values():
        for section in _agreement_sections(tpl):
            type_field = section.field("type")
            if type_field is not None:
                kinds.add(type_field.choices)
    assert len(kinds) == 1, kinds


@pytest.mark.parametrize("template_id", sorted(PART_B))
def test_every_free_text_question_has_a_prompt(templates: TemplateSet, template_id: str) -> None:
    bare = [
        f"{s.key}.{f.key}"
        for s, f in templates.get(template_id).fields()
        if s.binding.kind in ("case", "person")
        and f.type in ("text", "longtext")
        and not f.prompt
        and not f.label.endswith("?")
    ]
    assert not bare, f"fields without a guiding question: {bare}"


@pytest.mark.parametrize("template_id", sorted(PART_B))
def test_every_template_has_a_handover_set(templates: TemplateSet, template_id: str) -> None:
    assert any(f.handover for _, f in templates.get(template_id).fields())
