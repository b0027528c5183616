"""Invented families for the picture tests and the layout benchmark (never real people).

``Family`` builds a ``CaseFile`` person by person; the named families cover the hard
cases of a genogram (remarriage with half-siblings, adoption and foster care, twins, a
marriage between cousins), and ``generated`` makes one of any size, the same every time
for the same arguments.
"""

from __future__ import annotations

import random
from typing import Any

from casusregie.domain.model import (
    Case,
    CaseFile,
    HelpEpisode,
    Item,
    LifeEvent,
    Person,
    Relation,
)

CASE = "casus-tekening"


class Family:
    def __init__(self, name: str = "Testgezin") -> None:
        self.cf = CaseFile(Case(CASE, CASE, family_name=name))
        self._n = 0

    def person(self, name: str, born: str, gender: str, role: str = "familie", **kw: Any) -> str:
        pid = f"p{len(self.cf.persons):03d}"
        self.cf.persons.append(
            Person(pid, CASE, name=name, birth_date=born, gender=gender, role=role, **kw)
        )
        return pid

    def _rel_id(self) -> str:
        self._n += 1
        return f"r{self._n:04d}"

    def couple(
        self,
        a: str,
        b: str,
        kind: str = "huwelijk",
        start: str | None = None,
        end: str | None = None,
    ) -> None:
        self.cf.relations.append(Relation(self._rel_id(), CASE, "partner", kind, a, b, start, end))

    def child(self, parent: str, child: str, kind: str = "biologisch") -> None:
        self.cf.relations.append(Relation(self._rel_id(), CASE, "ouder_kind", kind, parent, child))

    def children(self, parents: tuple[str, ...], *kids: str, kind: str = "biologisch") -> None:
        for kid in kids:
            for p in parents:
                self.child(p, kid, kind)

    def emotion(self, a: str, b: str, soort: str, richting: str | None = None) -> None:
        answers = {"van": a, "naar": b, "soort": soort}
        if richting:
            answers["richting"] = richting
        n = len(self.cf.items)
        self.cf.items.append(
            Item(f"i{n:04d}", CASE, "genogram", "emotionele_relaties", position=n, answers=answers)
        )

    def household(self, *members: str, tot: str | None = None) -> None:
        n = len(self.cf.items)
        answers: dict[str, Any] = {"leden": list(members), "vanaf": "2020"}
        if tot:
            answers["tot"] = tot
        self.cf.items.append(
            Item(f"i{n:04d}", CASE, "genogram", "huishoudens", position=n, answers=answers)
        )


def remarriage() -> CaseFile:
    """Three generations: a father with two marriages, a mother who remarried, half-siblings
    on both sides, an aunt's family, a deceased grandfather."""
    f = Family("Hertrouwd")
    opa = f.person("Gerrit Visser", "1950", "m", "grootouder", deceased=True, death_date="2019")
    oma = f.person("Truus Visser-de Boer", "1952", "v", "grootouder")
    f.couple(opa, oma, start="1972")
    vader = f.person("Peter Visser", "1975-03-02", "m", "vader")
    tante = f.person("Anja Visser", "1978", "v", "familie")
    f.children((opa, oma), vader, tante)
    oom = f.person("Kees Bos", "1976", "m", "familie")
    f.couple(tante, oom, "samenwonend", "2001")
    f.children((tante, oom), f.person("Lisa Bos", "2003", "v", "familie"))
    ex = f.person("Nguyễn Thị Lan", "1977", "v", "moeder")
    f.couple(vader, ex, "gescheiden", "2000", "2008")
    k1 = f.person("Tim Visser", "2002-05-01", "m", "kind")
    k2 = f.person("Sara Visser", "2005-09-12", "v", "kind", index_child=True)
    f.children((vader, ex), k1, k2)
    nieuw = f.person("Özlem Çelik", "1982", "v", "partner")
    f.couple(vader, nieuw, "huwelijk", "2010")
    k3 = f.person("Emre Visser", "2011-01-20", "m", "kind")
    f.children((vader, nieuw), k3)
    stief = f.person("Deniz Çelik", "2006", "x", "kind")
    f.child(nieuw, stief)
    f.child(vader, stief, "stief")
    tweede = f.person("Ruud Jansen", "1974", "m", "partner")
    f.couple(ex, tweede, "samenwonend", "2012")
    noah = f.person("Noah Jansen", "2014", "m", "kind")
    f.children((ex, tweede), noah)
    f.emotion(vader, ex, "conflict")
    f.emotion(tweede, k2, "violence", "a_naar_b")
    f.emotion(k2, oma, "close")
    f.emotion(k1, vader, "cut-off")
    f.emotion(k2, nieuw, "distant")
    f.household(ex, tweede, k2, noah)
    f.household(vader, nieuw, k3, stief)
    return f.cf


def adoption_foster() -> CaseFile:
    f = Family("Pleeg")
    a, b = (
        f.person("Marco Rossi", "1970", "m", "vader"),
        f.person("Ilse Rossi", "1972", "v", "moeder"),
    )
    f.couple(a, b, start="1995")
    eigen = f.person("Luca Rossi", "1998", "m", "kind")
    f.children((a, b), eigen)
    adopt = f.person("Mei Rossi", "2004", "v", "kind")
    f.children((a, b), adopt, kind="adoptie")
    bio = f.person("Joyce Mulder", "1990", "v", "familie")
    pleeg = f.person("Jesse Mulder", "2012", "m", "kind", index_child=True)
    f.child(bio, pleeg)
    f.children((a, b), pleeg, kind="pleeg")
    pleeg2 = f.person("Amira Haddad", "2015", "v", "kind")
    f.children((a, b), pleeg2, kind="pleeg")
    f.household(a, b, adopt, pleeg, pleeg2)
    f.emotion(pleeg, bio, "distant")
    return f.cf


def twins() -> CaseFile:
    f = Family("Tweeling")
    a, b = (
        f.person("Jan de Groot", "1980", "m", "vader"),
        f.person("Eva de Groot", "1982", "v", "moeder"),
    )
    f.couple(a, b, start="2005")
    f.children((a, b), f.person("Bram de Groot", "2007-02-02", "m", "kind"))
    f.children((a, b), f.person("Fenna de Groot", "2010-06-15", "v", "kind", index_child=True))
    f.children((a, b), f.person("Floor de Groot", "2010-06-15", "v", "kind"))
    f.children((a, b), f.person("Sem de Groot", "2013", "m", "kind"))
    return f.cf


def cousins() -> CaseFile:
    """A consanguinity loop: two first cousins married, with a child."""
    f = Family("Neven")
    g1, g2 = (
        f.person("Ahmed El Idrissi", "1940", "m", "grootouder"),
        f.person("Fatima El Idrissi", "1944", "v", "grootouder"),
    )
    f.couple(g1, g2, start="1962")
    s1 = f.person("Hassan El Idrissi", "1965", "m", "familie")
    s2 = f.person("Naima El Idrissi", "1968", "v", "familie")
    f.children((g1, g2), s1, s2)
    w1, h2 = (
        f.person("Khadija Amrani", "1967", "v", "familie"),
        f.person("Youssef Bakkali", "1964", "m", "familie"),
    )
    f.couple(s1, w1, start="1988")
    f.couple(s2, h2, start="1989")
    c1 = f.person("Karim El Idrissi", "1990", "m", "vader")
    c2 = f.person("Salma Bakkali", "1992", "v", "moeder")
    f.children((s1, w1), f.person("Mounir El Idrissi", "1989", "m", "familie"), c1)
    f.children((s2, h2), c2, f.person("Ilham Bakkali", "1995", "v", "familie"))
    f.couple(c1, c2, start="2012")
    adam = f.person("Adam El Idrissi", "2014", "m", "kind", index_child=True)
    f.children((c1, c2), adam)
    f.household(c1, c2, adam)
    return f.cf


_FIRST = {
    "m": ("Jan", "Mohammed", "Daan", "Sem", "Luuk", "Omar", "Bram", "Kees"),
    "v": ("Anna", "Fatima", "Noor", "Emma", "Sara", "Iris", "Roos", "Aylin"),
}
_LAST = ("de Vries", "Jansen", "Yilmaz", "El Amrani", "Visser", "Smit", "Meijer", "de Boer")


def generated(n: int, seed: int = 1, generations: int = 4) -> CaseFile:
    """A family of about ``n`` people over ``generations`` generations: couples, some
    divorced and remarried, their children, a few emotional lines and a household."""
    rnd = random.Random(seed)
    f = Family(f"Generated {n}")

    def someone(gender: str, year: int, role: str = "familie") -> str:
        name = f"{rnd.choice(_FIRST[gender])} {rnd.choice(_LAST)}"
        return f.person(
            name, f"{year}-{rnd.randint(1, 12):02d}-{rnd.randint(1, 28):02d}", gender, role
        )

    frontier = [(someone("m", 1940), someone("v", 1942), 0, 1940)]
    while len(f.cf.persons) < n and frontier:
        a, b, gen, year = frontier.pop(0)
        kids = [someone(rnd.choice("mv"), year + 24 + 3 * i) for i in range(rnd.randint(2, 4))]
        f.children((a, b), *kids)
        if gen + 2 >= generations:
            continue
        for kid in kids:
            if len(f.cf.persons) >= n or rnd.random() > 0.75:
                continue
            g = "v" if f.cf.person(kid).gender == "m" else "m"  # type: ignore[union-attr]
            partner = someone(g, year + 25)
            kind = rnd.choice(("huwelijk", "samenwonend", "gescheiden", "uit_elkaar"))
            f.couple(kid, partner, kind, str(year + 45))
            frontier.append((kid, partner, gen + 1, year + 25))
            if rnd.random() < 0.4:  # the partner's parents (in-laws) are in the case too
                inlaws = (someone("m", year - 2), someone("v", year))
                f.couple(*inlaws, start=str(year + 20))
                f.children(inlaws, partner)
                frontier.append((*inlaws, gen, year))
            if kind in ("gescheiden", "uit_elkaar") and rnd.random() < 0.5:
                second = someone(g, year + 28)
                f.couple(kid, second, "huwelijk", str(year + 55))
                frontier.append((kid, second, gen + 1, year + 32))
    ids = [p.id for p in f.cf.persons]
    kin = sorted((r.person_a, r.person_b) for r in f.cf.relations)  # as in real genograms:
    for a, b in rnd.sample(kin, min(len(kin), max(2, n // 10))):  # between relatives
        f.emotion(
            a, b, rnd.choice(("close", "conflict", "violence", "cut-off", "distant")), "a_naar_b"
        )
    f.cf.persons[-1].index_child = True
    f.household(*ids[-3:])
    return f.cf


def events(n: int, seed: int = 2) -> CaseFile:
    """A case with ``n`` life events and n/20 help episodes over 25 years."""
    rnd = random.Random(seed)
    cf = generated(12, seed)
    ids = [p.id for p in cf.persons]
    areas = ("opgroeien", "school", "opvoeding", "financien", "huisvesting", "justitie")
    for i in range(n):
        date = f"{2000 + rnd.randint(0, 24)}-{rnd.randint(1, 12):02d}"
        cf.life_events.append(
            LifeEvent(
                f"e{i:05d}",
                CASE,
                date=date,
                description=f"Gebeurtenis {i} met wat uitleg erbij",
                persons=rnd.sample(ids, 2),
                leefgebied=rnd.choice(areas),
            )
        )
    for i in range(max(3, n // 20)):
        start = 2000 + rnd.randint(0, 22)
        end = (
            None if rnd.random() < 0.2 else f"{start + rnd.randint(0, 2)}-{rnd.randint(1, 12):02d}"
        )
        cf.help_episodes.append(
            HelpEpisode(
                f"h{i:04d}",
                CASE,
                provider=f"Hulp {i}",
                start=f"{start}-03",
                end=end,
                status="lopend" if end is None else "afgesloten",
                leefgebied=rnd.choice(areas),
                persons=rnd.sample(ids, 1),
            )
        )
    return cf


FAMILIES = {
    "hertrouwd": remarriage,
    "vier_generaties_60": lambda: generated(60, seed=4),
    "adoptie_pleeg": adoption_foster,
    "tweeling": twins,
    "neven_getrouwd": cousins,
}


def tangled(seed: int) -> CaseFile:
    """Random relations, contradictions included (a parent of oneself's partner, cycles,
    many partners): what a half-filled case can look like."""
    rnd = random.Random(seed)
    f = Family("Kluwen")
    dates = ("", "1980", "1990-05", "2001-02-03", "19xx")
    ids = [
        f.person(f"P{i} " + "x" * rnd.randint(0, 30), rnd.choice(dates), rnd.choice("mvx?"))
        for i in range(rnd.randint(1, 25))
    ]
    for _ in range(rnd.randint(0, 2 * len(ids))):
        a, b = rnd.choice(ids), rnd.choice(ids)
        if rnd.random() < 0.4:
            kind = rnd.choice(("huwelijk", "samenwonend", "relatie", "uit_elkaar", "gescheiden"))
            f.couple(a, b, kind, rnd.choice((None, "2000")), rnd.choice((None, "2005")))
        else:
            f.child(a, b, rnd.choice(("biologisch", "stief", "pleeg", "adoptie")))
    for _ in range(rnd.randint(0, len(ids))):
        f.emotion(rnd.choice(ids), rnd.choice(ids), rnd.choice(("close", "conflict", "x")))
    f.household(*rnd.sample(ids, min(len(ids), rnd.randint(0, 4))))
    return f.cf
