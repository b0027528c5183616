"""The tijdlijn on paper: events carry the number of their row in the table under the
picture, no screen hint is printed, a dashed "nu" line marks the report's date, running
help is hatched (it differs from closed help in black and white), and the names of
legal milestones never cover each other, on seeded generated cases."""

from __future__ import annotations

import datetime as dt
import random

import pytest

from casusregie.domain.model import CaseFile, HelpEpisode, LifeEvent
from casusregie.layout import timeline
from casusregie.layout.primitives import Line, Picture, Rect, Text, bbox
from casusregie.layout.timeline import SHORTER
from casusregie.layout.timeline_data import event_numbers
from layout_families import CASE, events, generated

NOW = dt.date(2024, 6, 1)
_LEGAL_WORDS = (
    "huisverbod opgelegd",
    "OTS uitgesproken",
    "zitting bij de kinderrechter",
    "uithuisplaatsing",
    "gezag beëindigd",
    "politie-inzet",
    "Zorg- en Veiligheidshuis",
)


def _texts(pic: Picture, role: str) -> list[Text]:
    return [p for p in pic.items if isinstance(p, Text) and p.role == role]


def test_events_are_numbered_as_in_the_table() -> None:
    cf = events(40)
    numbers = event_numbers(cf)
    assert sorted(numbers.values()) == list(range(1, 41))
    assert [numbers[e.id] for e in cf.sorted_events()] == list(range(1, 41))
    pic = timeline(cf, as_of=NOW, numbers=numbers, max_lanes=24)
    shown = [t.text for t in _texts(pic, "event")]
    assert shown and all(t.isdigit() for t in shown)
    assert sorted(int(t) for t in shown) == list(range(1, 41))  # every event has its number


def test_no_screen_hint_on_paper() -> None:
    cf = events(600)
    screen = timeline(cf, as_of=NOW)
    paper = timeline(cf, as_of=NOW, numbers=event_numbers(cf))
    assert any(SHORTER in t.text for t in _texts(screen, "note"))
    assert not any(SHORTER in p.text for p in paper.items if isinstance(p, Text))


def test_now_is_marked_when_it_lies_in_the_period() -> None:
    cf = events(30)
    pic = timeline(cf, as_of=NOW)
    lines = [p for p in pic.items if isinstance(p, Line) and p.role == "now"]
    assert len(lines) == 1 and lines[0].x1 == lines[0].x2
    assert [t.text for t in _texts(pic, "now")] == ["nu"]
    early = timeline(cf, as_of=dt.date(1990, 1, 1), end=dt.date(2010, 1, 1))
    assert not [p for p in early.items if p.role == "now"]


def test_running_help_is_hatched_and_closed_help_is_not() -> None:
    cf = events(60)
    cf.help_episodes[0].end = None  # one still running
    cf.help_episodes[0].status = "lopend"
    cf.help_episodes[1].end = "2012-05"
    pic = timeline(cf, as_of=NOW)
    bars = [p for p in pic.items if isinstance(p, Rect) and p.role == "bar"]
    hatches = [p for p in pic.items if isinstance(p, Line) and p.role == "hatch"]
    running = {h.id for h in cf.help_episodes if h.end is None}
    assert running and len(running) < len(cf.help_episodes)

    def inside(line: Line, bar: Rect) -> bool:
        xs, ys = (line.x1, line.x2), (line.y1, line.y2)
        return all(bar.x - 1e-6 <= x <= bar.x + bar.w + 1e-6 for x in xs) and all(
            bar.y - 1e-6 <= y <= bar.y + bar.h + 1e-6 for y in ys
        )

    hatched = [b for b in bars if any(inside(h, b) for h in hatches)]
    solid = [b for b in bars if b not in hatched]
    assert len(hatched) >= 1 and len(solid) >= 1
    assert all(b.fill == "#ffffff" for b in hatched)  # white with lines: not a grey tone
    assert len({b.fill for b in solid}) == 1 and solid[0].fill != "#ffffff"
    assert all(any(inside(h, b) for b in hatched) for h in hatches)


def _legal_case(seed: int) -> CaseFile:
    rnd = random.Random(seed)
    cf = generated(8, seed)
    for i in range(rnd.randint(4, 16)):
        year = 2010 + rnd.randint(0, 3)  # crowded on purpose
        cf.life_events.append(
            LifeEvent(
                f"j{i}",
                CASE,
                date=f"{year}-{rnd.randint(1, 12):02d}",
                description=rnd.choice(_LEGAL_WORDS),
                leefgebied="justitie",
            )
        )
    cf.help_episodes.append(
        HelpEpisode("h", CASE, provider="Wijkteam", start="2009", status="lopend")
    )
    return cf


@pytest.mark.parametrize("seed", range(25))
def test_milestone_labels_never_collide(seed: int) -> None:
    pic = timeline(_legal_case(seed), as_of=NOW, width=180.0)
    labels = _texts(pic, "legal")
    assert len(labels) >= 4
    boxes = [bbox(t) for t in labels]
    for i, a in enumerate(boxes):
        assert a.x0 >= 0 and a.x1 <= pic.width + 1e-6
        for b in boxes[i + 1 :]:
            assert not a.overlaps(b), (labels[i].text, a, b)
    legend_top = min(bbox(p).y0 for p in pic.items if p.role.startswith("legend"))
    assert all(b.y1 <= legend_top for b in boxes)
    others = [bbox(p) for p in pic.items if isinstance(p, Text) and p.role != "legal"]
    for label, box in zip(labels, boxes, strict=True):
        assert not any(box.overlaps(o) for o in others), label.text
