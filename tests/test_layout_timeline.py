"""The tijdlijn layout: zoom to a period, filter by person, legal milestones, repeated
help on one leefgebied, crowded periods, and staying inside its own frame."""

from __future__ import annotations

import datetime as dt

from casusregie.domain.model import CaseFile, HelpEpisode, LifeEvent
from casusregie.layout import timeline
from casusregie.layout.primitives import Picture, Rect, Text, bbox
from casusregie.layout.timeline import REPEAT_PEN
from casusregie.layout.timeline_data import legal_label
from layout_families import CASE, events, remarriage


def _case() -> CaseFile:
    cf = remarriage()
    sara, tim = cf.persons[8].id, cf.persons[7].id
    cf.life_events += [
        LifeEvent(
            "e1", CASE, date="2015-03", description="Verhuizing naar Den Haag", persons=[sara]
        ),
        LifeEvent(
            "e2",
            CASE,
            date="2018-06-14",
            description="De burgemeester legt een huisverbod op",
            persons=[sara],
            leefgebied="justitie",
        ),
        LifeEvent(
            "e3",
            CASE,
            date="2021",
            end_date="2022",
            description="Tim woont bij oma",
            persons=[tim],
            certainty="aanname",
        ),
        LifeEvent(
            "e4",
            CASE,
            date="2023-09-01",
            description="Zitting kinderrechter: OTS uitgesproken",
            persons=[sara],
            category="juridisch",
        ),
    ]
    cf.help_episodes += [
        HelpEpisode(
            "h1",
            CASE,
            provider="Opvoedondersteuning",
            start="2016-01",
            end="2016-09",
            status="afgesloten",
            leefgebied="opvoeding",
            persons=[sara],
        ),
        HelpEpisode(
            "h2",
            CASE,
            provider="Gezinscoach",
            start="2019-02",
            end="2019-12",
            status="afgesloten",
            leefgebied="opvoeding",
            persons=[sara],
        ),
        HelpEpisode(
            "h3",
            CASE,
            provider="Schuldhulp",
            start="2020-05",
            status="lopend",
            leefgebied="financien",
            persons=[tim],
        ),
    ]
    return cf


def _texts(pic: Picture, role: str) -> list[str]:
    return [p.text for p in pic.items if isinstance(p, Text) and p.role == role]


def test_events_help_and_legal_milestones() -> None:
    pic = timeline(_case(), as_of=dt.date(2024, 1, 1), labels={"opvoeding": "Opvoedvaardigheden"})
    assert len([p for p in pic.items if p.role == "event-dot"]) == 4
    assert sorted(_texts(pic, "legal")) == ["Huisverbod", "OTS"]
    assert any(t.startswith("Opvoedvaardigheden (2× hulp)") for t in _texts(pic, "row-label"))
    repeat = [p for p in pic.items if p.role == "repeat"]
    assert len(repeat) == 1  # help on opvoeding started again after it had stopped
    bars = [p for p in pic.items if isinstance(p, Rect) and p.role == "bar"]
    assert [b.pen == REPEAT_PEN for b in bars].count(True) == 1  # only the second one
    assert {
        "Gebeurtenis (feit)",
        "Aanname",
        "Periode",
        "Hulp lopend (gearceerd)",
        "Juridische mijlpaal",
        "Opnieuw hulp op hetzelfde leefgebied",
    } <= set(_texts(pic, "legend"))


def test_zoom_and_person_filter() -> None:
    cf = _case()
    pic = timeline(cf, start=dt.date(2018, 1, 1), end=dt.date(2019, 12, 31))
    assert len([p for p in pic.items if p.role == "event-dot"]) == 1
    assert {t for t in _texts(pic, "bar-label")} == {"Gezinscoach"}
    tim = cf.persons[7].id
    only_tim = timeline(cf, persons={tim}, group_by="persoon")
    assert len([p for p in only_tim.items if p.role == "event-dot"]) == 1
    assert _texts(only_tim, "row-label") == ["Tim Visser"]


def test_legal_label_needs_justitie_or_a_legal_category() -> None:
    plain = LifeEvent("x", CASE, date="2020", description="Gesprek over een mogelijke OTS")
    assert legal_label(plain) == ""
    assert (
        legal_label(
            LifeEvent(
                "y", CASE, date="2020", description="Politie komt langs", leefgebied="justitie"
            )
        )
        == "Politie"
    )


def test_crowded_periods_keep_every_dot_and_say_how_many_lack_text() -> None:
    cf = events(400)
    pic = timeline(cf, max_lanes=10)
    assert len([p for p in pic.items if p.role == "event-dot"]) == 400
    labelled = len(_texts(pic, "event"))
    assert labelled < 400
    note = _texts(pic, "note")
    assert note == [
        f"{400 - labelled} gebeurtenissen zonder tekst (te dicht op elkaar): "
        "kies een kortere periode."
    ]


def test_everything_inside_the_frame_and_deterministic() -> None:
    cf = events(300)
    pic = timeline(cf, as_of=dt.date(2025, 1, 1))
    for p in pic.items:
        b = bbox(p)
        assert pic.x0 - 0.01 <= b.x0 and b.x1 <= pic.x0 + pic.width + 0.01, p
        assert pic.y0 - 0.01 <= b.y0 and b.y1 <= pic.y0 + pic.height + 0.01, p
    assert timeline(cf, as_of=dt.date(2025, 1, 1)) == pic


def test_labels_in_a_lane_never_overlap() -> None:
    pic = timeline(events(200))
    boxes = [bbox(p) for p in pic.items if p.role == "event"]
    for i, a in enumerate(boxes):
        for b in boxes[i + 1 :]:
            assert not a.overlaps(b)


def test_nothing_to_show() -> None:
    pic = timeline(CaseFile(remarriage().case))
    assert _texts(pic, "") == ["Nog geen gebeurtenissen of hulpverlening in deze periode."]
