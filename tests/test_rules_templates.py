"""The rules and the shipped templates agree.

The rules read answers by template, section and field key; a renamed field in a template
would silently switch a rule off (no answer found, so a finding that never goes away, or
never comes). These tests name every place a rule reads and check that it exists in the
templates with a type the rule can use, and that the list of agreement sections in the
rules and the agreement-shaped lists in the templates are the same set.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, NamedTuple

import pytest

from casusregie.domain.model import (
    Case,
    CaseFile,
    Certainty,
    Form,
    HelpStatus,
    Item,
    Person,
    RelationKind,
    Role,
)
from casusregie.domain.rules import (
    RuleSettings,
    agreements,
    base,
    children,
    decisions,
    facts,
    handover,
    meetings,
    phase,
    safety,
    weighing,
)
from casusregie.templates import Field, Section, Template, load_templates

TEMPLATES = load_templates()

TEXT = frozenset({"text", "longtext"})
DATE = frozenset({"date", "partial_date"})
SHARED_KEYS = ("type", "owner", "deadline", "rationale", "status")


def template(template_id: str) -> Template:
    assert template_id in TEMPLATES.templates, f"sjabloon {template_id} ontbreekt"
    return TEMPLATES.get(template_id)


def section(template_id: str, section_key: str) -> Section:
    found = template(template_id).section(section_key)
    assert found is not None, f"{template_id}.{section_key} ontbreekt"
    return found


def field(template_id: str, section_key: str, key: str) -> Field:
    found = section(template_id, section_key).field(key)
    assert found is not None, f"{template_id}.{section_key}.{key} ontbreekt"
    return found


# -- agreements ----------------------------------------------------------------------


@pytest.mark.parametrize(("template_id", "section_key"), sorted(agreements.AGREEMENT_SECTIONS))
def test_every_agreement_section_exists_with_the_shared_keys(template_id: str, section_key: str):
    sec = section(template_id, section_key)
    assert (sec.binding.kind, sec.binding.entity) == ("list", "item")
    keys = {f.key for f in sec.fields}
    assert set(SHARED_KEYS) <= keys, sorted(set(SHARED_KEYS) - keys)
    assert keys & {"what", "signal"}, "een afspraak zonder 'what' of 'signal'"
    described = sec.field("what") or sec.field("signal")
    assert described is not None
    assert described.type in TEXT
    assert sec.field("owner").type in TEXT  # type: ignore[union-attr]
    assert sec.field("rationale").type in TEXT  # type: ignore[union-attr]
    assert sec.field("deadline").type in DATE  # type: ignore[union-attr]
    status = sec.field("status")
    assert status is not None
    assert status.type == "choice"
    values = {v for v, _ in status.choices}
    # the rule treats a missing status as "open" and reads these two values by name
    assert {"open", agreements.DONE, agreements.FAILED} <= values
    kind = sec.field("type")
    assert kind is not None
    assert kind.type == "choice"


def test_every_agreement_shaped_list_is_known_to_the_rules():
    shaped = {
        (tpl.id, sec.key)
        for tpl in TEMPLATES.ordered()
        for sec in tpl.sections
        if sec.binding.kind == "list"
        and sec.binding.entity == "item"
        and {"owner", "deadline", "rationale", "status"} <= {f.key for f in sec.fields}
    }
    assert shaped == set(agreements.AGREEMENT_SECTIONS)


def test_the_shared_agreement_fields_have_one_type_everywhere():
    types: dict[str, set[str]] = {}
    for template_id, section_key in agreements.AGREEMENT_SECTIONS:
        for key in (*SHARED_KEYS, "what", "signal", "checker", "agreed_on"):
            f = section(template_id, section_key).field(key)
            if f is not None:
                types.setdefault(key, set()).add(f.type)
    assert all(len(t) == 1 for t in types.values()), types


# -- every field a rule reads -------------------------------------------------------


class Read(NamedTuple):
    """A field a rule reads (``rule`` is the rule id), with the types it can use."""

    rule: str
    template: str
    section: str
    key: str
    types: frozenset[str]


READS: list[Read] = [
    Read("gefaseerd", "gespreksleidraad", "vooraf", "datum", DATE),
    *(
        read
        for prefix, _ in safety.PHASES
        for read in (
            Read("gefaseerd", "gespreksleidraad", f"{prefix}_schaalvraag", "score", {"scale"}),
            Read("gefaseerd", "gespreksleidraad", f"{prefix}_schaalvraag", "ankertekst", TEXT),
        )
    ),
    Read("gefaseerd", "gespreksleidraad", "vooraf", "fase", frozenset({"choice"})),
    Read("weging", "veiligheidsplan", "taxatie", "datum", DATE),
    Read("weging", "veiligheidsplan", "taxatie", "fysieke_mishandeling", frozenset({"choice"})),
    Read("weging", "weging", "besluit", "datum", DATE),
    Read("weging", "weging", "besluit", "fase_casus", frozenset({"choice"})),
    Read("besluiten", "kernbesluiten", "besluiten", "advies_gw", TEXT),
    Read("besluiten", "kernbesluiten", "besluiten", "advies_gevolgd", frozenset({"choice"})),
    Read("besluiten", "veiligheidsplan", "plan", "volgende_evaluatie", DATE),
    Read("besluiten", "veranderplan", "plan", "volgende_evaluatie", DATE),
    Read("besluiten", "feedback_barrieres", "barrieres", "escalatiestap", frozenset({"choice"})),
    Read("besluiten", "feedback_barrieres", "barrieres", "datum", DATE),
    Read("besluiten", "feedback_barrieres", "barrieres", "uitkomst", TEXT),
    Read("besluiten", "rollen", "regie", "doorzettingsmacht", TEXT),
    Read("vergewisplicht", "gesprekken_kinderen", "kind", "reden_datum", DATE),
    Read("vergewisplicht", "gesprekken_kinderen", "kind", "doorlopend_gesproken", TEXT),
    Read("netwerkberaad", "netwerkberaad", "beraad", "datum", DATE),
    Read("netwerkberaad", "netwerkberaad", "beraad", "volgende_datum", DATE),
    Read("vergewisplicht", "gesprekken_kinderen", "gesprekken", "kind", frozenset({"person"})),
    Read("vergewisplicht", "gesprekken_kinderen", "gesprekken", "datum", DATE),
    Read("vergewisplicht", "gesprekken_kinderen", "gesprekken", "reden_niet_gesproken", TEXT),
    Read("vergewisplicht", "gesprekken_kinderen", "kind", "laatste_gesprek", DATE),
    Read("vergewisplicht", "gesprekken_kinderen", "kind", "reden_niet_gesproken", TEXT),
    Read("overdracht", "veiligheidsplan", "zorgen_krachten", "zorgen", TEXT),
    Read("overdracht", "veiligheidsplan", "zorgen_krachten", "krachten", TEXT),
    Read("overdracht", "gezinspatroon", "patroon", "patroon", TEXT),
    Read("overdracht", "veranderplan", "haalbare_eindsituatie", "eindsituatie", TEXT),
    Read("overdracht", "tijdlijn", "aanleiding", "eerste_aanleiding", TEXT),
    Read("overdracht", "tijdlijn", "aanleiding", "laatste_aanleiding", TEXT),
    Read("overdracht", "tijdlijn", "aanleiding", "ergste_incident", TEXT),
]


def _id(read: Read) -> str:
    return f"{read.rule}-{read.template}.{read.section}.{read.key}"


@pytest.mark.parametrize("read", READS, ids=_id)
def test_every_field_a_rule_reads_exists_with_a_sensible_type(read: Read):
    f = field(read.template, read.section, read.key)
    assert f.type in read.types, (f.type, sorted(read.types))
    assert f.attr is None, "a rule reads a stored answer, not an entity attribute"


def test_the_case_level_forms_the_rules_read_are_bound_to_the_case():
    # the rules read these with person=None: a person binding would hide every answer
    for template_id, section_key in {
        ("gespreksleidraad", "vooraf"),
        *((("gespreksleidraad", f"{p}_schaalvraag")) for p, _ in safety.PHASES),
        ("veiligheidsplan", "zes"),
        ("netwerkberaad", "beraad"),
        ("veiligheidsplan", "zorgen_krachten"),
        ("gezinspatroon", "patroon"),
        ("veranderplan", "haalbare_eindsituatie"),
        ("tijdlijn", "aanleiding"),
    }:
        assert section(template_id, section_key).binding.kind == "case", section_key


def test_conversations_with_children_are_rows_and_per_child_forms():
    rows = section("gesprekken_kinderen", "gesprekken")
    assert (rows.binding.kind, rows.binding.entity) == ("list", "item")
    per_child = section("gesprekken_kinderen", "kind")
    assert per_child.binding.kind == "person"
    assert per_child.binding.roles == (Role.KIND.value,)


def test_age_groups_agree_with_the_template():
    group = field("gesprekken_kinderen", "kind", "leeftijdsgroep")
    assert group.type == "choice"
    assert [v for v, _ in group.choices] == list(children.AGE_GROUPS)


def test_safety_phases_agree_with_the_template():
    keys = [p for p, _ in safety.PHASES]
    for section_key in ("vooraf", "interventies", "afspraken"):
        fase = field("gespreksleidraad", section_key, "fase")
        assert fase.type == "choice"
        assert [v for v, _ in fase.choices] == keys, section_key
    for prefix in keys:
        assert section("gespreksleidraad", f"{prefix}_schaalvraag").fields[0].key == "score"


def test_templates_filled_per_occasion_are_multiple():
    assert template(safety.MEETING).multiple
    assert template(meetings.TEMPLATE).multiple
    # the rules read these without an occasion: they are filled in once per case
    for once in (
        "veiligheidsplan",
        "gesprekken_kinderen",
        "gezinspatroon",
        "veranderplan",
        "tijdlijn",
        "genogram",
    ):
        assert not template(once).multiple, once


@pytest.mark.parametrize(
    ("template_id", "dating"),
    [(safety.MEETING, ("vooraf", "datum")), (meetings.TEMPLATE, ("beraad", "datum"))],
)
def test_occasions_are_dated_by_their_first_date_field(template_id: str, dating: tuple[str, str]):
    """The template schema: 'Each occasion is an instance; its first date field dates it.'
    The rules must date occasions by that same field."""
    first = next((sec.key, f.key) for sec, f in template(template_id).fields() if f.type in DATE)
    assert first == dating


# -- what the rules really read: a spy -----------------------------------------------
#
# The table above says what the rules should read. To catch a rule that reads a key no
# template has (a typo, a rename on one side only), every rule is run on a case holding
# a form for every template section and a row for every item section, whose answers
# record each key asked for. The section lookups (form, items, instances) are recorded
# too. Everything recorded must exist in the templates.

RULE_MODULES = {
    m.RULE: m
    for m in (
        phase,
        safety,
        weighing,
        handover,
        meetings,
        children,
        agreements,
        decisions,
        facts,
    )
}
#: an agreement is described by 'what', or by 'signal' where there is no 'what'
FALLBACK = {"signal": "what", "what": "signal"}
OCCASION = "occasion-1"
CHILD = "p-kind"


class SpyAnswers(dict[str, Any]):
    """Answers that log every key a rule asks for."""

    def __init__(self, log: set[tuple[str, str, str]], where: tuple[str, str], data: dict):
        super().__init__(data)
        self._log = log
        self._where = where

    def _seen(self, key: object) -> None:
        self._log.add((*self._where, str(key)))

    def get(self, key: str, default: Any = None) -> Any:
        self._seen(key)
        return super().get(key, default)

    def __getitem__(self, key: str) -> Any:
        self._seen(key)
        return super().__getitem__(key)

    def __contains__(self, key: object) -> bool:
        self._seen(key)
        return super().__contains__(key)


def _value(f: Field, variant: str) -> Any:
    """A valid answer for a field, per variant: everything filled, or no free text."""
    if f.type in TEXT:
        return None if variant == "no_text" else f"{f.label} (antwoord)"
    return {
        "date": "2025-05-01",
        "partial_date": "2025-04",
        "choice": f.choices[0][0] if f.choices else None,
        "multichoice": [f.choices[0][0]] if f.choices else [],
        "bool": True,
        "person": CHILD,
        "persons": [CHILD],
        "number": 3,
        "scale": 4,
    }[f.type]


def spy_case(variant: str, log: set[tuple[str, str, str]]) -> CaseFile:
    cf = CaseFile(case=Case(id="c", case_id="c", phase="lokaal_team_gi", opened_on="2025-01"))
    for n, role in enumerate(Role.values()):
        pid = CHILD if role == Role.KIND.value else f"p-{role}"
        cf.persons.append(
            Person(id=pid, case_id="c", name=role, role=role, birth_date=f"{2013 - n}-03-01")
        )
    for tpl in TEMPLATES.ordered():
        instance = OCCASION if tpl.multiple else None
        for sec in tpl.sections:
            answers = {}
            if variant != "empty":
                answers = {
                    f.key: v
                    for f in sec.fields
                    if f.attr is None and (v := _value(f, variant)) is not None
                }
            spied = SpyAnswers(log, (tpl.id, sec.key), answers)
            if sec.binding.kind == "list":
                if sec.binding.entity == "item":
                    cf.items.append(
                        Item(
                            id=f"i-{tpl.id}-{sec.key}",
                            case_id="c",
                            template=tpl.id,
                            section=sec.key,
                            instance=instance,
                            answers=spied,
                        )
                    )
                continue
            owners = [None]
            if sec.binding.kind == "person":
                owners = [p.id for p in cf.persons if p.role in sec.binding.roles]
            for person in owners:
                cf.forms.append(
                    Form(
                        id=Form.make_id("c", tpl.id, sec.key, person, instance),
                        case_id="c",
                        template=tpl.id,
                        section=sec.key,
                        person=person,
                        instance=instance,
                        answers=spied,
                    )
                )
    return cf


def recorded_reads(
    module: Any, monkeypatch: pytest.MonkeyPatch
) -> tuple[set[tuple[str, str, str]], set[tuple[str, str]]]:
    """(template, section, key) answers and (template, section) lookups of one rule."""
    keys: set[tuple[str, str, str]] = set()
    sections: set[tuple[str, str]] = set()

    def spy_form(cf: CaseFile, template_id: str, section_key: str, *args: Any, **kw: Any) -> Any:
        sections.add((template_id, section_key))
        return real_form(cf, template_id, section_key, *args, **kw)

    def spy_items(cf: CaseFile, template_id: str, section_key: str | None = None) -> Any:
        if section_key is not None:
            sections.add((template_id, section_key))
        return real_items(cf, template_id, section_key)

    def spy_instances(cf: CaseFile, template_id: str, date_section: str, date_key: str) -> Any:
        sections.add((template_id, date_section))
        keys.add((template_id, date_section, date_key))
        return real_instances(cf, template_id, date_section, date_key)

    real_form, real_items, real_instances = base.form, base.items, base.instances
    monkeypatch.setattr(base, "form", spy_form)
    for name, spy in (("items", spy_items), ("instances", spy_instances)):
        for mod in (base, module):
            if hasattr(mod, name):
                monkeypatch.setattr(mod, name, spy)
    for today in (dt.date(2025, 5, 2), dt.date(2026, 1, 1)):
        for variant in ("full", "no_text", "empty"):
            module.check(spy_case(variant, keys), today, RuleSettings())
    return keys, sections


@pytest.mark.parametrize(
    "rule",
    list(RULE_MODULES),
)
def test_every_key_a_rule_reads_is_a_template_field(rule: str, monkeypatch: pytest.MonkeyPatch):
    keys, sections = recorded_reads(RULE_MODULES[rule], monkeypatch)
    for template_id, section_key in sorted(sections):
        section(template_id, section_key)
    unknown = sorted(
        (t, s, k)
        for t, s, k in keys
        if section(t, s).field(k) is None
        and not (k in FALLBACK and section(t, s).field(FALLBACK[k]) is not None)
    )
    assert unknown == []
    # and the spy sees what the table above says this rule reads
    expected = {(r.template, r.section, r.key) for r in READS if r.rule == rule}
    assert expected <= keys, sorted(expected - keys)


def test_agreements_read_the_shared_keys_in_every_agreement_section(
    monkeypatch: pytest.MonkeyPatch,
):
    keys, _ = recorded_reads(agreements, monkeypatch)
    for template_id, section_key in agreements.AGREEMENT_SECTIONS:
        read = {k for t, s, k in keys if (t, s) == (template_id, section_key)}
        assert {"owner", "deadline", "rationale", "status"} <= read
    read_elsewhere = {(t, s) for t, s, _ in keys if (t, s) not in agreements.AGREEMENT_SECTIONS}
    # besides the lists: the plan's evaluation date (review of doorlopende afspraken) and
    # the dates of the occasions (a failed agreement counts in the latest one)
    assert read_elsewhere <= {
        ("veiligheidsplan", "plan"),
        ("gespreksleidraad", "vooraf"),
        ("netwerkberaad", "beraad"),
    }


# -- handover targets ----------------------------------------------------------------


@pytest.mark.parametrize("part", handover.HANDOVER_SET, ids=lambda p: p.key)
def test_every_handover_target_exists(part: handover.HandoverPart):
    t = part.target
    sec = section(t.template, t.section)
    if t.field:
        assert sec.field(t.field) is not None
    assert not t.entity_type  # a handover part is resolved in a template section


def test_handover_reads_the_entity_lists_the_templates_show():
    # aanleiding: case.aanleiding is shown in tijdlijn.aanleiding
    assert "aanleiding" in {f.attr for f in section("tijdlijn", "aanleiding").fields}
    events = section("tijdlijn", "tijdlijn").binding
    assert (events.kind, events.entity) == ("list", "life_event")
    ended = section("tijdlijn", "eerdere_hulpverlening")
    assert (ended.binding.kind, ended.binding.entity) == ("list", "help_episode")
    assert dict(ended.binding.where) == {"status": HelpStatus.AFGESLOTEN.value}
    assert "result" in {f.attr for f in ended.fields}  # the result the handover asks for
    relations = section("genogram", "relaties")
    assert (relations.binding.kind, relations.binding.entity) == ("list", "relation")
    kind = next(f for f in relations.fields if f.attr == "kind")
    assert RelationKind.PARENT_CHILD.value in {v for v, _ in kind.choices}
    for template_id, section_key in (("veiligheidsplan", "afspraken"), ("veranderplan", "doelen")):
        rows = section(template_id, section_key).binding
        assert (rows.kind, rows.entity) == ("list", "item")


def test_facts_rule_target_is_the_timeline_source():
    timeline = section("tijdlijn", "tijdlijn")
    attrs = {f.attr: f for f in timeline.fields}
    assert "source" in attrs
    assert attrs["source"].type in TEXT
    certainty = attrs["certainty"]
    assert [v for v, _ in certainty.choices] == Certainty.values()


# -- scales --------------------------------------------------------------------------

SCALES = [
    (tpl.id, sec.key, f)
    for tpl in TEMPLATES.ordered()
    for sec, f in tpl.fields()
    if f.type == "scale"
]


def test_there_are_scales():
    assert {(t, s) for t, s, _ in SCALES} >= {
        ("veiligheidsplan", "zes"),
        *(("gespreksleidraad", f"{p}_schaalvraag") for p, _ in safety.PHASES),
    }


@pytest.mark.parametrize(
    ("template_id", "section_key", "scale"), SCALES, ids=lambda v: getattr(v, "key", v)
)
def test_every_scale_has_both_anchors(template_id: str, section_key: str, scale: Field):
    assert scale.scale_anchors is not None
    low, high = scale.scale_anchors
    assert low.strip()
    assert high.strip()
    assert low != high
