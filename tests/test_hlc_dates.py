"""Hybrid logical clock stamps and partial dates (pure domain code)."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest
from hypothesis import given
from hypothesis import strategies as st

from casusregie.domain.dates import PartialDate, Precision
from casusregie.domain.hlc import HLC, Clock

# -- HLC -----------------------------------------------------------------------------

stamps = st.builds(
    HLC,
    st.integers(0, 10**15 - 1),
    st.integers(0, 10**6 - 1),
    st.from_regex(r"[0-9a-f]{12}", fullmatch=True),
)


@given(stamps)
def test_hlc_encode_decode(stamp: HLC) -> None:
    assert HLC.decode(stamp.encode()) == stamp


@given(stamps, stamps)
def test_hlc_text_sorts_like_stamp(a: HLC, b: HLC) -> None:
    assert (a < b) == (a.encode() < b.encode())
    assert (a == b) == (a.encode() == b.encode())


def test_hlc_device_with_dash_survives() -> None:
    stamp = HLC(5, 1, "dev-ice-1")
    assert HLC.decode(stamp.encode()) == stamp


def test_clock_monotonic_when_wall_clock_goes_back() -> None:
    clock = Clock("a")
    walls = [1000, 1000, 1001, 999, 500, 1001, 1002, 2000, 1500, 1500]
    issued = [clock.now(w) for w in walls]
    assert all(x < y for x, y in itertools.pairwise(issued))
    assert issued[0] == HLC(1000, 0, "a")
    assert issued[1] == HLC(1000, 1, "a")
    assert issued[3].millis == 1001  # never goes back to the wall clock's 999
    assert issued[7] == HLC(2000, 0, "a")


@given(st.lists(st.integers(0, 10**12), min_size=1, max_size=50))
def test_clock_always_increases(walls: list[int]) -> None:
    clock = Clock("d")
    issued = [clock.now(w) for w in walls]
    assert all(x < y for x, y in itertools.pairwise(issued))
    assert all(s.millis >= w for s, w in zip(issued, walls, strict=True))


def test_clock_resumes_after_last() -> None:
    last = HLC(5000, 7, "a")
    clock = Clock("a", last)
    assert clock.now(10) > last
    assert clock.now(6000) == HLC(6000, 0, "a")


def test_observe_moves_past_remote() -> None:
    clock = Clock("a")
    clock.now(1000)
    remote = HLC(5000, 3, "b")
    merged = clock.observe(remote, wall_millis=1200)
    assert merged == HLC(5000, 4, "a")
    assert merged > remote
    assert clock.now(1300) > merged  # later local stamps stay after what was seen


def test_observe_cases() -> None:
    clock = Clock("a")
    assert clock.observe(HLC(10, 2, "b"), wall_millis=50) == HLC(50, 0, "a")  # wall wins
    assert clock.observe(HLC(20, 9, "b"), wall_millis=30) == HLC(50, 1, "a")  # local wins
    assert clock.observe(HLC(50, 7, "b"), wall_millis=40) == HLC(50, 8, "a")  # equal


@given(
    st.lists(
        st.tuples(
            st.booleans(),
            stamps.map(lambda h: HLC(h.millis, h.counter, "b")),
            st.integers(0, 10**15 - 1),
        ),
        max_size=30,
    )
)
def test_observe_and_now_always_increase(events: list[tuple[bool, HLC, int]]) -> None:
    clock = Clock("a")
    previous: HLC | None = None
    for remote_first, remote, wall in events:
        stamp = clock.observe(remote, wall) if remote_first else clock.now(wall)
        if remote_first:
            assert (stamp.millis, stamp.counter) > (remote.millis, remote.counter)
        if previous is not None:
            assert stamp > previous
        previous = stamp


# -- partial dates -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "precision", "dutch"),
    [
        ("2016", Precision.YEAR, "2016"),
        ("2016-05", Precision.MONTH, "mei 2016"),
        ("2016-05-14", Precision.DAY, "14 mei 2016"),
        ("2020-02-29", Precision.DAY, "29 februari 2020"),
        ("1999-12", Precision.MONTH, "december 1999"),
        (" 2001-01-01 ", Precision.DAY, "1 januari 2001"),
    ],
)
def test_parse_precision_dutch(text: str, precision: Precision, dutch: str) -> None:
    date = PartialDate.parse(text)
    assert date.precision == precision
    assert date.dutch() == dutch
    assert str(date) == text.strip()


@pytest.mark.parametrize(
    "text",
    [
        "",
        "16",
        "20160",
        "2016-5",
        "2016-13",
        "2016-05-1",
        "2021-02-29",
        "2016-04-31",
        "2016-05-14T10:00",
        "14-05-2016",
        "2016/05/14",
        "twintig",
        "2016-05-",
        "0000",
        "2016-05-32",
        pytest.param("2016-00", id="month-zero"),
        pytest.param("2016-05-00", id="day-zero"),
        pytest.param("٢٠١٦", id="arabic-indic-digits"),
    ],
)
def test_invalid_dates_rejected(text: str) -> None:
    with pytest.raises(ValueError):
        PartialDate.parse(text)


def test_day_without_month_rejected() -> None:
    with pytest.raises(ValueError):
        PartialDate(2016, None, 5)


def test_year_sorts_before_dates_inside_it() -> None:
    texts = ["2016-05-14", "2015", "2016", "2016-05", "2016-01-01", "2017-01"]
    ordered = sorted(PartialDate.parse(t) for t in texts)
    assert [str(d) for d in ordered] == [
        "2015",
        "2016",
        "2016-01-01",
        "2016-05",
        "2016-05-14",
        "2017-01",
    ]


def test_earliest_latest() -> None:
    assert PartialDate.parse("2016").earliest() == dt.date(2016, 1, 1)
    assert PartialDate.parse("2016").latest() == dt.date(2016, 12, 31)
    assert PartialDate.parse("2016-02").latest() == dt.date(2016, 2, 29)
    assert PartialDate.parse("2016-12").latest() == dt.date(2016, 12, 31)
    assert PartialDate.parse("2016-12-03").latest() == dt.date(2016, 12, 3)


@given(st.dates(min_value=dt.date(1000, 1, 1), max_value=dt.date(9999, 12, 31)))
def test_from_date_round_trip(day: dt.date) -> None:
    date = PartialDate.from_date(day)
    assert PartialDate.parse(str(date)) == date
    assert date.earliest() == day == date.latest()


@given(st.dates(), st.dates())
def test_ordering_matches_calendar_for_full_dates(a: dt.date, b: dt.date) -> None:
    pa, pb = PartialDate.from_date(a), PartialDate.from_date(b)
    assert (pa < pb) == (a < b)
