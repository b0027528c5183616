"""The one age function of the app: how old a person is on a day, and what follows.

A birth date may be known to the day, the month or only the year (``PartialDate``). A
year-only birth date cannot tell which side of a birthday a child is on (DOMAIN.md): born
"2014", the child is 11 or 12 on 1 June 2026. So the age is a *range* (youngest and
oldest possible), and every conclusion drawn from it says "unknown: ask" when the range
crosses the line that matters, instead of rounding one way here and another way there:

- ``age_on`` gives the whole years when they are certain, else None;
- ``age_band`` gives the consent group (under 12, 12 up to 16, 16 and older), or
  ``ONBEKEND`` when the youngest and oldest possible age fall in different groups;
- ``is_adult`` gives True/False, or None when the child may or may not be 18 yet.

The vergewisplicht (``rules.children``) and the consent ledger (``domain.consent``, whose
``AgeGroup.ONZEKER`` is ``ONBEKEND`` here, and ``ONBEKEND`` is no birth date at all) both
build on ``age_range``, so they never disagree on a child's age group. A group changes on
the birthday itself (born 14 March 2014: 12 on 14 March 2026). Pure: no I/O.
"""

from __future__ import annotations

import datetime as dt

from casusregie.domain.dates import PartialDate

__all__ = [
    "ADULT",
    "BANDS",
    "ONBEKEND",
    "ONDER_12",
    "TWAALF_TOT_16",
    "VANAF_16",
    "age_band",
    "age_on",
    "age_range",
    "band_of",
    "birthday",
    "exact_age",
    "is_adult",
    "surely",
]

ONDER_12 = "onder_12"
TWAALF_TOT_16 = "12_16"
VANAF_16 = "16_plus"
ONBEKEND = "onbekend"
#: band -> Dutch, in age order (the keys are the choices of gesprekken_kinderen)
BANDS = {
    ONDER_12: "jonger dan 12",
    TWAALF_TOT_16: "12 tot 16 jaar",
    VANAF_16: "16 jaar of ouder",
}
ADULT = 18


def _years(born: dt.date, day: dt.date) -> int:
    return max(day.year - born.year - ((day.month, day.day) < (born.month, born.day)), 0)


def _birth(birth: str | None) -> PartialDate | None:
    """The birth date as recorded, or None when there is none or it cannot be read."""
    if not birth:
        return None
    try:
        return PartialDate.parse(birth)
    except (ValueError, AttributeError):
        return None


def age_range(birth: str | None, day: dt.date) -> tuple[int, int] | None:
    """(youngest, oldest) possible whole years on ``day``; None without a birth date.

    Born on the last possible day of the known period gives the youngest age, born on
    the first the oldest. For a full date both are the same.
    """
    pd = _birth(birth)
    if pd is None:
        return None
    return _years(pd.latest(), day), _years(pd.earliest(), day)


def age_on(birth: str | None, day: dt.date) -> int | None:
    """Whole years on ``day`` when certain; None when unknown or not certain."""
    span = age_range(birth, day)
    if span is None or span[0] != span[1]:
        return None
    return span[0]


#: the same as ``age_on`` (the name the consent ledger uses)
exact_age = age_on


def band_of(years: int) -> str:
    """The consent group of a known whole age."""
    if years < 12:
        return ONDER_12
    if years < 16:
        return TWAALF_TOT_16
    return VANAF_16


def age_band(birth: str | None, day: dt.date) -> str:
    """The consent group on ``day`` (a key of ``BANDS``), or ``ONBEKEND`` ("ask")."""
    span = age_range(birth, day)
    if span is None:
        return ONBEKEND
    low, high = band_of(span[0]), band_of(span[1])
    return low if low == high else ONBEKEND


def is_adult(birth: str | None, day: dt.date) -> bool | None:
    """18 or older on ``day``: True, False, or None when it cannot be told."""
    span = age_range(birth, day)
    if span is None:
        return None
    if span[0] >= ADULT:
        return True
    if span[1] < ADULT:
        return False
    return None


def birthday(birth: str | None, years: int) -> dt.date | None:
    """The day the person turns ``years``: known only for a full birth date (29 February
    counts from 1 March in other years)."""
    pd = _birth(birth)
    if pd is None:
        return None
    if pd.day is None:
        return None
    return _anniversary(pd.earliest(), years)


def surely(birth: str | None, years: int) -> dt.date | None:
    """The first day the person is certainly ``years`` old (the birthday for a full
    date; for a month or year alone, counted from its last possible day)."""
    pd = _birth(birth)
    if pd is None:
        return None
    return _anniversary(pd.latest(), years)


def _anniversary(born: dt.date, years: int) -> dt.date:
    try:
        return born.replace(year=born.year + years)
    except ValueError:
        return dt.date(born.year + years, 3, 1)
