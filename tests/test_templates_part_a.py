"""The part-A templates (gezinspatroon, veiligheidsplan, veranderplan, borgingsplan, weging)
carry every heading and guiding question of their seed 003 bouwsteen, and share one
agreement ("afspraak") structure.

The expected lines live in tests/data/seed003_part_a_headings.txt, verbatim from seed 003;
this test never reads the seeds themselves.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from casusregie.templates import Field, Section, Template, load_templates

DATA = Path(__file__).parent / "data" / "seed003_part_a_headings.txt"
PART_A = ("gezinspatroon", "veiligheidsplan", "veranderplan", "borgingsplan", "weging")

#: Typos and PDF artefacts in the seed, corrected in the templates.
SEED_TYPOS = {
    "gedag": "gedrag",
    "opleiding?dagbesteding": "opleiding/dagbesteding",
    "(blijvend)gecompenseerd": "(blijvend) gecompenseerd",
    "verantwoordelijk- heid": "verantwoordelijkheid",
    "contact-persoon": "contactpersoon",
    "jeugdzorgwerken": "jeugdzorgwerker",
}

#: The shared agreement structure: every agreement list has these fields.
AGREEMENT_KEYS = ("type", "owner", "deadline", "rationale", "status")
AGREEMENT_FIELD_TYPES = {
    "type": "choice",
    "owner": "text",
    "what": "longtext",
    "deadline": "date",
    "checker": "text",
    "rationale": "longtext",
    "status": "choice",
    "agreed_on": "date",
}
STATUS_CHOICES = (
    ("open", "Open"),
    ("lopend", "Lopend"),
    ("gedaan", "Gedaan"),
    ("niet_gelukt", "Niet gelukt"),
)
#: Agreement lists that must exist (template, section).
EXPECTED_AGREEMENT_LISTS = {
    ("veiligheidsplan", "afspraken"),
    ("veranderplan", "doelen"),
    ("borgingsplan", "signalen"),
    ("borgingsplan", "afspraken"),
}

TAXATIE_ITEMS = (
    "fysieke mishandeling",
    "seksueel misbruik",
    "ernstige verwaarlozing",
    "psychiatrische problematiek opvoeders, direct gevaar kind",
    "gedragsproblemen waardoor het kind een gevaar voor zichzelf is",
    "acute ernstige psychische mishandeling",
    "dreiging van ontvoering",
    "andere vormen van directe onveiligheid van het kind",
)
TAXATIE_CHOICES = (
    ("veilig", "Veilig"),
    ("onveilig", "Onveilig"),
    ("direct_veiligstellen", "Direct veiligstellen"),
)


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip().lower()


def _expected(line: str) -> str:
    text = _norm(line)
    for wrong, right in SEED_TYPOS.items():
        text = text.replace(wrong, right)
    return text.rstrip(":?. ")


def _headings() -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    current: str | None = None
    for raw in DATA.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if line.startswith("## "):
            current = line[3:].strip()
            out.setdefault(current, [])
        elif line and not line.startswith("#"):
            assert current is not None, f"regel zonder sjabloonkop: {line}"
            out[current].append(line)
    return out


def _texts(tpl: Template) -> list[str]:
    texts = [tpl.title, tpl.intro]
    for section in tpl.sections:
        texts += [section.label, section.prompt]
        for fld in section.fields:
            texts += [fld.label, fld.prompt]
            texts += [label for _, label in fld.choices]
    return [_norm(t) for t in texts if t]


def _agreement_lists(tpl: Template) -> list[Section]:
    """Item lists that hold agreements: they have any field of the agreement structure."""
    keys = set(AGREEMENT_KEYS) | {"checker"}
    return [
        s
        for s in tpl.sections
        if s.binding.kind == "list"
        and s.binding.entity == "item"
        and keys & {f.key for f in s.fields}
    ]


def _field(templates: dict[str, Template], template_id: str, section: str, key: str) -> Field:
    sec = templates[template_id].section(section)
    assert sec is not None, f"{template_id}.{section}"
    fld = sec.field(key)
    assert fld is not None, f"{template_id}.{section}.{key}"
    return fld


@pytest.fixture(scope="module")
def templates() -> dict[str, Template]:
    shipped: dict[str, Template] = load_templates().templates
    return shipped


def test_data_file_covers_part_a() -> None:
    headings = _headings()
    assert set(headings) == set(PART_A)
    assert all(headings[t] for t in PART_A)


@pytest.mark.parametrize("template_id", PART_A)
def test_every_seed_heading_is_in_the_template(
    templates: dict[str, Template], template_id: str
) -> None:
    assert template_id in templates
    texts = _texts(templates[template_id])
    missing = [
        line
        for line in _headings()[template_id]
        if not any(_expected(line) in text for text in texts)
    ]
    assert not missing, f"{template_id} mist: {missing}"


def test_orders(templates: dict[str, Template]) -> None:
    orders = {t: templates[t].order for t in PART_A}
    assert orders == {
        "veiligheidsplan": 20,
        "gezinspatroon": 30,
        "veranderplan": 40,
        "borgingsplan": 50,
        "weging": 60,
    }


@pytest.mark.parametrize("template_id", PART_A)
def test_every_field_has_a_prompt_or_a_question_label(
    templates: dict[str, Template], template_id: str
) -> None:
    bare = [
        f"{s.key}.{f.key}"
        for s, f in templates[template_id].fields()
        if not f.prompt
        and not f.label.endswith("?")
        and s.binding.kind == "case"
        and f.type in ("text", "longtext")
    ]
    assert not bare, f"velden zonder richtvraag: {bare}"


def test_veiligheidsplan_has_the_eight_taxatie_items(templates: dict[str, Template]) -> None:
    tpl = templates["veiligheidsplan"]
    taxatie = {
        _norm(f.label): f
        for _, f in tpl.fields()
        if f.type == "choice" and f.choices == TAXATIE_CHOICES
    }
    assert set(taxatie) == set(TAXATIE_ITEMS)
    for fld in taxatie.values():
        assert fld.handover
        assert fld.privacy == "veiligheid"


def test_expected_agreement_lists_exist(templates: dict[str, Template]) -> None:
    found = {(t, s.key) for t in PART_A for s in _agreement_lists(templates[t])}
    assert found >= EXPECTED_AGREEMENT_LISTS


@pytest.mark.parametrize("template_id", PART_A)
def test_every_agreement_list_has_the_shared_structure(
    templates: dict[str, Template], template_id: str
) -> None:
    type_choices: set[tuple[tuple[str, str], ...]] = set()
    for section in _agreement_lists(templates[template_id]):
        fields = {f.key: f for f in section.fields}
        missing = [k for k in AGREEMENT_KEYS if k not in fields]
        assert not missing, f"{template_id}.{section.key} mist {missing}"
        for key, fld in fields.items():
            if key in AGREEMENT_FIELD_TYPES:
                assert fld.type == AGREEMENT_FIELD_TYPES[key], f"{section.key}.{key}"
        assert fields["status"].choices == STATUS_CHOICES
        type_choices.add(fields["type"].choices)
    assert len(type_choices) <= 1, "alle afsprakenlijsten delen dezelfde soorten"


def test_agreement_types_are_shared_across_templates(templates: dict[str, Template]) -> None:
    kinds = {
        _field(templates, t, s.key, "type").choices
        for t in PART_A
        for s in _agreement_lists(templates[t])
    }
    assert len(kinds) == 1


def test_family_words_and_handover(templates: dict[str, Template]) -> None:
    def field(template_id: str, section: str, key: str) -> Field:
        return _field(templates, template_id, section, key)

    assert field("veranderplan", "haalbare_eindsituatie", "eindsituatie").family_words
    assert field("veiligheidsplan", "zes", "zes").family_words
    assert field("veiligheidsplan", "afspraken", "what").family_words
    assert field("gezinspatroon", "patroon", "patroon").handover
    assert field("gezinspatroon", "patroon", "patroon").prompt.startswith(
        "Deze kinderen groeien op in een gezin"
    )
    assert field("veranderplan", "haalbare_eindsituatie", "eindtermijn").type == "date"
    bellen = templates["veiligheidsplan"].section("bellen")
    assert bellen is not None
    assert {f.key: f.privacy for f in bellen.fields}["telefoon"] == "contact"
    # the handover set per template: the seed's 100% schone overdracht
    for template_id in ("veiligheidsplan", "gezinspatroon", "veranderplan", "borgingsplan"):
        assert any(f.handover for _, f in templates[template_id].fields()), template_id
    # the professional's own reflection never leaves the app
    assert field("veranderplan", "vervolg", "eigen_drempel").privacy == "intern"


def test_parents_and_children_are_person_bound(templates: dict[str, Template]) -> None:
    tpl = templates["gezinspatroon"]
    roles = {s.key: s.binding.roles for s in tpl.sections if s.binding.kind == "person"}
    assert roles == {
        "vader": ("vader",),
        "moeder": ("moeder",),
        "partner": ("partner",),
        "kind": ("kind",),
    }


def test_weging_decision(templates: dict[str, Template]) -> None:
    # a weging is made at every schakelmoment or new signal: one instance per occasion,
    # dated by its first date field, the date of the decision
    assert templates["weging"].multiple
    dates = [f.key for _, f in templates["weging"].fields() if f.type == "date"]
    assert dates == ["datum"]
    besluit = templates["weging"].section("besluit")
    assert besluit is not None
    fields = {f.key: f for f in besluit.fields}
    assert {"ja", "nee"} <= {v for v, _ in fields["uitgebreide_analyse"].choices}
    assert {v for v, _ in fields["gi_betrekken"].choices} == {"ja", "nee"}
    assert fields["datum"].type == "date"
    assert fields["besloten_door"].type == "text"
    assert fields["toelichting"].type == "longtext"
