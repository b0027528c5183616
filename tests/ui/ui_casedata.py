"""An invented family for the UI tests, filled in for every template that exists.

The free answers are generated from the loaded templates, so the tests keep working
while the templates grow. ``case_strings`` lists every piece of case data that must
vanish from the screen when the app locks.
"""

from __future__ import annotations

from typing import Any

from casusregie.templates import Field, TemplateSet

CASE_ID = "casus-verbeek"
FAMILY = "Gezin Verbeek-Amrani"
MOTHER, FATHER, CHILD1, CHILD2, GRANNY, NEIGHBOUR = (
    "p-moeder",
    "p-vader",
    "p-noor",
    "p-daan",
    "p-oma",
    "p-buurman",
)

PERSONS = [
    {
        "id": MOTHER,
        "name": "Sanne Verbeek",
        "birth_date": "1987-03-12",
        "gender": "v",
        "role": "moeder",
    },
    {"id": FATHER, "name": "Youssef Amrani", "birth_date": "1984", "gender": "m", "role": "vader"},
    {
        "id": CHILD1,
        "name": "Noor Verbeek",
        "birth_date": "2012-06-02",
        "gender": "v",
        "role": "kind",
        "index_child": True,
    },
    {"id": CHILD2, "name": "Daan Verbeek", "birth_date": "2016-09", "gender": "m", "role": "kind"},
    {
        "id": GRANNY,
        "name": "Ria Verbeek-Hoogland",
        "birth_date": "1960",
        "gender": "v",
        "role": "grootouder",
        "relation_to_child": "oma van moederskant",
        "address": "Lindelaan 4, Zoetermeer",
        "phone": "06-11112222",
    },
    {
        "id": NEIGHBOUR,
        "name": "Kees Bakhuizen",
        "gender": "m",
        "role": "netwerk",
        "relation_to_child": "buurman en voetbaltrainer van Daan",
        "phone": "06-33334444",
    },
]

# Deliberately not in order of time: the view must sort them.
LIFE_EVENTS = [
    {
        "id": "e-melding",
        "date": "2023-11-05",
        "description": "Melding bij Veilig Thuis na ruzie in de keuken",
        "persons": [MOTHER, FATHER],
        "source": "verslag Veilig Thuis",
        "certainty": "feit",
    },
    {
        "id": "e-noor",
        "date": "2012-06-02",
        "description": "Noor wordt geboren",
        "persons": [CHILD1, MOTHER],
        "source": "moeder",
        "certainty": "feit",
    },
    {
        "id": "e-verhuizing",
        "date": "2021-03",
        "description": "Verhuizing naar een flat in Zoetermeer",
        "persons": [MOTHER, CHILD1, CHILD2],
        "source": "moeder",
        "certainty": "aanname",
    },
    {
        "id": "e-daan",
        "date": "2016-09",
        "description": "Daan wordt geboren",
        "persons": [CHILD2],
        "source": "moeder",
        "certainty": "feit",
    },
    {
        "id": "e-scheiding",
        "date": "2019",
        "description": "Ouders gaan uit elkaar",
        "persons": [MOTHER, FATHER],
        "source": "vader",
        "certainty": "feit",
    },
]
EVENT_ORDER = ["e-noor", "e-daan", "e-scheiding", "e-verhuizing", "e-melding"]

HELP = [
    {
        "id": "h-begeleiding",
        "provider": "Gezinsbegeleiding Jeugdhulp Zuidrand",
        "start": "2024-01",
        "status": "lopend",
        "reason": "Spanningen thuis na de melding",
        "aimed_at": "gezin",
        "goals": "Rust in huis en vaste afspraken over de omgang",
        "contact": "Petra Smits, gezinsbegeleider, 06-55556666",
        "persons": [MOTHER, CHILD1],
    },
    {
        "id": "h-smw",
        "provider": "Schoolmaatschappelijk werk De Regenboog",
        "start": "2020-02",
        "end": "2021-06",
        "status": "afgesloten",
        "reason": "Noor was vaak afwezig op school",
        "result": "Aanwezigheid weer op orde",
        "persons": [CHILD1],
    },
]


def _value(field: Field, n: int) -> Any:
    kind = field.type
    if kind in ("text", "longtext"):
        return f"Antwoordtekst nummer {n} van de familie"
    if kind == "date":
        return "2024-02-01"
    if kind == "partial_date":
        return "2023-10"
    if kind == "choice":
        return field.choices[0][0]
    if kind == "multichoice":
        return [c[0] for c in field.choices[:2]]
    if kind == "bool":
        return True
    if kind in ("number", "scale"):
        return 6
    if kind == "person":
        return MOTHER
    if kind == "persons":
        return [MOTHER, CHILD1]
    raise AssertionError(kind)


def case_document(templates: TemplateSet) -> dict[str, Any]:
    """The family as a case file (format v1), with answers for every template field."""
    roles = {p["id"]: p["role"] for p in PERSONS}
    forms: list[dict[str, Any]] = []
    items: list[dict[str, Any]] = []
    counter = iter(range(1, 100_000))
    for tpl in templates.ordered():
        for section in tpl.sections:
            free = [f for f in section.fields if not f.attr]
            kind = section.binding.kind
            if kind == "case" and free:
                forms.append(
                    {
                        "template": tpl.id,
                        "section": section.key,
                        "person": None,
                        "version": tpl.version,
                        "answers": {f.key: _value(f, next(counter)) for f in free},
                    }
                )
            elif kind == "person" and free:
                for pid, role in roles.items():
                    if role in section.binding.roles:
                        forms.append(
                            {
                                "template": tpl.id,
                                "section": section.key,
                                "person": pid,
                                "version": tpl.version,
                                "answers": {f.key: _value(f, next(counter)) for f in free},
                            }
                        )
            elif kind == "list" and section.binding.entity == "item":
                for position in range(2):
                    items.append(
                        {
                            "id": f"i-{tpl.id}-{section.key}-{position}"[:64],
                            "template": tpl.id,
                            "section": section.key,
                            "position": position,
                            "version": tpl.version,
                            "answers": {f.key: _value(f, next(counter)) for f in section.fields},
                        }
                    )
    return {
        "format": "casusregie-case",
        "version": 1,
        "case": {
            "id": CASE_ID,
            "family_name": FAMILY,
            "phase": "lokaal_team_gi",
            "regisseur": "Mirjam de Boer",
            "opened_on": "2023-11-20",
            "aanleiding": "Zorgen over ruzies thuis en het schoolverzuim van Noor",
        },
        "persons": PERSONS,
        "relations": [
            {
                "id": "r-ouders",
                "kind": "partner",
                "type": "uit_elkaar",
                "person_a": MOTHER,
                "person_b": FATHER,
                "start": "2010",
                "end": "2019",
            },
            {
                "id": "r-m-noor",
                "kind": "ouder_kind",
                "type": "biologisch",
                "person_a": MOTHER,
                "person_b": CHILD1,
            },
        ],
        "life_events": LIFE_EVENTS,
        "help_episodes": HELP,
        "forms": forms,
        "items": items,
    }


def case_strings(doc: dict[str, Any]) -> set[str]:
    """Every case value a screen could show, as text (names, events, answers...)."""
    out = {doc["case"]["family_name"], doc["case"]["aanleiding"], doc["case"]["regisseur"]}
    for person in doc["persons"]:
        out |= {
            person["name"],
            person.get("address", ""),
            person.get("phone", ""),
            person.get("relation_to_child", ""),
        }
    for event in doc["life_events"]:
        out.add(event["description"])
    for episode in doc["help_episodes"]:
        out |= {
            episode["provider"],
            episode.get("reason", ""),
            episode.get("goals", ""),
            episode.get("result", ""),
            episode.get("contact", ""),
        }
    for entry in [*doc["forms"], *doc["items"]]:
        out |= {
            v
            for v in entry["answers"].values()
            if isinstance(v, str) and v.startswith("Antwoordtekst")
        }
    return {s for s in out if s}
