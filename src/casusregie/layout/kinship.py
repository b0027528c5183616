"""Who belongs in the genogram, in which generation, and which families they form.

A *family* is what hangs children under one line: a couple (a partner relation, or two
parents with no recorded relation) or a single parent. Each child is placed under one
family (biological first, then adoptive, then foster, then step); other parent links
are drawn as extra lines. Generations follow from the relations: a child sits at least
one generation below each parent, partners side by side; people with no relation get a
generation from their role.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache

from casusregie.domain.dates import PartialDate
from casusregie.domain.model import CaseFile, Person, Relation, RelationKind

__all__ = ["Family", "Kinship", "birth_key", "build_kinship", "date_key"]

#: Roles that are not kin: they appear in the sociogram, not the genogram (unless a
#: partner or parent relation ties them to the family).
NOT_KIN = {"netwerk", "professional"}
_PRIMARY_ORDER = ("biologisch", "adoptie", "pleeg", "stief")
_ROLE_GENERATION = {"kind": 0, "moeder": -1, "vader": -1, "partner": -1, "grootouder": -2}


@lru_cache(maxsize=4096)
def date_key(text: str | None) -> tuple[int, int, int]:
    try:
        return PartialDate.parse(text or "").sort_key()
    except ValueError:
        return (9999, 99, 99)


def birth_key(p: Person) -> tuple[tuple[int, int, int], str]:
    return date_key(p.birth_date), p.id


@dataclass
class Family:
    """Parents (one or two person ids) and the children linked to them, with link type."""

    key: str
    parents: tuple[str, ...]
    relation: Relation | None = None
    children: list[tuple[str, str]] = field(default_factory=list)


@dataclass
class Kinship:
    persons: dict[str, Person]
    generation: dict[str, int]
    families: dict[str, Family]
    #: child id -> key of the family it is drawn under
    primary: dict[str, str]
    #: person id -> ids of partners in the same generation (couples and implied couples)
    partners: dict[str, list[str]]
    #: (step-parent, child): drawn as a line of their own (the child hangs under its parent)
    steps: list[tuple[str, str]] = field(default_factory=list)


def _pair_key(a: str, b: str) -> str:
    return "u:" + "+".join(sorted((a, b)))


def build_kinship(cf: CaseFile) -> Kinship:
    rels = sorted(cf.relations, key=lambda r: r.id)
    tied = {pid for r in rels for pid in (r.person_a, r.person_b)}
    persons = {
        p.id: p for p in sorted(cf.persons, key=birth_key) if p.role not in NOT_KIN or p.id in tied
    }
    families: dict[str, Family] = {}
    for r in rels:
        if r.kind == RelationKind.PARTNER.value and r.person_a in persons and r.person_b in persons:
            key = _pair_key(r.person_a, r.person_b)
            if key not in families or _later(r, families[key].relation):
                families[key] = Family(key, tuple(sorted((r.person_a, r.person_b))), r)
    links: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for r in rels:
        parent, child = r.person_a, r.person_b
        linked = parent in persons and child in persons and parent != child
        if r.kind == RelationKind.PARENT_CHILD.value and linked:
            links[child][r.type].append(parent)
    primary: dict[str, str] = {}
    steps: list[tuple[str, str]] = []
    for child in sorted(links):
        by_type = links[child]
        for kind in _PRIMARY_ORDER:
            parents = sorted(set(by_type.get(kind, [])))
            if kind == "stief" and any(by_type.get(k) for k in _PRIMARY_ORDER[:3]):
                steps += [(parent, child) for parent in parents]  # a line of its own
                continue
            for i in range(0, len(parents), 2):
                pair = tuple(parents[i : i + 2])
                key = _pair_key(*pair) if len(pair) == 2 else f"s:{pair[0]}"
                fam = families.setdefault(key, Family(key, pair))
                fam.children.append((child, kind))
                primary.setdefault(child, key)
    generation = _generations(persons, families, cf)
    partners: dict[str, list[str]] = defaultdict(list)
    for fam in families.values():
        if len(fam.parents) == 2:
            a, b = fam.parents
            if generation[a] == generation[b]:
                partners[a].append(b)
                partners[b].append(a)
    return Kinship(persons, generation, families, primary, dict(partners), steps)


def _later(r: Relation, other: Relation | None) -> bool:
    return other is None or (date_key(r.start), r.id) > (date_key(other.start), other.id)


def _generations(
    persons: dict[str, Person], families: dict[str, Family], cf: CaseFile
) -> dict[str, int]:
    gen = dict.fromkeys(persons, 0)
    edges = [(p, c) for f in families.values() for c, _ in f.children for p in f.parents]
    couples = [f.parents for f in families.values() if len(f.parents) == 2]
    has_parents = {c for _, c in edges}
    kids_of: dict[str, list[str]] = defaultdict(list)
    for p, c in edges:
        kids_of[p].append(c)
    for _round in range(3):
        for _ in range(len(persons) + 2):
            changed = False
            for p, c in edges:
                if gen[c] < gen[p] + 1:
                    gen[c] = gen[p] + 1
                    changed = True
            for a, b in couples:
                top = max(gen[a], gen[b])
                changed |= gen[a] != top or gen[b] != top
                gen[a] = gen[b] = top
            if not changed:
                break
        moved = False  # a parent without parents goes just above its lowest child
        for p in persons:
            kids = [gen[c] for c in kids_of.get(p, ())]
            if p not in has_parents and kids and max(kids) - 1 > gen[p]:
                gen[p] = max(kids) - 1
                moved = True
        if not moved:
            break
    linked = {x for e in edges for x in e} | {x for c in couples for x in c}
    base = _index_generation(persons, gen, linked)
    for pid, person in persons.items():
        if pid not in linked:
            gen[pid] = base + _ROLE_GENERATION.get(person.role, -1)
    low = min(gen.values(), default=0)
    return {pid: g - low for pid, g in gen.items()}


def _index_generation(persons: dict[str, Person], gen: dict[str, int], linked: set[str]) -> int:
    for want in (lambda p: p.index_child, lambda p: p.role == "kind"):
        found = [gen[pid] for pid, p in persons.items() if pid in linked and want(p)]
        if found:
            return min(found)
    return max(gen.values(), default=0)
