"""The genogram layout on hard families: nothing overlaps, no line runs through a symbol,
the McGoldrick conventions hold, hand placement is respected, and the same case always
gives the same picture."""

from __future__ import annotations

import random
from dataclasses import replace

import pytest

from casusregie.domain.model import CaseFile
from casusregie.layout import genogram
from casusregie.layout.kinship import build_kinship
from casusregie.layout.primitives import Line, Picture, Polyline, Text
from layout_checks import (
    lines_through_symbols,
    overlapping_symbols,
    overlapping_texts,
    person_boxes,
    point_in_polygon,
)
from layout_families import (
    FAMILIES,
    adoption_foster,
    cousins,
    generated,
    remarriage,
    tangled,
    twins,
)


def _centre(pic: Picture, pid: str) -> tuple[float, float]:
    b = person_boxes(pic)[pid]
    return (b.x0 + b.x1) / 2, (b.y0 + b.y1) / 2


def _id(cf: CaseFile, name: str) -> str:
    return next(p.id for p in cf.persons if p.name == name)


@pytest.mark.parametrize("name", sorted(FAMILIES))
def test_nothing_overlaps_and_no_line_crosses_a_symbol(name: str) -> None:
    cf = FAMILIES[name]()
    pic = genogram(cf)
    assert set(person_boxes(pic)) == set(build_kinship(cf).persons)
    assert overlapping_symbols(pic) == []
    assert overlapping_texts(pic) == []
    assert lines_through_symbols(pic, cf) == []
    emotions = [i for i in cf.items if i.section == "emotionele_relaties"]
    drawn = {p.key for p in pic.items if p.role == "emotional"}
    assert drawn == {f"emotion:{i.id}" for i in emotions}


@pytest.mark.parametrize("name", sorted(FAMILIES))
def test_same_case_same_picture_whatever_the_order(name: str) -> None:
    cf = FAMILIES[name]()
    first = genogram(cf)
    assert genogram(cf) == first
    rnd = random.Random(7)
    shuffled = replace(
        cf,
        persons=rnd.sample(cf.persons, len(cf.persons)),
        relations=rnd.sample(cf.relations, len(cf.relations)),
    )
    assert genogram(shuffled) == first


def test_generations_partners_and_children_in_birth_order() -> None:
    cf = remarriage()
    pic = genogram(cf)
    y = {p.name: _centre(pic, p.id)[1] for p in cf.persons}
    x = {p.name: _centre(pic, p.id)[0] for p in cf.persons}
    assert y["Gerrit Visser"] < y["Peter Visser"] < y["Sara Visser"]
    assert y["Peter Visser"] == y["Nguyễn Thị Lan"] == y["Özlem Çelik"] == y["Ruud Jansen"]
    assert y["Noah Jansen"] == y["Emre Visser"] == y["Sara Visser"]
    assert x["Tim Visser"] < x["Sara Visser"]  # oldest on the left
    # several partners in sequence: the first partner on one side, the second on the other
    assert x["Nguyễn Thị Lan"] < x["Peter Visser"] < x["Özlem Çelik"]
    # the half-siblings hang under their own parents' unions
    assert x["Noah Jansen"] < x["Emre Visser"]


def test_divorce_two_bars_separation_one_and_a_legend() -> None:
    cf = remarriage()
    pic = genogram(cf)
    slashes = [
        p
        for p in pic.items
        if isinstance(p, Line)
        and p.role == "structure"
        and abs(p.x2 - p.x1) > 0.5
        and abs(p.y2 - p.y1) > 0.5
    ]
    assert len(slashes) == 2  # one divorce (two bars), no separation in this family
    legend = {p.text for p in pic.items if isinstance(p, Text) and p.role == "legend"}
    assert {
        "Man",
        "Vrouw",
        "Anders/onbekend",
        "Overleden",
        "Indexkind",
        "Getrouwd",
        "Samenwonend",
        "Gescheiden",
        "Hecht",
        "Conflict",
        "Verbroken",
        "Afstandelijk",
    } <= legend
    assert not any(t.isascii() and t.lower() in {"male", "female", "divorced"} for t in legend)


def test_adoption_foster_lines_and_household_boundary() -> None:
    cf = adoption_foster()
    pic = genogram(cf)
    dashes = {p.pen.dash for p in pic.items if isinstance(p, Line) and p.role == "structure"}
    assert (2.2, 1.0) in dashes and (0.5, 0.9) in dashes  # adoption dashed, foster dotted
    households = [p for p in pic.items if isinstance(p, Polyline) and p.role == "household"]
    assert len(households) == 1
    members = cf.items[0].answers["leden"]
    for pid in members:
        assert point_in_polygon(*_centre(pic, pid), households[0].points)
    joyce = _id(cf, "Joyce Mulder")
    assert not point_in_polygon(*_centre(pic, joyce), households[0].points)


def test_twins_share_one_point_on_the_sibling_line() -> None:
    cf = twins()
    pic = genogram(cf)
    tops = {
        _id(cf, n): person_boxes(pic)[_id(cf, n)].y0 for n in ("Fenna de Groot", "Floor de Groot")
    }
    legs = [
        p
        for p in pic.items
        if isinstance(p, Line)
        and p.role == "structure"
        and any(abs(p.y2 - top) < 1e-6 and abs(p.x1 - p.x2) > 1 for top in tops.values())
    ]
    assert len(legs) == 2 and legs[0].x1 == legs[1].x1 and legs[0].y1 == legs[1].y1


def test_cousins_married_keep_one_generation() -> None:
    cf = cousins()
    kin = build_kinship(cf)
    karim, salma = _id(cf, "Karim El Idrissi"), _id(cf, "Salma Bakkali")
    assert kin.generation[karim] == kin.generation[salma] == 2
    pic = genogram(cf)
    assert abs(_centre(pic, karim)[0] - _centre(pic, salma)[0]) < 40  # side by side


def test_a_dragged_person_stays_where_it_was_put() -> None:
    cf = remarriage()
    pid = _id(cf, "Lisa Bos")
    before = genogram(cf)
    x, y = _centre(before, pid)
    after = genogram(cf, {pid: (x - 60.0, y + 50.0)})
    assert _centre(after, pid)[0] == pytest.approx(x - 60.0, abs=0.01)
    assert _centre(after, pid)[1] == y  # the generation keeps the row
    assert overlapping_symbols(after) == []
    assert lines_through_symbols(after, cf) == []


def test_ages_only_with_a_reference_date() -> None:
    import datetime as dt

    cf = twins()

    def marks(pic: Picture) -> list[str]:
        return [p.text for p in pic.items if isinstance(p, Text) and p.role == "symbol-mark"]

    assert marks(genogram(cf)) == []
    assert "15" in marks(genogram(cf, as_of=dt.date(2025, 6, 15)))


def test_gezag_and_maatregel_marks_with_a_legend() -> None:
    import datetime as dt

    cf = twins()
    kids = [p for p in cf.persons if p.role == "kind"]
    assert len(kids) >= 2
    kids[0].custody, kids[0].custody_holders = "een_ouder", [cf.persons[0].id]
    kids[1].measure, kids[1].measure_from, kids[1].measure_until = "ots", "2024-01", "2025-01"

    def texts(pic: Picture) -> list[str]:
        return [p.text for p in pic.items if isinstance(p, Text)]

    during = texts(genogram(cf, as_of=dt.date(2024, 6, 1)))
    assert any(t.endswith("· 1G") for t in during) and any(t.endswith("· OTS") for t in during)
    assert "Gezag bij één ouder" in during
    assert "Ondertoezichtstelling (de ouders houden het gezag)" in during
    after = texts(genogram(cf, as_of=dt.date(2025, 6, 1)))  # the OTS has ended
    assert not any(t.endswith("· OTS") for t in after) and any(t.endswith("· 1G") for t in after)
    assert sum(t == "OTS" for t in during) == 1  # the legend's sample


def test_sixty_people_in_four_generations() -> None:
    cf = generated(60, seed=4)
    assert len(cf.persons) >= 60
    kin = build_kinship(cf)
    assert sorted(set(kin.generation.values())) == [0, 1, 2, 3]
    pic = genogram(cf)
    rows = {round(b.y0, 3) for b in person_boxes(pic).values()}
    assert len(rows) == 4


def test_an_empty_case_says_so() -> None:
    cf = remarriage()
    empty = replace(cf, persons=[], relations=[], items=[])
    pic = genogram(empty)
    assert [p.text for p in pic.items if isinstance(p, Text)] == [
        "Nog geen personen in het genogram."
    ]


@pytest.mark.parametrize("seed", range(40))
def test_tangled_relations_still_give_a_clean_picture(seed: int) -> None:
    cf = tangled(seed)
    pic = genogram(cf)
    assert overlapping_symbols(pic) == []
    assert overlapping_texts(pic) == []
    assert [x for x in lines_through_symbols(pic, cf) if not x.startswith("emotional")] == []
