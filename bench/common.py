"""Shared helpers for the benchmarks in ``bench/``.

``make_large_document`` builds one large, valid case-v1 document (see
``resources/schema/case-v1.schema.json``): a family with a wide network, partner and
parent-child relations, thousands of life events and tens of help episodes. The same
arguments always give the same document (ids, names, dates and texts come from a seeded
``random.Random``), so runs can be compared. It is invented data, never a real family.

Templates' forms and items are left out on purpose: they depend on the template
contents, which change, and they go through the same ``Transaction.create`` path.
"""

from __future__ import annotations

import random
import sys
import uuid
from pathlib import Path
from typing import Any

__all__ = ["ensure_importable", "make_large_document"]

_FIRST_F = (
    "Anna",
    "Fatima",
    "Sanne",
    "Lotte",
    "Noor",
    "Emma",
    "Yasmina",
    "Julia",
    "Sara",
    "Iris",
    "Maria",
    "Esra",
    "Femke",
    "Roos",
    "Aylin",
    "Nina",
)
_FIRST_M = (
    "Jan",
    "Mohammed",
    "Daan",
    "Sem",
    "Lucas",
    "Finn",
    "Yusuf",
    "Bram",
    "Kees",
    "Omar",
    "Thijs",
    "Milan",
    "Ruben",
    "Mehmet",
    "Joris",
    "Luuk",
)
_LAST = (
    "de Vries",
    "Jansen",
    "Bakker",
    "Yilmaz",
    "El Amrani",
    "Visser",
    "Smit",
    "Meijer",
    "de Boer",
    "Mulder",
    "de Groot",
    "Bos",
    "Vos",
    "Peters",
    "Hendriks",
    "Dekker",
)
_NETWORK_ROLES = ("grootouder", "familie", "netwerk", "professional", "overig")
_EVENT_WORDS = (
    "verhuizing",
    "ziekenhuisopname",
    "scheiding",
    "nieuwe baan",
    "ontslag",
    "geboorte",
    "overlijden",
    "schoolwissel",
    "melding Veilig Thuis",
    "schuldhulp gestart",
    "ruzie met buren",
    "vakantie",
    "diploma",
    "ziekte",
    "rechtszaak",
    "nieuwe partner",
    "uit huis geplaatst",
    "terug naar huis",
    "verslaving",
    "therapie",
)
_CATEGORIES = ("gezin", "gezondheid", "school", "werk", "wonen", "financien", "veiligheid")
_LEEFGEBIEDEN = (
    "opvoeding",
    "ontwikkeling kind",
    "gezondheid",
    "wonen",
    "financien",
    "werk en dagbesteding",
    "sociaal netwerk",
    "veiligheid",
)
_PROVIDERS = (
    "Jeugdteam Haaglanden",
    "GGZ Kind en Jeugd",
    "Schuldhulpverlening",
    "Maatschappelijk werk",
    "Opvoedondersteuning",
    "Huisarts (POH-GGZ)",
    "Verslavingszorg",
    "Gezinshuis",
    "Raad voor de Kinderbescherming",
    "Buurtteam",
)


def ensure_importable() -> None:
    """Make ``import casusregie`` work from a checkout without installing the package."""
    root = Path(__file__).resolve().parent.parent
    try:
        import casusregie  # noqa: F401
    except ImportError:
        sys.path.insert(0, str(root / "src"))
    try:
        import casusregie_resources  # noqa: F401
    except ImportError:
        # Installed, resources/ is the package casusregie_resources (pyproject.toml).
        import importlib.util

        spec = importlib.util.spec_from_file_location(
            "casusregie_resources",
            root / "resources" / "__init__.py",
            submodule_search_locations=[str(root / "resources")],
        )
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        sys.modules["casusregie_resources"] = module
        spec.loader.exec_module(module)


def _uuid(rng: random.Random) -> str:
    """A uuid4-shaped id, as the app's ``new_id`` makes, but from the seeded generator."""
    return str(uuid.UUID(int=rng.getrandbits(128), version=4))


def _date(rng: random.Random, first: int, last: int) -> str:
    """A partial date (year, month or day precision) between ``first`` and ``last``."""
    year = rng.randint(first, last)
    kind = rng.random()
    if kind < 0.15:
        return f"{year:04d}"
    month = rng.randint(1, 12)
    if kind < 0.35:
        return f"{year:04d}-{month:02d}"
    return f"{year:04d}-{month:02d}-{rng.randint(1, 28):02d}"


def _text(rng: random.Random, words: int) -> str:
    pool = (
        "de",
        "het",
        "moeder",
        "vader",
        "kind",
        "school",
        "gesprek",
        "zorgen",
        "afspraak",
        "thuis",
        "hulp",
        "geregeld",
        "niet",
        "wel",
        "samen",
        "huis",
        "geld",
        "werk",
        "buurvrouw",
        "oma",
        "opa",
        "leerkracht",
        "huisarts",
        "gemeente",
        "week",
    )
    return " ".join(rng.choice(pool) for _ in range(words)).capitalize() + "."


def make_large_document(
    persons: int = 80, events: int = 2000, episodes: int = 40, seed: int = 1
) -> dict[str, Any]:
    """A valid case-v1 document of the given size; the same arguments, the same document.

    Ids are uuid4 text like the app's own (their length matters for page counts).

    Persons: two parents and up to a third of the rest children (one index child), the
    others network roles. Relations: the parents' partnership and a parent-child relation
    from each parent to each child. Each life event names one to four persons; each help
    episode one to three.
    """
    if persons < 3:
        raise ValueError("need at least 3 persons (two parents and a child)")
    rng = random.Random(seed)
    case_id = _uuid(rng)
    family = rng.choice(_LAST)
    doc: dict[str, Any] = {
        "format": "casusregie-case",
        "version": 1,
        "case": {
            "id": case_id,
            "family_name": f"Familie {family}",
            "aanleiding": _text(rng, 30),
            "phase": "lokaal_team",
            "regisseur": "Benchmark-regisseur",
            "opened_on": "2023-09-01",
        },
    }

    people: list[dict[str, Any]] = []
    n_children = max(1, (persons - 2) // 3)
    for i in range(persons):
        if i == 0:
            role, gender, first, born = "moeder", "v", rng.choice(_FIRST_F), (1975, 1992)
        elif i == 1:
            role, gender, first, born = "vader", "m", rng.choice(_FIRST_M), (1972, 1990)
        elif i < 2 + n_children:
            gender = rng.choice(("v", "m"))
            first = rng.choice(_FIRST_F if gender == "v" else _FIRST_M)
            role, born = "kind", (2005, 2022)
        else:
            gender = rng.choice(("v", "m", "x", "onbekend"))
            first = rng.choice(_FIRST_F + _FIRST_M)
            role, born = rng.choice(_NETWORK_ROLES), (1940, 2000)
        deceased = role == "grootouder" and rng.random() < 0.3
        people.append(
            {
                "id": _uuid(rng),
                "name": f"{first} {family if i < 2 + n_children else rng.choice(_LAST)}",
                "birth_date": _date(rng, *born),
                "gender": gender,
                "role": role,
                "deceased": deceased,
                "death_date": _date(rng, 2010, 2023) if deceased else None,
                "index_child": i == 2,
                "relation_to_child": role,
                "address": f"Voorbeeldstraat {rng.randint(1, 300)}, Den Haag",
                "phone": f"06-{rng.randint(10_000_000, 99_999_999)}",
                "email": f"persoon{i}@voorbeeld.invalid",
            }
        )
    doc["persons"] = people
    ids = [p["id"] for p in people]

    relations: list[dict[str, Any]] = [
        {
            "id": _uuid(rng),
            "kind": "partner",
            "type": rng.choice(("huwelijk", "gescheiden")),
            "person_a": ids[0],
            "person_b": ids[1],
            "start": _date(rng, 1998, 2004),
            "end": None,
        }
    ]
    for child in ids[2 : 2 + n_children]:
        for parent in ids[:2]:
            relations.append(
                {
                    "id": _uuid(rng),
                    "kind": "ouder_kind",
                    "type": rng.choice(("biologisch", "biologisch", "biologisch", "stief")),
                    "person_a": parent,
                    "person_b": child,
                    "start": None,
                    "end": None,
                }
            )
    doc["relations"] = relations

    doc["life_events"] = [
        {
            "id": _uuid(rng),
            "date": _date(rng, 1995, 2024),
            "end_date": _date(rng, 2024, 2025) if rng.random() < 0.1 else None,
            "description": f"{rng.choice(_EVENT_WORDS).capitalize()}: {_text(rng, 12)}",
            "persons": rng.sample(ids, rng.randint(1, min(4, len(ids)))),
            "source": rng.choice(("moeder", "vader", "school", "dossier", "huisarts")),
            "certainty": rng.choice(("feit", "feit", "aanname")),
            "category": rng.choice(_CATEGORIES),
            "leefgebied": rng.choice(_LEEFGEBIEDEN),
        }
        for i in range(events)
    ]

    hulp: list[dict[str, Any]] = []
    for i in range(episodes):
        closed = rng.random() < 0.7
        hulp.append(
            {
                "id": _uuid(rng),
                "provider": rng.choice(_PROVIDERS),
                "start": _date(rng, 2010, 2022),
                "end": _date(rng, 2023, 2024) if closed else None,
                "status": "afgesloten" if closed else "lopend",
                "reason": _text(rng, 15),
                "aimed_at": rng.choice(("kind", "gezin", "ouder", None)),
                "goals": _text(rng, 20),
                "contact": f"Hulpverlener {i}, 070-{rng.randint(1_000_000, 9_999_999)}",
                "result": _text(rng, 10) if closed else "",
                "leefgebied": rng.choice(_LEEFGEBIEDEN),
                "persons": rng.sample(ids, rng.randint(1, min(3, len(ids)))),
            }
        )
    doc["help_episodes"] = hulp
    doc["forms"] = []
    doc["items"] = []
    return doc
